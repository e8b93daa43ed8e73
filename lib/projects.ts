import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { createDefaultCodebook } from "@/lib/codebook";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { afterCursor, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission, visibleProjectsWhere } from "@/lib/permissions";
import { type ProjectPublishing, publisherInput, reviewUrlTemplateInput } from "@/lib/publishing";
import { label, optionalText, parseInput } from "@/lib/validation";

const createProjectInput = z.strictObject({
  name: label(200),
  description: optionalText(5000),
});

export interface ProjectView extends ProjectPublishing {
  id: string;
  name: string;
  description: string | null;
  /** The caller's role in the project (a site admin who is not a member: null). */
  role: ProjectRole | null;
  /** Whether reviewers see each other's unapproved annotations (false: blind coding, the default). */
  reviewersSeeEachOther: boolean;
  articleCount: number;
  createdAt: string;
  updatedAt: string;
}

const projectSelect = (actor: Actor) =>
  ({
    id: true,
    name: true,
    description: true,
    reviewersSeeEachOther: true,
    publisherName: true,
    publisherUrl: true,
    publisherLogoUrl: true,
    reviewUrlTemplate: true,
    createdAt: true,
    updatedAt: true,
    memberships: { where: { userId: actor.userId }, select: { role: true } },
    _count: { select: { articles: { where: { deletedAt: null } } } },
  }) as const;

type ProjectRow = {
  id: string;
  name: string;
  description: string | null;
  reviewersSeeEachOther: boolean;
  publisherName: string | null;
  publisherUrl: string | null;
  publisherLogoUrl: string | null;
  reviewUrlTemplate: string | null;
  createdAt: Date;
  updatedAt: Date;
  memberships: { role: ProjectRole }[];
  _count: { articles: number };
};

function toProjectView(row: ProjectRow): ProjectView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    role: row.memberships[0]?.role ?? null,
    reviewersSeeEachOther: row.reviewersSeeEachOther,
    publisher:
      row.publisherName && row.publisherUrl
        ? { name: row.publisherName, url: row.publisherUrl, logoUrl: row.publisherLogoUrl }
        : null,
    reviewUrlTemplate: row.reviewUrlTemplate,
    articleCount: row._count.articles,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The projects the caller is a member of (all of them for a site admin), oldest first. */
export async function listProjects(actor: Actor, query: unknown): Promise<Page<ProjectView>> {
  const { limit, cursor } = parseInput(pageQuery, query);
  const rows = await db().project.findMany({
    where: { ...visibleProjectsWhere(actor), ...afterCursor(cursor) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: projectSelect(actor),
  });
  return toPage(rows, limit, toProjectView);
}

/** One project, with the caller's effective role in it (a site admin acts as an editor). */
export async function getProject(actor: Actor, projectId: string): Promise<ProjectView & { role: ProjectRole }> {
  const access = await requireProjectPermission(actor, projectId, "project.read");
  const row = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: projectSelect(actor) });
  return { ...toProjectView(row), role: access.role };
}

/**
 * Creates a project with the default codebook; the caller becomes its editor.
 * `options.id` lets the demo seed give its project a fixed id (idempotence).
 */
export async function createProject(actor: Actor, input: unknown, options: { id?: string } = {}): Promise<ProjectView> {
  const { name, description } = parseInput(createProjectInput, input);
  return db().$transaction(async (tx) => {
    const project = await tx.project.create({
      data: {
        ...(options.id ? { id: options.id } : {}),
        name,
        description: description ?? null,
        memberships: { create: { userId: actor.userId, role: "EDITOR" } },
      },
      select: projectSelect(actor),
    });
    await createDefaultCodebook(tx, project.id);
    await recordAudit(tx, actor, {
      projectId: project.id,
      action: "project.create",
      entityType: "Project",
      entityId: project.id,
      after: { name: project.name, description: project.description },
    });
    return toProjectView(project);
  });
}

const updateProjectInput = z
  .strictObject({
    name: label(200).optional(),
    description: optionalText(5000),
    reviewersSeeEachOther: z.boolean().optional(),
    publisher: publisherInput,
    reviewUrlTemplate: reviewUrlTemplateInput,
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), "nothing to change");

/**
 * Renames the project, changes its description, switches blind coding, or sets how its fact-checks are published
 * (editors).
 */
export async function updateProject(
  actor: Actor,
  projectId: string,
  input: unknown,
): Promise<ProjectView & { role: ProjectRole }> {
  const access = await requireProjectPermission(actor, projectId, "project.update");
  const changes = parseInput(updateProjectInput, input);
  return db().$transaction(async (tx) => {
    const before = toProjectView(
      await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: projectSelect(actor) }),
    );
    const after = toProjectView(
      await tx.project.update({
        where: { id: projectId },
        data: {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.reviewersSeeEachOther !== undefined
            ? { reviewersSeeEachOther: changes.reviewersSeeEachOther }
            : {}),
          ...(changes.publisher !== undefined
            ? {
                publisherName: changes.publisher?.name ?? null,
                publisherUrl: changes.publisher?.url ?? null,
                publisherLogoUrl: changes.publisher?.logoUrl ?? null,
              }
            : {}),
          ...(changes.reviewUrlTemplate !== undefined ? { reviewUrlTemplate: changes.reviewUrlTemplate } : {}),
        },
        select: projectSelect(actor),
      }),
    );
    const { name, description, reviewersSeeEachOther, publisher, reviewUrlTemplate } = after;
    await recordAudit(tx, actor, {
      projectId,
      action: "project.update",
      entityType: "Project",
      entityId: projectId,
      before: {
        name: before.name,
        description: before.description,
        reviewersSeeEachOther: before.reviewersSeeEachOther,
        publisher: before.publisher,
        reviewUrlTemplate: before.reviewUrlTemplate,
      },
      after: { name, description, reviewersSeeEachOther, publisher, reviewUrlTemplate },
    });
    return { ...after, role: access.role };
  });
}

/**
 * Deletes the project (editors): it leaves every member's list, and all its
 * routes answer 404 from then on. A soft delete, as for articles: its rows
 * and their history stay in the database.
 */
export async function deleteProject(actor: Actor, projectId: string): Promise<void> {
  await requireProjectPermission(actor, projectId, "project.delete");
  await db().$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: projectId, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count === 0) throw notFound("Project"); // deleted concurrently
    await recordAudit(tx, actor, { projectId, action: "project.delete", entityType: "Project", entityId: projectId });
  });
}
