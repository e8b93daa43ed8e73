import { asWords, changeKind, changesToShow, shownValue } from "@/components/history/entry-format";
import type { HistoryEntry } from "@/lib/history";

/** The fields an entry changed: values of a created item, struck values of a deleted one, before → after otherwise. */
export function HistoryChanges({ changes, names }: Pick<HistoryEntry, "changes" | "names">) {
  const shown = changesToShow(changes);
  if (shown.length === 0) return null;
  const kind = changeKind(changes);
  return (
    <table className="mt-1 text-xs" data-testid="history-changes">
      <tbody>
        {shown.map((change) => (
          <tr key={change.field}>
            <th scope="row" className="pr-3 text-left align-top font-medium text-stone-600">
              {asWords(change.field)}
            </th>
            {kind !== "created" && (
              <td className="pr-2 align-top text-red-800 line-through decoration-red-300">
                {shownValue(change.before, names)}
              </td>
            )}
            {kind !== "deleted" && (
              <td className="align-top text-emerald-800">
                {kind === "changed" ? "→ " : ""}
                {shownValue(change.after, names)}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
