/**
 * What a decision on an adjudication unit would overturn: a version an editor
 * already accepted (approved) that it rejects, or whose tags it replaces. Pure,
 * so that the adjudication page asks first with the very words the server
 * refuses with.
 */
export interface DecidedVersion {
  id: string;
  status: string;
  authorName: string;
  /** The version's tags, by id and by name (a decision may name tags either way). */
  tags: { id: string; name: string }[];
}

export interface Overturn {
  annotationId: string;
  author: string;
  change: "rejected" | "retagged";
  /** In words, e.g. "Ann's accepted version will be rejected." */
  message: string;
}

function sameTags(current: DecidedVersion["tags"], refs: string[]): boolean {
  const matches = (ref: string) =>
    current.find((tag) => tag.id === ref || tag.name.toLowerCase() === ref.toLowerCase())?.id;
  const named = new Set(refs.map(matches));
  return !named.has(undefined) && named.size === current.length;
}

/** The accepted versions the decision (accept `accept`, with `tags` if given) would undo; none for a fresh unit. */
export function overturnsOf(versions: DecidedVersion[], accept: string, tags?: string[]): Overturn[] {
  return versions.flatMap((version): Overturn[] => {
    if (version.status !== "APPROVED") return [];
    const whose = `${version.authorName}'s accepted version`;
    if (version.id !== accept)
      return [
        {
          annotationId: version.id,
          author: version.authorName,
          change: "rejected",
          message: `${whose} will be rejected.`,
        },
      ];
    if (tags && !sameTags(version.tags, tags))
      return [
        {
          annotationId: version.id,
          author: version.authorName,
          change: "retagged",
          message: `${whose} will get other tags.`,
        },
      ];
    return [];
  });
}
