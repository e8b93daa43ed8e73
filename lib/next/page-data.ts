import "server-only";
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/actor";
import { requireSignedIn } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getProject } from "@/lib/projects";

/**
 * For pages: a lib call whose "not found" (which is also what outsiders of a
 * project get) renders the 404 page and whose "forbidden" (a role too low)
 * renders the 403 page; other errors propagate.
 */
export async function forPage<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") forbidden();
    throw error;
  }
}

/**
 * A page's own record (its article, event, project) with the signed-in
 * caller, loaded once per request: the tab's title (generateMetadata) and
 * the page both need it. Signed out: to sign-in and back to `path(id)`.
 */
export function pageRecord<T>(path: (id: string) => string, get: (actor: Actor, id: string) => Promise<T>) {
  return cache(async (id: string) => {
    const actor = await requireSignedIn(path(id));
    return { actor, record: await forPage(get(actor, id)) };
  });
}

/**
 * A page of a project (Events, Outlets, …) at /projects/:id/`slug`: its
 * project loaded once per request, and a tab titled "`title` · project" so
 * that the tabs of two projects tell themselves apart.
 */
export function projectSubpage(slug: string, title: string) {
  const load = pageRecord((projectId) => `/projects/${projectId}/${slug}`, getProject);
  return {
    load,
    generateMetadata: async ({ params }: { params: Promise<{ projectId: string }> }): Promise<Metadata> => {
      const { record: project } = await load((await params).projectId);
      return { title: `${title} · ${project.name}` };
    },
  };
}

/**
 * For pages whose query the reader typed (coders, search, articles to
 * compare): a refusal other than not-found/forbidden is a message to show on
 * the page beside the form, not an error page.
 */
export async function orProblem<T>(
  load: Promise<T>,
): Promise<{ data: T; problem: null } | { data: null; problem: string }> {
  try {
    return { data: await forPage(load), problem: null };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { data: null, problem: error.message };
    throw error;
  }
}

/** One parameter of a page's address (the last of a repeated one, as the API takes it), if given. */
export function queryParam(query: Record<string, string | string[] | undefined>, key: string): string | undefined {
  const value = query[key];
  return (Array.isArray(value) ? value.at(-1) : value) || undefined;
}
