/**
 * `npm test`: every test layer, on real parts.
 *   unit         vitest, tests/unit/
 *   integration  vitest, tests/integration/, against a real PostgreSQL and the
 *                built app served by `next start`
 *   e2e          Playwright in a real Chromium, tests/e2e/, against the same app
 *   durability   scripts/durability.ts (npm run test:durability): PostgreSQL
 *                killed under concurrent writes, no acknowledged write lost
 *                (full runs only: it has a server and an app of its own)
 *   cluster      scripts/cluster.ts (npm run test:cluster): two app instances
 *                behind HAProxy on Debian's PostgreSQL, directly and through
 *                PgBouncer (full runs only; two to four minutes)
 * The database is one of its own (parallax_test_<pid>), created, migrated and
 * seeded here and dropped at the end: on the embedded server under
 * .data/test-pg, or on the server DATABASE_URL names. Never the user's data.
 *
 * A full run first lints (npm run lint: Biome's formatter and linter, the line width; it stops
 * there if that fails) and type-checks everything (tsc --noEmit).
 * `npm test -- tests/integration/articles.test.ts` runs one file (any layer);
 * the layers with no file named are skipped, and the output says so.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ensureBuilt } from "./lib/build.ts";
import { ensureChromium, ensurePoppler } from "./lib/debian-tools.ts";
import { dataDir, type DatabaseServer, embeddedPort, provideDatabaseServer } from "./lib/database.ts";
import { log } from "./lib/log.ts";
import { freePort } from "./lib/net.ts";
import { type IdentityProvider, startIdentityProvider } from "./lib/identity-provider.ts";
import { type RunningApp, startNextServer } from "./lib/next-server.ts";
import { applyMigrations } from "./lib/schema-engine.ts";
import { takeOverShutdownSignals } from "./lib/signals.ts";
import { failedPlaywrightTests, failedVitestTests, resultsFile } from "./lib/test-summary.ts";
import { type PageServer, startPageServer } from "../tests/support/page-server.ts";

const projectRoot = path.resolve(import.meta.dirname, "..");
type Layer = "unit" | "integration" | "e2e";
const LAYERS: Layer[] = ["unit", "integration", "e2e"];

/** Which files of which layer to run: all layers with no arguments, else the layers of the files named. */
function selectLayers(args: string[]): Map<Layer, string[]> {
  const selected = new Map<Layer, string[]>();
  if (args.length === 0) {
    for (const layer of LAYERS) selected.set(layer, []);
    return selected;
  }
  for (const arg of args) {
    const relative = path.relative(projectRoot, path.resolve(arg));
    const layer = LAYERS.find((candidate) => relative.startsWith(path.join("tests", candidate)));
    if (!layer) throw new Error(`${arg} is not under tests/unit, tests/integration or tests/e2e`);
    selected.set(layer, [...(selected.get(layer) ?? []), relative]);
  }
  return selected;
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command, { cwd: projectRoot, stdio: "inherit", env });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** What failed, with the failed tests where the runner names them: listed at the very end of the output. */
const failed: string[] = [];

async function step(label: string, command: string[], env: NodeJS.ProcessEnv, failedTests?: () => string[]) {
  if ((await run(command, env)) === 0) return;
  const tests = failedTests?.() ?? [];
  failed.push([label, ...tests.map((test) => `  ${test}`)].join("\n"));
}

