import { describe, expect, it } from "vitest";
import { replacementNotice, toggleTag } from "@/lib/codebook/selection";

const verdict = { id: "g-verdict", name: "verdict", choice: "single" as const };
const frame = { id: "g-frame", name: "frame", choice: "multiple" as const };
const codebook = [
  { id: "accurate", name: "accurate", group: verdict },
  { id: "false", name: "false", group: verdict },
  { id: "economic", name: "economic", group: frame },
  { id: "political", name: "political", group: frame },
];

describe("choosing tags", () => {
  it("replaces a single-choice group's tag and says so", () => {
    expect(toggleTag(codebook, ["accurate", "economic"], "false")).toEqual(["economic", "false"]);
    expect(replacementNotice(codebook, ["accurate", "economic"], "false")).toBe(
      "“verdict” takes one tag: “false” replaces “accurate”.",
    );
  });

  it("says nothing when nothing is replaced", () => {
    expect(replacementNotice(codebook, [], "false")).toBeNull();
    expect(replacementNotice(codebook, ["false"], "false")).toBeNull();
    expect(replacementNotice(codebook, ["economic"], "political")).toBeNull();
    expect(toggleTag(codebook, ["economic"], "political")).toEqual(["economic", "political"]);
  });
});
