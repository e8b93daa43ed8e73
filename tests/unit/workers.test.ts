import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from "@/lib/articles/html-extraction";
import { runInWorker, TASK_BUDGETS, WorkerPool } from "@/lib/workers/pool";

const page = (body: string) => `<!doctype html><html><head><title>A report</title></head><body>${body}</body></html>`;
const paragraph = `<p>${"Resistance fighters retook three districts, a spokesman said. ".repeat(8)}</p>`;

describe("work on worker threads", { timeout: 60_000 }, () => {
  it("extracts an article's text", async () => {
    const extracted = await runInWorker("extractArticle", {
      html: page(`<article>${paragraph}${paragraph}</article>`),
      url: null,
    });
    expect(extracted.text.split("\n")).toHaveLength(2);
    expect(extracted.title).toBe("A report");
  });

  it("refuses markup nested deeper than the limit, naming it, before Readability runs", async () => {
    const depth = 5_000;
    const refused = await runInWorker("extractArticle", {
      html: page("<div>".repeat(depth) + paragraph + "</div>".repeat(depth)),
      url: null,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: "unprocessable_entity",
      details: { limit: "depth", maxDepth: MAX_HTML_DEPTH },
    });
    expect((refused as AppError).message).toContain(`${MAX_HTML_DEPTH} levels`);
  });

  it("refuses a page with more elements than the limit", async () => {
    const refused = await runInWorker("extractArticle", {
      html: page("<span>x</span>".repeat(MAX_HTML_ELEMENTS + 1)),
      url: null,
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "unprocessable_entity", details: { limit: "elements" } });
  });

  it("extracts a page just within the limits", async () => {
    const depth = MAX_HTML_DEPTH - 10;
    const extracted = await runInWorker("extractArticle", {
      html: page("<div>".repeat(depth) + paragraph + "</div>".repeat(depth)),
      url: null,
    });
    expect(extracted.text).toContain("Resistance fighters");
  });

  it("finds a quote that overlaps itself in a text of one repeated letter, with bounded work", async () => {
    const text = "a".repeat(300_000);
    const [match] = await runInWorker("placeQuotes", {
      text,
      requests: [{ exact: "a".repeat(150_000), prefix: "", suffix: "", position: 0 }],
    });
    expect(match).toMatchObject({ start: 0, end: 150_000 });
  });

  it("leaves a quote unplaced when approximate search would cost more than its budget", async () => {
    const text = "ab".repeat(150_000);
    const [match] = await runInWorker("placeQuotes", {
      text,
      requests: [{ exact: "x".repeat(150_000), prefix: "", suffix: "", position: 0 }],
    });
    expect(match).toBeNull();
  });
});

describe("a worker pool's limits", { timeout: 60_000 }, () => {
  const html = page(paragraph.repeat(20));

  it(
    "stops a task over its time limit, answers with the " + "limit, and serves the next task with a fresh worker",
    async () => {
      const pool = new WorkerPool({ size: 1, memoryMb: 384, maxWaiting: 4 });
      const refused = await pool
        .run("extractArticle", { html, url: null }, { ...TASK_BUDGETS.extractArticle, timeoutMs: 1 })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: "unprocessable_entity", details: { limit: "time" } });
      expect((refused as AppError).message).toMatch(
        /^Extracting the article from this HTML took longer than its limit/,
      );
      expect((await pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle)).text).toContain(
        "Resistance fighters",
      );
    },
  );

  it("gives a task that waited for the stopped worker a fresh one", async () => {
    const pool = new WorkerPool({ size: 1, memoryMb: 384, maxWaiting: 4 });
    // Loaded: the limit ends the task itself, not the loading.
    await pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle);
    const [stopped, waited] = await Promise.allSettled([
      pool.run("extractArticle", { html, url: null }, { ...TASK_BUDGETS.extractArticle, timeoutMs: 1 }),
      pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle),
    ]);
    expect(stopped).toMatchObject({ status: "rejected", reason: { details: { limit: "time" } } });
    expect(waited).toMatchObject({ status: "fulfilled", value: { title: "A report" } });
  });

  it("gives a task that comes while its idle worker is being stopped a new worker at once", async () => {
    const idleMs = 100;
    const pool = new WorkerPool({ size: 1, memoryMb: 384, maxWaiting: 4, idleMs });
    await pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle);
    // Timers of one delay fire in the order they were set: this one right after the idle worker's stop began, before
    // the worker has exited. Such a task used to wait for a free worker until it was refused (30 s, then 503).
    const started = Date.now();
    const next = await new Promise((resolve, reject) =>
      setTimeout(
        () => pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle).then(resolve, reject),
        idleMs,
      ),
    );
    expect(next).toMatchObject({ title: "A report" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("stops a task over its memory limit, answers with the limit, and recovers", async () => {
    // Measured: within a 32 MB heap, a page of 1 MB of words is extracted; one of 3 MB is not.
    const pool = new WorkerPool({ size: 1, memoryMb: 32, maxWaiting: 4 });
    const huge = page(`<p>${"word ".repeat(600_000)}</p>`);
    const refused = await pool
      .run("extractArticle", { html: huge, url: null }, TASK_BUDGETS.extractArticle)
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "unprocessable_entity", details: { limit: "memory", megabytes: 32 } });
    expect((await pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle)).text).toContain(
      "Resistance fighters",
    );
  });

  it("refuses work with 503 when every worker is busy and the queue is full", async () => {
    const pool = new WorkerPool({ size: 1, memoryMb: 384, maxWaiting: 0 });
    const first = pool.run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle);
    const second = await pool
      .run("extractArticle", { html, url: null }, TASK_BUDGETS.extractArticle)
      .catch((error: unknown) => error);
    expect(second).toMatchObject({ code: "service_unavailable", details: { retryAfterSeconds: 10 } });
    expect((await first).text).toContain("Resistance fighters");
  });
});
