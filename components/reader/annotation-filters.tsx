"use client";

import type { ReaderAnnotation } from "./use-annotations";

export interface AnnotationFilter {
  tagId: string;
  group: string;
  authorId: string;
  status: string;
  /** Only annotations with comments. */
  withComments: boolean;
  /** Only annotations linked to no event. */
  unlinked: boolean;
  /** Words in the quote or the note (any case). */
  text: string;
}

export const NO_FILTER: AnnotationFilter = {
  tagId: "",
  group: "",
  authorId: "",
  status: "",
  withComments: false,
  unlinked: false,
  text: "",
};

/** What the filters read beyond the annotation's summary. */
export interface FilterFacts {
  /** Its passage in the text. */
  quoteOf: (annotation: ReaderAnnotation) => string | undefined;
  /** Its links to events; null while they load (then it counts as unlinked: nothing is known to link it). */
  linksOf: (annotationId: string) => readonly unknown[] | null;
  /** The annotations whose note holds `text` (the server searches the notes: the page has them not). */
  noteMatches: ReadonlySet<string>;
}

/** Text matched as people expect: any case, any Unicode form. */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase();
}

export function matchesFilter(annotation: ReaderAnnotation, filter: AnnotationFilter, facts: FilterFacts): boolean {
  const text = foldText(filter.text.trim());
  return (
    (!filter.tagId || annotation.tags.some((tag) => tag.id === filter.tagId)) &&
    (!filter.group || annotation.tags.some((tag) => tag.group === filter.group)) &&
    (!filter.authorId || annotation.author.id === filter.authorId) &&
    (!filter.status || annotation.status === filter.status) &&
    (!filter.withComments || annotation.commentCount > 0) &&
    (!filter.unlinked || (facts.linksOf(annotation.id)?.length ?? 0) === 0) &&
    (!text || facts.noteMatches.has(annotation.id) || foldText(facts.quoteOf(annotation) ?? "").includes(text))
  );
}

function distinct<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Filters by tag, group, author and status; the options are those the annotations use. */
export function AnnotationFilters({
  annotations,
  filter,
  onChange,
}: {
  annotations: ReaderAnnotation[];
  filter: AnnotationFilter;
  onChange: (filter: AnnotationFilter) => void;
}) {
  const tags = distinct(
    annotations.flatMap((annotation) => annotation.tags),
    (tag) => tag.id,
  ).sort((a, b) => a.name.localeCompare(b.name));
  const groups = [...new Set(tags.map((tag) => tag.group))].sort();
  const authors = distinct(
    annotations.map((annotation) => annotation.author),
    (author) => author.id,
  ).sort((a, b) => a.name.localeCompare(b.name));
  const statuses = [...new Set(annotations.map((annotation) => annotation.status))];
  const active = Object.values(filter).some(Boolean);

  const select = "w-full rounded-md border border-stone-300 bg-white px-2 py-1 text-sm";
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> is min-content wide and would not shrink to a phone.
    <div className="grid grid-cols-2 gap-2" role="group" aria-label="Filter annotations">
      <select
        aria-label="Filter by tag"
        value={filter.tagId}
        onChange={(event) => onChange({ ...filter, tagId: event.target.value })}
        className={select}
      >
        <option value="">All tags</option>
        {tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by group"
        value={filter.group}
        onChange={(event) => onChange({ ...filter, group: event.target.value })}
        className={select}
      >
        <option value="">All groups</option>
        {groups.map((group) => (
          <option key={group}>{group}</option>
        ))}
      </select>
      <select
        aria-label="Filter by author"
        value={filter.authorId}
        onChange={(event) => onChange({ ...filter, authorId: event.target.value })}
        className={select}
      >
        <option value="">All authors</option>
        {authors.map((author) => (
          <option key={author.id} value={author.id}>
            {author.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by status"
        value={filter.status}
        onChange={(event) => onChange({ ...filter, status: event.target.value })}
        className={select}
      >
        <option value="">All statuses</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {status.charAt(0) + status.slice(1).toLowerCase()}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label="Filter by text in quote or note"
        placeholder="Text in quote or note"
        value={filter.text}
        onChange={(event) => onChange({ ...filter, text: event.target.value })}
        className={`${select} col-span-2`}
      />
      <label className="flex items-center gap-1.5 text-xs text-stone-700">
        <input
          type="checkbox"
          checked={filter.withComments}
          onChange={(event) => onChange({ ...filter, withComments: event.target.checked })}
        />
        With comments
      </label>
      <label className="flex items-center gap-1.5 text-xs text-stone-700">
        <input
          type="checkbox"
          checked={filter.unlinked}
          onChange={(event) => onChange({ ...filter, unlinked: event.target.checked })}
        />
        Not linked to an event
      </label>
      {active && (
        <button
          type="button"
          onClick={() => onChange(NO_FILTER)}
          className="col-span-2 justify-self-start text-xs text-indigo-700 hover:underline"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
