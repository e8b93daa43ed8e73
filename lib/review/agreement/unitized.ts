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
 * One coder's tiling of the continuum for one category as parallel lists (a
 * million spans make millions of sections: no object per section).
 */
interface Tiling {
  starts: Float64Array;
  lengths: Float64Array;
  isUnit: Uint8Array;
  count: number;
}

/** sectionDistance on the fields of two sections. */
function distanceOf(
  aStart: number,
  aLength: number,
  aUnit: boolean,
  bStart: number,
  bLength: number,
  bUnit: boolean,
): number {
  const beginDifference = aStart - bStart;
  const endDifference = aStart + aLength - (bStart + bLength);
  if (aUnit && bUnit)
    return -aLength < beginDifference && beginDifference < bLength ? beginDifference ** 2 + endDifference ** 2 : 0;
  if (aUnit && !bUnit) return beginDifference >= 0 && endDifference <= 0 ? aLength ** 2 : 0;
  if (!aUnit && bUnit) return beginDifference <= 0 && endDifference >= 0 ? bLength ** 2 : 0;
  return 0;
}

/**
 * The squared distance δ² of two sections of different coders: for two
 * overlapping units, the squared differences of their beginnings and of their
 * ends; for a unit lying inside the other coder's gap, its length squared;
 * otherwise 0.
 */
export function sectionDistance(a: Section, b: Section): number {
  return distanceOf(a.start, a.length, a.unit, b.start, b.length, b.unit);
}

/**
 * One coder's units of a category in order, with the gaps between them, tiling
 * [0, length). A coder's overlapping units of one category are joined (uα
 * assumes a coder does not mark the same category twice at once); adjacent
 * ones stay two units.
 */
export function sectionsOf(segments: { start: number; end: number }[], length: number): Section[] {
  const tiling = tilingOf(
    segments.map((segment) => segment.start),
    segments.map((segment) => segment.end),
    segments.length,
    length,
  );
  return Array.from({ length: tiling.count }, (_, index) => ({
    start: tiling.starts[index]!,
    length: tiling.lengths[index]!,
    unit: tiling.isUnit[index] === 1,
  }));
}

/** sectionsOf for segments given as lists of their starts and ends (the first `count`). */
function tilingOf(
  segmentStarts: ArrayLike<number>,
  segmentEnds: ArrayLike<number>,
  segmentCount: number,
  length: number,
): Tiling {
  // Clamped to the continuum, empty ones left out, in order of start (stable; most come in order already, and are not
  // sorted again).
  const starts = new Float64Array(segmentCount);
  const ends = new Float64Array(segmentCount);
  let count = 0;
  let inOrder = true;
  for (let index = 0; index < segmentCount; index++) {
    const start = Math.max(0, segmentStarts[index]!);
    const end = Math.min(length, segmentEnds[index]!);
    if (end <= start) continue;
    if (count > 0 && start < starts[count - 1]!) inOrder = false;
    starts[count] = start;
    ends[count] = end;
    count++;
  }
  let order: ArrayLike<number> | null = null;
  if (!inOrder)
    order = Array.from({ length: count }, (_, index) => index).sort((a, b) => starts[a]! - starts[b]! || a - b);
  // At most a gap before each unit, and one at the end.
  const tiling: Tiling = {
    starts: new Float64Array(2 * count + 1),
    lengths: new Float64Array(2 * count + 1),
    isUnit: new Uint8Array(2 * count + 1),
    count: 0,
  };
  const push = (start: number, sectionLength: number, isUnit: boolean) => {
    tiling.starts[tiling.count] = start;
    tiling.lengths[tiling.count] = sectionLength;
    tiling.isUnit[tiling.count] = isUnit ? 1 : 0;
    tiling.count++;
  };
  let position = 0;
  const close = (start: number, end: number) => {
    if (start > position) push(position, start - position, false);
    push(start, end - start, true);
    position = end;
  };
  let unitStart = -1;
  let unitEnd = -1;
  for (let at = 0; at < count; at++) {
    const index = order ? order[at]! : at;
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
  if (position < length) push(position, length - position, false);
  return tiling;
}

/** Σ δ² over the overlapping sections of two coders' tilings (a merge walk: each overlapping pair once). */
function pairDistance(first: Tiling, second: Tiling): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < first.count && j < second.count) {
    const aStart = first.starts[i]!;
    const aLength = first.lengths[i]!;
    const bStart = second.starts[j]!;
    const bLength = second.lengths[j]!;
    total += distanceOf(aStart, aLength, first.isUnit[i] === 1, bStart, bLength, second.isUnit[j] === 1);
    const endA = aStart + aLength;
    const endB = bStart + bLength;
    if (endA <= endB) i++;
    if (endB <= endA) j++;
  }
  return total;
}

