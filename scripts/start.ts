/**
 * `npm start` (and `npm run dev` with --dev): everything a fresh machine needs.
 * Starts an embedded PostgreSQL under .data/ unless DATABASE_URL is set,
 * applies the migrations, loads the demo seed (one instance at a time, when
 * several start together), builds the app if its sources
 * changed, serves it on PORT, and stops it all cleanly on Ctrl-C or SIGTERM.
 * While it runs it supervises both: PostgreSQL or the app server exiting by
 * itself is logged and restarted (at most 5 times in 10 minutes each; past
 * that it stops everything and exits with code 1, for a process manager to
 * restart the whole).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBuilt } from "./lib/build.ts";
import { dataDir, embeddedPort, provideDatabaseServer } from "./lib/database.ts";
import { log } from "./lib/log.ts";
import { restartEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { startNextServer } from "./lib/next-server.ts";
import { applyMigrations } from "./lib/schema-engine.ts";
import { takeOverShutdownSignals } from "./lib/signals.ts";
import { supervise } from "./lib/supervisor.ts";

const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

/** AUTH_SECRET from the environment, or one generated once and kept in .data/ so sessions survive restarts. */
function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    log(`generated AUTH_SECRET in ${file} (set AUTH_SECRET to use your own)`);
  }
  return readFileSync(file, "utf8").trim();
}

async function main() {
  const databasePort = embeddedPort("PARALLAX_PG_PORT", 54329);
  const server = await provideDatabaseServer("pg", databasePort);
  let app: { stop(): Promise<void> } | undefined;
  let database: { stop(): Promise<void> } = server;
  const shutdown = new AbortController();
  const stop = takeOverShutdownSignals(async () => {
    shutdown.abort();
    log("stopping…");
    await app?.stop();
    await database.stop();
    log("stopped");
  });
  // A crashed or killed embedded PostgreSQL is started again (the app answers 503 meanwhile, and carries on).
  if (server.exited) {
    const restart = () => restartEmbeddedPostgres(path.join(dataDir(), "pg"), databasePort);
    const first = { exited: server.exited, stop: server.stop };
    database = supervise({
      name: "PostgreSQL",
      first,
      restart,
      giveUp: (reason) => stop(1, reason),
      shutdown: shutdown.signal,
    });
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    await server.createDatabaseIfMissing("parallax");
    databaseUrl = server.urlFor("parallax");
    log(`embedded PostgreSQL running, data in ${path.join(dataDir(), "pg")}`);
  } else {
    log("using the PostgreSQL at DATABASE_URL");
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret() };
  // Migrations and the seed's lock need a session of their own: not through a pooler in transaction mode.
  const directUrl = process.env.DATABASE_DIRECT_URL ?? databaseUrl;

  const applied = await applyMigrations(directUrl);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  // The seed runs the app's own lib functions in this process, configured like the app.
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, AUTH_SECRET: env.AUTH_SECRET });
  const { DEMO_ACCOUNTS, isDemoSeeded } = await import("../lib/demo.ts");
  if (isDemoSeeded()) {
    const { seedDemoOnce } = await import("../prisma/seed/demo.ts");
    const created = await seedDemoOnce(directUrl);
    log(created.length ? `demo data loaded: ${created.join("; ")}` : "demo data already present");
  }

  if (!isDev) ensureBuilt(env);
  const startApp = () => startNextServer({ mode: isDev ? "dev" : "start", port, env });
  const firstApp = await startApp();
  // An app server that dies (out of memory, killed) is started again; PostgreSQL keeps running meanwhile.
  app = supervise({
    name: "the app server",
    first: firstApp,
    restart: startApp,
    giveUp: (reason) => stop(1, reason),
    shutdown: shutdown.signal,
  });

  const emailWidth = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
  console.log(`
  Parallax is running at ${firstApp.url}
${
  !isDemoSeeded()
    ? ""
    : `
  Demo logins (for trying Parallax only; change or remove them before real use):
${DEMO_ACCOUNTS.map(
  (account) =>
    `    ${account.role.toLowerCase().padEnd(9)} ` +
    `${account.email.padEnd(emailWidth)}   password: ${account.password}`,
).join("\n")}
`
}
  Press Ctrl-C to stop.
`);
}

main().catch((error) => {
  console.error(`[parallax] start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
