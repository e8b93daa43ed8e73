import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { createProjectWithTeam } from "../support/factories";

describe("full-text search", () => {
  it("finds annotations, comments and articles by words, Persian included, with filters and blind coding", async () => {
    const team = await createProjectWithTeam("Search");
    const text = "Resistance fighters retook Banu district. آسواکا reported casualties near the river.";
    const article = (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title: "Baghlan report", text, sourceName: "Asvaka" } })).body;
    const quote = "آسواکا reported casualties";
    const reviewers = (await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: team.reviewer.token, json: { start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, exact: quote, tags: ["quote/attribution"], note: "Check the casualty figure" } })).body;
    const editors = (await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: team.editor.token, json: { start: 0, end: 40, exact: text.slice(0, 40), tags: ["factual claim"] } })).body;
    await api("POST", `/api/v1/annotations/${editors.id}/comments`, { token: team.editor.token, json: { text: "The ministry denies the district fell." } });

    const search = async (query: string, token = team.editor.token) => (await api("GET", `/api/v1/projects/${team.id}/search?${query}`, { token })).body.items as any[];
    const persian = await search(`q=${encodeURIComponent("آسواکا")}`);
    expect(persian.map((hit) => hit.kind).sort()).toEqual(["annotation", "article"]);
    const hit = persian.find((candidate) => candidate.kind === "annotation");
    expect(hit).toMatchObject({ annotationId: reviewers.id, articleId: article.id, source: "Asvaka", exact: quote, author: { id: team.reviewer.id, name: team.reviewer.actor.name }, status: "DRAFT" });
    expect(persian.find((candidate) => candidate.kind === "article")).toMatchObject({ author: null, status: null, annotationId: null });
    // The whole quote, its matched word marked; the note only when it matched too.
    expect(hit.snippet).toBe("“\u0001آسواکا\u0002 reported casualties”");
    const both = (await search("q=casualties%20or%20casualty")).find((candidate) => candidate.kind === "annotation");
    expect(both.snippet).toBe("“آسواکا reported \u0001casualties\u0002” — Check the \u0001casualty\u0002 figure");

    // A quote of some twenty words is shown whole, not cut around the match.
    const long = "the Indian outlet Republic World reported that Pol-e-Hesar had been freed from Taliban control after days of fighting in the north";
    const longArticle = (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title: "Long quote", text: long } })).body;
    await api("POST", `/api/v1/articles/${longArticle.id}/annotations`, { token: team.editor.token, json: { start: 0, end: long.length, exact: long } });
    const longHit = (await search("q=Taliban")).find((candidate) => candidate.kind === "annotation");
    expect(longHit.snippet).toBe(`“${long.replace("Taliban", "\u0001Taliban\u0002")}”`);

    // A comment: by its own author, on the editor's annotation.
    expect(await search("q=ministry")).toMatchObject([{ kind: "comment", annotationId: editors.id, author: { id: team.editor.id }, status: "DRAFT" }]);
    expect((await search("q=casualty")).map((candidate) => candidate.kind)).toEqual(["annotation"]);
    expect((await search("q=district&tag=factual%20claim")).map((candidate) => candidate.kind).sort()).toEqual(["annotation", "comment"]);
    expect(await search("q=district&status=APPROVED")).toEqual([]);
    expect((await search("q=Banu&source=Other")).length).toBe(0);
    // The outlet in any case, as the article list takes it.
    expect((await search("q=Banu&source=asvaka")).map((candidate) => candidate.kind).sort()).toEqual(["annotation", "article"]);
    // Blind coding: the reviewer finds their own annotation and the article, not the editor's draft or its comment.
    expect((await search("q=district", team.reviewer.token)).map((candidate) => candidate.kind)).toEqual(["article"]);

    // An excluded word narrows a search; alone it would list everything without it, with nothing to show.
    expect((await search("q=district%20-ministry")).map((candidate) => candidate.kind).sort()).toEqual(["annotation", "article"]);
    for (const onlyExcluded of ["-ministry", "-ministry%20-district", '-"the%20ministry"']) {
      const refused = await api("GET", `/api/v1/projects/${team.id}/search?q=${onlyExcluded}`, { token: team.editor.token });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.issues).toEqual([{ path: "q", message: expect.stringContaining("excluded words") }]);
    }
    expect((await api("GET", `/api/v1/projects/${team.id}/search?q=`, { token: team.editor.token })).status).toBe(422);
    expect((await api("GET", `/api/v1/projects/${team.id}/search?q=x`, { token: team.outsider.token })).status).toBe(404);
  });

  it("pages through every hit with nextCursor, equal ranks in the same order on every page", async () => {
    const team = await createProjectWithTeam("Search pages");
    const text = Array.from({ length: 7 }, (_, index) => `Sentence ${index} mentions the river.`).join("\n");
    const article = (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title: "River", text } })).body;
    for (const line of text.split("\n")) {
      const start = text.indexOf(line);
      await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: team.editor.token, json: { start, end: start + line.length, exact: line } });
    }
    const path = `/api/v1/projects/${team.id}/search?q=river`;
    const all = (await api("GET", `${path}&limit=100`, { token: team.editor.token })).body;
    expect(all.items).toHaveLength(8); // seven annotations, one article
    expect(all.nextCursor).toBeNull();
    expect(Object.keys(all.items[0]).sort()).toEqual(["annotationId", "articleId", "articleTitle", "author", "exact", "kind", "rank", "snippet", "source", "status"]);

    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await api("GET", `${path}&limit=3${cursor ? `&cursor=${cursor}` : ""}`, { token: team.editor.token })).body;
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items);

    for (const bad of ["nonsense", Buffer.from(article.id).toString("base64url"), Buffer.from("offset:-1").toString("base64url")]) {
      const refused = await api("GET", `${path}&cursor=${bad}`, { token: team.editor.token });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain("Invalid cursor");
    }
  });
});
