import Link from "@/components/ui/link";
import type { RuleBreach } from "@/lib/codebook/breaches";

/** The annotations that break the codebook's rules, each with a link to it in the reader. */
export function RuleBreaches({ breaches, total }: { breaches: RuleBreach[]; total: number }) {
  if (total === 0) return null;
  return (
    <section
      aria-labelledby="rule-breaches"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="rule-breaches"
    >
      <h2 id="rule-breaches" className="font-semibold text-amber-950">
        {total} annotation{total === 1 ? " breaks" : "s break"} the codebook&apos;s rules
      </h2>
      <p className="mt-1 text-sm text-amber-950">
        They stay as they are, but cannot be submitted or approved until their tags are fixed.
        {total > breaches.length && ` The first ${breaches.length} are listed.`}
      </p>
      <ul className="mt-2 space-y-1.5 text-sm">
        {breaches.map((breach) => (
          <li key={`${breach.id}-${breach.group.id}`} className="break-words">
            <Link href={breach.url} className="text-indigo-800 underline hover:no-underline">
              “{breach.exact.length > 80 ? `${breach.exact.slice(0, 80)}…` : breach.exact}”
            </Link>{" "}
            <span className="text-stone-700">
              in {breach.articleTitle} ({breach.status.toLowerCase()}):{" "}
              {breach.rule === "single"
                ? `${breach.tags.length} tags of “${breach.group.name}” (${breach.tags.join(", ")}), which allows one`
                : `no tag of the required group “${breach.group.name}”`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
