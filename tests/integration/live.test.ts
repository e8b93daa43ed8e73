import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember } from "@/lib/members";
import { createProject } from "@/lib/projects";
import { endSessions } from "@/lib/users";
import { api, baseUrl, errorCode, signIn } from "../support/api";
import { startAppInstance } from "../support/app-instance";
import { openEventStream, waitFor } from "../support/event-stream";
import { createProjectWithTeam, TEST_PASSWORD, type TestProject, type TestUser } from "../support/factories";

/** Opens the article's event stream (with a token or a session cookie); see openEventStream. */
const listen = (articleId: string, credentials: { token: string } | { cookie: string }, url = baseUrl()) =>
  openEventStream(`/api/v1/articles/${articleId}/live`, credentials, url);

/** Far below the 30 s period of the regular check: a change of access must end the stream at once. */
const PROMPTLY_MS = 5_000;

// One team for the file: the tests that take access away do it on projects of their own (a "desk"), so that the
// test process hashes passwords only here.
let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Live");
});

async function articleIn(projectId: string): Promise<string> {
  const article = await api("POST", `/api/v1/projects/${projectId}/articles`, {
    token: team.editor.token,
    json: { title: "t", text: "One claim. Two claim." },
  });
  return article.body.id;
}

/** A new project of the team's editor, with `member` in it and an article. */
async function newDesk(member: TestUser, role: "REVIEWER" | "VIEWER" = "REVIEWER") {
  const project = await createProject(team.editor.actor, { name: "Live desk" });
  await addMember(team.editor.actor, project.id, { email: member.email, role });
  return { projectId: project.id, articleId: await articleIn(project.id) };
}

/** Another token of the team's reviewer, made through the API. */
async function newReviewerToken(): Promise<{ id: string; token: string }> {
  return (await api("POST", "/api/v1/tokens", { json: { email: team.reviewer.email, password: TEST_PASSWORD } })).body;
}

