import { describe, expect, it } from "vitest";
import { firstClash, resolveKeys, shortcutKeys, shortcutsClash } from "@/lib/codebook/shortcuts";

const tags = [
  { name: "statistic", shortcut: "s" },
  { name: "economic", shortcut: "me" },
  { name: "morality", shortcut: "mm" },
  { name: "no key", shortcut: null },
];

describe("tag shortcuts of one or two keys", () => {
  it("clash when equal or when one starts the other", () => {
    expect(shortcutsClash("me", "me")).toBe(true);
    expect(shortcutsClash("m", "me")).toBe(true);
    expect(shortcutsClash("me", "m")).toBe(true);
    expect(shortcutsClash("me", "mm")).toBe(false);
    expect(shortcutsClash("e", "me")).toBe(false);
    expect(firstClash("sx", tags)?.name).toBe("statistic");
    expect(firstClash("m", tags)?.name).toBe("economic");
    expect(firstClash("x", tags)).toBeUndefined();
  });

  it("resolve typed keys to a tag, a wait for the second key, or nothing", () => {
    expect(resolveKeys(tags, "s")).toEqual({ tag: tags[0] });
    expect(resolveKeys(tags, "m")).toEqual({ pending: "m" });
    expect(resolveKeys(tags, "mm")).toEqual({ tag: tags[2] });
    expect(resolveKeys(tags, "mx")).toBeNull();
    expect(resolveKeys(tags, "x")).toBeNull();
  });

  it("count keys by character, so a key outside the Basic Multilingual Plane is one key", () => {
    expect(shortcutKeys("m😀")).toEqual(["m", "😀"]);
  });
});
