/** The keys that move the caret in the article text (use-text-selection). */

type NativeDirection = "left" | "right" | "backward" | "forward";
type NativeGranularity = "character" | "word" | "line" | "lineboundary";

/** Selection.modify does it: by character, word, line, to a line's ends. */
export type ReaderKeyAction = { kind: "native"; direction: NativeDirection; granularity: NativeGranularity; extend: boolean };

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

/** What a key press in the article text does, or null for keys it leaves to the browser. Shift extends the selection; Ctrl goes by word. */
export function readerKeyAction(press: KeyPress): ReaderKeyAction | null {
  if (press.metaKey) return null;
  const extend = press.shiftKey;
  const native = NATIVE_MOVES[press.key];
  if (native && !press.altKey) {
    const [direction, granularity] = native;
    return { kind: "native", direction, granularity: press.ctrlKey && granularity === "character" ? "word" : granularity, extend };
  }
  return null;
}
