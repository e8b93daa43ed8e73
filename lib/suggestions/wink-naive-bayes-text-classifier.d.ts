/** The part of wink-naive-bayes-text-classifier's API that the tag ranking uses (the package ships no types). */
declare module "wink-naive-bayes-text-classifier" {
  interface NaiveBayesTextClassifier {
    definePrepTasks(tasks: ((input: string) => string[])[]): number;
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(input: string, label: string): boolean;
    /** Throws with fewer than 2 labels or 10 words learned. */
    consolidate(): boolean;
    /** [label, log2 of the odds of the label against all others], best first; [["unknown", 0]] for unknown words. */
    computeOdds(input: string): [label: string, log2Odds: number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  export default function createClassifier(): NaiveBayesTextClassifier;
}
