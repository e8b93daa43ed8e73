import Link from "@/components/ui/link";
import { Fragment } from "react";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { filterChoices } from "@/components/ui/filter-choices";
import { Problem } from "@/components/ui/problem";
import { listCodebook } from "@/lib/codebook";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { MATCH_END, MATCH_START, type SearchHit, searchProject } from "@/lib/search";
import { listSources } from "@/lib/sources";

const subpage = projectSubpage("search", "Search");
export const generateMetadata = subpage.generateMetadata;

/** The snippet with its matched words marked; the text itself stays text. */
function Snippet({ text }: { text: string }) {
  return text.split(MATCH_START).map((part, index) => {
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order: their place is their identity.
    if (index === 0) return <Fragment key={index}>{part}</Fragment>;
    const [matched, rest] = part.split(MATCH_END);
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above.
      <Fragment key={index}>
        <mark className="rounded bg-yellow-200 px-0.5">{matched}</mark>
        {rest}
      </Fragment>
    );
  });
}

const KIND_LABEL = {
  annotation: "Annotation",
  comment: "Comment",
  article: "Article",
  event: "Event",
  source: "Outlet",
} as const;

/** Where a hit opens: the annotation in its article, the article, the event, or the project's outlets. */
function hitHref(projectId: string, hit: SearchHit): string {
  if (hit.eventId) return `/events/${hit.eventId}`;
  if (!hit.articleId) return `/projects/${projectId}/sources`;
  return hit.annotationId ? `/articles/${hit.articleId}#annotation-${hit.annotationId}` : `/articles/${hit.articleId}`;
}

export default async function SearchPage({ params, searchParams }: PageProps<"/projects/[projectId]/search">) {
  const { projectId } = await params;
  const query = await searchParams;
  const { actor, record: project } = await subpage.load(projectId);
  const value = (key: string) => queryParam(query, key) ?? "";
  const filters = Object.fromEntries(
    ["q", "tag", "source", "status"].map((key) => [key, value(key)]).filter(([, entry]) => entry),
  );
  const cursor = queryParam(query, "cursor");
  const searching = Object.keys(filters).length > 0;

  const [{ data: found, problem }, codebook, outlets] = await Promise.all([
    // Words, or filters alone (status=SUBMITTED lists what waits for review).
    searching ? orProblem(searchProject(actor, projectId, { ...filters, cursor })) : { data: null, problem: null },
    listCodebook(actor, projectId),
    listSources(actor, projectId, { limit: MAX_PAGE_SIZE }),
  ]);
  const hits = found?.items ?? [];
  const tagGroups = new Map<string, typeof codebook>();
  for (const tag of codebook) tagGroups.set(tag.group.name, [...(tagGroups.get(tag.group.name) ?? []), tag]);
  const outletChoices = filterChoices(
    outlets.items.map((outlet) => outlet.name),
    value("source"),
  );

  return (
    <div className="space-y-5">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Search
      </PageTitle>
      <search>
        <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
          <label className="text-xs text-stone-600">
            Words
            <input
              name="q"
              defaultValue={value("q")}
              className="block w-72 rounded-md border border-stone-300 px-2 py-1.5 text-sm"
              dir="auto"
            />
          </label>
          <label className="text-xs text-stone-600">
            Tag
            <select
              name="tag"
              defaultValue={value("tag")}
              className="block w-44 rounded-md border border-stone-300 px-2 py-1.5 text-sm"
            >
              <option value="">Any</option>
              {[...tagGroups].map(([group, tags]) => (
                <optgroup key={group} label={group}>
                  {tags.map((tag) => (
                    <option key={tag.id} value={tag.name}>
                      {tag.archived ? `${tag.name} (archived)` : tag.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label className="text-xs text-stone-600">
            Outlet
            <select
              name="source"
              defaultValue={outletChoices.value}
              className="block w-44 rounded-md border border-stone-300 px-2 py-1.5 text-sm"
            >
              <option value="">Any</option>
              {outletChoices.options.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-stone-600">
            Status
            <select
              name="status"
              defaultValue={value("status")}
              className="block rounded-md border border-stone-300 px-2 py-1.5 text-sm"
            >
              <option value="">Any</option>
              {["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"].map((status) => (
                <option key={status} value={status}>
                  {status.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white">
            Search
          </button>
        </form>
      </search>
      <Problem message={problem} />
      {searching && !problem && (
        <ol className="space-y-2" data-testid="search-results">
          {hits.length === 0 && <li className="text-stone-600">Nothing matches.</li>}
          {hits.map((hit, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a hit has no id of its own; the list is replaced whole.
            <li key={index} className="rounded-lg border border-stone-200 bg-white p-3 text-sm shadow-xs">
              <p className="text-xs text-stone-500">
                {KIND_LABEL[hit.kind]}
                {hit.author && ` by ${hit.author.name}`}
                {hit.kind === "annotation" && hit.status && ` · ${hit.status.toLowerCase()}`}
                {hit.articleId && ` · ${hit.source ?? "No outlet"} · ${hit.articleTitle}`}
              </p>
              <Link href={hitHref(projectId, hit)} className="mt-1 block text-stone-900 hover:underline" dir="auto">
                <Snippet text={hit.snippet} />
              </Link>
              {hit.kind === "comment" && hit.exact && <p className="mt-1 text-xs text-stone-500">on “{hit.exact}”</p>}
            </li>
          ))}
        </ol>
      )}
      <PageNavigation
        path={`/projects/${projectId}/search`}
        query={filters}
        cursor={cursor}
        nextCursor={found?.nextCursor ?? null}
        nextLabel="More matches →"
      />
    </div>
  );
}
