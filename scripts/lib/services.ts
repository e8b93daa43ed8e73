/**
 * Server programs from the distribution (PostgreSQL, PgBouncer, HAProxy) run
 * as child processes by the cluster test, as an unprivileged user:
 * PostgreSQL and PgBouncer refuse to run as root.
 */
import { spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { makeTraversableForPostgresUser } from "./embedded-postgres.ts";
import { describeExit } from "./supervisor.ts";

export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
}

/** Ourselves, unless we are root: then the `postgres` user that Debian's PostgreSQL package makes. */
export function serviceUser(): ServiceUser {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return { name: me.username, uid: me.uid, gid: me.gid };
  }
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((line) => line.startsWith("postgres:"));
  const [, , uid, gid] = entry?.split(":") ?? [];
  if (!uid || !gid)
    throw new Error(
      "As root, the cluster test runs its servers as the postgres user, and there is none: install Debian's " +
        "postgresql " +
        "package.",
    );
  return { name: "postgres", uid: Number(uid), gid: Number(gid) };
}

/** An empty folder owned by `user`, which can reach it through its parents. */
export function freshFolderFor(user: ServiceUser, folder: string): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  chownSync(folder, user.uid, user.gid);
  if (process.getuid?.() === 0) makeTraversableForPostgresUser(folder);
  return folder;
}

/** Writes a file that `user` owns and only it may read. */
export function writePrivateFile(user: ServiceUser, file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chownSync(file, user.uid, user.gid);
}

export interface Service {
  pid: number;
  /** Resolves with how it ended. */
  exited: Promise<string>;
  /** Sends `signal` (SIGTERM unless said), then SIGKILL if it has not exited within 15 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `program` in the foreground as `user`, its output into `logFile`.
 * Its pid is kept in `pidFile`: a run that was killed leaves its servers
 * running, and the next run stops them first.
 */
export function startService(options: {
  program: string;
  args: string[];
  user: ServiceUser;
  logFile: string;
  pidFile: string;
}): Service {
  stopLeftover(options.pidFile, options.program);
  const output = openSync(options.logFile, "a");
  const isOtherUser = options.user.uid !== process.getuid?.();
  const child = spawn(options.program, options.args, {
    stdio: ["ignore", output, output],
    ...(isOtherUser ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  if (child.pid === undefined) throw new Error(`${options.program} did not start`);
  writeFileSync(options.pidFile, String(child.pid));
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(describeExit(code, signal))),
  );
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    rmSync(options.pidFile, { force: true });
  };
  return { pid: child.pid, exited, stop };
}

function stopLeftover(pidFile: string, program: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    // Only if that pid still runs the same program (pids are reused).
    if (Number.isInteger(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith(program))
      process.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
  rmSync(pidFile, { force: true });
}
