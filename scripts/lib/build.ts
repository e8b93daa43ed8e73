import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { log } from "./log.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = [
  "next.config.ts",
  "instrumentation.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const FINGERPRINT_FILE = path.join(projectRoot, ".next", "parallax-source-fingerprint");

function listFiles(folder: string): string[] {
  const absolute = path.join(projectRoot, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(path.join("lib", "generated")));
}

/** A hash of everything the production build is made from. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const files = [
    ...SOURCE_DIRS.flatMap(listFiles),
    ...SOURCE_FILES.filter((file) => existsSync(path.join(projectRoot, file))),
  ].sort();
  for (const file of files)
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(projectRoot, file)))
      .update("\0");
  return hash.digest("hex");
}

/** Whether the existing build was made from exactly the sources as they are (their `fingerprint`). */
export function isBuildCurrent(fingerprint = sourceFingerprint()): boolean {
  return (
    existsSync(path.join(projectRoot, ".next", "BUILD_ID")) &&
    existsSync(FINGERPRINT_FILE) &&
    readFileSync(FINGERPRINT_FILE, "utf8") === fingerprint
  );
}

/** Runs `next build` unless the existing build was made from exactly these sources. */
export function ensureBuilt(env: NodeJS.ProcessEnv): void {
  const fingerprint = sourceFingerprint();
  if (isBuildCurrent(fingerprint)) return;
  log("building the app (next build); later starts reuse the build until the sources change…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed (see above)");
  writeFileSync(FINGERPRINT_FILE, fingerprint);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
