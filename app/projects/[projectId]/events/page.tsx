import Link from "@/components/ui/link";
import { EventsManager } from "@/components/events/events-manager";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { listEvents } from "@/lib/events";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";
import { DEFAULT_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows } from "@/lib/permissions";

const subpage = projectSubpage("events", "Events");
export const generateMetadata = subpage.generateMetadata;

export default async function EventsPage({ params, searchParams }: PageProps<"/projects/[projectId]/events">) {
  const { projectId } = await params;
  const query = await searchParams;
  const cursor = queryParam(query, "cursor");
  const q = queryParam(query, "q")?.trim() || undefined;
  const { actor, record: project } = await subpage.load(projectId);
  // A page of 50, as the API's: each event's links are counted, and an event may have thousands.
  const { data: page, problem } = await orProblem(
    listEvents(actor, projectId, { limit: DEFAULT_PAGE_SIZE, cursor, q }),
  );
  return (
    <div>
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Events
      </PageTitle>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-stone-600">
        The real-world events the claims of different outlets are linked to, by date. Merging an event moves its links
        to the other one.
      </p>
      <search>
        <form method="get" className="mb-4 flex items-center gap-2">
          <input
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Find events by title, place or description"
            aria-label="Find events"
            className="w-80 rounded-md border border-stone-300 px-3 py-1.5 text-sm"
          />
          {q && (
            <Link href={`/projects/${projectId}/events`} className="text-sm text-indigo-700 hover:underline">
              All events
            </Link>
          )}
        </form>
      </search>
      <Problem message={problem} />
      <EventsManager
        filtered={q !== undefined}
        projectId={projectId}
        events={page?.items ?? []}
        permissions={{
          canCreate: roleAllows(project.role, "event.link"),
          canManage: roleAllows(project.role, "event.manage"),
        }}
      />
      <PageNavigation
        path={`/projects/${projectId}/events`}
        query={q ? { q } : {}}
        cursor={cursor}
        nextCursor={page?.nextCursor ?? null}
        nextLabel="Later events →"
      />
    </div>
  );
}
