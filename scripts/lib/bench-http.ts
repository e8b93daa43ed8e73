/**
 * Measures of `npm run bench` made through the running app over HTTP, as a
 * client would: downloads timed to the first byte with the server's memory
 * sampled, concurrent writers, a project import.
 */
import { readFileSync } from "node:fs";
import { Pool } from "undici";
import { type Row, median, percentile } from "./bench-stats.ts";
import { syntheticProjectFile } from "./synthetic-project.ts";
import { spansOver } from "./synthetic-text.ts";

/** A process's resident memory in bytes (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

export interface Download {
  ok: boolean;
  status: number;
  firstByte: number;
  total: number;
  bytes: number;
  /** How far the server's resident memory rose above where it was before the request, in MB (sampled every 10 ms). */
  growth: number;
  /** The body, when asked to keep it. */
  body: Buffer;
}

/**
 * GET `url` from the server whose process is `pid`: time to the first byte and to the last, bytes, the server's memory
 * growth.
 */
export async function measuredDownload(
  url: string,
  init: {
    headers: Record<string, string>;
    pid: number;
    keepBody?: boolean;
    timeoutMs?: number;
    firstByteOnly?: boolean;
  },
): Promise<Download> {
  const before = rssOf(init.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(init.pid))), 10);
  const started = performance.now();
  let firstByte = 0;
  let bytes = 0;
  const chunks: Uint8Array[] = [];
  let response: Response;
  try {
    response = await fetch(url, {
      headers: init.headers,
      signal: init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined,
    });
    const reader = response.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!firstByte) firstByte = performance.now() - started;
      if (init.firstByteOnly) {
        await reader.cancel();
        break;
      }
      if (init.keepBody) chunks.push(chunk.value);
      bytes += chunk.value.byteLength;
    }
  } finally {
    clearInterval(sampler); // also when the download fails: the server may be gone by the next tick
  }
  return {
    ok: response.status === 200,
    status: response.status,
    firstByte,
    total: performance.now() - started,
    bytes,
    growth: (peak - before) / 1024 / 1024,
    body: Buffer.concat(chunks),
  };
}

export const CONCURRENT_WRITERS = 16;
const CREATES_PER_WRITER = 25;
const WARM_UP_ROUNDS = 3;

export interface ConcurrentCreates {
  p95: number;
  median: number;
  created: number;
  errors: number;
}

/**
 * 16 clients at once, each creating annotations one after the other on the
 * same article (POST …/annotations, a tag each), after a warm-up round: the
 * latency of every create.
 */
export async function concurrentCreates(
  appUrl: string,
  authorization: string,
  article: { id: string; text: string },
): Promise<ConcurrentCreates> {
  const spans = spansOver(article.text, CONCURRENT_WRITERS * CREATES_PER_WRITER * (WARM_UP_ROUNDS + 1));
  const headers = { authorization, "content-type": "application/json", "accept-encoding": "gzip, deflate" };
  const path = `/api/v1/articles/${article.id}/annotations`;
  // undici's own client, one connection per writer: fetch costs its caller about 1.3 ms of CPU per request, and on
  // this machine the clients share the server's two cores, so a heavier client is counted as server latency. The
  // headers are a script's or a browser's (accept-encoding as fetch sends it).
  const connections = new Pool(appUrl, { connections: CONCURRENT_WRITERS });
  const round = async (offset: number, perWriter: number) => {
    const latencies: number[] = [];
    let errors = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT_WRITERS }, async (_, writer) => {
        for (let index = 0; index < perWriter; index++) {
          const span = spans[(offset + writer * perWriter + index) % spans.length]!;
          const started = performance.now();
          const response = await connections.request({
            path,
            method: "POST",
            headers,
            body: JSON.stringify({
              ...span,
              exact: article.text.slice(span.start, span.end),
              tags: ["statistic"],
              note: "bench",
            }),
          });
          await response.body.dump();
          if (response.statusCode === 201) latencies.push(performance.now() - started);
          else errors++;
        }
      }),
    );
    return { latencies, errors };
  };
  try {
    // A warm-up three times as long as the measure: what is measured is a server that has been up a while, not one
    // just started. A fresh process spends about 7 ms of CPU per create over its first 800 (V8 compiles the route's
    // code and Next.js's as they run), 4 ms over the next 800, then 2.5 ms.
    for (let warmUp = 1; warmUp <= WARM_UP_ROUNDS; warmUp++) {
      await round(warmUp * CONCURRENT_WRITERS * CREATES_PER_WRITER, CREATES_PER_WRITER);
    }
    const { latencies, errors } = await round(0, CREATES_PER_WRITER);
    return { p95: percentile(latencies, 95), median: median(latencies), created: latencies.length, errors };
  } finally {
    await connections.close();
  }
}

