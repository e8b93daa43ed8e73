"use client";

import { useActionState } from "react";
import { ApiFailure } from "./api-client";

/** What a form shows after a submit: the API's message, and one per field when the API named them (a 422's issues). */
export interface ApiFormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Bumped on success so a form can close or reset itself. */
  savedAt?: number;
}

function failureState(failure: unknown): ApiFormState {
  if (!(failure instanceof ApiFailure)) throw failure;
  const issues = (failure.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!issues?.length) return { error: failure.message };
  return {
    error: "Please correct the fields marked below.",
    fieldErrors: Object.fromEntries(issues.map((issue) => [issue.path, issue.message])),
  };
}

/**
 * A form that writes through the REST API (components/client/api-client):
 * `submit` receives the form's text fields named in `names` and makes the
 * call; an ApiFailure becomes the form's message (and one per field), as
 * `useActionState` hands it to the form; what `submit` returns joins the
 * state. Use it as `<form action={action}>`.
 */
export function useApiForm<Extra extends object = object>(
  names: readonly string[],
  // biome-ignore lint/suspicious/noConfusingVoidType: a `submit` with nothing to add returns `Promise<void>`.
  submit: (fields: Record<string, string>) => Promise<Extra | void>,
) {
  type State = ApiFormState & Partial<Extra>;
  return useActionState<State, FormData>(
    async (_previous, formData) => {
      const fields: Record<string, string> = {};
      for (const name of names) {
        const value = formData.get(name);
        if (typeof value === "string") fields[name] = value;
      }
      try {
        return { ...(await submit(fields)), savedAt: Date.now() } as State;
      } catch (failure) {
        return failureState(failure) as State;
      }
    },
    {} as Awaited<State>,
  );
}
