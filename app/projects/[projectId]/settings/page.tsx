import Link from "@/components/ui/link";
import { forbidden } from "next/navigation";
import { DeleteProjectForm, ProjectDetailsForm, PublishingForm } from "@/components/projects/project-settings";
import { Card, PageTitle } from "@/components/ui/card";
import { projectSubpage } from "@/lib/next/page-data";
import { roleAllows } from "@/lib/permissions";

const subpage = projectSubpage("settings", "Settings");
export const generateMetadata = subpage.generateMetadata;

export default async function ProjectSettingsPage({ params }: PageProps<"/projects/[projectId]/settings">) {
  const { projectId } = await params;
  const { record: project } = await subpage.load(projectId);
  if (!roleAllows(project.role, "project.update")) forbidden();
  return (
    <div className="max-w-3xl space-y-8">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Settings
      </PageTitle>
      <Card>
        <h2 className="mb-4 text-lg font-medium">Name and description</h2>
        <ProjectDetailsForm projectId={projectId} name={project.name} description={project.description} />
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-medium">Publishing</h2>
        <p className="mb-4 text-sm text-stone-600">
          The ClaimReview export publishes approved claims with one verdict, once the project names its organisation and
          each claim has a review URL.
        </p>
        <PublishingForm
          projectId={projectId}
          publishing={{ publisher: project.publisher, reviewUrlTemplate: project.reviewUrlTemplate }}
        />
      </Card>
      <Card className="border-red-200">
        <h2 className="mb-2 text-lg font-medium text-red-800">Delete this project</h2>
        <p className="mb-4 text-sm text-stone-600">
          Its articles, annotations, events and history leave every member&apos;s view, and its API routes answer 404.
          Export the project first if you may need its work again.
        </p>
        <DeleteProjectForm projectId={projectId} name={project.name} />
      </Card>
    </div>
  );
}
