"use client";

import { useRouter } from "next/navigation";
import { callApi } from "@/components/client/api-client";
import { useApiForm } from "@/components/client/api-form";
import { FormError, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";

export function CreateProjectForm() {
  const router = useRouter();
  const [state, action] = useApiForm(["name", "description"], async (fields) => {
    const { id } = await callApi<{ id: string }>("POST", "/api/v1/projects", { body: fields });
    router.push(`/projects/${id}`);
  });
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <TextField
        label="Name"
        name="name"
        required
        maxLength={200}
        placeholder="e.g. Election coverage, week 12"
        error={state.fieldErrors?.name}
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={3}
        maxLength={5000}
        error={state.fieldErrors?.description}
      />
      <SubmitButton pendingLabel="Creating…">Create project</SubmitButton>
    </form>
  );
}
