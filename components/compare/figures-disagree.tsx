import type { Contradiction } from "@/lib/contradictions";

/** The figures of an event that its sources give differently: "NECN: 65 dead · KUNC: 75 dead". */
export function FiguresDisagree({ contradictions }: { contradictions: Contradiction[] }) {
  return (
    <ul aria-label="Figures that disagree" className="mt-2 space-y-1" data-testid="contradictions">
      {contradictions.map((contradiction) => (
        <li
          key={contradiction.measure}
          className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-950 ring-1 ring-amber-300 wrap-anywhere"
        >
          <span className="font-medium">Figures disagree:</span> {contradiction.summary}
        </li>
      ))}
    </ul>
  );
}
