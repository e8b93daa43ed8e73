"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";

/**
 * "Merge into…": picks another item of the list, then asks before merging,
 * saying what moves (the message after it offers Undo).
 */
export function MergeInto({
  name,
  others,
  moves,
  onMerge,
}: {
  /** The item merged away, as its row shows it. */
  name: string;
  others: { id: string; name: string }[];
  /** What moves to the item kept, said before merging. */
  moves: string;
  onMerge: (intoId: string) => Promise<unknown>;
}) {
  const [into, setInto] = useState("");
  const intoName = others.find((other) => other.id === into)?.name ?? "";
  return (
    <>
      <select
        aria-label={`Merge “${name}” into`}
        value={into}
        onChange={(change) => setInto(change.target.value)}
        className="max-w-48 rounded-md border border-stone-300 px-1 py-1 text-xs"
      >
        <option value="">Merge into…</option>
        {others.map((other) => (
          <option key={other.id} value={other.id}>
            {other.name}
          </option>
        ))}
      </select>
      <ConfirmButton
        label="Merge"
        question={`Merge “${name}” into “${intoName}”? ${moves}`}
        confirmLabel="Yes, merge"
        disabled={!into}
        onConfirm={() => onMerge(into)}
        className="rounded-md border border-stone-300 px-2 py-1 text-xs hover:bg-stone-50 disabled:opacity-40"
      />
    </>
  );
}
