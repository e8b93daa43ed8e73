import "server-only";
import { db, type DbClient } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** The project's live article at this URL, read through the index articles_project_url_idx (by the URL's md5). */
export function articleAtUrlStatement(projectId: string, url: string): Prisma.Sql {
  return Prisma.sql`
    SELECT id, title FROM articles
    WHERE project_id = ${projectId}::uuid AND md5(url) = md5(${url}) AND url = ${url} AND deleted_at IS NULL
    ORDER BY id LIMIT 1`;
}

/**
 * Refuses (409, naming the existing article: `details: { articleId, title, url }`) a URL a live article of
 * the project already has: an article is imported once. Inside a transaction (`client`), imports of the same
 * URL into the project wait for each other, so two at once cannot both pass.
 */
export async function assertUrlNotInProject(
  projectId: string,
  url: string | null | undefined,
  client: DbClient = db(),
): Promise<void> {
  if (!url) return;
  await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`article-url:${projectId}:${url}`}, 0))`;
  const [existing] = await client.$queryRaw<{ id: string; title: string }[]>(articleAtUrlStatement(projectId, url));
  if (existing)
    throw conflict(`This project already has the article at ${url}: “${existing.title}”. Open it instead.`, {
      articleId: existing.id,
      title: existing.title,
      url,
    });
}

/** Refuses (409) two articles of one import with the same URL, as if the first were already stored. */
export function assertUrlsDistinct(urls: (string | null | undefined)[]): void {
  const seen = new Set<string>();
  for (const [index, url] of urls.entries()) {
    if (!url) continue;
    if (seen.has(url))
      throw conflict(`Articles of this import share the URL ${url}; an article is imported once.`, {
        url,
        index,
      });
    seen.add(url);
  }
}
