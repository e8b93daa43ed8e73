import { beforeAll, describe, expect, it } from "vitest";
import { addMember } from "@/lib/members";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, createUser, type TestProject, type TestUser } from "../support/factories";

/**
 * Suggestions for an article: the phrases the project has tagged elsewhere, where they occur again, with their tags,
 * and sentences likely to hold a claim, with the reason.
 */
const TAGGED = "The army said the fighting lasted two decades. Loaded words filled the statement.";
const SUGGESTED =
  "After Two Decades of war, the ministry said 40 villages were retaken. Locals said that only 4 of them were. " +
  "Two decadesold.";

let team: TestProject;
let secondReviewer: TestUser;
let taggedId: string;
let suggestedId: string;

async function annotate(articleId: string, text: string, quote: string, tags: string[], token: string) {
  const start = text.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function suggestions(token: string, articleId = suggestedId) {
  const response = await api("GET", `/api/v1/articles/${articleId}/suggestions`, { token });
  expect(response.status).toBe(200);
  return response.body.items as { kind: string; start: number; end: number; exact: string; tags: { name: string }[] }[];
}

beforeAll(async () => {
  team = await createProjectWithTeam("Suggestions");
  secondReviewer = await createUser({ label: "reviewer2" });
  await addMember(team.editor.actor, team.id, { email: secondReviewer.email, role: "REVIEWER" });
  for (const [title, text] of [
    ["Tagged", TAGGED],
    ["Suggested", SUGGESTED],
  ] as const) {
    const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title, text },
    });
    if (title === "Tagged") taggedId = response.body.id;
    else suggestedId = response.body.id;
  }
});

describe("suggestions", () => {
  it("proposes a tagged phrase where it occurs again, in any case, on word boundaries, with its tags", async () => {
    await annotate(taggedId, TAGGED, "two decades", ["loaded language"], team.editor.token);
    const items = await suggestions(team.editor.token);
    const phrases = items.filter((item) => item.kind === "phrase");
    const start = SUGGESTED.indexOf("Two Decades");
    expect(phrases).toEqual([
      {
        kind: "phrase",
        start,
        end: start + "Two Decades".length,
        exact: "Two Decades",
        tags: [expect.objectContaining({ name: "loaded language" })],
        score: 0.5,
        reason: "tagged once elsewhere in the project",
      },
    ]);
    // "decadesold" is not the word "decades": no second suggestion there.
  });

  it("offers sentences likely to hold a claim, with the reason, none over a passage annotated", async () => {
    const claims = (await suggestions(team.editor.token)).filter((item) => item.kind === "claim");
    expect(claims).toEqual([
      expect.objectContaining({
        exact: "After Two Decades of war, the ministry said 40 villages were retaken.",
        reason: "states a figure: 40 village; attributes it: “said”",
        score: 0.8,
        tags: [],
      }),
      expect.objectContaining({
        exact: "Locals said that only 4 of them were.",
        reason: "states a number; attributes it: “said”",
      }),
    ]);
    await annotate(suggestedId, SUGGESTED, "40 villages were retaken", ["statistic"], team.editor.token);
    const after = (await suggestions(team.editor.token)).filter((item) => item.kind === "claim");
    expect(after.map((item) => item.exact)).toEqual(["Locals said that only 4 of them were."]);
  });

  it("keeps blind coding: a reviewer gets nothing learned from another reviewer's annotations", async () => {
    await annotate(taggedId, TAGGED, "Loaded words", ["loaded language"], team.reviewer.token);
    const suggestedText = `${SUGGESTED} Loaded words again.`;
    const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Blind", text: suggestedText },
    });
    const phrasesFor = async (token: string) =>
      (await suggestions(token, article.body.id)).filter((item) => item.kind === "phrase").map((item) => item.exact);
    // The reviewer sees their own annotations and approved ones, not the editor's draft.
    expect(await phrasesFor(team.reviewer.token)).toEqual(["Loaded words"]);
    expect(await phrasesFor(secondReviewer.token)).toEqual([]);
    expect(await phrasesFor(team.editor.token)).toEqual(["Two Decades", "40 villages were retaken", "Loaded words"]);
  });

  it("refuses viewers (403), outsiders and unknown articles (404), other methods (405); changes nothing", async () => {
    const before = await countRows();
    expect((await api("GET", `/api/v1/articles/${suggestedId}/suggestions`, { token: team.viewer.token })).status).toBe(
      403,
    );
    expect(
      (await api("GET", `/api/v1/articles/${suggestedId}/suggestions`, { token: team.outsider.token })).status,
    ).toBe(404);
    const unknown = await api("GET", "/api/v1/articles/not-an-id/suggestions", { token: team.editor.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect(
      (await api("POST", `/api/v1/articles/${suggestedId}/suggestions`, { token: team.editor.token })).status,
    ).toBe(405);
    expect(await countRows()).toEqual(before);
  });
});
