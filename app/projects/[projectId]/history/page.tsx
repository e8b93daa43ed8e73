import Link from "next/link";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { HistoryChanges } from "@/components/history/history-changes";
import { asWords, entityLabel } from "@/components/history/entry-format";
import { formatMoment } from "@/components/ui/format";
import { listHistory } from "@/lib/history";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";

const subpage = projectSubpage("history", "History");
export const generateMetadata = subpage.generateMetadata;

export default async function HistoryPage({ params, searchParams }: PageProps<"/projects/[projectId]/history">) {
  const { projectId } = await params;
  const query = await searchParams;
  const { actor, record: project } = await subpage.load(projectId);
  const filters: Record<string, string> = {};
  for (const key of ["entity", "action"]) {
    const value = queryParam(query, key);
    if (value) filters[key] = value;
  }
  const cursor = queryParam(query, "cursor");
  const { data: page, problem } = await orProblem(listHistory(actor, projectId, { ...filters, cursor, limit: "50" }));
  const entries = page?.items ?? [];

  return (
    <div>
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        History
      </PageTitle>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm" aria-label="Filter the history">
        <label className="text-xs text-stone-600">
          Action (or prefix, e.g. <code>annotation.</code>)
          <input
            name="action"
            defaultValue={filters.action ?? ""}
            className="block rounded-md border border-stone-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="text-xs text-stone-600">
          Item id
          <input
            name="entity"
            defaultValue={filters.entity ?? ""}
            className="block w-80 rounded-md border border-stone-300 px-2 py-1 text-sm"
          />
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white">
          Filter
        </button>
      </form>
      <Problem message={problem} />
      <ol
        className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs"
        data-testid="history"
      >
        {!problem && entries.length === 0 && <li className="px-4 py-3 text-stone-500">No changes match.</li>}
        {entries.map((entry) => {
          const label = entityLabel(entry);
          return (
            <li key={entry.id} className="px-4 py-3 text-sm">
              <p>
                <span className="font-medium">{entry.actor?.name ?? "The system"}</span>{" "}
                <code className="rounded bg-stone-100 px-1">{entry.action}</code>{" "}
                <Link
                  href={`/projects/${projectId}/history?entity=${entry.entityId}`}
                  className="text-xs text-indigo-700 hover:underline"
                  title={`${entry.entityType} ${entry.entityId}: its whole history`}
                >
                  {asWords(entry.entityType)} {label ?? entry.entityId.slice(-8)}
                </Link>{" "}
                <span className="text-xs text-stone-500">{formatMoment(entry.createdAt)}</span>
              </p>
              <HistoryChanges changes={entry.changes} names={entry.names} />
            </li>
          );
        })}
      </ol>
      <PageNavigation
        path={`/projects/${projectId}/history`}
        query={filters}
        cursor={cursor}
        nextCursor={page?.nextCursor ?? null}
        nextLabel="Older changes →"
      />
    </div>
  );
}
