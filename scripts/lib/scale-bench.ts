/**
 * `npm run bench -- --scale`: how Parallax's costs grow with a project's size.
 * For 10,000, 100,000 and 1,000,000 annotations, each in a database of its
 * own on the bench's PostgreSQL server: the project's migrations, a bulk seed
 * (scale-seed.ts), then the built app started on it and measured over HTTP as
 * a user's browser or a script would use it. Prints, per measure, the time at
 * each size, the growth per 10× and the target; exits 1 if one is missed.
 * `--sizes=10000,100000` measures other sizes (the targets are judged at the
 * largest); `--reuse` keeps the databases an earlier run seeded; `--only=…`
 * runs only the measures named (runScaleBench).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password.ts";
import { MAX_PAGE_SIZE } from "../../lib/pagination.ts";
import {
  concurrentCreates,
  CONCURRENT_CREATES_TARGET_MS,
  CONCURRENT_WRITERS,
  IMPORT_TARGET_PER_SECOND,
  measuredDownload,
  projectImportRate,
} from "./bench-http.ts";
import { median, timed } from "./bench-stats.ts";
import { ensureBuilt } from "./build.ts";
import { dataDir, type DatabaseServer, embeddedPort, provideDatabaseServer } from "./database.ts";
import { log } from "./log.ts";
import { freePort } from "./net.ts";
import { type RunningApp, startNextServer } from "./next-server.ts";
import {
  COMMON_WORD,
  PER_ARTICLE,
  RARE_FORM,
  RARE_WORD,
  type ScaleSeed,
  seededScaleProject,
  seedScaleProject,
} from "./scale-seed.ts";
import { applyMigrations } from "./schema-engine.ts";
import { takeOverShutdownSignals } from "./signals.ts";
import { signInAt } from "./app-client.ts";

export const DEFAULT_SCALE_SIZES = [10_000, 100_000, 1_000_000];
const PASSWORD = "scale bench password 1234";
const CODERS = 4;
/**
 * Article numbers (in creation order) the measures about one article use: they exist at every size and hold the
 * same.
 */
const MEASURED_ARTICLE = 5;
const COMPARED_ARTICLE = 6;
const WRITTEN_ARTICLE = 8;
/** A request that takes longer is given up (and the server restarted before the next size). */
const GIVE_UP_MS = 60_000;
/** How often /api/health is asked while the agreement is computed, and how slow an answer may be. */
const HEALTH_POLL_MS = 50;

/** What a measure needs of one seeded size, the app started on it. */
interface Context {
  app: RunningApp;
  headers: Record<string, string>;
  cookie: string;
  projectId: string;
  ownerId: string;
  coderIds: string[];
  articleIds: string[];
  textOf(articleNumber: number): string;
  /** The app's settings (its database among them). */
  env: NodeJS.ProcessEnv;
}

type Unit = "ms" | "MB" | "/s";

interface Measure {
  name: string;
  unit: Unit;
  /** Everything about one article: it must stay flat (≤ 1.3× from the smallest size to the largest). */
  flat?: true;
  /** The value at the largest size must stay below (or, for a rate, reach) this. */
  limit?: number;
}

interface Outcome {
  value: number | null;
  /** Why there is no value, or what else is worth knowing. */
  note?: string;
}

