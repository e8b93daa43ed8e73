import { clipText } from "@/lib/anchoring";

/** How much of a quote or comment names a control (screen readers read it on every button). */
const NAME_QUOTE_LENGTH = 40;

/** Who made an annotation and where it stands in review: "by Demo Editor (draft)". */
export function annotationOwner(annotation: { author: { name: string }; status: string }): string {
  return `by ${annotation.author.name} (${annotation.status.toLowerCase()})`;
}

/**
 * What the controls of one annotation act on, for their accessible names
 * ("Edit annotation “the Taliban stepped up…” by Demo Editor (draft)"):
 * every card repeats the same buttons, and each name must say which
 * annotation it is for (two coders' versions of one passage differ by their
 * author, one person's by their status).
 */
export function annotationSubject(
  quote: string | undefined,
  annotation: { author: { name: string }; status: string },
): string {
  const quoted = quote === undefined ? "" : ` “${clipText(quote.replace(/\s+/g, " ").trim(), NAME_QUOTE_LENGTH)}”`;
  return `annotation${quoted} ${annotationOwner(annotation)}`;
}

/** What the controls of one comment act on: "comment by Demo Editor: “Check the…”". */
export function commentSubject(comment: { author: { name: string }; text: string }): string {
  const text = clipText(comment.text.replace(/\s+/g, " ").trim(), NAME_QUOTE_LENGTH);
  return `comment by ${comment.author.name}: “${text}”`;
}
