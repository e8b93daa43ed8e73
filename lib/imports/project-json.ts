import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { describeSpanMismatch, quoteContext } from "@/lib/anchoring";
import { insertArticle } from "@/lib/articles";
import { recordAudit } from "@/lib/audit";
import type { DbClient } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import { findSourceByName } from "@/lib/sources";
import { label, likeLiteral, optionalText, optionalWebUrl, parseInput, storableString } from "@/lib/validation";

const text = storableString;
const nullableText = storableString.nullable().optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional();

/** The project JSON export (lib/exports/project-json.ts), as import reads it back. */
export const projectFile = z.object({
  format: z.literal("parallax.project"),
  version: z.literal(1),
  codebook: z
    .array(
      z.object({
        name: text,
        kind: z.enum(["CLAIM_TYPE", "FRAME", "RHETORIC", "VERDICT", "CUSTOM"]),
        description: nullableText,
        tags: z.array(z.object({ name: text, description: nullableText, color: z.string().regex(/^#[0-9a-fA-F]{6}$/), shortcut: nullableText, archived: z.boolean().optional() })),
      }),
    )
    .max(200),
  articles: z
    .array(
      z.object({
        id: z.string().max(100),
        title: text,
        text,
        url: nullableText,
        author: nullableText,
        publishedAt: date,
        source: nullableText,
      }),
    )
    .max(5000),
  outlets: z.array(z.object({ name: text, homepage: optionalWebUrl, notes: optionalText(2000) })).max(5000).optional(),
  events: z.array(z.object({ id: z.string().max(100), title: label(300), date, dateEnd: date, place: nullableText, description: nullableText })).max(10_000),
  annotations: z
    .array(
      z.object({
        articleId: z.string().max(100),
        start: z.int().min(0),
        end: z.int().min(0),
        exact: text,
        note: nullableText,
        status: z.enum(["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"]),
        createdAt: z.iso.datetime({ offset: true }),
        updatedAt: z.iso.datetime({ offset: true }),
        tags: z.array(text),
        links: z.array(z.object({ eventId: z.string().max(100), stance: z.enum(["ASSERTS", "DISPUTES", "QUALIFIES", "MENTIONS"]), attributedTo: nullableText, note: nullableText })),
        comments: z.array(z.object({ text, createdAt: z.iso.datetime({ offset: true }) })).default([]),
      }),
    )
    .max(100_000),
});

export interface ProjectImportReport {
  kind: "project";
  imported: { tags: number; articles: number; events: number; annotations: number; links: number; comments: number };
}

const toDate = (value: string | null | undefined) => (value ? new Date(`${value}T00:00:00Z`) : null);

/**
 * Imports a project export into the project (inside the caller's
 * transaction): codebook groups and tags missing by name, the articles, the
 * outlets' homepages and notes the project lacks, the events missing by
 * title, and the annotations with their tags, links and comments, the
 * importer as author. Every span is checked against its article's text; any
 * fault makes the whole import fail (422 saying where).
 */
export async function importProjectFile(tx: DbClient, actor: Actor, projectId: string, input: unknown): Promise<ProjectImportReport> {
  const file = parseInput(projectFile, input);
  const imported = { tags: 0, articles: 0, events: 0, annotations: 0, links: 0, comments: 0 };

  // Codebook: groups and tags matched by name; the missing ones are created.
  const tagIds = new Map<string, string>();
  const existingTags = await tx.tag.findMany({ where: { projectId }, select: { id: true, name: true, shortcut: true } });
  for (const tag of existingTags) tagIds.set(tag.name.toLowerCase(), tag.id);
  const usedShortcuts = new Set(existingTags.map((tag) => tag.shortcut).filter(Boolean));
  for (const [groupIndex, group] of file.codebook.entries()) {
    const groupRow =
      (await tx.tagGroup.findFirst({ where: { projectId, name: { equals: likeLiteral(group.name), mode: "insensitive" } }, select: { id: true } })) ??
      (await tx.tagGroup.create({ data: { projectId, name: group.name, kind: group.kind, description: group.description ?? null, position: 100 + groupIndex }, select: { id: true } }));
    for (const [tagIndex, tag] of group.tags.entries()) {
      if (tagIds.has(tag.name.toLowerCase())) continue;
      const shortcut = tag.shortcut && !usedShortcuts.has(tag.shortcut) ? tag.shortcut : null;
      if (shortcut) usedShortcuts.add(shortcut);
      const created = await tx.tag.create({
        data: {
          projectId,
          groupId: groupRow.id,
          name: tag.name,
          description: tag.description ?? null,
          color: tag.color.toLowerCase(),
          shortcut,
          position: tagIndex,
          archivedAt: tag.archived ? new Date() : null,
        },
        select: { id: true },
      });
      tagIds.set(tag.name.toLowerCase(), created.id);
      imported.tags++;
    }
  }

  const articles = new Map<string, { id: string; text: string; revision: number }>();
  for (const [index, article] of file.articles.entries()) {
    if (articles.has(article.id)) throw unprocessable(`articles[${index}]: the id ${article.id} appears twice.`);
    const stored = await insertArticle(tx, actor, projectId, {
      title: article.title,
      text: article.text,
      sourceName: article.source ?? undefined,
      url: article.url ?? undefined,
      author: article.author ?? undefined,
      publishedAt: toDate(article.publishedAt) ?? undefined,
    });
    articles.set(article.id, { id: stored.id, text: stored.text, revision: stored.revision });
    imported.articles++;
  }

  // The outlets' homepages and notes, where the project's outlet of that name has none yet.
  for (const outlet of file.outlets ?? []) {
    const source = await findSourceByName(tx, projectId, outlet.name);
    if (!source) continue;
    const filled = { homepage: source.homepage ?? outlet.homepage ?? null, notes: source.notes ?? outlet.notes ?? null };
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
  const events = new Map<string, string>();
  const eventIds = new Map<string, string>();
  const existingEvents = await tx.event.findMany({ where: { projectId, deletedAt: null }, select: { id: true, title: true } });
  for (const event of existingEvents) eventIds.set(event.title.toLowerCase(), event.id);
  for (const event of file.events) {
    const known = eventIds.get(event.title.toLowerCase());
    if (known) {
      events.set(event.id, known);
      continue;
    }
    const created = await tx.event.create({
      data: {
        projectId,
        title: event.title,
        dateStart: toDate(event.date),
        dateEnd: toDate(event.dateEnd),
        place: event.place ?? null,
        description: event.description ?? null,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    events.set(event.id, created.id);
    eventIds.set(event.title.toLowerCase(), created.id);
    imported.events++;
  }

  for (const [index, annotation] of file.annotations.entries()) {
    const where = `annotations[${index}]`;
    const article = articles.get(annotation.articleId);
    if (!article) throw unprocessable(`${where}: its article ${annotation.articleId} is not in the file.`);
    const mismatch = describeSpanMismatch(article.text, annotation);
    if (mismatch) throw unprocessable(`${where}: the span does not match its article's text: ${mismatch}.`);
    const tags = annotation.tags.map((name) => {
      const id = tagIds.get(name.toLowerCase());
      if (!id) throw unprocessable(`${where}: the tag '${name}' is in neither the file's codebook nor the project's.`);
      return id;
    });
    const linkRows = annotation.links.map((link) => {
      const eventId = events.get(link.eventId);
      if (!eventId) throw unprocessable(`${where}: its event ${link.eventId} is not in the file.`);
      return { eventId, stance: link.stance, attributedTo: link.attributedTo ?? null, note: link.note ?? null, createdById: actor.userId };
    });
    // Two of the file's events may be one of the project's: a claim is linked to it once (the first link).
    const uniqueLinks = linkRows.filter((link, index) => linkRows.findIndex((other) => other.eventId === link.eventId) === index);
    await tx.annotation.create({
      data: {
        projectId,
        articleId: article.id,
        authorId: actor.userId,
        start: annotation.start,
        end: annotation.end,
        exact: annotation.exact,
        ...quoteContext(article.text, annotation.start, annotation.end),
        note: annotation.note ?? null,
        status: annotation.status,
        revision: article.revision,
        createdAt: new Date(annotation.createdAt),
        updatedAt: new Date(annotation.updatedAt),
        tags: { create: [...new Set(tags)].map((tagId) => ({ tagId })) },
        claimLinks: { create: uniqueLinks },
        comments: { create: annotation.comments.map((comment) => ({ authorId: actor.userId, text: comment.text, createdAt: new Date(comment.createdAt) })) },
      },
    });
    imported.annotations++;
    imported.links += uniqueLinks.length;
    imported.comments += annotation.comments.length;
  }

  await recordAudit(tx, actor, { projectId, action: "project.import", entityType: "Project", entityId: projectId, after: imported });
  return { kind: "project", imported };
}
