/**
 * `npm run test:cluster`: Parallax on more than one machine, as docs/deploy.md
 * sets it up, on the distribution's own servers (installed from Debian when
 * missing, run as an unprivileged user): PostgreSQL, HAProxy in front of two
 * app instances (`npm start` of the built app, as a deployment runs it), and,
 * in a second round, PgBouncer in transaction pooling between the instances
 * and PostgreSQL. In each round, on a database of its own:
 *   - both instances start at once: the migrations and the demo seed run once;
 *   - a sign-in on one instance is valid on the other;
 *   - a write through one reaches a live reader on the other within 1 s;
 *   - failed sign-ins count toward one rate limit across both;
 *   - a token revoked on one is refused by the other within 1 s;
 *   - while both serve writers and readers, the next version's (additive)
 *     migration is applied: no request fails;
 *   - one instance killed (SIGKILL) under 8 writers: the balancer sends the
 *     rest to the other, no 500, no acknowledged write lost;
 *   - the killed instance starts again and the balancer sends to it again.
 * Everything listens on free ports of 127.0.0.1; it all lives in
 * .data/cluster. Exits non-zero if a check fails.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type AppInstance, startInstance } from "./lib/app-instance.ts";
import { ensureBuilt } from "./lib/build.ts";
import {
  CheckFailed,
  checkKillUnderWriters,
  checkLiveAcross,
  checkRateLimitAcross,
  checkRevocationAcross,
  checkSignInElsewhere,
  createToken,
  waitUntilServedBy,
} from "./lib/cluster-checks.ts";
import { dataDir } from "./lib/database.ts";
import { type Login, type PostgresServer, startDebianPostgres } from "./lib/debian-postgres.ts";
import { ensureDebianPostgres, ensureHaproxy, ensurePgbouncer } from "./lib/debian-tools.ts";
import { type Balancer, startHaproxy } from "./lib/haproxy.ts";
import { log } from "./lib/log.ts";
import { freePort } from "./lib/net.ts";
import { type Pooler, startPgbouncer } from "./lib/pgbouncer.ts";
import { checkRollingUpgrade } from "./lib/rollout-check.ts";
import { readMigrations } from "./lib/schema-engine.ts";
import { freshFolderFor, type ServiceUser, serviceUser } from "./lib/services.ts";
import { takeOverShutdownSignals } from "./lib/signals.ts";

const CLUSTER_DIR = path.join(dataDir(), "cluster");
/** The address the balancer connects to the instances from: the one proxy they trust. */
const BALANCER_ADDRESS = "127.0.0.2";
const REJOIN_TIMEOUT_MS = 120_000;

/** What runs and must be stopped at the end, newest first. */
const running: { stop(): Promise<void> }[] = [];
function started<T extends { stop(): Promise<void> }>(service: T): T {
  running.unshift(service);
  return service;
}
async function stopAll(): Promise<void> {
  for (const service of running.splice(0))
    await service.stop().catch((error: unknown) => log(`stopping: ${String(error)}`));
}

interface Round {
  name: string;
  database: string;
  /** Through PgBouncer (transaction pooling), with LISTEN and start-up locks straight to PostgreSQL. */
  isPooled: boolean;
}

const ROUNDS: Round[] = [
  { name: "direct", database: "parallax_cluster_direct", isPooled: false },
  { name: "through PgBouncer", database: "parallax_cluster_pooled", isPooled: true },
];

/**
 * This process's environment without the app settings of whoever runs it (npm test's own database, single sign-on):
 * each round sets its own.
 */
function inheritedEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_|AUTH_|PARALLAX_(?!.*PG_PORT)|TEST_)/.test(name)),
  );
}

/** Lines of an instance's log that say what it did about the migrations and the demo seed. */
function startupLines(logFile: string): string[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => /migrations|schema is up to date|demo data|waiting for another instance/.test(line))
    .map((line) => line.replace(/^\[parallax\] /, ""));
}

