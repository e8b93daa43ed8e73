import Link from "next/link";
import { BlindCodingSwitch } from "@/components/members/blind-coding-switch";
import { MembersManager } from "@/components/members/members-manager";
import { PageTitle } from "@/components/ui/card";
import { projectMembers } from "@/lib/members";
import { projectSubpage } from "@/lib/page-data";
import { roleAllows } from "@/lib/permissions";

const subpage = projectSubpage("members", "Members");
export const generateMetadata = subpage.generateMetadata;

export default async function MembersPage({ params }: PageProps<"/projects/[projectId]/members">) {
  const { projectId } = await params;
  const { actor, record: project } = await subpage.load(projectId);
  const members = await projectMembers(actor, projectId);
  return (
    <div>
      <PageTitle eyebrow={<Link href={`/projects/${projectId}`} className="hover:underline">{project.name}</Link>}>Members</PageTitle>
      {roleAllows(project.role, "project.update") && (
        <div className="mb-6">
          <BlindCodingSwitch projectId={projectId} reviewersSeeEachOther={project.reviewersSeeEachOther} />
        </div>
      )}
      <MembersManager projectId={projectId} members={members} canManage={roleAllows(project.role, "member.manage")} viewerId={actor.userId} />
    </div>
  );
}
