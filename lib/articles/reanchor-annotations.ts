import "server-only";
import type { Actor } from "@/lib/actor";
import type { AnchorState } from "@/lib/anchoring";
import { type AuditRecord, recordAudits } from "@/lib/audit";
import type { DbClient } from "@/lib/db";
import { runInWorker } from "@/lib/workers/pool";

export type ReanchorCounts = Record<AnchorState, number>;

interface ArticleEdit {
  projectId: string;
  articleId: string;
  oldText: string;
  newText: string;
  /** The revision number of `newText`. */
  revision: number;
}

/**
 * Re-anchors every live annotation of an article after its text changed from
 * `oldText` to `newText` (inside the transaction of the edit), and returns how
 * each was found. Annotations that cannot be found are kept and flagged
 * `ORPHANED` with their old quote and offsets (and the revision those refer
 * to), never deleted. The search runs on a worker thread, within a budget
 * (lib/workers/pool.ts). One UPDATE for all rows, one audit entry per annotation
 * whose span or anchoring changed; those also get a new version, so that an
 * editor holding the old one must reload before changing them.
 */
export async function reanchorArticle(tx: DbClient, actor: Actor, edit: ArticleEdit): Promise<ReanchorCounts> {
  const rows = await tx.annotation.findMany({
    where: { articleId: edit.articleId, deletedAt: null },
    select: { id: true, start: true, end: true, exact: true, prefix: true, suffix: true, anchor: true, revision: true },
  });
  const anchors = rows.map(({ start, end, exact, prefix, suffix, anchor }) => ({
    start,
    end,
    exact,
    prefix,
    suffix,
    orphaned: anchor === "ORPHANED",
  }));
  const results = await runInWorker("reanchor", { oldText: edit.oldText, newText: edit.newText, anchors });
  const counts: ReanchorCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const updates: {
    id: string;
    start: number;
    end: number;
    exact: string;
    prefix: string;
    suffix: string;
    anchor: string;
    revision: number;
    bump: boolean;
  }[] = [];
  const audits: AuditRecord[] = [];
  rows.forEach((row, index) => {
    const result = results[index]!;
    counts[result.state] += 1;
    const anchor = result.state.toUpperCase();
    const revision = result.state === "orphaned" ? row.revision : edit.revision;
    const spanChanged =
      result.start !== row.start || result.end !== row.end || result.exact !== row.exact || anchor !== row.anchor;
    const contextChanged = result.prefix !== row.prefix || result.suffix !== row.suffix;
    if (!spanChanged && !contextChanged && revision === row.revision) return;
    updates.push({
      id: row.id,
      start: result.start,
      end: result.end,
      exact: result.exact,
      prefix: result.prefix,
      suffix: result.suffix,
      anchor,
      revision,
      bump: spanChanged,
    });
    if (spanChanged) {
      audits.push({
        projectId: edit.projectId,
        action: "annotation.reanchor",
        entityType: "Annotation",
        entityId: row.id,
        before: { start: row.start, end: row.end, exact: row.exact, anchor: row.anchor, revision: row.revision },
        after: { start: result.start, end: result.end, exact: result.exact, anchor, revision },
      });
    }
  });
  if (updates.length > 0) {
    const column = <K extends keyof (typeof updates)[number]>(key: K) => updates.map((update) => update[key]);
    await tx.$executeRaw`
      UPDATE annotations AS a
      SET start = v.start, "end" = v."end", exact = v.exact, prefix = v.prefix, suffix = v.suffix,
          anchor = v.anchor::"AnchorState", revision = v.revision,
          version = a.version + CASE WHEN v.bump THEN 1 ELSE 0 END, updated_at = now()
      FROM unnest(${column("id")}::uuid[], ${column("start")}::int[], ${column("end")}::int[],
        ${column("exact")}::text[],
                  ${column("prefix")}::text[], ${column("suffix")}::text[], ${column("anchor")}::text[],
                  ${column("revision")}::int[], ${column("bump")}::bool[])
           AS v(id, start, "end", exact, prefix, suffix, anchor, revision, bump)
      WHERE a.id = v.id`;
  }
  await recordAudits(tx, actor, audits);
  return counts;
}
