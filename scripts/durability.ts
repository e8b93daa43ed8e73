/**
 * `npm run test:durability`: acknowledged writes survive PostgreSQL crashes.
 *
 * Starts a PostgreSQL of its own (.data/durability-pg) and the built app, then
 * drives concurrent writes (annotations and comments) through the API while
 * PostgreSQL's postmaster is killed with SIGKILL at random moments, several
 * times, and restarted. The app is never restarted. Checks:
 *   - every write answered 2xx is in the database afterwards, intact (0 lost);
 *   - writes during an outage get a JSON 503, never a 500 and never a hang;
 *   - /api/health answers 503 while PostgreSQL is down and 200 again after;
 *   - an open live stream of the article says resync after each restart (the
 *     changes committed while the app was not listening reached no reader).
 * Exits non-zero if any check fails.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { followLive } from "./lib/app-client.ts";
import { ensureBuilt } from "./lib/build.ts";
import { dataDir } from "./lib/database.ts";
import {
  type EmbeddedCluster,
  postmasterPid,
  restartEmbeddedPostgres,
  startEmbeddedPostgres,
} from "./lib/embedded-postgres.ts";
import { log } from "./lib/log.ts";
import { freePort, waitForHealth } from "./lib/net.ts";
import { type RunningApp, startNextServer } from "./lib/next-server.ts";
import { applyMigrations } from "./lib/schema-engine.ts";
import { takeOverShutdownSignals } from "./lib/signals.ts";

const CRASHES = Number(process.env.DURABILITY_CRASHES ?? 3);
const WRITERS = 8;
const REQUEST_TIMEOUT_MS = 15_000;
const DATABASE = "parallax_durability";
const PG_DIR = path.join(dataDir(), "durability-pg");
const PG_PORT = Number(process.env.PARALLAX_DURABILITY_PG_PORT ?? 54331);
/** A reader's stream says resync this soon after the app answers again. */
const RESYNC_WITHIN_MS = 10_000;
const TEXT = "Officials said 40 villages were retaken on Monday; critics called the figure propaganda.";

interface Acknowledged {
  kind: "annotation" | "comment";
  id: string;
  text: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) return null;
    await sleep(100);
  }
  return Date.now() - started;
}

