import Link from "@/components/ui/link";
import { CodebookEditor } from "@/components/codebook/codebook-editor";
import { PageTitle } from "@/components/ui/card";
import { RuleBreaches } from "@/components/codebook/rule-breaches";
import { listCodebook } from "@/lib/codebook";
import { listRuleBreaches } from "@/lib/codebook/breaches";
import { projectSubpage } from "@/lib/next/page-data";
import { roleAllows } from "@/lib/permissions";

const subpage = projectSubpage("codebook", "Codebook");
export const generateMetadata = subpage.generateMetadata;

export default async function CodebookPage({ params }: PageProps<"/projects/[projectId]/codebook">) {
  const { projectId } = await params;
  const { actor, record: project } = await subpage.load(projectId);
  const [tags, breaches] = await Promise.all([listCodebook(actor, projectId), listRuleBreaches(actor, projectId)]);
  const canEdit = roleAllows(project.role, "codebook.update");
  return (
    <div>
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Codebook
      </PageTitle>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-stone-600">
        {canEdit
          ? "Tags are saved as you leave a field. A tag's key (one key, or two pressed in turn such as m then e; " +
            "no shortcut may start another) works as a shortcut in the tag picker; a tag already used on annotations " +
            "is archived instead of deleted."
          : "The tags this project uses; editors change them."}
      </p>
      <RuleBreaches {...breaches} />
      <CodebookEditor projectId={projectId} tags={tags} canEdit={canEdit} />
    </div>
  );
}
