"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import {
  ARTICLE_METADATA_FIELDS,
  ArticleMetadataFields,
  type ArticleMetadataValues,
} from "@/components/articles/article-metadata-fields";
import { callApi } from "@/components/client/api-client";
import { useApiForm } from "@/components/client/api-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormError, SubmitButton } from "@/components/ui/form";

/** "Edit details" for editors: title, outlet, author, published date and URL; and deleting the article. */
export function ArticleDetailsEditor({
  articleId,
  projectId,
  values,
}: {
  articleId: string;
  projectId: string;
  values: ArticleMetadataValues;
}) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [state, action] = useApiForm(ARTICLE_METADATA_FIELDS, async (fields) => {
    await callApi("PATCH", `/api/v1/articles/${articleId}`, { body: fields });
    router.refresh();
  });
  const [deleteError, setDeleteError] = useState<string>();

  async function deleteArticle() {
    setDeleteError(undefined);
    try {
      await callApi("DELETE", `/api/v1/articles/${articleId}`);
      router.push(`/projects/${projectId}`);
      router.refresh();
    } catch (failure) {
      setDeleteError((failure as Error).message);
    }
  }
  useEffect(() => {
    if (state.savedAt) setOpen(false);
  }, [state.savedAt]);

  if (!isOpen) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-700 shadow-xs
          hover:bg-stone-50`}
      >
        Edit details
      </button>
    );
  }
  return (
    <form
      action={action}
      className="mt-4 space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-xs"
      aria-label="Article details"
    >
      <FormError message={state.error ?? deleteError} />
      <ArticleMetadataFields values={values} errors={state.fieldErrors} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton>Save details</SubmitButton>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded-md px-4 py-2 text-sm text-stone-700 hover:bg-stone-100"
        >
          Cancel
        </button>
        <span className="ml-auto">
          <ConfirmButton
            label="Delete article"
            question="Delete this article? Its annotations leave the comparison, search and reports."
            onConfirm={deleteArticle}
            className="rounded-md border border-red-200 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
          />
        </span>
      </div>
    </form>
  );
}
