/**
 * What the cluster test checks on two app instances that share one
 * PostgreSQL, each check through the API as clients use it. Each returns a
 * line for the report and throws (CheckFailed) when the cluster falls short.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_ARTICLES } from "../../lib/demo.ts";
import { fetchFromAddress, followLive, signInAt } from "./app-client.ts";
import type { AppInstance } from "./app-instance.ts";
import { SERVED_BY } from "./haproxy.ts";

/** A live reader, a revoked token: each must reach the other instance within this. */
export const PROPAGATION_LIMIT_MS = 1_000;
/** As lib/auth/rate-limit.ts's MAX_FAILURES. */
const MAX_FAILURES = 5;
const WRITERS = 8;
const REQUEST_TIMEOUT_MS = 15_000;

export class CheckFailed extends Error {}

function expect(isMet: boolean, message: string): void {
  if (!isMet) throw new CheckFailed(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const editor = DEMO_ACCOUNTS[0];
const articleId = DEMO_ARTICLES[0].id;

/**
 * One API request. A read that finds its kept-alive connection closed by the
 * server at that very moment is sent once more, as browsers do (a write never
 * is: it might have been done).
 */
async function call(
  url: string,
  init: { method?: string; token?: string; cookie?: string; body?: unknown } = {},
): ReturnType<typeof callOnce> {
  try {
    return await callOnce(url, init);
  } catch (error) {
    const isClosedConnection = (error as { cause?: { code?: string } }).cause?.code === "UND_ERR_SOCKET";
    if ((init.method ?? "GET") !== "GET" || !isClosedConnection) throw error;
    return callOnce(url, init);
  }
}

async function callOnce(url: string, init: { method?: string; token?: string; cookie?: string; body?: unknown }) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  // The balancer's own answers (502, 503) are HTML.
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  return {
    status: response.status,
    servedBy: response.headers.get(SERVED_BY),
    json: (isJson ? JSON.parse(text) : null) as Record<string, unknown> | null,
  };
}

/** A new API token of the demo editor, made at `baseUrl`. */
export async function createToken(baseUrl: string, name: string): Promise<{ id: string; token: string }> {
  const created = await call(`${baseUrl}/api/v1/tokens`, {
    method: "POST",
    body: { email: editor.email, password: editor.password, name },
  });
  expect(created.status === 201, `creating a token answered ${created.status}`);
  return created.json as { id: string; token: string };
}

/** A span of the demo article to annotate: its first word. */
export async function firstWord(
  baseUrl: string,
  token: string,
): Promise<{ start: number; end: number; exact: string }> {
  const article = await call(`${baseUrl}/api/v1/articles/${articleId}`, { token });
  expect(article.status === 200, `reading the demo article answered ${article.status}`);
  const exact = /^\S+/.exec(String(article.json!.text))![0];
  return { start: 0, end: exact.length, exact };
}

/** The session cookie of a sign-in on `a` opens the API on `b` (and nothing is open without it). */
export async function checkSignInElsewhere(a: AppInstance, b: AppInstance): Promise<string> {
  const { cookie } = await signInAt(a.url, editor.email, editor.password);
  const withCookie = await call(`${b.url}/api/v1/projects`, { cookie });
  const without = await call(`${b.url}/api/v1/projects`);
  expect(without.status === 401, `${b.name} answered ${without.status} to no credentials`);
  expect(
    withCookie.status === 200,
    `${b.name} answered ${withCookie.status} to the session cookie that ${a.name} issued`,
  );
  return `signed in on ${a.name}, ${b.name} accepts the session (200; 401 without it)`;
}

/** A write through `a` reaches a reader of the article's live stream on `b`. */
export async function checkLiveAcross(a: AppInstance, b: AppInstance, token: string): Promise<string> {
  const span = await firstWord(a.url, token);
  const reader = await followLive(b.url, articleId, token);
  try {
    const delays: number[] = [];
    for (let write = 0; write < 5; write++) {
      const started = Date.now();
      const created = await call(`${a.url}/api/v1/articles/${articleId}/annotations`, {
        method: "POST",
        token,
        body: { ...span, note: `live ${write}` },
      });
      expect(created.status === 201, `writing through ${a.name} answered ${created.status}`);
      const id = String(created.json!.id);
      while (
        Date.now() - started < PROPAGATION_LIMIT_MS * 3 &&
        !reader.events.some((event) => event.data.annotationId === id)
      )
        await sleep(5);
      const event = reader.events.find((candidate) => candidate.data.annotationId === id);
      expect(
        event !== undefined,
        `the reader on ${b.name} heard nothing of annotation ${id} within ${PROPAGATION_LIMIT_MS * 3} ms`,
      );
      delays.push(event!.at - started);
    }
    const slowest = Math.max(...delays);
    expect(
      slowest < PROPAGATION_LIMIT_MS,
      `a write through ${a.name} reached the reader on ${b.name} after ${slowest} ms`,
    );
    return (
      `5 writes through ${a.name} reached a live reader on ${b.name} in ${delays.join(", ")} ms (from the ` +
      `request's start; limit ${PROPAGATION_LIMIT_MS} ms)`
    );
  } finally {
    reader.close();
  }
}

/** Failed password checks on both instances count toward one limit. */
export async function checkRateLimitAcross(a: AppInstance, b: AppInstance): Promise<string> {
  const email = `nobody-${randomBytes(4).toString("hex")}@example.org`;
  // An address of this check's own, so that the app's count for it starts at 0.
  const address = `127.0.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  const attempt = (instance: AppInstance) =>
    fetchFromAddress(address, `${instance.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "not the password" }),
    }).then((response) => response.status);
  const statuses: string[] = [];
  for (let n = 0; n < MAX_FAILURES; n++) {
    const instance = n % 2 === 0 ? a : b;
    const status = await attempt(instance);
    statuses.push(`${instance.name} ${status}`);
    expect(status === 401, `failed attempt ${n + 1} on ${instance.name} answered ${status}, not 401`);
  }
  // Counted per instance, b would have seen only 2 and let this one through.
  const over = await attempt(b);
  statuses.push(`${b.name} ${over}`);
  expect(
    over === 429,
    `attempt ${MAX_FAILURES + 1}, on ${b.name}, answered ${over}: the limit is not counted across instances`,
  );
  return `wrong passwords alternately on both: ${statuses.join(", ")}`;
}

