import path from "node:path";
import pg from "pg";
import type { Login } from "./debian-postgres.ts";
import { type ServiceUser, startService, writePrivateFile } from "./services.ts";
import { waitForPort } from "./net.ts";

export interface Pooler {
  /** A connection string for `database` through the pooler, as the login it was set up with. */
  urlFor(database: string): string;
  /** Transactions it has run, and the server connections it holds (SHOW STATS, SHOW POOLS of its console). */
  stats(): Promise<{ transactions: number; serverConnections: number }>;
  stop(): Promise<void>;
}

/**
 * PgBouncer in transaction pooling on 127.0.0.1:`port`, in front of the
 * PostgreSQL on 127.0.0.1:`serverPort`: every database there, for one login
 * (SCRAM both ways), `poolSize` server connections per database however
 * many clients connect.
 */
export async function startPgbouncer(options: {
  program: string;
  folder: string;
  port: number;
  serverPort: number;
  login: Login;
  poolSize: number;
  user: ServiceUser;
}): Promise<Pooler> {
  const { folder, port, login, user } = options;
  const config = path.join(folder, "pgbouncer.ini");
  const authFile = path.join(folder, "userlist.txt");
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  writePrivateFile(user, authFile, `${quote(login.user)} ${quote(login.password)}\n`);
  writePrivateFile(
    user,
    config,
    `[databases]
* = host=127.0.0.1 port=${options.serverPort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${authFile}
pool_mode = transaction
default_pool_size = ${options.poolSize}
max_client_conn = 500
admin_users = ${login.user}
`,
  );
  const service = startService({
    program: options.program,
    args: [config],
    user,
    logFile: path.join(folder, "pgbouncer.log"),
    pidFile: path.join(folder, "pgbouncer.pid"),
  });
  await waitForPort(port, 10_000, service.exited);

  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@127.0.0.1:${port}/` +
    encodeURIComponent(database);
  return {
    urlFor,
    async stats() {
      // The console speaks the simple query protocol only: queries without parameters.
      const console = new pg.Client({ connectionString: urlFor("pgbouncer") });
      await console.connect();
      try {
        const stats = (await console.query<{ total_xact_count: string }>("SHOW STATS")).rows;
        const pools = (await console.query<{ sv_active: string; sv_idle: string; sv_used: string }>("SHOW POOLS")).rows;
        return {
          transactions: stats.reduce((sum, row) => sum + Number(row.total_xact_count), 0),
          serverConnections: pools.reduce(
            (sum, row) => sum + Number(row.sv_active) + Number(row.sv_idle) + Number(row.sv_used),
            0,
          ),
        };
      } finally {
        await console.end();
      }
    },
    stop: () => service.stop(), // SIGTERM: at once; the app instances are gone by then
  };
}