const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`);

/** The median of up to `runs` runs after a warm-up, fewer when the runs are slow (up to about 20 s in all). */
async function repeated(runs: number, work: () => Promise<void>): Promise<number> {
  const warmUp = await timed(work);
  const times: number[] = [];
  const count = warmUp > 5_000 ? 1 : runs;
  for (let run = 0; run < count; run++) times.push(await timed(work));
  return median(times);
}

/** GET a page or API answer in full, expecting 200. */
async function load(context: Context, url: string, init: { cookie?: boolean } = {}): Promise<void> {
  const response = await fetch(`${context.app.url}${url}`, {
    headers: init.cookie ? { cookie: context.cookie } : context.headers,
    redirect: "manual",
    signal: AbortSignal.timeout(GIVE_UP_MS),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
}

const timedGet =
  (runs: number, url: (context: Context) => string, init: { cookie?: boolean } = {}) =>
  async (context: Context): Promise<Outcome> => ({
    value: await repeated(runs, () => load(context, url(context), init)),
  });

/**
 * The reader's links of one article: lib's function in a process of its own on this size's database. Waited for
 * without blocking: a blocked event loop misses the app closing idle keep-alive connections, and the next request
 * on one of them fails ("fetch failed: other side closed").
 */
async function articleLinks(context: Context): Promise<Outcome> {
  const script = path.join(import.meta.dirname, "article-links-timing.ts");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", script, context.articleIds[MEASURED_ARTICLE]!, context.ownerId],
    { env: context.env, encoding: "utf8" },
  ).catch((error: { stderr?: string }) => {
    throw new Error(`the links timing failed: ${error.stderr ?? String(error)}`);
  });
  const { ms, links } = JSON.parse(stdout.trim().split("\n").at(-1)!) as { ms: number; links: number };
  return { value: ms, note: `${links} links` };
}

function exportDownload(context: Context, format: "csv" | "jsonld", firstByteOnly: boolean) {
  return measuredDownload(`${context.app.url}/api/v1/projects/${context.projectId}/export?format=${format}`, {
    headers: context.headers,
    pid: context.app.child.pid!,
    timeoutMs: 10 * GIVE_UP_MS,
    firstByteOnly,
  });
}

/** The median first byte of three exports, each cancelled after it, once the route's code is loaded. */
async function exportFirstByte(context: Context, format: "csv" | "jsonld"): Promise<Outcome> {
  // The first request of a route loads its code into the server: not a cost of the project's size.
  await exportDownload(context, format, true);
  const runs = [];
  for (let run = 0; run < 3; run++) runs.push(await exportDownload(context, format, true));
  if (!runs.every((run) => run.ok))
    throw new Error(`the ${format} export answered ${runs.map((run) => run.status).join(", ")}`);
  return { value: median(runs.map((run) => run.firstByte)) };
}

/** The server's memory growth during one whole export. */
async function exportMemory(context: Context, format: "csv" | "jsonld"): Promise<Outcome> {
  const whole = await exportDownload(context, format, false);
  if (!whole.ok) throw new Error(`the ${format} export answered ${whole.status}`);
  return {
    value: whole.growth,
    note: `${(whole.bytes / 1024 / 1024).toFixed(0)} MB in ${(whole.total / 1000).toFixed(1)} s`,
  };
}

/**
 * The agreement of two coders on the whole project, while another client asks
 * /api/health every 50 ms: how long the agreement takes, and the slowest
 * health answer meanwhile (the server's other requests waiting for it).
 */
async function agreementMeasures(context: Context): Promise<{ agreement: Outcome; health: Outcome }> {
  const url = `/api/v1/projects/${context.projectId}/agreement?coders=${context.coderIds[0]},${context.coderIds[1]}`;
  let slowest = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const took = await timed(async () => {
        try {
          await (
            await fetch(`${context.app.url}/api/health`, { signal: AbortSignal.timeout(GIVE_UP_MS) })
          ).arrayBuffer();
        } catch {
          // counted as slow as it was
        }
      });
      slowest = Math.max(slowest, took);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
    }
  })();
  try {
    const value = await repeated(2, () => load(context, url));
    return { agreement: { value }, health: { value: slowest } };
  } catch (error) {
    const note = error instanceof Error && error.name === "TimeoutError" ? `> ${GIVE_UP_MS / 1000} s` : String(error);
    return { agreement: { value: null, note }, health: { value: slowest, note: "(while the agreement was given up)" } };
  } finally {
    polling = false;
    await poller;
  }
}

/** Searches that find other forms of their words: stemmed, and as the start of longer ones. */
const WORD_FORM_SEARCHES = {
  searchCommonStemmed: { q: "figure", finds: "figures" },
  searchCommonPrefix: { q: "propagand", finds: "propaganda" },
  searchRareStemmed: { q: RARE_FORM.query, finds: RARE_FORM.written },
  searchRarePrefix: { q: RARE_WORD.slice(0, 5), finds: RARE_WORD },
};
const wordFormMeasure = (key: keyof typeof WORD_FORM_SEARCHES): Measure => ({
  name: `search, "${WORD_FORM_SEARCHES[key].q}" (finds "${WORD_FORM_SEARCHES[key].finds}")`,
  unit: "ms",
  limit: 200,
});

const MEASURES = {
  articlePage: { name: "article page /articles/:id (HTML, whole)", unit: "ms", flat: true },
  annotations: { name: "its annotations, API (first page)", unit: "ms", flat: true },
  annotationsLargest: { name: `its annotations, API (largest page, ${MAX_PAGE_SIZE})`, unit: "ms", flat: true },
  links: { name: "its links (lib listArticleLinks, server time)", unit: "ms", flat: true },
  compare: { name: "compare two articles, API", unit: "ms", flat: true },
  adjudicationPage: { name: "adjudication page /articles/:id/adjudicate (HTML)", unit: "ms", flat: true },
  searchCommon: { name: `search, a common word ("${COMMON_WORD}")`, unit: "ms", limit: 200 },
  searchRare: { name: `search, a rare word ("${RARE_WORD}")`, unit: "ms", limit: 200 },
  searchCommonStemmed: wordFormMeasure("searchCommonStemmed"),
  searchCommonPrefix: wordFormMeasure("searchCommonPrefix"),
  searchRareStemmed: wordFormMeasure("searchRareStemmed"),
  searchRarePrefix: wordFormMeasure("searchRarePrefix"),
  reviewQueue: { name: "review queue, API (first page of the submitted)", unit: "ms", limit: 100 },
  reviewQueueLargest: { name: `review queue, API (largest page, ${MAX_PAGE_SIZE})`, unit: "ms", limit: 300 },
  reviewPage: { name: "review page /projects/:id/review (HTML)", unit: "ms", limit: 300 },
  searchSubmitted: { name: "search without words (status=SUBMITTED)", unit: "ms", limit: 300 },
  eventsPage: { name: "events page /projects/:id/events (HTML)", unit: "ms", limit: 100 },
  eventsApi: { name: "events API, page of 50", unit: "ms", limit: 100 },
  history: { name: "history page /projects/:id/history (HTML)", unit: "ms", limit: 100 },
  historyFiltered: {
    name: "history page filtered: a coder's created annotations since 2000 (HTML)",
    unit: "ms",
    limit: 100,
  },
  csvFirstByte: { name: "CSV export: first byte", unit: "ms", limit: 200 },
  csvMemory: { name: "CSV export: server memory growth", unit: "MB", limit: 100 },
  jsonldFirstByte: { name: "JSON-LD export: first byte", unit: "ms", limit: 200 },
  jsonldMemory: { name: "JSON-LD export: server memory growth", unit: "MB", limit: 100 },
  writes: {
    name: `create annotations on one article, ${CONCURRENT_WRITERS} clients: p95`,
    unit: "ms",
    limit: CONCURRENT_CREATES_TARGET_MS,
  },
  import: { name: "import a project of 20,000 annotations", unit: "/s", limit: IMPORT_TARGET_PER_SECOND },
  agreement: { name: "agreement of two coders, whole project", unit: "ms", limit: 3_000 },
  healthDuringAgreement: {
    name: `…meanwhile the slowest /api/health (every ${HEALTH_POLL_MS} ms)`,
    unit: "ms",
    limit: 100,
  },
} satisfies Record<string, Measure>;
type MeasureKey = keyof typeof MEASURES;

/** An error's message with its causes ("fetch failed: other side closed"): fetch hides what went wrong in `cause`. */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message}: ${failureText(error.cause)}`;
}

