"use client";

import { useActionState } from "react";
import { createProjectAction } from "@/app/projects/actions";
import { FormError, SubmitButton, TextAreaField, TextField } from "@/components/ui/form";

export function CreateProjectForm() {
  const [state, action] = useActionState(createProjectAction, {});
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
