import pluralize from "pluralize";

/**
 * The figures a claim states: "about 60 Taliban fighters were injured" holds
 * 60, approximate, counting the injured. Claims of one event whose figures of
 * the same measure cannot both be true are pointed out (lib/contradictions.ts).
 * English wording; a text in another script simply yields no figure.
 */
export interface Figure {
  /** The figure as the text words it: "about 60", "65", "hundreds". */
  text: string;
  /** The number stated (for "hundreds", the least it can mean). */
  value: number;
  /** The range of counts the wording allows: "about 60" allows 51–69, "at least 60" any count from 60. */
  low: number;
  high: number;
  approximate: boolean;
  /** What is counted: an outcome ("dead", "injured") or the counted noun in the singular ("district"). */
  measure: string;
}

const NUMBER_WORD =
  "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|" +
  "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|a hundred|a thousand)";
const DIGIT_WORD = "(?:one|two|three|four|five|six|seven|eight|nine)";
const SPELLED = `${NUMBER_WORD}(?:[- ]${DIGIT_WORD})?(?:\\s+(?:hundred|thousand|million))?`;
const DIGITS = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
const VAGUE = "tens of thousands|dozens|scores|hundreds|thousands|millions";
const QUALIFIER =
  "about|around|approximately|roughly|some|an estimated|estimated|nearly|almost|up to|as many as|more than|over|" +
  "at least|fewer than|less than|under";

/**
 * The core of a figure: digits, spelled-out numbers or a vague plural ("hundreds"). A simple pattern finds the
 * candidates quickly; the words around each (a qualifier before, a scale after) are read from its neighbourhood.
 */