export const CONCURRENT_CREATES_TARGET_MS = 100;

export function concurrentCreatesRow(result: ConcurrentCreates): Row {
  return {
    measure: `HTTP: create annotations on one article, ${CONCURRENT_WRITERS} clients at once`,
    result:
      `p95 ${result.p95.toFixed(1)} ms (median ${result.median.toFixed(1)} ms, ${result.created} created, ` +
      `${result.errors} errors)`,
    baseline: "—",
    ratio: "—",
    target: `p95 < ${CONCURRENT_CREATES_TARGET_MS} ms`,
    pass: result.errors === 0 && result.p95 < CONCURRENT_CREATES_TARGET_MS,
  };
}

const IMPORTED_ANNOTATIONS = 20_000;
export const IMPORT_TARGET_PER_SECOND = 2_000;

export interface ProjectImportRate {
  ok: boolean;
  rate: number;
  seconds: number;
  megabytes: number;
}

/**
 * POST …/import of a project export with 20,000 annotations (20 articles,
 * 100 events, a link on every other claim; 4.6 MB, near the 5 MB body limit)
 * into a new project, three times after a warm-up: annotations stored per
 * second, the whole request counted (parsing, checks, writing, commit).
 */
export async function projectImportRate(appUrl: string, authorization: string): Promise<ProjectImportRate> {
  const body = JSON.stringify(
    syntheticProjectFile({ articles: 20, perArticle: IMPORTED_ANNOTATIONS / 20, events: 100 }),
  );
  const headers = { authorization, "content-type": "application/json" };
  const importOnce = async (run: number) => {
    const project = await fetch(`${appUrl}/api/v1/projects`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: `Import ${run}` }),
    }).then((response) => response.json());
    const started = performance.now();
    const response = await fetch(`${appUrl}/api/v1/projects/${project.id}/import`, { method: "POST", headers, body });
    const report = await response.json();
    const seconds = (performance.now() - started) / 1000;
    return { ok: response.status === 201 && report.imported?.annotations === IMPORTED_ANNOTATIONS, seconds };
  };
  await importOnce(-1);
  const runs = [await importOnce(0), await importOnce(1), await importOnce(2)];
  const seconds = median(runs.map((run) => run.seconds));
  return {
    ok: runs.every((run) => run.ok),
    rate: IMPORTED_ANNOTATIONS / seconds,
    seconds,
    megabytes: Buffer.byteLength(body) / 1024 / 1024,
  };
}

export function projectImportRow(result: ProjectImportRate): Row {
  return {
    measure:
      `import a project of ${IMPORTED_ANNOTATIONS.toLocaleString("en")} annotations ` +
      `(${result.megabytes.toFixed(1)} MB, POST …/import)`,
    result: `${Math.round(result.rate).toLocaleString("en")} annotations/s (${result.seconds.toFixed(1)} s)`,
    baseline: "—",
    ratio: "—",
    target: `≥ ${IMPORT_TARGET_PER_SECOND.toLocaleString("en")} annotations/s`,
    pass: result.ok && result.rate >= IMPORT_TARGET_PER_SECOND,
  };
}
