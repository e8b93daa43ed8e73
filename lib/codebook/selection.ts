/** A codebook tag as pickers see it: which group it belongs to and how many of that group's tags may be chosen. */
interface PickableTag {
  id: string;
  group: { id: string; choice: "single" | "multiple" };
}

/**
 * The chosen tags after `tagId` is pressed: taken off if chosen; otherwise
 * added, and in a single-choice group it replaces the group's other tag, as
 * a radio button does.
 */
export function toggleTag(codebook: PickableTag[], chosenIds: string[], tagId: string): string[] {
  if (chosenIds.includes(tagId)) return chosenIds.filter((id) => id !== tagId);
  const group = codebook.find((tag) => tag.id === tagId)?.group;
  if (group?.choice !== "single") return [...chosenIds, tagId];
  const sameGroup = new Set(codebook.filter((tag) => tag.group.id === group.id).map((tag) => tag.id));
  return [...chosenIds.filter((id) => !sameGroup.has(id)), tagId];
}
