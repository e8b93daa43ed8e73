/**
 * `npm run eval`: how well each suggester does on held-out data, beside a
 * plain baseline, as one table. Pure and in-process (no database): the
 * corpora are read from files, the demo project from its seed, and the
 * suggesters are the functions the app runs. Learned suggesters (phrases, tag
 * ranking) are measured leaving one article out: each article is predicted
 * from the annotations of all the others.
 */
import { demoCorpus, type EvalCorpus, loadCorpus } from "./lib/eval-corpus.ts";
import { evaluateCoverage, evaluateMatching } from "./lib/eval-matching.ts";
import { type EvalRow, evaluateClaimCandidates, evaluatePhrases, evaluateTagRanking } from "./lib/eval-suggesters.ts";

const CORPORA = ["eval/corpus/nasa-blogs.json", "eval/corpus/pakistan-quakes.json"];

function main(): void {
  const corpora: EvalCorpus[] = [demoCorpus(), ...CORPORA.map(loadCorpus)];
  const rows = corpora.flatMap((corpus) => [
    ...evaluatePhrases(corpus),
    ...evaluateTagRanking(corpus),
    ...evaluateClaimCandidates(corpus),
    ...evaluateMatching(corpus),
    ...evaluateCoverage(corpus),
  ]);
  for (const corpus of corpora) {
    const outlets = new Set(corpus.articles.map((article) => article.outlet)).size;
    console.info(
      `${corpus.name}: ${corpus.articles.length} articles, ${outlets} outlets, ${corpus.annotations.length} claims`,
    );
  }
  console.info("");
  console.info(table(rows));
}

const percent = (value: number | undefined) => (value === undefined ? "" : `${(value * 100).toFixed(0)} %`);

/** The rows as a Markdown table (pasted into README.md as is). */
function table(rows: EvalRow[]): string {
  const header = [
    "corpus",
    "suggester",
    "method",
    "precision",
    "recall",
    "F1",
    "hit@1",
    "hit@3",
    "judged: right/predicted/gold, or cases",
  ];
  const lines = rows.map((row) => [
    row.corpus,
    row.suggester,
    row.method,
    percent(row.precision),
    percent(row.recall),
    percent(row.f1),
    percent(row.at1),
    percent(row.at3),
    row.cases,
  ]);
  return [header, header.map(() => "---"), ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

main();
