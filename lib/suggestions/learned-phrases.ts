import "server-only";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { type ProjectAccess, seesOthersUnapprovedAnnotations, visibleAnnotationsSql } from "@/lib/permissions";
import { runInWorker } from "@/lib/workers/pool";
import type { PackedPhraseStats, PhraseUse } from "./phrase-stats";

/** Passages longer than this are sentences, not phrases: they are not looked for. */
const MAX_PHRASE_LENGTH = 100;
/** The project's newest annotations teach the phrases, at most this many: learning costs the same at any size. */
const MAX_LEARNED = 50_000;
/**
 * Annotations made since the phrases were learned are read at each request
 * (ids are UUIDv7: they follow creation); changes to older ones (tags,
 * rejection, deletion) are learned when the phrases are learned again, in
 * the background once they are this old, or once this many came since.
 */
const RELEARN_AFTER_MS = 60_000;
const MAX_RECENT = 5_000;
/** Phrases kept for this many projects (and blind reviewers, who each learn from what they see) at most. */
const MAX_KEPT = 8;

interface Learned {
  stats: PackedPhraseStats;
  recent: PhraseUse[];
  /** The newest annotation read; null when the project had none. */
  newestId: string | null;
  learnedAt: number;
  relearning: boolean;
}

const kept = new Map<string, Promise<Learned>>();

/** The annotations the phrases are learned from: visible to the caller, not rejected, short, tagged. */
function learnedFrom(actor: Actor, access: ProjectAccess): Prisma.Sql {
  return Prisma.sql`${visibleAnnotationsSql(actor, access)} AND a.status <> 'REJECTED'
    AND char_length(a.exact) <= ${MAX_PHRASE_LENGTH}`;
}
const tagsOf = Prisma.sql`(SELECT array_agg(at.tag_id) FROM annotation_tags at WHERE at.annotation_id = a.id)`;

async function learn(actor: Actor, access: ProjectAccess): Promise<Learned> {
  // One string for all the rows: the request's thread neither parses nor clones 50,000 of them; the worker does.
  const [row] = await db().$queryRaw<{ newestId: string | null; uses: string }[]>`
    SELECT max(l.id::text) AS "newestId",
      coalesce(json_agg(json_build_array(l.exact, l.tag_ids)) FILTER (WHERE l.tag_ids IS NOT NULL), '[]')::text AS uses
    FROM (
      SELECT a.id, a.exact, ${tagsOf} AS tag_ids FROM annotations a
      WHERE ${learnedFrom(actor, access)} ORDER BY a.id DESC LIMIT ${MAX_LEARNED}
    ) l`;
  const stats = await runInWorker("learnPhrases", { uses: row!.uses });
  return { stats, recent: [], newestId: row!.newestId, learnedAt: Date.now(), relearning: false };
}

/** Annotations made since `learned` was read, into its `recent` uses. */
async function catchUp(actor: Actor, access: ProjectAccess, learned: Learned): Promise<void> {
  const newer = learned.newestId ? Prisma.sql`AND a.id > ${learned.newestId}::uuid` : Prisma.empty;
  const rows = await db().$queryRaw<{ id: string; exact: string; tagIds: string[] | null }[]>`
    SELECT a.id, a.exact, ${tagsOf} AS "tagIds" FROM annotations a
    WHERE ${learnedFrom(actor, access)} ${newer} ORDER BY a.id LIMIT ${MAX_RECENT}`;
  if (rows.length === 0) return;
  // Another request may have read some of them meanwhile.
  const fresh = rows.filter((row) => !learned.newestId || row.id > learned.newestId);
  for (const { exact, tagIds } of fresh) if (tagIds) learned.recent.push({ phrase: exact.toLowerCase(), tagIds });
  if (fresh.length > 0) learned.newestId = fresh.at(-1)!.id;
}

/**
 * What the project's annotations that the caller sees teach about phrases:
 * learned on a worker thread, kept between requests (per project, and per
 * reviewer coding blind), with the annotations made since read at each call.
 */
export async function learnedPhrases(
  actor: Actor,
  access: ProjectAccess,
): Promise<{ learned: PackedPhraseStats; recent: PhraseUse[] }> {
  const key = `${access.projectId}:${seesOthersUnapprovedAnnotations(access) ? "all" : actor.userId}`;
  let entry = kept.get(key);
  if (!entry) {
    entry = learn(actor, access);
    kept.set(key, entry);
    entry.catch(() => kept.delete(key));
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  } else {
    // The most recently used stay.
    kept.delete(key);
    kept.set(key, entry);
  }
  const learned = await entry;
  await catchUp(actor, access, learned);
  const stale = Date.now() - learned.learnedAt > RELEARN_AFTER_MS || learned.recent.length >= MAX_RECENT;
  if (stale && !learned.relearning) {
    learned.relearning = true;
    learn(actor, access).then(
      (relearned) => {
        if (kept.get(key) === entry) kept.set(key, Promise.resolve(relearned));
      },
      () => {
        learned.relearning = false;
      },
    );
  }
  return { learned: learned.stats, recent: [...learned.recent] };
}