/** One coder's segments of one category as lists of starts and ends, in the order given. */
export interface CoderSegments {
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
  count: number;
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
  const byCoder = Array.from({ length: coders }, (): { starts: number[]; ends: number[]; count: number } => ({
    starts: [],
    ends: [],
    count: 0,
  }));
  for (const segment of segments) {
    const own = segment.category === category ? byCoder[segment.coder] : undefined;
    if (!own) continue;
    own.starts.push(segment.start);
    own.ends.push(segment.end);
    own.count++;
  }
  return coderSegmentsDisagreement(byCoder, category, length);
}

/** categoryDisagreement of each coder's segments of the category (one entry per coder). */
export function coderSegmentsDisagreement(
  byCoder: CoderSegments[],
  category: string,
  length: number,
): CategoryDisagreement {
  const coders = byCoder.length;
  const tilings = byCoder.map((own) => tilingOf(own.starts, own.ends, own.count, length));
  let distances = 0;
  for (let i = 0; i < coders; i++)
    for (let j = i + 1; j < coders; j++) distances += 2 * pairDistance(tilings[i]!, tilings[j]!);
  const observed = distances / (coders * (coders - 1) * length ** 2);

  // Sections have whole lengths, and units are short: the gaps are counted and summed by length up to the longest
  // unit (longer ones count for every unit), so each unit length finds the gaps at least as long without a sort.
  let longestUnit = 0;
  for (const tiling of tilings)
    for (let index = 0; index < tiling.count; index++)
      if (tiling.isUnit[index]) longestUnit = Math.max(longestUnit, tiling.lengths[index]!);
  if (longestUnit === 0) return { category, observed, expected: 0, alpha: null };
  const unitsOfLength = new Float64Array(longestUnit + 1);
  const gapsOfLength = new Float64Array(longestUnit + 1);
  let unitCount = 0;
  let longGaps = 0;
  let longGapsSum = 0;
  for (const tiling of tilings)
    for (let index = 0; index < tiling.count; index++) {
      const sectionLength = tiling.lengths[index]!;
      if (tiling.isUnit[index]) {
        unitsOfLength[sectionLength]!++;
        unitCount++;
      } else if (sectionLength > longestUnit) {
        longGaps++;
        longGapsSum += sectionLength;
      } else gapsOfLength[sectionLength]!++;
    }
  let numerator = 0;
  let withinUnits = 0;
  let gapsAtLeast = longGaps;
  let gapsAtLeastSum = longGapsSum;
  for (let l = longestUnit; l >= 1; l--) {
    gapsAtLeast += gapsOfLength[l]!;
    gapsAtLeastSum += gapsOfLength[l]! * l;
    const units = unitsOfLength[l]!;
    if (units === 0) continue;
    const gapRoom = gapsAtLeastSum - gapsAtLeast * (l - 1);
    numerator += units * (((unitCount - 1) / 3) * (2 * l * l * l - 3 * l * l + l) + l * l * gapRoom);
    withinUnits += units * l * (l - 1);
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
