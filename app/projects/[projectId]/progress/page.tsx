import Link from "@/components/ui/link";
import { describeCounts, StateBadge } from "@/components/assignments/state-badge";
import { PageTitle, Section } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { ScrollingRegion } from "@/components/ui/scrolling-region";
import { ASSIGNMENT_STATES, projectProgress, STATE_LABELS } from "@/lib/assignments";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";

const subpage = projectSubpage("progress", "Progress");
export const generateMetadata = subpage.generateMetadata;

const cell = "px-3 py-2";

export default async function ProgressPage({ params, searchParams }: PageProps<"/projects/[projectId]/progress">) {
  const { projectId } = await params;
  const cursor = queryParam(await searchParams, "cursor");
  const { actor, record: project } = await subpage.load(projectId);
  const { data: progress, problem } = await orProblem(projectProgress(actor, projectId, { cursor }));

  return (
    <div className="space-y-8">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Progress
      </PageTitle>
      <Problem message={problem} />
      {progress &&
        (progress.overall.total === 0 ? (
          <p className="text-stone-600">
            No article is assigned yet. Select articles on the{" "}
            <Link href={`/projects/${projectId}`} className="text-indigo-700 hover:underline">
              project’s page
            </Link>{" "}
            and assign them to coders.
          </p>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
              <p className="text-lg" data-testid="overall-progress">
                <span className="text-3xl font-semibold tabular-nums">{progress.overall.percentDone} %</span> done (
                {progress.overall.counts.done} of {progress.overall.total} assignments)
              </p>
              <div aria-hidden className="h-2 w-full max-w-xs overflow-hidden rounded-full bg-stone-200">
                <div className="h-full bg-emerald-600" style={{ width: `${progress.overall.percentDone}%` }} />
              </div>
              <a
                href={`/api/v1/projects/${projectId}/progress?format=csv`}
                download
                className={`rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800
                  hover:bg-stone-50`}
              >
                Download CSV
              </a>
            </div>

            <Section id="coders" title="Coders">
              <ScrollingRegion label="Assignments of each coder, by state">
                <table className="w-full text-left text-sm">
                  <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-600">
                    <tr>
                      <th scope="col" className={cell}>
                        Coder
                      </th>
                      {ASSIGNMENT_STATES.map((state) => (
                        <th key={state} scope="col" className={`${cell} text-right`}>
                          {STATE_LABELS[state]}
                        </th>
                      ))}
                      <th scope="col" className={`${cell} text-right`}>
                        Done %
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {progress.coders.map((coder) => (
                      <tr key={coder.id}>
                        <th scope="row" className={`${cell} font-medium`}>
                          {coder.name}
                        </th>
                        {ASSIGNMENT_STATES.map((state) => (
                          <td key={state} className={`${cell} text-right tabular-nums`}>
                            {coder.counts[state]}
                          </td>
                        ))}
                        <td className={`${cell} text-right font-medium tabular-nums`}>{coder.percentDone} %</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollingRegion>
            </Section>

            <Section id="waiting" title={`Waiting for an editor (${progress.waiting.count})`}>
              {progress.waiting.count === 0 ? (
                <p className="text-sm text-stone-600">No submitted work waits for a review.</p>
              ) : (
                <>
                  <p className="text-sm text-stone-600">
                    A coder said they were done with these, and some of their annotations are neither approved nor
                    rejected yet.
                  </p>
                  <ul className="list-disc space-y-1 pl-5 text-sm">
                    {progress.waiting.articles.map((article) => (
                      <li key={article.id}>
                        <Link href={`/articles/${article.id}/adjudicate`} className="text-indigo-700 hover:underline">
                          {article.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                  {progress.waiting.count > progress.waiting.articles.length && (
                    <p className="text-sm text-stone-600">
                      and {progress.waiting.count - progress.waiting.articles.length} more (the CSV lists them all).
                    </p>
                  )}
                </>
              )}
            </Section>

            <Section id="articles" title="Articles and coders">
              <ScrollingRegion label="Each coder's state on each article">
                <table className="w-full text-left text-sm" data-testid="progress-grid">
                  <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-600">
                    <tr>
                      <th scope="col" className={cell}>
                        Article
                      </th>
                      {progress.coders.map((coder) => (
                        <th key={coder.id} scope="col" className={cell}>
                          {coder.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {progress.articles.items.map((article) => (
                      <tr key={article.id}>
                        <th scope="row" className={`${cell} min-w-48 font-normal`}>
                          <Link href={`/articles/${article.id}`} className="text-indigo-700 hover:underline">
                            {article.title}
                          </Link>
                        </th>
                        {progress.coders.map((coder) => {
                          const found = article.cells.find((entry) => entry.userId === coder.id);
                          return (
                            <td key={coder.id} className={`${cell} align-top`}>
                              {found ? (
                                <>
                                  <StateBadge state={found.state} />
                                  <span className="block whitespace-nowrap text-xs text-stone-600">
                                    {describeCounts(found.counts)}
                                  </span>
                                </>
                              ) : (
                                <span className="text-stone-500">Not assigned</span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollingRegion>
              <PageNavigation
                path={`/projects/${projectId}/progress`}
                cursor={cursor}
                nextCursor={progress.articles.nextCursor}
                nextLabel="More articles →"
              />
            </Section>
          </>
        ))}
    </div>
  );
}
