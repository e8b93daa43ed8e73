import { clipText } from "@/lib/anchoring";
import type { HistoryEntry } from "@/lib/history";

type Change = HistoryEntry["changes"][number];

/** Fields the entry's own line already gives (which item, who, when): not repeated in its table. */
const HEADER_FIELDS = new Set(["id", "createdAt", "updatedAt", "createdBy"]);

/** What a reader looks for first; the other fields follow alphabetically. */
const FIRST_FIELDS = [
  "exact",
  "title",
  "name",
  "body",
  "text",
  "start",
  "end",
  "tags",
  "note",
  "status",
  "reviewNote",
  "stance",
  "attributedTo",
  "eventId",
  "annotationId",
];

/** Recorded names that would not say what they are. */
const LABELS: Record<string, string> = { exact: "Quote", annotationId: "Claim", url: "URL" };

/**
 * A recorded field or entity type as words: "reviewNote" → "Review note", "eventId" → "Event", "ClaimLink" → "Claim
 * link".
 */
export function asWords(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const words = name
    .replace(/(.)Id$/, "$1")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The recorded fields worth showing, in reading order. */
export function changesToShow(changes: Change[]): Change[] {
  const rank = (field: string) => {
    const index = FIRST_FIELDS.indexOf(field);
    return index === -1 ? FIRST_FIELDS.length : index;
  };
  return changes
    .filter((change) => !HEADER_FIELDS.has(change.field))
    .sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field));
}

/** A created item has nothing before, a deleted one nothing after: their tables show one column. */
export function changeKind(changes: Change[]): "created" | "deleted" | "changed" {
  if (changes.length > 0 && changes.every((change) => change.before === null)) return "created";
  if (changes.length > 0 && changes.every((change) => change.after === null)) return "deleted";
  return "changed";
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * What the item is, in words, when the entry recorded enough: its quote,
 * title or name; for a claim link, its claim and its event (by `names`).
 */
export function entityLabel(entry: Pick<HistoryEntry, "before" | "after" | "names">): string | null {
  // After first (a rename shows the new name), then before (a merge records only where the item went).
  const records = [asRecord(entry.after), asRecord(entry.before)];
  for (const record of records) {
    for (const field of ["exact", "title", "name", "body"]) {
      const value = record?.[field];
      if (typeof value === "string" && value.trim()) return `“${clipText(value.trim(), 80)}”`;
    }
  }
  const record = records[0] ?? records[1];
  const [claim, event] = [record?.annotationId, record?.eventId].map((id) =>
    typeof id === "string" ? entry.names[id] : undefined,
  );
  if (claim && event) return `${clipText(claim, 80)} → ${event}`;
  return null;
}

/** A recorded value as text: an id by what it names, a list of names joined, a person by name, long texts clipped. */
export function shownValue(value: unknown, names: Record<string, string> = {}): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" && names[value]) return clipText(names[value], 160);
  if (Array.isArray(value) && value.every((item) => typeof item === "string"))
    return value.length ? value.join(", ") : "none";
  const name = asRecord(value)?.name;
  if (typeof name === "string") return name;
  return clipText(typeof value === "string" ? value : JSON.stringify(value), 160);
}
