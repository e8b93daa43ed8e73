/** Timing helpers of `npm run bench`. */
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The median time of `runs` runs (after one warm-up). */
export async function medianOf(runs: number, work: (run: number) => Promise<unknown> | unknown): Promise<number> {
  await work(-1);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await timed(() => work(run)));
  return median(times);
}

/** A row of a bench table. */
export interface Row {
  measure: string;
  result: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: a measure shown for comparison, without a target. */
  pass: boolean | null;
}
