import { type ChildProcess, spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { exitOf } from "./supervisor.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");

/**
 * The server's heap budget unless NODE_OPTIONS sets one. With none, V8 on a
 * machine with plenty of memory lets the heap grow to four times its live
 * size before collecting; under a fixed budget it collects at about 1.6
 * times, which keeps a 100,000-annotation export within ~70 MB of growth
 * (npm run bench).
 */
const HEAP_BUDGET = "--max-old-space-size=1024";

function withHeapBudget(nodeOptions: string | undefined): string {
  return nodeOptions?.includes("--max-old-space-size")
    ? nodeOptions
    : [nodeOptions, HEAP_BUDGET].filter(Boolean).join(" ");
}

export interface RunningApp {
  url: string;
  child: ChildProcess;
  /** Resolves with how the server ended when it exits (stopped, crashed or killed). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `next start` (or `next dev`) as a child process and resolves once
 * /api/health answers. `next` is run directly, not through npx, so that
 * stopping the child stops the server.
 */
export async function startNextServer(options: {
  mode: "start" | "dev";
  port: number;
  env: NodeJS.ProcessEnv;
  /** Where the server's output goes; the terminal when absent. */
  logFile?: string;
}): Promise<RunningApp> {
  const output = options.logFile ? openSync(options.logFile, "w") : "inherit";
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, "node_modules/next/dist/bin/next"), options.mode, "-p", String(options.port)],
    {
      cwd: projectRoot,
      stdio: ["ignore", output, output],
      env: {
        ...options.env,
        NODE_OPTIONS: withHeapBudget(options.env.NODE_OPTIONS),
        PORT: String(options.port),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const exited = exitOf(child);
  const url = `http://localhost:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.mode === "dev" ? 120_000 : 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next ${options.mode} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return { url, child, exited, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the app did not answer on ${url}/api/health in time`);
}
