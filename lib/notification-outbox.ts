import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { serialised } from "@/lib/serialised";

/**
 * Live notifications wait in `notification_outbox` (the triggers put them
 * there, see the notification_outbox migration) until an app instance sends
 * them with pg_notify: right after a commit of its own that may have written
 * one, and every PARALLAX_OUTBOX_SWEEP_MS for the writes of scripts, plain
 * SQL or an instance that died before it sent them. The writes themselves
 * never notify: a transaction that does takes a lock that all notifying
 * transactions share until their commit is on disk, so concurrent writes
 * waited for each other's disk flushes one after the other.
 */

/** Notifications sent per transaction (parallax_deliver_notifications); more wait for the next one, at once. */
const BATCH = 1_000;

class NotificationOutbox {
  private pool: pg.Pool | null = null;
  private sweep: NodeJS.Timeout | null = null;
  /** A call while a delivery runs makes one more run afterwards: writes that commit together share a delivery. */
  readonly deliver = serialised(() => this.deliverAll());

  /** Starts the sweep (once). */
  start(): void {
    this.sweep ??= setInterval(() => void this.deliver(), env().PARALLAX_OUTBOX_SWEEP_MS).unref();
  }

  private async deliverAll(): Promise<void> {
    // A connection of its own, so that a delivery does not queue behind requests for the app's pool; through the pooler
    // when there is one (a notification is sent when its transaction commits, which transaction pooling keeps).
    this.pool ??= new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: 1,
      allowExitOnIdle: true,
      application_name: "parallax-outbox",
    }).on(
      "error",
      () => {}, // an idle connection cut by a restart of PostgreSQL: the next delivery opens another
    );
    try {
      for (let sent = BATCH; sent === BATCH; ) {
        const { rows } = await this.pool.query<{ sent: number }>("SELECT parallax_deliver_notifications($1) AS sent", [
          BATCH,
        ]);
        sent = rows[0]?.sent ?? 0;
      }
    } catch {
      // PostgreSQL unreachable (or not migrated yet): what waits goes with the next delivery.
    }
  }
}

const globalForOutbox = globalThis as unknown as { parallaxOutbox?: NotificationOutbox };

/** This process's deliverer of live notifications. */
export function notificationOutbox(): NotificationOutbox {
  globalForOutbox.parallaxOutbox ??= new NotificationOutbox();
  return globalForOutbox.parallaxOutbox;
}

/**
 * Statements that read only; anything else, or a statement naming a write, may have put a notification in the
 * outbox.
 */
const READS = /^\s*(SELECT|BEGIN|COMMIT|ROLLBACK|SET|SHOW|SAVEPOINT|RELEASE)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE)\b/i;

/**
 * A connection of the app's pool that remembers whether a statement since it
 * was last given back may have written (a guess from the statement's text:
 * a wrong "yes" costs one empty delivery, a wrong "no" waits for the sweep).
 * Given back after a commit (or after a statement on its own), it asks for a
 * delivery: see {@link watchWrites}.
 */
export class WriteTrackingClient extends pg.Client {
  mayHaveWritten = false;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const [statement] = args;
      const text = typeof statement === "string" ? statement : (statement as { text?: unknown } | undefined)?.text;
      if (typeof text === "string" && (!READS.test(text) || WRITES.test(text))) this.mayHaveWritten = true;
      return query(...args);
    }) as pg.Client["query"];
  }
}

/**
 * Delivers the outbox after each statement or transaction of `pool` (of WriteTrackingClients) that may have
 * written.
 */
export function watchWrites(pool: pg.Pool): void {
  pool.on("release", (_error, client) => {
    if (!(client instanceof WriteTrackingClient) || !client.mayHaveWritten) return;
    client.mayHaveWritten = false;
    void notificationOutbox().deliver();
  });
  notificationOutbox().start();
}
