"use client";

import type { ReaderAnnotation } from "./use-annotations";

export interface AnnotationFilter {
  tagId: string;
  group: string;
  authorId: string;
  status: string;
}

export const NO_FILTER: AnnotationFilter = { tagId: "", group: "", authorId: "", status: "" };

export function matchesFilter(annotation: ReaderAnnotation, filter: AnnotationFilter): boolean {
  return (
    (!filter.tagId || annotation.tags.some((tag) => tag.id === filter.tagId)) &&
    (!filter.group || annotation.tags.some((tag) => tag.group === filter.group)) &&
    (!filter.authorId || annotation.author.id === filter.authorId) &&
    (!filter.status || annotation.status === filter.status)
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
