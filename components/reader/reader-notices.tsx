import type { ReanchorReport } from "./article-text-editor";

/** After a text edit: how the annotations were found again in the new text. */
export function ReanchorNotice({ report }: { report: ReanchorReport }) {
  return (
    <div
      role="status"
      className="mb-4 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
      data-testid="reanchor-report"
    >
      Text saved as revision {report.revision}. Annotations: {report.exact} found exactly, {report.moved} moved,{" "}
      {report.fuzzy} found approximately, {report.orphaned} orphaned.
    </div>
  );
}

/** While an orphan is being re-attached: what to select, and a way out. */
export function ReattachNotice({ quote, onCancel }: { quote: string; onCancel: () => void }) {
  return (
    <div
      role="status"
      className={`mb-4 flex items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm
        text-amber-900`}
    >
      <span>Select the passage “{quote}” now refers to, then confirm.</span>
      <button type="button" onClick={onCancel} className="ml-auto rounded-md px-2 py-0.5 hover:bg-amber-100">
        Cancel
      </button>
    </div>
  );
}
