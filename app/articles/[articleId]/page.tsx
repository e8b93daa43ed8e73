import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ArticleDetailsEditor } from "@/components/articles/article-details-editor";
import { AssignmentBar } from "@/components/assignments/assignment-bar";
import { ArticleReader } from "@/components/reader/article-reader";
import { formatCalendarDate } from "@/components/ui/format";
import { packSummaries } from "@/lib/annotation-summaries";
import { listAnnotationSummaries } from "@/lib/annotations";
import { getArticle } from "@/lib/articles";
import { myAssignmentOf } from "@/lib/assignments";
import { listCodebook } from "@/lib/codebook";
import { pageRecord } from "@/lib/next/page-data";
import { roleAllows, seesOthersUnapprovedAnnotations } from "@/lib/permissions";
import { getProject } from "@/lib/projects";
import { webLinkHost } from "@/lib/urls";

const loadArticle = pageRecord((articleId) => `/articles/${articleId}`, getArticle);

export async function generateMetadata({ params }: PageProps<"/articles/[articleId]">): Promise<Metadata> {
  const { record: article } = await loadArticle((await params).articleId);
  return { title: article.title };
}

export default async function ArticlePage({ params }: PageProps<"/articles/[articleId]">) {
  const { articleId } = await params;
  const { actor, record: article } = await loadArticle(articleId);
  // Only what paints the highlights comes with the page; notes and links load after it shows.
  const [project, codebook, annotations, assignment] = await Promise.all([
    getProject(actor, article.projectId),
    listCodebook(actor, article.projectId),
    listAnnotationSummaries(actor, articleId),
    myAssignmentOf(actor, articleId),
  ]);
  const published = formatCalendarDate(article.publishedAt);
  const linkHost = article.url ? webLinkHost(article.url) : null;

  return (
    <article>
      <div className="mb-1 text-sm text-stone-500">
        <Link href={`/projects/${project.id}`} className="hover:underline">
          {project.name}
        </Link>
      </div>
      <h1 dir="auto" className="max-w-3xl text-3xl font-semibold leading-tight tracking-tight [unicode-bidi:plaintext]">
        {article.title}
      </h1>
      <div
        className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-600"
        data-testid="article-metadata"
      >
        <span data-testid="article-source" className="font-medium text-stone-800">
          {article.source?.name ?? "No outlet"}
        </span>
        {article.author && <span>by {article.author}</span>}
        <span data-testid="article-published">{published ?? "Date unknown"}</span>
        {article.url && linkHost && (
          <a
            href={article.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="truncate text-indigo-700 hover:underline"
          >
            {linkHost}
          </a>
        )}
      </div>
      {roleAllows(project.role, "article.update") && (
        <div className="mt-4">
          <ArticleDetailsEditor
            articleId={article.id}
            projectId={article.projectId}
            values={{
              title: article.title,
              sourceName: article.source?.name ?? "",
              author: article.author ?? "",
              publishedAt: article.publishedAt ?? "",
              url: article.url ?? "",
            }}
          />
        </div>
      )}
      {assignment && <AssignmentBar articleId={article.id} state={assignment.state} />}
      <hr className="my-6 border-stone-200" />
      <ArticleReader
        article={{ id: article.id, projectId: article.projectId, text: article.text, revision: article.revision }}
        annotations={packSummaries(annotations)}
        codebook={codebook}
        viewer={{
          id: actor.userId,
          name: actor.name,
          canCreate: roleAllows(project.role, "annotation.create"),
          canEditAny: roleAllows(project.role, "annotation.edit-any"),
          canEditText: roleAllows(project.role, "article.update"),
          codesBlind: !seesOthersUnapprovedAnnotations(project),
        }}
      />
    </article>
  );
}
