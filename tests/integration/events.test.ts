import { beforeAll, describe, expect, it } from "vitest";
import { api, errorCode } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
let other: TestProject;
let articleId: string;
const TEXT = "Officials said the dam was repaired on Monday. Residents said the dam still leaks.";

async function annotate(quote: string, token = team.reviewer.token, article = articleId, text = TEXT) {
  const start = text.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${article}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function newEvent(json: Record<string, unknown>, token = team.reviewer.token, projectId = team.id) {
  return api("POST", `/api/v1/projects/${projectId}/events`, { token, json });
}

beforeAll(async () => {
  [team, other] = await Promise.all([createProjectWithTeam("Events"), createProjectWithTeam("Other events")]);
  const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: { title: "Dam", text: TEXT },
  });
  articleId = article.body.id;
});

describe("events", () => {
  it("creates an event with a date range and lists events by date, searchable", async () => {
    const later = await newEvent({ title: "Dam inspected", date: "2024-05-10", place: "Kajaki" });
    const range = await newEvent({
      title: "Dam repairs",
      date: "2024-05-01",
      dateEnd: "2024-05-06",
      description: "Works on the spillway",
    });
    const undated = await newEvent({ title: "A rumour" });
    expect(range.status).toBe(201);
    expect(range.headers.get("location")).toBe(`/api/v1/events/${range.body.id}`);
    expect(range.body).toMatchObject({
      title: "Dam repairs",
      date: "2024-05-01",
      dateEnd: "2024-05-06",
      place: null,
      description: "Works on the spillway",
      linkCount: 0,
    });

    const list = await api("GET", `/api/v1/projects/${team.id}/events`, { token: team.viewer.token });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((event: { id: string }) => event.id);
    expect(ids.indexOf(range.body.id)).toBeLessThan(ids.indexOf(later.body.id));
    expect(ids.indexOf(later.body.id)).toBeLessThan(ids.indexOf(undated.body.id));
    const found = await api("GET", `/api/v1/projects/${team.id}/events?q=kajaki`, { token: team.viewer.token });
    expect(found.body.items.map((event: { title: string }) => event.title)).toEqual(["Dam inspected"]);
    // The words are taken literally: % and _ are not wildcards.
    const percent = await newEvent({ title: "Spillway 50% open", place: "C:\\dam_1" });
    for (const q of ["%", "50%", "_", "\\dam_"]) {
      const literal = await api("GET", `/api/v1/projects/${team.id}/events?q=${encodeURIComponent(q)}`, {
        token: team.viewer.token,
      });
      expect(
        literal.body.items.map((event: { id: string }) => event.id),
        q,
      ).toEqual([percent.body.id]);
    }
  });

  it("refuses bad input with 4xx and stores nothing", async () => {
    const before = await countRows();
    for (const json of [
      {},
      { title: "" },
      { title: "X", date: "yesterday" },
      { title: "X", date: "2024-05-02", dateEnd: "2024-05-01" },
      { title: "X", extra: 1 },
      { title: 5 },
    ]) {
      const response = await newEvent(json);
      expect([400, 422], JSON.stringify(json)).toContain(response.status);
      expect(response.body.error.message).toBeTruthy();
    }
    expect(await countRows()).toEqual(before);
  });

  it("lets reviewers create, editors edit and delete; viewers read; outsiders see nothing", async () => {
    expect((await newEvent({ title: "By a viewer" }, team.viewer.token)).status).toBe(403);
    expect((await newEvent({ title: "By an outsider" }, team.outsider.token)).status).toBe(404);
    const event = (await newEvent({ title: "Flood warning" })).body;
    expect(
      (await api("PATCH", `/api/v1/events/${event.id}`, { token: team.reviewer.token, json: { place: "Helmand" } }))
        .status,
    ).toBe(403);
    expect((await api("GET", `/api/v1/events/${event.id}`, { token: team.outsider.token })).status).toBe(404);
    const edited = await api("PATCH", `/api/v1/events/${event.id}`, {
      token: team.editor.token,
      json: { place: "Helmand", date: "2024-06-01" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ place: "Helmand", date: "2024-06-01", title: "Flood warning" });
    expect(
      (await api("PATCH", `/api/v1/events/${event.id}`, { token: team.editor.token, json: { dateEnd: "2024-05-01" } }))
        .status,
    ).toBe(422);
    expect((await api("DELETE", `/api/v1/events/${event.id}`, { token: team.reviewer.token })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/events/${event.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await api("GET", `/api/v1/events/${event.id}`, { token: team.editor.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/events/not-a-uuid`, { token: team.editor.token })).status).toBe(404);
  });
});

describe("claim links", () => {
  it("links a claim to events with stance and attribution; the event lists it with its claim", async () => {
    const claim = await annotate("the dam was repaired on Monday");
    const event = (await newEvent({ title: "Dam repaired" })).body;
    const link = await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.reviewer.token,
      json: { annotationId: claim, stance: "ASSERTS", attributedTo: "Officials", note: "Only the ministry says so" },
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({
      eventId: event.id,
      annotationId: claim,
      stance: "ASSERTS",
      attributedTo: "Officials",
      note: "Only the ministry says so",
    });

    const second = (await newEvent({ title: "Dam leaks" })).body;
    expect(
      (
        await api("POST", `/api/v1/events/${second.id}/links`, {
          token: team.reviewer.token,
          json: { annotationId: claim, stance: "MENTIONS" },
        })
      ).status,
    ).toBe(201);
    const again = await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.reviewer.token,
      json: { annotationId: claim, stance: "DISPUTES" },
    });
    expect(again.status).toBe(409);

    const detail = await api("GET", `/api/v1/events/${event.id}`, { token: team.viewer.token });
    expect(detail.body.linkCount).toBe(1);
    expect(detail.body.links[0]).toMatchObject({
      id: link.body.id,
      stance: "ASSERTS",
      claim: { exact: "the dam was repaired on Monday", articleId, articleTitle: "Dam" },
    });

    const changed = await api("PATCH", `/api/v1/links/${link.body.id}`, {
      token: team.reviewer.token,
      json: { stance: "QUALIFIES", attributedTo: null },
    });
    expect(changed.body).toMatchObject({ stance: "QUALIFIES", attributedTo: null });
    expect(
      (
        await api("PATCH", `/api/v1/links/${link.body.id}`, {
          token: team.reviewer.token,
          json: { stance: "BELIEVES" },
        })
      ).status,
    ).toBe(422);
    expect((await api("DELETE", `/api/v1/links/${link.body.id}`, { token: team.viewer.token })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/links/${link.body.id}`, { token: team.reviewer.token })).status).toBe(204);
    expect(
      (await api("PATCH", `/api/v1/links/${link.body.id}`, { token: team.reviewer.token, json: { note: "x" } })).status,
    ).toBe(404);
  });

  it(
    "names the outlets that leave the event out: those with " + "live articles, none of whose claims is linked to it",
    async () => {
      const desk = await createProjectWithTeam("Event omissions");
      const articleOf = async (sourceName: string | undefined) =>
        (
          await api("POST", `/api/v1/projects/${desk.id}/articles`, {
            token: desk.editor.token,
            json: { title: `By ${sourceName}`, text: TEXT, sourceName },
          })
        ).body as { id: string; source: { id: string } | null };
      const [reuters, tass, ariana, unnamed] = [
        await articleOf("Reuters"),
        await articleOf("TASS"),
        await articleOf("Ariana"),
        await articleOf(undefined),
      ];
      const gone = await articleOf("Tolo");
      expect((await api("DELETE", `/api/v1/articles/${gone.id}`, { token: desk.editor.token })).status).toBe(204);
      const event = (await newEvent({ title: "Dam repaired" }, desk.editor.token, desk.id)).body;
      for (const article of [reuters, unnamed]) {
        const claim = await annotate("the dam was repaired on Monday", desk.editor.token, article.id);
        expect(
          (
            await api("POST", `/api/v1/events/${event.id}/links`, {
              token: desk.editor.token,
              json: { annotationId: claim, stance: "ASSERTS" },
            })
          ).status,
        ).toBe(201);
      }
      const detail = (await api("GET", `/api/v1/events/${event.id}`, { token: desk.viewer.token })).body;
      expect(detail.links.map((link: { claim: { source: string | null } }) => link.claim.source)).toEqual([
        "Reuters",
        null,
      ]);
      expect(detail.notReportedBy).toEqual([
        { id: ariana.source!.id, name: "Ariana" },
        { id: tass.source!.id, name: "TASS" },
      ]);
    },
  );

  it("neither counts nor lists the links of a rejected annotation, as the comparison leaves it out", async () => {
    const claim = await annotate("Residents said the dam still leaks");
    const event = (await newEvent({ title: "Leak reported" })).body;
    expect(
      (
        await api("POST", `/api/v1/events/${event.id}/links`, {
          token: team.reviewer.token,
          json: { annotationId: claim, stance: "ASSERTS" },
        })
      ).status,
    ).toBe(201);
    const seen = async () => {
      const detail = (await api("GET", `/api/v1/events/${event.id}`, { token: team.editor.token })).body;
      const listed = (
        await api("GET", `/api/v1/projects/${team.id}/events?q=Leak%20reported`, { token: team.editor.token })
      ).body.items[0];
      return { count: detail.linkCount, links: detail.links.length, listed: listed.linkCount };
    };
    expect(await seen()).toEqual({ count: 1, links: 1, listed: 1 });
    const rejected = await api("PATCH", `/api/v1/annotations/${claim}`, {
      token: team.editor.token,
      json: { status: "REJECTED", reviewNote: "Not a claim." },
      headers: { "if-match": '"1"' },
    });
    expect(rejected.status).toBe(200);
    expect(await seen()).toEqual({ count: 0, links: 0, listed: 0 });
    const approved = await api("PATCH", `/api/v1/annotations/${claim}`, {
      token: team.editor.token,
      json: { status: "APPROVED" },
      headers: { "if-match": `"${rejected.body.version}"` },
    });
    expect(approved.status).toBe(200);
    expect(await seen()).toEqual({ count: 1, links: 1, listed: 1 });
  });

  it("refuses a claim of another project, or an unknown one, with 422; a viewer cannot link", async () => {
    const otherArticle = await api("POST", `/api/v1/projects/${other.id}/articles`, {
      token: other.editor.token,
      json: { title: "Elsewhere", text: TEXT },
    });
    const foreignClaim = await annotate("Residents said", other.editor.token, otherArticle.body.id);
    const event = (await newEvent({ title: "Dam events" })).body;
    const ownClaim = await annotate("the dam still leaks");
    const before = await countRows();
    const foreign = await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.editor.token,
      json: { annotationId: foreignClaim, stance: "ASSERTS" },
    });
    expect(foreign.status).toBe(422);
    expect(errorCode(foreign)).toBe("unprocessable_entity");
    const unknown = await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.editor.token,
      json: { annotationId: "nonsense", stance: "ASSERTS" },
    });
    expect(unknown.status).toBe(422);
    expect(
      (
        await api("POST", `/api/v1/events/${event.id}/links`, {
          token: team.viewer.token,
          json: { annotationId: ownClaim, stance: "ASSERTS" },
        })
      ).status,
    ).toBe(403);
    expect(await countRows()).toEqual(before);
  });

  it(
    "lists an article's links in pages of {items, nextCursor}, with their events, only of claims the caller may " +
      "see",
    async () => {
      const article = (
        await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: "Dam links", text: TEXT },
        })
      ).body.id as string;
      const reviewers = await annotate("the dam was repaired on Monday", team.reviewer.token, article);
      const editors = await annotate("the dam still leaks", team.editor.token, article);
      const event = (await newEvent({ title: "Dam works", date: "2024-05-02" })).body;
      for (const [annotationId, token] of [
        [reviewers, team.reviewer.token],
        [editors, team.editor.token],
      ] as const) {
        expect(
          (await api("POST", `/api/v1/events/${event.id}/links`, { token, json: { annotationId, stance: "ASSERTS" } }))
            .status,
        ).toBe(201);
      }
      const url = `/api/v1/articles/${article}/links`;
      const all = await api("GET", url, { token: team.viewer.token });
      expect(all.status).toBe(200);
      expect(all.body).toEqual({
        items: [
          expect.objectContaining({ annotationId: reviewers }),
          expect.objectContaining({ annotationId: editors }),
        ],
        nextCursor: null,
      });
      expect(all.body.items[0]).toMatchObject({
        stance: "ASSERTS",
        event: { id: event.id, title: "Dam works", date: "2024-05-02" },
      });
      const first = (await api("GET", `${url}?limit=1`, { token: team.viewer.token })).body;
      expect(first.items).toEqual([all.body.items[0]]);
      const second = (await api("GET", `${url}?limit=1&cursor=${first.nextCursor}`, { token: team.viewer.token })).body;
      expect(second).toEqual({ items: [all.body.items[1]], nextCursor: null });
      expect((await api("GET", `${url}?cursor=nonsense`, { token: team.viewer.token })).status).toBe(400);
      // A reviewer coding blind sees the links of their own claims only.
      expect(
        (await api("GET", url, { token: team.reviewer.token })).body.items.map(
          (link: { annotationId: string }) => link.annotationId,
        ),
      ).toEqual([reviewers]);
      expect((await api("GET", url, { token: other.editor.token })).status).toBe(404);
    },
  );

  it("keeps reviewers blind: a reviewer cannot link another reviewer's unapproved claim", async () => {
    const editorsClaim = await annotate("Officials said", team.editor.token);
    const event = (await newEvent({ title: "Statements" })).body;
    const response = await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.reviewer.token,
      json: { annotationId: editorsClaim, stance: "MENTIONS" },
    });
    expect(response.status).toBe(422);
  });
});