/** A token revoked on `a` is refused by `b` soon after, although `b` has just accepted it. */
export async function checkRevocationAcross(a: AppInstance, b: AppInstance, ownerToken: string): Promise<string> {
  const doomed = await createToken(a.url, "to be revoked");
  let lastAcceptedAt = 0;
  let refusedAt = 0;
  let isPolling = true;
  const poller = (async (): Promise<string | null> => {
    while (isPolling) {
      const { status } = await call(`${b.url}/api/v1/projects`, { token: doomed.token });
      if (status === 200) lastAcceptedAt = Date.now();
      else if (status === 401) {
        refusedAt = Date.now();
        return null;
      } else return `${b.name} answered ${status} to a token`;
      await sleep(10);
    }
    return null;
  })().catch((error: Error) => `polling ${b.name} failed: ${error.message}`);
  await sleep(500);
  expect(lastAcceptedAt > 0, `${b.name} never accepted the new token`);
  const revoked = await call(`${a.url}/api/v1/tokens/${doomed.id}`, { method: "DELETE", token: ownerToken });
  const revokedAt = Date.now();
  expect(revoked.status === 204, `revoking on ${a.name} answered ${revoked.status}`);
  const deadline = revokedAt + PROPAGATION_LIMIT_MS * 3;
  while (!refusedAt && Date.now() < deadline) await sleep(5);
  isPolling = false;
  const pollingFailure = await poller;
  expect(pollingFailure === null, pollingFailure!);
  expect(
    refusedAt > 0,
    `${b.name} still accepted the revoked token ${PROPAGATION_LIMIT_MS * 3} ms after the revocation`,
  );
  const after = refusedAt - revokedAt;
  expect(after < PROPAGATION_LIMIT_MS, `${b.name} refused the revoked token only ${after} ms after the revocation`);
  return (
    `token revoked on ${a.name}: ${b.name} refused it ${Math.max(after, 0)} ms after the revocation (the last ` +
    `200 from it ${lastAcceptedAt - revokedAt} ms after; limit ${PROPAGATION_LIMIT_MS} ms)`
  );
}

interface WriteOutcome {
  id?: string;
  note: string;
  status: number | "no answer";
  servedBy: string | null;
  startedAt: number;
  endedAt: number;
  error?: string;
}

/**
 * 8 writers through the balancer; `victim` is killed (SIGKILL to all its
 * processes) while they write. The balancer must send everything after to
 * the other instance: no 500, nothing acknowledged lost, and the only
 * failures the requests sent before the victim was gone (the balancer
 * cannot resend a write that reached it: it might be done twice; until its
 * health check fails, a writer's next try may meet the dying instance too).
 */
