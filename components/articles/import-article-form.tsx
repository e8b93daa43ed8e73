"use client";

import { useActionState } from "react";
import { importArticleAction } from "@/app/projects/actions";
import { ArticleMetadataFields } from "@/components/articles/article-metadata-fields";
import { FormError, SubmitButton, TextAreaField } from "@/components/ui/form";

export function ImportArticleForm({ projectId }: { projectId: string }) {
  const [state, action] = useActionState(importArticleAction.bind(null, projectId), {});
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <ArticleMetadataFields errors={state.fieldErrors} />
      <TextAreaField
        label="Text"
        name="text"
        required
        rows={16}
        className="font-serif"
        hint={
          "Paste the article's text. Each line becomes a paragraph; the text is stored exactly as pasted (line " +
          "breaks " +
          "unified, Unicode normalised)."
        }
        error={state.fieldErrors?.text}
      />
      <SubmitButton pendingLabel="Importing…">Import article</SubmitButton>
    </form>
  );
}
