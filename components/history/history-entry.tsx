import Link from "@/components/ui/link";
import { entityLabel, asWords } from "@/components/history/entry-format";
import { HistoryChanges } from "@/components/history/history-changes";
import { RestoreButton } from "@/components/history/restore-button";
import { formatMoment } from "@/components/ui/format";
import type { HistoryEntry } from "@/lib/history";
import { describeAction, RESTORABLE, UNDOABLE_MERGES } from "@/lib/history-kinds";

/**
 * One change in words: who did what to which thing (a link to it, where it is
 * shown), when, and the fields it changed; a deleted thing offers Restore, a merge Undo merge.
 */
export function HistoryEntryItem({ entry, projectId }: { entry: HistoryEntry; projectId: string }) {
  const label = entityLabel(entry);
  const thing = label ?? asWords(entry.entityType).toLowerCase();
  const restorable = RESTORABLE[entry.action];
  const undoableMerge = UNDOABLE_MERGES[entry.action];
  return (
    <li className="px-4 py-3 text-sm" data-testid="history-entry">
      <div className="flex flex-wrap items-baseline gap-x-1.5">
        <span className="font-medium">{entry.actor?.name ?? "The system"}</span>
        <span>{describeAction(entry)}</span>
        {entry.href ? (
          <Link href={entry.href} className="text-indigo-700 hover:underline">
            {thing}
          </Link>
        ) : (
          <span>{thing}</span>
        )}
        <span className="text-xs text-stone-500">{formatMoment(entry.createdAt)}</span>
        <Link
          href={`/projects/${projectId}/history?entity=${entry.entityId}`}
          className="text-xs text-stone-600 hover:underline"
          aria-label={`The whole history of ${thing}`}
        >
          its history
        </Link>
        {restorable && <RestoreButton path={`/api/v1/${restorable}/${entry.entityId}/restore`} subject={thing} />}
        {undoableMerge && (
          <RestoreButton
            path={`/api/v1/${undoableMerge}/${entry.entityId}/undo-merge`}
            subject={`of ${thing}`}
            label="Undo merge"
            done="Merge undone."
          />
        )}
      </div>
      <HistoryChanges changes={entry.changes} names={entry.names} />
    </li>
  );
}
