import { describe, expect, it } from "vitest";
import { newIds } from "@/lib/ids";
import { uuid } from "@/lib/validation";

describe("newIds", () => {
  it("makes distinct UUIDv7 ids that sort in the order made", () => {
    const first = newIds(5_000);
    const second = newIds(5_000);
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(uuid.safeParse(id).success && id[14]).toBe("7");
    expect(first).toEqual([...first].sort());
    expect(second).toEqual([...second].sort());
  });
});
