"use client";

import { useRouter } from "next/navigation";
import { ARTICLE_METADATA_FIELDS, ArticleMetadataFields } from "@/components/articles/article-metadata-fields";
import { callApi } from "@/components/client/api-client";
import { useApiForm } from "@/components/client/api-form";
import { FormError, SubmitButton, TextAreaField } from "@/components/ui/form";

export function ImportArticleForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [state, action] = useApiForm([...ARTICLE_METADATA_FIELDS, "text"], async (fields) => {
    const { id } = await callApi<{ id: string }>("POST", `/api/v1/projects/${projectId}/articles`, { body: fields });
    router.push(`/articles/${id}`);
  });
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
