import "server-only";
import { omissionCounts, omittingSources } from "../omissions";
import { reportScope, summarize } from "./report";
import { annotationBatches, type ExportAnnotation, type ExportArticle, type ExportContext } from "./source";
import { reportedTagNames } from "./verdict";

/**
 * Text safe inside Markdown: no markup, no HTML (a renderer must not run a
 * note's <img onerror>), on one line: CRLF, LF and a lone CR all end a line
 * in Markdown, and a line of its own could start a heading or a list.
 */
function md(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~>]/g, (character) => `\\${character}`)
    .replace(/</g, "&lt;")
    .replace(/\r\n|[\r\n]/g, " ");
}

const sourceOf = (article: ExportArticle) => article.source ?? article.title;
const tagList = (annotation: ExportAnnotation) =>
  annotation.tags.length ? reportedTagNames(annotation.tags).map(md).join(", ") : "untagged";

/**
 * A readable report: sources, each event with how each source reports it
 * and who leaves it out, the framing profile, then every article's claims in
 * text order. Two passes over the annotations; only the summary is held.
 */
export async function* markdownExport(context: ExportContext): AsyncGenerator<string> {
  const summary = await summarize(context);
  const { events: sortedEvents, profile, claimCounts } = summary;
  const { project, articles } = context;
  yield `# ${md(project.name)}\n\n`;
  if (project.description) yield `${md(project.description)}\n\n`;
  yield `Report exported ${new Date().toISOString().slice(0, 10)} from Parallax: ${reportScope(context, summary)}.\n\n`;

  yield "## Sources\n\n| Source | Article | Published | Claims | Events left out |\n| --- | --- | --- | ---: | ---: " +
    "|\n";
  const reporting = sortedEvents.map((event) => new Set(event.claims.map((claim) => claim.articleId)));
  const omitted = omissionCounts(
    articles.map((article) => article.id),
    reporting,
  );
  for (const article of articles) {
    yield `| ${md(sourceOf(article))} | ${md(article.title)} | ${article.publishedAt ?? "—"} | ` +
      `${claimCounts.get(article.id) ?? 0} | ${omitted.get(article.id)} |\n`;
  }
  const outletNotes = new Map(
    articles.flatMap((article) =>
      article.source && article.sourceNotes ? [[article.source, article.sourceNotes] as const] : [],
    ),
  );
  if (outletNotes.size > 0)
    yield `\n${[...outletNotes].map(([outlet, notes]) => `- **${md(outlet)}**: ${md(notes)}`).join("\n")}\n`;

  yield "\n## Events\n\n";
  if (sortedEvents.length === 0) yield "No claim is linked to an event.\n\n";
  for (const [index, event] of sortedEvents.entries()) {
    yield `### ${md(event.title)}${event.date ? ` (${event.date})` : ""}\n\n`;
    const omitting = new Set(omittingSources(articles, reporting[index]!, (article) => article.id));
    for (const article of articles) {
      if (omitting.has(article)) {
        yield `- **${md(sourceOf(article))}**: *omitted — does not report this event*\n`;
        continue;
      }
      for (const claim of event.claims.filter((claim) => claim.articleId === article.id)) {
        yield `- **${md(sourceOf(article))}** ${claim.stance}${
          claim.attributedTo ? ` (according to ${md(claim.attributedTo)})` : ""
        }: “${md(claim.quote)}”\n`;
      }
    }
    for (const contradiction of event.contradictions) yield `- *Figures disagree*: ${md(contradiction)}\n`;
    yield "\n";
  }

  yield "## Framing profile\n\n";
  if (profile.size === 0) {
    yield "No frame, rhetoric or verdict tags.\n\n";
  } else {
    yield `| Tag | ${articles.map((article) => md(sourceOf(article))).join(" | ")} |\n| --- |${articles
      .map(() => " ---: |")
      .join("")}\n`;
    for (const [key, counts] of profile) {
      yield `| ${md(key)} | ${articles.map((article) => counts.get(article.id) ?? 0).join(" | ")} |\n`;
    }
    yield "\n";
  }

  yield "## Claims by article\n";
  let currentArticle: string | null = null;
  let number = 0;
  for await (const batch of annotationBatches(context)) {
    for (const annotation of batch) {
      if (annotation.articleId !== currentArticle) {
        const article: ExportArticle = context.articleById.get(annotation.articleId)!;
        currentArticle = article.id;
        number = 0;
        yield `\n### ${md(sourceOf(article))}: ${md(article.title)}\n\n`;
      }
      number++;
      const note = annotation.note ? ` Note: ${md(annotation.note)}` : "";
      yield `${number}. “${md(annotation.exact)}” — ${tagList(annotation)} ` +
        `(${annotation.status.toLowerCase()}, ${md(annotation.author.name)}).${note}\n`;
    }
  }
}
