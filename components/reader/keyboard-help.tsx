import { READER_KEY_HELP } from "./reader-keys";

/** The article text's keys, a click (or Enter) away. */
export function KeyboardHelp() {
  return (
    <details className="relative" data-testid="keyboard-help">
      <summary
        className={`cursor-pointer rounded-sm underline decoration-dotted underline-offset-2
          hover:text-stone-700`}
      >
        Keyboard
      </summary>
      <dl
        className={
          "absolute left-0 z-30 mt-1 grid w-80 max-w-[calc(100vw-2rem)] grid-cols-[auto_1fr] gap-x-3 gap-y-1 " +
          "rounded-lg border border-stone-200 bg-white p-3 text-xs text-stone-700 shadow-lg"
        }
      >
        {READER_KEY_HELP.map(({ keys, action }) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="whitespace-nowrap rounded bg-stone-100 px-1 font-mono">{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
