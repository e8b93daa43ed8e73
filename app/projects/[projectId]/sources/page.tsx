import type { Metadata } from "next";
import Link from "next/link";
import { SourcesManager } from "@/components/sources/sources-manager";
import { PageTitle } from "@/components/ui/card";
import { requireSignedIn } from "@/lib/auth/session";
import { forPage } from "@/lib/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows } from "@/lib/permissions";
import { getProject } from "@/lib/projects";
import { listSources } from "@/lib/sources";

export const metadata: Metadata = { title: "Outlets" };

export default async function SourcesPage({ params }: PageProps<"/projects/[projectId]/sources">) {
  const { projectId } = await params;
  const actor = await requireSignedIn(`/projects/${projectId}/sources`);
  const project = await forPage(getProject(actor, projectId));
  const { items: sources } = await listSources(actor, projectId, { limit: MAX_PAGE_SIZE });
  return (
    <div>
      <PageTitle eyebrow={<Link href={`/projects/${projectId}`} className="hover:underline">{project.name}</Link>}>Outlets</PageTitle>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-stone-600">
        The sources whose articles this project compares, with what readers of the comparison should know about them: who owns them, their lean, how reliable they have been.
      </p>
      <SourcesManager sources={sources} canEdit={roleAllows(project.role, "article.update")} />
    </div>
  );
}
