import type { Metadata } from "next";
import Link from "next/link";
import { EventsManager } from "@/components/events/events-manager";
import { PageTitle } from "@/components/ui/card";
import { requireSignedIn } from "@/lib/auth/session";
import { listEvents } from "@/lib/events";
import { forPage } from "@/lib/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows } from "@/lib/permissions";
import { getProject } from "@/lib/projects";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ params }: PageProps<"/projects/[projectId]/events">) {
  const { projectId } = await params;
  const actor = await requireSignedIn(`/projects/${projectId}/events`);
  const project = await forPage(getProject(actor, projectId));
  const { items: events } = await listEvents(actor, projectId, { limit: MAX_PAGE_SIZE });
  return (
    <div>
      <PageTitle eyebrow={<Link href={`/projects/${projectId}`} className="hover:underline">{project.name}</Link>}>Events</PageTitle>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-stone-600">
        The real-world events the claims of different outlets are linked to, by date. Merging an event moves its links to the other one.
      </p>
      <EventsManager
        projectId={projectId}
        events={events}
        permissions={{ canCreate: roleAllows(project.role, "event.link"), canManage: roleAllows(project.role, "event.manage") }}
      />
    </div>
  );
}
