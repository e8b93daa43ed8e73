/**
 * Omission, one definition for the comparison, the event page and every
 * report: a source (an article, or an outlet) omits an event when none of its
 * claims that the reader may see is linked to the event. Pure, so that the
 * report workers use it too.
 */

/** The sources, in their given order, that report none of the event: `reporting` holds the keys of those that do. */
export function omittingSources<Source, Key>(
  sources: readonly Source[],
  reporting: ReadonlySet<Key>,
  keyOf: (source: Source) => Key,
): Source[] {
  return sources.filter((source) => !reporting.has(keyOf(source)));
}

/**
 * How many of the events each source omits, by the source's key; each event is given by the keys of the sources that
 * report it.
 */
export function omissionCounts<Key>(sourceKeys: readonly Key[], events: readonly ReadonlySet<Key>[]): Map<Key, number> {
  return new Map(sourceKeys.map((key) => [key, events.filter((reporting) => !reporting.has(key)).length]));
}
