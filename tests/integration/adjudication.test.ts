import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
let articleId: string;
const TEXT = "The governor said 12 schools reopened. Parents said classes are still cancelled.";

async function annotate(quote: string, tags: string[], token: string) {
  const start = TEXT.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
}

const settle = (json: unknown, token = team.editor.token) =>
  api("POST", `/api/v1/articles/${articleId}/adjudication`, { token, json });
const stored = (ids: string[]) =>
  db().annotation.findMany({
    where: { id: { in: ids } },
    orderBy: { createdAt: "asc" },
    select: { status: true, reviewNote: true, version: true, tags: { select: { tag: { select: { name: true } } } } },
  });
const auditCount = () => db().auditEntry.count({ where: { projectId: team.id } });

beforeAll(async () => {
  team = await createProjectWithTeam("Adjudication");
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Schools", text: TEXT },
    })
  ).body.id;
});

describe("adjudication", () => {
  it(
    "accepts one version and rejects the others in one step, " + "saying why; or merges the tags into the accepted one",
    async () => {
      const mine = await annotate("12 schools reopened", ["statistic", "economic"], team.reviewer.token);
      const theirs = await annotate("12 schools reopened", ["statistic", "political"], team.editor.token);
      const response = await settle({
        accept: mine.id,
        versions: { [mine.id]: mine.version, [theirs.id]: theirs.version },
        tags: ["statistic", "economic", "political"],
      });
      expect(response.status).toBe(200);
      expect(response.body.accepted).toMatchObject({ id: mine.id, status: "APPROVED", version: mine.version + 1 });
      expect(response.body.accepted.tags.map((tag: { name: string }) => tag.name).sort()).toEqual([
        "economic",
        "political",
        "statistic",
      ]);
      expect(response.body.rejected).toEqual([
        expect.objectContaining({
          id: theirs.id,
          status: "REJECTED",
          reviewNote: "Another version was accepted in adjudication.",
        }),
      ]);
    },
  );

  it("changes nothing when one version has moved on (412, naming it) or is not of this article (422)", async () => {
    const first = await annotate("classes are still cancelled", ["factual claim"], team.reviewer.token);
    const second = await annotate("classes are still cancelled", ["opinion"], team.editor.token);
    const edited = await api("PATCH", `/api/v1/annotations/${second.id}`, {
      token: team.editor.token,
      json: { note: "changed meanwhile" },
      headers: { "if-match": `"${second.version}"` },
    });
    expect(edited.status).toBe(200);
    const elsewhere = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Other", text: TEXT },
    });
    const quote = "Parents said";
    const foreign = (
      await api("POST", `/api/v1/articles/${elsewhere.body.id}/annotations`, {
        token: team.editor.token,
        json: { start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote },
      })
    ).body;
    const before = { rows: await stored([first.id, second.id, foreign.id]), audits: await auditCount() };

    const stale = await settle({
      accept: first.id,
      versions: { [first.id]: first.version, [second.id]: second.version },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details).toMatchObject({ annotationId: second.id, currentVersion: second.version + 1 });

    const otherArticle = await settle({
      accept: first.id,
      versions: { [first.id]: first.version, [foreign.id]: foreign.version },
    });
    expect(otherArticle.status).toBe(422);
    expect(otherArticle.body.error.message).toContain(foreign.id);

    const notAmong = await settle({ accept: first.id, versions: { [second.id]: second.version + 1 } });
    expect(notAmong.status).toBe(422);
    expect(await stored([first.id, second.id, foreign.id])).toEqual(before.rows);
    expect(await auditCount()).toBe(before.audits);

    const settled = await settle({
      accept: first.id,
      versions: { [first.id]: first.version, [second.id]: second.version + 1 },
    });
    expect(settled.status).toBe(200);
    expect((await stored([first.id, second.id])).map((row) => row.status)).toEqual(["APPROVED", "REJECTED"]);
  });

  it("is for editors: reviewers and viewers get 403, outsiders 404, and nothing changes", async () => {
    const version = await annotate("The governor said", ["quote/attribution"], team.reviewer.token);
    const body = { accept: version.id, versions: { [version.id]: version.version } };
    expect((await settle(body, team.reviewer.token)).status).toBe(403);
    expect((await settle(body, team.viewer.token)).status).toBe(403);
    expect((await settle(body, team.outsider.token)).status).toBe(404);
    expect((await stored([version.id]))[0]).toMatchObject({ status: "DRAFT", version: version.version });
  });
});
