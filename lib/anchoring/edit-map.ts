import { diffChars, diffLines } from "diff";
import { splitsSurrogatePair } from "./span";

/** Maps offsets of a text before an edit to the text after it. */
export interface EditMap {
  /**
   * Where `offset` of the old text is in the new one. Offsets inside removed
   * text go to an edge of what replaced it; at an insertion point, `before`
   * stays before the inserted text and `after` goes past it (a span's start
   * maps with `after`, its end with `before`, so text typed right at a span's
   * edges stays outside it).
   */
  mapOffset(offset: number, affinity: "before" | "after"): number;
}

/** A changed region: old text [oldStart, oldEnd) became new text [newStart, newEnd). */
interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * A character diff costs time in proportion to the text times the changes:
 * beyond this many changed characters (or this long) it gives way to a diff
 * of whole lines, and that to one changed region between the common start and
 * end. Anchors in text the coarser diff calls changed are then searched for.
 */
const MAX_EDIT_LENGTH = 20_000;
const DIFF_TIMEOUT_MS = 1_000;

/**
 * The edit from `oldText` to `newText`, computed once for all annotations of
 * an article: the common beginning and end are cut off first (an edit is
 * usually small), the rest is diffed by character with jsdiff, or by line
 * when the texts differ too much for that.
 */
export function createEditMap(oldText: string, newText: string): EditMap {
  let head = 0;
  const shorter = Math.min(oldText.length, newText.length);
  while (head < shorter && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++;
  if (splitsSurrogatePair(oldText, head) || splitsSurrogatePair(newText, head)) head--;
  let tail = 0;
  while (
    tail < shorter - head &&
    oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)
  )
    tail++;
  if (splitsSurrogatePair(oldText, oldText.length - tail) || splitsSurrogatePair(newText, newText.length - tail))
    tail--;

  const oldMiddle = oldText.slice(head, oldText.length - tail);
  const newMiddle = newText.slice(head, newText.length - tail);
  const replaceAll = [
    { value: oldMiddle, added: false, removed: true },
    { value: newMiddle, added: true, removed: false },
  ];
  const limits = { maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS };
  const parts =
    oldMiddle === "" || newMiddle === ""
      ? replaceAll
      : (diffChars(oldMiddle, newMiddle, limits) ?? diffLines(oldMiddle, newMiddle, limits) ?? replaceAll);

  const hunks: Hunk[] = [];
  let oldPos = head;
  let newPos = head;
  let open: Hunk | null = null;
  for (const part of parts) {
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = null;
      oldPos += part.value.length;
      newPos += part.value.length;
      continue;
    }
    open ??= { oldStart: oldPos, oldEnd: oldPos, newStart: newPos, newEnd: newPos };
    if (part.removed) oldPos += part.value.length;
    else newPos += part.value.length;
    open.oldEnd = oldPos;
    open.newEnd = newPos;
  }
  if (open) hunks.push(open);
  return { mapOffset: (offset, affinity) => mapThrough(hunks, offset, affinity) };
}

function mapThrough(hunks: Hunk[], offset: number, affinity: "before" | "after"): number {
  // The first hunk that ends at or after the offset.
  let low = 0;
  let high = hunks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (hunks[middle]!.oldEnd < offset) low = middle + 1;
    else high = middle;
  }
  const hunk = hunks[low];
  if (!hunk || offset < hunk.oldStart) {
    const previous = hunks[low - 1];
    return previous ? offset + previous.newEnd - previous.oldEnd : offset;
  }
  if (offset === hunk.oldStart && offset === hunk.oldEnd) return affinity === "before" ? hunk.newStart : hunk.newEnd;
  if (offset === hunk.oldStart) return hunk.newStart;
  if (offset === hunk.oldEnd) return hunk.newEnd;
  return affinity === "before" ? hunk.newStart : hunk.newEnd;
}
