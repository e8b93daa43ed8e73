import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Actor } from "@/lib/actor";
import type { EventFeed } from "@/lib/next/respond";
import { recheckActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type ProjectAccess, requireArticlePermission, seesOthersUnapprovedAnnotations } from "@/lib/permissions";
import { serialised } from "@/lib/serialised";

/** What PostgreSQL announces on `parallax_live` (see the live_notifications migration). */
interface Change {
  articleId: string;
  type: string;
  id: string;
  annotationId: string;
  authorId: string;
  status: string;
}

/**
 * What PostgreSQL announces on `parallax_access` (see the live_access_notifications migration): whose access may have
 * changed.
 */
interface AccessChange {
  userId?: string;
  projectId?: string;
  articleId?: string;
}

/**
 * What a reader receives: the kind of change and the changed object's id; or
 * `resync` when changes may have been missed (the connection to PostgreSQL
 * was lost and is back), so the reader reloads what it holds.
 */
export type LiveEvent = { type: string; id: string; annotationId: string } | { type: "resync" };
/** What a user's own stream of notifications sends: they changed, or changes may have been missed. */
export type NotificationEvent = { type: "notifications" } | { type: "resync" };

const CHANGES_CHANNEL = "parallax_live";
const ACCESS_CHANNEL = "parallax_access";
/** A user's notifications changed (see the notifications migration): `{ userId }`. */
const USER_CHANNEL = "parallax_user";
const RECONNECT_MS = 1_000;
/** Streams one user may hold open at once on one app instance: each tab of an article holds one. */
export const MAX_STREAMS_PER_USER = 20;

/**
 * One LISTEN connection per app instance, shared by every reader of every
 * article; it reconnects by itself when PostgreSQL restarts, and then tells
 * every stream to resync: what was committed while it was away was announced
 * to nobody. Notifications come from triggers (through the outbox that
 * lib/notification-outbox.ts empties), so writes of any instance (or of a
 * script) reach all.
 */
class LiveChanges {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Resolves once the connection is listening, or its attempt failed (a retry is then on its way). */
  ready(): Promise<void> {
    return this.ensureListening();
  }

  /** Each of these returns the function that stops listening. */
  onChange(articleId: string, listener: (change: Change) => void): () => void {
    return this.on(`change:${articleId}`, listener);
  }

  onUserChange(userId: string, listener: () => void): () => void {
    return this.on(`user:${userId}`, listener);
  }

  onAccessChange(listener: (change: AccessChange) => void): () => void {
    return this.on("access", listener);
  }

  /** After the connection was lost and is listening again. */
  onReconnect(listener: () => void): () => void {
    return this.on("reconnect", listener);
  }

