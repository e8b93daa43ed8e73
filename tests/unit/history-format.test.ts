import { describe, expect, it } from "vitest";
import { asWords, changeKind, changesToShow, entityLabel, shownValue } from "@/components/history/entry-format";
import { describeAction } from "@/lib/history-kinds";

const created = [
  { field: "id", before: null, after: "019ab000-0000-7000-8000-000000000316" },
  { field: "end", before: null, after: 3010 },
  { field: "note", before: null, after: "Frames the uprising as endless infighting." },
  { field: "tags", before: null, after: ["opinion", "misleading"] },
  { field: "exact", before: null, after: "The Afghan people have been fighting among themselves for decades" },
  { field: "start", before: null, after: 2945 },
  { field: "anchor", before: null, after: "exact" },
  { field: "createdAt", before: null, after: "2026-11-23T18:33:12.072Z" },
  { field: "createdBy", before: null, after: { id: "01a209ae-f799-77c3-8bbc-b7aeaf5f5b25", name: "Demo Editor" } },
];

describe("a history entry as the History page shows it", () => {
  it("leaves out what the entry's line already says and puts the quote, span, tags and note first", () => {
    expect(changesToShow(created).map((change) => change.field)).toEqual([
      "exact",
      "start",
      "end",
      "tags",
      "note",
      "anchor",
    ]);
  });

  it("tells a creation, a deletion and a change apart", () => {
    expect(changeKind(created)).toBe("created");
    expect(changeKind(created.map((change) => ({ ...change, before: change.after, after: null })))).toBe("deleted");
    expect(
      changeKind([
        { field: "note", before: "old", after: "new" },
        { field: "reviewNote", before: null, after: "why" },
      ]),
    ).toBe("changed");
    expect(changeKind([])).toBe("changed");
  });

  it("names the item by its quote, title or name, clipped; a claim link by its claim and event", () => {
    const none = {};
    expect(
      entityLabel({ before: null, after: { exact: "  the terror group swept across the country " }, names: none }),
    ).toBe("“the terror group swept across the country”");
    expect(entityLabel({ before: { title: "Taliban offensive across Afghanistan" }, after: null, names: none })).toBe(
      "“Taliban offensive across Afghanistan”",
    );
    expect(entityLabel({ before: null, after: { exact: "x".repeat(100) }, names: none })).toBe(`“${"x".repeat(80)}…”`);
    // A merge records where the item went: it is named by what it was.
    expect(
      entityLabel({
        before: { name: "TASS English", notes: null },
        after: { mergedInto: "s1", articlesMoved: 2 },
        names: none,
      }),
    ).toBe("“TASS English”");
    expect(entityLabel({ before: { name: "Kremlin wire" }, after: { name: "TASS" }, names: none })).toBe("“TASS”");
    const link = { stance: "ASSERTS", annotationId: "a1", eventId: "e1" };
    expect(entityLabel({ before: null, after: link, names: none })).toBeNull();
    expect(
      entityLabel({ before: null, after: link, names: { a1: "“the terror group swept”", e1: "Taliban offensive" } }),
    ).toBe("“the terror group swept” → Taliban offensive");
    expect(asWords("ClaimLink")).toBe("Claim link");
    expect(asWords("Annotation")).toBe("Annotation");
  });

  it("names recorded fields in words", () => {
    expect(
      ["reviewNote", "attributedTo", "eventId", "annotationId", "exact", "dateStart", "url", "note"].map(asWords),
    ).toEqual(["Review note", "Attributed to", "Event", "Claim", "Quote", "Date start", "URL", "Note"]);
  });

  it("shows lists of names joined, people by name, nothing as a dash and long texts clipped", () => {
    expect(shownValue(["opinion", "misleading"])).toBe("opinion, misleading");
    expect(shownValue([])).toBe("none");
    expect(shownValue({ id: "01a209ae", name: "Demo Editor" })).toBe("Demo Editor");
    expect(shownValue(null)).toBe("—");
    expect(shownValue(3010)).toBe("3010");
    expect(shownValue("y".repeat(200))).toBe(`${"y".repeat(160)}…`);
    // An id by what it names, when the entry's names know it.
    expect(
      shownValue("019ab000-0000-7000-8000-000000000201", {
        "019ab000-0000-7000-8000-000000000201": "Armed citizens rise",
      }),
    ).toBe("Armed citizens rise");
  });
});

describe("the words for an entry's action", () => {
  it("tells an annotation accepted from a suggestion from one made by hand", () => {
    const after = { exact: "two decades", tags: ["loaded language"] };
    expect(describeAction({ action: "annotation.create", before: null, after })).toBe("Created an annotation");
    expect(
      describeAction({ action: "annotation.create", before: null, after: { ...after, fromSuggestion: "phrase" } }),
    ).toBe("Accepted a phrase suggestion");
    expect(describeAction({ action: "suggestion.reject", before: null, after: {} })).toBe("Rejected a suggestion");
  });
});
