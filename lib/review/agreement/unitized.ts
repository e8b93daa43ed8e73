/**
 * Krippendorff's unitized alpha (uα): agreement on where units begin and end
 * on a continuum and which category they carry, so differing boundaries and
 * passages only some coders marked count, not only the passages all marked.
 * Formulas of Krippendorff, "Content Analysis" (2nd ed., 2004, §11.6), the
 * same as in "Measuring the reliability of qualitative text analysis data"
 * (Quality & Quantity 38, 2004). Pure functions; positions are integers.
 */

/** One coder's unit of one category: [start, end) on the continuum [0, length). */
export interface CodedSegment {
  coder: number;
  start: number;
  end: number;
  category: string;
}

/** A stretch of one coder's tiling of the continuum for one category: a unit of it or the gap between two. */
export interface Section {
  start: number;
  length: number;
  unit: boolean;
}

export interface CategoryDisagreement {
  category: string;
  observed: number;
  expected: number;
  /** 1 − observed / expected; null when nobody used the category (nothing to compare). */
  alpha: number | null;
}

/**
 * The squared distance δ² of two sections of different coders: for two
 * overlapping units, the squared differences of their beginnings and of their
 * ends; for a unit lying inside the other coder's gap, its length squared;
 * otherwise 0.
 */
export function sectionDistance(a: Section, b: Section): number {
  const beginDifference = a.start - b.start;
  const endDifference = a.start + a.length - (b.start + b.length);
  if (a.unit && b.unit)
    return -a.length < beginDifference && beginDifference < b.length ? beginDifference ** 2 + endDifference ** 2 : 0;
  if (a.unit && !b.unit) return beginDifference >= 0 && endDifference <= 0 ? a.length ** 2 : 0;
  if (!a.unit && b.unit) return beginDifference <= 0 && endDifference >= 0 ? b.length ** 2 : 0;
  return 0;
}

/**
 * One coder's units of a category in order, with the gaps between them, tiling
 * [0, length). A coder's overlapping units of one category are joined (uα
 * assumes a coder does not mark the same category twice at once); adjacent
 * ones stay two units.
 */
export function sectionsOf(segments: { start: number; end: number }[], length: number): Section[] {
  // Clamped to the continuum, empty ones left out, in order of start (stable; most come in order already, and are not
  // sorted again).
  const starts = new Float64Array(segments.length);
  const ends = new Float64Array(segments.length);
  let count = 0;
  let inOrder = true;
  for (const segment of segments) {
    const start = Math.max(0, segment.start);
    const end = Math.min(length, segment.end);
    if (end <= start) continue;
    if (count > 0 && start < starts[count - 1]!) inOrder = false;
    starts[count] = start;
    ends[count] = end;
    count++;
  }
  const order = Array.from({ length: count }, (_, index) => index);
  if (!inOrder) order.sort((a, b) => starts[a]! - starts[b]! || a - b);
  const sections: Section[] = [];
  let position = 0;
  const close = (start: number, end: number) => {
    if (start > position) sections.push({ start: position, length: start - position, unit: false });
    sections.push({ start, length: end - start, unit: true });
    position = end;
  };
  let unitStart = -1;
  let unitEnd = -1;
  for (const index of order) {
    const start = starts[index]!;
    const end = ends[index]!;
    if (unitStart >= 0 && start < unitEnd) unitEnd = Math.max(unitEnd, end);
    else {
      if (unitStart >= 0) close(unitStart, unitEnd);
      unitStart = start;
      unitEnd = end;
    }
  }
  if (unitStart >= 0) close(unitStart, unitEnd);
  if (position < length) sections.push({ start: position, length: length - position, unit: false });
  return sections;
}

/** Σ δ² over the overlapping sections of two coders' tilings (a merge walk: each overlapping pair once). */
function pairDistance(first: Section[], second: Section[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const a = first[i]!;
    const b = second[j]!;
    total += sectionDistance(a, b);
    const endA = a.start + a.length;
    const endB = b.start + b.length;
    if (endA <= endB) i++;
    if (endB <= endA) j++;
  }
  return total;
}

/**
 * Observed and expected disagreement on one category, m coders, continuum of
 * length L:
 *   Dₒ = Σ_{i≠j} Σ_g Σ_h δ²(ig, jh) / (m(m−1)L²)
 *   Dₑ = (2/L) Σ_units [ (N−1)/3 · (2l³ − 3l² + l) + l² Σ_gaps max(0, l_gap − l + 1) ]
 *        / (mL(mL−1) − Σ_units l(l−1))
 * where N is the number of units of the category over all coders and the gaps
 * are every coder's.
 */
export function categoryDisagreement(
  segments: CodedSegment[],
  category: string,
  coders: number,
  length: number,
): CategoryDisagreement {
  const byCoder = Array.from({ length: coders }, (): CodedSegment[] => []);
  for (const segment of segments) if (segment.category === category) byCoder[segment.coder]?.push(segment);
  const tilings = byCoder.map((own) => sectionsOf(own, length));
  let distances = 0;
  for (let i = 0; i < coders; i++)
    for (let j = i + 1; j < coders; j++) distances += 2 * pairDistance(tilings[i]!, tilings[j]!);
  const observed = distances / (coders * (coders - 1) * length ** 2);

  const units: number[] = [];
  const gapLengths: number[] = [];
  for (const tiling of tilings) for (const section of tiling) (section.unit ? units : gapLengths).push(section.length);
  if (units.length === 0) return { category, observed, expected: 0, alpha: null };
  const gaps = Float64Array.from(gapLengths).sort();
  // Suffix sums let each unit sum the gaps at least as long as itself with one binary search.
  const gapsFrom = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) gapsFrom[k] = gapsFrom[k + 1]! + gaps[k]!;
  const firstGapAtLeast = (l: number) => {
    let low = 0;
    let high = gaps.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (gaps[middle]! >= l) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  let numerator = 0;
  let withinUnits = 0;
  for (const l of units) {
    const k = firstGapAtLeast(l);
    const gapRoom = gapsFrom[k]! - (gaps.length - k) * (l - 1);
    numerator += ((units.length - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * gapRoom;
    withinUnits += l * (l - 1);
  }
  const pooled = coders * length;
  const expected = ((2 / length) * numerator) / (pooled * (pooled - 1) - withinUnits);
  return { category, observed, expected, alpha: expected === 0 ? null : 1 - observed / expected };
}

/**
 * uα over several categories at once (a codebook group): 1 − ΣDₒ / ΣDₑ, as
 * Krippendorff combines categories; with each category's own figures.
 */
export function unitizedAlpha(
  segments: CodedSegment[],
  categories: string[],
  coders: number,
  length: number,
): { alpha: number | null; categories: CategoryDisagreement[] } {
  const figures =
    length > 0 && coders >= 2
      ? categories.map((category) => categoryDisagreement(segments, category, coders, length))
      : [];
  const observed = figures.reduce((sum, figure) => sum + figure.observed, 0);
  const expected = figures.reduce((sum, figure) => sum + figure.expected, 0);
  return { alpha: expected === 0 ? null : 1 - observed / expected, categories: figures };
}
