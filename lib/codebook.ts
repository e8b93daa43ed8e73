import "server-only";
import type { Actor } from "@/lib/actor";
import { DEFAULT_CODEBOOK } from "@/lib/codebook/defaults";
import { db, type DbClient } from "@/lib/db";
import type { TagGroupKind } from "@/lib/generated/prisma/enums";
import { type Page, pageInMemory, pageQuery } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";

export interface TagView {
  id: string;
  name: string;
  description: string | null;
  color: string;
  shortcut: string | null;
  position: number;
  archived: boolean;
  group: { id: string; name: string; kind: TagGroupKind };
}

/** Creates the default codebook in a new project (inside its creating transaction). */
export async function createDefaultCodebook(tx: DbClient, projectId: string): Promise<void> {
  for (const [groupIndex, group] of DEFAULT_CODEBOOK.entries()) {
    const created = await tx.tagGroup.create({
      data: { projectId, name: group.name, kind: group.kind, description: group.description, position: groupIndex },
      select: { id: true },
    });
    await tx.tag.createMany({
      data: group.tags.map((tag, tagIndex) => ({
        projectId,
        groupId: created.id,
        name: tag.name,
        description: tag.description,
        color: tag.color,
        shortcut: tag.shortcut ?? null,
        position: tagIndex,
      })),
    });
  }
}

/**
 * The project's codebook, in the order editors arranged it (group, then tag).
 * A codebook is small, so it is ordered in memory and paged by the last id.
 */
export async function listTags(actor: Actor, projectId: string, query: unknown): Promise<Page<TagView>> {
  await requireProjectPermission(actor, projectId, "codebook.read");
  const page = parseInput(pageQuery, query);
  return pageInMemory(await codebookInOrder(projectId), page, toTagView);
}

/** The whole codebook, in order, for pages that show it at once (tag pickers, filters). */
export async function listCodebook(actor: Actor, projectId: string): Promise<TagView[]> {
  await requireProjectPermission(actor, projectId, "codebook.read");
  return (await codebookInOrder(projectId)).map(toTagView);
}

async function codebookInOrder(projectId: string) {
  const tags = await db().tag.findMany({
    where: { projectId },
    include: { group: { select: { id: true, name: true, kind: true, position: true } } },
  });
  return tags.sort((a, b) => a.group.position - b.group.position || a.position - b.position || a.id.localeCompare(b.id));
}

function toTagView({ group, ...tag }: Awaited<ReturnType<typeof codebookInOrder>>[number]): TagView {
  return {
    id: tag.id,
    name: tag.name,
    description: tag.description,
    color: tag.color,
    shortcut: tag.shortcut,
    position: tag.position,
    archived: tag.archivedAt !== null,
    group: { id: group.id, name: group.name, kind: group.kind },
  };
}
