import { stringify } from "csv-stringify/sync";
import Link from "@/components/ui/link";
import { PageTitle } from "@/components/ui/card";
import { Problem } from "@/components/ui/problem";
import { measureAgreement, suggestedCoders } from "@/lib/review/agreement";
import { projectMembers } from "@/lib/members";
import { orProblem, projectSubpage } from "@/lib/next/page-data";

const subpage = projectSubpage("agreement", "Agreement");
export const generateMetadata = subpage.generateMetadata;

const figure = (value: number | null) => (value === null ? "—" : value.toFixed(3));

export default async function AgreementPage({ params, searchParams }: PageProps<"/projects/[projectId]/agreement">) {
  const { projectId } = await params;
  const query = await searchParams;
  const { actor, record: project } = await subpage.load(projectId);
  const members = await projectMembers(actor, projectId);
  const chosen = [query.coders ?? []].flat().join(",");
  const suggested = suggestedCoders(members);
  const coders = chosen || suggested.join(",");
  // Without two members who can annotate there is nothing to compare yet: say how to get there instead of measuring.
  const tooFewCoders = !chosen && suggested.length < 2;

  const { data: report, problem } = tooFewCoders
    ? { data: null, problem: null }
    : await orProblem(measureAgreement(actor, projectId, { coders }));
  const rows = report
    ? report.groups.flatMap((group) => [
        {
          level: "group",
          name: group.group,
          units: group.units,
          observed: group.observed,
          kappa: group.kappa,
          alpha: group.alpha,
        },
        ...group.tags.map((tag) => ({
          level: "tag",
          name: `${group.group} · ${tag.tag}`,
          units: group.units,
          observed: null,
          kappa: tag.kappa,
          alpha: tag.alpha,
        })),
      ])
    : [];
  const csv = report
    ? stringify(
        [
          ...rows.map(({ level, name, units, observed, kappa, alpha }) => [level, name, units, observed, kappa, alpha]),
          ["links", "claim links", report.links.units, report.links.observed, report.links.kappa, report.links.alpha],
        ],
        {
          header: true,
          columns: ["level", "name", "units", "observed", "kappa", "alpha"],
          escape_formulas: true,
          record_delimiter: "windows",
        },
      )
    : "";

  return (
    <div className="space-y-6">
      <PageTitle
        eyebrow={
          <Link href={`/projects/${projectId}`} className="hover:underline">
            {project.name}
          </Link>
        }
      >
        Agreement
      </PageTitle>
      <form
        method="get"
        aria-label="Choose coders"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm shadow-xs"
      >
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-stone-600">Coders to compare (two or more)</legend>
          <div className="flex flex-wrap gap-3">
            {members.map((member) => (
              <label key={member.userId} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  name="coders"
                  value={member.userId}
                  defaultChecked={coders.split(",").includes(member.userId)}
                />
                {member.name} <span className="text-xs text-stone-500">({member.role.toLowerCase()})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white">
          Measure
        </button>
      </form>
      {tooFewCoders && (
        <p role="status" className="max-w-3xl rounded-md bg-stone-100 px-4 py-3 text-sm text-stone-700">
          Agreement compares how two or more people coded the same articles independently. This project has{" "}
          {suggested.length === 0 ? "no member" : "one member"} who can annotate (editors and reviewers):{" "}
          <Link href={`/projects/${projectId}/members`} className="font-medium text-indigo-700 underline">
            add a reviewer
          </Link>
          , let both code the same articles, then measure their agreement here.
        </p>
      )}
      <Problem message={problem} />
      {report && (
        <>
          <p className="max-w-3xl text-sm text-stone-600">
            {report.spans.total} passages were marked; {report.spans.matched} by every coder (spans matched by overlap,
            boundaries may differ). <strong>Observed</strong> is the share of those passages coded alike.{" "}
            <strong>Cohen&apos;s kappa</strong> corrects it for the agreement two coders would reach by chance (1 =
            perfect, 0 = chance). <strong>Krippendorff&apos;s alpha</strong> is the unitized alpha: it compares where
            each coder began and ended each tag across the whole texts, so differing boundaries and passages only some
            coders marked lower it. 0.8 or more is usually taken as reliable, below 0.667 as not. For claim links, the
            units are the passages every coder marked: do they link them to the same events with the same stances?
          </p>
          {/* On a phone the figures scroll sideways: the region takes focus so that arrow keys scroll it too. */}
          <section
            aria-label="Agreement per codebook group and tag"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: focused, the figures scroll with the arrow keys.
            tabIndex={0}
            className="max-w-4xl overflow-x-auto rounded-sm focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <table className="w-full text-left text-sm" data-testid="agreement-table">
              <thead className="border-b border-stone-200 text-xs uppercase tracking-wide text-stone-500">
                <tr>
                  <th className="py-2">Codebook group / tag</th>
                  <th className="py-2 pl-4 text-right">Units</th>
                  <th className="py-2 pl-4 text-right">Observed</th>
                  <th className="py-2 pl-4 text-right">Kappa</th>
                  <th className="py-2 pl-4 text-right">Alpha</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rows.map((row) => (
                  <tr key={row.name} className={row.level === "group" ? "font-medium" : "text-stone-600"}>
                    <td className={`py-1.5 ${row.level === "tag" ? "pl-4" : ""}`}>{row.name}</td>
                    <td className="py-1.5 pl-4 text-right tabular-nums">{row.level === "group" ? row.units : ""}</td>
                    <td className="py-1.5 pl-4 text-right tabular-nums">
                      {row.level === "group" ? figure(row.observed) : ""}
                    </td>
                    <td className="py-1.5 pl-4 text-right tabular-nums">{figure(row.kappa)}</td>
                    <td className="py-1.5 pl-4 text-right tabular-nums">{figure(row.alpha)}</td>
                  </tr>
                ))}
                <tr className="border-t-2 border-stone-300 font-medium">
                  <td className="py-1.5">Claim links (same events, same stances)</td>
                  <td className="py-1.5 pl-4 text-right tabular-nums">{report.links.units}</td>
                  <td className="py-1.5 pl-4 text-right tabular-nums">{figure(report.links.observed)}</td>
                  <td className="py-1.5 pl-4 text-right tabular-nums">{figure(report.links.kappa)}</td>
                  <td className="py-1.5 pl-4 text-right tabular-nums">{figure(report.links.alpha)}</td>
                </tr>
              </tbody>
            </table>
          </section>
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
            download="agreement.csv"
            className={`inline-block rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium
              hover:bg-stone-50`}
          >
            Download as CSV
          </a>
        </>
      )}
    </div>
  );
}
