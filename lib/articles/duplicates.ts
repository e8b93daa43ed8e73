import "server-only";
import { db, type DbClient } from "@/lib/db";
import { conflict } from "@/lib/errors";

/**
 * Refuses (409, naming the article in details.articleId and .title) a URL
 * that a live article of the project already has: a page is imported once.
 * Inside a transaction (`tx`), it also waits for other imports of the same
 * URL into the project to commit, so that two at once cannot both pass.
 */
export async function assertUrlNotInProject(projectId: string, url: string, tx: DbClient = db()): Promise<void> {
  if (tx !== db())
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`url:${projectId}:${url}`}, 0))`;
  const existing = await tx.article.findFirst({
    where: { projectId, url, deletedAt: null },
    select: { id: true, title: true },
    orderBy: { id: "asc" },
  });
  if (existing) {
    throw conflict(`This page is already in the project: “${existing.title}”.`, {
      reason: "duplicate",
      articleId: existing.id,
      title: existing.title,
      url,
    });
  }
}
