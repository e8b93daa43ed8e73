import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import path from "node:path";
import { isListening, waitForHealth } from "./net.ts";
import { describeExit } from "./supervisor.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const START_TIMEOUT_MS = 120_000;

/** One instance of Parallax as a deployment runs it: `npm start` with DATABASE_URL set. */
export interface AppInstance {
  name: string;
  url: string;
  /** Resolves with how its `npm start` ended. */
  exited: Promise<string>;
  /**
   * SIGKILL to every process of the instance at once, as when its machine dies; resolves once its port takes no more
   * connections.
   */
  kill(): Promise<void>;
  /** Stops it as an operator would (SIGTERM). */
  stop(): Promise<void>;
}

/**
 * Runs scripts/start.ts (what `npm start` runs: migrations, demo seed, then
 * `next start` of the existing build) on `port` in a process group of its
 * own, its output into `logFile`; resolves once /api/health answers 200,
 * throws if it exits first.
 */
export async function startInstance(options: {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
}): Promise<AppInstance> {
  const output = openSync(options.logFile, "a");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: projectRoot,
    detached: true,
    stdio: ["ignore", output, output],
    env: { ...options.env, PORT: String(options.port) },
  });
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(describeExit(code, signal))),
  );
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  const instance: AppInstance = {
    name: options.name,
    url: `http://127.0.0.1:${options.port}`,
    exited,
    async kill() {
      killGroup();
      await exited;
      // npm start's own process may be reaped before the server process under it: its sockets close when that goes.
      const deadline = Date.now() + 10_000;
      while ((await isListening(options.port)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return killGroup();
      child.kill("SIGTERM");
      const timer = setTimeout(killGroup, 20_000);
      await exited;
      clearTimeout(timer);
      killGroup(); // anything of it left behind
    },
  };
  const started = await Promise.race([
    waitForHealth(instance.url, 200, START_TIMEOUT_MS).then(() => null),
    exited.then((how) => `npm start of ${options.name} ended (${how}); its log is ${options.logFile}`),
  ]).catch((error: Error) => error.message);
  if (started !== null) {
    await instance.stop();
    throw new Error(started);
  }
  return instance;
}
