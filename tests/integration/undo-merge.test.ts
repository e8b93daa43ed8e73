import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, errorCode } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject, withoutCodebookRules } from "../support/factories";

let team: TestProject;
let other: TestProject;
let articleId: string;
const TEXT = "The dam burst on Monday. Officials said nobody was hurt. Villagers said three houses were lost.";

async function annotate(quote: string): Promise<string> {
  const start = TEXT.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token: team.editor.token,
    json: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function newEvent(json: Record<string, unknown>): Promise<string> {
  const response = await api("POST", `/api/v1/projects/${team.id}/events`, { token: team.editor.token, json });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function link(eventId: string, json: Record<string, unknown>): Promise<string> {
  const response = await api("POST", `/api/v1/events/${eventId}/links`, { token: team.editor.token, json });
  expect(response.status).toBe(201);
  return response.body.id;
}

const merge = (kind: "events" | "sources", id: string, into: string) =>
  api("POST", `/api/v1/${kind}/${id}/merge`, { token: team.editor.token, json: { into } });
const undoMerge = (kind: "events" | "sources", id: string, token = team.editor.token) =>
  api("POST", `/api/v1/${kind}/${id}/undo-merge`, { token });

/** An event's row and its links' rows, everything they hold. */
async function eventState(eventId: string) {
  const [event, links] = await Promise.all([
    db().event.findUnique({ where: { id: eventId } }),
    db().claimLink.findMany({ where: { eventId }, orderBy: { id: "asc" } }),
  ]);
  return { event, links };
}

/** An outlet's row and the ids of the articles (deleted ones too) that name it. */
async function sourceState(sourceId: string) {
  const [source, articles] = await Promise.all([
    db().source.findUnique({ where: { id: sourceId } }),
    db().article.findMany({ where: { sourceId }, orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return { source, articles: articles.map((article) => article.id) };
}

/** The survivor of an outlet merge: its row but when it was last changed (the merge and its undo both change it). */
async function survivorState(sourceId: string) {
  const { source, articles } = await sourceState(sourceId);
  const { updatedAt: _changed, ...row } = source!;
  return { source: row, articles };
}

/** Two events of the team: the duplicate with two links, the survivor linking one of the same claims and another. */
async function mergedPair(title: string) {
  const [claimA, claimB, claimC] = await Promise.all([
    annotate("The dam burst on Monday"),
    annotate("nobody was hurt"),
    annotate("three houses were lost"),
  ]);
  const duplicate = await newEvent({ title, date: "2024-05-06", place: "Kakhovka", description: "Dam failure" });
  const survivor = await newEvent({ title: `${title} (kept)` });
  await link(duplicate, { annotationId: claimA, stance: "ASSERTS", attributedTo: "Officials", note: "first report" });
  await link(duplicate, { annotationId: claimB, stance: "DISPUTES" });
  await link(survivor, { annotationId: claimB, stance: "MENTIONS" });
  await link(survivor, { annotationId: claimC, stance: "QUALIFIES", attributedTo: "Villagers" });
  return { duplicate, survivor, claims: [claimA, claimB, claimC] };
}

beforeAll(async () => {
  [team, other] = await Promise.all([createProjectWithTeam("Undo merges"), createProjectWithTeam("Elsewhere")]);
  await withoutCodebookRules(team);
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Dam", text: TEXT },
    })
  ).body.id;
});

describe("undoing a merge of events", () => {
  it("brings the event back with its id and fields, and exactly the links that moved or were dropped", async () => {
    const { duplicate, survivor } = await mergedPair("Dam burst");
    const [duplicateBefore, survivorBefore] = [await eventState(duplicate), await eventState(survivor)];
    expect((await merge("events", duplicate, survivor)).status).toBe(200);
    expect((await eventState(duplicate)).links).toEqual([]);

    const undone = await undoMerge("events", duplicate);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id: duplicate, title: "Dam burst", place: "Kakhovka", linkCount: 2 });
    // The same rows as before the merge: ids, fields, stances, attributions, notes, authors and dates.
    expect(await eventState(duplicate)).toEqual(duplicateBefore);
    expect(await eventState(survivor)).toEqual(survivorBefore);
    expect(await db().mergeMove.count({ where: { mergedId: duplicate } })).toBe(0);
    const audit = await db().auditEntry.findFirst({
      where: { entityId: duplicate },
      orderBy: { id: "desc" },
      select: { action: true, actorId: true, before: true },
    });
    expect(audit).toEqual({ action: "event.unmerge", actorId: team.editor.id, before: { mergedInto: survivor } });

    // Undone already: a second undo is refused and changes nothing.
    const rows = await countRows();
    const again = await undoMerge("events", duplicate);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("not merged");
    expect(await countRows()).toEqual(rows);
  });

  it("twice at once: one undo goes through, the other waits for it and gets 409", async () => {
    const { duplicate, survivor } = await mergedPair("Dam burst, twice");
    const before = await eventState(duplicate);
    expect((await merge("events", duplicate, survivor)).status).toBe(200);
    const answers = await Promise.all([undoMerge("events", duplicate), undoMerge("events", duplicate)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await eventState(duplicate)).toEqual(before);
  });

  it("is for editors: viewers and reviewers get 403, outsiders 404, and nothing changes", async () => {
    const { duplicate, survivor } = await mergedPair("Dam burst, permissions");
    expect((await merge("events", duplicate, survivor)).status).toBe(200);
    const rows = await countRows();
    const state = [await eventState(duplicate), await eventState(survivor)];
    expect((await undoMerge("events", duplicate, team.viewer.token)).status).toBe(403);
    expect((await undoMerge("events", duplicate, team.reviewer.token)).status).toBe(403);
    expect((await undoMerge("events", duplicate, other.editor.token)).status).toBe(404);
    expect(await countRows()).toEqual(rows);
    expect([await eventState(duplicate), await eventState(survivor)]).toEqual(state);
  });

  it("is refused (409, nothing changed) once a moved link changed or went, or the title is taken", async () => {
    const { duplicate, survivor } = await mergedPair("Dam burst, later changes");
    expect((await merge("events", duplicate, survivor)).status).toBe(200);
    const moved = (await db().mergeMove.findMany({ where: { mergedId: duplicate, kind: "LINK_MOVED" } }))[0]!.movedId;
    const refusedWith = async (details: Record<string, unknown>) => {
      const rows = await countRows();
      const state = [await eventState(duplicate), await eventState(survivor)];
      const refused = await undoMerge("events", duplicate);
      expect(refused.status).toBe(409);
      expect(errorCode(refused)).toBe("conflict");
      expect(refused.body.error.details).toEqual(details);
      expect(await countRows()).toEqual(rows);
      expect([await eventState(duplicate), await eventState(survivor)]).toEqual(state);
    };

    const patch = (json: unknown) => api("PATCH", `/api/v1/links/${moved}`, { token: team.editor.token, json });
    expect((await patch({ stance: "QUALIFIES" })).status).toBe(200);
    await refusedWith({ linkId: moved });
    expect((await patch({ stance: "ASSERTS" })).status).toBe(200);
    expect((await api("DELETE", `/api/v1/links/${moved}`, { token: team.editor.token })).status).toBe(204);
    await refusedWith({ linkId: moved });
    expect((await api("POST", `/api/v1/links/${moved}/restore`, { token: team.editor.token })).status).toBe(200);

    const namesake = await newEvent({ title: "DAM BURST, later changes" });
    await refusedWith({ field: "title", eventId: namesake });
    expect((await api("DELETE", `/api/v1/events/${namesake}`, { token: team.editor.token })).status).toBe(204);

    expect((await api("DELETE", `/api/v1/events/${survivor}`, { token: team.editor.token })).status).toBe(204);
    await refusedWith({ eventId: survivor });
    expect((await api("POST", `/api/v1/events/${survivor}/restore`, { token: team.editor.token })).status).toBe(200);

    // All put right: the undo goes through.
    expect((await undoMerge("events", duplicate)).status).toBe(200);
  });

  it("answers bad targets with JSON 4xx and changes nothing", async () => {
    const live = await newEvent({ title: "Never merged" });
    const deleted = await newEvent({ title: "Deleted, not merged" });
    expect((await api("DELETE", `/api/v1/events/${deleted}`, { token: team.editor.token })).status).toBe(204);
    const rows = await countRows();
    for (const [id, status] of [
      ["not-an-id", 404],
      ["019ab000-0000-7000-8000-000000000001", 404],
      ["' OR 1=1 --", 404],
      [live, 409],
      [deleted, 409],
    ] as const) {
      const response = await undoMerge("events", encodeURIComponent(id));
      expect(response.status, id).toBe(status);
      expect(response.body.error.code, id).toBe(status === 404 ? "not_found" : "conflict");
    }
    expect(await countRows()).toEqual(rows);
  });
});

describe("undoing a merge of outlets", () => {
  async function importFrom(sourceName: string, title = `By ${sourceName}`) {
    const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title, text: TEXT, sourceName },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; source: { id: string } };
  }

  /** "<name>.com" with a homepage and notes and two articles (one deleted), merged into "<name>" which had none. */
  async function mergedOutlets(name: string) {
    const kept = (await importFrom(name)).source.id;
    const first = await importFrom(`${name}.com`);
    const merged = first.source.id;
    const second = await importFrom(`${name}.com`, "Deleted one");
    expect((await api("DELETE", `/api/v1/articles/${second.id}`, { token: team.editor.token })).status).toBe(204);
    const noted = await api("PATCH", `/api/v1/sources/${merged}`, {
      token: team.editor.token,
      json: { homepage: `https://${name.toLowerCase()}.com`, notes: "Wire service" },
    });
    expect(noted.status).toBe(200);
    const before = [await sourceState(merged), await survivorState(kept)];
    expect((await merge("sources", merged, kept)).status).toBe(200);
    return { merged, kept, before, articles: [first.id, second.id] };
  }

  it("makes the outlet again as it was, its articles name it again, the survivor loses what it gained", async () => {
    const { merged, kept, before } = await mergedOutlets("Reuters");
    expect((await sourceState(kept)).source).toMatchObject({ homepage: "https://reuters.com", notes: "Wire service" });

    const undone = await undoMerge("sources", merged);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id: merged, name: "Reuters.com", articleCount: 1 });
    expect([await sourceState(merged), await survivorState(kept)]).toEqual(before);
    expect(await db().mergeMove.count({ where: { mergedId: merged } })).toBe(0);
    const audit = await db().auditEntry.findFirst({ where: { entityId: merged }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ action: "source.unmerge", actorId: team.editor.id, before: { mergedInto: kept } });

    const rows = await countRows();
    const again = await undoMerge("sources", merged);
    expect(again.status).toBe(409);
    expect(await countRows()).toEqual(rows);
  });

  it("twice at once: one undo goes through, the other waits for it and gets 409", async () => {
    const { merged, before } = await mergedOutlets("Xinhua");
    const answers = await Promise.all([undoMerge("sources", merged), undoMerge("sources", merged)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await sourceState(merged)).toEqual(before[0]);
  });

  it("keeps what the survivor was given since, and is for editors only", async () => {
    const { merged, kept } = await mergedOutlets("AFP");
    const rows = await countRows();
    expect((await undoMerge("sources", merged, team.viewer.token)).status).toBe(403);
    expect((await undoMerge("sources", merged, team.reviewer.token)).status).toBe(403);
    expect((await undoMerge("sources", merged, other.editor.token)).status).toBe(404);
    expect(await countRows()).toEqual(rows);

    const edited = await api("PATCH", `/api/v1/sources/${kept}`, {
      token: team.editor.token,
      json: { notes: "Agence France-Presse" },
    });
    expect(edited.status).toBe(200);
    expect((await undoMerge("sources", merged)).status).toBe(200);
    // The homepage it gained goes, the notes an editor wrote since stay.
    expect((await sourceState(kept)).source).toMatchObject({ homepage: null, notes: "Agence France-Presse" });
  });

  it("is refused (409, nothing changed) once an article moved on or the name is taken", async () => {
    const { merged, kept, articles } = await mergedOutlets("TASS");
    const refusedWith = async (details: Record<string, unknown>) => {
      const rows = await countRows();
      const state = [await sourceState(merged), await sourceState(kept)];
      const refused = await undoMerge("sources", merged);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details).toEqual(details);
      expect(await countRows()).toEqual(rows);
      expect([await sourceState(merged), await sourceState(kept)]).toEqual(state);
    };
    const renamed = (sourceName: string) =>
      api("PATCH", `/api/v1/articles/${articles[0]}`, { token: team.editor.token, json: { sourceName } });

    expect((await renamed("Interfax")).status).toBe(200);
    await refusedWith({ articleId: articles[0] });
    expect((await renamed("TASS")).status).toBe(200);

    const namesake = (await importFrom("tass.com")).source.id;
    await refusedWith({ field: "name", sourceId: namesake });
  });

  it("answers bad targets with JSON 4xx and changes nothing", async () => {
    const live = (await importFrom("Never merged")).source.id;
    const rows = await countRows();
    for (const [id, status] of [
      ["not-an-id", 404],
      ["019ab000-0000-7000-8000-000000000001", 404],
      [live, 409],
    ] as const) {
      const response = await undoMerge("sources", id);
      expect(response.status, id).toBe(status);
      expect(response.body.error.code, id).toBe(status === 404 ? "not_found" : "conflict");
    }
    expect(await countRows()).toEqual(rows);
  });
});
