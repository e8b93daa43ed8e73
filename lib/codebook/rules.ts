import { unprocessable } from "@/lib/errors";
import type { AnnotationStatus, TagGroupChoice } from "@/lib/generated/prisma/enums";

/** A codebook group's rules: how many of its tags an annotation may carry, and whether it needs one. */
export interface GroupRules {
  id: string;
  name: string;
  choice: TagGroupChoice;
  required: boolean;
}

/** A tag as the rules see it: its name and its group's rules. */
export interface RuledTag {
  id: string;
  name: string;
  group: GroupRules;
}

/** A single-choice group of which an annotation carries more than one tag. */
export interface ChoiceClash {
  group: { id: string; name: string };
  tags: string[];
}

/** The statuses an annotation reaches only with every required group tagged. */
const NEEDS_REQUIRED_GROUPS: ReadonlySet<AnnotationStatus> = new Set(["SUBMITTED", "APPROVED"]);

/** The single-choice groups of which `tags` hold more than one, with those tags' names, in the tags' order. */
export function choiceClashes(tags: RuledTag[]): ChoiceClash[] {
  const byGroup = new Map<string, ChoiceClash>();
  for (const tag of tags) {
    if (tag.group.choice !== "single") continue;
    const clash = byGroup.get(tag.group.id) ?? { group: { id: tag.group.id, name: tag.group.name }, tags: [] };
    clash.tags.push(tag.name);
    byGroup.set(tag.group.id, clash);
  }
  return [...byGroup.values()].filter((clash) => clash.tags.length > 1);
}

/** The required groups among `groups` of which `tags` hold none. */
export function missingRequiredGroups(tags: RuledTag[], groups: GroupRules[]): GroupRules[] {
  const tagged = new Set(tags.map((tag) => tag.group.id));
  return groups.filter((group) => group.required && !tagged.has(group.id));
}

const quoted = (names: string[]) => names.map((name) => `'${name}'`).join(", ");

/** The words of a 422 for `clashes`: which group, which tags. */
export function describeClashes(clashes: ChoiceClash[]): string {
  return clashes
    .map((clash) => `the group '${clash.group.name}' allows one tag, not ${clash.tags.length}: ${quoted(clash.tags)}`)
    .join("; ");
}

/** The words of a 422 for required groups left untagged. */
export function describeMissing(missing: { name: string }[]): string {
  return `a tag of the required group${missing.length > 1 ? "s" : ""} ${quoted(missing.map((group) => group.name))}`;
}

/**
 * 422 unless `tags` keep the codebook's rules for an annotation that is to be
 * `status`: never two tags of a single-choice group; and, to be submitted or
 * approved, a tag of each required group of `groups` (drafts may lack them).
 */
export function assertKeepsRules(tags: RuledTag[], groups: GroupRules[], status: AnnotationStatus): void {
  const clashes = choiceClashes(tags);
  if (clashes.length > 0)
    throw unprocessable(`Too many tags: ${describeClashes(clashes)}. Keep one.`, { rule: "single", clashes });
  if (!NEEDS_REQUIRED_GROUPS.has(status)) return;
  const missing = missingRequiredGroups(tags, groups);
  if (missing.length > 0)
    throw unprocessable(
      `An annotation needs ${describeMissing(missing)} before it is ` +
        `${status === "APPROVED" ? "approved" : "submitted"}.`,
      { rule: "required", missing: missing.map(({ id, name }) => ({ id, name })) },
    );
}
