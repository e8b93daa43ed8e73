"use client";

import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { TextAreaField, TextField } from "@/components/ui/form";
import type { ProjectPublishing } from "@/lib/publishing";

const button = "rounded-md px-4 py-2 text-sm font-medium text-white shadow-xs disabled:opacity-50";

/** Saving a settings form's changes to the project through the API: its message, whether it is saving, and `save`. */
function useProjectSaving(projectId: string) {
  const { message, run } = useRefreshingAction();
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent, changes: Record<string, unknown>) {
    event.preventDefault();
    setSaving(true);
    await run(async () => {
      await callApi("PATCH", `/api/v1/projects/${projectId}`, { body: changes });
      return "Saved.";
    });
    setSaving(false);
  }

  return { message, saving, save };
}

/** The project's name and description, for editors; what was typed stays when saving fails. */
export function ProjectDetailsForm({
  projectId,
  name,
  description,
}: {
  projectId: string;
  name: string;
  description: string | null;
}) {
  const { message, saving, save } = useProjectSaving(projectId);
  const [values, setValues] = useState({ name, description: description ?? "" });

  return (
    <form
      onSubmit={(event) => save(event, { name: values.name, description: values.description || null })}
      aria-label="Project details"
      className="space-y-4"
    >
      <ActionMessage message={message} />
      <TextField
        label="Name"
        name="name"
        required
        maxLength={200}
        value={values.name}
        onChange={(change) => setValues({ ...values, name: change.target.value })}
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={3}
        maxLength={5000}
        value={values.description}
        onChange={(change) => setValues({ ...values, description: change.target.value })}
      />
      <button type="submit" disabled={saving} className={`${button} bg-indigo-600 hover:bg-indigo-500`}>
        {saving ? "Saving…" : "Save"}
      </button>
    </form>
  );
}

/** Deleting the project, once its name has been typed: a whole desk's work must not go with one stray click. */
export function DeleteProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove(event: FormEvent) {
    event.preventDefault();
    setDeleting(true);
    setError(null);
    try {
      await callApi("DELETE", `/api/v1/projects/${projectId}`);
      router.push("/projects");
      router.refresh();
    } catch (failure) {
      setError((failure as Error).message);
      setDeleting(false);
    }
  }

  return (
    <form onSubmit={remove} aria-label="Delete project" className="space-y-4">
      {error && <ActionMessage message={{ kind: "error", text: error }} />}
      <TextField
        label={`Type the project's name, “${name}”, to confirm`}
        name="confirm"
        autoComplete="off"
        value={typed}
        onChange={(change) => setTyped(change.target.value)}
      />
      <button type="submit" disabled={typed !== name || deleting} className={`${button} bg-red-700 hover:bg-red-600`}>
        {deleting ? "Deleting…" : "Delete this project"}
      </button>
    </form>
  );
}

/**
 * How the project's fact-checks are published as ClaimReview: the organisation named as their author, and the address
 * of each claim's review. Emptying the organisation's fields clears it.
 */
export function PublishingForm({ projectId, publishing }: { projectId: string; publishing: ProjectPublishing }) {
  const { message, saving, save } = useProjectSaving(projectId);
  const [values, setValues] = useState({
    name: publishing.publisher?.name ?? "",
    url: publishing.publisher?.url ?? "",
    logoUrl: publishing.publisher?.logoUrl ?? "",
    reviewUrlTemplate: publishing.reviewUrlTemplate ?? "",
  });
  const change = (field: keyof typeof values) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [field]: event.target.value });
  const { name, url, logoUrl, reviewUrlTemplate } = values;

  return (
    <form
      onSubmit={(event) =>
        save(event, {
          publisher: name.trim() || url.trim() ? { name, url, logoUrl: logoUrl || null } : null,
          reviewUrlTemplate: reviewUrlTemplate || null,
        })
      }
      aria-label="Publishing"
      className="space-y-4"
    >
      <ActionMessage message={message} />
      <TextField
        label="Organisation"
        name="publisher-name"
        maxLength={200}
        value={values.name}
        onChange={change("name")}
        hint="The fact-checker named as the reviews' author."
      />
      <TextField
        label="Organisation's website"
        name="publisher-url"
        type="url"
        value={values.url}
        onChange={change("url")}
        placeholder="https://factcheck.example.org"
      />
      <TextField
        label="Logo URL (optional)"
        name="publisher-logo"
        type="url"
        value={values.logoUrl}
        onChange={change("logoUrl")}
      />
      <TextField
        label="Review URL template"
        name="review-url-template"
        value={values.reviewUrlTemplate}
        onChange={change("reviewUrlTemplate")}
        placeholder="https://factcheck.example.org/claims/{id}"
        hint={
          <>
            Where each claim&apos;s review is published: <code>{"{id}"}</code> stands for the claim&apos;s id. A claim
            can also have its own review URL, set on its card.
          </>
        }
      />
      <button type="submit" disabled={saving} className={`${button} bg-indigo-600 hover:bg-indigo-500`}>
        {saving ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
