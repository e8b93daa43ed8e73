import "server-only";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { overturnsOf } from "@/lib/review/overturn-rules";
import { isUuid } from "@/lib/validation";

/**
 * Refuses (409, nothing changed) a decision on a settled unit that would undo
 * an accepted version, unless the caller says `overturn: true`: a stray key or
 * a script's retry must not silently reverse an editor's decision.
 */
export async function refuseUnconfirmedOverturn(
  articleId: string,
  decision: { accept: string; ids: string[]; tags?: string[]; overturn?: boolean },
): Promise<void> {
  if (decision.overturn) return;
  const rows = await db().annotation.findMany({
    where: { id: { in: decision.ids.filter(isUuid) }, articleId, deletedAt: null, status: "APPROVED" },
    select: {
      id: true,
      status: true,
      author: { select: { name: true } },
      tags: { select: { tag: { select: { id: true, name: true } } } },
    },
  });
  const overturns = overturnsOf(
    rows.map((row) => ({
      id: row.id,
      status: row.status,
      authorName: row.author.name,
      tags: row.tags.map(({ tag }) => tag),
    })),
    decision.accept,
    decision.tags,
  );
  if (overturns.length === 0) return;
  throw conflict(
    `This unit is already settled: ${overturns.map((overturn) => overturn.message).join(" ")} Nothing was ` +
      'changed; send "overturn": true to overturn the decision.',
    { overturns: overturns.map(({ message: _message, ...overturn }) => overturn) },
  );
}
