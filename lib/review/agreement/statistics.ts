/**
 * Agreement statistics of content analysis, pure functions.
 *
 * A reliability data set is a list of units; each unit holds the values the
 * coders gave it (`null` where a coder gave none). Values are compared as
 * nominal categories.
 */
export type Value = string | number;
export type Unit = (Value | null)[];

export interface Agreement {
  /** Units that count (for kappa: coded by both; for alpha: by at least two coders). */
  units: number;
  /** Share of agreeing pairs of values among those units (0–1). */
  observed: number | null;
}

/**
 * Cohen's kappa for two coders: (pₒ − pₑ) / (1 − pₑ), pₑ from each coder's own
 * category frequencies. Units either coder left empty are left out. Null when
 * there is nothing to measure, or when chance agreement is total (pₑ = 1).
 */
export function cohensKappa(units: Unit[]): Agreement & { kappa: number | null } {
  const pairs = units.filter(
    (unit): unit is [Value, Value] => unit.length === 2 && unit[0] !== null && unit[1] !== null,
  );
  return pairsKappa(
    pairs,
    (pair) => pair[0],
    (pair) => pair[1],
  );
}

/**
 * cohensKappa of units both coders coded, given as any items and each
 * coder's value of one: no list of pairs of values is made (a million units
 * would make a million).
 */
export function pairsKappa<Item>(
  items: readonly Item[],
  firstOf: (item: Item) => Value,
  secondOf: (item: Item) => Value,
): Agreement & { kappa: number | null } {
  const n = items.length;
  if (n === 0) return { units: 0, observed: null, kappa: null };
  let agreeing = 0;
  const first = new Map<Value, number>();
  const second = new Map<Value, number>();
  for (const item of items) {
    const a = firstOf(item);
    const b = secondOf(item);
    if (a === b) agreeing++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agreeing / n;
  let expected = 0;
  for (const [category, count] of first) expected += (count / n) * ((second.get(category) ?? 0) / n);
  return { units: n, observed, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values
 * allowed: 1 − Dₒ/Dₑ computed from the coincidence matrix (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability"). Units with fewer than two
 * values are not pairable and are left out. Null when there is no variation.
 */
export function krippendorffsAlpha(units: Unit[]): Agreement & { alpha: number | null } {
  const coincidences = new Map<Value, Map<Value, number>>();
  const add = (c: Value, k: Value, weight: number) => {
    const row = coincidences.get(c) ?? new Map<Value, number>();
    row.set(k, (row.get(k) ?? 0) + weight);
    coincidences.set(c, row);
  };
  let pairable = 0;
  for (const unit of units) {
    const values = unit.filter((value): value is Value => value !== null);
    const m = values.length;
    if (m < 2) continue;
    pairable++;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const totals = new Map<Value, number>();
  let n = 0;
  let agreeing = 0;
  for (const [c, row] of coincidences) {
    for (const [k, weight] of row) {
      totals.set(c, (totals.get(c) ?? 0) + weight);
      n += weight;
      if (c === k) agreeing += weight;
    }
  }
  if (n === 0) return { units: 0, observed: null, alpha: null };
  const observedDisagreement = n - agreeing;
  let expectedDisagreement = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expectedDisagreement += nc * nk;
  const alpha = expectedDisagreement === 0 ? null : 1 - ((n - 1) * observedDisagreement) / expectedDisagreement;
  return { units: pairable, observed: agreeing / n, alpha };
}
