import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataDir } from "../../scripts/lib/database";
import { isBuildCurrent } from "../../scripts/lib/build";
import { postmasterPid } from "../../scripts/lib/embedded-postgres";
import { freePort, waitForHealth } from "../../scripts/lib/net";

const root = path.resolve(import.meta.dirname, "../..");
/** A data folder of its own: `npm start` initialises its PostgreSQL there on the first run. */
const DATA_DIR = path.join(dataDir(), "supervised");
/** After a crash, the service must answer again within this (a restart of PostgreSQL or of the app takes seconds). */
const BACK_WITHIN_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm start` as an operator runs it, with its own data folder and ports, and no setting of the test run. */
async function startSupervisor() {
  const [databasePort, appPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARALLAX_DATA_DIR: DATA_DIR,
    PARALLAX_PG_PORT: String(databasePort),
    PORT: String(appPort),
    PARALLAX_SEED_DEMO: "false",
  };
  for (const name of Object.keys(env))
    if (/^(DATABASE_URL|AUTH_SECRET|AUTH_OIDC_.*|TEST_BASE_URL|NODE_ENV)$/.test(name)) delete env[name];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${appPort}`, output: () => output, exited };
}

function postmaster(): number {
  const pid = postmasterPid(path.join(DATA_DIR, "pg"));
  if (pid === null) throw new Error("no postmaster.pid");
  return pid;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); !check(); await sleep(100)) {
    if (Date.now() - started > timeoutMs) throw new Error(`not so within ${timeoutMs} ms`);
  }
}

/** The direct children of a process, from /proc. */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the parent pid is the second field after it.
      const parentPid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parentPid === pid)
        found.push({
          pid: Number(entry),
          command: readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " "),
        });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * A process's state letter from /proc (R running, S sleeping, D in uninterruptible I/O, Z exited but not yet reaped),
 * or "gone".
 */
function processState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return `in state ${stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0]}`;
  } catch {
    return "gone";
  }
}

let supervisor: Awaited<ReturnType<typeof startSupervisor>> | undefined;
afterAll(async () => {
  if (supervisor && supervisor.child.exitCode === null) {
    supervisor.child.kill("SIGTERM");
    await supervisor.exited;
  }
});

describe("npm start supervises PostgreSQL and the app server", () => {
  it("restarts PostgreSQL after kill -9 of its postmaster, and the app server after it dies, each with a log " +
    "line", async () => {
    // npm start reuses the build of the test run: sources changed since would make it build again, replacing the app
    // under test.
    expect(isBuildCurrent(), "the sources changed after the app under test was built").toBe(true);
    supervisor = await startSupervisor();
    const { url, child } = supervisor;
    await waitForHealth(url, 200, 180_000);

    const logs = (pattern: RegExp, killedPid?: number) =>
      waitFor(() => pattern.test(supervisor!.output()), 10_000).catch(() => {
        const killed =
          killedPid === undefined
            ? ""
            : `; the killed process is ${processState(killedPid)}, npm start's children: ` +
              `${JSON.stringify(childrenOf(child.pid!))}`;
        throw new Error(`npm start did not log ${pattern} within 10 s${killed}; its output:\n${supervisor!.output()}`);
      });

    let killedAt = Date.now();
    process.kill(postmaster(), "SIGKILL");
    await logs(/PostgreSQL exited \(killed by SIGKILL\)/);
    await logs(/restarting PostgreSQL \(restart 1 of at most 5 within 10 minutes\)/);
    await waitForHealth(url, 200, BACK_WITHIN_MS);
    console.log(`PostgreSQL killed: /api/health 200 again after ${Date.now() - killedAt} ms`);

    const appServer = childrenOf(child.pid!).find((candidate) => candidate.command.includes("next"));
    expect(appServer, JSON.stringify(childrenOf(child.pid!))).toBeDefined();
    killedAt = Date.now();
    process.kill(appServer!.pid, "SIGKILL"); // as the kernel's out-of-memory killer would
    console.log(`killed the app server ${JSON.stringify(appServer)}`);
    await logs(/the app server exited \((killed by SIGKILL|gone; its exit status was not reported)\)/, appServer!.pid);
    await logs(/restarting the app server \(restart 1 of at most 5 within 10 minutes\)/);
    await waitForHealth(url, 200, BACK_WITHIN_MS);
    console.log(`app server killed: /api/health 200 again after ${Date.now() - killedAt} ms`);

    // Stopping still stops everything cleanly.
    const restartedPostmaster = postmaster();
    child.kill("SIGTERM");
    expect(await supervisor.exited).toBe(0);
    expect(() => process.kill(restartedPostmaster, 0)).toThrow();
  }, 360_000);
});