/**
 * Every measure of one size, those that write last: what they leave behind (a project of 80,000 imported annotations,
 * and PostgreSQL's autovacuum of the tables they grew, which starts within a minute) would be counted in the
 * measures after them: the agreement took 3.5 s right after the import, 2.9 s before it.
 */
async function measureSize(context: Context, keys: MeasureKey[]): Promise<Partial<Record<MeasureKey, Outcome>>> {
  const article = context.articleIds[MEASURED_ARTICLE]!;
  const results: Partial<Record<MeasureKey, Outcome>> = {};
  const run = async (key: MeasureKey, work: (context: Context) => Promise<Outcome>) => {
    if (!keys.includes(key)) return;
    try {
      results[key] = await work(context);
    } catch (error) {
      results[key] = { value: null, note: failureText(error) };
    }
    const note = results[key]!.note ? ` (${results[key]!.note})` : "";
    log(`  ${MEASURES[key].name}: ${format(results[key]!.value, MEASURES[key].unit)}${note}`);
  };
  await run(
    "articlePage",
    timedGet(7, () => `/articles/${article}`, { cookie: true }),
  );
  // The article's annotations take about 10 and 25 ms: more runs, so that a few ms of another process's work in one
  // of them moves the median less (the growth from 10k to 1M of 9 runs' medians read 0.70 to 1.45 over three runs).
  await run(
    "annotations",
    timedGet(25, () => `/api/v1/articles/${article}/annotations`),
  );
  await run(
    "annotationsLargest",
    timedGet(15, () => `/api/v1/articles/${article}/annotations?limit=${MAX_PAGE_SIZE}`),
  );
  await run("links", articleLinks);
  await run(
    "compare",
    timedGet(7, (c) => `/api/v1/projects/${c.projectId}/compare?articles=${article},${c.articleIds[COMPARED_ARTICLE]}`),
  );
  await run(
    "adjudicationPage",
    timedGet(7, () => `/articles/${article}/adjudicate`, { cookie: true }),
  );
  await run(
    "searchCommon",
    timedGet(5, (c) => `/api/v1/projects/${c.projectId}/search?q=${COMMON_WORD}`),
  );
  await run(
    "searchRare",
    timedGet(5, (c) => `/api/v1/projects/${c.projectId}/search?q=${RARE_WORD}`),
  );
  for (const [key, { q }] of Object.entries(WORD_FORM_SEARCHES) as [keyof typeof WORD_FORM_SEARCHES, { q: string }][])
    await run(
      key,
      timedGet(5, (c) => `/api/v1/projects/${c.projectId}/search?q=${encodeURIComponent(q)}`),
    );
  await run(
    "reviewQueue",
    timedGet(7, (c) => `/api/v1/projects/${c.projectId}/annotations?status=SUBMITTED`),
  );
  await run(
    "reviewQueueLargest",
    timedGet(7, (c) => `/api/v1/projects/${c.projectId}/annotations?status=SUBMITTED&limit=${MAX_PAGE_SIZE}`),
  );
  await run(
    "reviewPage",
    timedGet(7, (c) => `/projects/${c.projectId}/review`, { cookie: true }),
  );
  await run(
    "searchSubmitted",
    timedGet(5, (c) => `/api/v1/projects/${c.projectId}/search?status=SUBMITTED`),
  );
  await run(
    "eventsPage",
    timedGet(7, (c) => `/projects/${c.projectId}/events`, { cookie: true }),
  );
  await run(
    "eventsApi",
    timedGet(7, (c) => `/api/v1/projects/${c.projectId}/events?limit=50`),
  );
  await run(
    "history",
    timedGet(7, (c) => `/projects/${c.projectId}/history`, { cookie: true }),
  );
  await run(
    "historyFiltered",
    timedGet(
      7,
      (c) => `/projects/${c.projectId}/history?kind=annotation.create&actor=${c.coderIds[1]}&from=2000-01-01`,
      { cookie: true },
    ),
  );
  for (const [format, firstByte, memory] of [
    ["csv", "csvFirstByte", "csvMemory"],
    ["jsonld", "jsonldFirstByte", "jsonldMemory"],
  ] as const) {
    await run(firstByte, (c) => exportFirstByte(c, format));
    await run(memory, (c) => exportMemory(c, format));
  }
  let agreement: Promise<{ agreement: Outcome; health: Outcome }> | undefined;
  // Both figures come from one run of the agreement measures.
  const agreementOnce = (c: Context) => {
    agreement ??= agreementMeasures(c);
    return agreement;
  };
  await run("agreement", async (c) => (await agreementOnce(c)).agreement);
  await run("healthDuringAgreement", async (c) => (await agreementOnce(c)).health);
  await run("writes", async (c) => {
    const result = await concurrentCreates(c.app.url, c.headers.authorization!, {
      id: c.articleIds[WRITTEN_ARTICLE]!,
      text: c.textOf(WRITTEN_ARTICLE),
    });
    return {
      value: result.errors ? null : result.p95,
      note: `median ${result.median.toFixed(1)} ms, ${result.errors} errors`,
    };
  });
  await run("import", async (c) => {
    const result = await projectImportRate(c.app.url, c.headers.authorization!);
    return { value: result.ok ? result.rate : null, note: `${result.seconds.toFixed(1)} s` };
  });
  return results;
}

