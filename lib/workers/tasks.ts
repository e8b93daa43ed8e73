/**
 * The work that runs on worker threads (lib/workers/pool.ts), not on the
 * thread that serves requests: each task is a pure function of plain data.
 * Modules are imported on a task's first use, so a worker loads only what
 * its tasks need. Nothing here may import server-only code or the database.
 */
import type { StoredAnchor } from "../anchoring/reanchor";
import type { QuotePlacementRequest } from "../anchoring/place-quotes";
import type { ReportData } from "../exports/pdf-render";
import type { AgreementInput } from "../review/agreement/report";
import type { SuggestionInput } from "../suggestions/suggest";
import type { RankRequest } from "../suggestions/tag-ranker";
import type { CoverageInput, MatchInput } from "../matching/rank";

interface TaskResult<Value> {
  value: Value;
  /** Buffers moved, not copied, to the requesting thread. */
  transfer?: ArrayBuffer[];
}

export const TASKS = {
  async extractArticle(input: { html: string; url: string | null }) {
    const { extractArticle } = await import("../articles/html-extraction");
    return { value: extractArticle(input.html, input.url) };
  },
  async reanchor(input: { oldText: string; newText: string; anchors: StoredAnchor[] }) {
    const { reanchorAll } = await import("../anchoring/reanchor");
    return { value: reanchorAll(input.oldText, input.newText, input.anchors) };
  },
  async placeQuotes(input: { text: string; requests: QuotePlacementRequest[] }) {
    const { placeQuotes } = await import("../anchoring/place-quotes");
    return { value: placeQuotes(input.text, input.requests) };
  },
  /** `uses`: JSON of [exact, tagIds] pairs, one string (a copy of bytes, where many rows would each be cloned). */
  async learnPhrases(input: { uses: string }) {
    const { packPhraseStats } = await import("../suggestions/phrase-stats");
    const uses = (JSON.parse(input.uses) as [string, string[]][]).map(([exact, tagIds]) => ({
      phrase: exact.toLowerCase(),
      tagIds,
    }));
    const packed = packPhraseStats(uses, crypto.randomUUID());
    return { value: packed, transfer: [packed.lengths.buffer as ArrayBuffer, packed.uses.buffer as ArrayBuffer] };
  },
  async suggest(input: SuggestionInput) {
    const { suggestFor } = await import("../suggestions/suggest");
    return { value: suggestFor(input) };
  },
  /** Keeps what it trains for the next calls (lib/suggestions/tag-ranker.ts): the one task with state. */
  async rankTags(input: RankRequest) {
    const { rankForScope } = await import("../suggestions/tag-ranker");
    return { value: rankForScope(input) };
  },
  async rankMatches(input: MatchInput) {
    const { rankMatches } = await import("../matching/rank");
    return { value: rankMatches(input) };
  },
  async bestCoverage(input: CoverageInput) {
    const { bestCoverage } = await import("../matching/rank");
    return { value: bestCoverage(input) };
  },
  async agreement(input: AgreementInput) {
    const { agreementFigures } = await import("../review/agreement/report");
    return { value: agreementFigures(input) };
  },
  /** The whole PDF report, laid out here and handed over as one buffer (moved, not copied). */
  async renderReportPdf(input: ReportData) {
    const { renderReportPdf } = await import("../exports/pdf-render");
    const chunks: Uint8Array[] = [];
    for await (const chunk of renderReportPdf(input)) chunks.push(chunk);
    const file = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
    let at = 0;
    for (const chunk of chunks.splice(0)) {
      file.set(chunk, at);
      at += chunk.byteLength;
    }
    return { value: file, transfer: [file.buffer] };
  },
} satisfies Record<string, (input: never) => Promise<TaskResult<unknown>>>;

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskInput<Name extends TaskName> = Parameters<Tasks[Name]>[0];
export type TaskOutput<Name extends TaskName> = Awaited<ReturnType<Tasks[Name]>>["value"];

export function runTask(name: string, input: unknown): Promise<TaskResult<unknown>> {
  if (!Object.hasOwn(TASKS, name)) throw new Error(`unknown task ${name}`);
  return (TASKS[name as TaskName] as (input: unknown) => Promise<TaskResult<unknown>>)(input);
}
