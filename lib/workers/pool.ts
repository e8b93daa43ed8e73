import "server-only";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { TaskInput, TaskName, TaskOutput } from "./tasks";

/**
 * CPU-heavy work (HTML extraction, quote searches, PDF layout) runs on worker
 * threads, never on the thread that serves every request: one request's
 * extraction of a hostile page must not stop anyone else's. Workers come in
 * small pools, each worker with a heap limit; every task has a time limit.
 * Over a limit, the worker is stopped (its memory goes with it), the caller
 * gets an AppError naming the limit, and a fresh worker takes the next task.
 * Too much work waiting: 503 at once, rather than a queue nobody leaves.
 */
export interface PoolSettings {
  /** Workers at most. */
  size: number;
  /** Heap limit of each worker (V8's old generation). */
  memoryMb: number;
  /** Tasks that may wait for a worker; more are refused with 503. */
  maxWaiting: number;
  /** How long a worker may stay idle before it is stopped and its heap given back (IDLE_MS unless set). */
  idleMs?: number;
}

const POOLS = {
  text: { size: 2, memoryMb: 384, maxWaiting: 64 },
  // One report at a time, in at most 448 MB: 10,000 claims need about 80 (npm run bench).
  report: { size: 1, memoryMb: 448, maxWaiting: 4 },
  // One project-wide agreement at a time (500,000 spans of two coders are measured within 64 MB of heap); a small one
  // takes milliseconds, so several editors asking at once wait for it rather than being refused.
  analysis: { size: 1, memoryMb: 768, maxWaiting: 16 },
} satisfies Record<string, PoolSettings>;
type PoolName = keyof typeof POOLS;

export interface TaskBudget {
  pool: PoolName;
  timeoutMs: number;
  /** What the caller is told when the task runs out of time or memory: the code, the work named, what to do. */
  overBudget: { code: ErrorCode; work: string; advice: string };
}

const NOTHING_STORED = "nothing was stored.";

export const TASK_BUDGETS: Record<TaskName, TaskBudget> = {
  extractArticle: {
    pool: "text",
    timeoutMs: 10_000,
    overBudget: { code: "unprocessable_entity", work: "Extracting the article from this HTML", advice: NOTHING_STORED },
  },
  reanchor: {
    pool: "text",
    timeoutMs: 20_000,
    overBudget: {
      code: "unprocessable_entity",
      work: "Finding the annotations again in the new text",
      advice: NOTHING_STORED,
    },
  },
  placeQuotes: {
    pool: "text",
    timeoutMs: 20_000,
    overBudget: {
      code: "unprocessable_entity",
      work: "Searching the article texts for the imported quotes",
      advice: NOTHING_STORED,
    },
  },
  learnPhrases: {
    pool: "text",
    timeoutMs: 10_000,
    overBudget: { code: "unprocessable_entity", work: "Learning the project's tagged phrases", advice: "try again." },
  },
  suggest: {
    pool: "text",
    timeoutMs: 10_000,
    overBudget: { code: "unprocessable_entity", work: "Looking for suggestions in this article", advice: "try again." },
  },
  rankTags: {
    pool: "text",
    // Training on the newest 10,000 annotations included.
    timeoutMs: 20_000,
    overBudget: {
      code: "unprocessable_entity",
      work: "Learning the project's tags and ranking them for this passage",
      advice: "try again.",
    },
  },
  rankMatches: {
    pool: "text",
    timeoutMs: 10_000,
    overBudget: { code: "unprocessable_entity", work: "Ranking the matches of this claim", advice: "try again." },
  },
  bestCoverage: {
    pool: "text",
    timeoutMs: 20_000,
    overBudget: {
      code: "unprocessable_entity",
      work: "Looking for possible coverage of the omitted events",
      advice: "compare fewer articles at a time.",
    },
  },
  agreement: {
    pool: "analysis",
    timeoutMs: 60_000,
    overBudget: {
      code: "unprocessable_entity",
      work: "Measuring the agreement",
      advice: "measure fewer articles at a time (articles=<id>,…).",
    },
  },
  renderReportPdf: {
    pool: "report",
    timeoutMs: 120_000,
    overBudget: {
      code: "unprocessable_entity",
      work: "Laying out the PDF report",
      advice: "export fewer articles at a time (the articles filter), or the Markdown report.",
    },
  },
};

