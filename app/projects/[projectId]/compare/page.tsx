import Link from "@/components/ui/link";
import { ComparisonTable } from "@/components/compare/comparison-table";
import { FramingChart } from "@/components/compare/framing-chart";
import { type ParallelArticle, SideBySide } from "@/components/compare/side-by-side";
import { PageTitle } from "@/components/ui/card";
import { Problem } from "@/components/ui/problem";
import { getArticle, listArticles } from "@/lib/articles";
import { compareArticles, type Comparison } from "@/lib/compare";
import { orProblem, projectSubpage } from "@/lib/next/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows, seesOthersUnapprovedAnnotations } from "@/lib/permissions";
import { listSources } from "@/lib/sources";

const subpage = projectSubpage("compare", "Compare sources");
export const generateMetadata = subpage.generateMetadata;

/** The side-by-side columns: each article's text and its claims with the events they are linked to. */
function parallelArticles(comparison: Comparison, texts: Map<string, string>): ParallelArticle[] {
  const eventsOf = new Map<string, string[]>();
  for (const event of comparison.events) {
    for (const claim of Object.values(event.claims).flat())
      eventsOf.set(claim.annotationId, [...(eventsOf.get(claim.annotationId) ?? []), event.id]);
  }
  return comparison.articles.map((article) => {
    const claims = [
      ...comparison.events.flatMap((event) => event.claims[article.id] ?? []),
      ...(comparison.unlinked[article.id] ?? []),
    ];
    const unique = [...new Map(claims.map((claim) => [claim.annotationId, claim])).values()];
    return {
      id: article.id,
      title: article.title,
      source: article.source,
      text: texts.get(article.id) ?? "",
      claims: unique.map((claim) => ({
        annotationId: claim.annotationId,
        start: claim.start,
        end: claim.end,
        color: claim.tags[0]?.color ?? "",
        eventIds: eventsOf.get(claim.annotationId) ?? [],
      })),
    };
  });
}

export default async function ComparePage({ params, searchParams }: PageProps<"/projects/[projectId]/compare">) {
  const { projectId } = await params;
  const query = await searchParams;
  const chosen = [query.articles ?? []].flat().join(",");
  const view = query.view === "read" ? "read" : "table";
  const { actor, record: project } = await subpage.load(projectId);
  const [{ items: articles }, { items: outlets }] = await Promise.all([
    listArticles(actor, projectId, { limit: MAX_PAGE_SIZE }),
    listSources(actor, projectId, { limit: MAX_PAGE_SIZE }),
  ]);
  const outletNotes = Object.fromEntries(
    outlets.flatMap((outlet) => (outlet.notes ? [[outlet.name, outlet.notes]] : [])),
  );

  const { data: comparison, problem } = await orProblem(
    compareArticles(actor, projectId, chosen ? { articles: chosen } : {}),
  );
  const chosenIds = comparison?.articles.map((article) => article.id) ?? chosen.split(",");
  const hrefFor = (nextView: "table" | "read") =>
    `/projects/${projectId}/compare?articles=${chosenIds.join(",")}${nextView === "read" ? "&view=read" : ""}`;
  const texts =
    comparison && view === "read"
      ? new Map(
          await Promise.all(
            comparison.articles.map(
              async (article) => [article.id, (await getArticle(actor, article.id)).text] as const,
            ),
          ),
        )
      : new Map<string, string>();

  return (
    <div className="space-y-6">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Compare sources
      </PageTitle>

      <details open={!comparison} className="rounded-lg border border-stone-200 bg-white shadow-xs">
        <summary className="cursor-pointer px-4 py-3 text-sm text-stone-700">
          {comparison ? (
            <>
              Comparing{" "}
              <strong>{comparison.articles.map((article) => article.source ?? article.title).join(" · ")}</strong> —
              choose other articles
            </>
          ) : (
            "Choose the articles to compare"
          )}
        </summary>
        <form method="get" className="border-t border-stone-100 p-4" aria-label="Choose articles">
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-stone-800">Articles to compare (two or more)</legend>
            <div className="grid max-h-72 gap-x-6 gap-y-1 overflow-y-auto sm:grid-cols-2">
              {articles.map((article) => (
                <label key={article.id} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="articles"
                    value={article.id}
                    defaultChecked={chosenIds.includes(article.id)}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">{article.source?.name ?? "No outlet"}</span> — {article.title}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {view === "read" && <input type="hidden" name="view" value="read" />}
          <button
            type="submit"
            className="mt-3 rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Compare
          </button>
        </form>
      </details>

      <Problem message={problem} />

      {comparison && !seesOthersUnapprovedAnnotations(project) && (
        <p role="note" className="rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900">
          You code blind in this project: the comparison counts your own annotations and the approved ones only. An
          event shown as left out may be in an article whose claims someone else has not had approved yet.
        </p>
      )}

      {comparison && (
        <>
          {view === "table" && <FramingChart articles={comparison.articles} profile={comparison.profile} />}
          <nav aria-label="View" className="flex gap-1 border-b border-stone-200">
            {(["table", "read"] as const).map((option) => (
              <Link
                key={option}
                href={hrefFor(option)}
                aria-current={view === option ? "page" : undefined}
                className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                  view === option
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-stone-600 hover:text-stone-900"
                }`}
              >
                {option === "table" ? "Events and omissions" : "Read side by side"}
              </Link>
            ))}
          </nav>
          {view === "table" ? (
            <ComparisonTable
              comparison={comparison}
              outletNotes={outletNotes}
              canAct={roleAllows(project.role, "event.link")}
            />
          ) : (
            <SideBySide
              articles={parallelArticles(comparison, texts)}
              eventTitles={Object.fromEntries(comparison.events.map((event) => [event.id, event.title]))}
            />
          )}
        </>
      )}
    </div>
  );
}
