import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { createProjectWithTeam } from "../support/factories";

describe("audit history", () => {
  it("lists who changed what, newest first, with the changed fields, filterable; editors only", async () => {
    const team = await createProjectWithTeam("History");
    const article = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "t", text: "A claim here." },
      })
    ).body;
    const created = (
      await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.reviewer.token,
        json: { start: 0, end: 7, exact: "A claim", note: "first" },
      })
    ).body;
    await api("PATCH", `/api/v1/annotations/${created.id}`, {
      token: team.reviewer.token,
      json: { note: "second" },
      headers: { "if-match": '"1"' },
    });

    const history = await api("GET", `/api/v1/projects/${team.id}/audit?entity=${created.id}`, {
      token: team.editor.token,
    });
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      "annotation.update",
      "annotation.create",
    ]);
    const [update] = history.body.items;
    expect(update.actor).toEqual({ id: team.reviewer.id, name: "reviewer" });
    expect(update.changes).toEqual(expect.arrayContaining([{ field: "note", before: "first", after: "second" }]));

    const byAction = await api("GET", `/api/v1/projects/${team.id}/audit?action=article.`, {
      token: team.editor.token,
    });
    expect(byAction.body.items.length).toBeGreaterThan(0);
    expect(byAction.body.items.every((entry: { action: string }) => entry.action.startsWith("article."))).toBe(true);
    // A prefix is literal: `%` is no wildcard.
    expect(
      (
        await api("GET", `/api/v1/projects/${team.id}/audit?action=${encodeURIComponent("%.")}`, {
          token: team.editor.token,
        })
      ).body.items,
    ).toEqual([]);
    const byActor = await api("GET", `/api/v1/projects/${team.id}/audit?actor=${team.reviewer.id}`, {
      token: team.editor.token,
    });
    expect(byActor.body.items).toHaveLength(2);
    const paged = await api("GET", `/api/v1/projects/${team.id}/audit?limit=1`, { token: team.editor.token });
    const next = await api("GET", `/api/v1/projects/${team.id}/audit?limit=1&cursor=${paged.body.nextCursor}`, {
      token: team.editor.token,
    });
    expect(next.body.items[0].id < paged.body.items[0].id).toBe(true);

    for (const token of [team.reviewer.token, team.viewer.token])
      expect((await api("GET", `/api/v1/projects/${team.id}/audit`, { token })).status).toBe(403);
    expect((await api("GET", `/api/v1/projects/${team.id}/audit`, { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${team.id}/audit`, { token: team.admin.token })).status).toBe(200);
    expect(
      (await api("GET", `/api/v1/projects/${team.id}/audit?actor=nobody`, { token: team.editor.token })).status,
    ).toBe(422);
  });

  it("names the events, articles and annotations an entry mentions by id, only those of its own project", async () => {
    const team = await createProjectWithTeam("History names");
    const other = await createProjectWithTeam("History names, elsewhere");
    const article = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Baghlan report", text: "Three districts were retaken." },
      })
    ).body;
    const annotation = (
      await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.reviewer.token,
        json: { start: 0, end: 15, exact: "Three districts" },
      })
    ).body;
    const event = (
      await api("POST", `/api/v1/projects/${team.id}/events`, {
        token: team.editor.token,
        json: { title: "Districts retaken" },
      })
    ).body;
    await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.reviewer.token,
      json: { annotationId: annotation.id, stance: "ASSERTS" },
    });
    const entries = (await api("GET", `/api/v1/projects/${team.id}/audit`, { token: team.editor.token })).body.items;
    const link = entries.find((entry: { action: string }) => entry.action === "link.create");
    expect(link.names).toEqual({ [annotation.id]: "“Three districts”", [event.id]: "Districts retaken" });
    expect(entries.find((entry: { action: string }) => entry.action === "annotation.create").names).toEqual({
      [article.id]: "Baghlan report",
    });

    // An id of another project's article, planted in an entry, is not named.
    const foreign = (
      await api("POST", `/api/v1/projects/${other.id}/articles`, {
        token: other.editor.token,
        json: { title: "Secret draft", text: "Not yours." },
      })
    ).body;
    await db().auditEntry.create({
      data: {
        projectId: team.id,
        action: "test.mention",
        entityType: "Test",
        entityId: foreign.id,
        after: { articleId: foreign.id },
      },
    });
    const planted = (
      await api("GET", `/api/v1/projects/${team.id}/audit?action=test.mention`, { token: team.editor.token })
    ).body.items[0];
    expect(planted.names).toEqual({});
  });
});
