import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { describeSpanMismatch, quoteContext } from "@/lib/anchoring";
import { ANNOTATION_STATUSES } from "@/lib/annotation-summaries";
import { annotationFields } from "@/lib/annotations";
import { articleFields, insertArticles } from "@/lib/articles";
import { recordAudit } from "@/lib/audit";
import { lockShortcuts, tagFields, tagGroupFields } from "@/lib/codebook";
import { defaultRules } from "@/lib/codebook/defaults";
import { firstClash } from "@/lib/codebook/shortcuts";
import { commentFields } from "@/lib/comments";
import type { DbClient } from "@/lib/db";
import { conflict, unprocessable } from "@/lib/errors";
import { eventFields, linkFields, withDatesInOrder } from "@/lib/events";
import { TagGroupKind } from "@/lib/generated/prisma/enums";
import { newIds } from "@/lib/ids";
import { findNamed, type NamedKind, nameKeys } from "@/lib/names";
import { findSourceByName, sourceFields } from "@/lib/sources";
import { optionalText, parseInput } from "@/lib/validation";
import { accountsForAuthors, type AuthorNeed, type AuthorsReport, type FileAuthor, fileAuthor } from "./authors";
import { insertAnnotations, type NewAnnotation } from "./insert-annotations";

/** The id a file gives an article or an event, for its annotations and links to point at. */
const fileId = z.string().max(100);
const timestamp = z.iso.datetime({ offset: true });
const { sourceName: outletName, ...articleFieldsButOutlet } = articleFields;

/**
 * The project JSON export (lib/exports/project-json.ts) as import reads it
 * back. Each item is checked with the fields and rules of the API route that
 * makes the same thing, so a file cannot store what the API refuses; the
 * shapes differ only where the export's do (an article's outlet is `source`;
 * ids tie annotations to articles and links to events).
 */
export const projectFile = z.object({
  format: z.literal("parallax.project"),
  version: z.literal(1),
  codebook: z
    .array(
      z.object({
        ...tagGroupFields,
        kind: z.enum(TagGroupKind),
        tags: z.array(z.object({ ...tagFields, archived: z.boolean().optional() })).max(1_000),
      }),
    )
    .max(200),
  articles: z.array(z.object({ id: fileId, ...articleFieldsButOutlet, source: outletName })).max(5_000),
  outlets: z.array(z.object(sourceFields)).max(5_000).optional(),
  events: z.array(withDatesInOrder(z.object({ id: fileId, ...eventFields }))).max(10_000),
  annotations: z
    .array(
      z.object({
        articleId: fileId,
        ...annotationFields,
        status: z.enum(ANNOTATION_STATUSES),
        createdAt: timestamp,
        updatedAt: timestamp,
        author: fileAuthor.optional(),
        /** The review decision: who approved or rejected it, why, when. */
        review: z.object({ by: fileAuthor.nullish(), note: optionalText(5000), at: timestamp.nullish() }).nullish(),
        links: z
          .array(z.object({ eventId: fileId, ...linkFields, createdBy: fileAuthor.optional() }))
          .max(100)
          .default([]),
        comments: z
          .array(z.object({ ...commentFields, createdAt: timestamp, author: fileAuthor.optional() }))
          .max(1_000)
          .default([]),
      }),
    )
    .max(100_000),
});
type ProjectFile = z.output<typeof projectFile>;

export interface ProjectImportReport {
  kind: "project";
  imported: { tags: number; articles: number; events: number; annotations: number; links: number; comments: number };
  /** How the file's authors were mapped to accounts by email. */
  authors: AuthorsReport;
}

/** Each author of the file's records with the role the record needs. */
function authorNeeds(file: ProjectFile): AuthorNeed[] {
  return file.annotations.flatMap((annotation) => {
    const needs: AuthorNeed[] = [];
    const add = (author: FileAuthor | null | undefined, role: AuthorNeed["role"]) => {
      if (author) needs.push({ author, role });
    };
    add(annotation.author, "REVIEWER");
    add(annotation.review?.by, "EDITOR");
    for (const link of annotation.links) add(link.createdBy, "REVIEWER");
    for (const comment of annotation.comments) add(comment.author, "REVIEWER");
    return needs;
  });
}

/** A 422 for one place in the file, shaped as parseInput's. */
function invalidAt(path: string, message: string) {
  return unprocessable(`Invalid input: ${path}: ${message}`, { issues: [{ path, message }] });
}

/** The file's ids of `items`, each once (422 for a repeated one). */
function fileIds(items: { id: string }[], path: string): Set<string> {
  const ids = new Set<string>();
  for (const [index, { id }] of items.entries()) {
    if (ids.has(id)) throw invalidAt(`${path}.${index}.id`, `the id ${id} appears twice`);
    ids.add(id);
  }
  return ids;
}

/**
 * Every annotation points at an article of the file, every link at an event of the file: checked before anything is
 * written.
 */
