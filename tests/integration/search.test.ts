import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requireProjectPermission } from "@/lib/permissions";
import { searchStatement } from "@/lib/search";
import { api } from "../support/api";
import { planText, refreshStatistics } from "../support/explain";
import { createProjectWithTeam } from "../support/factories";

describe("full-text search", () => {
  it("finds annotations, comments and articles by words, Persian included, with filters and blind coding", async () => {
    const team = await createProjectWithTeam("Search");
    const text = "Resistance fighters retook Banu district. آسواکا reported casualties near the river.";
    const article = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Baghlan report", text, sourceName: "Asvaka" },
      })
    ).body;
    const quote = "آسواکا reported casualties";
    const reviewers = (
      await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.reviewer.token,
        json: {
          start: text.indexOf(quote),
          end: text.indexOf(quote) + quote.length,
          exact: quote,
          tags: ["quote/attribution"],
          note: "Check the casualty figure",
        },
      })
    ).body;
    const editors = (
      await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.editor.token,
        json: { start: 0, end: 40, exact: text.slice(0, 40), tags: ["factual claim"] },
      })
    ).body;
    await api("POST", `/api/v1/annotations/${editors.id}/comments`, {
      token: team.editor.token,
      json: { text: "The ministry denies the district fell." },
    });

    const search = async (query: string, token = team.editor.token) =>
      (await api("GET", `/api/v1/projects/${team.id}/search?${query}`, { token })).body.items as any[];
    const persian = await search(`q=${encodeURIComponent("آسواکا")}`);
    expect(persian.map((hit) => hit.kind).sort()).toEqual(["annotation", "article"]);
    const hit = persian.find((candidate) => candidate.kind === "annotation");
    expect(hit).toMatchObject({
      annotationId: reviewers.id,
      articleId: article.id,
      source: "Asvaka",
      exact: quote,
      author: { id: team.reviewer.id, name: team.reviewer.actor.name },
      status: "DRAFT",
    });
    expect(persian.find((candidate) => candidate.kind === "article")).toMatchObject({
      author: null,
      status: null,
      annotationId: null,
    });
    // The whole quote, its matched word marked; the note only when it matched too.
    expect(hit.snippet).toBe("“\u0001آسواکا\u0002 reported casualties”");
    const both = (await search("q=casualties%20or%20casualty")).find((candidate) => candidate.kind === "annotation");
    expect(both.snippet).toBe("“آسواکا reported \u0001casualties\u0002” — Check the \u0001casualty\u0002 figure");

    // A quote of some twenty words is shown whole, not cut around the match.
    const long =
      "the Indian outlet Republic World reported that Pol-e-Hesar had been freed from Taliban control after days of " +
      "fighting in the north";
    const longArticle = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Long quote", text: long },
      })
    ).body;
    await api("POST", `/api/v1/articles/${longArticle.id}/annotations`, {
      token: team.editor.token,
      json: { start: 0, end: long.length, exact: long },
    });
    const longHit = (await search("q=Taliban")).find((candidate) => candidate.kind === "annotation");
    expect(longHit.snippet).toBe(`“${long.replace("Taliban", "\u0001Taliban\u0002")}”`);

    // A comment: by its own author, on the editor's annotation.
    expect(await search("q=ministry")).toMatchObject([
      { kind: "comment", annotationId: editors.id, author: { id: team.editor.id }, status: "DRAFT" },
    ]);
    // The note's "casualty" as written, the article's "casualties" as another form of it, ranked after.
    expect((await search("q=casualty")).map((candidate) => candidate.kind)).toEqual(["annotation", "article"]);
    expect((await search("q=district&tag=factual%20claim")).map((candidate) => candidate.kind).sort()).toEqual([
      "annotation",
      "comment",
    ]);
    expect(await search("q=district&status=APPROVED")).toEqual([]);
    expect((await search("q=Banu&source=Other")).length).toBe(0);
    // The outlet in any case, as the article list takes it.
    expect((await search("q=Banu&source=asvaka")).map((candidate) => candidate.kind).sort()).toEqual([
      "annotation",
      "article",
    ]);
    // Blind coding: the reviewer finds their own annotation and the article, not the editor's draft or its comment.
    expect((await search("q=district", team.reviewer.token)).map((candidate) => candidate.kind)).toEqual(["article"]);

    // An excluded word narrows a search; alone it would list everything without it, with nothing to show.
    expect((await search("q=district%20-ministry")).map((candidate) => candidate.kind).sort()).toEqual([
      "annotation",
      "article",
    ]);
    for (const onlyExcluded of ["-ministry", "-ministry%20-district", '-"the%20ministry"']) {
      const refused = await api("GET", `/api/v1/projects/${team.id}/search?q=${onlyExcluded}`, {
        token: team.editor.token,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.issues).toEqual([
        { path: "q", message: expect.stringContaining("excluded words") },
      ]);
    }
    expect((await api("GET", `/api/v1/projects/${team.id}/search?q=`, { token: team.editor.token })).status).toBe(422);
    expect((await api("GET", `/api/v1/projects/${team.id}/search?q=x`, { token: team.outsider.token })).status).toBe(
      404,
    );
  });

  it("pages through every hit with nextCursor, equal ranks in the same order on every page", async () => {
    const team = await createProjectWithTeam("Search pages");
    const text = Array.from({ length: 7 }, (_, index) => `Sentence ${index} mentions the river.`).join("\n");
    const article = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "River", text },
      })
    ).body;
    for (const line of text.split("\n")) {
      const start = text.indexOf(line);
      await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.editor.token,
        json: { start, end: start + line.length, exact: line },
      });
    }
    const path = `/api/v1/projects/${team.id}/search?q=river`;
    const all = (await api("GET", `${path}&limit=100`, { token: team.editor.token })).body;
    expect(all.items).toHaveLength(8); // seven annotations, one article
    expect(all.nextCursor).toBeNull();
    expect(Object.keys(all.items[0]).sort()).toEqual([
      "annotationId",
      "articleId",
      "articleTitle",
      "author",
      "eventId",
      "exact",
      "kind",
      "rank",
      "snippet",
      "source",
      "sourceId",
      "status",
    ]);

    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (
        await api("GET", `${path}&limit=3${cursor ? `&cursor=${cursor}` : ""}`, { token: team.editor.token })
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items);

    for (const bad of [
      "nonsense",
      Buffer.from(article.id).toString("base64url"),
      Buffer.from("offset:-1").toString("base64url"),
    ]) {
      const refused = await api("GET", `${path}&cursor=${bad}`, { token: team.editor.token });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain("Invalid cursor");
    }
  });
});

