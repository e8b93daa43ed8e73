import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./database.ts";

/**
 * Where a test layer writes its machine-readable results, read back at the
 * end of `npm test` to name what failed: a long run's output is read from its
 * end, and the runners' own summaries are far above it by then.
 */
export function resultsFile(layer: string): string {
  const file = path.join(dataDir(), `${layer}-results.json`);
  rmSync(file, { force: true });
  return file;
}

interface VitestResults {
  testResults?: { name: string; assertionResults?: { status: string; fullName: string }[]; message?: string }[];
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; ok: boolean; line?: number }[];
  suites?: PlaywrightSuite[];
}

/** The failed tests in a vitest JSON report, as "file › test" (a file that failed to load: its message). */
export function failedVitestTests(file: string): string[] {
  if (!existsSync(file)) return [`${path.basename(file)} was not written`];
  const report = JSON.parse(readFileSync(file, "utf8")) as VitestResults;
  return (report.testResults ?? []).flatMap((suite) => {
    const name = path.relative(process.cwd(), suite.name);
    const failed = (suite.assertionResults ?? []).filter((test) => test.status === "failed");
    if (failed.length) return failed.map((test) => `${name} › ${test.fullName}`);
    return suite.message ? [`${name}: ${suite.message.split("\n")[0]}`] : [];
  });
}

/**
 * The failed tests in a Playwright JSON report (a suite per file under the
 * config's testDir, its describe blocks within), as "file:line › title".
 */
export function failedPlaywrightTests(file: string): string[] {
  if (!existsSync(file)) return [`${path.basename(file)} was not written`];
  const failedIn = (suite: PlaywrightSuite, fileName: string, titles: string[]): string[] => [
    ...(suite.specs ?? [])
      .filter((spec) => !spec.ok)
      .map((spec) => `tests/e2e/${fileName}:${spec.line ?? "?"} › ${[...titles, spec.title].join(" › ")}`),
    ...(suite.suites ?? []).flatMap((child) => failedIn(child, fileName, [...titles, child.title])),
  ];
  const report = JSON.parse(readFileSync(file, "utf8")) as { suites?: PlaywrightSuite[] };
  return (report.suites ?? []).flatMap((fileSuite) => failedIn(fileSuite, fileSuite.file ?? fileSuite.title, []));
}
