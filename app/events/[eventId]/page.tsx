import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { FiguresDisagree } from "@/components/compare/figures-disagree";
import { EventCoverage } from "@/components/events/event-coverage";
import { PageTitle } from "@/components/ui/card";
import { formatDateRange } from "@/components/ui/format";
import { getEvent } from "@/lib/events";
import { pageRecord } from "@/lib/next/page-data";
import { roleAllows } from "@/lib/permissions";
import { getProject } from "@/lib/projects";

const loadEvent = pageRecord((eventId) => `/events/${eventId}`, getEvent);

export async function generateMetadata({ params }: PageProps<"/events/[eventId]">): Promise<Metadata> {
  const { record: event } = await loadEvent((await params).eventId);
  return { title: event.title };
}

export default async function EventPage({ params }: PageProps<"/events/[eventId]">) {
  const { eventId } = await params;
  const { actor, record: event } = await loadEvent(eventId);
  const project = await getProject(actor, event.projectId);
  return (
    <div className="max-w-4xl">
      <PageTitle
        eyebrow={
          <>
            <Link href={`/projects/${project.id}`} className="hover:underline">
              {project.name}
            </Link>
            {" / "}
            <Link href={`/projects/${project.id}/events`} className="hover:underline">
              Events
            </Link>
          </>
        }
      >
        {event.title}
      </PageTitle>
      <p className="-mt-4 mb-2 text-sm text-stone-600">
        {[formatDateRange(event.date, event.dateEnd) ?? "Undated", event.place].filter(Boolean).join(" · ")}
      </p>
      {event.description && <p className="mb-6 max-w-3xl whitespace-pre-line text-stone-700">{event.description}</p>}
      {event.contradictions.length > 0 && <FiguresDisagree contradictions={event.contradictions} />}
      <div className="mt-6">
        <EventCoverage event={event} canAct={roleAllows(project.role, "event.link")} />
      </div>
    </div>
  );
}
