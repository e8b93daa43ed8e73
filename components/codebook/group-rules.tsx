"use client";

import { useId } from "react";
import { callApi } from "@/components/client/api-client";
import type { RunAction } from "@/components/ui/action-message";
import type { TagView, UpdatedTagGroup } from "@/lib/codebook";

type Group = TagView["group"];

/** A group's rules in words, for those who read the codebook. */
export function describeRules(group: Pick<Group, "choice" | "required">): string {
  const choice = group.choice === "single" ? "one tag at most" : "any number of tags";
  return group.required ? `${choice} · required` : choice;
}

/**
 * An editor's controls for a group's rules: how many of its tags an annotation may carry, and whether it needs one.
 * Each change is saved at once; the answer says how many annotations now break the rules (the page lists them).
 */
export function GroupRules({ group, run }: { group: Group; run: RunAction }) {
  const choiceId = useId();
  const save = (changes: Partial<Pick<Group, "choice" | "required">>) =>
    run(async () => {
      const saved = await callApi<UpdatedTagGroup>("PATCH", `/api/v1/tag-groups/${group.id}`, { body: changes });
      const breaking = saved.breachCount;
      return `Saved the rules of “${saved.name}”: ${describeRules(saved)}.${
        breaking
          ? ` ${breaking} annotation${breaking === 1 ? " breaks" : "s break"} them (listed below); no annotation was ` +
            "changed, and those cannot be submitted or approved until fixed."
          : ""
      }`;
    });
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-700">
      <span className="flex items-center gap-1.5">
        <label htmlFor={choiceId}>Tags per annotation</label>
        <select
          id={choiceId}
          value={group.choice}
          onChange={(event) => save({ choice: event.target.value as Group["choice"] })}
          className="rounded-md border border-stone-300 bg-white px-1.5 py-1 text-sm"
        >
          <option value="multiple">Any number</option>
          <option value="single">One at most</option>
        </select>
      </span>
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={group.required}
          onChange={(event) => save({ required: event.target.checked })}
        />
        Required to submit
      </label>
    </div>
  );
}
