"use client";

import { useActionState, useEffect, useState } from "react";
import { updateArticleAction } from "@/app/projects/actions";
import { ArticleMetadataFields, type ArticleMetadataValues } from "@/components/articles/article-metadata-fields";
import { FormError, SubmitButton } from "@/components/ui/form";

/** "Edit details" for editors: title, outlet, author, published date and URL. */
export function ArticleDetailsEditor({ articleId, values }: { articleId: string; values: ArticleMetadataValues }) {
  const [isOpen, setOpen] = useState(false);
  const [state, action] = useActionState(updateArticleAction.bind(null, articleId), {});
  useEffect(() => {
    if (state.savedAt) setOpen(false);
  }, [state.savedAt]);

  if (!isOpen) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-700 shadow-xs hover:bg-stone-50"
      >
        Edit details
      </button>
    );
  }
  return (
    <form action={action} className="mt-4 space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-xs" aria-label="Article details">
      <FormError message={state.error} />
      <ArticleMetadataFields values={values} errors={state.fieldErrors} />
      <div className="flex gap-2">
        <SubmitButton>Save details</SubmitButton>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md px-4 py-2 text-sm text-stone-700 hover:bg-stone-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
