import { describe, expect, test } from "vitest";
import { adjacentAnnotation, readerKeyAction, suggestionKeyAction } from "@/components/reader/reader-keys";
import { unitBoundary } from "@/components/reader/text-boundaries";

const press = (
  key: string,
  modifiers: Partial<{ code: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) => ({
  key,
  code: "",
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
});

describe("readerKeyAction", () => {
  test("Alt+Up/Down go by sentence and Ctrl+Up/Down by paragraph; Shift extends", () => {
    expect(readerKeyAction(press("ArrowDown", { altKey: true }))).toEqual({
      kind: "unit",
      unit: "sentence",
      direction: "forward",
      extend: false,
    });
    expect(readerKeyAction(press("ArrowUp", { ctrlKey: true, shiftKey: true }))).toEqual({
      kind: "unit",
      unit: "paragraph",
      direction: "backward",
      extend: true,
    });
  });

  test("the browser keeps Alt+Left/Right (Back, Forward), AltGr (Ctrl+Alt) and the Meta key", () => {
    expect(readerKeyAction(press("ArrowLeft", { altKey: true }))).toBeNull();
    expect(readerKeyAction(press("ArrowDown", { altKey: true, ctrlKey: true }))).toBeNull();
    expect(readerKeyAction(press("ArrowDown", { metaKey: true }))).toBeNull();
    expect(readerKeyAction(press("]", { ctrlKey: true }))).toBeNull();
  });

  test("] and [ jump between annotations, also on a layout whose bracket keys type Persian letters", () => {
    expect(readerKeyAction(press("]"))).toEqual({ kind: "annotation", direction: "forward" });
    expect(readerKeyAction(press("[", { code: "BracketLeft" }))).toEqual({ kind: "annotation", direction: "backward" });
    expect(readerKeyAction(press("چ", { code: "BracketRight" }))).toEqual({ kind: "annotation", direction: "forward" });
    expect(readerKeyAction(press("[", { ctrlKey: true, altKey: true }))).toEqual({
      kind: "annotation",
      direction: "backward",
    });
    // A Latin letter on that key is a letter: German types ü there.
    expect(readerKeyAction(press("ü", { code: "BracketLeft" }))).toBeNull();
    expect(readerKeyAction(press("x", { code: "BracketRight" }))).toBeNull();
  });

  test("arrows keep moving by character, word and line as before", () => {
    expect(readerKeyAction(press("ArrowRight", { ctrlKey: true, shiftKey: true }))).toEqual({
      kind: "native",
      direction: "right",
      granularity: "word",
      extend: true,
    });
    expect(readerKeyAction(press("ArrowDown"))).toEqual({
      kind: "native",
      direction: "forward",
      granularity: "line",
      extend: false,
    });
  });
});

describe("unitBoundary", () => {
  const english = "One is here. Two? Three!\n\nFour begins. Five.\nSix";
  const persian = "سلام دنیا. این جمله دوم است؟ سوم!\nپاراگراف دوم.";

  test(
    "sentences: the next one's start forward, " + "the current or previous one's start backward, across paragraphs",
    () => {
      const starts = ["One", "Two", "Three", "Four", "Five", "Six"].map((word) => english.indexOf(word));
      let offset = 0;
      for (const expected of [...starts.slice(1), english.length]) {
        offset = unitBoundary(english, offset, "sentence", "forward");
        expect(offset).toBe(expected);
      }
      for (const expected of [...starts].reverse()) {
        offset = unitBoundary(english, offset, "sentence", "backward");
        expect(offset).toBe(expected);
      }
      expect(unitBoundary(english, english.indexOf("here"), "sentence", "backward")).toBe(0);
    },
  );

  test("Persian sentences end at . ؟ and !", () => {
    const starts = ["این", "سوم", "پاراگراف"].map((word) => persian.indexOf(word));
    expect(unitBoundary(persian, 0, "sentence", "forward")).toBe(starts[0]);
    expect(unitBoundary(persian, starts[0]!, "sentence", "forward")).toBe(starts[1]);
    expect(unitBoundary(persian, starts[1]!, "sentence", "forward")).toBe(starts[2]);
    expect(unitBoundary(persian, starts[2]!, "sentence", "backward")).toBe(starts[1]);
  });

  test("paragraphs: blank lines are skipped; the text's ends stop the caret", () => {
    expect(unitBoundary(english, 0, "paragraph", "forward")).toBe(english.indexOf("Four"));
    expect(unitBoundary(english, english.indexOf("Four"), "paragraph", "forward")).toBe(english.indexOf("Six"));
    expect(unitBoundary(english, english.indexOf("Six"), "paragraph", "forward")).toBe(english.length);
    expect(unitBoundary(english, english.indexOf("Five"), "paragraph", "backward")).toBe(english.indexOf("Four"));
    expect(unitBoundary(english, english.indexOf("Four"), "paragraph", "backward")).toBe(0);
    expect(unitBoundary(english, 0, "paragraph", "backward")).toBe(0);
  });
});

describe("adjacentAnnotation", () => {
  const spans = [
    { id: "a", start: 5 },
    { id: "b", start: 5 },
    { id: "c", start: 20 },
  ];

  test("from the caret: the first starting after it, or the last starting before it", () => {
    expect(adjacentAnnotation(spans, 0, null, "forward")?.id).toBe("a");
    expect(adjacentAnnotation(spans, 10, null, "forward")?.id).toBe("c");
    expect(adjacentAnnotation(spans, 10, null, "backward")?.id).toBe("b");
    expect(adjacentAnnotation(spans, 20, null, "forward")).toBeNull();
    expect(adjacentAnnotation(spans, null, null, "forward")?.id).toBe("a");
  });

  test("from the annotation shown, its neighbours, so two starting together are each visited", () => {
    expect(adjacentAnnotation(spans, 5, "a", "forward")?.id).toBe("b");
    expect(adjacentAnnotation(spans, 5, "b", "backward")?.id).toBe("a");
    expect(adjacentAnnotation(spans, 5, "a", "backward")).toBeNull();
    // The caret moved away from it: the caret counts.
    expect(adjacentAnnotation(spans, 21, "a", "backward")?.id).toBe("c");
  });
});

describe("suggestionKeyAction", () => {
  test("n, a and x go to the next suggestion, accept and reject it; not with a modifier", () => {
    expect(suggestionKeyAction(press("n"))).toBe("next");
    expect(suggestionKeyAction(press("a"))).toBe("accept");
    expect(suggestionKeyAction(press("x"))).toBe("reject");
    expect(suggestionKeyAction(press("a", { ctrlKey: true }))).toBeNull();
    expect(suggestionKeyAction(press("N", { shiftKey: true }))).toBeNull();
    expect(suggestionKeyAction(press("b"))).toBeNull();
  });

  test("on a Persian layout the keys are found by their place", () => {
    expect(suggestionKeyAction(press("د", { code: "KeyN" }))).toBe("next");
    expect(suggestionKeyAction(press("ش", { code: "KeyA" }))).toBe("accept");
  });
});
