import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ArticleFilters } from "@/components/articles/article-filters";
import { ArticleTable } from "@/components/articles/article-table";
import { filterChoices } from "@/components/ui/filter-choices";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { ExportDialog } from "@/components/projects/export-dialog";
import { ImportDialog } from "@/components/projects/import-dialog";
import { UrlImportDialog } from "@/components/projects/url-import-dialog";
import { listArticles } from "@/lib/articles";
import { assigneesOfArticles, projectCoders } from "@/lib/assignments";
import { listCodebook } from "@/lib/codebook";
import { orProblem, pageRecord, queryParam } from "@/lib/next/page-data";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { roleAllows } from "@/lib/permissions";
import { getProject } from "@/lib/projects";
import { listSources } from "@/lib/sources";

const loadProject = pageRecord((projectId) => `/projects/${projectId}`, getProject);

export async function generateMetadata({ params }: PageProps<"/projects/[projectId]">): Promise<Metadata> {
  const { record: project } = await loadProject((await params).projectId);
  return { title: project.name };
}

export default async function ProjectPage({ params, searchParams }: PageProps<"/projects/[projectId]">) {
  const { projectId } = await params;
  const query = await searchParams;
  const cursor = queryParam(query, "cursor");
  const q = queryParam(query, "q")?.trim();
  const source = queryParam(query, "source")?.trim();
  const filters = { ...(q && { q }), ...(source && { source }) };
  const filtered = Boolean(q || source);
  const { actor, record: project } = await loadProject(projectId);
  const [{ data: page, problem }, sources, codebook] = await Promise.all([
    orProblem(listArticles(actor, projectId, { limit: MAX_PAGE_SIZE, cursor, ...filters })),
    listSources(actor, projectId, { limit: MAX_PAGE_SIZE }),
    listCodebook(actor, projectId),
  ]);
  const outlets = filterChoices(
    sources.items.map((outlet) => outlet.name),
    source,
  );
  const articles = page?.items ?? [];
  const canImport = roleAllows(project.role, "article.create");
  const tagNames = codebook.filter((tag) => !tag.archived).map((tag) => tag.name);
  const assigning = roleAllows(project.role, "assignment.manage")
    ? {
        coders: await projectCoders(actor, projectId),
        assignees: await assigneesOfArticles(
          actor,
          projectId,
          articles.map((article) => article.id),
        ),
      }
    : undefined;

  return (
    <div>
      <PageTitle
        eyebrow={
          <Link href="/projects" className="hover:underline">
            Projects
          </Link>
        }
      >
        {project.name}
      </PageTitle>
      {project.description && <p className="-mt-3 mb-5 max-w-3xl text-stone-600">{project.description}</p>}
      <div className="mb-8 flex flex-wrap items-center gap-2 border-y border-stone-200 py-3">
        <nav aria-label="Project" className="flex flex-wrap items-center gap-1 text-sm">
          {project.articleCount >= 2 && (
            <Link
              href={`/projects/${projectId}/compare`}
              className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white shadow-xs hover:bg-indigo-500"
            >
              Compare sources
            </Link>
          )}
          {[
            { href: "review", label: "Review", shown: true },
            { href: "events", label: "Events", shown: true },
            { href: "sources", label: "Outlets", shown: true },
            { href: "codebook", label: "Codebook", shown: true },
            { href: "members", label: "Members", shown: true },
            { href: "progress", label: "Progress", shown: roleAllows(project.role, "progress.read") },
            { href: "agreement", label: "Agreement", shown: roleAllows(project.role, "agreement.read") },
            { href: "history", label: "History", shown: roleAllows(project.role, "audit.read") },
            { href: "settings", label: "Settings", shown: roleAllows(project.role, "project.update") },
          ]
            .filter((item) => item.shown)
            .map((item) => (
              <Link
                key={item.href}
                href={`/projects/${projectId}/${item.href}`}
                className="rounded-md px-3 py-1.5 font-medium text-stone-700 hover:bg-stone-100"
              >
                {item.label}
              </Link>
            ))}
        </nav>
        <search className="ml-auto">
          <form method="get" action={`/projects/${projectId}/search`}>
            <input
              name="q"
              type="search"
              required
              placeholder="Search claims, notes, comments"
              aria-label="Search this project"
              className="w-64 rounded-md border border-stone-300 px-3 py-1.5 text-sm"
            />
          </form>
        </search>
        <div className="flex flex-wrap gap-2">
          <ExportDialog projectId={projectId} projectName={project.name} tags={tagNames} />
          {canImport && <ImportDialog projectId={projectId} />}
          {canImport && <UrlImportDialog projectId={projectId} />}
          {canImport && (
            <Link
              href={`/projects/${projectId}/import`}
              className={`rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800
                shadow-xs hover:bg-stone-50`}
            >
              Import article
            </Link>
          )}
        </div>
      </div>

      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-lg font-medium">Articles</h2>
        {(project.articleCount > 0 || filtered) && (
          // Keyed on the filters: React sets a select's defaultValue only when it mounts, and "All articles" must clear
          // the outlet.
          <ArticleFilters
            key={`${q}|${outlets.value}`}
            projectId={projectId}
            q={q}
            outlets={outlets}
            filtered={filtered}
          />
        )}
      </div>
      <Problem message={problem} />
      {problem ? null : articles.length === 0 ? (
        <p className="text-stone-600">
          {filtered ? (
            "No article matches."
          ) : (
            <>No articles yet.{canImport && " Import one to start highlighting claims."}</>
          )}
        </p>
      ) : (
        <ArticleTable
          articles={articles.map((article) => ({
            id: article.id,
            title: article.title,
            source: article.source?.name ?? null,
            publishedAt: article.publishedAt,
            annotationCount: article.annotationCount,
          }))}
          assigning={assigning}
        />
      )}
      <PageNavigation
        path={`/projects/${projectId}`}
        query={filters}
        cursor={cursor}
        nextCursor={page?.nextCursor ?? null}
        nextLabel="More articles →"
      />
    </div>
  );
}
