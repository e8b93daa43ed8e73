import { beforeAll, describe, expect, it } from "vitest";
import { addMember } from "@/lib/members";
import { api } from "../support/api";
import {
  annotateQuote,
  countRows,
  createProjectWithTeam,
  createUser,
  type TestProject,
  type TestUser,
  withoutCodebookRules,
} from "../support/factories";

/**
 * Tag ranking for a selected passage: the tags the project's own annotations make likely for its words, learned
 * from what the caller sees (blind coding kept), never from rejected annotations, and learned again as they change.
 */
const CODED =
  "The ministry said 40 villages were retaken. Officials said 12 soldiers were wounded. " +
  "Critics called the offensive a shameful farce. The spokesman told reporters the talks had failed.";
const SELECTED = "Police said 30 protesters were arrested. Many called the decision a shameful betrayal.";

let team: TestProject;
let secondReviewer: TestUser;
let codedId: string;
let selectedId: string;

const passage = (quote: string) => ({ start: SELECTED.indexOf(quote), end: SELECTED.indexOf(quote) + quote.length });

async function ranking(token: string, quote: string): Promise<string[]> {
  const { start, end } = passage(quote);
  const response = await api("GET", `/api/v1/articles/${selectedId}/tag-ranking?start=${start}&end=${end}`, { token });
  expect(response.status).toBe(200);
  for (const item of response.body.items) expect(item.score).toBeGreaterThanOrEqual(0);
  return response.body.items.map((item: { tag: { name: string } }) => item.tag.name);
}

beforeAll(async () => {
  team = await createProjectWithTeam("Tag ranking");
  await withoutCodebookRules(team);
  secondReviewer = await createUser({ label: "reviewer2" });
  await addMember(team.editor.actor, team.id, { email: secondReviewer.email, role: "REVIEWER" });
  const create = async (title: string, text: string) =>
    (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title, text } }))
      .body.id as string;
  codedId = await create("Coded", CODED);
  selectedId = await create("Selected", SELECTED);
});

describe("tag ranking", () => {
  it("ranks first the tag the project gives passages of the same words, learning again as they change", async () => {
    const e = team.editor.token;
    await annotateQuote(codedId, CODED, "40 villages were retaken", e, { tags: ["statistic"] });
    await annotateQuote(codedId, CODED, "12 soldiers were wounded", e, { tags: ["statistic"] });
    await annotateQuote(codedId, CODED, "a shameful farce", e, { tags: ["loaded language"] });
    expect((await ranking(e, "30 protesters were arrested"))[0]).toBe("statistic");
    expect((await ranking(e, "a shameful betrayal"))[0]).toBe("loaded language");
    // A third tag appears once annotations teach it.
    expect(await ranking(e, "Police said")).not.toContain("quote/attribution");
    await annotateQuote(codedId, CODED, "The spokesman told reporters", e, { tags: ["quote/attribution"] });
    await annotateQuote(codedId, CODED, "Officials said", e, { tags: ["quote/attribution"] });
    expect((await ranking(e, "Police said"))[0]).toBe("quote/attribution");
  });

  it("keeps blind coding and learns nothing from rejected annotations", async () => {
    const r = team.reviewer.token;
    await annotateQuote(codedId, CODED, "The ministry said 40 villages were retaken", r, { tags: ["opinion"] });
    await annotateQuote(codedId, CODED, "The spokesman told reporters the talks had failed", r, {
      tags: ["factual claim"],
    });
    // The reviewer learns from their own annotations; the second reviewer, coding blind, from none.
    expect((await ranking(r, "Police said"))[0]).toBe("opinion");
    expect(await ranking(secondReviewer.token, "Police said")).toEqual([]);
    // The editor rejects the reviewer's "opinion": it no longer counts, for anyone.
    const [opinion] = (
      await api("GET", `/api/v1/articles/${codedId}/annotations?author=${team.reviewer.id}`, { token: r })
    ).body.items.filter((item: { exact: string }) => item.exact === "The ministry said 40 villages were retaken");
    const submitted = await api("PATCH", `/api/v1/annotations/${opinion.id}`, {
      token: r,
      json: { status: "SUBMITTED" },
      headers: { "if-match": `"${opinion.version}"` },
    });
    const rejected = await api("PATCH", `/api/v1/annotations/${opinion.id}`, {
      token: team.editor.token,
      json: { status: "REJECTED", reviewNote: "Not an opinion." },
      headers: { "if-match": `"${submitted.body.version}"` },
    });
    expect(rejected.status).toBe(200);
    expect(await ranking(team.editor.token, "Police said")).not.toContain("opinion");
  });

  it("refuses viewers (403), outsiders and unknown articles (404), bad passages (4xx); changes nothing", async () => {
    const before = await countRows();
    const url = (query: string, articleId = selectedId) => `/api/v1/articles/${articleId}/tag-ranking?${query}`;
    expect((await api("GET", url("start=0&end=5"), { token: team.viewer.token })).status).toBe(403);
    expect((await api("GET", url("start=0&end=5"), { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", url("start=0&end=5", "not-an-id"), { token: team.editor.token })).status).toBe(404);
    for (const query of ["", "start=0", "start=a&end=5", "start=-1&end=5", "start=5&end=5", "start=0&end=99999"]) {
      const response = await api("GET", url(query), { token: team.editor.token });
      expect(response.status, query).toBe(422);
      expect(response.body.error.code).toBe("unprocessable_entity");
    }
    expect((await api("POST", url("start=0&end=5"), { token: team.editor.token })).status).toBe(405);
    expect(await countRows()).toEqual(before);
  });
});
