import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/** Two merges of one pair that cross (A into B, B into A), sent at once, this many times. */
const TRIALS = 8;
const TEXT = "The ministry said the bridge reopened. Witnesses said it stayed closed.";

let team: TestProject;
let articleId: string;

async function created(response: Promise<{ status: number; body: any }>) {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

beforeAll(async () => {
  team = await createProjectWithTeam("Merge races");
  articleId = (
    await created(
      api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Bridge", text: TEXT },
      }),
    )
  ).id;
});

describe("merges that cross", () => {
  it("of two events leave exactly one, with both events' links on it", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const events: string[] = [];
      for (const [index, quote] of ["The ministry said", "Witnesses said"].entries()) {
        const event = await created(
          api("POST", `/api/v1/projects/${team.id}/events`, {
            token: team.editor.token,
            json: { title: `Bridge ${trial}.${index}` },
          }),
        );
        const start = TEXT.indexOf(quote);
        const annotation = await created(
          api("POST", `/api/v1/articles/${articleId}/annotations`, {
            token: team.editor.token,
            json: { start, end: start + quote.length, exact: quote },
          }),
        );
        await created(
          api("POST", `/api/v1/events/${event.id}/links`, {
            token: team.editor.token,
            json: { annotationId: annotation.id, stance: "ASSERTS" },
          }),
        );
        events.push(event.id);
      }
      const [a, b] = events as [string, string];
      const answers = await Promise.all([
        api("POST", `/api/v1/events/${a}/merge`, { token: team.editor.token, json: { into: b } }),
        api("POST", `/api/v1/events/${b}/merge`, { token: team.editor.token, json: { into: a } }),
      ]);
      // The second finds the event it merges into gone: the answer it would get coming later.
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
      const live = await db().event.findMany({ where: { id: { in: events }, deletedAt: null }, select: { id: true } });
      expect(live).toHaveLength(1);
      const links = await db().claimLink.findMany({ where: { eventId: { in: events } }, select: { eventId: true } });
      expect(links.map((link) => link.eventId)).toEqual([live[0]!.id, live[0]!.id]);
    }
  });

  it("of two outlets leave exactly one, with both outlets' articles on it", async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const articles = await Promise.all(
        ["Tolo", "Tolo News"].map((name) =>
          created(
            api("POST", `/api/v1/projects/${team.id}/articles`, {
              token: team.editor.token,
              json: { title: name, text: TEXT, sourceName: `${name} ${trial}` },
            }),
          ),
        ),
      );
      const [a, b] = articles.map((article) => article.source.id as string) as [string, string];
      const answers = await Promise.all([
        api("POST", `/api/v1/sources/${a}/merge`, { token: team.editor.token, json: { into: b } }),
        api("POST", `/api/v1/sources/${b}/merge`, { token: team.editor.token, json: { into: a } }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
      const left = await db().source.findMany({ where: { id: { in: [a, b] } }, select: { id: true } });
      expect(left).toHaveLength(1);
      const outlets = await db().article.findMany({
        where: { id: { in: articles.map((article) => article.id) } },
        select: { sourceId: true },
      });
      expect(outlets.map((article) => article.sourceId)).toEqual([left[0]!.id, left[0]!.id]);
    }
  });
});
