/** `npm run bench` measures of claim matching and possible coverage (lib/matching). */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Actor } from "../../lib/actor.ts";
import { medianOf, ms, type Row } from "./bench-stats.ts";
import { syntheticText } from "./synthetic-text.ts";

const MATCHING_ARTICLES = 1_000;
const TEXT_LENGTH = 50_000;
/** Articles sent to PostgreSQL per INSERT: 50 × 50,000 characters. */
const BATCH = 50;

/**
 * The comparison of two articles of 1,000 linked claims each with possible coverage (and contradictions, always
 * computed) against the same comparison without possible coverage, run alternately.
 */
export async function possibleCoverageRow(
  compare: (options: { possibleCoverage: boolean }) => Promise<unknown>,
  claims: number,
  /** bench.ts's alternating runner: medians of two ways of doing the same work. */
  interleaved: (runs: number, first: () => Promise<unknown>, second: () => Promise<unknown>) => Promise<number[]>,
): Promise<Row> {
  const [withCoverage = 0, without = 0] = await interleaved(
    10,
    () => compare({ possibleCoverage: true }),
    () => compare({ possibleCoverage: false }),
  );
  return {
    measure: `compare two articles, ${claims} linked claims, with possible coverage and contradictions (server time)`,
    result: ms(withCoverage),
    baseline: `${ms(without)} (the same without possible coverage)`,
    ratio: (withCoverage / without).toFixed(2),
    target: "≤ 1.5× baseline",
    pass: withCoverage <= 1.5 * without,
  };
}

/**
 * Matches of a claim in a project of 1,000 articles of 50,000 characters (one claim each), through lib/matching,
 * against PostgreSQL's full text search alone picking the candidate articles.
 */
export async function matchesRow(options: {
  sql: pg.Pool;
  actor: Actor;
  projectId: string;
  findMatches: (actor: Actor, annotationId: string, query: unknown) => Promise<unknown[]>;
}): Promise<Row> {
  const { sql, actor, projectId, findMatches } = options;
  const claimIds: string[] = [];
  for (let first = 0; first < MATCHING_ARTICLES; first += BATCH) {
    const texts = Array.from({ length: BATCH }, (_, index) => syntheticText(5_000 + first + index, TEXT_LENGTH));
    const ids = texts.map(() => randomUUID());
    await sql.query(
      `INSERT INTO articles (id, project_id, title, text, text_length, created_by_id, updated_at)
        SELECT a.id, $3, 'Matching ' || a.n, a.text, length(a.text), $4, now()
          FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS a(id, text, n)`,
      [ids, texts, projectId, actor.userId],
    );
    // One claim per article: its first sentence.
    const spans = texts.map((text) => ({ start: 0, end: text.indexOf(".") + 1 }));
    const annotationIds = ids.map(() => randomUUID());
    await sql.query(
      `INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, revision,
        updated_at)
        SELECT a.id, $5, a.article, $6, a.start, a.stop, a.exact, '', '', 1, now()
          FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $7::text[]) AS a(id, article, start, stop, exact)`,
      [
        annotationIds,
        ids,
        spans.map((span) => span.start),
        spans.map((span) => span.end),
        projectId,
        actor.userId,
        texts.map((text, index) => text.slice(spans[index]!.start, spans[index]!.end)),
      ],
    );
    claimIds.push(...annotationIds);
  }
  await sql.query("VACUUM ANALYZE articles, annotations");
  const claimId = claimIds[MATCHING_ARTICLES / 2]!;
  const exact = (await sql.query(`SELECT exact FROM annotations WHERE id = $1`, [claimId])).rows[0].exact as string;
  const matches = await medianOf(10, async () => {
    const found = await findMatches(actor, claimId, {});
    if (found.length === 0) throw new Error("no match found");
  });
  const candidates = await medianOf(10, () =>
    sql.query(
      `WITH q AS (SELECT replace(plainto_tsquery('english', $2)::text, ' & ', ' | ')::tsquery AS q)
       SELECT ar.id, ar.text FROM articles ar, q WHERE ar.project_id = $1 AND ar.deleted_at IS NULL
         AND ar.search_stems @@ q.q ORDER BY ts_rank_cd(ar.search_stems, q.q) DESC LIMIT 8`,
      [projectId, exact],
    ),
  );
  return {
    measure: `matches for a claim, project of ${MATCHING_ARTICLES} articles of 50,000 chars (server time)`,
    result: ms(matches),
    baseline: `${ms(candidates)} (raw pg: full text search for the candidate articles only)`,
    ratio: (matches / candidates).toFixed(1),
    target: "< 200 ms",
    pass: matches < 200,
  };
}