/** A task may wait this long for a free worker before it is refused. */
const MAX_WAIT_MS = 30_000;
/** An idle worker is stopped after this long: its heap is given back. */
const IDLE_MS = 60_000;

const BOOT_FILE = path.join(process.cwd(), "lib", "workers", "boot.mjs");
/**
 * Workers load boot.mjs (and through it tsx and the sources) from the project
 * at run time: named in a string the bundler does not follow, as the bundler
 * would otherwise try to pack tsx itself into the server build.
 */
const LOAD_BOOT_FILE = 'import(require("node:worker_threads").workerData.bootFile)';

type Reply =
  | { ready: true }
  | { ok: true; value: unknown }
  | { ok: false; error: { type: string; code?: ErrorCode; message: string; details?: unknown } };

const busy = (message: string) => new AppError("service_unavailable", message, { retryAfterSeconds: 10 });

type Failure = "time" | "memory" | Error;

class PooledWorker {
  readonly worker: Worker;
  private readonly ready: Promise<void>;
  private pending: { resolve: (value: unknown) => void; reject: (failure: Failure) => void } | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stopped or being stopped: it takes no more tasks. */
  retired = false;

  constructor(settings: PoolSettings, onExit: (worker: PooledWorker) => void) {
    this.worker = new Worker(LOAD_BOOT_FILE, {
      eval: true,
      workerData: { bootFile: pathToFileURL(BOOT_FILE).href },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb },
    });
    this.worker.unref();
    let booted: () => void;
    this.ready = new Promise<void>((resolve) => (booted = resolve));
    this.worker.on("message", (reply: Reply) => {
      if ("ready" in reply) return booted();
      if (reply.ok) return this.settle((pending) => pending.resolve(reply.value));
      const { type, code, message, details } = reply.error;
      this.fail(type === "AppError" && code ? new AppError(code, message, details) : new Error(message));
    });
    this.worker.on("error", (error) => {
      this.retired = true;
      this.fail((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : error);
    });
    this.worker.on("exit", () => {
      this.retired = true;
      clearTimeout(this.idleTimer);
      this.fail(new Error("the worker stopped"));
      booted();
      onExit(this);
    });
  }

  /** Runs one task; over its time limit the worker is stopped. Rejects with "time", "memory" or the task's error. */
  async run(name: TaskName, input: unknown, timeoutMs: number): Promise<unknown> {
    clearTimeout(this.idleTimer);
    const result = new Promise((resolve, reject) => (this.pending = { resolve, reject }));
    result.catch(() => undefined); // it may fail while the worker is still loading: awaited below all the same
    const timer = setTimeout(() => {
      this.retired = true;
      this.fail("time");
      void this.worker.terminate();
    }, timeoutMs);
    try {
      await this.ready;
      if (this.retired) return await result; // stopped while loading
      this.worker.postMessage({ name, input });
      return await result;
    } finally {
      clearTimeout(timer);
    }
  }

  idle(stop: () => void, idleMs: number): void {
    this.idleTimer = setTimeout(stop, idleMs);
    this.idleTimer.unref();
  }

  /** The first failure of a task is its answer; what follows (the exit after a stop) changes nothing. */
  private fail(failure: Failure): void {
    this.settle((pending) => pending.reject(failure));
  }

  private settle(answer: (pending: NonNullable<PooledWorker["pending"]>) => void): void {
    const pending = this.pending;
    this.pending = null;
    if (pending) answer(pending);
  }
}

