import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { matchSpans } from "@/lib/review/agreement/units";
import { type AnnotationView, listArticleAnnotations, updateAnnotationsTogether } from "@/lib/annotations";
import { db } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import { requireArticlePermission } from "@/lib/permissions";
import { refuseUnconfirmedOverturn } from "@/lib/review/overturn";
import { parseInput, uuid } from "@/lib/validation";

export type UnitKind = "agreement" | "tags-differ" | "spans-differ" | "single";

export interface AdjudicationUnit {
  kind: UnitKind;
  /** One slot per coder, in the coders' order; null where that coder marked nothing here. */
  versions: (AnnotationView | null)[];
}

export interface Adjudication {
  coders: { id: string; name: string }[];
  units: AdjudicationUnit[];
  /** The codebook's single-choice groups by name: a merge keeps one tag of each (settleUnit's `keep`). */
  singleChoiceGroups: string[];
}

const tagKey = (annotation: AnnotationView) =>
  annotation.tags
    .map((tag) => tag.id)
    .sort()
    .join(",");

/**
 * The article's annotations by the reviewers who coded it, aligned by span
 * overlap: where they agree (same span, same tags), where the tags or the
 * boundaries differ, and spans only one of them marked (editors).
 */
export async function adjudicate(actor: Actor, articleId: string): Promise<Adjudication> {
  const { projectId } = await requireArticlePermission(actor, articleId, "annotation.review");
  const annotations = (await listArticleAnnotations(actor, articleId)).filter(
    (annotation) => annotation.anchor !== "orphaned",
  );
  const coders = [...new Map(annotations.map((annotation) => [annotation.author.id, annotation.author])).values()].sort(
    (a, b) => a.name.localeCompare(b.name),
  );
  const spans = annotations.map((annotation) => ({
    ...annotation,
    coder: coders.findIndex((coder) => coder.id === annotation.author.id),
  }));
  const units = matchSpans(spans, coders.length).map((members) => {
    const versions = members.map((member) => (member ? (({ coder: _coder, ...view }) => view)(member) : null));
    const present = versions.filter((version): version is AnnotationView => version !== null);
    const kind: UnitKind =
      present.length < 2
        ? "single"
        : present.some((version) => version.start !== present[0]!.start || version.end !== present[0]!.end)
          ? "spans-differ"
          : present.some((version) => tagKey(version) !== tagKey(present[0]!))
            ? "tags-differ"
            : "agreement";
    return { kind, versions };
  });
  const singleChoiceGroups = await db().tagGroup.findMany({
    where: { projectId, choice: "single" },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { name: true },
  });
  return { coders, units, singleChoiceGroups: singleChoiceGroups.map((group) => group.name) };
}

/** Why the versions adjudication did not accept are rejected. */
export const SETTLED_NOTE = "Another version was accepted in adjudication.";

const tagRef = z.string().min(1).max(200);

const settleInput = z
  .strictObject({
    /** The version to accept (approve): one of `versions`. */
    accept: uuid,
    /**
     * `accept` and the versions to reject (the unit's others; those already rejected may be left out to keep their
     * reasons), each with the version number the decision was made on.
     */
    versions: z
      .record(uuid, z.number().int().min(1).max(2_147_483_647))
      .refine((versions) => Object.keys(versions).length <= 50, "at most 50 versions"),
    /** The accepted version's tags instead of its own (merging the versions' tags): ids or names. */
    tags: z.array(tagRef).max(200).optional(),
    /**
     * With `tags`: for each single-choice group of which `tags` hold several, the one to keep (ids or names); the
     * group's others are left off. Without it such a merge is refused (422 naming the group and the tags).
     */
    keep: z.array(tagRef).max(200).optional(),
    /** Required to undo an accepted version (reject it, or give it other tags): else 409. */
    overturn: z.boolean().optional(),
  })
  .refine(({ accept, versions }) => accept in versions, {
    message: "accept must be one of the versions",
    path: ["accept"],
  });

/**
 * Settles one unit at once, all or nothing: the accepted version is approved
 * (with `tags`, if given), the other versions named rejected with
 * SETTLED_NOTE. updateAnnotationsTogether checks that the caller is an editor.
 */
export async function settleUnit(
  actor: Actor,
  articleId: string,
  input: unknown,
): Promise<{ accepted: AnnotationView; rejected: AnnotationView[] }> {
  const { accept, versions, tags: merged, keep, overturn } = parseInput(settleInput, input);
  const { projectId } = await requireArticlePermission(actor, articleId, "annotation.review");
  const tags = merged && keep ? await keepOnePerGroup(projectId, merged, keep) : merged;
  await refuseUnconfirmedOverturn(articleId, { accept, ids: Object.keys(versions), tags, overturn });
  const [accepted, ...rejected] = await updateAnnotationsTogether(actor, articleId, [
    { id: accept, version: versions[accept]!, changes: { status: "APPROVED", ...(tags ? { tags } : {}) } },
    ...Object.entries(versions)
      .filter(([id]) => id !== accept)
      .map(([id, version]) => ({ id, version, changes: { status: "REJECTED", reviewNote: SETTLED_NOTE } })),
  ]);
  return { accepted: accepted!, rejected };
}

/**
 * `tags` without the others of each group of which `keep` names a tag (refs are ids or names, as the API takes them);
 * 422 for a kept tag that is not among `tags`.
 */
async function keepOnePerGroup(projectId: string, tags: string[], keep: string[]): Promise<string[]> {
  const codebook = await db().tag.findMany({ where: { projectId }, select: { id: true, name: true, groupId: true } });
  const find = (ref: string) => codebook.find((tag) => tag.id === ref || tag.name === ref);
  const kept = new Map<string, string>();
  for (const ref of keep) {
    const tag = find(ref);
    if (!tag || !tags.some((other) => find(other)?.id === tag.id))
      throw unprocessable(`The tag to keep '${ref}' is not among the merged tags.`, { keep: ref });
    kept.set(tag.groupId, tag.id);
  }
  return tags.filter((ref) => {
    const tag = find(ref);
    return !tag || !kept.has(tag.groupId) || kept.get(tag.groupId) === tag.id;
  });
}
