import { describe, expect, it } from "vitest";
import { api, baseUrl } from "../support/api";
import { createProjectWithTeam } from "../support/factories";

/** Opens the article's event stream as `token` and collects its events until `until` resolves. */
async function listen(articleId: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl()}/api/v1/articles/${articleId}/live`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const events: { type: string; id: string }[] = [];
  const reading = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((line) => line.startsWith("data: "));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return { response, events, close: async () => (controller.abort(), await reading) };
}

const waitFor = async (check: () => boolean) => {
  for (let attempt = 0; attempt < 50 && !check(); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
};

describe("live updates", () => {
  it("streams the article's changes as server-sent events, only what the reader may see", async () => {
    const team = await createProjectWithTeam("Live");
    const article = (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title: "t", text: "One claim. Two claim." } })).body;
    const editor = await listen(article.id, team.editor.token);
    const reviewer = await listen(article.id, team.reviewer.token);
    expect(editor.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await new Promise((resolve) => setTimeout(resolve, 300)); // both subscribed

    const reviewers = (await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: team.reviewer.token, json: { start: 0, end: 9, exact: "One claim" } })).body;
    const editors = (await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: team.editor.token, json: { start: 11, end: 20, exact: "Two claim" } })).body;
    const comment = (await api("POST", `/api/v1/annotations/${reviewers.id}/comments`, { token: team.editor.token, json: { text: "Source?" } })).body;
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

    expect((await api("GET", `/api/v1/articles/${article.id}/live`, { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/articles/${article.id}/live`)).status).toBe(401);
  });
});