const FIGURE_CORE = new RegExp(`(?<digits>${DIGITS})|\\b(?:(?<spelled>${SPELLED})|(?<vague>${VAGUE}))\\b`, "gi");
/** A figure's core is a number of its own: not part of a word, an amount, a time, a fraction or a percentage. */
const GLUED_BEFORE = /[\w#$£€.,:/-]$/;
const GLUED_AFTER = /^(?:[\w%:/-]|[.,]\d)/;
const QUALIFIER_BEFORE = new RegExp(`\\b(${QUALIFIER})\\s+(?:the\\s+)?$`, "i");
const SCALE_AFTER = /^\s+(hundred|thousand|million|billion)\b/i;

const VAGUE_RANGE: Record<string, [number, number]> = {
  dozens: [24, 99],
  scores: [40, 199],
  hundreds: [200, 999],
  thousands: [2_000, 9_999],
  "tens of thousands": [20_000, 99_999],
  millions: [2_000_000, 999_999_999],
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

/** How a qualifier widens a stated number into the counts it allows. */
function rangeOf(qualifier: string | undefined, value: number): [number, number] {
  switch (qualifier?.toLowerCase()) {
    case undefined:
      return [value, value];
    case "more than":
    case "over":
    case "at least":
      return [value, Number.POSITIVE_INFINITY];
    case "fewer than":
    case "less than":
    case "under":
      return [0, value];
    case "nearly":
    case "almost":
    case "up to":
    case "as many as":
      return [Math.floor(value * 0.8), value];
    default:
      return [Math.floor(value * 0.85), Math.ceil(value * 1.15)];
  }
}

/** Words that say what happened to those counted: the measure a figure counts when the clause has one. */
const OUTCOMES = new Map(
  Object.entries({
    dead: "dead killed died death deaths fatalities lives perished slain",
    injured: "injured wounded hurt injuries hospitalised hospitalized",
    missing: "missing",
    detained: "arrested detained captive captives prisoner prisoners",
    displaced: "displaced homeless evacuated fled refugees",
  }).flatMap(([outcome, words]) => words.split(" ").map((word) => [word, outcome] as const)),
);
const TIME_UNITS = /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|times|percent)$/i;
/** Words between a number and what it counts that are not the counted noun. */
const SKIPPED = /^(?:of|the|more|other|additional|further|new|local|armed|suspected|confirmed|reported|people's)$/i;
/** Words that end the search for a counted noun: verbs and function words ("Route 66 was closed" counts nothing). */
const NOT_COUNTED = new RegExp(
  "^(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|can|could|may|might|must|shall|should|" +
    "said|says|each|every|per|a|an|and|or|but|in|on|at|to|for|from|by|with|than|that|this|these|those|it|its|" +
    "near|after|before|during|since|until|into|across|against|between|within|" +
    "they|them|we|us|you|he|him|she|her|which|who|whom)$",
  "i",
);

function outcomeOf(word: string): string | null {
  return OUTCOMES.get(word.toLowerCase()) ?? null;
}

/** What the first outcome word of a clause says happened: "dead" for "were killed". */
function clauseOutcome(clause: string): string | null {
  for (const [word] of clause.matchAll(WORD)) {
    const outcome = outcomeOf(word);
    if (outcome) return outcome;
  }
  return null;
}

/** A quick look for anything FIGURE could match: most claims hold no figure. */
const MAY_HOLD_FIGURE = new RegExp(
  `\\d|\\b(?:${NUMBER_WORD.slice(3, -1)}|dozens|scores|hundreds|thousands|millions)\\b`,
  "i",
);

const MONTH_BEFORE = new RegExp(
  "\\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" +
    "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?\\s*$",
  "i",
);
/** A capitalised word right before a number that does not start its clause: the number is part of a name. */
const NAME_BEFORE = /\S\s+\p{Lu}[\p{L}-]*\s+$/u;
const WORD = /[\p{L}\p{M}'’-]+/gu;
/** Titles and months written short: their full stop ends no sentence and no clause ("Sept. 24", "Dr. Ali"). */
export const ABBREVIATIONS =
  "Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs";
/** A clause ends at a full stop (not one of an abbreviation or an initial: "a.m.", "U.S."), a colon, a bracket… */
const CLAUSE_END = new RegExp(
  `(?<!(?<![\\p{L}\\p{M}])(?:${ABBREVIATIONS}|\\p{L}))\\.(?!\\d)|:(?!\\d)|[;!?\\n()[\\]"“”]|` +
    ",\\s+(?:while|but|whereas|and|as)\\b|\\s(?:while|whereas)\\s",
  "giu",
);

function clauses(text: string): string[] {
  return text.split(CLAUSE_END).filter((clause) => clause !== undefined && clause.trim() !== "");
}

const UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** "sixty-five" → 65, "a dozen" → 12, "three hundred" → 300: the words FIGURE's SPELLED matches. */
function spelledValue(words: string): number {
  let total = 0;
  for (const word of words.toLowerCase().split(/[\s-]+/)) {
    if (word === "a") total = 1;
    else if (word === "dozen") total *= 12;
    else if (word in SCALES) total = Math.max(total, 1) * SCALES[word]!;
    else if (UNITS.includes(word)) total += UNITS.indexOf(word);
    else total += TENS.indexOf(word) * 10;
  }
  return total;
}

/** The counted noun after a figure: the first lowercase word not a filler ("60 Taliban fighters" → "fighters"). */
function countedNoun(after: string): string | null {
  let seen = 0;
  for (const [word] of after.matchAll(WORD)) {
    if (++seen > 4) break;
    if (SKIPPED.test(word)) continue;
    if (NOT_COUNTED.test(word)) return null;
    if (TIME_UNITS.test(word)) return word.toLowerCase(); // "Two Decades of war" is a duration, in any case
    if (word[0] !== word[0]!.toLowerCase()) continue; // a name: "Taliban" in "60 Taliban fighters"
    return word.toLowerCase();
  }
  return null;
}

/** The plural noun a vague figure counts when it comes before it: "losing fighters by the hundreds". */
function nounBefore(before: string): string | null {
  const words = [...before.matchAll(WORD)]
    .map(([word]) => word)
    .slice(-4)
    .reverse();
  return (
    words.find((word) => word === word.toLowerCase() && pluralize.isPlural(word) && !NOT_COUNTED.test(word)) ?? null
  );
}

/** The figures of `text`, in reading order. Dates, years, durations and bare numbers are not figures. */
export function figuresIn(text: string): Figure[] {
  const figures: Figure[] = [];
  if (!MAY_HOLD_FIGURE.test(text)) return figures;
  for (const clause of clauses(text)) {
    let outcome: string | null | undefined;
    for (const match of clause.matchAll(FIGURE_CORE)) {
      const { digits, spelled, vague } = match.groups as Record<string, string | undefined>;
      let before = clause.slice(Math.max(0, match.index - 40), match.index);
      let after = clause.slice(match.index + match[0].length);
      if (GLUED_BEFORE.test(before) || GLUED_AFTER.test(after)) continue;
      if (MONTH_BEFORE.test(before.slice(-12))) continue; // "August 20"
      const qualifier = QUALIFIER_BEFORE.exec(before);
      if (!qualifier && NAME_BEFORE.test(before)) continue; // "Route 66", "Flight 370"
      if (qualifier) before = before.slice(0, qualifier.index);
      const scale = digits ? SCALE_AFTER.exec(after) : null;
      if (scale) after = after.slice(scale[0].length);
      let value: number;
      let range: [number, number];
      if (vague) {
        range = VAGUE_RANGE[vague.toLowerCase()]!;
        value = range[0];
      } else {
        const multiplier = scale ? SCALES[scale[1]!.toLowerCase()]! : 1;
        value = digits ? Number(digits.replaceAll(",", "")) * multiplier : spelledValue(spelled!);
        range = rangeOf(qualifier?.[1], value);
      }
      const text = [qualifier?.[1], match[0], scale?.[1]].filter(Boolean).join(" ");
      // What it counts follows it directly: "20, 2021 the group" counts nothing.
      after = after.split(/[,\d&]/)[0]!;
      const noun = countedNoun(after) ?? (vague ? nounBefore(before) : null);
      if (noun === null || TIME_UNITS.test(noun)) continue;
      if (digits && !scaleOrNoun(noun) && value >= 1900 && value <= 2100) continue; // a year
      outcome ??= clauseOutcome(clause);
      const measure = outcomeOf(noun) ?? outcome ?? pluralize.singular(noun);
      figures.push({
        text,
        value,
        low: range[0],
        high: range[1],
        approximate: Boolean(vague) || (qualifier !== null && range[0] !== range[1]),
        measure,
      });
    }
  }
  return figures;
}

/** Whether a word after a four-digit number makes it a count rather than a year ("2021 people" but "in 2021 the"). */
function scaleOrNoun(noun: string): boolean {
  return pluralize.isPlural(noun) && pluralize.singular(noun) !== noun;
}

/** Whether two figures can both be true: their ranges overlap. */
export function figuresAgree(a: Figure, b: Figure): boolean {
  return a.low <= b.high && b.low <= a.high;
}