function format(value: number | null, unit: Unit): string {
  if (value === null) return "—";
  if (unit === "/s") return `${Math.round(value).toLocaleString("en")}/s`;
  if (unit === "MB") return `${value.toFixed(0)} MB`;
  return value >= 1_000 ? `${(value / 1_000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/**
 * Seeds one size into its own database (users in SQL, the project through the API, the rest in bulk SQL), then starts
 * the app on it. With `reuse`, a database this bench seeded before is kept (brought up to the current migrations) and
 * only the app is started.
 */
async function prepareSize(
  server: DatabaseServer,
  size: number,
  env: NodeJS.ProcessEnv,
  reuse: boolean,
): Promise<{ context: Context; seedSeconds: number | null }> {
  const database = `parallax_scale_${label(size).toLowerCase()}`;
  if (!reuse) await server.dropDatabase(database);
  await server.createDatabaseIfMissing(database);
  const databaseUrl = server.urlFor(database);
  await applyMigrations(databaseUrl);
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const appEnv = { ...env, DATABASE_URL: databaseUrl, PARALLAX_DB_POOL_SIZE: "10" };
    const logFile = path.join(dataDir(), `bench-scale-${label(size)}-app.log`);
    const seeded = reuse ? await seededSize(sql) : null;
    if (seeded) {
      log(`scale: reusing the ${size.toLocaleString("en")} annotations seeded before in ${database}`);
      await restoreSeed(sql);
    }
    const { owner, coders, projectId, seed, seedSeconds } = seeded ?? (await seedSize(sql, size, appEnv, logFile));
    const app = await startNextServer({ mode: "start", port: await freePort(), env: appEnv, logFile });
    const headers = { authorization: `Bearer ${await tokenFor(app.url, owner.email)}` };
    const { cookie } = await signInAt(app.url, owner.email, PASSWORD);
    return {
      seedSeconds,
      context: {
        app,
        headers,
        cookie,
        projectId,
        ownerId: owner.id,
        coderIds: coders.map((coder) => coder.id),
        articleIds: seed.articleIds,
        textOf: seed.textOf,
        env: appEnv,
      },
    };
  } finally {
    await sql.end();
  }
}

/**
 * Takes out what the measures that write added (the 16 writers' annotations, noted "bench", and the imported
 * projects), then VACUUM ANALYZE, as after a seed: a reused database is measured as it was seeded (the imports had
 * grown a million annotations by 80,000 a run, and the searches with them), and no autovacuum of those writes starts
 * during the reads of the next size.
 */
async function restoreSeed(sql: pg.Client): Promise<void> {
  await sql.query(`DELETE FROM audit_entries WHERE entity_type = 'Annotation'
    AND entity_id IN (SELECT id::text FROM annotations WHERE note = 'bench')`);
  // An annotation's tags hold on to the codebook (a tag in use cannot go): the annotations go first.
  await sql.query(`DELETE FROM annotations WHERE note = 'bench'
    OR project_id IN (SELECT id FROM projects WHERE name LIKE 'Import %')`);
  await sql.query(`DELETE FROM projects WHERE name LIKE 'Import %'`);
  await sql.query("VACUUM ANALYZE");
}

interface SeededSize {
  owner: { id: string; email: string };
  coders: { id: string; email: string }[];
  projectId: string;
  seed: ScaleSeed;
  /** Null when the seed was made by an earlier run. */
  seedSeconds: number | null;
}

const ownerEmail = "scale-0@test.example";
const PROJECT_NAME = "Scale";

async function tokenFor(appUrl: string, email: string): Promise<string> {
  const response = await fetch(`${appUrl}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, name: "scale" }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** The users and project an earlier run seeded in this database, or null when there are none. */
