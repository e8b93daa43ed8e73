import { beforeAll, describe, expect, it } from "vitest";
import type { MatchView } from "@/lib/matching";
import { addMember } from "@/lib/members";
import { api } from "../support/api";
import {
  annotateQuote,
  countRows,
  createProjectWithTeam,
  createUser,
  type TestProject,
  type TestUser,
} from "../support/factories";

/** Matches of a claim: the claims and passages of the project's other articles that most likely report the same. */
const SOURCE = "Resistance fighters retook three districts of Baghlan province on Friday, local officials said.";
const REPORT =
  "Markets were calm in the capital this week.\n" +
  "Local fighters recaptured three Baghlan districts from the Taliban on Friday, officials confirmed.\n" +
  "The weather stayed hot across the region.";
const OTHER = "On Friday anti-Taliban fighters took back three districts in Baghlan, according to residents.";
const UNRELATED = "The central bank held interest rates steady as inflation eased.";

let team: TestProject;
let secondReviewer: TestUser;
let claimId: string;
let reportId: string;
let otherId: string;
let otherClaimId: string;
let eventId: string;

async function article(title: string, text: string) {
  const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: { title, text, sourceName: `${title} News` },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function matches(token: string, id = claimId, query = "") {
  const response = await api("GET", `/api/v1/annotations/${id}/matches${query}`, { token });
  expect(response.status).toBe(200);
  return response.body.items as MatchView[];
}

beforeAll(async () => {
  team = await createProjectWithTeam("Matches");
  secondReviewer = await createUser({ label: "reviewer2" });
  await addMember(team.editor.actor, team.id, { email: secondReviewer.email, role: "REVIEWER" });
  const sourceId = await article("Source", SOURCE);
  reportId = await article("Report", REPORT);
  otherId = await article("Other", OTHER);
  await article("Unrelated", UNRELATED);
  claimId = (await annotateQuote(sourceId, SOURCE, "retook three districts of Baghlan province", team.reviewer.token))
    .id;
  otherClaimId = (await annotateQuote(otherId, OTHER, "took back three districts in Baghlan", team.editor.token)).id;
  const event = await api("POST", `/api/v1/projects/${team.id}/events`, {
    token: team.editor.token,
    json: { title: "Baghlan districts retaken" },
  });
  eventId = event.body.id;
  const link = await api("POST", `/api/v1/events/${eventId}/links`, {
    token: team.editor.token,
    json: { annotationId: otherClaimId, stance: "ASSERTS" },
  });
  expect(link.status).toBe(201);
});

describe("claim matches", () => {
  it("ranks the claims and passages of other articles that report the same, with their events", async () => {
    const items = await matches(team.editor.token);
    const start = REPORT.indexOf("Local fighters");
    const passage =
      "Local fighters recaptured three Baghlan districts from the Taliban on Friday, officials confirmed.";
    expect(items).toEqual(
      expect.arrayContaining([
        {
          kind: "claim",
          article: { id: otherId, title: "Other", source: "Other News" },
          annotationId: otherClaimId,
          start: OTHER.indexOf("took back"),
          end: OTHER.indexOf("took back") + "took back three districts in Baghlan".length,
          exact: "took back three districts in Baghlan",
          score: expect.any(Number),
          event: { id: eventId, title: "Baghlan districts retaken" },
        },
        {
          kind: "passage",
          article: { id: reportId, title: "Report", source: "Report News" },
          annotationId: null,
          start,
          end: start + passage.length,
          exact: passage,
          score: expect.any(Number),
          event: null,
        },
      ]),
    );
    // Best first; nothing from the claim's own article, nothing unrelated, no passage that a returned claim covers.
    expect(items.map((item) => item.score)).toEqual([...items.map((item) => item.score)].sort((a, b) => b - a));
    expect(items.every((item) => item.article.title !== "Source" && item.article.title !== "Unrelated")).toBe(true);
    expect(items.filter((item) => item.article.id === otherId)).toHaveLength(1);
    expect(items.slice(0, 2).map((item) => item.kind)).toEqual(expect.arrayContaining(["claim", "passage"]));
  });

  it("honours ?limit= and answers a 4xx for a limit out of range or not a number, changing nothing", async () => {
    expect(await matches(team.editor.token, claimId, "?limit=1")).toHaveLength(1);
    const before = await countRows();
    for (const [limit, status] of [
      ["0", 422],
      ["21", 422],
      ["abc", 400],
    ] as const) {
      const response = await api("GET", `/api/v1/annotations/${claimId}/matches?limit=${limit}`, {
        token: team.editor.token,
      });
      expect(response.status).toBe(status);
      expect(response.body.error.message).toMatch(/limit/);
    }
    expect(await countRows()).toEqual(before);
  });

  it("keeps blind coding: a reviewer coding blind is not shown another coder's claims, only passages", async () => {
    const ownItems = await matches(team.reviewer.token);
    expect(ownItems.some((item) => item.kind === "claim")).toBe(false);
    expect(ownItems.some((item) => item.article.id === otherId && item.kind === "passage")).toBe(true);
    // Another blind reviewer does not see the reviewer's draft claim at all.
    const missing = await api("GET", `/api/v1/annotations/${claimId}/matches`, { token: secondReviewer.token });
    expect(missing.status).toBe(404);
  });

  it("answers viewers, 404 to outsiders and unknown claims, 405 to other methods; changes nothing", async () => {
    const before = await countRows();
    expect((await matches(team.viewer.token)).length).toBeGreaterThan(0);
    expect((await api("GET", `/api/v1/annotations/${claimId}/matches`, { token: team.outsider.token })).status).toBe(
      404,
    );
    const unknown = await api("GET", "/api/v1/annotations/not-an-id/matches", { token: team.editor.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect((await api("GET", `/api/v1/annotations/${claimId}/matches`)).status).toBe(401);
    expect((await api("POST", `/api/v1/annotations/${claimId}/matches`, { token: team.editor.token })).status).toBe(
      405,
    );
    expect(await countRows()).toEqual(before);
  });
});
