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

/**
 * Why pressing `tagId` took another tag off: the single-choice group's name and
 * the tag it replaced, in words ("“verdict” takes one tag: “false” replaces
 * “accurate”."); null when it replaced nothing.
 */
export function replacementNotice(
  codebook: (PickableTag & { name: string; group: { name: string } })[],
  chosenIds: string[],
  tagId: string,
): string | null {
  if (chosenIds.includes(tagId)) return null;
  const pressed = codebook.find((tag) => tag.id === tagId);
  if (pressed?.group.choice !== "single") return null;
  const replaced = codebook.find((tag) => chosenIds.includes(tag.id) && tag.group.id === pressed.group.id);
  return replaced ? `“${pressed.group.name}” takes one tag: “${pressed.name}” replaces “${replaced.name}”.` : null;
}
