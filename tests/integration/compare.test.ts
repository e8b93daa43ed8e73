import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { exportPdf, pdfText } from "../support/pdf";
import { createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
let other: TestProject;
const articles: Record<"ministry" | "residents" | "wire", { id: string; text: string }> = {} as never;
const events: Record<string, string> = {};

const TEXTS = {
  ministry: "The ministry said the bridge reopened on Monday. Officials blamed saboteurs for the delay.",
  residents: "Residents said the bridge is still closed. A protest is planned for Friday.",
  wire: "The bridge reopened, the ministry said.",
};

async function claim(article: keyof typeof TEXTS, quote: string, tags: string[], token = team.editor.token) {
  const text = TEXTS[article];
  const start = text.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articles[article].id}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function link(
  eventId: string,
  annotationId: string,
  stance: string,
  attributedTo?: string,
  token = team.editor.token,
) {
  const response = await api("POST", `/api/v1/events/${eventId}/links`, {
    token,
    json: { annotationId, stance, attributedTo },
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  [team, other] = await Promise.all([createProjectWithTeam("Compare"), createProjectWithTeam("Compare elsewhere")]);
  for (const [key, text] of Object.entries(TEXTS)) {
    const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: key, text, sourceName: `${key} outlet` },
    });
    articles[key as keyof typeof TEXTS] = { id: response.body.id, text };
  }
  for (const [key, json] of Object.entries({
    reopening: { title: "Bridge reopens", date: "2024-03-04" },
    protest: { title: "Protest planned", date: "2024-03-08" },
    sabotage: { title: "Sabotage alleged" },
  })) {
    events[key] = (await api("POST", `/api/v1/projects/${team.id}/events`, { token: team.editor.token, json })).body.id;
  }
  const reopened = await claim("ministry", "the bridge reopened on Monday", [
    "factual claim",
    "security and defense",
    "unverified",
  ]);
  const blamed = await claim("ministry", "Officials blamed saboteurs for the delay", [
    "quote/attribution",
    "loaded language",
    "crime and punishment",
  ]);
  const closed = await claim("residents", "the bridge is still closed", ["factual claim", "security and defense"]);
  const protest = await claim("residents", "A protest is planned for Friday", ["prediction", "public opinion"]);
  await claim("residents", "Residents said", ["quote/attribution"]);
  await link(events.reopening!, reopened, "ASSERTS", "the ministry");
  await link(events.reopening!, closed, "DISPUTES", "residents");
  await link(events.sabotage!, blamed, "ASSERTS", "officials");
  await link(events.protest!, protest, "MENTIONS");
});