  private on<T extends unknown[]>(event: string, listener: (...args: T) => void): () => void {
    void this.ensureListening();
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(event, listener as (...args: unknown[]) => void);
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    // LISTEN belongs to a session: behind a pooler in transaction mode it needs a connection of its own, straight to
    // PostgreSQL. Named, so that an operator (or a test) can tell it apart in pg_stat_activity.
    const connectionString = env().DATABASE_DIRECT_URL ?? env().DATABASE_URL;
    const client = new pg.Client({ connectionString, application_name: "parallax-live", keepAlive: true });
    const retry = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      setTimeout(() => void this.ensureListening(), RECONNECT_MS).unref();
    };
    client.on("error", retry);
    client.on("end", retry);
    client.on("notification", ({ channel, payload }) => {
      if (!payload) return;
      try {
        const parsed: unknown = JSON.parse(payload);
        if (channel === CHANGES_CHANNEL) this.emitter.emit(`change:${(parsed as Change).articleId}`, parsed);
        else if (channel === ACCESS_CHANNEL) this.emitter.emit("access", parsed);
        else if (channel === USER_CHANNEL) this.emitter.emit(`user:${(parsed as { userId: string }).userId}`);
      } catch {
        // A payload we did not write: ignore it.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${ACCESS_CHANNEL}; LISTEN ${USER_CHANNEL}`);
      this.client = client;
      // Streams waiting now subscribed while nothing was listening (after a restart of PostgreSQL, or a lost
      // connection).
      this.emitter.emit("reconnect");
    } catch {
      client.end().catch(() => {});
      setTimeout(() => void this.ensureListening(), RECONNECT_MS).unref();
    }
  }
}

const globalForLive = globalThis as unknown as {
  parallaxLive?: LiveChanges;
  parallaxLiveStreams?: Map<string, number>;
};
function liveChanges(): LiveChanges {
  globalForLive.parallaxLive ??= new LiveChanges();
  return globalForLive.parallaxLive;
}

/** Takes one of the user's stream places (429 when all are taken); returns how to give it back. */
function takeStreamPlace(userId: string): () => void {
  const open = globalForLive.parallaxLiveStreams ?? new Map<string, number>();
  globalForLive.parallaxLiveStreams = open;
  const count = open.get(userId) ?? 0;
  if (count >= MAX_STREAMS_PER_USER) {
    throw new AppError(
      "rate_limited",
      `At most ${MAX_STREAMS_PER_USER} live streams per user at once: close another tab of an article first.`,
      {
        limit: MAX_STREAMS_PER_USER,
      },
    );
  }
  open.set(userId, count + 1);
  let isReturned = false;
  return () => {
    if (isReturned) return;
    isReturned = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  };
}

/**
 * What every live feed starts with: one of the user's stream places, the
 * listening connection ready, and `stops` run once by `stop` (the place given
 * back first).
 */
async function openFeed(userId: string) {
  const giveBackPlace = takeStreamPlace(userId);
  const live = liveChanges();
  await live.ready();
  const stops: (() => void)[] = [giveBackPlace];
  let hasStopped = false;
  const stop = () => {
    if (hasStopped) return;
    hasStopped = true;
    for (const stopOne of stops) stopOne();
  };
  return { live, stops, stop, isStopped: () => hasStopped };
}

/**
 * Follows the changes to an article's annotations, comments and links that
 * the caller may see (blind coding: a reviewer hears of others' annotations
 * only once they are approved). Access is checked before the stream opens,
 * again at once whenever PostgreSQL announces a change of the caller's
 * memberships, tokens or sessions or of the article or its project, and at
 * least every PARALLAX_LIVE_RECHECK_SECONDS; when it ends, so does the stream.
 * A user holds at most MAX_STREAMS_PER_USER streams at once (429); stopping
 * the feed gives its place back.
 */
export async function followArticle(actor: Actor, articleId: string): Promise<EventFeed<LiveEvent>> {
  let access: ProjectAccess = await requireArticlePermission(actor, articleId, "annotation.read");
  const { live, stops, stop, isStopped } = await openFeed(actor.userId);

  return {
    stop,
    start(send, end) {
      if (isStopped()) return;
      const endStream = () => {
        if (isStopped()) return;
        stop();
        end();
      };
      const checkAccess = async () => {
        try {
          const current = await recheckActor(actor);
          if (!current) return endStream();
          access = await requireArticlePermission(current, articleId, "annotation.read");
        } catch (error) {
          if (error instanceof AppError) endStream(); // the article, the project or the membership is gone
          // Otherwise PostgreSQL is unreachable: the stream stays; the check runs again once it is back.
        }
      };
      const recheck = serialised(checkAccess);
      const deliver = (change: Change) => {
        const isVisible =
          seesOthersUnapprovedAnnotations(access) || change.authorId === actor.userId || change.status === "APPROVED";
        if (isVisible) send({ type: change.type, id: change.id, annotationId: change.annotationId });
      };
      // Changes announced after a change of access wait for its check: the outbox sends a change of access no later
      // than any change committed after it (lib/notification-outbox.ts), so nothing written after a member's removal
      // reaches them.
      let held: Change[] | null = null;

      stops.push(
        live.onChange(articleId, (change) => (held ? held.push(change) : deliver(change))),
        live.onAccessChange((change) => {
          if (change.userId !== actor.userId && change.projectId !== access.projectId && change.articleId !== articleId)
            return;
          held ??= [];
          void recheck().then(() => {
            const waiting = held ?? [];
            held = null;
            if (!isStopped()) waiting.forEach(deliver);
          });
        }),
        live.onReconnect(() => {
          send({ type: "resync" });
          void recheck();
        }),
      );
      const timer = setInterval(() => void recheck(), env().PARALLAX_LIVE_RECHECK_SECONDS * 1_000);
      stops.push(() => clearInterval(timer));
    },
  };
}

/**
 * Follows the caller's own notifications: `{ type: "notifications" }` when
 * some were added or read (the page then reads them through the API, which
 * leaves out what the caller may not see), `resync` after missed ones. Only
 * the user's own streams hear of them. Ends when the caller's session or
 * token does (checked as followArticle checks); it shares the per-user limit
 * of streams.
 */
export async function followNotifications(actor: Actor): Promise<EventFeed<NotificationEvent>> {
  const { live, stops, stop, isStopped } = await openFeed(actor.userId);
  return {
    stop,
    start(send, end) {
      if (isStopped()) return;
      const recheck = serialised(async () => {
        if (isStopped() || (await recheckActor(actor).catch(() => actor))) return;
        stop();
        end();
      });
      stops.push(
        live.onUserChange(actor.userId, () => send({ type: "notifications" })),
        live.onAccessChange((change) => change.userId === actor.userId && void recheck()),
        live.onReconnect(() => {
          send({ type: "resync" });
          void recheck();
        }),
      );
      const timer = setInterval(() => void recheck(), env().PARALLAX_LIVE_RECHECK_SECONDS * 1_000);
      stops.push(() => clearInterval(timer));
    },
  };
}
