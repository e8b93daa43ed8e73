"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { TagChips } from "@/components/ui/tag-chips";
import { UndoableMessage, useUndoableAction } from "@/components/ui/undoable-action";
import type { Adjudication, AdjudicationUnit } from "@/lib/review/adjudication";
import { type Overturn, overturnsOf } from "@/lib/review/overturn-rules";
import type { AnnotationView } from "@/lib/annotations";
import { MergePicker, mergeTags } from "./merge-picker";
import { OverturnConfirmation } from "./overturn-confirmation";

const KIND_LABEL = {
  agreement: "Agreement",
  "tags-differ": "Same span, different tags",
  "spans-differ": "Different boundaries",
  single: "Marked by one coder",
} as const;
const KIND_STYLE = {
  agreement: "bg-emerald-100 text-emerald-900",
  "tags-differ": "bg-amber-100 text-amber-900",
  "spans-differ": "bg-amber-100 text-amber-900",
  single: "bg-stone-200 text-stone-800",
} as const;

/** The versions a decision changes, at the versions it was made on: the accepted one and those not rejected yet. */
const versionsOf = (unit: AdjudicationUnit, accepted: AnnotationView) =>
  Object.fromEntries(
    unit.versions
      .filter((version) => version && (version.id === accepted.id || version.status !== "REJECTED"))
      .map((version) => [version!.id, version!.version]),
  );

/** The unit's one approved version, every other one rejected: accepting it again would change nothing. */
const isAccepted = (unit: AdjudicationUnit, version: AnnotationView) =>
  version.status === "APPROVED" &&
  unit.versions.every((other) => !other || other.id === version.id || other.status === "REJECTED");

/** What a decision on the unit would overturn, as the server would refuse it without confirmation. */
const overturnsIn = (unit: AdjudicationUnit, accepted: AnnotationView, tags?: string[]) =>
  overturnsOf(
    unit.versions
      .filter((version): version is AnnotationView => version !== null)
      .map((version) => ({ ...version, authorName: version.author.name })),
    accepted.id,
    tags,
  );

interface Decision {
  unit: AdjudicationUnit;
  accepted: AnnotationView;
  tags?: string[];
  /** The tag kept in each single-choice group the merged versions clash in. */
  keep?: string[];
  /** What the page says once it is made. */
  done: string;
}

/**
 * Units of two or more reviewers' annotations, one per row. Accept one
 * version (the others are rejected, saying why) or merge their tags into one,
 * approved: one request each, all or nothing. Keyboard: j/k move, 1–9
 * accept that reviewer's version, m merges, u undoes the last decision. On a
 * settled unit a decision is asked first (what it overturns), and sent with
 * `overturn: true` only once confirmed.
 */
