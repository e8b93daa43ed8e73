import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
let reviewersAnnotation: string;
let editorsAnnotation: string;

beforeAll(async () => {
  team = await createProjectWithTeam("Comments");
  const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: { title: "t", text: "The dam was repaired. Residents disagree." },
  });
  const annotate = async (token: string, start: number, end: number, exact: string) =>
    (await api("POST", `/api/v1/articles/${article.body.id}/annotations`, { token, json: { start, end, exact } })).body
      .id as string;
  reviewersAnnotation = await annotate(team.reviewer.token, 0, 20, "The dam was repaired");
  editorsAnnotation = await annotate(team.editor.token, 22, 40, "Residents disagree");
});

const thread = (annotationId: string, token: string) =>
  api("GET", `/api/v1/annotations/${annotationId}/comments`, { token });
const post = (annotationId: string, token: string, text: unknown) =>
  api("POST", `/api/v1/annotations/${annotationId}/comments`, { token, json: { text } });

describe("comment threads", () => {
  it("adds comments oldest first, with author and time, for reviewers and editors; viewers read", async () => {
    const first = await post(reviewersAnnotation, team.reviewer.token, "Source?\nSee https://example.org/report");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      annotationId: reviewersAnnotation,
      text: "Source?\nSee https://example.org/report",
      author: { id: team.reviewer.id },
    });
    await post(reviewersAnnotation, team.editor.token, "The ministry's statement.");
    expect((await post(reviewersAnnotation, team.viewer.token, "I may not")).status).toBe(403);
    const list = await thread(reviewersAnnotation, team.viewer.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((comment: { text: string }) => comment.text)).toEqual([
      "Source?\nSee https://example.org/report",
      "The ministry's statement.",
    ]);
    expect(list.body.nextCursor).toBeNull();
  });

  it(
    "keeps blind coding: a reviewer can neither read nor " + "join the thread of another's unapproved annotation",
    async () => {
      expect((await thread(editorsAnnotation, team.reviewer.token)).status).toBe(404);
      expect((await post(editorsAnnotation, team.reviewer.token, "hello")).status).toBe(404);
      expect((await thread(editorsAnnotation, team.outsider.token)).status).toBe(404);
    },
  );

  it("lets authors edit and delete their own comments and editors delete any; refuses bad input", async () => {
    const mine = (await post(reviewersAnnotation, team.reviewer.token, "Typo hre")).body;
    const editors = (await post(reviewersAnnotation, team.editor.token, "Editor's view")).body;
    expect(
      (await api("PATCH", `/api/v1/comments/${mine.id}`, { token: team.reviewer.token, json: { text: "Typo here" } }))
        .body.text,
    ).toBe("Typo here");
    expect(
      (await api("PATCH", `/api/v1/comments/${editors.id}`, { token: team.reviewer.token, json: { text: "Mine now" } }))
        .status,
    ).toBe(403);
    expect(
      (
        await api("PATCH", `/api/v1/comments/${mine.id}`, {
          token: team.editor.token,
          json: { text: "Edited by the editor" },
        })
      ).status,
    ).toBe(403);
    expect((await api("DELETE", `/api/v1/comments/${editors.id}`, { token: team.reviewer.token })).status).toBe(403);
    const before = await countRows();
    expect((await post(reviewersAnnotation, team.reviewer.token, "   ")).status).toBe(422);
    expect((await post(reviewersAnnotation, team.reviewer.token, 42)).status).toBe(400);
    expect(await countRows()).toEqual(before);
    expect((await api("DELETE", `/api/v1/comments/${mine.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await api("DELETE", `/api/v1/comments/${editors.id}`, { token: team.editor.token })).status).toBe(204);
    expect(
      (await thread(reviewersAnnotation, team.reviewer.token)).body.items.map((comment: { id: string }) => comment.id),
    ).not.toContain(mine.id);
    expect(
      (await api("PATCH", `/api/v1/comments/${mine.id}`, { token: team.reviewer.token, json: { text: "gone" } }))
        .status,
    ).toBe(404);
  });
});
