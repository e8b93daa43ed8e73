import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { quoteIdentifier } from "./embedded-postgres.ts";
import { type ServiceUser, startService, writePrivateFile } from "./services.ts";

export interface Login {
  user: string;
  password: string;
}

export interface PostgresServer {
  port: number;
  /** `SELECT version()`. */
  version: string;
  /** A connection string for `database` on this server, as `login` (the superuser unless given). */
  urlFor(database: string, login?: Login): string;
  /** Runs `sql` as the superuser, in `database` (postgres unless given). */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[], database?: string): Promise<Row[]>;
  /** A login role that owns a new, empty database of the same name as `database`. */
  createOwnedDatabase(database: string, login: Login): Promise<void>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/**
 * A PostgreSQL server of the distribution's own (`binDir`: Debian's
 * /usr/lib/postgresql/<major>/bin), initialised afresh in `folder` (which
 * `user` owns), UTF-8 with the C locale, password logins only, listening on
 * 127.0.0.1:`port` and no Unix socket.
 */
export async function startDebianPostgres(options: {
  binDir: string;
  folder: string;
  port: number;
  user: ServiceUser;
}): Promise<PostgresServer> {
  const { binDir, folder, port, user } = options;
  const dataDir = path.join(folder, "data");
  const superuser: Login = { user: "postgres", password: randomBytes(18).toString("base64url") };
  const passwordFile = path.join(folder, "superuser-password");
  writePrivateFile(user, passwordFile, superuser.password);
  const initdb = spawnSync(
    path.join(binDir, "initdb"),
    [
      "-D",
      dataDir,
      "--encoding=UTF8",
      "--locale=C",
      "--auth=scram-sha-256",
      `--username=${superuser.user}`,
      `--pwfile=${passwordFile}`,
    ],
    { encoding: "utf8", ...(user.uid !== process.getuid?.() ? { uid: user.uid, gid: user.gid } : {}) },
  );
  rmSync(passwordFile, { force: true });
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr || initdb.stdout}`);

  const service = startService({
    program: path.join(binDir, "postgres"),
    args: ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    user,
    logFile: path.join(folder, "postgres.log"),
    pidFile: path.join(folder, "postgres.pid"),
  });

  const urlFor = (database: string, login: Login = superuser) =>
    `postgresql://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@127.0.0.1:${port}/` +
    encodeURIComponent(database);
  const query = async <Row extends pg.QueryResultRow>(sql: string, values: unknown[] = [], database = "postgres") => {
    const client = new pg.Client({ connectionString: urlFor(database) });
    await client.connect();
    try {
      return (await client.query<Row>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };

  let hasExited = false;
  void service.exited.then(() => (hasExited = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let version: string | undefined;
  while (version === undefined) {
    if (hasExited || Date.now() > deadline)
      throw new Error(`PostgreSQL did not start; its log is ${path.join(folder, "postgres.log")}`);
    version = await query<{ version: string }>("SELECT version()").then(
      ([row]) => row!.version,
      () => undefined,
    );
    if (version === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    port,
    version,
    urlFor,
    query,
    async createOwnedDatabase(database, login) {
      await query(
        `CREATE ROLE ${quoteIdentifier(login.user)} LOGIN PASSWORD '${login.password.replaceAll("'", "''")}'`,
      ).catch((error: { code?: string }) => {
        if (error.code !== "42710") throw error; // the role exists already
      });
      await query(`CREATE DATABASE ${quoteIdentifier(database)} OWNER ${quoteIdentifier(login.user)}`);
    },
    // SIGINT: PostgreSQL's fast shutdown.
    stop: () => service.stop("SIGINT"),
  };
}