describe("live updates", () => {
  it("streams the article's changes as server-sent events, only what the reader may see", async () => {
    const articleId = await articleIn(team.id);
    const editor = await listen(articleId, team.editor);
    const reviewer = await listen(articleId, team.reviewer);
    expect(editor.response.headers.get("content-type")).toMatch(/^text\/event-stream/);

    const reviewers = (
      await api("POST", `/api/v1/articles/${articleId}/annotations`, {
        token: team.reviewer.token,
        json: { start: 0, end: 9, exact: "One claim" },
      })
    ).body;
    const editors = (
      await api("POST", `/api/v1/articles/${articleId}/annotations`, {
        token: team.editor.token,
        json: { start: 11, end: 20, exact: "Two claim" },
      })
    ).body;
    const comment = (
      await api("POST", `/api/v1/annotations/${reviewers.id}/comments`, {
        token: team.editor.token,
        json: { text: "Source?" },
      })
    ).body;
    await waitFor(() => editor.events.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await editor.close();
    await reviewer.close();

    expect(editor.events).toEqual(
      expect.arrayContaining([
        { type: "annotation.created", id: reviewers.id, annotationId: reviewers.id },
        { type: "annotation.created", id: editors.id, annotationId: editors.id },
        { type: "comment.created", id: comment.id, annotationId: reviewers.id },
      ]),
    );
    // Blind coding: the reviewer hears of their own annotation and its comment, not of the editor's draft.
    expect(reviewer.events.map((event) => event.id).sort()).toEqual([reviewers.id, comment.id].sort());

    expect((await api("GET", `/api/v1/articles/${articleId}/live`, { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/articles/${articleId}/live`)).status).toBe(401);
  });

  type Desk = Awaited<ReturnType<typeof newDesk>>;
  type Credentials = { token: string } | { cookie: string };
  const accessEnds: {
    when: string;
    prepare: (desk: Desk) => Promise<{ credentials: Credentials; endAccess: () => Promise<unknown> }>;
    isEditorsToo?: boolean;
  }[] = [
    {
      when: "the member is removed",
      prepare: async (desk) => ({
        credentials: team.reviewer,
        endAccess: () =>
          api("DELETE", `/api/v1/projects/${desk.projectId}/members/${team.reviewer.id}`, { token: team.editor.token }),
      }),
    },
    {
      when: "the token is revoked",
      prepare: async () => {
        const token = await newReviewerToken();
        return {
          credentials: token,
          endAccess: () => api("DELETE", `/api/v1/tokens/${token.id}`, { token: token.token }),
        };
      },
    },
    {
      when: "every session of the user ends (sign-out everywhere, a new password)",
      prepare: async () => ({
        credentials: await signIn(team.reviewer.email, TEST_PASSWORD),
        endAccess: () => endSessions(team.reviewer.id),
      }),
    },
    {
      when: "the project is deleted",
      prepare: async (desk) => ({
        credentials: team.reviewer,
        endAccess: () => api("DELETE", `/api/v1/projects/${desk.projectId}`, { token: team.editor.token }),
      }),
      isEditorsToo: true,
    },
  ];
  it.each(accessEnds)("closes the stream at once when $when", async ({ when, prepare, isEditorsToo }) => {
    const desk = await newDesk(team.reviewer);
    const { credentials, endAccess } = await prepare(desk);
    const stream = await listen(desk.articleId, credentials);
    const editors = await listen(desk.articleId, team.editor);
    await endAccess();

    const closedAfter = await stream.ended(PROMPTLY_MS);
    expect(closedAfter).not.toBeNull();
    expect(closedAfter!).toBeLessThan(PROMPTLY_MS);
    console.log(`stream closed ${closedAfter} ms after ${when}`);
    // Only the streams of those who lost access.
    expect(await editors.ended(isEditorsToo ? PROMPTLY_MS : 300)).toSatisfy((closed) =>
      isEditorsToo ? closed !== null : closed === null,
    );
    await editors.close();
  });

  it("sends a removed member nothing written after the removal, however soon", async () => {
    const desk = await newDesk(team.viewer, "VIEWER");
    const annotation = (
      await api("POST", `/api/v1/articles/${desk.articleId}/annotations`, {
        token: team.editor.token,
        json: { start: 0, end: 9, exact: "One claim" },
      })
    ).body;
    const viewer = await listen(desk.articleId, team.viewer);
    const editor = await listen(desk.articleId, team.editor);

    // The removal, and a change committed a moment after it (two transactions, one round trip).
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(
        `
        BEGIN; DELETE FROM memberships WHERE project_id = '${desk.projectId}' AND user_id = '${team.viewer.id}'; COMMIT;
        UPDATE annotations SET note = 'Written after the removal', version = version + 1 ` +
          `WHERE id = '${annotation.id}';`,
      );
    } finally {
      await client.end();
    }

    await waitFor(() => editor.events.some((event) => event.type === "annotation.updated"));
    expect(await viewer.ended(PROMPTLY_MS)).not.toBeNull();
    await editor.close();
    expect(viewer.events).toEqual([]);
  });

  it(
    "allows 20 streams per user at once: the 21st is refused " + "with a JSON 429, and a closed stream frees its place",
    async () => {
      const articleId = await articleIn(team.id);
      const streams = await Promise.all(Array.from({ length: 20 }, () => listen(articleId, team.viewer)));

      const refused = await api("GET", `/api/v1/articles/${articleId}/live`, { token: team.viewer.token });
      expect(refused.status).toBe(429);
      expect(errorCode(refused)).toBe("rate_limited");
      // Another user's streams are counted apart.
      const editors = await listen(articleId, team.editor);
      await editors.close();

      await streams.pop()!.close();
      let reopened: Awaited<ReturnType<typeof listen>> | null = null;
      for (const started = Date.now(); !reopened && Date.now() - started < PROMPTLY_MS; ) {
        const probe = await fetch(`${baseUrl()}/api/v1/articles/${articleId}/live`, {
          headers: { authorization: `Bearer ${team.viewer.token}` },
        });
        await probe.body?.cancel();
        if (probe.status === 200) reopened = await listen(articleId, team.viewer);
        else await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(reopened).not.toBeNull();
      await Promise.all([...streams, reopened!].map((stream) => stream.close()));
    },
  );

  it(
    "tells its streams to resync once its lost connection to PostgreSQL is back (changes committed meanwhile were " +
      "announced to nobody), and goes on",
    async () => {
      const articleId = await articleIn(team.id);
      const stream = await listen(articleId, team.editor);

      // The app's LISTEN connection, by the name it gives itself (terminated in the select list: a condition could be
      // tried on any row).
      const terminated = await db().$queryRaw<{ pid: number }[]>`
      SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'parallax-live'
        AND datname = current_database()`;
      expect(terminated.length).toBeGreaterThan(0);
      await waitFor(() => stream.events.some((event) => event.type === "resync"));
      expect(stream.events).toContainEqual({ type: "resync" });

      const annotation = (
        await api("POST", `/api/v1/articles/${articleId}/annotations`, {
          token: team.editor.token,
          json: { start: 0, end: 9, exact: "One claim" },
        })
      ).body;
      await waitFor(() => stream.events.some((event) => event.id === annotation.id));
      await stream.close();
      expect(stream.events).toContainEqual({
        type: "annotation.created",
        id: annotation.id,
        annotationId: annotation.id,
      });
    },
  );

  it(
    "checks access again every PARALLAX_LIVE_RECHECK_SECONDS, " + "so a token reaching its expiry ends its streams",
    async () => {
      const desk = await newDesk(team.reviewer);
      const token = await newReviewerToken();
      const app = await startAppInstance({ PARALLAX_LIVE_RECHECK_SECONDS: "1" });
      try {
        const stream = await listen(desk.articleId, token, app.url);
        // An expiry passing is written nowhere: only the regular check can notice it.
        await db()
          .$executeRaw`UPDATE api_tokens SET expires_at = now() + interval '2 seconds' WHERE id = ${token.id}::uuid`;
        expect(await stream.ended(1_500)).toBeNull();
        expect(await stream.ended(3_500)).not.toBeNull();
      } finally {
        app.stop();
      }
    },
  );
});
