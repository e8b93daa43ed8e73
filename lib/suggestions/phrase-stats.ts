import type { TaggedPhrase } from "./phrases";

/** One annotation as the phrase suggester learns from it: its passage in lower case and its tags. */
export interface PhraseUse {
  phrase: string;
  tagIds: string[];
}

/**
 * What a project's annotations teach about phrases, packed into a few strings
 * and typed arrays: cached between requests and handed to a worker thread at
 * the cost of a copy of its bytes, where 50,000 little objects would each be
 * cloned.
 */
export interface PackedPhraseStats {
  /** Names this learning: a worker keeps what it derives from it for the next calls. */
  id: string;
  /** The phrases one after another; `lengths` cuts them apart. */
  phrases: string;
  lengths: Int32Array;
  /** How many annotations tag each phrase. */
  uses: Int32Array;
  /** For each phrase, "tagId count tagId count …" (tab-separated); one line per phrase. */
  tagCounts: string;
  /** For each phrase, the tags at least half of its annotations carry, "tagId tagId …"; one line per phrase. */
  halfTags: string;
}

/** Tag ids (no tab, no line break) are packed into lines of fields. */
const FIELD = "\t";
const LINE = "\n";

type Stats = Map<string, { uses: number; tagCounts: Map<string, number> }>;

function count(uses: readonly PhraseUse[], into: Stats = new Map()): Stats {
  for (const { phrase, tagIds } of uses) {
    const stats = into.get(phrase) ?? { uses: 0, tagCounts: new Map<string, number>() };
    stats.uses++;
    for (const tagId of new Set(tagIds)) stats.tagCounts.set(tagId, (stats.tagCounts.get(tagId) ?? 0) + 1);
    into.set(phrase, stats);
  }
  return into;
}

/** The statistics of `uses`, packed. */
export function packPhraseStats(uses: readonly PhraseUse[], id = ""): PackedPhraseStats {
  const stats = count(uses);
  const lengths = new Int32Array(stats.size);
  const useCounts = new Int32Array(stats.size);
  const tagLines: string[] = [];
  const halfLines: string[] = [];
  let index = 0;
  for (const [phrase, { uses: used, tagCounts }] of stats) {
    lengths[index] = phrase.length;
    useCounts[index++] = used;
    tagLines.push([...tagCounts].flat().join(FIELD));
    halfLines.push(tagsOfHalf(used, tagCounts).join(FIELD));
  }
  return {
    id,
    phrases: [...stats.keys()].join(""),
    lengths,
    uses: useCounts,
    tagCounts: tagLines.join(LINE),
    halfTags: halfLines.join(LINE),
  };
}

/** The tags at least half of a phrase's annotations carry, in order. */
function tagsOfHalf(uses: number, tagCounts: Map<string, number>): string[] {
  return [...tagCounts]
    .filter(([, tagged]) => tagged * 2 >= uses)
    .map(([tagId]) => tagId)
    .sort();
}

function countsOf(line: string): Map<string, number> {
  const pairs = line ? line.split(FIELD) : [];
  const counts = new Map<string, number>();
  for (let pair = 0; pair < pairs.length; pair += 2) counts.set(pairs[pair]!, Number(pairs[pair + 1]));
  return counts;
}

/**
 * The learned (packed) phrases to look for, each with the tags of
 * `liveTagIds` that at least half of its annotations carry; a phrase left
 * with no such tag is not proposed. Those tagged since: recountedPhrases.
 */
export function taggedPhrasesOf(learned: PackedPhraseStats, liveTagIds: readonly string[]): TaggedPhrase[] {
  const live = new Set(liveTagIds);
  const phrases: TaggedPhrase[] = [];
  const halfLines = learned.halfTags.split(LINE);
  let at = 0;
  for (let index = 0; index < learned.lengths.length; index++) {
    const phrase = learned.phrases.slice(at, at + learned.lengths[index]!);
    at += learned.lengths[index]!;
    const tagIds = (halfLines[index] ? halfLines[index]!.split(FIELD) : []).filter((tagId) => live.has(tagId));
    if (tagIds.length > 0) phrases.push({ phrase, uses: learned.uses[index]!, tagIds });
  }
  return phrases;
}

/** What a worker derives once from a learning: the phrases to look for, and where each learned phrase is packed. */
export interface UnpackedPhrases {
  phrases: TaggedPhrase[];
  positions: Map<string, number>;
  countLines: string[];
}

export function unpackPhrases(learned: PackedPhraseStats, liveTagIds: readonly string[]): UnpackedPhrases {
  const positions = new Map<string, number>();
  let at = 0;
  for (let index = 0; index < learned.lengths.length; index++) {
    positions.set(learned.phrases.slice(at, at + learned.lengths[index]!), index);
    at += learned.lengths[index]!;
  }
  return { phrases: taggedPhrasesOf(learned, liveTagIds), positions, countLines: learned.tagCounts.split(LINE) };
}

/**
 * The phrases tagged since the learning, counted with what was learned of
 * them, each with the live tags at least half of its annotations carry (none:
 * no longer proposed).
 */
export function recountedPhrases(
  learned: PackedPhraseStats,
  unpacked: UnpackedPhrases,
  recent: readonly PhraseUse[],
  liveTagIds: readonly string[],
): TaggedPhrase[] {
  const live = new Set(liveTagIds);
  return [...count(recent)].map(([phrase, since]) => {
    const position = unpacked.positions.get(phrase);
    const tagCounts = position === undefined ? new Map<string, number>() : countsOf(unpacked.countLines[position]!);
    for (const [tagId, tagged] of since.tagCounts) tagCounts.set(tagId, (tagCounts.get(tagId) ?? 0) + tagged);
    const uses = (position === undefined ? 0 : learned.uses[position]!) + since.uses;
    return { phrase, uses, tagIds: tagsOfHalf(uses, tagCounts).filter((tagId) => live.has(tagId)) };
  });
}
