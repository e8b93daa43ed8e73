import { describe, expect, it } from "vitest";
import { omissionCounts, omittingSources } from "@/lib/omissions";

describe("omissions", () => {
  const outlets = [
    { id: "a", name: "A" },
    { id: "b", name: "B" },
    { id: "c", name: "C" },
  ];

  it("are the sources, in their order, with no claim linked to the event", () => {
    expect(omittingSources(outlets, new Set(["b"]), (outlet) => outlet.id)).toEqual([outlets[0], outlets[2]]);
    expect(omittingSources(outlets, new Set(["a", "b", "c"]), (outlet) => outlet.id)).toEqual([]);
    expect(omittingSources(outlets, new Set<string>(), (outlet) => outlet.id)).toEqual(outlets);
  });

  it("are counted per source over the events, each event given by who reports it", () => {
    const counts = omissionCounts(["a", "b", "c"], [new Set(["a"]), new Set(["a", "b"]), new Set<string>()]);
    expect([...counts]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect([...omissionCounts([0, 1], [])]).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
});
