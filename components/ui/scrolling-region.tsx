import type { ReactNode } from "react";

/**
 * The box of a table wider than a phone: it scrolls sideways, and takes
 * focus so that arrow keys scroll it too. `label` names it apart from the
 * section around it.
 */
export function ScrollingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focused, the table scrolls with the arrow keys.
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-stone-200 bg-white"
    >
      {children}
    </section>
  );
}
