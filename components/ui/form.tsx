"use client";

import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";

const controlClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-stone-400 " +
  "focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 " +
  "aria-[invalid=true]:border-red-500";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
}

/** Label, hint and error around a control, wired up for screen readers. */
function Field({ label, name, error, hint, control }: FieldProps & { control: (aria: object) => ReactNode }) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const aria = {
    id: name,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {control(aria)}
      {hint && (
        <p id={hintId} className="text-xs text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** A caller's className adds to the control's look instead of replacing it. */
const controlClassWith = (className?: string) => (className ? `${controlClass} ${className}` : controlClass);

export function TextField({
  label,
  name,
  error,
  hint,
  className,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      {...{ label, name, error, hint }}
      control={(aria) => <input className={controlClassWith(className)} {...aria} {...input} />}
    />
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  className,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field
      {...{ label, name, error, hint }}
      control={(aria) => <textarea className={controlClassWith(className)} {...aria} {...input} />}
    />
  );
}

export function SubmitButton({ children, pendingLabel }: { children: ReactNode; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium
        text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60`}
    >
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
