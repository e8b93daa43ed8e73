"use client";

import { useState } from "react";
import { annotationSubject } from "./accessible-names";
import { CommentThread, type ThreadPermissions } from "./comment-thread";
import type { ReaderAnnotation } from "./use-annotations";

interface AnnotationsHereProps {
  annotations: ReaderAnnotation[];
  /** An annotation's passage in the text. */
  quoteOf: (annotation: ReaderAnnotation) => string;
  position: { top: number; left: number };
  discussion: ThreadPermissions;
  onShow: (id: string) => void;
}

/** The popover over clicked highlights: the annotations there, each with its discussion a click away. */
export function AnnotationsHere({ annotations, quoteOf, position, discussion, onShow }: AnnotationsHereProps) {
  // With one annotation under the click its discussion is what one came for: open from the start.
  const [discussing, setDiscussing] = useState<string | null>(annotations.length === 1 ? annotations[0]!.id : null);
  return (
    <div
      data-parallax-ui
      role="dialog"
      aria-label="Annotations here"
      style={position}
      className={`absolute z-20 max-h-[70vh] w-80 max-w-full overflow-y-auto rounded-lg border border-stone-200
        bg-white p-2 shadow-lg`}
    >
      <p className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">Annotations here</p>
      <ul className="space-y-1">
        {annotations.map((annotation) => (
          <li key={annotation.id}>
            <button
              type="button"
              onClick={() => onShow(annotation.id)}
              className="w-full rounded-md px-2 py-1 text-start text-sm hover:bg-stone-100"
            >
              <span className="font-medium">{annotation.tags.map((tag) => tag.name).join(", ") || "Untagged"}</span>
              <span className="block truncate text-stone-600" dir="auto">
                {quoteOf(annotation)}
              </span>
            </button>
            {!annotation.pending && (
              <div className="px-2">
                <button
                  type="button"
                  aria-expanded={discussing === annotation.id}
                  aria-label={
                    `${discussing === annotation.id ? "Hide comments on" : "Comments on"} ` +
                    annotationSubject(quoteOf(annotation), annotation)
                  }
                  onClick={() => setDiscussing((current) => (current === annotation.id ? null : annotation.id))}
                  className="text-xs font-medium text-indigo-700 hover:underline"
                >
                  {discussing === annotation.id ? "Hide comments" : "Comments"}
                </button>
                {discussing === annotation.id && (
                  <CommentThread
                    annotationId={annotation.id}
                    permissions={discussion}
                    subject={annotationSubject(quoteOf(annotation), annotation)}
                  />
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
