import Link from "@/components/ui/link";
import { BlindCodingSwitch } from "@/components/members/blind-coding-switch";
import { InvitationsManager } from "@/components/members/invitations-manager";
import { MembersManager } from "@/components/members/members-manager";
import { PageTitle } from "@/components/ui/card";
import { listInvitations } from "@/lib/invitations";
import { projectMembers } from "@/lib/members";
import { projectSubpage } from "@/lib/next/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows } from "@/lib/permissions";

const subpage = projectSubpage("members", "Members");
export const generateMetadata = subpage.generateMetadata;

export default async function MembersPage({ params }: PageProps<"/projects/[projectId]/members">) {
  const { projectId } = await params;
  const { actor, record: project } = await subpage.load(projectId);
  const canManage = roleAllows(project.role, "member.manage");
  const [members, invitations] = await Promise.all([
    projectMembers(actor, projectId),
    canManage ? listInvitations(actor, projectId, { limit: MAX_PAGE_SIZE }) : null,
  ]);
  return (
    <div className="space-y-8">
      <div>
        <PageTitle
          eyebrow={
            <Link href={`/projects/${projectId}`} className="hover:underline">
              {project.name}
            </Link>
          }
        >
          Members
        </PageTitle>
        {roleAllows(project.role, "project.update") && (
          <div className="mb-6">
            <BlindCodingSwitch projectId={projectId} reviewersSeeEachOther={project.reviewersSeeEachOther} />
          </div>
        )}
        <MembersManager projectId={projectId} members={members} canManage={canManage} viewerId={actor.userId} />
      </div>
      {invitations && <InvitationsManager projectId={projectId} invitations={invitations.items} />}
    </div>
  );
}
