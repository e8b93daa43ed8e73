import Link from "@/components/ui/link";

/** The project page's article filters: words of the title or author, and the outlet. A plain GET form. */
export function ArticleFilters({
  projectId,
  q,
  outlets,
  filtered,
}: {
  projectId: string;
  q: string | undefined;
  outlets: { options: string[]; value: string };
  filtered: boolean;
}) {
  return (
    <search aria-label="Find articles">
      <form method="get" className="flex flex-wrap items-center gap-2 text-sm">
        <input
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Title or author"
          aria-label="Title or author"
          className="w-56 rounded-md border border-stone-300 px-2 py-1.5"
          dir="auto"
        />
        <select
          name="source"
          defaultValue={outlets.value}
          aria-label="Outlet"
          className="rounded-md border border-stone-300 px-2 py-1.5"
        >
          <option value="">All outlets</option>
          {outlets.options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className={`rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-800
            hover:bg-stone-50`}
        >
          Find
        </button>
        {filtered && (
          <Link href={`/projects/${projectId}`} className="text-indigo-700 hover:underline">
            All articles
          </Link>
        )}
      </form>
    </search>
  );
}
