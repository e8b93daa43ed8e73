/**
 * The keys of the article text: what each does, as data the text's key
 * handler (use-text-selection) and the keyboard help (keyboard-help.tsx) share.
 */
import type { TextDirection, TextUnit } from "./text-boundaries";

type NativeDirection = "left" | "right" | "backward" | "forward";
type NativeGranularity = "character" | "word" | "line" | "lineboundary";

export type ReaderKeyAction =
  /** Selection.modify does it: by character, word, line, to a line's ends. */
  | { kind: "native"; direction: NativeDirection; granularity: NativeGranularity; extend: boolean }
  /** By sentence or paragraph: computed from the text (text-boundaries.ts), so every script moves alike. */
  | { kind: "unit"; unit: TextUnit; direction: TextDirection; extend: boolean }
  /** To the next or previous annotation in the text. */
  | { kind: "annotation"; direction: TextDirection };

interface KeyPress {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

const NATIVE_MOVES: Record<string, [NativeDirection, NativeGranularity]> = {
  ArrowLeft: ["left", "character"],
  ArrowRight: ["right", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};
const VERTICAL: Record<string, TextDirection> = { ArrowUp: "backward", ArrowDown: "forward" };
const ANNOTATION_KEYS: Record<string, TextDirection> = { "]": "forward", "[": "backward" };
const ANNOTATION_CODES: Record<string, TextDirection> = { BracketRight: "forward", BracketLeft: "backward" };

/**
 * What a key press in the article text does, or null for keys it leaves to
 * the browser. Ctrl+Up/Down go by paragraph (as in the text fields of
 * Windows and Linux), Alt+Up/Down by sentence (Alt+Left/Right stay the
 * browser's Back and Forward); Shift extends the selection.
 */
export function readerKeyAction(press: KeyPress): ReaderKeyAction | null {
  if (press.metaKey) return null;
  const extend = press.shiftKey;
  const vertical = VERTICAL[press.key];
  if (vertical && (press.ctrlKey || press.altKey) && !(press.ctrlKey && press.altKey)) {
    return { kind: "unit", unit: press.ctrlKey ? "paragraph" : "sentence", direction: vertical, extend };
  }
  const native = NATIVE_MOVES[press.key];
  if (native && !press.altKey) {
    const [direction, granularity] = native;
    return {
      kind: "native",
      direction,
      granularity: press.ctrlKey && granularity === "character" ? "word" : granularity,
      extend,
    };
  }
  // AltGr (Ctrl+Alt on Windows) types the brackets on some layouts (German, say).
  if (press.ctrlKey !== press.altKey) return null;
  const annotation =
    ANNOTATION_KEYS[press.key] ?? (typesOtherScript(press.key) ? ANNOTATION_CODES[press.code] : undefined);
  return annotation ? { kind: "annotation", direction: annotation } : null;
}

/**
 * A character of a script other than Latin: on such a layout (Persian, say) "]" and "[" are found by the key's
 * place.
 */
function typesOtherScript(key: string): boolean {
  return [...key].length === 1 && !/[\p{Script=Latin}\p{ASCII}]/u.test(key);
}

/**
 * The annotation (of `spans`, in text order) to jump to from the caret at
 * `offset`: the first starting after it, or (backward) the last starting
 * before it. From the annotation being shown (`currentId`, the caret on its
 * start) the neighbour in the list, so annotations starting together are
 * each visited. Null at the end of the list.
 */
export function adjacentAnnotation<T extends { id: string; start: number }>(
  spans: readonly T[],
  offset: number | null,
  currentId: string | null,
  direction: TextDirection,
): T | null {
  const current = spans.findIndex((span) => span.id === currentId);
  if (current !== -1 && (offset === null || spans[current]!.start === offset)) {
    return spans[current + (direction === "forward" ? 1 : -1)] ?? null;
  }
  if (direction === "forward") return spans.find((span) => offset === null || span.start > offset) ?? null;
  return offset === null ? null : (spans.findLast((span) => span.start < offset) ?? null);
}

/** What a suggestion key does: go to the next suggestion, accept or reject the current one. */
export type SuggestionKeyAction = "next" | "accept" | "reject";

const SUGGESTION_KEYS: Record<string, SuggestionKeyAction> = { n: "next", a: "accept", x: "reject" };
const SUGGESTION_CODES: Record<string, SuggestionKeyAction> = { KeyN: "next", KeyA: "accept", KeyX: "reject" };

/**
 * The suggestion key pressed (n, a, x, without Ctrl, Alt or Meta), or null. On a layout of another script the key's
 * place counts, as for ] and [.
 */
export function suggestionKeyAction(press: KeyPress): SuggestionKeyAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey || press.shiftKey) return null;
  return SUGGESTION_KEYS[press.key] ?? (typesOtherScript(press.key) ? (SUGGESTION_CODES[press.code] ?? null) : null);
}

/** The keyboard help: each key (as shown) and what it does in the article text. */
export const READER_KEY_HELP: readonly { keys: string; action: string }[] = [
  { keys: "← → ↑ ↓", action: "Move the caret by character or line" },
  { keys: "Ctrl+← →", action: "Move by word" },
  { keys: "Alt+↑ ↓", action: "Move to the previous / next sentence" },
  { keys: "Ctrl+↑ ↓", action: "Move to the previous / next paragraph" },
  { keys: "Home End", action: "Move to the start / end of the line" },
  { keys: "Shift+ any of these", action: "Extend the selection instead" },
  { keys: "Enter", action: "Tag the selection, or list the annotations at the caret" },
  { keys: "] [", action: "Go to the next / previous annotation and show its card" },
  { keys: "Esc", action: "Close the list of annotations here" },
  { keys: "n", action: "Go to the next suggestion (coders)" },
  { keys: "a x", action: "Accept / reject the current suggestion" },
];
