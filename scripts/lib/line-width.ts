/**
 * Every line of code held to the formatter's width. Biome wraps what it can, but it never breaks a
 * string, a comment, JSX text, a class list or SQL inside a template literal: those lines are found here.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Code and styles. Markdown is left out: its tables cannot be wrapped, and its prose is wrapped by
 * whatever shows it; SQL migrations are written by the schema engine.
 */
const CHECKED_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".css"]);

/** The formatter's `lineWidth` from biome.jsonc (JSON with comments, read by TypeScript's own parser). */
export function readLineWidth(configFile: string): number {
  const { config, error } = ts.parseConfigFileTextToJson(configFile, readFileSync(configFile, "utf8"));
  const width: unknown = config?.formatter?.lineWidth;
  if (error || typeof width !== "number" || !Number.isInteger(width) || width <= 0) {
    throw new Error(`${configFile} does not set formatter.lineWidth`);
  }
  return width;
}

/** The 1-based numbers of the lines longer than `width` characters (code points: a Persian letter counts once). */
export function longLines(text: string, width: number): number[] {
  const numbers: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if ([...line].length > width) numbers.push(index + 1);
  });
  return numbers;
}

/** The files under `root` that git tracks, or would track once added, with a checked extension. */
function sourceFiles(root: string): string[] {
  const listing = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  });
  return listing
    .split("\0")
    .filter((file) => CHECKED_EXTENSIONS.has(path.extname(file)) && existsSync(path.join(root, file)));
}

/** `file:line` of every line over the width set in `root`/biome.jsonc; empty when all fit. */
export function linesOverWidth(root: string): { width: number; lines: string[] } {
  const width = readLineWidth(path.join(root, "biome.jsonc"));
  const lines = sourceFiles(root).flatMap((file) =>
    longLines(readFileSync(path.join(root, file), "utf8"), width).map((line) => `${file}:${line}`),
  );
  return { width, lines };
}
