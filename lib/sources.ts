import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { db, type DbClient } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockMergePair, parseMergeTarget, recordMergeMoves } from "@/lib/merging";
import { assertNameFree, findNamed, guardName } from "@/lib/names";
import { type Page, pageInMemory, pageQuery } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, label, optionalText, optionalWebUrl, parseInput } from "@/lib/validation";
import { v7 as uuidv7 } from "uuid";
import { siteOf } from "@/lib/articles/outlet-name";

/**
 * An outlet, with what a researcher notes about it (ownership, lean) and how many of the project's articles it
 * published.
 */
export interface SourceView {
  id: string;
  projectId: string;
  name: string;
  homepage: string | null;
  notes: string | null;
  articleCount: number;
  createdAt: string;
  updatedAt: string;
}

/** An outlet as the API takes it (and a project file's outlets: lib/imports). */
export const sourceFields = { name: label(200), homepage: optionalWebUrl, notes: optionalText(2000) };

const updateSourceInput = z
  .strictObject({ ...sourceFields, name: sourceFields.name.optional() })
  .refine(
    (changes) => Object.values(changes).some((value) => value !== undefined),
    "nothing to change: send name, homepage or notes",
  );

const sourceSelect = {
  id: true,
  projectId: true,
  name: true,
  homepage: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { articles: { where: { deletedAt: null } } } },
} as const satisfies Prisma.SourceSelect;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

