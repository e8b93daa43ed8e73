import { KeyboardHelp } from "./keyboard-help";

interface ToolbarProps {
  articleId: string;
  canCreate: boolean;
  canAdjudicate: boolean;
  /** Shown when the viewer may edit the text and is not editing it. */
  onEditText: (() => void) | null;
}

const BUTTON =
  "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-700 shadow-xs " +
  "hover:bg-stone-50";

/** The line above the article text: how to tag, its keys, and the editor's buttons. */
export function ReaderToolbar({ articleId, canCreate, canAdjudicate, onEditText }: ToolbarProps) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-3 text-xs text-stone-500">
      {canCreate && (
        <span>Select a passage (mouse, or focus the text and use Shift+arrows, then Enter) to tag it.</span>
      )}
      <KeyboardHelp />
      {canAdjudicate && (
        <a href={`/articles/${articleId}/adjudicate`} className={`ml-auto ${BUTTON}`}>
          Adjudicate
        </a>
      )}
      {onEditText && (
        <button type="button" onClick={onEditText} className={BUTTON}>
          Edit text
        </button>
      )}
    </div>
  );
}
