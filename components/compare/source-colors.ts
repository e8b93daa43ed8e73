import type { CSSProperties } from "react";

/** One colour per compared source (column), in column order. */
const SOURCE_COLORS = ["#4f46e5", "#d97706", "#059669", "#db2777", "#0891b2", "#7c3aed"];

export function sourceColor(index: number): string {
  return SOURCE_COLORS[index % SOURCE_COLORS.length]!;
}

const STANCE_STYLE = {
  ASSERTS: "bg-emerald-100 text-emerald-900",
  DISPUTES: "bg-red-100 text-red-900",
  QUALIFIES: "bg-amber-100 text-amber-900",
  MENTIONS: "bg-stone-200 text-stone-800",
} as const;

export function stanceClass(stance: keyof typeof STANCE_STYLE): string {
  return STANCE_STYLE[stance];
}

/**
 * One equal column per source from the `md` breakpoint on (with the class `md:grid-cols-(--source-columns)`);
 * stacked below it.
 */
export function sourceColumns(count: number): CSSProperties {
  return { "--source-columns": `repeat(${count}, minmax(0, 1fr))` } as CSSProperties;
}
