"use client";

import { TextField } from "@/components/ui/form";

export interface ArticleMetadataValues {
  title?: string;
  sourceName?: string;
  author?: string;
  publishedAt?: string;
  url?: string;
}

/** The names of those fields, as the API takes them. */
export const ARTICLE_METADATA_FIELDS = ["title", "sourceName", "author", "publishedAt", "url"] as const;

/** The metadata fields shared by the import form and the edit form. */
export function ArticleMetadataFields({
  values = {},
  errors = {},
}: {
  values?: ArticleMetadataValues;
  errors?: Record<string, string>;
}) {
  return (
    <>
      <TextField label="Title" name="title" required maxLength={500} defaultValue={values.title} error={errors.title} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Outlet"
          name="sourceName"
          maxLength={200}
          defaultValue={values.sourceName}
          placeholder="e.g. The Western Journal"
          error={errors.sourceName}
        />
        <TextField label="Author" name="author" maxLength={300} defaultValue={values.author} error={errors.author} />
        <TextField
          label="Published"
          name="publishedAt"
          type="date"
          defaultValue={values.publishedAt}
          error={errors.publishedAt}
        />
        <TextField
          label="URL"
          name="url"
          type="url"
          maxLength={2048}
          defaultValue={values.url}
          placeholder="https://…"
          error={errors.url}
        />
      </div>
    </>
  );
}
