import Link from "@/components/ui/link";
import { HistoryEntryItem } from "@/components/history/history-entry";
import { HistoryFilters } from "@/components/history/history-filters";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { listHistory } from "@/lib/history";
import { projectMembers } from "@/lib/members";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";

const subpage = projectSubpage("history", "History");
export const generateMetadata = subpage.generateMetadata;

const FILTERS = ["entity", "action", "actor", "kind", "from", "to"];

export default async function HistoryPage({ params, searchParams }: PageProps<"/projects/[projectId]/history">) {
  const { projectId } = await params;
  const query = await searchParams;
  const { actor, record: project } = await subpage.load(projectId);
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = queryParam(query, key);
    if (value) filters[key] = value;
  }
  const cursor = queryParam(query, "cursor");
  const [{ data: page, problem }, members] = await Promise.all([
    orProblem(listHistory(actor, projectId, { ...filters, cursor, limit: "50" })),
    projectMembers(actor, projectId),
  ]);
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
      <HistoryFilters people={members.map((member) => ({ id: member.userId, name: member.name }))} values={filters} />
      {filters.entity && (
        <p className="mb-2 text-sm text-stone-600">
          One item&apos;s history.{" "}
          <Link href={`/projects/${projectId}/history`} className="text-indigo-700 hover:underline">
            The whole project&apos;s
          </Link>
        </p>
      )}
      <Problem message={problem} />
      <ol
        className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs"
        data-testid="history"
      >
        {!problem && entries.length === 0 && <li className="px-4 py-3 text-stone-500">No changes match.</li>}
        {entries.map((entry) => (
          <HistoryEntryItem key={entry.id} entry={entry} projectId={projectId} />
        ))}
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