function toSourceView(row: SourceRow): SourceView {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    homepage: row.homepage,
    notes: row.notes,
    articleCount: row._count.articles,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The project's outlets by name (sources come into being when an article names its outlet). */
export async function listSources(actor: Actor, projectId: string, query: unknown): Promise<Page<SourceView>> {
  await requireProjectPermission(actor, projectId, "article.read");
  const page = parseInput(pageQuery, query);
  const rows = await db().source.findMany({ where: { projectId }, select: sourceSelect });
  return pageInMemory(
    rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    page,
    toSourceView,
  );
}

/**
 * The project's outlet named `name` (in any case and normal form: lib/names), else the one named so but for
 * a leading "The" ("Jerusalem Post" is "The Jerusalem Post"), if there is one. Read FOR KEY SHARE inside the
 * caller's transaction: an outlet being deleted at this moment is waited for, then not found, never
 * referenced once gone.
 */
export async function findSourceByName(
  tx: DbClient,
  projectId: string,
  name: string,
): Promise<{ id: string } | undefined> {
  const [found] = await findNamed(tx, "source", projectId, { names: [name], lock: true });
  if (found) return found;
  const [withoutThe] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM sources
    WHERE project_id = ${projectId}::uuid
      AND regexp_replace(parallax_name_key(name), '^the[[:space:]]+', '')
        = regexp_replace(parallax_name_key(${name}), '^the[[:space:]]+', '')
    ORDER BY created_at, id LIMIT 1 FOR KEY SHARE`;
  return withoutThe;
}

/**
 * The project's outlet whose homepage is on one of these sites (hosts without `www.`, lib/articles/outlet-name),
 * the oldest first; read FOR KEY SHARE as findSourceByName.
 */
async function findSourceBySite(tx: DbClient, projectId: string, sites: string[]): Promise<{ id: string } | undefined> {
  if (sites.length === 0) return undefined;
  const [found] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM sources
    WHERE project_id = ${projectId}::uuid
      AND lower(substring(homepage FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@?#]*@)?(?:www[.])?([^/:?#]+)'))
        = ANY (${sites}::text[])
    ORDER BY created_at, id LIMIT 1 FOR KEY SHARE`;
  return found;
}

/**
 * What else tells an article's outlet when the caller did not name it (an import left it to the page): the
 * article's URL and the outlet's homepage as the page states it. An outlet of the project on the same site is
 * the article's; a new outlet gets the homepage.
 */
export interface OutletSite {
  articleUrl: string | null;
  homepage: string | null;
}

/**
 * The id of the article's outlet: the project's outlet named `name` (findSourceByName), else (with `site`) the
 * one whose homepage is on the article's or the stated homepage's site, else one made (and audited) with that
 * name and homepage; null when no name is given and none matches. Two imports naming a new outlet at once
 * share one: the second waits for the first's insert (the unique index), then finds its outlet.
 */
export async function findOrCreateSource(
  tx: DbClient,
  actor: Actor,
  projectId: string,
  name: string | null,
  site?: OutletSite,
): Promise<string | null> {
  const sites = site ? [...new Set([siteOf(site.articleUrl), siteOf(site.homepage)])].filter((s) => s !== null) : [];
  // A second round only when the outlet found by the insert was deleted before it could be read.
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing =
      (name === null ? undefined : await findSourceByName(tx, projectId, name)) ??
      (await findSourceBySite(tx, projectId, sites));
    if (existing) return existing.id;
    if (name === null) return null;
    const homepage = site?.homepage ?? null;
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO sources (id, project_id, name, homepage, updated_at)
        VALUES (${uuidv7()}::uuid, ${projectId}::uuid, ${name}, ${homepage}, now())
      ON CONFLICT (project_id, parallax_name_key(name)) DO NOTHING RETURNING id`;
    if (created) {
      await recordAudit(tx, actor, {
        projectId,
        action: "source.create",
        entityType: "Source",
        entityId: created.id,
        after: homepage ? { name, homepage } : { name },
      });
      return created.id;
    }
  }
  throw conflict(`The outlet '${name}' was being made and deleted at the same time; try again.`);
}

async function requireSource(actor: Actor, sourceId: string, action: "article.read" | "article.update") {
  if (!isUuid(sourceId)) throw notFound("Source");
  const found = await db().source.findUnique({ where: { id: sourceId }, select: { projectId: true } });
  if (!found) throw notFound("Source");
  return requireProjectPermission(actor, found.projectId, action);
}

export async function getSource(actor: Actor, sourceId: string): Promise<SourceView> {
  await requireSource(actor, sourceId, "article.read");
  return toSourceView(await db().source.findUniqueOrThrow({ where: { id: sourceId }, select: sourceSelect }));
}

/**
 * Renames an outlet or notes its homepage, ownership and lean (editors); a name another outlet of the project has is a
 * 409.
 */
export async function updateSource(actor: Actor, sourceId: string, input: unknown): Promise<SourceView> {
  const { projectId } = await requireSource(actor, sourceId, "article.update");
  const changes = parseInput(updateSourceInput, input);
  return guardName("source", projectId, changes.name, () =>
    db().$transaction(async (tx) => {
      if (changes.name !== undefined) await assertNameFree(tx, "source", projectId, changes.name, sourceId);
      const before = await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: sourceSelect });
      // Fields left out are undefined, which Prisma leaves as they are.
      const after = await tx.source.update({ where: { id: sourceId }, data: changes, select: sourceSelect });
      await recordAudit(tx, actor, {
        projectId,
        action: "source.update",
        entityType: "Source",
        entityId: sourceId,
        before: toSourceView(before),
        after: toSourceView(after),
      });
      return toSourceView(after);
    }),
  );
}

/**
 * Deletes an outlet that no live article names any more (editors); while
 * articles name it, a 409 says how many. Deleted articles that named it are
 * left without an outlet.
 */
export async function deleteSource(actor: Actor, sourceId: string): Promise<void> {
  const { projectId } = await requireSource(actor, sourceId, "article.update");
  await db().$transaction(async (tx) => {
    // Locked first, so an import naming the outlet either commits before the count below sees it or waits and makes the
    // outlet anew.
    await tx.$queryRaw`SELECT id FROM sources WHERE id = ${sourceId}::uuid FOR UPDATE`;
    const before = toSourceView(await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: sourceSelect }));
    if (before.articleCount > 0) {
      const articles = `${before.articleCount} article${before.articleCount === 1 ? "" : "s"}`;
      throw conflict(`'${before.name}' still has ${articles}: give them another outlet or delete them first.`, {
        articleCount: before.articleCount,
      });
    }
    await tx.source.delete({ where: { id: sourceId } });
    await recordAudit(tx, actor, {
      projectId,
      action: "source.delete",
      entityType: "Source",
      entityId: sourceId,
      before,
    });
  });
}

/** What a survivor of a merge takes from the merged outlet when it has none (recorded as `filledIn`). */
export const SURVIVOR_GAINS = ["homepage", "notes"] as const;

/**
 * Merges the outlet into another of the same project (`into`, the survivor),
 * as when imports spelled one outlet two ways (editors): its articles, deleted
 * ones too, move to the survivor, which keeps its name and gains the homepage
 * and notes it lacked; the merged outlet is deleted. What moved is recorded,
 * for undoSourceMerge (lib/restore/merges).
 */
export async function mergeSource(actor: Actor, sourceId: string, input: unknown): Promise<SourceView> {
  const { projectId } = await requireSource(actor, sourceId, "article.update");
  const into = parseMergeTarget("outlet", sourceId, input);
  return db().$transaction(async (tx) => {
    // An import naming either outlet waits for the merge.
    await lockMergePair(tx, "outlet", projectId, sourceId, into);
    const merged = await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: sourceSelect });
    const survivor = await tx.source.findUniqueOrThrow({ where: { id: into }, select: sourceSelect });
    const moved = await tx.article.updateManyAndReturn({
      where: { sourceId },
      data: { sourceId: into },
      select: { id: true },
    });
    const filledIn = SURVIVOR_GAINS.filter((field) => survivor[field] === null && merged[field] !== null);
    const after = await tx.source.update({
      where: { id: into },
      data: { homepage: survivor.homepage ?? merged.homepage, notes: survivor.notes ?? merged.notes },
      select: sourceSelect,
    });
    await tx.source.delete({ where: { id: sourceId } });
    await recordMergeMoves(
      tx,
      projectId,
      sourceId,
      moved.map((article) => ({ movedId: article.id, kind: "ARTICLE_MOVED" })),
    );
    await recordAudit(tx, actor, {
      projectId,
      action: "source.merge",
      entityType: "Source",
      entityId: sourceId,
      before: toSourceView(merged),
      after: { mergedInto: into, articlesMoved: moved.length, ...(filledIn.length ? { filledIn } : {}) },
    });
    return toSourceView(after);
  });
}

/** For undoing a merge (lib/restore/merges): the same columns and view. */
export { sourceSelect, toSourceView };
