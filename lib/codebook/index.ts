import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { findRuleBreaches, type RuleBreach } from "@/lib/codebook/breaches";
import { DEFAULT_CODEBOOK } from "@/lib/codebook/defaults";
import { firstClash, MAX_SHORTCUT_KEYS } from "@/lib/codebook/shortcuts";
import { db, type DbClient } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { TagGroupChoice, type TagGroupKind } from "@/lib/generated/prisma/enums";
import { type Page, pageInMemory, pageQuery } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { assertNameFree, findNamed, guardName } from "@/lib/names";
import { isUuid, label, optionalText, parseInput } from "@/lib/validation";
import { v7 as uuidv7 } from "uuid";

export interface TagView {
  id: string;
  name: string;
  description: string | null;
  color: string;
  shortcut: string | null;
  position: number;
  archived: boolean;
  group: { id: string; name: string; kind: TagGroupKind; choice: TagGroupChoice; required: boolean };
}

/** Creates the default codebook in a new project (inside its creating transaction). */
export async function createDefaultCodebook(tx: DbClient, projectId: string): Promise<void> {
  for (const [groupIndex, group] of DEFAULT_CODEBOOK.entries()) {
    const created = await tx.tagGroup.create({
      data: {
        projectId,
        name: group.name,
        kind: group.kind,
        description: group.description,
        choice: group.choice,
        required: group.required,
        position: groupIndex,
      },
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

const groupSelect = { id: true, name: true, kind: true, position: true, choice: true, required: true } as const;

async function codebookInOrder(projectId: string) {
  const tags = await db().tag.findMany({
    where: { projectId },
    include: { group: { select: groupSelect } },
  });
  return tags.sort(
    (a, b) => a.group.position - b.group.position || a.position - b.position || a.id.localeCompare(b.id),
  );
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
    group: { id: group.id, name: group.name, kind: group.kind, choice: group.choice, required: group.required },
  };
}

const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour as #rrggbb")
  .transform((value) => value.toLowerCase());
/**
 * One or two visible keys (letters, digits or signs; not a space): "f", or "ml" for m then l. Stored lower-case:
 * shortcuts ignore case.
 */
const shortcut = z
  .string()
  .regex(
    new RegExp(`^\\S{1,${MAX_SHORTCUT_KEYS}}$`, "u"),
    `must be one key or a sequence of up to ${MAX_SHORTCUT_KEYS} keys (characters, no space)`,
  )
  .refine((value) => !value.includes("/"), "'/' is kept for the tag search")
  .transform((value) => value.toLowerCase())
  .nullable();
const groupRef = label(200);
/** An index among the tags of a group or among the groups; beyond the end means last. */
const position = z.int().min(0).max(10_000);

/** A tag as the API takes it (and a project file's codebook: lib/imports). */
export const tagFields = { name: label(200), description: optionalText(2000), color, shortcut: shortcut.optional() };
/** A codebook group as the API takes it (and a project file's codebook). */
export const tagGroupFields = {
  name: groupRef,
  description: optionalText(2000),
  /** single: one tag of the group per annotation at most; multiple: any number. */
  choice: z.enum(TagGroupChoice).optional(),
  /** Whether an annotation needs a tag of the group to be submitted or approved. */
  required: z.boolean().optional(),
};

const createTagInput = z.strictObject({
  ...tagFields,
  /** The group's id or name; a new name makes a new custom group. */
  group: groupRef,
  position: position.optional(),
});
const updateTagInput = z
  .strictObject({
    ...tagFields,
    name: tagFields.name.optional(),
    group: groupRef.optional(),
    color: color.optional(),
    position: position.optional(),
    archived: z.boolean().optional(),
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), "nothing to change");

async function tagRow(tx: DbClient, tagId: string) {
  return tx.tag.findUniqueOrThrow({
    where: { id: tagId },
    include: { group: { select: groupSelect } },
  });
}

/**
 * The group named (by id, or by name in any case and normal form: lib/names) in the project; a new name makes
 * a custom group at the end. Two tags naming one new group at once share it: the second insert waits for the
 * first (the unique index), then finds its group.
 */
async function resolveGroup(tx: DbClient, projectId: string, ref: string): Promise<string> {
  if (isUuid(ref)) {
    const byId = await tx.tagGroup.findFirst({ where: { projectId, id: ref }, select: { id: true } });
    if (byId) return byId.id;
  }
  const [existing] = await findNamed(tx, "tagGroup", projectId, { names: [ref] });
  if (existing) return existing.id;
  const [created] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO tag_groups (id, project_id, name, kind, position, updated_at)
    SELECT ${uuidv7()}::uuid, ${projectId}::uuid, ${ref}, 'CUSTOM', coalesce(max(position), -1) + 1, now()
    FROM tag_groups WHERE project_id = ${projectId}::uuid
    ON CONFLICT (project_id, parallax_name_key(name)) DO NOTHING RETURNING id`;
  return created?.id ?? (await findNamed(tx, "tagGroup", projectId, { names: [ref] }))[0]!.id;
}

/**
 * Names and shortcuts are unique within a project, and no shortcut starts another ("m" beside "ml"): say which
 * tag already has them (409). Shortcut checks of one project take turns (a lock until the transaction ends), so
 * two writes at once cannot each miss the other's prefix; the unique index alone only refuses equal ones.
 */
async function assertUnique(
  tx: DbClient,
  projectId: string,
  values: { name?: string; shortcut?: string | null },
  exceptTagId?: string,
) {
  if (values.name !== undefined) await assertNameFree(tx, "tag", projectId, values.name, exceptTagId);
  if (values.shortcut) {
    await lockShortcuts(tx, projectId);
    const taken = await tx.tag.findMany({
      where: { projectId, shortcut: { not: null }, ...(exceptTagId ? { id: { not: exceptTagId } } : {}) },
      select: { id: true, name: true, shortcut: true },
    });
    const clash = firstClash(values.shortcut, taken);
    if (clash?.shortcut === values.shortcut)
      throw conflict(`The shortcut '${values.shortcut}' is already used by the tag '${clash.name}'.`, {
        field: "shortcut",
        tagId: clash.id,
      });
    if (clash)
      throw conflict(
        `The shortcut '${values.shortcut}' overlaps the shortcut '${clash.shortcut}' of the tag '${clash.name}': ` +
          "one would start the other.",
        { field: "shortcut", tagId: clash.id },
      );
  }
}

/** Waits for other shortcut changes of the project to commit (a transaction-level advisory lock). */
export async function lockShortcuts(tx: DbClient, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tag-shortcuts:${projectId}`}, 0))`;
}

/** The ids in their new order: `id` inserted among `others` at `position` (at the end when absent or too large). */
function orderWith(others: { id: string }[], id: string, position: number | undefined): string[] {
  const order = others.map((other) => other.id);
  order.splice(Math.min(position ?? order.length, order.length), 0, id);
  return order;
}

/** Puts the tag at `position` among its group's tags (0 = first), renumbering the others. */
async function placeTag(tx: DbClient, tagId: string, groupId: string, position: number | undefined) {
  const siblings = await tx.tag.findMany({
    where: { groupId, id: { not: tagId } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  for (const [index, id] of orderWith(siblings, tagId, position).entries())
    await tx.tag.update({ where: { id }, data: { position: index } });
}

/** Adds a tag to the project's codebook (editors). */
export async function createTag(actor: Actor, projectId: string, input: unknown): Promise<TagView> {
  await requireProjectPermission(actor, projectId, "codebook.update");
  const { name, group, description, color: tagColor, shortcut: key, position } = parseInput(createTagInput, input);
  return guardName("tag", projectId, name, () =>
    db().$transaction(async (tx) => {
      await assertUnique(tx, projectId, { name, shortcut: key ?? null });
      const groupId = await resolveGroup(tx, projectId, group);
      const created = await tx.tag.create({
        data: {
          projectId,
          groupId,
          name,
          description: description ?? null,
          color: tagColor,
          shortcut: key ?? null,
          position: 0,
        },
        select: { id: true },
      });
      await placeTag(tx, created.id, groupId, position);
      const view = toTagView(await tagRow(tx, created.id));
      await recordAudit(tx, actor, {
        projectId,
        action: "tag.create",
        entityType: "Tag",
        entityId: view.id,
        after: view,
      });
      return view;
    }),
  );
}

async function requireTag(actor: Actor, tagId: string) {
  if (!isUuid(tagId)) throw notFound("Tag");
  const tag = await db().tag.findUnique({ where: { id: tagId }, select: { projectId: true } });
  if (!tag) throw notFound("Tag");
  await requireProjectPermission(actor, tag.projectId, "codebook.update");
  return tag.projectId;
}

/** Changes a tag: name, group, description, colour, shortcut (null clears), position in its group, archived. */
export async function updateTag(actor: Actor, tagId: string, input: unknown): Promise<TagView> {
  const projectId = await requireTag(actor, tagId);
  const changes = parseInput(updateTagInput, input);
  return guardName("tag", projectId, changes.name, () =>
    db().$transaction(async (tx) => {
      const before = toTagView(await tagRow(tx, tagId));
      await assertUnique(tx, projectId, { name: changes.name, shortcut: changes.shortcut }, tagId);
      const groupId = changes.group === undefined ? before.group.id : await resolveGroup(tx, projectId, changes.group);
      await tx.tag.update({
        where: { id: tagId },
        data: {
          groupId,
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.color !== undefined ? { color: changes.color } : {}),
          ...(changes.shortcut !== undefined ? { shortcut: changes.shortcut } : {}),
          ...(changes.archived !== undefined ? { archivedAt: changes.archived ? new Date() : null } : {}),
        },
      });
      if (changes.position !== undefined || groupId !== before.group.id)
        await placeTag(tx, tagId, groupId, changes.position);
      const after = toTagView(await tagRow(tx, tagId));
      await recordAudit(tx, actor, {
        projectId,
        action: "tag.update",
        entityType: "Tag",
        entityId: tagId,
        before,
        after,
      });
      return after;
    }),
  );
}

/**
 * Deletes a tag that no annotation uses. A tag in use is archived instead
 * (hidden from pickers, still shown on its annotations): the answer says which.
 */
export async function deleteTag(
  actor: Actor,
  tagId: string,
): Promise<{ deleted: true } | { deleted: false; tag: TagView }> {
  const projectId = await requireTag(actor, tagId);
  return db().$transaction(async (tx) => {
    const before = toTagView(await tagRow(tx, tagId));
    const uses = await tx.annotationTag.count({ where: { tagId } });
    if (uses > 0) {
      await tx.tag.update({ where: { id: tagId }, data: { archivedAt: new Date() } });
      const tag = toTagView(await tagRow(tx, tagId));
      await recordAudit(tx, actor, {
        projectId,
        action: "tag.archive",
        entityType: "Tag",
        entityId: tagId,
        before,
        after: { ...tag, uses },
      });
      return { deleted: false, tag };
    }
    await tx.tag.delete({ where: { id: tagId } });
    await recordAudit(tx, actor, { projectId, action: "tag.delete", entityType: "Tag", entityId: tagId, before });
    return { deleted: true };
  });
}

export interface TagGroupView {
  id: string;
  name: string;
  description: string | null;
  kind: TagGroupKind;
  position: number;
  choice: TagGroupChoice;
  required: boolean;
}

/**
 * A group after a change, with the annotations that break its rules (a rule
 * turned on changes no annotation: those wait to be fixed) and how many there
 * are in all.
 */
export interface UpdatedTagGroup extends TagGroupView {
  breaches: RuleBreach[];
  breachCount: number;
}

const updateGroupInput = z
  .strictObject({ ...tagGroupFields, name: tagGroupFields.name.optional(), position: position.optional() })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), "nothing to change");

/**
 * Renames a codebook group, changes its description or rules, or moves it among the groups (editors). Answers with the
 * annotations that break the group's rules.
 */
export async function updateTagGroup(actor: Actor, groupId: string, input: unknown): Promise<UpdatedTagGroup> {
  if (!isUuid(groupId)) throw notFound("Tag group");
  const group = await db().tagGroup.findUnique({ where: { id: groupId }, select: { projectId: true } });
  if (!group) throw notFound("Tag group");
  const access = await requireProjectPermission(actor, group.projectId, "codebook.update");
  const changes = parseInput(updateGroupInput, input);
  const select = { ...groupSelect, description: true } as const;
  return guardName("tagGroup", group.projectId, changes.name, () =>
    db().$transaction(async (tx) => {
      const before = await tx.tagGroup.findUniqueOrThrow({ where: { id: groupId }, select });
      if (changes.name !== undefined) await assertNameFree(tx, "tagGroup", group.projectId, changes.name, groupId);
      await tx.tagGroup.update({
        where: { id: groupId },
        data: {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.choice !== undefined ? { choice: changes.choice } : {}),
          ...(changes.required !== undefined ? { required: changes.required } : {}),
        },
      });
      if (changes.position !== undefined) {
        const siblings = await tx.tagGroup.findMany({
          where: { projectId: group.projectId, id: { not: groupId } },
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: { id: true },
        });
        for (const [index, id] of orderWith(siblings, groupId, changes.position).entries())
          await tx.tagGroup.update({ where: { id }, data: { position: index } });
      }
      const after = await tx.tagGroup.findUniqueOrThrow({ where: { id: groupId }, select });
      await recordAudit(tx, actor, {
        projectId: group.projectId,
        action: "tag-group.update",
        entityType: "TagGroup",
        entityId: groupId,
        before,
        after,
      });
      const { breaches, total } = await findRuleBreaches(tx, actor, access, groupId);
      return { ...after, breaches, breachCount: total };
    }),
  );
}

/** Tags in the codebook's order: by group, then within the group. */
export function inCodebookOrder<Tag extends { position: number; group: { position: number } }>(tags: Tag[]): Tag[] {
  return [...tags].sort((a, b) => a.group.position - b.group.position || a.position - b.position);
}