describe("an event is named once per project", () => {
  it(
    "refuses a second live event of the same title (any case) with 409 naming the first, also by an edit; a deleted " +
      "event's title is free",
    async () => {
      const first = (await newEvent({ title: "Spillway closed" })).body;
      const before = await countRows();
      for (const title of ["Spillway closed", "  SPILLWAY closed "]) {
        const clash = await newEvent({ title });
        expect(clash.status, title).toBe(409);
        expect(errorCode(clash)).toBe("conflict");
        expect(clash.body.error.message).toContain("Spillway closed");
        expect(clash.body.error.details).toEqual({ field: "title", eventId: first.id });
      }
      const second = (await newEvent({ title: "Spillway reopened" })).body;
      const renamed = await api("PATCH", `/api/v1/events/${second.id}`, {
        token: team.editor.token,
        json: { title: "spillway Closed" },
      });
      expect(renamed.status).toBe(409);
      expect(renamed.body.error.details).toEqual({ field: "title", eventId: first.id });
      // The same title in another project, and an edit that keeps an event's own title, are fine.
      expect((await newEvent({ title: "Spillway closed" }, other.editor.token, other.id)).status).toBe(201);
      expect(
        (
          await api("PATCH", `/api/v1/events/${first.id}`, {
            token: team.editor.token,
            json: { title: "Spillway Closed", place: "Kajaki" },
          })
        ).status,
      ).toBe(200);
      expect(await countRows()).toEqual({
        ...before,
        events: before.events! + 2,
        audit_entries: before.audit_entries! + 3,
      });

      expect((await api("DELETE", `/api/v1/events/${first.id}`, { token: team.editor.token })).status).toBe(204);
      expect((await newEvent({ title: "Spillway closed" })).status).toBe(201);
    },
  );
});