async function main(): Promise<number> {
  let cluster: EmbeddedCluster | undefined;
  let app: RunningApp | undefined;
  takeOverShutdownSignals(async () => {
    await app?.stop();
    await cluster?.stop().catch(() => {});
  });
  try {
    cluster = await startEmbeddedPostgres(PG_DIR, PG_PORT);
    await cluster.dropDatabase(DATABASE);
    await cluster.createDatabaseIfMissing(DATABASE);
    const databaseUrl = cluster.urlFor(DATABASE);
    await applyMigrations(databaseUrl);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NODE_ENV: "production",
    };

    // A user, a token, a project and an article, made with the app's own functions.
    Object.assign(process.env, { DATABASE_URL: databaseUrl, AUTH_SECRET: env.AUTH_SECRET });
    const { signUp } = await import("../lib/users.ts");
    const { createApiToken } = await import("../lib/auth/tokens.ts");
    const { actorFor } = await import("../lib/actor.ts");
    const { createProject } = await import("../lib/projects.ts");
    const { importArticle } = await import("../lib/articles/index.ts");
    const { createAnnotation } = await import("../lib/annotations/index.ts");
    const { db } = await import("../lib/db.ts");
    const email = "durability@test.example";
    const user = await signUp(
      { email, name: "Durability", password: "durability password" },
      { ignoreSignupSwitch: true },
    );
    const { token } = await createApiToken({ email, password: "durability password" });
    const actor = actorFor(user, "token");
    const project = await createProject(actor, { name: "Durability" });
    const article = await importArticle(actor, project.id, { title: "Crash", text: TEXT });
    const annotationId = (await createAnnotation(actor, article.id, { start: 0, end: 9, exact: "Officials" })).id;
    await db().$disconnect();

    ensureBuilt(env);
    app = await startNextServer({
      mode: "start",
      port: await freePort(),
      env,
      logFile: path.join(dataDir(), "durability-app.log"),
    });
    log(`app at ${app.url}; ${WRITERS} writers; ${CRASHES} crashes of PostgreSQL; a reader follows the article live`);
    const live = await followLive(app.url, article.id, token);
    const resyncs = () => live.events.filter((event) => event.data.type === "resync").length;

    const acknowledged: Acknowledged[] = [];
    const failures: string[] = [];
    let unavailable = 0;
    let sequence = 0;
    let writing = true;

    const write = async (): Promise<void> => {
      const n = ++sequence;
      const text = `write ${n} ${randomBytes(6).toString("hex")}`;
      const asComment = n % 3 === 0;
      const url = asComment
        ? `${app!.url}/api/v1/annotations/${annotationId}/comments`
        : `${app!.url}/api/v1/articles/${article.id}/annotations`;
      const body = asComment ? { text } : { start: 15, end: 26, exact: "40 villages", note: text };
      const started = Date.now();
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const answer = (await response.json().catch(() => null)) as { id?: string; error?: { code?: string } } | null;
        if (response.status === 201 && answer?.id)
          acknowledged.push({ kind: asComment ? "comment" : "annotation", id: answer.id, text });
        else if (response.status === 503 && answer?.error?.code === "service_unavailable") unavailable++;
        else failures.push(`write ${n}: ${response.status} ${JSON.stringify(answer)}`);
      } catch (error) {
        failures.push(`write ${n}: no answer after ${Date.now() - started} ms (${(error as Error).name})`);
      }
    };
    const writers = Array.from({ length: WRITERS }, async () => {
      while (writing) await write();
    });

    const outages: { downAfterMs: number; upAfterMs: number }[] = [];
    let restartsWithoutResync = 0;
    for (let crash = 1; crash <= CRASHES; crash++) {
      await sleep(between(2_000, 5_000));
      const pid = postmasterPid(PG_DIR)!; // the server is running
      process.kill(pid, "SIGKILL");
      log(`crash ${crash}: SIGKILL to PostgreSQL (pid ${pid}) after ${acknowledged.length} acknowledged writes`);
      const downAfterMs = await waitForHealth(app.url, 503, 20_000);
      await sleep(between(1_000, 3_000));
      const resyncsBefore = resyncs();
      cluster = await restartEmbeddedPostgres(PG_DIR, PG_PORT);
      const upAfterMs = await waitForHealth(app.url, 200, 60_000);
      outages.push({ downAfterMs, upAfterMs });
      log(`crash ${crash}: health 503 after ${downAfterMs} ms, 200 again ${upAfterMs} ms after the restart`);
      // What was committed while the app's LISTEN connection was down was announced to nobody: its readers must reload.
      const resyncAfterMs = await waitUntil(() => resyncs() > resyncsBefore, RESYNC_WITHIN_MS);
      if (resyncAfterMs === null) {
        restartsWithoutResync++;
        log(`crash ${crash}: the open live stream got NO resync within ${RESYNC_WITHIN_MS} ms of health 200`);
      } else log(`crash ${crash}: the open live stream said resync ${resyncAfterMs} ms after health 200`);
    }
    await sleep(2_000);
    writing = false;
    await Promise.all(writers);
    live.close();

    // Every acknowledged write, read back directly from PostgreSQL.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const annotations = new Map(
      (
        await client.query<{ id: string; note: string }>(
          "SELECT id, note FROM annotations WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL",
          [acknowledged.filter((w) => w.kind === "annotation").map((w) => w.id)],
        )
      ).rows.map((row) => [row.id, row.note]),
    );
    const comments = new Map(
      (
        await client.query<{ id: string; text: string }>(
          "SELECT id, text FROM comments WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL",
          [acknowledged.filter((w) => w.kind === "comment").map((w) => w.id)],
        )
      ).rows.map((row) => [row.id, row.text]),
    );
    await client.end();
    const lost = acknowledged.filter(
      (w) => (w.kind === "annotation" ? annotations.get(w.id) : comments.get(w.id)) !== w.text,
    );

    console.log("");
    console.log(`writes acknowledged (2xx)   ${acknowledged.length}`);
    console.log(`acknowledged and lost       ${lost.length}`);
    console.log(`answered 503 during outages ${unavailable}`);
    console.log(`500s, other answers, hangs  ${failures.length}`);
    console.log(`restarts with no resync     ${restartsWithoutResync} (of the live stream: ${resyncs()} resyncs)`);
    console.log(
      `outages                     ${outages
        .map((o) => `503 after ${o.downAfterMs} ms, 200 ${o.upAfterMs} ms after restart`)
        .join("; ")}`,
    );
    for (const failure of failures.slice(0, 20)) console.log(`  ${failure}`);
    for (const write of lost.slice(0, 20)) console.log(`  lost: ${write.kind} ${write.id}`);
    const passed =
      lost.length === 0 &&
      failures.length === 0 &&
      unavailable > 0 &&
      outages.length === CRASHES &&
      acknowledged.length > 0 &&
      restartsWithoutResync === 0;
    log(passed ? "durability: passed" : "durability: FAILED");
    return passed ? 0 : 1;
  } finally {
    await app?.stop();
    await cluster?.stop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[parallax] ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
