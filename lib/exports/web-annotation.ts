import "server-only";
import { codePointConverter, type CodePointConverter } from "@/lib/anchoring";
import {
  annotationBatches,
  articleText,
  type ExportAnnotation,
  type ExportArticle,
  type ExportContext,
} from "./source";

/** Where an article lives for other tools: its URL, else a URN of its id (what import matches on). */
export function articleTarget(article: { id: string; url: string | null }): string {
  return article.url ?? `urn:uuid:${article.id}`;
}

/** One annotation in the W3C Web Annotation Data Model; positions in code points, as the model counts. */
export function webAnnotation(annotation: ExportAnnotation, article: ExportArticle, converter: CodePointConverter) {
  const body = [
    ...annotation.tags.map((tag) => ({ type: "TextualBody", purpose: "tagging", value: tag.name })),
    ...(annotation.note
      ? [{ type: "TextualBody", purpose: "commenting", value: annotation.note, format: "text/plain" }]
      : []),
  ];
  return {
    id: `urn:uuid:${annotation.id}`,
    type: "Annotation",
    motivation: annotation.tags.length > 0 ? "tagging" : "highlighting",
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    creator: { id: `urn:uuid:${annotation.author.id}`, type: "Person", name: annotation.author.name },
    ...(body.length > 0 ? { body } : {}),
    target: {
      source: articleTarget(article),
      selector: [
        { type: "TextQuoteSelector", exact: annotation.exact, prefix: annotation.prefix, suffix: annotation.suffix },
        {
          type: "TextPositionSelector",
          start: converter.toCodePoints(annotation.start),
          end: converter.toCodePoints(annotation.end),
        },
      ],
    },
  };
}

/**
 * An AnnotationCollection whose first (and, in a file, only) AnnotationPage
 * holds the annotations, streamed item by item; `total` closes it.
 */
export async function* webAnnotationExport(context: ExportContext): AsyncGenerator<string> {
  const collectionId = `urn:uuid:${context.project.id}`;
  yield `{"@context":"http://www.w3.org/ns/anno.jsonld","id":${JSON.stringify(collectionId)},`;
  yield `"type":"AnnotationCollection","label":${JSON.stringify(context.project.name)},`;
  yield `"first":{"id":${JSON.stringify(`${collectionId}/page/0`)},"type":"AnnotationPage",`;
  yield `"partOf":${JSON.stringify(collectionId)},"startIndex":0,"items":[`;
  let count = 0;
  // Batches come article by article: one converter per article.
  const converters = new Map<string, CodePointConverter>();
  for await (const batch of annotationBatches(context)) {
    for (const annotation of batch) {
      const article = context.articleById.get(annotation.articleId)!;
      if (!converters.has(article.id)) {
        converters.clear();
        converters.set(article.id, codePointConverter(await articleText(article.id)));
      }
      yield (count === 0 ? "" : ",") + JSON.stringify(webAnnotation(annotation, article, converters.get(article.id)!));
      count++;
    }
  }
  yield `]},"total":${count}}`;
}
