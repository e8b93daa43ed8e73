import path from "node:path";
import pg from "pg";
import { type EmbeddedCluster, quoteIdentifier, startEmbeddedPostgres } from "./embedded-postgres.ts";

/** A PostgreSQL server to work with: the one DATABASE_URL names, or an embedded one under `.data/`. */
export interface DatabaseServer {
  /** Connection string for `database` on this server. */
  urlFor(database: string): string;
  createDatabaseIfMissing(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  /** Stops the embedded server (nothing for an external one). */
  stop(): Promise<void>;
  /** The embedded server: resolves with how it ended when it exits. Null for an external one. */
  exited: Promise<string> | null;
  isEmbedded: boolean;
}

export function dataDir(): string {
  return path.resolve(process.env.PARALLAX_DATA_DIR ?? ".data");
}

/**
 * With DATABASE_URL set, that server (databases on it are created through
 * that connection's user); without, an embedded PostgreSQL whose data lives in
 * `.data/<folder>` and that listens on `port`.
 */
export async function provideDatabaseServer(folder: string, port: number): Promise<DatabaseServer> {
  const externalUrl = process.env.DATABASE_URL;
  if (!externalUrl) {
    const cluster: EmbeddedCluster = await startEmbeddedPostgres(path.join(dataDir(), folder), port);
    return { ...cluster, isEmbedded: true };
  }
  const urlFor = (database: string) => {
    const url = new URL(externalUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: externalUrl });
    await client.connect();
    try {
      return await client.query(sql, values);
    } finally {
      await client.end();
    }
  };
  return {
    urlFor,
    async createDatabaseIfMissing(database) {
      const { rowCount } = await admin("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (!rowCount) await admin(`CREATE DATABASE ${quoteIdentifier(database)}`);
    },
    async dropDatabase(database) {
      await admin(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
    },
    async stop() {},
    exited: null,
    isEmbedded: false,
  };
}

export function embeddedPort(variable: string, fallback: number): number {
  const port = Number(process.env[variable] ?? fallback);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${variable} must be a TCP port number`);
  return port;
}
