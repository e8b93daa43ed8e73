import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Actor } from "@/lib/actor";
import { env } from "@/lib/env";
import { requireArticlePermission, seesOthersUnapprovedAnnotations } from "@/lib/permissions";

/** What PostgreSQL announces on `parallax_live` (see the live_notifications migration). */
interface Change {
  articleId: string;
  type: string;
  id: string;
  annotationId: string;
  authorId: string;
  status: string;
}

/** What a reader receives: the kind of change and the changed object's id. */
export interface LiveEvent {
  type: string;
  id: string;
  annotationId: string;
}

const CHANNEL = "parallax_live";
const RECONNECT_MS = 1_000;

/**
 * One LISTEN connection per app instance, shared by every reader of every
 * article; it reconnects by itself when PostgreSQL restarts. Notifications
 * come from triggers, so writes of any instance (or of a script) reach all.
 */
class LiveChanges {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  subscribe(articleId: string, listener: (change: Change) => void): () => void {
    void this.ensureListening();
    this.emitter.on(articleId, listener);
    return () => this.emitter.off(articleId, listener);
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.connecting) return this.connecting ?? Promise.resolve();
    this.connecting = (async () => {
      const client = new pg.Client({ connectionString: env().DATABASE_URL });
      const retry = () => {
        if (this.client !== client) return;
        this.client = null;
        client.end().catch(() => {});
        setTimeout(() => void this.ensureListening(), RECONNECT_MS).unref();
      };
      client.on("error", retry);
      client.on("end", retry);
      client.on("notification", (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        try {
          const change = JSON.parse(message.payload) as Change;
          this.emitter.emit(change.articleId, change);
        } catch {
          // A payload we did not write: ignore it.
        }
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        this.client = client;
      } catch {
        client.end().catch(() => {});
        setTimeout(() => void this.ensureListening(), RECONNECT_MS).unref();
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }
}

const globalForLive = globalThis as unknown as { parallaxLive?: LiveChanges };
function liveChanges(): LiveChanges {
  globalForLive.parallaxLive ??= new LiveChanges();
  return globalForLive.parallaxLive;
}

/**
 * Follows the changes to an article's annotations, comments and links that
 * the caller may see (blind coding: a reviewer hears of others' annotations
 * only once they are approved). Returns the unsubscribe function.
 */
export async function followArticle(actor: Actor, articleId: string, onEvent: (event: LiveEvent) => void): Promise<() => void> {
  const access = await requireArticlePermission(actor, articleId, "annotation.read");
  const seesAll = seesOthersUnapprovedAnnotations(access);
  return liveChanges().subscribe(articleId, (change) => {
    if (!seesAll && change.authorId !== actor.userId && change.status !== "APPROVED") return;
    onEvent({ type: change.type, id: change.id, annotationId: change.annotationId });
  });
}
