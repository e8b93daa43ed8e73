/**
 * The kinds of change the history is filtered by, in people's words. Each is
 * one recorded action (the index on (project, action, id) reads it newest
 * first), or a review decision: an update that set the status.
 */
export interface HistoryKind {
  label: string;
  action: string;
  /** A review decision: the update that gave the annotation this status. */
  status?: "APPROVED" | "REJECTED";
}

export const HISTORY_KINDS = {
  "annotation.create": { label: "Created an annotation", action: "annotation.create" },
  "annotation.update": { label: "Edited an annotation", action: "annotation.update" },
  "annotation.submit": { label: "Submitted for review", action: "annotation.submit" },
  "annotation.approve": { label: "Approved", action: "annotation.update", status: "APPROVED" },
  "annotation.reject": { label: "Rejected", action: "annotation.update", status: "REJECTED" },
  "annotation.undo": { label: "Undid a review decision", action: "annotation.undo" },
  "annotation.reopen": { label: "Sent back for review", action: "annotation.reopen" },
  "annotation.delete": { label: "Deleted an annotation", action: "annotation.delete" },
  "annotation.restore": { label: "Restored an annotation", action: "annotation.restore" },
  "comment.create": { label: "Commented", action: "comment.create" },
  "comment.update": { label: "Edited a comment", action: "comment.update" },
  "comment.delete": { label: "Deleted a comment", action: "comment.delete" },
  "comment.restore": { label: "Restored a comment", action: "comment.restore" },
  "event.create": { label: "Created an event", action: "event.create" },
  "event.update": { label: "Edited an event", action: "event.update" },
  "event.merge": { label: "Merged events", action: "event.merge" },
  "event.unmerge": { label: "Undid a merge of events", action: "event.unmerge" },
  "event.delete": { label: "Deleted an event", action: "event.delete" },
  "event.restore": { label: "Restored an event", action: "event.restore" },
  "link.create": { label: "Linked a claim to an event", action: "link.create" },
  "link.update": { label: "Changed a claim's link", action: "link.update" },
  "link.delete": { label: "Removed a claim's link", action: "link.delete" },
  "link.restore": { label: "Restored a claim's link", action: "link.restore" },
  "article.create": { label: "Added an article", action: "article.create" },
  "article.update": { label: "Edited an article", action: "article.update" },
  "article.delete": { label: "Deleted an article", action: "article.delete" },
  "source.update": { label: "Edited an outlet", action: "source.update" },
  "source.merge": { label: "Merged outlets", action: "source.merge" },
  "source.unmerge": { label: "Undid a merge of outlets", action: "source.unmerge" },
  "tag.update": { label: "Edited a tag", action: "tag.update" },
  "suggestion.reject": { label: "Rejected a suggestion", action: "suggestion.reject" },
} as const satisfies Record<string, HistoryKind>;

export type HistoryKindKey = keyof typeof HISTORY_KINDS;

export const HISTORY_KIND_KEYS = Object.keys(HISTORY_KINDS) as [HistoryKindKey, ...HistoryKindKey[]];

/** Deleted things an editor can bring back from the history, and the route that does it. */
export const RESTORABLE: Record<string, string> = {
  "annotation.delete": "annotations",
  "comment.delete": "comments",
  "event.delete": "events",
  "link.delete": "links",
};

/** Merges an editor can undo from the history (`POST /api/v1/<route>/:id/undo-merge`), and the route's collection. */
export const UNDOABLE_MERGES: Record<string, string> = {
  "event.merge": "events",
  "source.merge": "sources",
};

const asRecord = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What an entry did, in words: its kind's label ("Approved", "Deleted an annotation"), else its action spelled out. */
export function describeAction(entry: { action: string; before: unknown; after: unknown }): string {
  if (entry.action === "annotation.update") {
    const [before, after] = [asRecord(entry.before).status, asRecord(entry.after).status];
    if (after !== before && after === "APPROVED") return HISTORY_KINDS["annotation.approve"].label;
    if (after !== before && after === "REJECTED") return HISTORY_KINDS["annotation.reject"].label;
    if (after !== before && after === "SUBMITTED") return HISTORY_KINDS["annotation.submit"].label;
  }
  if (entry.action === "annotation.create" && asRecord(entry.after).fromSuggestion) {
    return `Accepted a ${asRecord(entry.after).fromSuggestion} suggestion`;
  }
  const kind = (HISTORY_KINDS as Record<string, HistoryKind>)[entry.action];
  if (kind) return kind.label;
  const [thing = "", verb = ""] = entry.action.split(".");
  const phrase = `${verb.replace(/e?$/, "ed")} ${thing.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`;
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