describe("comparing articles", () => {
  it(
    "groups claims by event in date order, marks omissions, " + "lists unlinked claims and profiles the framing",
    async () => {
      const { ministry, residents } = articles;
      const response = await api("GET", `/api/v1/projects/${team.id}/compare?articles=${ministry.id},${residents.id}`, {
        token: team.viewer.token,
      });
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body.contradictions).toEqual([]);
      expect(Object.keys(body).sort()).toEqual([
        "articles",
        "confirmedOmissions",
        "contradictions",
        "events",
        "possibleCoverage",
        "profile",
        "unlinked",
      ]);
      expect(body.articles).toEqual([
        {
          id: ministry.id,
          title: "ministry",
          source: "ministry outlet",
          publishedAt: null,
          omissions: 1,
          claimCount: 2,
        },
        {
          id: residents.id,
          title: "residents",
          source: "residents outlet",
          publishedAt: null,
          omissions: 1,
          claimCount: 3,
        },
      ]);
      // By date, undated last.
      expect(body.events.map((event: { title: string }) => event.title)).toEqual([
        "Bridge reopens",
        "Protest planned",
        "Sabotage alleged",
      ]);
      const [reopening, protest, sabotage] = body.events;
      expect(reopening).toMatchObject({ id: events.reopening, date: "2024-03-04", omittedBy: [] });
      expect(reopening.claims[ministry.id]).toEqual([
        expect.objectContaining({
          exact: "the bridge reopened on Monday",
          stance: "ASSERTS",
          attributedTo: "the ministry",
        }),
      ]);
      expect(reopening.claims[residents.id][0]).toMatchObject({
        exact: "the bridge is still closed",
        stance: "DISPUTES",
      });
      expect(reopening.claims[residents.id][0].tags.map((tag: { name: string }) => tag.name)).toEqual([
        "factual claim",
        "security and defense",
      ]);
      expect(protest.omittedBy).toEqual([ministry.id]);
      expect(sabotage.omittedBy).toEqual([residents.id]);
      expect(body.unlinked[ministry.id]).toEqual([]);
      expect(body.unlinked[residents.id].map((c: { exact: string }) => c.exact)).toEqual(["Residents said"]);
      expect(body.profile[ministry.id]).toEqual({
        frame: { "security and defense": 1, "crime and punishment": 1 },
        rhetoric: { "loaded language": 1 },
        verdict: { unverified: 1 },
      });
      expect(body.profile[residents.id]).toEqual({
        frame: { "security and defense": 1, "public opinion": 1 },
        rhetoric: {},
        verdict: {},
      });
    },
  );

  it("takes ?a=&b=, three articles, and defaults to the project's first two", async () => {
    const { ministry, residents, wire } = articles;
    const pair = await api("GET", `/api/v1/projects/${team.id}/compare?a=${residents.id}&b=${ministry.id}`, {
      token: team.editor.token,
    });
    expect(pair.body.articles.map((a: { id: string }) => a.id)).toEqual([residents.id, ministry.id]);
    const three = await api(
      "GET",
      `/api/v1/projects/${team.id}/compare?articles=${ministry.id},${residents.id},${wire.id}`,
      { token: team.editor.token },
    );
    expect(three.status).toBe(200);
    expect(three.body.events.every((event: { omittedBy: string[] }) => event.omittedBy.includes(wire.id))).toBe(true);
    expect(three.body.articles.find((a: { id: string }) => a.id === wire.id).omissions).toBe(3);
    const defaults = await api("GET", `/api/v1/projects/${team.id}/compare`, { token: team.editor.token });
    expect(defaults.body.articles.map((a: { id: string }) => a.id)).toEqual([ministry.id, residents.id]);
  });

  it("refuses fewer than two articles, unknown ones and other projects' with 422; outsiders get 404", async () => {
    const { ministry } = articles;
    const otherArticle = await api("POST", `/api/v1/projects/${other.id}/articles`, {
      token: other.editor.token,
      json: { title: "x", text: "Elsewhere." },
    });
    for (const query of [
      `articles=${ministry.id}`,
      `articles=${ministry.id},nonsense`,
      `a=${ministry.id}&b=${otherArticle.body.id}`,
    ]) {
      const response = await api("GET", `/api/v1/projects/${team.id}/compare?${query}`, { token: team.editor.token });
      expect(response.status, query).toBe(422);
      expect(response.body.error.message).toBeTruthy();
    }
    expect((await api("GET", `/api/v1/projects/${team.id}/compare`, { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${team.id}/compare`)).status).toBe(401);
  });

  it("keeps reviewers blind: they compare their own claims and the approved ones only", async () => {
    const { ministry, residents } = articles;
    const response = await api("GET", `/api/v1/projects/${team.id}/compare?a=${ministry.id}&b=${residents.id}`, {
      token: team.reviewer.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.events).toEqual([]);
    expect(response.body.articles.map((a: { claimCount: number }) => a.claimCount)).toEqual([0, 0]);
  });

  it(
    "leaves rejected annotations out (refused, or another coder's version accepted in adjudication) and takes them " +
      "back " +
      "once approved",
    async () => {
      const { ministry, wire } = articles;
      const reopened = await claim("wire", "The bridge reopened", ["factual claim", "loaded language"]);
      const aside = await claim("wire", "the ministry said", ["quote/attribution", "misleading"]);
      await link(events.reopening!, reopened, "ASSERTS", "the ministry");
      const compare = async () =>
        (
          await api("GET", `/api/v1/projects/${team.id}/compare?a=${ministry.id}&b=${wire.id}`, {
            token: team.editor.token,
          })
        ).body;
      const setStatus = async (id: string, json: Record<string, unknown>) => {
        const { version } = (await api("GET", `/api/v1/annotations/${id}`, { token: team.editor.token })).body;
        const response = await api("PATCH", `/api/v1/annotations/${id}`, {
          token: team.editor.token,
          json,
          headers: { "if-match": `"${version}"` },
        });
        expect(response.status).toBe(200);
      };

      const before = await compare();
      expect(before.articles[1]).toMatchObject({ claimCount: 2, omissions: 1 });
      expect(before.events.find((event: { id: string }) => event.id === events.reopening).claims[wire.id]).toHaveLength(
        1,
      );
      expect(before.unlinked[wire.id]).toHaveLength(1);
      expect(before.profile[wire.id]).toEqual({
        frame: {},
        rhetoric: { "loaded language": 1 },
        verdict: { misleading: 1 },
      });

      for (const id of [reopened, aside])
        await setStatus(id, { status: "REJECTED", reviewNote: "Another version was accepted in adjudication." });
      const rejected = await compare();
      expect(rejected.articles[1]).toMatchObject({ claimCount: 0, omissions: 2 });
      expect(rejected.events.find((event: { id: string }) => event.id === events.reopening).omittedBy).toEqual([
        wire.id,
      ]);
      expect(rejected.unlinked[wire.id]).toEqual([]);
      expect(rejected.profile[wire.id]).toEqual({ frame: {}, rhetoric: {}, verdict: {} });

      await setStatus(reopened, { status: "APPROVED" });
      const approved = await compare();
      expect(approved.articles[1]).toMatchObject({ claimCount: 1, omissions: 1 });
      expect(
        approved.events.find((event: { id: string }) => event.id === events.reopening).claims[wire.id][0],
      ).toMatchObject({ annotationId: reopened });
    },
  );
});

describe("figures that disagree", () => {
  it("points out the casualty figures outlets give differently for one event, not those they dispute", async () => {
    const quake = await createProjectWithTeam("Compare figures");
    const texts = {
      NECN: "Officials say 65 people are confirmed dead and 200 were injured.",
      "Jerusalem Post": "The earthquake killed 75 people and injured about 210, rescuers said.",
      KUNC: "75 people were killed. Earlier reports of 40 dead were wrong, officials said.",
    };
    const ids: Record<string, string> = {};
    for (const [outlet, text] of Object.entries(texts)) {
      const created = await api("POST", `/api/v1/projects/${quake.id}/articles`, {
        token: quake.editor.token,
        json: { title: `${outlet} report`, text, sourceName: outlet },
      });
      ids[outlet] = created.body.id;
    }
    const eventId = (
      await api("POST", `/api/v1/projects/${quake.id}/events`, {
        token: quake.editor.token,
        json: { title: "Earthquake" },
      })
    ).body.id as string;
    const claimOf = async (outlet: keyof typeof texts, quote: string, stance: string) => {
      const start = texts[outlet].indexOf(quote);
      const created = await api("POST", `/api/v1/articles/${ids[outlet]}/annotations`, {
        token: quake.editor.token,
        json: { start, end: start + quote.length, exact: quote, tags: ["statistic"] },
      });
      expect(created.status).toBe(201);
      const linked = await api("POST", `/api/v1/events/${eventId}/links`, {
        token: quake.editor.token,
        json: { annotationId: created.body.id, stance },
      });
      expect(linked.status).toBe(201);
      return created.body.id as string;
    };
    const necn = await claimOf("NECN", "65 people are confirmed dead and 200 were injured", "ASSERTS");
    const jpost = await claimOf("Jerusalem Post", "The earthquake killed 75 people and injured about 210", "ASSERTS");
    const kunc = await claimOf("KUNC", "75 people were killed", "ASSERTS");
    await claimOf("KUNC", "Earlier reports of 40 dead were wrong", "DISPUTES");

    const compared = await api("GET", `/api/v1/projects/${quake.id}/compare?articles=${Object.values(ids).join(",")}`, {
      token: quake.viewer.token,
    });
    expect(compared.status).toBe(200);
    expect(compared.body.contradictions).toEqual([
      {
        eventId,
        measure: "dead",
        figures: [
          { articleId: ids.NECN, annotationId: necn, text: "65", value: 65, approximate: false },
          { articleId: ids["Jerusalem Post"], annotationId: jpost, text: "75", value: 75, approximate: false },
          { articleId: ids.KUNC, annotationId: kunc, text: "75", value: 75, approximate: false },
        ],
        summary: "NECN: 65 dead · Jerusalem Post, KUNC: 75 dead",
      },
    ]);
    const event = await api("GET", `/api/v1/events/${eventId}`, { token: quake.viewer.token });
    expect(event.body.contradictions).toEqual(compared.body.contradictions);

    const report = await api("GET", `/api/v1/projects/${quake.id}/export?format=md&status=all`, {
      token: quake.viewer.token,
    });
    expect(report.body).toContain("### Earthquake\n");
    expect(report.body).toContain("- *Figures disagree*: NECN: 65 dead · Jerusalem Post, KUNC: 75 dead\n");
    const pdf = pdfText(await exportPdf(quake.id, quake.viewer.token));
    expect(pdf).toContain("Figures disagree — NECN: 65 dead · Jerusalem Post, KUNC: 75 dead");
  });
});
