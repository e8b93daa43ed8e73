import createClassifier, { type NaiveBayesTextClassifier } from "wink-naive-bayes-text-classifier";

/**
 * Tag ranking: a naive Bayes text classifier (wink-naive-bayes-text-classifier)
 * learns from the project's tagged passages which tags their words go with,
 * then ranks the tags for a newly selected passage. The passage's own words
 * count (`npm run eval`: adding the words around it ranked worse on both
 * corpora). An annotation with several tags is one example of each.
 */
export interface TagExample {
  exact: string;
  tagIds: string[];
}

export interface RankedTag {
  tagId: string;
  /** 0–1: the classifier's probability of this tag against all the others. */
  score: number;
}

/** Laplace smoothing below 1: a word seen with one tag only does not make the others impossible. */
const SMOOTHING = 0.5;

let wordSegmenter: Intl.Segmenter | undefined;

/** The words (letters and digits, any script) of a text in lower case. */
function wordsOf(text: string): string[] {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  const words: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) if (isWordLike) words.push(segment.toLowerCase());
  return words;
}

/** The classifier's input: the passage's words, space-separated. */
function featuresOf(exact: string): string {
  return wordsOf(exact).join(" ");
}

function newClassifier(): NaiveBayesTextClassifier {
  const classifier = createClassifier();
  classifier.definePrepTasks([(input) => input.split(" ").filter(Boolean)]);
  // Presence, not counts: a word repeated in one passage is no stronger a sign.
  classifier.defineConfig({ considerOnlyPresence: true, smoothingFactor: SMOOTHING });
  return classifier;
}

/**
 * Trains the classifier on the examples; returns it as JSON (the form it is
 * cached and handed to workers in), or null when there is too little to
 * learn from: fewer than two tags, or fewer than ten distinct words.
 */
export function trainTagRanker(examples: TagExample[]): string | null {
  const classifier = newClassifier();
  const tags = new Set<string>();
  for (const example of examples) {
    const features = featuresOf(example.exact);
    if (!features) continue;
    for (const tagId of example.tagIds) {
      classifier.learn(features, tagId);
      tags.add(tagId);
    }
  }
  if (tags.size < 2) return null;
  try {
    classifier.consolidate();
  } catch {
    return null; // too few words to learn from
  }
  return classifier.exportJSON();
}

/**
 * The tags a trained model (trainTagRanker) makes likely for a passage, most
 * likely first; none when the passage shares no word with what it learned.
 */
export function rankTags(model: string, exact: string): RankedTag[] {
  const classifier = newClassifier();
  classifier.importJSON(model);
  classifier.consolidate();
  const features = featuresOf(exact);
  if (!features) return [];
  const odds = classifier.computeOdds(features);
  if (odds.length === 1 && odds[0]![1] === 0) return [];
  return odds.map(([tagId, log2Odds]) => ({ tagId, score: Math.round(1000 / (1 + 2 ** -log2Odds)) / 1000 }));
}
