import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { MyInvitations } from "@/components/projects/my-invitations";
import { Card, PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { requireSignedIn } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/invitations";
import { orProblem, queryParam } from "@/lib/next/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { listProjects } from "@/lib/projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ searchParams }: PageProps<"/projects">) {
  const actor = await requireSignedIn("/projects");
  const cursor = queryParam(await searchParams, "cursor");
  const [{ data: page, problem }, invitations] = await Promise.all([
    orProblem(listProjects(actor, { limit: MAX_PAGE_SIZE, cursor })),
    listMyInvitations(actor, { limit: MAX_PAGE_SIZE }),
  ]);
  const projects = page?.items ?? [];
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div>
        <PageTitle>Projects</PageTitle>
        <MyInvitations invitations={invitations.items} />
        <Problem message={problem} />
        {problem ? null : projects.length === 0 ? (
          <p className="text-stone-600">No projects yet. Create one to start comparing coverage.</p>
        ) : (
          <ul className="space-y-3">
            {projects.map((project) => (
              <li key={project.id}>
                <Link
                  href={`/projects/${project.id}`}
                  className={`block rounded-lg border border-stone-200 bg-white p-4 shadow-xs hover:border-indigo-300
                    hover:shadow-sm`}
                >
                  <div className="flex items-baseline justify-between gap-4">
                    <h2 className="font-medium text-stone-900">{project.name}</h2>
                    {project.role && (
                      <span className="text-xs uppercase tracking-wide text-stone-500">
                        {project.role.toLowerCase()}
                      </span>
                    )}
                  </div>
                  {project.description && (
                    <p className="mt-1 line-clamp-2 text-sm text-stone-600">{project.description}</p>
                  )}
                  <p className="mt-2 text-xs text-stone-500">
                    {project.articleCount} {project.articleCount === 1 ? "article" : "articles"}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <PageNavigation
          path="/projects"
          cursor={cursor}
          nextCursor={page?.nextCursor ?? null}
          nextLabel="More projects →"
        />
      </div>
      <Card className="h-fit">
        <h2 className="mb-4 font-medium">New project</h2>
        <CreateProjectForm />
      </Card>
    </div>
  );
}
