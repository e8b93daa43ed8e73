import "server-only";
import { db } from "@/lib/db";
import { roleAllows } from "@/lib/permissions";
import { formatDate } from "@/lib/validation";
import { annotationBatches, articleText, type ExportContext } from "./source";

/** What the file says of a person: the name, and the email when the caller may see it. */
const PERSON = { name: true, email: true } as const;

/** The format name and version import checks. */
export const PROJECT_FORMAT = { format: "parallax.project", version: 1 } as const;

/**
 * The whole project as JSON, streamed: project, codebook, sources (names) and
 * outlets (with homepage and notes), articles
 * with their texts, events, then the (filtered) annotations with tag names,
 * event links and comments. The shape is documented in README ("Exports").
 * Who made each annotation, review decision, link and comment is named with
 * their email for editors (who move projects with it), by name alone for others.
 */
export async function* projectJsonExport(context: ExportContext): AsyncGenerator<string> {
  const projectId = context.project.id;
  const [tags, events] = await Promise.all([
    db().tag.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { id: "asc" }] }),
    db().event.findMany({ where: { projectId, deletedAt: null }, orderBy: [{ dateStart: "asc" }, { id: "asc" }] }),
  ]);
  const codebook = context.groups.map((group) => ({
    name: group.name,
    kind: group.kind,
    description: group.description,
    choice: group.choice,
    required: group.required,
    tags: tags
      .filter((tag) => tag.groupId === group.id)
      .map((tag) => ({
        name: tag.name,
        description: tag.description,
        color: tag.color,
        shortcut: tag.shortcut,
        archived: tag.archivedAt !== null,
      })),
  }));
  const outlets = new Map(
    context.articles.flatMap(({ source, sourceHomepage, sourceNotes }) =>
      source === null ? [] : [[source, { name: source, homepage: sourceHomepage, notes: sourceNotes }] as const],
    ),
  );
  const sources = [...outlets.keys()];
  yield `{${JSON.stringify(PROJECT_FORMAT).slice(1, -1)},"exportedAt":${JSON.stringify(new Date().toISOString())},`;
  yield `"project":${JSON.stringify(context.project)},"codebook":${JSON.stringify(codebook)},`;
  yield `"sources":${JSON.stringify(sources)},"outlets":${JSON.stringify([...outlets.values()])},"articles":[`;
  for (const [index, { id, title, url, author, publishedAt, source }] of context.articles.entries()) {
    yield (index ? "," : "") +
      JSON.stringify({ id, title, url, author, text: await articleText(id), publishedAt, source });
  }
  const eventViews = events.map((event) => ({
    id: event.id,
    title: event.title,
    date: formatDate(event.dateStart),
    dateEnd: formatDate(event.dateEnd),
    place: event.place,
    description: event.description,
  }));
  yield `],"events":${JSON.stringify(eventViews)},"annotations":[`;
  let first = true;
  const withEmails = roleAllows(context.access.role, "project.move");
  const person = (user: { name: string; email: string }) => ({
    name: user.name,
    email: withEmails ? user.email : null,
  });
  for await (const batch of annotationBatches(context)) {
    const ids = batch.map((annotation) => annotation.id);
    const [comments, authorship] = await Promise.all([
      db().comment.findMany({
        where: { annotationId: { in: ids }, deletedAt: null },
        orderBy: { id: "asc" },
        select: { annotationId: true, text: true, createdAt: true, author: { select: PERSON } },
      }),
      db().annotation.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          reviewNote: true,
          reviewedAt: true,
          author: { select: PERSON },
          reviewedBy: { select: PERSON },
          claimLinks: { select: { eventId: true, createdBy: { select: PERSON } } },
        },
      }),
    ]);
    const authorshipById = new Map(authorship.map((row) => [row.id, row]));
    for (const annotation of batch) {
      const { author, reviewedBy, reviewNote, reviewedAt, claimLinks } = authorshipById.get(annotation.id)!;
      const item = {
        id: annotation.id,
        articleId: annotation.articleId,
        start: annotation.start,
        end: annotation.end,
        exact: annotation.exact,
        prefix: annotation.prefix,
        suffix: annotation.suffix,
        note: annotation.note,
        status: annotation.status,
        author: person(author),
        review:
          reviewedBy || reviewNote
            ? { by: reviewedBy && person(reviewedBy), note: reviewNote, at: reviewedAt?.toISOString() ?? null }
            : null,
        createdAt: annotation.createdAt,
        updatedAt: annotation.updatedAt,
        tags: annotation.tags.map((tag) => tag.name),
        links: annotation.links.map(({ eventId, stance, attributedTo, note }) => ({
          eventId,
          stance,
          attributedTo,
          note,
          createdBy: person(claimLinks.find((link) => link.eventId === eventId)!.createdBy),
        })),
        comments: comments
          .filter((comment) => comment.annotationId === annotation.id)
          .map((comment) => ({
            author: person(comment.author),
            text: comment.text,
            createdAt: comment.createdAt.toISOString(),
          })),
      };
      yield (first ? "" : ",") + JSON.stringify(item);
      first = false;
    }
  }
  yield "]}";
}
