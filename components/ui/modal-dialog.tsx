"use client";

import { type ReactNode, useId, useRef } from "react";

/**
 * A button that opens a modal dialog titled `title` (Escape and `close` shut
 * it, and the focus goes back to the button). `children` receives `close`
 * for the dialog's own Close button.
 */
export function ModalDialog({
  opener,
  title,
  width = "max-w-xl",
  onOpen,
  children,
}: {
  opener: string;
  /** Called as the dialog opens: to load what it shows. */
  onOpen?: () => void;
  title: ReactNode;
  /** A Tailwind max-width class. */
  width?: string;
  children: (close: () => void) => ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = `${useId()}-title`;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          dialog.current?.showModal();
          onOpen?.();
        }}
        className={`rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 shadow-xs
          hover:bg-stone-50`}
      >
        {opener}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className={`m-auto w-full ${width} rounded-lg p-0 shadow-xl backdrop:bg-stone-900/40`}
      >
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children(() => dialog.current?.close())}
        </div>
      </dialog>
    </>
  );
}

/** The Close button at a dialog's foot. */
export function CloseButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md px-4 py-2 text-sm text-stone-700 hover:bg-stone-100">
      Close
    </button>
  );
}
