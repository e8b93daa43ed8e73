import { claimCandidates, sentencesOf } from "@/lib/suggestions/claim-candidates";
import { likelyTagIds } from "@/lib/suggestions/likely-tags";
import { packPhraseStats, taggedPhrasesOf } from "@/lib/suggestions/phrase-stats";
import { phraseOccurrences, type TaggedPhrase } from "@/lib/suggestions/phrases";
import { rankTags, trainTagRanker } from "@/lib/suggestions/tag-ranker";
import type { EvalAnnotation, EvalCorpus } from "./eval-corpus.ts";
import { addCounts, type Counts, hitsAt, NO_COUNTS, scoreSets, scoresOf } from "./eval-metrics.ts";

/** One line of the table: a suggester (or its baseline) on a corpus. Measures it has no use for stay undefined. */
export interface EvalRow {
  corpus: string;
  suggester: string;
  method: string;
  precision?: number;
  recall?: number;
  f1?: number;
  at1?: number;
  at3?: number;
  /** What was judged: "right/predicted/gold" items for precision and recall, or the number of cases ranked. */
  cases: string;
}

type Split = { heldOut: EvalCorpus["articles"][number]; training: EvalAnnotation[]; gold: EvalAnnotation[] };

/** Leave one article out: each article in turn is predicted from the annotations of all the others. */
function leaveOneArticleOut(corpus: EvalCorpus): Split[] {
  return corpus.articles.map((heldOut) => ({
    heldOut,
    training: corpus.annotations.filter((annotation) => annotation.articleId !== heldOut.id),
    gold: corpus.annotations.filter((annotation) => annotation.articleId === heldOut.id),
  }));
}

/** A row of precision, recall and F1, with the right, predicted and gold items they come from. */
export function setRow(corpus: EvalCorpus, suggester: string, method: string, counts: Counts): EvalRow {
  const { right, predicted, gold } = counts;
  return { corpus: corpus.name, suggester, method, ...scoresOf(counts), cases: `${right}/${predicted}/${gold}` };
}

const spanTagKeys = (spans: { start: number; end: number; tags: string[] }[]) =>
  spans.flatMap(({ start, end, tags }) => tags.map((tag) => `${start}:${end}:${tag}`));

/** The phrases the suggestions route learns (lib/suggestions/learned-phrases.ts), by the same functions. */
export function taggedPhrases(annotations: EvalAnnotation[], maxLength = 100): TaggedPhrase[] {
  const uses = annotations
    .filter(({ exact, tags }) => exact.length <= maxLength && tags.length > 0)
    .map(({ exact, tags }) => ({ phrase: exact.toLowerCase(), tagIds: tags }));
  return taggedPhrasesOf(packPhraseStats(uses), [...new Set(uses.flatMap(({ tagIds }) => tagIds))]);
}

/** Exact string matching alone: every place the very string of a training annotation occurs, with all its tags. */
function exactMatches(text: string, training: EvalAnnotation[]) {
  const found: { start: number; end: number; tags: string[] }[] = [];
  for (const { exact, tags } of training) {
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      found.push({ start: at, end: at + exact.length, tags });
    }
  }
  return found;
}

/** Phrase suggestions: span and tag right, on articles whose annotations were left out of the learning. */
export function evaluatePhrases(corpus: EvalCorpus): EvalRow[] {
  let suggested: Counts = NO_COUNTS;
  let baseline: Counts = NO_COUNTS;
  for (const { heldOut, training, gold } of leaveOneArticleOut(corpus)) {
    const wanted = spanTagKeys(gold);
    const occurrences = phraseOccurrences(heldOut.text, taggedPhrases(training));
    suggested = addCounts(
      suggested,
      scoreSets(spanTagKeys(occurrences.map(({ start, end, tagIds }) => ({ start, end, tags: tagIds }))), wanted)
        .counts,
    );
    baseline = addCounts(baseline, scoreSets(spanTagKeys(exactMatches(heldOut.text, training)), wanted).counts);
  }
  const row = (method: string, counts: Counts) => setRow(corpus, "phrases", method, counts);
  return [row("word-bounded, any case, tags of ≥ half", suggested), row("baseline: exact string", baseline)];
}

/** Tag ranking: the right tags among the first (hit@1, @3), and the tags marked likely as a set (P, R, F1). */
export function evaluateTagRanking(corpus: EvalCorpus): EvalRow[] {
  const ranked: { ranked: string[]; right: string[] }[] = [];
  const majority: { ranked: string[]; right: string[] }[] = [];
  let likely: Counts = NO_COUNTS;
  let frequent: Counts = NO_COUNTS;
  for (const { training, gold } of leaveOneArticleOut(corpus)) {
    const model = trainTagRanker(training.map(({ exact, tags }) => ({ exact, tagIds: tags })));
    const counts = new Map<string, number>();
    for (const tag of training.flatMap((annotation) => annotation.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
    for (const { exact, tags } of gold) {
      const ranking = model ? rankTags(model, exact) : [];
      ranked.push({ ranked: ranking.map((tag) => tag.tagId), right: tags });
      majority.push({ ranked: byFrequency, right: tags });
      likely = addCounts(likely, scoreSets(likelyTagIds(ranking), tags).counts);
      frequent = addCounts(frequent, scoreSets(byFrequency.slice(0, 3), tags).counts);
    }
  }
  return [
    {
      corpus: corpus.name,
      suggester: "tag ranking",
      method: "naive Bayes on the quote's words",
      ...scoresOf(likely),
      at1: hitsAt(ranked, 1),
      at3: hitsAt(ranked, 3),
      cases: `${ranked.length} quotes`,
    },
    {
      corpus: corpus.name,
      suggester: "tag ranking",
      method: "baseline: most frequent tags",
      ...scoresOf(frequent),
      at1: hitsAt(majority, 1),
      at3: hitsAt(majority, 3),
      cases: `${majority.length} quotes`,
    },
  ];
}

/** Claim candidates: the sentences proposed against those that hold an annotated claim (sentences as they cut them). */
export function evaluateClaimCandidates(corpus: EvalCorpus): EvalRow[] {
  let candidates: Counts = NO_COUNTS;
  let digits: Counts = NO_COUNTS;
  for (const article of corpus.articles) {
    const sentences = sentencesOf(article.text);
    const claims = corpus.annotations.filter((annotation) => annotation.articleId === article.id);
    const gold = sentences
      .filter(({ start, end }) => claims.some((claim) => claim.start < end && claim.end > start))
      .map(({ start }) => String(start));
    candidates = addCounts(
      candidates,
      scoreSets(
        claimCandidates(article.text).map(({ start }) => String(start)),
        gold,
      ).counts,
    );
    digits = addCounts(
      digits,
      scoreSets(
        sentences.filter(({ sentence }) => /\p{Nd}/u.test(sentence)).map(({ start }) => String(start)),
        gold,
      ).counts,
    );
  }
  const row = (method: string, counts: Counts) => setRow(corpus, "claim candidates", method, counts);
  return [row("figures, attributions, quotations", candidates), row("baseline: a digit in the sentence", digits)];
}
