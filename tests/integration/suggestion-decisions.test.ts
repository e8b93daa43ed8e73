import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember } from "@/lib/members";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, createUser, type TestProject, type TestUser } from "../support/factories";

/**
 * Decisions on suggestions: accepting makes the caller's draft annotation (audited as from a suggestion), rejecting
 * keeps the span from being proposed again to anyone; a phrase the project rejects often enough is not proposed.
 */
const TAGGED = "The army said the fighting lasted two decades. Loaded words filled the statement.";
const CLAIM = "Officials said 40 villages were retaken.";
const TEXT = `After two decades of war, the town is calm. ${CLAIM}`;

interface Item {
  kind: string;
  start: number;
  end: number;
  exact: string;
  tags: { id: string; name: string }[];
}

let team: TestProject;
let secondReviewer: TestUser;

async function newArticle(text = TEXT): Promise<string> {
  const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: { title: "Article", text },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function suggestions(articleId: string, token = team.editor.token): Promise<Item[]> {
  const response = await api("GET", `/api/v1/articles/${articleId}/suggestions`, { token });
  expect(response.status).toBe(200);
  return response.body.items;
}

const phraseOf = async (articleId: string, token = team.editor.token) =>
  (await suggestions(articleId, token)).find((item) => item.kind === "phrase");
const claimOf = async (articleId: string, token = team.editor.token) =>
  (await suggestions(articleId, token)).find((item) => item.kind === "claim" && item.exact === CLAIM);

function decide(articleId: string, item: Item, decision: string, token = team.editor.token, extra = {}) {
  return api("POST", "/api/v1/suggestions/decisions", {
    token,
    json: { articleId, kind: item.kind, start: item.start, end: item.end, decision, ...extra },
  });
}

beforeAll(async () => {
  team = await createProjectWithTeam("Suggestion decisions");
  secondReviewer = await createUser({ label: "reviewer2" });
  await addMember(team.editor.actor, team.id, { email: secondReviewer.email, role: "REVIEWER" });
  const tagged = await newArticle(TAGGED);
  const start = TAGGED.indexOf("two decades");
  const response = await api("POST", `/api/v1/articles/${tagged}/annotations`, {
    token: team.editor.token,
    json: { start, end: start + "two decades".length, exact: "two decades", tags: ["loaded language"] },
  });
  expect(response.status).toBe(201);
});

describe("suggestion decisions", () => {
  it("accepts a phrase: the caller's draft with the phrase's tags, audited as from a suggestion", async () => {
    const articleId = await newArticle();
    const phrase = (await phraseOf(articleId))!;
    expect(phrase.exact).toBe("two decades");
    const response = await decide(articleId, phrase, "accept");
    expect(response.status).toBe(201);
    expect(response.body.decision).toMatchObject({ articleId, kind: "phrase", decision: "accepted" });
    const { annotation } = response.body;
    expect(annotation).toMatchObject({ start: phrase.start, end: phrase.end, exact: "two decades", status: "DRAFT" });
    expect(annotation.author.id).toBe(team.editor.id);
    expect(annotation.tags.map((tag: { name: string }) => tag.name)).toEqual(["loaded language"]);
    expect(response.body.decision.annotationId).toBe(annotation.id);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entityId: annotation.id } });
    expect(audit).toMatchObject({
      action: "annotation.create",
      after: expect.objectContaining({ fromSuggestion: "phrase" }),
    });
    // Annotated now: not proposed again, and a second acceptance is refused.
    expect(await phraseOf(articleId)).toBeUndefined();
    const again = await decide(articleId, phrase, "accept");
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("not_suggested");
  });

  it("accepts a claim candidate with the tags given", async () => {
    const articleId = await newArticle();
    const claim = (await claimOf(articleId))!;
    const response = await decide(articleId, claim, "accept", team.reviewer.token, { tags: ["statistic"] });
    expect(response.status).toBe(201);
    expect(response.body.annotation).toMatchObject({ exact: CLAIM, status: "DRAFT" });
    expect(response.body.annotation.tags.map((tag: { name: string }) => tag.name)).toEqual(["statistic"]);
  });

  it("rejects: nothing else changes, and the span is proposed to nobody again, blind coders included", async () => {
    const articleId = await newArticle();
    const claim = (await claimOf(articleId, team.reviewer.token))!;
    const before = await countRows();
    const response = await decide(articleId, claim, "reject", team.reviewer.token);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ decision: expect.objectContaining({ decision: "rejected", annotationId: null }) });
    const after = await countRows();
    expect(after).toEqual({
      ...before,
      suggestion_decisions: before.suggestion_decisions! + 1,
      audit_entries: before.audit_entries! + 1,
    });
    for (const token of [team.reviewer.token, secondReviewer.token, team.editor.token]) {
      expect(await claimOf(articleId, token)).toBeUndefined();
    }
    // The phrase at another span of the same article is still proposed.
    expect(await phraseOf(articleId)).toBeDefined();
    const again = await decide(articleId, claim, "reject", team.reviewer.token);
    expect(again.status).toBe(409);
  });

  it("stops proposing a phrase in the whole project once 3 rejections outnumber its acceptances", async () => {
    const [first, second, third, other] = [
      await newArticle(),
      await newArticle(),
      await newArticle(),
      await newArticle(),
    ];
    for (const articleId of [first, second]) {
      expect((await decide(articleId, (await phraseOf(articleId))!, "reject")).status).toBe(201);
    }
    // Two rejections and an acceptance (the first test's): still proposed.
    expect(await phraseOf(other)).toBeDefined();
    expect((await decide(third, (await phraseOf(third))!, "reject")).status).toBe(201);
    expect(await phraseOf(other)).toBeUndefined();
    expect(await phraseOf(other, team.reviewer.token)).toBeUndefined();
    // Claim candidates are not affected.
    expect(await claimOf(other)).toBeDefined();
  });

  it("keeps blind coding: a reviewer cannot decide on a suggestion learned from another reviewer's work", async () => {
    const articleId = await newArticle(`${TEXT} Loaded words again.`);
    const tagged = await newArticle(`Plain words. ${TAGGED}`);
    const start = `Plain words. ${TAGGED}`.indexOf("Loaded words");
    await api("POST", `/api/v1/articles/${tagged}/annotations`, {
      token: team.reviewer.token,
      json: { start, end: start + 12, exact: "Loaded words", tags: ["loaded language"] },
    });
    const mine = (await suggestions(articleId, team.reviewer.token)).find((item) => item.exact === "Loaded words")!;
    expect(mine).toBeDefined();
    const before = await countRows();
    const response = await decide(articleId, mine, "accept", secondReviewer.token);
    expect(response.status).toBe(409);
    expect(await countRows()).toEqual(before);
  });

  it("refuses viewers (403), outsiders (404), spans not proposed (409), bad input; stores nothing", async () => {
    const articleId = await newArticle();
    const claim = (await claimOf(articleId))!;
    const before = await countRows();
    const viewer = await decide(articleId, claim, "reject", team.viewer.token);
    expect(viewer.status).toBe(403);
    expect((await decide(articleId, claim, "reject", team.outsider.token)).status).toBe(404);
    const unknown = await decide("019ab000-0000-7000-8000-000000000001", claim, "reject");
    expect(unknown.body.error.code).toBe("not_found");
    const invented = await decide(articleId, { ...claim, start: claim.start + 1 }, "reject");
    expect(invented.status).toBe(409);
    expect(invented.body.error).toMatchObject({ code: "not_suggested", details: { start: claim.start + 1 } });
    const wrongKind = await decide(articleId, { ...claim, kind: "phrase" }, "accept");
    expect(wrongKind.status).toBe(409);
    const tagsOnReject = await decide(articleId, claim, "reject", team.editor.token, { tags: ["statistic"] });
    expect(tagsOnReject.status).toBe(422);
    expect((await api("GET", "/api/v1/suggestions/decisions", { token: team.editor.token })).status).toBe(405);
    expect(await countRows()).toEqual(before);
  });
});