describe("merging events", () => {
  it("moves the links to the survivor, keeps one link per claim, and deletes the merged event", async () => {
    const claimA = await annotate("Residents said the dam still leaks");
    const claimB = await annotate("repaired on Monday");
    const survivor = (await newEvent({ title: "Dam status, May 2024" })).body;
    const duplicate = (await newEvent({ title: "Dam status (duplicate)" })).body;
    const link = (eventId: string, annotationId: string, stance: string) =>
      api("POST", `/api/v1/events/${eventId}/links`, { token: team.reviewer.token, json: { annotationId, stance } });
    await link(survivor.id, claimA, "ASSERTS");
    await link(duplicate.id, claimA, "DISPUTES");
    await link(duplicate.id, claimB, "QUALIFIES");

    expect(
      (
        await api("POST", `/api/v1/events/${duplicate.id}/merge`, {
          token: team.reviewer.token,
          json: { into: survivor.id },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("POST", `/api/v1/events/${duplicate.id}/merge`, {
          token: team.editor.token,
          json: { into: duplicate.id },
        })
      ).status,
    ).toBe(422);
    const foreignEvent = (await newEvent({ title: "Elsewhere" }, other.editor.token, other.id)).body;
    expect(
      (
        await api("POST", `/api/v1/events/${duplicate.id}/merge`, {
          token: team.editor.token,
          json: { into: foreignEvent.id },
        })
      ).status,
    ).toBe(422);

    const merged = await api("POST", `/api/v1/events/${duplicate.id}/merge`, {
      token: team.editor.token,
      json: { into: survivor.id },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(survivor.id);
    expect(
      merged.body.links.map((l: { annotationId: string; stance: string }) => [l.annotationId, l.stance]).sort(),
    ).toEqual(
      [
        [claimA, "ASSERTS"],
        [claimB, "QUALIFIES"],
      ].sort(),
    );
    expect((await api("GET", `/api/v1/events/${duplicate.id}`, { token: team.editor.token })).status).toBe(404);
  });
});
