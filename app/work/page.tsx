import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { describeCounts, StateBadge } from "@/components/assignments/state-badge";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { ASSIGNMENT_STATES, listMyAssignments, STATE_LABELS } from "@/lib/assignments";
import { requireSignedIn } from "@/lib/auth/session";
import { orProblem, queryParam } from "@/lib/next/page-data";

export const metadata: Metadata = { title: "My work" };

/** The articles assigned to the signed-in user in every project, each with their state on it. */
export default async function MyWorkPage({ searchParams }: PageProps<"/work">) {
  const actor = await requireSignedIn("/work");
  const query = await searchParams;
  const cursor = queryParam(query, "cursor");
  const state = queryParam(query, "state");
  const filters: Record<string, string> = state ? { state } : {};
  const { data: page, problem } = await orProblem(listMyAssignments(actor, { ...filters, cursor }));
  const assignments = page?.items ?? [];
  const filterLink = (value: string | null, label: string) => {
    const isCurrent = (value ?? undefined) === state;
    return (
      <Link
        key={label}
        href={value ? `/work?state=${value}` : "/work"}
        aria-current={isCurrent ? "page" : undefined}
        className={`rounded-md px-2.5 py-1 ${
          isCurrent ? "bg-stone-800 text-white" : "text-stone-700 hover:bg-stone-100"
        }`}
      >
        {label}
      </Link>
    );
  };

  return (
    <div>
      <PageTitle>My work</PageTitle>
      <nav aria-label="Show" className="mb-4 flex flex-wrap gap-1 text-sm">
        {filterLink(null, "All")}
        {ASSIGNMENT_STATES.map((value) => filterLink(value, STATE_LABELS[value]))}
      </nav>
      <Problem message={problem} />
      {!problem && assignments.length === 0 && (
        <p className="text-stone-600">
          {state
            ? "None of your articles is in this state."
            : "No article is assigned to you yet. Editors assign articles on their project’s page."}
        </p>
      )}
      {assignments.length > 0 && (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="my-work">
          {assignments.map((assignment) => (
            <li key={assignment.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
              <div className="min-w-0 flex-1 basis-64">
                <Link
                  href={`/articles/${assignment.article.id}${
                    assignment.lastAnnotationId ? `#annotation-${assignment.lastAnnotationId}` : ""
                  }`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {assignment.article.title}
                </Link>
                <div className="text-sm text-stone-600">
                  <Link href={`/projects/${assignment.project.id}`} className="hover:underline">
                    {assignment.project.name}
                  </Link>
                  {" · "}
                  {describeCounts(assignment.counts)}
                </div>
              </div>
              <StateBadge state={assignment.state} />
            </li>
          ))}
        </ul>
      )}
      <PageNavigation
        path="/work"
        query={filters}
        cursor={cursor}
        nextCursor={page?.nextCursor ?? null}
        nextLabel="More →"
      />
    </div>
  );
}
