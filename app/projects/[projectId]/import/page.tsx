import Link from "@/components/ui/link";
import { forbidden } from "next/navigation";
import { ImportArticleForm } from "@/components/articles/import-article-form";
import { Card, PageTitle } from "@/components/ui/card";
import { projectSubpage } from "@/lib/next/page-data";
import { roleAllows } from "@/lib/permissions";

const subpage = projectSubpage("import", "Import article");
export const generateMetadata = subpage.generateMetadata;

export default async function ImportArticlePage({ params }: PageProps<"/projects/[projectId]/import">) {
  const { projectId } = await params;
  const { record: project } = await subpage.load(projectId);
  if (!roleAllows(project.role, "article.create")) forbidden();
  return (
    <div className="max-w-3xl">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Import an article
      </PageTitle>
      <Card>
        <ImportArticleForm projectId={projectId} />
      </Card>
    </div>
  );
}
