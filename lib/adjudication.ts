import "server-only";
import type { Actor } from "@/lib/actor";
import { matchSpans } from "@/lib/agreement/units";
import { type AnnotationView, listArticleAnnotations } from "@/lib/annotations";
import { requireArticlePermission } from "@/lib/permissions";

export type UnitKind = "agreement" | "tags-differ" | "spans-differ" | "single";

export interface AdjudicationUnit {
  kind: UnitKind;
  /** One slot per coder, in the coders' order; null where that coder marked nothing here. */
  versions: (AnnotationView | null)[];
}

export interface Adjudication {
  coders: { id: string; name: string }[];
  units: AdjudicationUnit[];
}

const tagKey = (annotation: AnnotationView) => annotation.tags.map((tag) => tag.id).sort().join(",");

/**
 * The article's annotations by the reviewers who coded it, aligned by span
 * overlap: where they agree (same span, same tags), where the tags or the
 * boundaries differ, and spans only one of them marked (editors).
 */
export async function adjudicate(actor: Actor, articleId: string): Promise<Adjudication> {
  await requireArticlePermission(actor, articleId, "annotation.review");
  const annotations = (await listArticleAnnotations(actor, articleId)).filter((annotation) => annotation.anchor !== "orphaned");
  const coders = [...new Map(annotations.map((annotation) => [annotation.author.id, annotation.author])).values()].sort((a, b) => a.name.localeCompare(b.name));
  const spans = annotations.map((annotation) => ({ ...annotation, coder: coders.findIndex((coder) => coder.id === annotation.author.id) }));
  const units = matchSpans(spans, coders.length).map((members) => {
    const versions = members.map((member) => (member ? (({ coder: _coder, ...view }) => view)(member) : null));
    const present = versions.filter((version): version is AnnotationView => version !== null);
    const kind: UnitKind =
      present.length < 2
        ? "single"
        : present.some((version) => version.start !== present[0]!.start || version.end !== present[0]!.end)
          ? "spans-differ"
          : present.some((version) => tagKey(version) !== tagKey(present[0]!))
            ? "tags-differ"
            : "agreement";
    return { kind, versions };
  });
  return { coders, units };
}
