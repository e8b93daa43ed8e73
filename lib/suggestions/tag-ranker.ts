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
 * Trains the classifier on the examples; null when there is too little to
 * learn from: fewer than two tags, or fewer than ten distinct words.
 */
export function trainTagRanker(examples: TagExample[]): NaiveBayesTextClassifier | null {
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
  return classifier;
}

/**
 * The tags a trained classifier (trainTagRanker) makes likely for a passage,
 * most likely first; none when the passage shares no word with what it learned.
 */
export function rankTags(classifier: NaiveBayesTextClassifier, exact: string): RankedTag[] {
  const features = featuresOf(exact);
  if (!features) return [];
  const odds = classifier.computeOdds(features);
  if (odds.length === 1 && odds[0]![1] === 0) return [];
  return odds.map(([tagId, log2Odds]) => ({ tagId, score: Math.round(1000 / (1 + 2 ** -log2Odds)) / 1000 }));
}

export interface RankRequest {
  /** Whose annotations taught the classifier: a project and a visibility (all, or one blind reviewer's). */
  scope: string;
  /** What those annotations were when it learned (changed: it learns again). */
  version: string;
  exact: string;
  /** The annotations to learn from, sent when the thread asked for them. */
  examples?: TagExample[];
}

/**
 * Classifiers this thread trained, by scope, most recently used last. Kept
 * live, not serialised: parsing a large one back takes longer than ranking
 * with it thousands of times.
 */
const trained = new Map<string, { version: string; classifier: NaiveBayesTextClassifier | null }>();
/** Classifiers kept by one thread: the projects being coded now, within a worker's heap. */
const MAX_KEPT = 8;

/**
 * Ranks the tags for a passage with the classifier of `scope` at `version`,
 * trained from `examples` if this thread has none: "untrained" when it has
 * none and no examples came (the caller sends them and asks again).
 */
export function rankForScope({ scope, version, exact, examples }: RankRequest): RankedTag[] | "untrained" {
  let kept = trained.get(scope);
  if (kept?.version !== version) {
    if (!examples) return "untrained";
    kept = { version, classifier: trainTagRanker(examples) };
  }
  trained.delete(scope);
  trained.set(scope, kept);
  for (const oldest of trained.keys()) {
    if (trained.size <= MAX_KEPT) break;
    trained.delete(oldest);
  }
  return kept.classifier ? rankTags(kept.classifier, exact) : [];
}
