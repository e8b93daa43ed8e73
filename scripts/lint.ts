/**
 * `npm run lint`: Biome's formatter and linter as CI runs them (`biome ci`: nothing is rewritten, any
 * error or warning fails), then every line of code held to the formatter's width (scripts/lib/line-width.ts).
 * Fix formatting with `npx biome format --write .`; lines over the width by hand.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { linesOverWidth } from "./lib/line-width.ts";
import { log } from "./lib/log.ts";

const projectRoot = path.resolve(import.meta.dirname, "..");

function biomeCi(): boolean {
  const biome = path.join(projectRoot, "node_modules/@biomejs/biome/bin/biome");
  const result = spawnSync(process.execPath, [biome, "ci", "--error-on-warnings", "."], {
    cwd: projectRoot,
    stdio: "inherit",
  });
  return result.status === 0;
}

function widthCheck(): boolean {
  const { width, lines } = linesOverWidth(projectRoot);
  for (const line of lines) console.error(`${line}: longer than ${width} characters`);
  if (lines.length) log(`${lines.length} line(s) longer than ${width} characters: wrap them by hand`);
  return lines.length === 0;
}

const formattedAndLinted = biomeCi();
const withinWidth = widthCheck();
process.exit(formattedAndLinted && withinWidth ? 0 : 1);
