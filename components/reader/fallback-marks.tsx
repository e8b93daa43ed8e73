import type { ReactNode } from "react";
import { translucent } from "@/components/ui/tag-color";
import type { PaintedSpan } from "./highlights";

/**
 * Highlights for browsers without the CSS Custom Highlight API: one line of
 * the article cut into `<mark>` pieces at every span boundary. The pieces hold
 * the text unchanged, so DOM positions map to the same offsets. Nested,
 * selected and unsaved spans (`underlinedIds`) are underlined.
 */
export function markedLine(
  line: string,
  lineStart: number,
  spans: PaintedSpan[],
  underlinedIds: ReadonlySet<string>,
): ReactNode {
  const lineEnd = lineStart + line.length;
  const inLine = spans.filter((span) => span.start < lineEnd && span.end > lineStart);
  if (inLine.length === 0) return line;
  const cuts = new Set([lineStart, lineEnd]);
  for (const span of inLine) {
    cuts.add(Math.max(lineStart, span.start));
    cuts.add(Math.min(lineEnd, span.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const text = line.slice(from - lineStart, to - lineStart);
    const covering = inLine.filter((span) => span.start <= from && span.end >= to);
    if (covering.length === 0) {
      pieces.push(text);
      continue;
    }
    // Layered translucent backgrounds blend like overlapping highlights do.
    const layers = covering.map(
      (span) => `linear-gradient(${translucent(span.color, 0.32)}, ${translucent(span.color, 0.32)})`,
    );
    const underlined = covering.some((span) => underlinedIds.has(span.id));
    pieces.push(
      <mark
        key={from}
        data-annotation-ids={covering.map((span) => span.id).join(" ")}
        className={`bg-transparent text-inherit ${underlined ? "underline decoration-2 underline-offset-4" : ""}`}
        style={{ backgroundImage: layers.join(", ") }}
      >
        {text}
      </mark>,
    );
  }
  return pieces;
}
