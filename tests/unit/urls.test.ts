import { describe, expect, it } from "vitest";
import { safeReturnPath, webLinkHost } from "@/lib/urls";

describe("safeReturnPath", () => {
  it("keeps paths of this site", () => {
    expect(safeReturnPath("/articles/1?x=2")).toBe("/articles/1?x=2");
  });

  it("refuses other sites and non-strings", () => {
    for (const value of [
      "https://evil.example",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      null,
      5,
    ]) {
      expect(safeReturnPath(value)).toBe("/projects");
    }
  });
});

describe("webLinkHost", () => {
  it("gives the host of http(s) links, and nothing for other schemes or what does not parse", () => {
    expect(webLinkHost("https://例え.jp/記事")).toBe("xn--r8jz45g.jp");
    expect(webLinkHost("http://[::1]:3000/a")).toBe("[::1]");
    for (const url of ["javascript:alert(1)", "data:text/html,x", "not a url", ""]) expect(webLinkHost(url)).toBeNull();
  });
});
