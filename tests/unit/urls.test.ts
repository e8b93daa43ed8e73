import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/urls";

describe("safeReturnPath", () => {
  it("keeps paths of this site", () => {
    expect(safeReturnPath("/articles/1?x=2")).toBe("/articles/1?x=2");
  });

  it("refuses other sites and non-strings", () => {
    for (const value of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", null, 5]) {
      expect(safeReturnPath(value)).toBe("/projects");
    }
  });
});
