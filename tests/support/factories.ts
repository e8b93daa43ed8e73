import { randomUUID } from "node:crypto";
import { actorFor, type Actor } from "@/lib/actor";
import { createApiToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { addMember } from "@/lib/members";
import { createProject } from "@/lib/projects";
import { signUp } from "@/lib/users";
import { api } from "./api";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestUser {
  id: string;
  email: string;
  actor: Actor;
  token: string;
}

/**
 * A new user with a personal access token, through the same lib functions as
 * sign-up and POST /tokens. Every test makes its own users and projects, so
 * tests never depend on each other's data.
 */
export async function createUser(
  options: { siteRole?: "ADMIN" | "USER"; label?: string; email?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `${options.label ?? "user"}-${randomUUID()}@test.example`;
  const user = await signUp(
    { email, name: options.label ?? "Test user", password: TEST_PASSWORD },
    {
      ignoreSignupSwitch: true,
      siteRole: options.siteRole ?? "USER",
    },
  );
  const { token } = await createApiToken({ email, password: TEST_PASSWORD });
  return { id: user.id, email, actor: actorFor(user, "token"), token };
}

export type Role = "editor" | "reviewer" | "viewer";

export interface TestProject {
  id: string;
  editor: TestUser;
  reviewer: TestUser;
  viewer: TestUser;
  /** Signed in, but not a member. */
  outsider: TestUser;
  admin: TestUser;
}

/** A project with one member per role, an outsider and a site admin. */
export async function createProjectWithTeam(name = "Test project"): Promise<TestProject> {
  // One after another: at once, five transactions wait for five new connections, which a busy machine may not open
  // within a transaction's two seconds of waiting.
  const editor = await createUser({ label: "editor" });
  const reviewer = await createUser({ label: "reviewer" });
  const viewer = await createUser({ label: "viewer" });
  const outsider = await createUser({ label: "outsider" });
  const admin = await createUser({ label: "admin", siteRole: "ADMIN" });
  const project = await createProject(editor.actor, { name });
  await addMember(editor.actor, project.id, { email: reviewer.email, role: "REVIEWER" });
  await addMember(editor.actor, project.id, { email: viewer.email, role: "VIEWER" });
  return { id: project.id, editor, reviewer, viewer, outsider, admin };
}

/**
 * Lifts the default codebook's rules (one claim type, required; one verdict) in a project whose tests are about
 * something else: their annotations need no claim type to be submitted. tests/integration/codebook-rules.test.ts
 * tests the rules.
 */
export async function withoutCodebookRules(project: { id: string }): Promise<void> {
  await db().tagGroup.updateMany({ where: { projectId: project.id }, data: { choice: "multiple", required: false } });
}

/** Brings `user` into the project as people join: an editor's invitation through the API, accepted by them. */
export async function joinProject(
  projectId: string,
  editor: TestUser,
  user: TestUser,
  role: Role | Uppercase<Role>,
): Promise<void> {
  const invited = await api("POST", `/api/v1/projects/${projectId}/invitations`, {
    token: editor.token,
    json: { email: user.email, role: role.toUpperCase() },
  });
  if (invited.status !== 201) throw new Error(`invitation not made: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await api("POST", `/api/v1/invitations/${invited.body.id}/accept`, { token: user.token });
  if (accepted.status !== 200)
    throw new Error(`invitation not accepted: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}

/**
 * Rows in every table of the schema: compared before and after a refused request to prove it changed nothing. Not the
 * live notifications' outbox: a queue the app empties on its own time, also of what earlier tests wrote.
 */
export async function countRows(): Promise<Record<string, number>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'notification_outbox'
    ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db().$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${name}"`);
    counts[name] = Number(row!.count);
  }
  return counts;
}

/** Publishing settings that make a project's approved verdicts publishable as ClaimReview. */
export const TEST_PUBLISHING = {
  publisher: {
    name: "Example Fact Check",
    url: "https://factcheck.example.org/",
    logoUrl: "https://factcheck.example.org/logo.png",
  },
  reviewUrlTemplate: "https://factcheck.example.org/claims/{id}",
};

/** Sets TEST_PUBLISHING on the project through the API, as its editor. */
export async function setPublishing(projectId: string, editor: TestUser): Promise<void> {
  const response = await api("PATCH", `/api/v1/projects/${projectId}`, { token: editor.token, json: TEST_PUBLISHING });
  if (response.status !== 200)
    throw new Error(`publishing not set: ${response.status} ${JSON.stringify(response.body)}`);
}

/** An annotation of `quote` (its first place in the article's `text`) made through the API, with its id and version. */
export async function annotateQuote(
  articleId: string,
  text: string,
  quote: string,
  token: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const start = text.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, ...fields },
  });
  if (response.status !== 201)
    throw new Error(`annotation not made: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