describe("search by word forms", () => {
  const sentences = [
    "Resistance fighters retook the district.",
    "The withdrawal began at dawn.",
    "A Pakistani delegation arrived.",
    "They fight for the valley.",
    "The fighting went on for days.",
    "نیروهای مقاومت سه ولسوالی را پس گرفتند.",
  ];
  const text = sentences.join("\n");

  /** A project whose article annotates each sentence, with an event and an outlet of their own words. */
  async function wordsProject(name: string) {
    const team = await createProjectWithTeam(name);
    const article = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Baghlan dispatch", text, sourceName: "Pakistani Observer" },
      })
    ).body;
    const claims: Record<string, string> = {};
    for (const sentence of sentences) {
      const start = text.indexOf(sentence);
      const created = await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.editor.token,
        json: { start, end: start + sentence.length, exact: sentence },
      });
      expect(created.status).toBe(201);
      claims[sentence] = created.body.id;
    }
    const event = await api("POST", `/api/v1/projects/${team.id}/events`, {
      token: team.editor.token,
      json: { title: "Militia withdraws from Pol-e-Hesar", place: "Andarab valley", description: "Fighters left." },
    });
    expect(event.status).toBe(201);
    const search = async (q: string, token = team.editor.token) => {
      const found = await api("GET", `/api/v1/projects/${team.id}/search?q=${encodeURIComponent(q)}&limit=100`, {
        token,
      });
      expect(found.status).toBe(200);
      return found.body.items as any[];
    };
    const quotes = (hits: any[]) => hits.filter((hit) => hit.kind === "annotation").map((hit) => hit.exact);
    return { team, article, claims, event: event.body, search, quotes };
  }

  it("finds English word forms and words they begin, Persian word for word", async () => {
    const { search, quotes } = await wordsProject("Search word forms");
    expect(quotes(await search("fighter"))).toContain(sentences[0]);
    expect(quotes(await search("withdraw"))).toEqual([sentences[1]]);
    expect(quotes(await search("pakistan"))).toEqual([sentences[2]]);
    // Matched forms are marked in the snippet.
    const [withdrawal] = (await search("withdraw")).filter((hit) => hit.kind === "annotation");
    expect(withdrawal.snippet).toBe("“The \u0001withdrawal\u0002 began at dawn.”");
    const [article] = (await search("pakistan")).filter((hit) => hit.kind === "article");
    expect(article.snippet).toContain("\u0001Pakistani\u0002");

    expect(quotes(await search("مقاومت"))).toEqual([sentences[5]]);
    // The start of a Persian word is not a word of it.
    expect(await search("نیرو")).toEqual([]);
  });

  it("ranks the words as written first, then their forms, then the words they begin", async () => {
    const { search, quotes } = await wordsProject("Search word ranks");
    const hits = (await search("fight")).filter((hit) => hit.kind === "annotation");
    expect(quotes(hits)).toEqual([sentences[3], sentences[4], sentences[0]]);
    const [exact, stemmed, prefixed] = hits.map((hit) => hit.rank);
    expect(exact).toBeGreaterThanOrEqual(2);
    expect(stemmed).toBeGreaterThanOrEqual(1);
    expect(stemmed).toBeLessThan(2);
    expect(prefixed).toBeLessThan(1);
  });

  it("finds events by title, place and description, and outlets by name, in the project's own rows only", async () => {
    const { team, article, event, search } = await wordsProject("Search events and outlets");
    const other = await wordsProject("Search events and outlets elsewhere");
    const [outlet] = (await search("observer")).filter((hit) => hit.kind === "source");
    expect(outlet).toMatchObject({
      kind: "source",
      sourceId: article.source.id,
      source: "Pakistani Observer",
      articleId: null,
      eventId: null,
      snippet: "Pakistani \u0001Observer\u0002",
    });
    for (const words of ["withdraw", "andarab", "fighter"]) {
      const [found] = (await search(words)).filter((hit) => hit.kind === "event");
      expect(found, words).toMatchObject({ kind: "event", eventId: event.id, articleId: null, annotationId: null });
    }
    expect((await search("andarab"))[0].snippet).toBe(
      "Militia withdraws from Pol-e-Hesar, \u0001Andarab\u0002 valley — Fighters left.",
    );
    // Filters about annotations leave events and outlets out.
    const filtered = await api("GET", `/api/v1/projects/${team.id}/search?q=andarab&status=DRAFT`, {
      token: team.editor.token,
    });
    expect(filtered.body.items).toEqual([]);

    const everything = [
      ...(await search("pakistan")),
      ...(await search("fighter")),
      ...(await search("andarab")),
      ...(await search("مقاومت")),
    ];
    expect(everything.length).toBeGreaterThan(8);
    const theirs = new Set([other.article.id, other.event.id, other.article.source.id, ...Object.values(other.claims)]);
    for (const hit of everything)
      for (const id of [hit.articleId, hit.eventId, hit.sourceId, hit.annotationId]) expect(theirs.has(id)).toBe(false);
    // A member of the other project cannot search this one.
    const outsider = await api("GET", `/api/v1/projects/${team.id}/search?q=andarab`, {
      token: other.team.editor.token,
    });
    expect(outsider.status).toBe(404);
  });
});