async function seededSize(sql: pg.Client): Promise<SeededSize | null> {
  const users = await sql.query<{ id: string; email: string }>(
    `SELECT id, email FROM users WHERE email LIKE 'scale-%@test.example' ORDER BY email`,
  );
  const project = await sql.query<{ id: string }>(
    `SELECT p.id FROM projects p JOIN memberships m ON m.project_id = p.id
       JOIN users u ON u.id = m.user_id AND u.email = $1
     WHERE p.name = $2 ORDER BY p.created_at LIMIT 1`,
    [ownerEmail, PROJECT_NAME],
  );
  const [owner, ...coders] = users.rows;
  if (!owner || owner.email !== ownerEmail || coders.length !== CODERS || !project.rows[0]) return null;
  // The seed is one transaction: a project with articles was seeded in full.
  const seed = await seededScaleProject(sql, project.rows[0].id);
  return seed.articleIds.length > 0 ? { owner, coders, projectId: project.rows[0].id, seed, seedSeconds: null } : null;
}

/**
 * Users in SQL, the project through the API (on a server started for it), the rest in bulk SQL; then VACUUM
 * ANALYZE.
 */
async function seedSize(sql: pg.Client, size: number, appEnv: NodeJS.ProcessEnv, logFile: string): Promise<SeededSize> {
  const passwordHash = await hashPassword(PASSWORD);
  const users = await sql.query<{ id: string; email: string }>(
    `INSERT INTO users (id, email, name, password_hash, updated_at)
     SELECT gen_random_uuid(), 'scale-' || n || '@test.example', CASE WHEN n = 0 THEN 'Editor' ELSE 'Coder ' || n END,
       $1, now()
     FROM generate_series(0, $2::int) AS n ORDER BY n RETURNING id, email`,
    [passwordHash, CODERS],
  );
  const [owner, ...coders] = users.rows;
  const app = await startNextServer({ mode: "start", port: await freePort(), env: appEnv, logFile });
  try {
    const headers = { authorization: `Bearer ${await tokenFor(app.url, owner!.email)}` };
    const project = await fetch(`${app.url}/api/v1/projects`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: PROJECT_NAME }),
    }).then((response) => response.json());
    // Two reviewers and two editors code; the owner, an editor, measures and sees everything.
    await sql.query(
      `INSERT INTO memberships (project_id, user_id, role, updated_at)
       SELECT $1, u.id, u.role::"ProjectRole", now() FROM unnest($2::uuid[], $3::text[]) AS u(id, role)`,
      [project.id, coders.map((coder) => coder.id), coders.map((_, index) => (index < 2 ? "REVIEWER" : "EDITOR"))],
    );
    const started = performance.now();
    const seed = await seedScaleProject(sql, {
      projectId: project.id,
      ownerId: owner!.id,
      coderIds: coders.map((coder) => coder.id),
      annotations: size,
    });
    // Measures start on a settled database, and (the server is started again) on a server that has not planned
    // anything on the empty one.
    await sql.query("VACUUM ANALYZE");
    await sql.query("CHECKPOINT");
    return { owner: owner!, coders, projectId: project.id, seed, seedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await app.stop();
  }
}

