import "server-only";
import { db, type DbClient } from "@/lib/db";
import { type AppError, conflict } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { uniqueViolation } from "@/lib/unique-violation";

/**
 * What is named once per project. A name matches another in any case and
 * any Unicode normal form: both have the same `parallax_name_key` (the
 * database's function, see the migration unique_name_keys: decomposed,
 * case-folded in every script, composed), and a unique index on that key per
 * project holds under races. Every look-up by name compares keys, so the app
 * and the index never disagree.
 */
const NAMED = {
  tag: {
    table: "tags",
    column: "name",
    index: "tags_name_key",
    field: "name",
    idKey: "tagId",
    liveOnly: false,
    taken: (name: string) => `A tag named '${name}' already exists in this project.`,
  },
  tagGroup: {
    table: "tag_groups",
    column: "name",
    index: "tag_groups_name_key",
    field: "name",
    idKey: "groupId",
    liveOnly: false,
    taken: (name: string) => `A group named '${name}' already exists in this project.`,
  },
  source: {
    table: "sources",
    column: "name",
    index: "sources_name_key",
    field: "name",
    idKey: "sourceId",
    liveOnly: false,
    taken: (name: string) => `An outlet named '${name}' already exists in this project.`,
  },
  /** Deleted events free their titles. */
  event: {
    table: "events",
    column: "title",
    index: "events_title_key",
    field: "title",
    idKey: "eventId",
    liveOnly: true,
    taken: (name: string) =>
      `An event named '${name}' already exists in this project; link to it, or give this one another title.`,
  },
} as const;
export type NamedKind = keyof typeof NAMED;

export interface Named {
  id: string;
  name: string;
  key: string;
}

/**
 * The project's items of this kind (live ones, for events) whose names match
 * any of `names`, oldest first, without `exceptId`; all of them when `names`
 * is absent. With `lock`, read FOR KEY SHARE: an item being deleted is waited
 * for, then not found, so nothing is made to point at it once gone.
 */
export async function findNamed(
  client: DbClient,
  kind: NamedKind,
  projectId: string,
  options: { names?: string[]; exceptId?: string; lock?: boolean } = {},
): Promise<Named[]> {
  const { table, column, liveOnly } = NAMED[kind];
  const { names, exceptId, lock } = options;
  return client.$queryRaw<Named[]>`
    SELECT id, ${Prisma.raw(column)} AS name, parallax_name_key(${Prisma.raw(column)}) AS key FROM ${Prisma.raw(table)}
    WHERE project_id = ${projectId}::uuid
      ${
        names
          ? Prisma.sql`AND parallax_name_key(${Prisma.raw(column)}) = ANY (ARRAY(SELECT parallax_name_key(candidate)
        FROM unnest(${names}::text[]) AS candidate))`
          : Prisma.empty
      }
      ${liveOnly ? Prisma.sql`AND deleted_at IS NULL` : Prisma.empty}
      ${exceptId ? Prisma.sql`AND id <> ${exceptId}::uuid` : Prisma.empty}
    ORDER BY created_at, id ${lock ? Prisma.sql`FOR KEY SHARE` : Prisma.empty}`;
}

/** The matching key of each name, in order (for matching names within one request, as the database does). */
export async function nameKeys(client: DbClient, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await client.$queryRaw<{ key: string }[]>`
    SELECT parallax_name_key(name) AS key FROM unnest(${names}::text[]) WITH ORDINALITY AS given(name, position)
      ORDER BY position`;
  return rows.map((row) => row.key);
}

/** The 409 for a name another item has; it names that item (`details: { field, <kind>Id }`), the one to use instead. */
export function nameTaken(kind: NamedKind, existing: { id: string; name: string }): AppError {
  const { field, idKey, taken } = NAMED[kind];
  return conflict(taken(existing.name), { field, [idKey]: existing.id });
}

/** Refuses (409, naming the other item) a name another item of this kind in the project has. */
export async function assertNameFree(
  client: DbClient,
  kind: NamedKind,
  projectId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const [clash] = await findNamed(client, kind, projectId, { names: [name], exceptId });
  if (clash) throw nameTaken(kind, clash);
}

/**
 * Runs a write that gives an item of this kind the name `name` (if any). A
 * concurrent write can take the name between assertNameFree and this one:
 * the unique index then refuses it, and the answer is the same 409 naming
 * the item that has the name.
 */
export async function guardName<T>(
  kind: NamedKind,
  projectId: string,
  name: string | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name === undefined || uniqueViolation(error)?.index !== NAMED[kind].index) throw error;
    const [existing] = await findNamed(db(), kind, projectId, { names: [name] });
    throw existing ? nameTaken(kind, existing) : error;
  }
}