/** Words w0, w1… in a scrambled order, joined into a text of exactly `length` characters. */
function wordsText(length: number, salt: number): string {
  const words: string[] = [];
  let size = 0;
  for (let index = 0; size < length; index++) {
    const word = `w${(index * 7919 + salt) % 30011}`;
    words.push(word);
    size += word.length + 1;
  }
  return words.join(" ").slice(0, length);
}

describe("search at size", () => {
  it(
    "finds words in ten articles of a million characters through the full-text indexes, parsing no stored text " +
      "again",
    async () => {
      const team = await createProjectWithTeam("Search at size");
      const MILLION = 1_000_000;
      const ids: string[] = [];
      for (let index = 0; index < 10; index++) {
        const base = wordsText(MILLION, index);
        // The fourth article has a rare word in its middle and another as its very last word.
        const text =
          index === 3
            ? `${base.slice(0, MILLION / 2)} needle ${base.slice(MILLION / 2 + 8, MILLION - 7)} finale`
            : base;
        const created = await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: `Long report ${index}`, text },
        });
        expect(created.status).toBe(201);
        ids.push(created.body.id);
      }
      // Two thousand short reports, each with an annotation and a comment (written straight into the tables: the
      // plan is what matters here): a newsroom's project of some size, where a rare word is best found through the
      // indexes.
      await db().$executeRaw`
      WITH brief AS (
        INSERT INTO articles (id, project_id, created_by_id, updated_at, title, text, text_length)
        SELECT gen_random_uuid(), ${team.id}::uuid, ${team.editor.id}::uuid, now(), 'Brief ' || n, brief, length(brief)
        FROM generate_series(1, 2000) AS n, format('Brief number %s about the valley.', n) AS brief RETURNING id, text
      ), claim AS (
        INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, revision,
          updated_at)
        SELECT gen_random_uuid(), ${team.id}::uuid, id, ${team.editor.id}::uuid, 0, length(text), text, '', '', 1, now()
          FROM brief RETURNING id
      )
      INSERT INTO comments (id, annotation_id, author_id, text, updated_at)
        SELECT gen_random_uuid(), id, ${team.editor.id}::uuid, 'Seen.', now() FROM claim`;
      const noted = (
        await api("POST", `/api/v1/articles/${ids[0]}/annotations`, {
          token: team.editor.token,
          json: { start: 0, end: 10, exact: wordsText(MILLION, 0).slice(0, 10), note: "The needle is elsewhere" },
        })
      ).body;
      await api("POST", `/api/v1/annotations/${noted.id}/comments`, {
        token: team.editor.token,
        json: { text: "No needle here either" },
      });

      const search = async (q: string) =>
        (
          await api("GET", `/api/v1/projects/${team.id}/search?q=${encodeURIComponent(q)}`, {
            token: team.editor.token,
          })
        ).body.items as any[];
      const needle = await search("needle");
      expect(needle.map((hit) => [hit.kind, hit.articleId])).toEqual(
        expect.arrayContaining([
          ["article", ids[3]],
          ["annotation", ids[0]],
          ["comment", ids[0]],
        ]),
      );
      expect(needle.find((hit) => hit.kind === "article").snippet).toContain("\u0001needle\u0002");
      expect(needle.find((hit) => hit.kind === "annotation").snippet).toContain(
        " — The \u0001needle\u0002 is elsewhere",
      );
      expect((await search("finale")).find((hit) => hit.kind === "article")).toMatchObject({
        articleId: ids[3],
        snippet: expect.stringContaining("\u0001finale\u0002"),
      });

      // The plan: each kind through its GIN index of stored words. Statistics first, as autovacuum keeps them: VACUUM
      // gives the planner a GIN index's own (its size in entries and pages), ANALYZE those of the column.
      await refreshStatistics("articles", "annotations", "comments");
      const access = await requireProjectPermission(team.editor.actor, team.id, "annotation.read");
      const plan = await planText(searchStatement(team.editor.actor, access, { q: "needle", limit: 30, offset: 0 }), {
        verbose: true,
      });
      for (const table of ["articles", "annotations", "comments"])
        for (const words of ["search", "search_stems"])
          expect(plan, plan).toContain(`Bitmap Index Scan on ${table}_${words}_idx`);
      // No article, quote or comment is parsed into words again: only the notes of the page, to tell whether they
      // matched, and the few short fields of the project's events and outlets.
      // (The plan numbers an alias used in several places: e_1, e_2.)
      const parsed = Array.from(
        plan.matchAll(/\b(?:to_tsvector|search_words)\(\(*([a-z]+)(?:_\d+)?\.(\w+)/g),
        ([, table, column]) => `${table}.${column}`,
      );
      expect(parsed.length, plan).toBeGreaterThan(0);
      expect(new Set(parsed)).toEqual(new Set(["a.note", "e.title", "s.name"]));
    },
  );

  it("keeps an article whose words are too many for one index entry, searchable from its start", async () => {
    const team = await createProjectWithTeam("Search words limit");
    // 140,000 different Persian-script words: 2 MB of distinct words, over PostgreSQL's 1 MB for one tsvector.
    const letters = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنو";
    const word = (index: number) =>
      Array.from(
        { length: 6 },
        (_, digit) => letters[Math.floor(index / letters.length ** digit) % letters.length],
      ).join("");
    const text = Array.from({ length: 140_000 }, (_, index) => word(index)).join(" ");
    const created = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Many words", text },
    });
    expect(created.status).toBe(201);
    const found = await api("GET", `/api/v1/projects/${team.id}/search?q=${encodeURIComponent(word(5))}`, {
      token: team.editor.token,
    });
    expect(found.body.items).toMatchObject([{ kind: "article", articleId: created.body.id }]);
  });

  it(
    "refuses queries PostgreSQL cannot parse (more than 30 minus signs in a row) with a 422, and answers any query " +
      "without a 500",
    async () => {
      const team = await createProjectWithTeam("Search query bounds");
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Bridge", text: "The bridge was closed by the army." },
      });
      const status = async (q: string) =>
        (
          await api("GET", `/api/v1/projects/${team.id}/search?q=${encodeURIComponent(q)}`, {
            token: team.editor.token,
          })
        ).status;
      const refused = await api("GET", `/api/v1/projects/${team.id}/search?q=${"-".repeat(50)}x`, {
        token: team.editor.token,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.issues).toEqual([
        { path: "q", message: expect.stringContaining("30 minus signs") },
      ]);
      // An "or" and an implied "and" wait on PostgreSQL's stack with the run.
      expect(await status(`bridge or closed army ${"-".repeat(30)}army`)).toBe(200);
      expect(await status(`bridge or closed army ${"- ".repeat(31)}army`)).toBe(422);
      expect(await status(`bridge ${"-!(".repeat(40)}army`)).toBe(422);

      // Minus signs mostly, among what PostgreSQL skips between them and what ends a run of them.
      const piece = fc.oneof(
        { arbitrary: fc.constant("-"), weight: 6 },
        {
          arbitrary: fc.constantFrom(
            " ",
            "!",
            "(",
            ")",
            "&",
            "|",
            "<",
            "\t",
            '"',
            ",",
            "or",
            "bridge",
            ":",
            "*",
            "'",
            "\u00a0",
          ),
          weight: 4,
        },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 200 }), async (parts) => {
          expect([200, 422]).toContain(await status(parts.join("").slice(0, 500)));
        }),
        { numRuns: 40 },
      );
    },
  );
});
