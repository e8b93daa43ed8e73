import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { linesOverWidth, longLines } from "../../scripts/lib/line-width.ts";

describe("the line width check", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "parallax-width-"));
    execFileSync("git", ["init", "--quiet"], { cwd: root });
    // The width is read from the formatter's configuration, comments and all.
    writeFileSync(path.join(root, "biome.jsonc"), '{\n  // narrow\n  "formatter": { "lineWidth": 20 },\n}\n');
    writeFileSync(path.join(root, ".gitignore"), "ignored/\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("passes when every line of code fits", () => {
    writeFileSync(path.join(root, "short.ts"), `const a = 1;\n${"x".repeat(20)}\n`);
    expect(linesOverWidth(root)).toEqual({ width: 20, lines: [] });
  });

  it("fails naming file and line of each longer line, in code and styles but not in ignored or other files", () => {
    writeFileSync(path.join(root, "long.tsx"), `const a = 1;\nconst b = "${"y".repeat(20)}";\n`);
    writeFileSync(path.join(root, "long.css"), `a {\n  color: ${"red ".repeat(10)};\n}\n`);
    writeFileSync(path.join(root, "notes.md"), `${"z".repeat(40)}\n`);
    mkdirSync(path.join(root, "ignored"));
    writeFileSync(path.join(root, "ignored", "generated.ts"), `${"g".repeat(40)}\n`);
    expect(linesOverWidth(root).lines.sort()).toEqual(["long.css:2", "long.tsx:2"]);
  });

  it("counts characters, not bytes", () => {
    expect(longLines("گزارش".repeat(4), 20)).toEqual([]);
    expect(longLines(`ok\n${"گزارش".repeat(5)}!`, 25)).toEqual([2]);
  });
});