function printScaleTable(
  sizes: number[],
  keys: MeasureKey[],
  results: Partial<Record<MeasureKey, Outcome>>[],
  seedSeconds: (number | null)[],
): boolean {
  // A growth from what the table shows as 0 MB says nothing: it is left out ("—").
  const shown = (value: number | null, unit: Unit) => (value !== null && unit === "MB" && value < 0.5 ? 0 : value);
  const growth = (from: number | null, to: number | null, tenfolds: number) =>
    from && to !== null ? (to / from) ** (1 / tenfolds) : null;
  const tenfolds = (a: number, b: number) => Math.log10(sizes[b]! / sizes[a]!);
  let allPass = true;
  const lines = keys.map((key) => {
    const measure: Measure = MEASURES[key];
    const values = results.map((result) => shown(result[key]!.value, measure.unit));
    const steps = sizes
      .slice(1)
      .map((_, index) => growth(values[index]!, values[index + 1]!, tenfolds(index, index + 1)));
    const whole = values.length > 1 ? (values[0] && values.at(-1) !== null ? values.at(-1)! / values[0] : null) : null;
    let target: string;
    let pass: boolean;
    const last = values.at(-1) ?? null;
    if (measure.flat) {
      target = `≤ 1.3× ${label(sizes[0]!)} → ${label(sizes.at(-1)!)}`;
      pass = whole !== null && whole <= 1.3;
    } else if (measure.unit === "/s") {
      target = `≥ ${format(measure.limit!, measure.unit)} at ${label(sizes.at(-1)!)}`;
      pass = last !== null && last >= measure.limit!;
    } else {
      target = `< ${format(measure.limit!, measure.unit)} at ${label(sizes.at(-1)!)}`;
      pass = last !== null && last < measure.limit!;
    }
    allPass &&= pass;
    const cells = results.map((result) =>
      result[key]!.value === null
        ? `— (${(result[key]!.note ?? "failed").split("\n")[0]!.slice(0, 60)})`
        : format(result[key]!.value, measure.unit),
    );
    const stepsCell = steps.map((step) => (step === null ? "—" : `×${step.toFixed(2)}`)).join(", ");
    const growthCell = `${stepsCell}${whole !== null && sizes.length > 2 ? ` (×${whole.toFixed(2)} in all)` : ""}`;
    return [measure.name, ...cells, growthCell, target, pass ? "pass" : "FAIL"];
  });
  const header = ["measure", ...sizes.map(label), "growth per 10×", "target", "pass/fail"];
  const seedLine = [
    "seed (bulk SQL, then VACUUM ANALYZE)",
    ...seedSeconds.map((seconds) => (seconds === null ? "reused" : `${seconds.toFixed(0)} s`)),
    "",
    "",
    "",
  ];
  const table = [header, ...lines, seedLine];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  console.log("");
  for (const [index, line] of table.entries()) {
    console.log(`| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`);
    if (index === 0) console.log(`| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`);
  }
  return allPass;
}