async function runRound(
  round: Round,
  context: {
    postgres: PostgresServer;
    user: ServiceUser;
    programs: { haproxy: string; pgbouncer: string };
    report: string[];
  },
): Promise<void> {
  const { postgres, user, report } = context;
  const folder = freshFolderFor(user, path.join(CLUSTER_DIR, round.name.replaceAll(" ", "-")));
  const login: Login = { user: `${round.database}_app`, password: randomBytes(18).toString("base64url") };
  await postgres.createOwnedDatabase(round.database, login);
  const directUrl = postgres.urlFor(round.database, login);
  let pooler: Pooler | undefined;
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnvironment(),
    NODE_ENV: "production",
    DATABASE_URL: directUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PARALLAX_TRUSTED_PROXIES: BALANCER_ADDRESS,
    PARALLAX_DATA_DIR: folder,
  };
  if (round.isPooled) {
    pooler = started(
      await startPgbouncer({
        program: context.programs.pgbouncer,
        folder,
        port: await freePort(),
        serverPort: postgres.port,
        login,
        poolSize: 10,
        user,
      }),
    );
    Object.assign(env, {
      DATABASE_URL: pooler.urlFor(round.database),
      DATABASE_DIRECT_URL: directUrl,
      PARALLAX_DB_PREPARED_STATEMENTS: "false",
    });
  }
  report.push(
    ``,
    `== ${round.name}: ${
      round.isPooled
        ? "instances → PgBouncer 1.18 (transaction pooling, 10 server connections) → " +
          "PostgreSQL; LISTEN and start-up locks direct"
        : "instances → PostgreSQL"
    }`,
  );

  // Both at once, as a deployment rolls out: one applies the migrations and loads the demo, the other waits and finds
  // them done.
  const ports = { a: await freePort(), b: await freePort() };
  const logOf = (name: string) => path.join(folder, `instance-${name}.log`);
  const startOne = (name: "a" | "b") => startInstance({ name, port: ports[name], env, logFile: logOf(name) });
  const startedAt = Date.now();
  const [a, b] = (await Promise.all([startOne("a"), startOne("b")])).map(started) as [AppInstance, AppInstance];
  const migrations = readMigrations().migrationDirectories.length;
  const [row] = await postgres.query<{ applied: number }>(
    "SELECT count(*)::int AS applied FROM _prisma_migrations WHERE finished_at IS NOT NULL",
    [],
    round.database,
  );
  const applied = row?.applied ?? 0;
  const lines = { a: startupLines(logOf("a")), b: startupLines(logOf("b")) };
  const appliers = (["a", "b"] as const).filter((name) =>
    lines[name].some((line) => line.startsWith("applied migrations")),
  );
  report.push(
    `both instances started together in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; the migrations ran once ` +
      `(${applied} rows for ${migrations} migrations):`,
  );
  for (const name of ["a", "b"] as const) report.push(`  ${name}: ${lines[name].join(" | ").slice(0, 220)}`);
  if (applied !== migrations || appliers.length !== 1)
    throw new CheckFailed(
      `the migrations were applied by ${appliers.length} instances, ${applied} rows for ${migrations} migrations`,
    );

  const balancer: Balancer = started(
    await startHaproxy({
      program: context.programs.haproxy,
      folder,
      port: await freePort(),
      instances: [a, b].map((instance) => ({ name: instance.name, port: ports[instance.name as "a" | "b"] })),
      sourceAddress: BALANCER_ADDRESS,
      user,
    }),
  );
  await waitUntilServedBy(balancer.url, a, Date.now(), 10_000);
  await waitUntilServedBy(balancer.url, b, Date.now(), 10_000);
  const transactionsBefore = (await pooler?.stats())?.transactions ?? 0;

  const { token } = await createToken(a.url, "cluster test");
  const check = async (describe: () => Promise<string | string[]>) => report.push(...[await describe()].flat());
  await check(() => checkSignInElsewhere(a, b));
  await check(() => checkSignInElsewhere(b, a));
  await check(() => checkLiveAcross(a, b, token));
  await check(() => checkLiveAcross(b, a, token));
  await check(() => checkRateLimitAcross(a, b));
  await check(() => checkRevocationAcross(a, b, token));
  await check(() => checkRollingUpgrade({ balancerUrl: balancer.url, token, directUrl, folder }));
  const { report: killReport, killedAt } = await checkKillUnderWriters({
    balancerUrl: balancer.url,
    victim: a,
    token,
    databaseUrl: directUrl,
  });
  report.push(...killReport);

  const restartedAt = Date.now();
  const again = started(await startOne("a"));
  const rejoinMs = await waitUntilServedBy(balancer.url, again, restartedAt, REJOIN_TIMEOUT_MS);
  report.push(
    `${again.name} (the previous version now: the database has the next version's migration too) started ` +
      `again ${((restartedAt - killedAt) / 1000).toFixed(1)} s after the kill; the balancer sent to ` +
      `it ${(rejoinMs / 1000).toFixed(1)} s after its start began`,
  );
  await check(() => checkLiveAcross(b, again, token));

  if (pooler) {
    const { transactions, serverConnections } = await pooler.stats();
    report.push(
      `PgBouncer ran ${transactions - transactionsBefore} transactions of these checks on ${serverConnections} ` +
        `server connections`,
    );
    if (transactions <= transactionsBefore) throw new CheckFailed("nothing went through PgBouncer");
  }
  const listeners = await postgres.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1 AND application_name = 'parallax-live'",
    [round.database],
  );
  report.push(`LISTEN connections on PostgreSQL: ${listeners[0]!.count} (one per running instance)`);
  await stopAll();
}

async function main(): Promise<number> {
  const began = Date.now();
  takeOverShutdownSignals(stopAll);
  const report: string[] = [];
  try {
    const binDir = ensureDebianPostgres();
    const programs = { haproxy: ensureHaproxy(), pgbouncer: ensurePgbouncer() };
    const user = serviceUser();
    const folder = freshFolderFor(user, path.join(CLUSTER_DIR, "postgres"));
    const postgres = await startDebianPostgres({ binDir, folder, port: await freePort(), user });
    // Built here, once: instances that start together would each build it. The build checks the settings exist.
    ensureBuilt({
      ...inheritedEnvironment(),
      NODE_ENV: "production",
      DATABASE_URL: postgres.urlFor("postgres"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    });
    report.push(`PostgreSQL: ${postgres.version.split(" on ")[0]} (${binDir}), as the user ${user.name}`);
    try {
      for (const round of ROUNDS) {
        log(`cluster round: ${round.name}`);
        await runRound(round, { postgres, user, programs, report });
      }
    } finally {
      await stopAll();
      await postgres.stop();
    }
    report.push(``, `all checks passed in ${((Date.now() - began) / 1000).toFixed(0)} s`);
    return 0;
  } catch (error) {
    report.push(
      ``,
      `FAILED: ${error instanceof CheckFailed ? error.message : error instanceof Error ? error.stack : String(error)}`,
    );
    return 1;
  } finally {
    console.log(report.join("\n"));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[parallax] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
