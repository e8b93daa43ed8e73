import Link from "@/components/ui/link";

/**
 * Links between the pages of a long list: on with the list's `nextCursor`,
 * and back to the first page. `query` is the rest of the address's query
 * (filters), kept on both links.
 */
export function PageNavigation({
  path,
  query = {},
  cursor,
  nextCursor,
  nextLabel,
}: {
  path: string;
  query?: Record<string, string>;
  cursor: string | undefined;
  nextCursor: string | null;
  nextLabel: string;
}) {
  if (!cursor && !nextCursor) return null;
  const href = (at: string | null) => {
    const search = new URLSearchParams({ ...query, ...(at ? { cursor: at } : {}) }).toString();
    return search ? `${path}?${search}` : path;
  };
  return (
    <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
      {cursor && (
        <Link href={href(null)} className="text-indigo-700 hover:underline">
          ← First page
        </Link>
      )}
      {nextCursor && (
        <Link href={href(nextCursor)} className="text-indigo-700 hover:underline">
          {nextLabel}
        </Link>
      )}
    </nav>
  );
}
