import "server-only";
import { db } from "@/lib/db";

/** A phrase stops being proposed in the project once this many coders' rejections of it outnumber its acceptances. */
export const PHRASE_REJECTIONS_TO_STOP = 3;

/** The key a phrase's decisions are counted by: its text lower-cased, as the suggester matches it. */
export const phraseKey = (exact: string) => exact.toLowerCase();

/**
 * The suggestions not yet turned down: none at a span (and of a kind) that
 * anyone in the project rejected in this article, and no phrase the project
 * rejects (at least PHRASE_REJECTIONS_TO_STOP rejections, and more
 * rejections than acceptances). A rejection hides a span from every coder,
 * blind ones too: it tells them nothing of anyone's tags.
 */
export async function withoutRejected<
  T extends { kind: "phrase" | "claim"; start: number; end: number; exact: string },
>(projectId: string, articleId: string, items: T[]): Promise<T[]> {
  if (items.length === 0) return items;
  const proposedPhrases = [
    ...new Set(items.filter(({ kind }) => kind === "phrase").map(({ exact }) => phraseKey(exact))),
  ];
  const [spans, phrases] = await Promise.all([
    db().$queryRaw<{ kind: string; start: number; end: number }[]>`
      SELECT kind::text AS kind, start, "end" FROM suggestion_decisions
      WHERE article_id = ${articleId}::uuid AND decision = 'rejected'`,
    db().$queryRaw<{ phrase: string }[]>`
      SELECT phrase FROM suggestion_decisions
      WHERE project_id = ${projectId}::uuid AND phrase = ANY(${proposedPhrases}::text[])
      GROUP BY phrase
      HAVING count(*) FILTER (WHERE decision = 'rejected') >= ${PHRASE_REJECTIONS_TO_STOP}
        AND count(*) FILTER (WHERE decision = 'rejected') > count(*) FILTER (WHERE decision = 'accepted')`,
  ]);
  const rejectedSpans = new Set(spans.map(({ kind, start, end }) => `${kind}:${start}:${end}`));
  const rejectedPhrases = new Set(phrases.map(({ phrase }) => phrase));
  return items.filter(
    ({ kind, start, end, exact }) =>
      !rejectedSpans.has(`${kind}:${start}:${end}`) && !(kind === "phrase" && rejectedPhrases.has(phraseKey(exact))),
  );
}
