import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { clipText } from "@/lib/anchoring";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { cursorId, type Page, pageQuery, toPage } from "@/lib/pagination";
import { memberSeesAnnotationSql } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  actor: { id: string; name: string } | null;
  project: { id: string; name: string };
  /** What happened, in a sentence. */
  text: string;
  /** What it is about, and the page that opens it (the reader, on the annotation). */
  target: { articleId: string | null; annotationId: string | null; commentId: string | null; url: string };
}

export interface NotificationPage extends Page<NotificationView> {
  /** The caller's unread notifications, all pages together. */
  unreadCount: number;
}

const listQuery = pageQuery.extend({ unread: z.enum(["true", "false"]).optional() });

const markInput = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);

/**
 * The caller's notifications whose target they may still see: a notification
 * of a deleted article, annotation or comment, of a project they left, or of
 * an annotation blind coding now hides from them, is left out (it may have
 * been visible when it was written).
 */
function visibleNotificationsSql(actor: Actor): Prisma.Sql {
  return Prisma.sql`
    FROM notifications n
    JOIN projects p ON p.id = n.project_id AND p.deleted_at IS NULL
    JOIN memberships m ON m.project_id = p.id AND m.user_id = n.user_id
    LEFT JOIN articles ar ON ar.id = n.article_id
    LEFT JOIN annotations a ON a.id = n.annotation_id
    LEFT JOIN comments c ON c.id = n.comment_id
    WHERE n.user_id = ${actor.userId}::uuid
      AND (n.article_id IS NULL OR ar.deleted_at IS NULL AND ar.id IS NOT NULL)
      AND (n.annotation_id IS NULL OR a.deleted_at IS NULL AND a.id IS NOT NULL AND ${memberSeesAnnotationSql})
      AND (n.comment_id IS NULL OR c.deleted_at IS NULL AND c.id IS NOT NULL)`;
}

interface Row {
  id: string;
  kind: NotificationKind;
  createdAt: Date;
  readAt: Date | null;
  actorId: string | null;
  actorName: string | null;
  projectId: string;
  projectName: string;
  articleId: string | null;
  articleTitle: string | null;
  annotationId: string | null;
  exact: string | null;
  commentId: string | null;
  commentText: string | null;
  detail: string | null;
}

const quoted = (text: string | null, limit = 60) => `“${clipText((text ?? "").replace(/\s+/g, " "), limit)}”`;

function describe(row: Row): string {
  const who = row.actorName ?? "Someone";
  switch (row.kind) {
    case "MENTION":
      return row.commentId
        ? `${who} mentioned you in a comment: ${quoted(row.commentText)}`
        : `${who} mentioned you in a note on ${quoted(row.exact)}`;
    case "REPLY":
      return `${who} replied in a discussion you took part in: ${quoted(row.commentText)}`;
    case "COMMENT":
      return `${who} commented on your annotation ${quoted(row.exact)}: ${quoted(row.commentText)}`;
    case "APPROVED":
      return `${who} approved your annotation ${quoted(row.exact)}`;
    case "REJECTED":
      return `${who} rejected your annotation ${quoted(row.exact)}${row.detail ? `: ${quoted(row.detail, 200)}` : ""}`;
    case "ASSIGNED":
      return `${who} assigned you ${quoted(row.articleTitle, 100)}`;
  }
}

function urlOf(row: Row): string {
  if (!row.articleId) return `/projects/${row.projectId}`;
  const article = `/articles/${row.articleId}`;
  if (row.commentId) return `${article}#annotation-${row.annotationId}/comment-${row.commentId}`;
  return row.annotationId ? `${article}#annotation-${row.annotationId}` : article;
}

function toView(row: Row): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
    project: { id: row.projectId, name: row.projectName },
    text: describe(row),
    target: { articleId: row.articleId, annotationId: row.annotationId, commentId: row.commentId, url: urlOf(row) },
  };
}

/** The caller's notifications, newest first (`?unread=true`: the unread ones), and how many are unread. */
export async function listNotifications(actor: Actor, query: unknown): Promise<NotificationPage> {
  const { limit, cursor, unread } = parseInput(listQuery, query);
  const conditions = [Prisma.sql`TRUE`];
  if (unread === "true") conditions.push(Prisma.sql`n.read_at IS NULL`);
  if (cursor !== undefined) conditions.push(Prisma.sql`n.id < ${cursorId(cursor)}::uuid`);
  const [rows, [counted]] = await Promise.all([
    db().$queryRaw<Row[]>`
      SELECT n.id, n.kind::text AS kind, n.created_at AS "createdAt", n.read_at AS "readAt", n.actor_id AS "actorId",
        (SELECT name FROM users WHERE id = n.actor_id) AS "actorName", p.id AS "projectId", p.name AS "projectName",
        n.article_id AS "articleId", ar.title AS "articleTitle", n.annotation_id AS "annotationId", a.exact,
        n.comment_id AS "commentId", c.text AS "commentText", n.detail
      ${visibleNotificationsSql(actor)} AND ${Prisma.join(conditions, " AND ")}
      ORDER BY n.id DESC LIMIT ${limit + 1}`,
    db().$queryRaw<[{ count: number }]>`
      SELECT count(*)::int AS count ${visibleNotificationsSql(actor)} AND n.read_at IS NULL`,
  ]);
  return { ...toPage(rows, limit, toView), unreadCount: counted.count };
}

/**
 * Marks the caller's notifications read: `{ ids }` (ids that are not the
 * caller's are ignored) or `{ all: true }`. Returns how many stay unread.
 */
export async function markNotificationsRead(actor: Actor, input: unknown): Promise<{ unreadCount: number }> {
  const choice = parseInput(markInput, input);
  await db().notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...("ids" in choice ? { id: { in: choice.ids } } : {}) },
    data: { readAt: new Date() },
  });
  const [counted] = await db().$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS count ${visibleNotificationsSql(actor)} AND n.read_at IS NULL`;
  return { unreadCount: counted.count };
}