function checkReferences(file: ProjectFile): void {
  const articles = fileIds(file.articles, "articles");
  const events = fileIds(file.events, "events");
  for (const [index, annotation] of file.annotations.entries()) {
    if (!articles.has(annotation.articleId))
      throw invalidAt(`annotations.${index}.articleId`, `no article of the file has the id ${annotation.articleId}`);
    for (const [linkIndex, link] of annotation.links.entries()) {
      if (!events.has(link.eventId))
        throw invalidAt(
          `annotations.${index}.links.${linkIndex}.eventId`,
          `no event of the file has the id ${link.eventId}`,
        );
    }
  }
}

/**
 * The project's items of a kind by name key (lib/names), after making those
 * of `wanted` it lacks with `create` (which skips names taken meanwhile, by a
 * concurrent write, so that the import uses those). Returns the ids by key and
 * how many were made.
 */
async function matchOrCreate<Wanted extends { key: string }>(
  tx: DbClient,
  kind: NamedKind,
  projectId: string,
  wanted: Wanted[],
  create: (missing: Wanted[]) => Promise<number>,
): Promise<{ ids: Map<string, string>; created: number }> {
  const idsOf = async () => new Map((await findNamed(tx, kind, projectId)).map((item) => [item.key, item.id]));
  const existing = await idsOf();
  const missing = [
    ...new Map(wanted.filter((item) => !existing.has(item.key)).map((item) => [item.key, item] as const)).values(),
  ];
  if (missing.length === 0) return { ids: existing, created: 0 };
  const created = await create(missing);
  return { ids: await idsOf(), created };
}

/**
 * Imports a project export into the project (inside the caller's
 * transaction): codebook groups and tags missing by name, the articles, the
 * outlets' homepages and notes the project lacks, the events missing by
 * title, and the annotations with their tags, links, comments and review
 * decisions, each by its author's account (by email: accountsForAuthors), the
 * importer where the file names no email. Names match as everywhere (any
 * case, any normal form: lib/names). Every span is checked against its article's text; any fault
 * makes the whole import fail (422 saying where). Rows are written in
 * batches: a 20,000-annotation file takes seconds.
 */