async function vitestStep(layer: Layer, args: string[], env: NodeJS.ProcessEnv) {
  const results = resultsFile(layer);
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${results}`];
  const command = ["node_modules/vitest/vitest.mjs", "run", "--project", layer, ...reporters, ...args];
  await step(layer, command, env, () => failedVitestTests(results));
}

async function main(): Promise<string[]> {
  const layers = selectLayers(process.argv.slice(2));
  const skipped = LAYERS.filter((layer) => !layers.has(layer));
  if (skipped.length) log(`running only the files named; skipping the ${skipped.join(" and ")} layer(s)`);

  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test" };
  if (layers.has("e2e")) env.CHROMIUM_PATH = ensureChromium();
  if (layers.has("integration")) env.PDFTOTEXT_PATH = ensurePoppler();

  let server: DatabaseServer | undefined;
  let app: RunningApp | undefined;
  let identityProvider: IdentityProvider | undefined;
  let pageServer: PageServer | undefined;
  const database = `parallax_test_${process.pid}`;
  const cleanUp = async () => {
    await app?.stop();
    await identityProvider?.stop();
    await pageServer?.stop();
    if (server) {
      await server
        .dropDatabase(database)
        .catch((error: unknown) => log(`could not drop ${database}: ${String(error)}`));
      await server.stop();
    }
  };
  takeOverShutdownSignals(cleanUp);

  try {
    if (process.argv.length <= 2) {
      log("lint (biome ci, line width)");
      if ((await run(["--import", "tsx", "scripts/lint.ts"], env)) !== 0) {
        log("lint failed: `npx biome format --write .` fixes the formatting; wrap long lines and fix the rest by hand");
        return ["lint"];
      }
      log("type check (next typegen, tsc --noEmit)");
      await step("type check", ["node_modules/next/dist/bin/next", "typegen"], env);
      await step("type check", ["node_modules/typescript/bin/tsc", "--noEmit"], env);
    }
    if (layers.has("unit")) {
      log("unit tests");
      await vitestStep("unit", layers.get("unit")!, env);
    }
    if (!layers.has("integration") && !layers.has("e2e")) return failed;

    server = await provideDatabaseServer("test-pg", embeddedPort("PARALLAX_TEST_PG_PORT", 54330));
    await server.dropDatabase(database);
    await server.createDatabaseIfMissing(database);
    Object.assign(env, { DATABASE_URL: server.urlFor(database), AUTH_SECRET: randomBytes(32).toString("base64url") });
    await applyMigrations(env.DATABASE_URL!);
    log(`test database ${database} created and migrated`);

    // The seed uses the app's lib functions in this process, configured like the app under test.
    Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, AUTH_SECRET: env.AUTH_SECRET });
    const { seedDemo } = await import("../prisma/seed/demo.ts");
    const { db } = await import("../lib/db.ts");
    await seedDemo();
    await db().$disconnect();

    ensureBuilt(env);
    // Single sign-on against a real OpenID Connect provider of the tests' own.
    const appPort = await freePort();
    log(
      "OpenID Connect provider for the single sign-on tests (oidc-provider with its development keys and sign-in " +
        "pages; " +
        "hence its warnings):",
    );
    identityProvider = await startIdentityProvider({
      port: await freePort(),
      redirectUri: `http://localhost:${appPort}/api/auth/callback/oidc`,
    });
    Object.assign(env, {
      AUTH_OIDC_ISSUER: identityProvider.issuer,
      AUTH_OIDC_ID: identityProvider.clientId,
      AUTH_OIDC_SECRET: identityProvider.clientSecret,
      AUTH_OIDC_NAME: "Newsroom SSO",
    });
    // A web site of the tests' own for the import by URL: the app may fetch from it (and from no other internal
    // address), and gives up on a page after 3 s instead of 10 so that the timeout test is quick.
    pageServer = await startPageServer(await freePort());
    Object.assign(env, {
      PARALLAX_FETCH_ALLOW: pageServer.host,
      PARALLAX_FETCH_TIMEOUT_MS: "3000",
      TEST_PAGE_SERVER: pageServer.origin,
    });
    const appLog = path.join(dataDir(), "test-app.log");
    app = await startNextServer({ mode: "start", port: appPort, env, logFile: appLog });
    env.TEST_BASE_URL = app.url;
    log(`app under test at ${app.url} (its log: ${path.relative(projectRoot, appLog)})`);

    if (layers.has("integration")) {
      log("integration tests");
      const files = layers.get("integration")!;
      await vitestStep("integration", ["--no-file-parallelism", ...files], env);
    }
    if (layers.has("e2e")) {
      log("end-to-end tests in Chromium");
      const results = resultsFile("e2e");
      await step(
        "e2e",
        ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json", ...layers.get("e2e")!],
        { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: results },
        () => failedPlaywrightTests(results),
      );
    }
    if (process.argv.length <= 2) {
      log("durability: PostgreSQL killed under concurrent writes");
      const { DATABASE_URL: _url, TEST_BASE_URL: _app, ...own } = env;
      await step("durability", ["--conditions=react-server", "--import", "tsx", "scripts/durability.ts"], own);
      log("cluster: two instances behind a load balancer, directly and through PgBouncer");
      await step("cluster", ["--conditions=react-server", "--import", "tsx", "scripts/cluster.ts"], own);
    }
    return failed;
  } finally {
    await cleanUp();
  }
}

// The schema engine leaves a timer running: exit explicitly.
main().then(
  (failures) => {
    log(failures.length ? `some tests failed:\n${failures.join("\n")}` : "all test layers passed");
    process.exit(failures.length ? 1 : 0);
  },
  (error: unknown) => {
    console.error(`[parallax] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
