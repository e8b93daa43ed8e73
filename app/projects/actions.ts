"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { importArticle, updateArticle } from "@/lib/articles";
import { requireActor } from "@/lib/auth/session";
import { formAction, formFields, type FormState } from "@/lib/next/forms";
import { createProject } from "@/lib/projects";

const ARTICLE_FIELDS = ["title", "sourceName", "author", "publishedAt", "url"] as const;

export async function createProjectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let projectId = "";
  const state = await formAction(async () => {
    projectId = (await createProject(await requireActor(), formFields(formData, ["name", "description"]))).id;
  });
  if (state.error) return state;
  redirect(`/projects/${projectId}`);
}

export async function importArticleAction(
  projectId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  let articleId = "";
  const state = await formAction(async () => {
    const fields = formFields(formData, [...ARTICLE_FIELDS, "text"]);
    articleId = (await importArticle(await requireActor(), projectId, fields)).id;
  });
  if (state.error) return state;
  redirect(`/articles/${articleId}`);
}

export async function updateArticleAction(
  articleId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const state = await formAction(async () => {
    await updateArticle(await requireActor(), articleId, formFields(formData, ARTICLE_FIELDS));
  });
  if (!state.error) revalidatePath(`/articles/${articleId}`);
  return state;
}
