import "server-only";
import { AppError } from "@/lib/errors";

/** What a server action hands back to its form. */
export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Bumped on success so a form can close or reset itself. */
  savedAt?: number;
}

/**
 * Runs a lib call for a form: an AppError becomes a message (and one per
 * field) for the form to show; anything else (a redirect, a bug) is rethrown.
 */
export async function formAction(work: () => Promise<void>): Promise<FormState> {
  try {
    await work();
    return { savedAt: Date.now() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    if (!issues?.length) return { error: error.message };
    const fieldErrors = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    return { error: "Please correct the fields marked below.", fieldErrors };
  }
}

/** FormData as a plain object of its text fields, for lib functions' zod schemas. */
export function formFields(formData: FormData, names: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}
