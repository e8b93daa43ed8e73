import { describe, expect, it } from "vitest";
import {
  type AnnotationSummary,
  compactUuid,
  expandUuid,
  packSummaries,
  unpackSummaries,
} from "@/lib/annotation-summaries";

const statistic = {
  id: "019ab000-0000-7000-8000-0000000000a1",
  name: "statistic",
  group: "claim type",
  color: "#2563eb",
};
const loaded = {
  id: "019ab000-0000-7000-8000-0000000000a2",
  name: "loaded language, with a comma",
  group: "rhetoric; or so",
  color: "#dc2626",
};
const editor = { id: "019ab000-0000-7000-8000-0000000000b1", name: "Eda, the editor" };
const reviewer = { id: "019ab000-0000-7000-8000-0000000000b2", name: "Rev; iewer" };

const summaries: AnnotationSummary[] = [
  {
    id: "019ab000-0000-7000-8000-000000000001",
    start: 0,
    end: 12,
    tags: [statistic, loaded],
    author: editor,
    status: "APPROVED",
    version: 3,
    anchor: "exact",
    commentCount: 3,
  },
  {
    id: "019ab000-0000-7000-8000-000000000002",
    start: 0,
    end: 5,
    tags: [],
    author: reviewer,
    status: "DRAFT",
    version: 1,
    anchor: "moved",
    commentCount: 0,
  },
  {
    id: "ffffffff-ffff-7fff-bfff-ffffffffffff",
    start: 40_000,
    end: 41_999,
    tags: [loaded],
    author: editor,
    status: "REJECTED",
    version: 12,
    anchor: "fuzzy",
    commentCount: 120,
  },
  // An orphan keeps its old span, which may lie before the previous row's.
  {
    id: "00000000-0000-7000-8000-000000000000",
    start: 7,
    end: 9,
    tags: [statistic],
    author: reviewer,
    status: "SUBMITTED",
    version: 2,
    anchor: "orphaned",
    commentCount: 1,
  },
];

describe("annotation summaries", () => {
  it("unpack to exactly what was packed, names with commas and semicolons included", () => {
    const packed = packSummaries(summaries);
    expect(unpackSummaries(JSON.parse(JSON.stringify(packed)))).toEqual(summaries);
    expect(packed.tags).toEqual([statistic, loaded]);
    expect(packed.authors).toEqual([editor, reviewer]);
    expect(unpackSummaries(packSummaries([]))).toEqual([]);
  });

  it("write each UUID in 22 characters and read it back", () => {
    for (const { id } of summaries) {
      expect(compactUuid(id)).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(expandUuid(compactUuid(id))).toBe(id);
    }
  });
});