export async function importProjectFile(
  tx: DbClient,
  actor: Actor,
  projectId: string,
  input: unknown,
): Promise<ProjectImportReport> {
  const file = parseInput(projectFile, input);
  checkReferences(file);
  const imported = { tags: 0, articles: 0, events: 0, annotations: 0, links: 0, comments: 0 };

  // Every name of the file, matched by its key as the unique indexes do.
  const names = [
    ...new Set([
      ...file.codebook.flatMap((group) => [group.name, ...group.tags.map((tag) => tag.name)]),
      ...file.annotations.flatMap((annotation) => annotation.tags),
      ...file.events.map((event) => event.title),
    ]),
  ];
  const keys = await nameKeys(tx, names);
  const keyOf = new Map(names.map((name, index) => [name, keys[index]!]));
  const keyed = <Item>(item: Item, name: string) => ({ ...item, key: keyOf.get(name)! });

  // Codebook: groups and tags matched by name; the missing ones are created.
  const groups = await matchOrCreate(
    tx,
    "tagGroup",
    projectId,
    file.codebook.map((group, index) => keyed({ ...group, position: 100 + index }, group.name)),
    (missing) =>
      tx.tagGroup
        .createMany({
          data: missing.map((group) => ({
            projectId,
            name: group.name,
            kind: group.kind,
            description: group.description ?? null,
            choice: group.choice ?? defaultRules(group.kind).choice,
            required: group.required ?? defaultRules(group.kind).required,
            position: group.position,
          })),
          skipDuplicates: true,
        })
        .then((result) => result.count),
  );
  const fileTags = file.codebook.flatMap((group) =>
    group.tags.map((tag, position) =>
      keyed({ ...tag, position, groupId: groups.ids.get(keyOf.get(group.name)!)! }, tag.name),
    ),
  );
  const tags = await matchOrCreate(tx, "tag", projectId, fileTags, async (missing) => {
    await lockShortcuts(tx, projectId);
    const used = await tx.tag.findMany({ where: { projectId, shortcut: { not: null } }, select: { shortcut: true } });
    const rows = missing.map(({ name, description, color, shortcut, archived, position, groupId }) => {
      // A shortcut the project has, or that one of its shortcuts starts (or the other way round), is left off.
      const freeShortcut = shortcut && !firstClash(shortcut, used) ? shortcut : null;
      if (freeShortcut) used.push({ shortcut: freeShortcut });
      return {
        projectId,
        groupId,
        name,
        description: description ?? null,
        color,
        shortcut: freeShortcut,
        position,
        archivedAt: archived ? new Date() : null,
      };
    });
    return (await tx.tag.createMany({ data: rows, skipDuplicates: true })).count;
  });
  imported.tags = tags.created;
  const missingTag = fileTags.find((tag) => !tags.ids.has(tag.key));
  if (missingTag)
    throw conflict(
      `The tag '${missingTag.name}' or its shortcut was taken by another change meanwhile; import the file again.`,
    );

  const articles = new Map<string, { id: string; text: string; revision: number }>();
  const stored = await insertArticles(
    tx,
    actor,
    projectId,
    file.articles.map(({ id: _fileId, source, ...article }) => ({ ...article, sourceName: source })),
  );
  for (const [index, article] of stored.entries()) articles.set(file.articles[index]!.id, article);
  imported.articles = stored.length;

  // The outlets' homepages and notes, where the project's outlet of that name has none yet.
  for (const outlet of file.outlets ?? []) {
    const found = await findSourceByName(tx, projectId, outlet.name);
    const source =
      found &&
      (await tx.source.findUniqueOrThrow({
        where: { id: found.id },
        select: { id: true, homepage: true, notes: true },
      }));
    if (!source) continue;
    const filled = {
      homepage: source.homepage ?? outlet.homepage ?? null,
      notes: source.notes ?? outlet.notes ?? null,
    };
    if (filled.homepage === source.homepage && filled.notes === source.notes) continue;
    await tx.source.update({ where: { id: source.id }, data: filled });
    await recordAudit(tx, actor, {
      projectId,
      action: "source.update",
      entityType: "Source",
      entityId: source.id,
      before: { homepage: source.homepage, notes: source.notes },
      after: filled,
    });
  }

  // Events matched by title (an event is named once per project); the missing ones are created.
  const fileEvents = file.events.map((event) => keyed(event, event.title));
  const events = await matchOrCreate(tx, "event", projectId, fileEvents, (missing) =>
    tx.event
      .createMany({
        data: missing.map(({ title, date, dateEnd, place, description }) => ({
          projectId,
          title,
          dateStart: date ?? null,
          dateEnd: dateEnd ?? null,
          place: place ?? null,
          description: description ?? null,
          createdById: actor.userId,
        })),
        skipDuplicates: true,
      })
      .then((result) => result.count),
  );
  imported.events = events.created;
  const eventIdOf = new Map(fileEvents.map((event) => [event.id, events.ids.get(event.key)!]));

  const authors = await accountsForAuthors(tx, actor, projectId, authorNeeds(file));
  const accountOf = (author: FileAuthor | null | undefined) =>
    (author?.email && authors.idByEmail.get(author.email)) || actor.userId;

  const ids = newIds(
    file.annotations.reduce((sum, annotation) => sum + 1 + annotation.links.length + annotation.comments.length, 0),
  );
  let used = 0;
  const nextId = () => ids[used++]!;
  const rows: NewAnnotation[] = file.annotations.map((annotation, index) => {
    const article = articles.get(annotation.articleId)!;
    const mismatch = describeSpanMismatch(article.text, annotation);
    if (mismatch) throw invalidAt(`annotations.${index}`, `the span does not match its article's text: ${mismatch}`);
    const tagIds = annotation.tags.map((name, tagIndex) => {
      const id = tags.ids.get(keyOf.get(name)!);
      if (!id)
        throw invalidAt(
          `annotations.${index}.tags.${tagIndex}`,
          `the tag '${name}' is in neither the file's codebook nor the project's`,
        );
      return id;
    });
    // Two of the file's events may be one of the project's: a claim is linked to it once (the first link).
    const links = new Map<string, NonNullable<NewAnnotation["links"]>[number]>();
    for (const link of annotation.links) {
      const eventId = eventIdOf.get(link.eventId)!;
      if (!links.has(eventId))
        links.set(eventId, {
          id: nextId(),
          eventId,
          stance: link.stance,
          attributedTo: link.attributedTo ?? null,
          note: link.note ?? null,
          createdById: accountOf(link.createdBy),
        });
    }
    return {
      id: nextId(),
      articleId: article.id,
      start: annotation.start,
      end: annotation.end,
      exact: annotation.exact,
      ...quoteContext(article.text, annotation.start, annotation.end),
      note: annotation.note ?? null,
      status: annotation.status,
      authorId: accountOf(annotation.author),
      review: annotation.review
        ? {
            byId: annotation.review.by ? accountOf(annotation.review.by) : null,
            note: annotation.review.note ?? null,
            at: annotation.review.at ? new Date(annotation.review.at) : null,
          }
        : undefined,
      revision: article.revision,
      createdAt: new Date(annotation.createdAt),
      updatedAt: new Date(annotation.updatedAt),
      tagIds: [...new Set(tagIds)],
      links: [...links.values()],
      comments: annotation.comments.map((comment) => ({
        id: nextId(),
        text: comment.text,
        createdAt: new Date(comment.createdAt),
        authorId: accountOf(comment.author),
      })),
    };
  });
  await insertAnnotations(tx, { projectId, authorId: actor.userId }, rows);
  imported.annotations = rows.length;
  imported.links = rows.reduce((sum, row) => sum + row.links!.length, 0);
  imported.comments = rows.reduce((sum, row) => sum + row.comments!.length, 0);

  await recordAudit(tx, actor, {
    projectId,
    action: "project.import",
    entityType: "Project",
    entityId: projectId,
    after: imported,
  });
  return { kind: "project", imported, authors: authors.report };
}
