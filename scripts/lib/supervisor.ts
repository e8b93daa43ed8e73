import type { ChildProcess } from "node:child_process";
import { log } from "./log.ts";

/** A child process that may exit by itself (crash, out of memory, kill -9). */
export interface Supervised {
  /** Resolves with how it ended (`killed by SIGKILL`, `exit code 1`) when it exits, whatever the reason. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/**
 * How often a process may be restarted before the supervisor gives up: a
 * process that keeps dying is broken, and a process manager above (systemd,
 * Docker, Kubernetes) restarting the whole is then the better remedy.
 */
export const RESTART_LIMIT = { restarts: 5, windowMs: 10 * 60_000 };
const RETRY_DELAY_MS = 1_000;

/** How often exitOf looks whether a child is still there. */
const EXIT_POLL_MS = 1_000;

/**
 * Resolves with how `child` ended. Its 'exit' event says how; once, under load
 * and after a restart of PostgreSQL, a killed app server was reaped without the
 * event ever coming, so the process's presence is also checked every second:
 * a child that is gone without its event counts as exited, status unknown.
 */
export function exitOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    const done = (how: string) => {
      clearInterval(poll);
      resolve(how);
    };
    const poll = setInterval(() => {
      if (child.exitCode === null && child.signalCode === null && !isRunning(child.pid)) {
        done("gone; its exit status was not reported");
      }
    }, EXIT_POLL_MS).unref();
    if (child.exitCode !== null || child.signalCode !== null) done(describeExit(child.exitCode, child.signalCode));
    else child.once("exit", (code, signal) => done(describeExit(code, signal)));
  });
}

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists (a zombie still does)
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** How a child process ended, for the log. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function describeDuration(ms: number): string {
  if (ms % 60_000 !== 0) return `${ms / 1000} s`;
  return ms === 60_000 ? "1 minute" : `${ms / 60_000} minutes`;
}

/**
 * Keeps `name` running: when the process exits without having been stopped,
 * says so in the log and starts it again with `restart`, at most
 * RESTART_LIMIT.restarts times within RESTART_LIMIT.windowMs (a restart that
 * fails counts, and is tried again after a second). Past the limit it calls
 * `giveUp` with the reason. Once `shutdown` is aborted nothing is restarted
 * (a terminal's Ctrl-C reaches every child at once); `stop` stops the
 * current process for good.
 */
export function supervise(options: {
  name: string;
  first: Supervised;
  restart: () => Promise<Supervised>;
  giveUp: (reason: string) => void;
  shutdown: AbortSignal;
  limit?: typeof RESTART_LIMIT;
}): { stop(): Promise<void> } {
  const { name, restart, giveUp, shutdown, limit = RESTART_LIMIT } = options;
  let current = options.first;
  let isStopped = false;
  const isStopping = () => isStopped || shutdown.aborted;
  let restarting: Promise<void> | null = null;
  const restarts: number[] = [];

  const windowText = describeDuration(limit.windowMs);
  const restartAfter = async (how: string) => {
    log(`${name} exited (${how})`);
    while (!isStopping()) {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > limit.windowMs) restarts.shift();
      if (restarts.length >= limit.restarts) {
        giveUp(`${name} needed more than ${limit.restarts} restarts within ${windowText}; stopping`);
        return;
      }
      restarts.push(now);
      log(`restarting ${name} (restart ${restarts.length} of at most ${limit.restarts} within ${windowText})`);
      try {
        current = await restart();
        if (isStopping()) return; // stop() stops it
        log(`${name} is running again`);
        watch(current);
        return;
      } catch (error) {
        log(`${name} did not start again: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  };
  const watch = (running: Supervised) => {
    void running.exited.then((how) => {
      if (isStopping() || running !== current) return;
      restarting = restartAfter(how).finally(() => (restarting = null));
    });
  };
  watch(current);

  return {
    async stop() {
      isStopped = true;
      await restarting;
      await current.stop();
    },
  };
}