export class WorkerPool {
  private readonly idleWorkers: PooledWorker[] = [];
  private readonly workers = new Set<PooledWorker>();
  private readonly waiting: { take: (worker: PooledWorker) => void; timer: ReturnType<typeof setTimeout> }[] = [];

  constructor(private readonly settings: PoolSettings) {}

  async run<Name extends TaskName>(name: Name, input: TaskInput<Name>, budget: TaskBudget): Promise<TaskOutput<Name>> {
    const worker = await this.acquire();
    try {
      return (await worker.run(name, input, budget.timeoutMs)) as TaskOutput<Name>;
    } catch (failure) {
      if (failure !== "time" && failure !== "memory") throw failure;
      const { code, work, advice } = budget.overBudget;
      throw failure === "time"
        ? new AppError(code, `${work} took longer than its limit of ${budget.timeoutMs / 1000} s; ${advice}`, {
            limit: "time",
            seconds: budget.timeoutMs / 1000,
          })
        : new AppError(code, `${work} needed more than its memory limit of ${this.settings.memoryMb} MB; ${advice}`, {
            limit: "memory",
            megabytes: this.settings.memoryMb,
          });
    } finally {
      this.release(worker);
    }
  }

  private acquire(): Promise<PooledWorker> {
    const idle = this.idleWorkers.pop();
    if (idle) return Promise.resolve(idle);
    if (this.workers.size < this.settings.size) return Promise.resolve(this.addWorker());
    if (this.waiting.length >= this.settings.maxWaiting) {
      return Promise.reject(
        busy("The server is busy with other heavy work (extractions, searches, reports); try again in a few seconds."),
      );
    }
    return new Promise((resolve, reject) => {
      const entry = {
        take: resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(busy(`No worker was free for ${MAX_WAIT_MS / 1000} s; try again in a few seconds.`));
        }, MAX_WAIT_MS),
      };
      this.waiting.push(entry);
    });
  }

  private release(worker: PooledWorker): void {
    if (worker.retired) {
      // Stopped over a limit: it counts no more, and a waiting task gets a fresh worker.
      this.forget(worker);
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.take(worker);
      return;
    }
    this.idleWorkers.push(worker);
    worker.idle(() => {
      // Out of the pool at once: a task that comes while it stops gets a new worker, rather than waiting for one.
      this.forget(worker);
      void worker.worker.terminate();
    }, this.settings.idleMs ?? IDLE_MS);
  }

  /** A worker that takes no more tasks (stopped, or being stopped) leaves the pool; waiting tasks take its place. */
  private forget(worker: PooledWorker): void {
    this.workers.delete(worker);
    const index = this.idleWorkers.indexOf(worker);
    if (index !== -1) this.idleWorkers.splice(index, 1);
    while (this.waiting.length > 0 && this.workers.size < this.settings.size) {
      const next = this.waiting.shift()!;
      clearTimeout(next.timer);
      next.take(this.addWorker());
    }
  }

  private addWorker(): PooledWorker {
    const worker = new PooledWorker(this.settings, (gone) => this.forget(gone));
    this.workers.add(worker);
    return worker;
  }
}

/** One set of pools per process (on globalThis: route bundles may each load this module). */
const shared = globalThis as unknown as { parallaxWorkerPools?: Map<PoolName, WorkerPool> };

/** Runs a task of lib/workers/tasks.ts on a worker thread, within its budget (TASK_BUDGETS). */
export async function runInWorker<Name extends TaskName>(
  name: Name,
  input: TaskInput<Name>,
): Promise<TaskOutput<Name>> {
  const budget = TASK_BUDGETS[name];
  const pools = shared.parallaxWorkerPools ?? new Map<PoolName, WorkerPool>();
  shared.parallaxWorkerPools = pools;
  let pool = pools.get(budget.pool);
  if (!pool) {
    pool = new WorkerPool(POOLS[budget.pool]);
    pools.set(budget.pool, pool);
  }
  return pool.run(name, input, budget);
}
