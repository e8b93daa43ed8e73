/**
 * The options of a filter's select and the one to show chosen: `chosen`
 * (from the address) matches a listed name in any case, as the API's
 * filters do; one that is not listed is added, so that the filter in force
 * stays visible (and kept on the next search) rather than silently dropped.
 */
export function filterChoices(listed: string[], chosen: string | undefined): { options: string[]; value: string } {
  if (!chosen) return { options: listed, value: "" };
  const match = listed.find((name) => name.toLowerCase() === chosen.toLowerCase());
  return match ? { options: listed, value: match } : { options: [...listed, chosen], value: chosen };
}
