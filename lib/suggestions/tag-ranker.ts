import createClassifier, { type NaiveBayesTextClassifier } from "wink-naive-bayes-text-classifier";

/**
 * Tag ranking: a naive Bayes text classifier (wink-naive-bayes-text-classifier)
 * learns from the project's tagged passages which tags their words go with,
 * then ranks the tags for a newly selected passage. The words of the passage
 * count, and (marked apart) the words just around it, as the annotation's
 * stored prefix and suffix hold them. An annotation with several tags is one
 * example of each.
 */
export interface TagExample {
  exact: string;
  prefix: string;
  suffix: string;
  tagIds: string[];
}

export type RankedPassage = Omit<TagExample, "tagIds">;

export interface RankedTag {
  tagId: string;
  /** 0–1: the classifier's probability of this tag against all the others. */
  score: number;
}

/** Marks a word of the context apart from the same word in the passage. */
const CONTEXT_MARK = "~";
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

/** The classifier's input: the passage's words, then its context's words marked. */
function featuresOf({ exact, prefix, suffix }: RankedPassage): string {
  const context = [...wordsOf(prefix), ...wordsOf(suffix)].map((word) => CONTEXT_MARK + word);
  return [...wordsOf(exact), ...context].join(" ");
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
    const features = featuresOf(example);
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
export function rankTags(model: string, passage: RankedPassage): RankedTag[] {
  const classifier = newClassifier();
  classifier.importJSON(model);
  classifier.consolidate();
  const features = featuresOf(passage);
  if (!features) return [];
  const odds = classifier.computeOdds(features);
  if (odds.length === 1 && odds[0]![1] === 0) return [];
  return odds.map(([tagId, log2Odds]) => ({ tagId, score: Math.round(1000 / (1 + 2 ** -log2Odds)) / 1000 }));
}