/**
 * Seeds and measures each size in turn; resolves with the exit code. From the command line: `--sizes=a,b,…`;
 * `--reuse` keeps the databases seeded by an earlier run (seeding only the sizes that have none); `--only=key,…`
 * runs only those measures (their keys in MEASURES, e.g. `--only=agreement,healthDuringAgreement`).
 */
export async function runScaleBench(argv: string[]): Promise<number> {
  const option = (name: string) => argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
  const sizes = option("sizes")?.split(",").map(Number) ?? DEFAULT_SCALE_SIZES;
  if (sizes.some((size) => !Number.isInteger(size) || size < PER_ARTICLE * (WRITTEN_ARTICLE + 1)))
    throw new Error(`--sizes: whole numbers of annotations, at least ${PER_ARTICLE * (WRITTEN_ARTICLE + 1)}`);
  const only = option("only")?.split(",");
  const unknown = only?.filter((key) => !Object.hasOwn(MEASURES, key));
  if (unknown?.length)
    throw new Error(
      `--only: unknown measures ${unknown.join(", ")}; the measures are ${Object.keys(MEASURES).join(", ")}`,
    );
  const keys = (Object.keys(MEASURES) as MeasureKey[]).filter((key) => !only || only.includes(key));
  const reuse = argv.includes("--reuse");
  let server: DatabaseServer | undefined;
  let app: RunningApp | undefined;
  const cleanUp = async () => {
    await app?.stop();
    await server?.stop();
  };
  takeOverShutdownSignals(cleanUp);
  try {
    server = await provideDatabaseServer("bench-pg", embeddedPort("PARALLAX_BENCH_PG_PORT", 54332));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NODE_ENV: "production",
    };
    ensureBuilt({ ...env, DATABASE_URL: server.urlFor("postgres") });
    const results: Partial<Record<MeasureKey, Outcome>>[] = [];
    const seedSeconds: (number | null)[] = [];
    for (const size of sizes) {
      log(`scale: preparing ${size.toLocaleString("en")} annotations…`);
      const { context, seedSeconds: seconds } = await prepareSize(server, size, env, reuse);
      app = context.app;
      const seeded = seconds === null ? "reused" : `seeded in ${seconds.toFixed(0)} s`;
      log(`scale: ${seeded} ${size.toLocaleString("en")} annotations; measuring…`);
      seedSeconds.push(seconds);
      results.push(await measureSize(context, keys));
      await app.stop();
      const sql = new pg.Client({ connectionString: context.env.DATABASE_URL });
      await sql.connect();
      await restoreSeed(sql).finally(() => sql.end());
    }
    return printScaleTable(sizes, keys, results, seedSeconds) ? 0 : 1;
  } finally {
    await cleanUp();
  }
}