export async function checkKillUnderWriters(options: {
  balancerUrl: string;
  victim: AppInstance;
  token: string;
  databaseUrl: string;
}): Promise<{ report: string[]; killedAt: number }> {
  const { balancerUrl, victim, token } = options;
  const span = await firstWord(balancerUrl, token);
  const outcomes: WriteOutcome[] = [];
  let isWriting = true;
  let sequence = 0;
  const write = async () => {
    const note = `cluster write ${++sequence} ${randomBytes(4).toString("hex")}`;
    const startedAt = Date.now();
    try {
      const answer = await call(`${balancerUrl}/api/v1/articles/${articleId}/annotations`, {
        method: "POST",
        token,
        body: { ...span, note },
      });
      outcomes.push({
        id: answer.status === 201 ? String(answer.json!.id) : undefined,
        note,
        status: answer.status,
        servedBy: answer.servedBy,
        startedAt,
        endedAt: Date.now(),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      outcomes.push({
        note,
        status: "no answer",
        servedBy: null,
        startedAt,
        endedAt: Date.now(),
        error: cause?.code ?? cause?.message ?? (error as Error).message,
      });
    }
  };
  const writers = Array.from({ length: WRITERS }, async () => {
    while (isWriting) await write();
  });
  await sleep(3_000);
  const killedAt = Date.now();
  await victim.kill();
  const deadAt = Date.now();
  await sleep(5_000);
  isWriting = false;
  await Promise.all(writers);

  const acknowledged = outcomes.filter((outcome) => outcome.status === 201);
  const before = outcomes.filter((outcome) => outcome.endedAt < killedAt);
  // Killing every process of the instance takes a moment: a write sent meanwhile may still have gone in.
  const after = outcomes.filter((outcome) => outcome.startedAt > deadAt);
  const inFlight = outcomes.filter((outcome) => outcome.startedAt <= deadAt && outcome.endedAt >= killedAt);
  const failed = (list: WriteOutcome[]) => list.filter((outcome) => outcome.status !== 201);
  const describe = (list: WriteOutcome[]) =>
    [...new Set(list.map((outcome) => `${outcome.status}${outcome.error ? ` ${outcome.error}` : ""}`))].join(", ") ||
    "none";

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const stored = await client
    .query<{ id: string; note: string }>(
      `SELECT id::text, note FROM annotations WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [acknowledged.map((outcome) => outcome.id!)],
    )
    .finally(() => client.end());
  const storedNotes = new Map(stored.rows.map((row) => [row.id, row.note]));
  const lost = acknowledged.filter((outcome) => storedNotes.get(outcome.id!) !== outcome.note);

  const servedBefore = new Set(before.map((outcome) => outcome.servedBy));
  expect(
    servedBefore.size === 2,
    `before the kill the balancer spread writes over ${[...servedBefore].join(", ")} only`,
  );
  expect(!outcomes.some((outcome) => outcome.status === 500), "a write answered 500");
  expect(failed(before).length === 0, `writes before the kill failed: ${describe(failed(before))}`);
  expect(
    failed(after).length === 0,
    `writes after the kill failed: ${describe(failed(after))} (${failed(after).length} of ${after.length}, ${failed(
      after,
    )
      .map((outcome) => `${outcome.startedAt - deadAt}–${outcome.endedAt - deadAt} ms`)
      .join(", ")} after it)`,
  );
  expect(
    after.every((outcome) => outcome.servedBy !== victim.name),
    `the balancer sent writes to ${victim.name} after it was killed`,
  );
  expect(lost.length === 0, `${lost.length} acknowledged writes are missing from the database`);
  return {
    killedAt,
    report: [
      `${WRITERS} writers through the balancer, ${victim.name} killed (SIGKILL to its processes, ` +
        `gone ${deadAt - killedAt} ms later) after 3 s, 5 s more: ${outcomes.length} writes, ${acknowledged.length} ` +
        `acknowledged (201)`,
      `  before the kill: ${before.length} writes, served by ${[...servedBefore].sort().join(" and ")}, ` +
        `failed ${failed(before).length}`,
      `  sent while it died: ${inFlight.length}, failed ${failed(inFlight).length} (${describe(failed(inFlight))}: ` +
        `sent to ${victim.name} before it was gone, never acknowledged)`,
      `  after the kill: ${after.length} writes, served ` +
        `by ${[...new Set(after.map((outcome) => outcome.servedBy ?? "nobody"))].join(" and ")}, ` +
        `failed ${failed(after).length}; 500s: ${outcomes.filter((outcome) => outcome.status === 500).length}`,
      `  acknowledged and lost: ${lost.length} (each 201's id and note read back from PostgreSQL)`,
    ],
  };
}

/** Resolves once the balancer has sent a request to `instance` again: how long after `since`. */
export async function waitUntilServedBy(
  balancerUrl: string,
  instance: AppInstance,
  since: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await call(`${balancerUrl}/api/health`).catch(() => null);
    if (answer?.servedBy === instance.name) return Date.now() - since;
    await sleep(100);
  }
  throw new CheckFailed(`the balancer sent nothing to ${instance.name} within ${timeoutMs} ms of its restart`);
}
