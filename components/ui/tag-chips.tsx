import { safeColor } from "./tag-color";

/** An annotation's tags as small chips, each with its colour dot. */
export function TagChips({ tags, className = "" }: { tags: { name: string; color: string }[]; className?: string }) {
  return (
    <ul className={`flex flex-wrap gap-1 ${className}`} aria-label="Tags">
      {tags.map((tag) => (
        <li
          key={tag.name}
          className={`inline-flex items-center gap-1 rounded-full border border-stone-200 px-1.5 text-[0.7rem]
            text-stone-700`}
        >
          <span
            aria-hidden
            className="size-1.5 shrink-0 rounded-full"
            style={{ backgroundColor: safeColor(tag.color) }}
          />
          {tag.name}
        </li>
      ))}
    </ul>
  );
}
