import { beforeAll, describe, expect, it } from "vitest";
import { unitizedAlpha } from "@/lib/review/agreement/unitized";
import { api, signIn } from "../support/api";
import {
  createProjectWithTeam,
  createUser,
  joinProject,
  TEST_PASSWORD,
  type TestProject,
  type TestUser,
} from "../support/factories";

let team: TestProject;
let second: TestUser;
const TEXT =
  "The ministry said 40 villages were retaken. Critics called it propaganda. Aid arrived on Monday. Roads stay closed.";

async function annotate(token: string, quote: string, tags: string[], from = 0) {
  const start = TEXT.indexOf(quote, from);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}
let articleId: string;

beforeAll(async () => {
  team = await createProjectWithTeam("Agreement");
  second = await createUser({ label: "second" });
  await joinProject(team.id, team.editor, second, "reviewer");
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "t", text: TEXT },
    })
  ).body.id;
  // Unit 1: same span, same tag. Unit 2: overlapping spans, different tags. Unit 3: only the first coder. Unit 4: same
  // tag.
  const a1 = await annotate(team.reviewer.token, "40 villages were retaken", ["statistic"]);
  const b1 = await annotate(second.token, "40 villages were retaken", ["statistic"]);
  await annotate(team.reviewer.token, "Critics called it propaganda", ["statistic"]);
  await annotate(second.token, "called it propaganda", ["opinion"]);
  await annotate(team.reviewer.token, "Aid arrived on Monday", ["factual claim"]);
  const a4 = await annotate(team.reviewer.token, "Roads stay closed", ["factual claim"]);
  await annotate(second.token, "Roads stay closed", ["factual claim"]);
  const event = (
    await api("POST", `/api/v1/projects/${team.id}/events`, {
      token: team.editor.token,
      json: { title: "Villages retaken" },
    })
  ).body;
  for (const [id, token] of [
    [a1, team.reviewer.token],
    [b1, second.token],
    [a4, team.reviewer.token],
  ] as const) {
    await api("POST", `/api/v1/events/${event.id}/links`, { token, json: { annotationId: id, stance: "ASSERTS" } });
  }
});

describe("agreement", () => {
  it("matches spans by overlap and measures kappa and alpha per group, per tag and on claim links", async () => {
    const response = await api("GET", `/api/v1/projects/${team.id}/agreement?coders=${team.reviewer.id},${second.id}`, {
      token: team.editor.token,
    });
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report.coders.map((coder: { id: string }) => coder.id)).toEqual([team.reviewer.id, second.id]);
    expect(report.spans).toEqual({ matched: 3, total: 4 });
    const claimType = report.groups.find((group: { group: string }) => group.group === "claim type");
    // By hand: pₒ = 2/3; pₑ = 2/3·1/3 (statistic) + 1/3·1/3 (factual claim) = 1/3; κ = (2/3 − 1/3)/(1 − 1/3) = 0.5.
    expect(claimType).toMatchObject({ units: 3, observed: 0.667, kappa: 0.5 });
    // Unitized alpha on the article's text: the same segments, measured by the function tested against Krippendorff's
    // published examples.
    const at = (coder: number, quote: string, category: string) => ({
      coder,
      start: TEXT.indexOf(quote),
      end: TEXT.indexOf(quote) + quote.length,
      category,
    });
    const segments = [
      at(0, "40 villages were retaken", "statistic"),
      at(1, "40 villages were retaken", "statistic"),
      at(0, "Critics called it propaganda", "statistic"),
      at(1, "called it propaganda", "opinion"),
      at(0, "Aid arrived on Monday", "factual claim"),
      at(0, "Roads stay closed", "factual claim"),
      at(1, "Roads stay closed", "factual claim"),
    ];
    const tagNames = claimType.tags.map((tag: { tag: string }) => tag.tag);
    expect(claimType.alpha).toBeCloseTo(unitizedAlpha(segments, tagNames, 2, TEXT.length).alpha!, 3);
    expect(claimType.alpha).toBeLessThan(1);
    expect(claimType.tags.find((tag: { tag: string }) => tag.tag === "opinion").alpha).toBeCloseTo(
      unitizedAlpha(segments, ["opinion"], 2, TEXT.length).alpha!,
      3,
    );
    expect(claimType.tags.find((tag: { tag: string }) => tag.tag === "statistic").kappa).toBeCloseTo(0.4, 3);
    // Links: unit 1 both linked alike, unit 2 neither, unit 4 only the first → pₒ = 2/3.
    expect(report.links).toMatchObject({ units: 3, observed: 0.667 });
  });

  it("is for editors, needs two coders of the project, and filters by article", async () => {
    const path = `/api/v1/projects/${team.id}/agreement?coders=${team.reviewer.id},${second.id}`;
    expect((await api("GET", path, { token: team.reviewer.token })).status).toBe(403);
    expect((await api("GET", path, { token: team.outsider.token })).status).toBe(404);
    expect(
      (
        await api("GET", `/api/v1/projects/${team.id}/agreement?coders=${team.reviewer.id}`, {
          token: team.editor.token,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await api("GET", `/api/v1/projects/${team.id}/agreement?coders=${team.reviewer.id},${team.outsider.id}`, {
          token: team.editor.token,
        })
      ).status,
    ).toBe(422);
    expect((await api("GET", `/api/v1/projects/${team.id}/agreement`, { token: team.editor.token })).status).toBe(422);
    const other = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "u", text: "Nothing coded." },
      })
    ).body;
    const filtered = await api("GET", `${path}&articles=${other.id}`, { token: team.editor.token });
    expect(filtered.body.spans).toEqual({ matched: 0, total: 0 });
  });

  it("its page and the API's statements share the pool without mixing up their prepared names", async () => {
    // The page and the API run in bundles of their own, each with its copy of lib/db.ts, on one pool of connections:
    // the names of prepared statements must be the process's, or one name stands for two statements.
    const { cookie } = await signIn(team.editor.email, TEST_PASSWORD);
    const page = `/projects/${team.id}/agreement?coders=${team.reviewer.id},${second.id}`;
    const statuses = [];
    for (let round = 0; round < 12; round++) {
      statuses.push((await api("GET", page, { cookie })).status);
      const list = await api("GET", `/api/v1/articles/${articleId}/annotations`, { token: team.editor.token });
      statuses.push(list.status);
    }
    expect(statuses).toEqual(Array(24).fill(200));
  });
});
