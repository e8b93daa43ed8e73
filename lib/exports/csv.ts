import "server-only";
import { type CsvRecord, csvText } from "./csv-format";
import { annotationBatches, type ExportAnnotation, type ExportContext } from "./source";

const BOM = "\uFEFF";

/** One row per annotation (csvText), one column per codebook group with its tags joined by "; ". */
export async function* csvExport(context: ExportContext): AsyncGenerator<string> {
  // Group columns are keyed by id, so a group called "note" cannot clash with the note column.
  const columns = [
    ...["project", "article", "source", "article_url", "start", "end", "exact"].map((key) => ({ key })),
    ...context.groups.map((group) => ({ key: `group:${group.id}`, header: group.name })),
    // The ids come last: files read by column position before they were added still read the same.
    ...["note", "status", "author", "created_at", "updated_at", "events", "annotation_id", "article_id"].map((key) => ({
      key,
    })),
  ];
  yield (context.request.bom ? BOM : "") + csvText(columns, [], { header: true });
  const row = (annotation: ExportAnnotation): CsvRecord => {
    const article = context.articleById.get(annotation.articleId)!;
    const tagsByGroup = Object.fromEntries(
      context.groups.map((group) => [
        `group:${group.id}`,
        annotation.tags
          .filter((tag) => tag.group === group.name)
          .map((tag) => tag.name)
          .join("; "),
      ]),
    );
    return {
      project: context.project.name,
      article: article.title,
      source: article.source ?? "",
      article_url: article.url ?? "",
      start: annotation.start,
      end: annotation.end,
      exact: annotation.exact,
      ...tagsByGroup,
      note: annotation.note ?? "",
      status: annotation.status,
      author: annotation.author.name,
      created_at: annotation.createdAt,
      updated_at: annotation.updatedAt,
      events: annotation.links
        .map(
          (link) =>
            `${link.event} (${link.stance.toLowerCase()}${
              link.attributedTo ? `, according to ${link.attributedTo}` : ""
            })`,
        )
        .join("; "),
      annotation_id: annotation.id,
      article_id: annotation.articleId,
    };
  };
  for await (const batch of annotationBatches(context)) yield csvText(columns, batch.map(row), { header: false });
}
