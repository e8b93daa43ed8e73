import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ImportArticleForm } from "@/components/articles/import-article-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requireSignedIn } from "@/lib/auth/session";
import { forPage } from "@/lib/page-data";
import { roleAllows } from "@/lib/permissions";
import { getProject } from "@/lib/projects";

export const metadata: Metadata = { title: "Import article" };

export default async function ImportArticlePage({ params }: PageProps<"/projects/[projectId]/import">) {
  const { projectId } = await params;
  const actor = await requireSignedIn(`/projects/${projectId}/import`);
  const project = await forPage(getProject(actor, projectId));
  if (!roleAllows(project.role, "article.create")) forbidden();
  return (
    <div className="max-w-3xl">
      <PageTitle eyebrow={<Link href={`/projects/${projectId}`} className="hover:underline">{project.name}</Link>}>
        Import an article
      </PageTitle>
      <Card>
        <ImportArticleForm projectId={projectId} />
      </Card>
    </div>
  );
}
