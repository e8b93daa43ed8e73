import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { annotateQuote, countRows, createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Possible coverage behind an omission: the comparison shows, for an article with no claim linked to an event, its
 * passage that may report the event; a member may confirm the omission instead.
 */
const LINKED = "Flood waters broke through the river dam near Sarobi on Tuesday, officials said.";
const UNLINKED =
  "Prices of bread rose again in the capital.\n" +
  "Officials said the river dam near Sarobi gave way to flood waters on Tuesday.\n" +
  "Schools reopened after the holiday.";
const SILENT = "The football league opened its season with a draw in Herat.";
const SENTENCE = "Officials said the river dam near Sarobi gave way to flood waters on Tuesday.";

let team: TestProject;
let linkedId: string;
let unlinkedId: string;
let silentId: string;
let eventId: string;

async function article(title: string, text: string) {
  const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: { title, text, sourceName: `${title} outlet` },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function compare(token = team.editor.token) {
  const response = await api(
    "GET",
    `/api/v1/projects/${team.id}/compare?articles=${linkedId},${unlinkedId},${silentId}`,
    {
      token,
    },
  );
  expect(response.status).toBe(200);
  return response.body;
}

const omission = (articleId: string, method: "PUT" | "DELETE", token?: string, event = eventId) =>
  api(method, `/api/v1/events/${event}/omissions/${articleId}`, token ? { token } : {});

beforeAll(async () => {
  team = await createProjectWithTeam("Possible coverage");
  linkedId = await article("Linked", LINKED);
  unlinkedId = await article("Unlinked", UNLINKED);
  silentId = await article("Silent", SILENT);
  const claim = await annotateQuote(
    linkedId,
    LINKED,
    "Flood waters broke through the river dam near Sarobi",
    team.editor.token,
  );
  const event = await api("POST", `/api/v1/projects/${team.id}/events`, {
    token: team.editor.token,
    json: { title: "Sarobi dam breaks" },
  });
  eventId = event.body.id;
  await api("POST", `/api/v1/events/${eventId}/links`, {
    token: team.editor.token,
    json: { annotationId: claim.id, stance: "ASSERTS" },
  });
});

describe("possible coverage and confirmed omissions", () => {
  it("shows the passage of an omitting article that may report the event, none where nothing matches", async () => {
    const body = await compare();
    expect(body.events[0].omittedBy).toEqual([unlinkedId, silentId]);
    const start = UNLINKED.indexOf(SENTENCE);
    expect(body.possibleCoverage).toEqual([
      {
        eventId,
        articleId: unlinkedId,
        start,
        end: start + SENTENCE.length,
        exact: SENTENCE,
        score: expect.any(Number),
      },
    ]);
    expect(body.possibleCoverage[0].score).toBeGreaterThanOrEqual(0.5);
    expect(body.possibleCoverage[0].score).toBeLessThanOrEqual(1);
    expect(body.confirmedOmissions).toEqual([]);
  });

  it("records a confirmed omission once, shows who confirmed it, and drops that cell's possible coverage", async () => {
    const first = await omission(silentId, "PUT", team.reviewer.token);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      eventId,
      articleId: silentId,
      confirmedBy: { id: team.reviewer.id, name: expect.any(String) },
      confirmedAt: expect.any(String),
    });
    const again = await omission(silentId, "PUT", team.editor.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    await omission(unlinkedId, "PUT", team.editor.token);
    const body = await compare(team.viewer.token);
    expect(body.confirmedOmissions.map((row: { articleId: string }) => row.articleId).sort()).toEqual(
      [silentId, unlinkedId].sort(),
    );
    expect(body.possibleCoverage).toEqual([]);
    // Withdrawn: the passage shows again.
    expect((await omission(unlinkedId, "DELETE", team.editor.token)).status).toBe(204);
    expect((await compare()).possibleCoverage).toHaveLength(1);
  });

  it("refuses a confirmation where the article reports the event (409), and changes nothing", async () => {
    const before = await countRows();
    const response = await omission(linkedId, "PUT", team.editor.token);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("conflict");
    expect(await countRows()).toEqual(before);
  });

  it("lets viewers read only; outsiders and unknown ids get 404; another's confirmation needs an editor", async () => {
    const elsewhere = await createProjectWithTeam("Elsewhere");
    const foreign = await api("POST", `/api/v1/projects/${elsewhere.id}/articles`, {
      token: elsewhere.editor.token,
      json: { title: "Foreign", text: "Another project's article." },
    });
    const before = await countRows();
    expect((await omission(unlinkedId, "PUT", team.viewer.token)).status).toBe(403);
    expect((await omission(unlinkedId, "PUT", team.outsider.token)).status).toBe(404);
    expect((await omission(unlinkedId, "PUT")).status).toBe(401);
    expect((await omission("not-an-id", "PUT", team.editor.token)).status).toBe(404);
    expect((await omission(unlinkedId, "PUT", team.editor.token, "not-an-id")).status).toBe(404);
    expect((await omission(unlinkedId, "DELETE", team.editor.token)).status).toBe(404);
    expect((await omission(foreign.body.id, "PUT", team.editor.token)).status).toBe(404);
    expect(
      (await api("GET", `/api/v1/events/${eventId}/omissions/${silentId}`, { token: team.editor.token })).status,
    ).toBe(405);
    // The reviewer's confirmation: the viewer may not withdraw it, the editor may.
    expect((await omission(silentId, "DELETE", team.viewer.token)).status).toBe(403);
    expect(await countRows()).toEqual(before);
    expect((await omission(silentId, "DELETE", team.editor.token)).status).toBe(204);
  });

  it("shows on the event's page the passages of the omitting outlets' articles that may report it", async () => {
    const response = await api("GET", `/api/v1/events/${eventId}`, { token: team.viewer.token });
    expect(response.status).toBe(200);
    const start = UNLINKED.indexOf(SENTENCE);
    expect(response.body.possibleCoverage).toEqual([
      {
        eventId,
        articleId: unlinkedId,
        articleTitle: "Unlinked",
        source: "Unlinked outlet",
        start,
        end: start + SENTENCE.length,
        exact: SENTENCE,
        score: expect.any(Number),
      },
    ]);
    // Confirmed: the article's passage is no longer proposed.
    expect((await omission(unlinkedId, "PUT", team.editor.token)).status).toBe(201);
    const confirmed = await api("GET", `/api/v1/events/${eventId}`, { token: team.viewer.token });
    expect(confirmed.body.possibleCoverage).toEqual([]);
  });
});