export function AdjudicationBoard({ adjudication, articleId }: { adjudication: Adjudication; articleId: string }) {
  const [focus, setFocus] = useState(0);
  const { message, run, undo } = useUndoableAction();
  const [asking, setAsking] = useState<(Decision & { overturns: Overturn[] }) | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const { coders, units, singleChoiceGroups } = adjudication;
  // The unit whose merge waits for the tags to keep in its single-choice groups.
  const [picking, setPicking] = useState<number | null>(null);

  useEffect(() => rows.current[focus]?.focus(), [focus]);

  /** Settles the unit; the message after it offers to undo it (every annotation it changed, back as it was). */
  const settle = ({ unit, accepted, tags, keep, done }: Decision, overturn: boolean) =>
    run(async () => {
      const { accepted: kept, rejected } = await callApi<{ accepted: AnnotationView; rejected: AnnotationView[] }>(
        "POST",
        `/api/v1/articles/${articleId}/adjudication`,
        {
          body: {
            accept: accepted.id,
            versions: versionsOf(unit, accepted),
            ...(tags ? { tags } : {}),
            ...(keep ? { keep } : {}),
            ...(overturn ? { overturn } : {}),
          },
        },
      );
      const versions = Object.fromEntries([kept, ...rejected].map((version) => [version.id, version.version]));
      const undoIt = async () => {
        await callApi("POST", `/api/v1/articles/${articleId}/adjudication/undo`, { body: { versions } });
        return "Undone: the unit is back as it was.";
      };
      return { text: done, undo: undoIt };
    });

  /** A decision on a settled unit waits for confirmation; any other is made at once. */
  const decide = (decision: Decision) => {
    const overturns = overturnsIn(decision.unit, decision.accepted, decision.tags);
    if (overturns.length > 0) setAsking({ ...decision, overturns });
    else void settle(decision, false);
  };

  const accept = (unit: AdjudicationUnit, coder: number) => {
    const chosen = unit.versions[coder];
    if (!chosen)
      return run(async () => {
        throw new Error(`${coders[coder]?.name ?? "That reviewer"} has no version here.`);
      });
    decide({ unit, accepted: chosen, done: `Accepted ${chosen.author.name}'s version.` });
  };

  /** Merges the versions' tags into the first, after asking which to keep where only one may be (`keep`). */
  const merge = (unit: AdjudicationUnit, keep?: string[]) => {
    const present = unit.versions.filter((version): version is AnnotationView => version !== null);
    const [kept] = present;
    if (!kept) return;
    const { tags, clashes } = mergeTags(present, singleChoiceGroups);
    if (clashes.length > 0 && !keep) return setPicking(units.indexOf(unit));
    setPicking(null);
    // The tags the merge gives: in each clashing group only the one kept.
    const dropped = new Set(
      clashes.flatMap((clash) => clash.tags.filter((tag) => !keep?.includes(tag.id))).map((tag) => tag.id),
    );
    decide({
      unit,
      accepted: kept,
      tags: tags.filter((tag) => !dropped.has(tag.id)).map((tag) => tag.id),
      done: `Merged the tags into ${kept.author.name}'s version.`,
    });
  };

  const closeQuestion = () => {
    const index = asking ? units.indexOf(asking.unit) : -1;
    setAsking(null);
    if (index >= 0) rows.current[index]?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    const unit = units[focus];
    if (event.key === "j" || event.key === "ArrowDown") setFocus((current) => Math.min(units.length - 1, current + 1));
    else if (event.key === "k" || event.key === "ArrowUp") setFocus((current) => Math.max(0, current - 1));
    else if (unit && /^[1-9]$/.test(event.key)) void accept(unit, Number(event.key) - 1);
    else if (unit && event.key === "m") merge(unit);
    else if (event.key === "u" && message?.undo) void undo();
    else return;
    event.preventDefault();
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous,{" "}
        {coders.map((coder, index) => (
          <span key={coder.id}>
            <kbd>{index + 1}</kbd> accept {coder.name}&apos;s,{" "}
          </span>
        ))}
        <kbd>m</kbd> merge the tags, <kbd>u</kbd> undo the last decision.
      </p>
      <div aria-live="polite">
        <UndoableMessage message={message} onUndo={undo} />
      </div>
      {units.length === 0 && <p className="text-stone-600">No annotations on this article yet.</p>}
      <ol className="space-y-3" onKeyDown={onKeyDown} aria-label="Units to adjudicate">
        {units.map((unit, index) => (
          <li
            key={unit.versions.map((version) => version?.id ?? "-").join("")}
            ref={(element) => {
              rows.current[index] = element;
            }}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the adjudication keys act on the focused unit.
            tabIndex={0}
            onFocus={() => setFocus(index)}
            aria-current={index === focus ? "true" : undefined}
            data-testid="adjudication-unit"
            className={`rounded-lg border bg-white p-3 shadow-xs outline-none ${
              index === focus ? "border-indigo-400 ring-2 ring-indigo-200" : "border-stone-200"
            }`}
          >
            {asking?.unit === unit && (
              <OverturnConfirmation
                overturns={asking.overturns}
                onConfirm={() => {
                  closeQuestion();
                  void settle(asking, true);
                }}
                onKeep={closeQuestion}
              />
            )}
            <div className="mb-2 flex items-center gap-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND_STYLE[unit.kind]}`}>
                {KIND_LABEL[unit.kind]}
              </span>
              {unit.versions.some((version) => version?.status === "APPROVED") && (
                <span className="text-xs font-medium text-emerald-700">✓ settled</span>
              )}
              <button
                type="button"
                onClick={() => merge(unit)}
                className="ml-auto rounded-md border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-50"
              >
                Merge tags
              </button>
            </div>
            <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${coders.length}, minmax(0, 1fr))` }}>
              {unit.versions.map((version, coder) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one column per coder, always in the coders' order.
                <div key={coder} className="text-sm">
                  <p className="text-xs font-semibold text-stone-600">
                    {coder + 1}. {coders[coder]?.name}
                  </p>
                  {version ? (
                    <>
                      <q dir="auto" className="font-serif">
                        {version.exact}
                      </q>
                      <TagChips tags={version.tags} className="mt-1" />
                      <p className="mt-1 text-xs text-stone-500" title={version.reviewNote ?? undefined}>
                        {version.status.toLowerCase()}
                      </p>
                      {isAccepted(unit, version) ? (
                        <p className="mt-1 text-xs font-medium text-emerald-700">✓ Accepted version</p>
                      ) : (
                        <button
                          type="button"
                          onClick={() => accept(unit, coder)}
                          className={`mt-1 rounded-md border border-emerald-300 px-2 py-0.5 text-xs font-medium
                            text-emerald-800 hover:bg-emerald-50`}
                        >
                          Accept this version
                        </button>
                      )}
                    </>
                  ) : (
                    <p className="text-xs italic text-stone-500">Not marked</p>
                  )}
                </div>
              ))}
            </div>
            {picking === index && (
              <MergePicker
                clashes={
                  mergeTags(
                    unit.versions.filter((version): version is AnnotationView => version !== null),
                    singleChoiceGroups,
                  ).clashes
                }
                onMerge={(keep) => merge(unit, keep)}
                onCancel={() => {
                  setPicking(null);
                  rows.current[index]?.focus();
                }}
              />
            )}
          </li>
        ))}
      </ol>
      <p>
        <a href={`/articles/${articleId}`} className="text-sm text-indigo-700 hover:underline">
          Back to the article
        </a>
      </p>
    </div>
  );
}
