import Link from "@/components/ui/link";
import { SourcesManager } from "@/components/sources/sources-manager";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows } from "@/lib/permissions";
import { listSources } from "@/lib/sources";

const subpage = projectSubpage("sources", "Outlets");
export const generateMetadata = subpage.generateMetadata;

export default async function SourcesPage({ params, searchParams }: PageProps<"/projects/[projectId]/sources">) {
  const { projectId } = await params;
  const cursor = queryParam(await searchParams, "cursor");
  const { actor, record: project } = await subpage.load(projectId);
  const { data: page, problem } = await orProblem(listSources(actor, projectId, { limit: MAX_PAGE_SIZE, cursor }));
  return (
    <div>
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Outlets
      </PageTitle>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-stone-600">
        The sources whose articles this project compares, with what readers of the comparison should know about them:
        who owns them, their lean, how reliable they have been.
      </p>
      <Problem message={problem} />
      {!problem && <SourcesManager sources={page?.items ?? []} canEdit={roleAllows(project.role, "article.update")} />}
      <PageNavigation
        path={`/projects/${projectId}/sources`}
        cursor={cursor}
        nextCursor={page?.nextCursor ?? null}
        nextLabel="More outlets →"
      />
    </div>
  );
}
