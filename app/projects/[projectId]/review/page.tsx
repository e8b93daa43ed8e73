import Link from "@/components/ui/link";
import { ReviewQueue } from "@/components/review/review-queue";
import { PageTitle } from "@/components/ui/card";
import { PageNavigation } from "@/components/ui/page-navigation";
import { Problem } from "@/components/ui/problem";
import { listArticleTitles } from "@/lib/articles";
import { listCodebook } from "@/lib/codebook";
import { projectMembers } from "@/lib/members";
import { orProblem, projectSubpage, queryParam } from "@/lib/next/page-data";
import { roleAllows } from "@/lib/permissions";
import { listProjectAnnotations } from "@/lib/review/queue";

const subpage = projectSubpage("review", "Review");
export const generateMetadata = subpage.generateMetadata;

const FILTERS = ["article", "author", "tag", "group", "olderThan"] as const;
const AGES = [
  { value: "1", label: "over a day old" },
  { value: "3", label: "over 3 days old" },
  { value: "7", label: "over a week old" },
  { value: "30", label: "over a month old" },
];
const field = "block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm sm:w-44";

/** The project's review queue: what waits for an editor's decision, oldest first, across its articles. */
export default async function ReviewPage({ params, searchParams }: PageProps<"/projects/[projectId]/review">) {
  const { projectId } = await params;
  const query = await searchParams;
  const { actor, record: project } = await subpage.load(projectId);
  const value = (key: string) => queryParam(query, key) ?? "";
  const filters = Object.fromEntries(FILTERS.map((key) => [key, value(key)]).filter(([, entry]) => entry));
  const cursor = queryParam(query, "cursor");
  const [{ data: page, problem }, articles, members, codebook] = await Promise.all([
    orProblem(listProjectAnnotations(actor, projectId, { ...filters, status: "SUBMITTED", cursor })),
    listArticleTitles(actor, projectId),
    projectMembers(actor, projectId),
    listCodebook(actor, projectId),
  ]);
  const groups = [...new Map(codebook.map((tag) => [tag.group.id, tag.group])).values()];
  const canReview = roleAllows(project.role, "annotation.review");
  const select = (name: string, label: string, options: { value: string; label: string }[], any: string) => (
    <label className="text-xs text-stone-600">
      {label}
      <select name={name} defaultValue={value(name)} className={field}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="space-y-5">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Review
      </PageTitle>
      <p className="max-w-3xl text-sm text-stone-600">
        The annotations submitted for review in every article of the project, the longest waiting first.
        {!canReview && " Editors approve or reject them; you see yours here while they wait."}
      </p>
      <form method="get" className="grid grid-cols-2 items-end gap-2 text-sm sm:flex sm:flex-wrap">
        {select(
          "article",
          "Article",
          articles.map((article) => ({ value: article.id, label: article.title })),
          "All articles",
        )}
        {select(
          "author",
          "Author",
          members.map((member) => ({ value: member.userId, label: member.name })),
          "Anyone",
        )}
        {select(
          "tag",
          "Tag",
          codebook.map((tag) => ({ value: tag.id, label: `${tag.group.name}: ${tag.name}` })),
          "Any tag",
        )}
        {select(
          "group",
          "Group",
          groups.map((group) => ({ value: group.id, label: group.name })),
          "Any group",
        )}
        {select("olderThan", "Age", AGES, "Any age")}
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white">
            Filter
          </button>
          {Object.keys(filters).length > 0 && (
            <Link href={`/projects/${projectId}/review`} className="px-1 py-1.5 text-indigo-700 hover:underline">
              Clear
            </Link>
          )}
        </div>
      </form>
      <Problem message={problem} />
      {page && page.items.length === 0 && (
        <p className="text-stone-600">
          {Object.keys(filters).length > 0 ? "Nothing waiting matches these filters." : "Nothing waits for review."}
        </p>
      )}
      {page && page.items.length > 0 && <ReviewQueue key={cursor ?? ""} items={page.items} canReview={canReview} />}
      <PageNavigation
        path={`/projects/${projectId}/review`}
        query={filters}
        cursor={cursor}
        nextCursor={page?.nextCursor ?? null}
        nextLabel="Next waiting →"
      />
    </div>
  );
}
