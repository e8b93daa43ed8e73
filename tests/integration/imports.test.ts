import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
const TEXT_A = "🤔🤔🤔🤔 The governor said “all roads are open”.\nآسواکا reported fighting in Banu 👨‍👩‍👧‍👦.";
const TEXT_B = "💩 Officials denied the report. 🇦🇫 Residents disagreed.";
const articles: Record<string, string> = {};

async function annotate(article: string, text: string, quote: string, json: Record<string, unknown> = {}) {
  const start = text.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${article}/annotations`, {
    token: team.editor.token,
    json: { start, end: start + quote.length, exact: quote, ...json },
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

beforeAll(async () => {
  team = await createProjectWithTeam("Imports");
  for (const [key, text, url] of [
    ["a", TEXT_A, "https://example.org/a"],
    ["b", TEXT_B, null],
  ] as const) {
    const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: `Article ${key}`, text, url, sourceName: `Outlet ${key}`, publishedAt: "2021-08-20" },
    });
    articles[key] = response.body.id;
  }
  const outlet = (await api("GET", `/api/v1/articles/${articles.a}`, { token: team.editor.token })).body.source;
  await api("PATCH", `/api/v1/sources/${outlet.id}`, {
    token: team.editor.token,
    json: { homepage: "https://outlet-a.example", notes: "Owned by a provincial governor." },
  });
  const roads = await annotate(articles.a!, TEXT_A, "“all roads are open”", {
    tags: ["factual claim", "false"],
    note: "Contradicted by Asvaka",
  });
  await annotate(articles.a!, TEXT_A, "آسواکا reported fighting in Banu 👨‍👩‍👧‍👦", { tags: ["quote/attribution"] });
  const denied = await annotate(articles.b!, TEXT_B, "Officials denied the report", { tags: ["opinion", "doubt"] });
  const event = (
    await api("POST", `/api/v1/projects/${team.id}/events`, {
      token: team.editor.token,
      json: { title: "Roads reopen", date: "2021-08-19", place: "Baghlan" },
    })
  ).body;
  for (const [annotationId, stance] of [
    [roads, "ASSERTS"],
    [denied, "DISPUTES"],
  ]) {
    await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.editor.token,
      json: { annotationId, stance, attributedTo: "the governor" },
    });
  }
});

/** A project export with every id replaced by what it names, so two projects' exports compare. */
function comparable(data: any) {
  const articleTitle = new Map(data.articles.map((article: any) => [article.id, article.title]));
  const eventTitle = new Map(data.events.map((event: any) => [event.id, event.title]));
  return {
    codebook: data.codebook,
    sources: data.sources,
    outlets: data.outlets,
    articles: data.articles.map(({ id: _id, ...article }: any) => article),
    events: data.events.map(({ id: _id, ...event }: any) => event),
    annotations: data.annotations
      .map(({ id: _id, articleId, links, ...annotation }: any) => ({
        ...annotation,
        article: articleTitle.get(articleId),
        links: links.map(({ eventId, ...link }: any) => ({ ...link, event: eventTitle.get(eventId) })),
      }))
      .sort((x: any, y: any) => `${x.article}${x.start}`.localeCompare(`${y.article}${y.start}`)),
  };
}

describe("importing a project export", () => {
  it("round-trips: export → import into a new project → export gives the same content, ids aside", async () => {
    const exported = (await api("GET", `/api/v1/projects/${team.id}/export?format=json`, { token: team.editor.token }))
      .body;
    const copy = (await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "Imports (copy)" } }))
      .body;
    const response = await api("POST", `/api/v1/projects/${copy.id}/import`, {
      token: team.editor.token,
      json: exported,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      kind: "project",
      imported: { tags: 0, articles: 2, events: 1, annotations: 3, links: 2, comments: 0 },
      authors: { matched: 1, created: 0, joined: 0 },
    });
    const again = (await api("GET", `/api/v1/projects/${copy.id}/export?format=json`, { token: team.editor.token }))
      .body;
    expect(comparable(again)).toEqual(comparable(exported));
  });

  it("fills in an outlet's homepage and notes only where the project's outlet of that name has none", async () => {
    const exported = (await api("GET", `/api/v1/projects/${team.id}/export?format=json`, { token: team.editor.token }))
      .body;
    expect(exported.outlets).toEqual([
      { name: "Outlet a", homepage: "https://outlet-a.example", notes: "Owned by a provincial governor." },
      { name: "Outlet b", homepage: null, notes: null },
    ]);
    const target = (
      await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "Imports (outlets)" } })
    ).body;
    const ours = (
      await api("POST", `/api/v1/projects/${target.id}/articles`, {
        token: team.editor.token,
        json: { title: "Ours", text: "Ours.", sourceName: "OUTLET A" },
      })
    ).body.source;
    await api("PATCH", `/api/v1/sources/${ours.id}`, { token: team.editor.token, json: { notes: "Our own note." } });
    expect(
      (await api("POST", `/api/v1/projects/${target.id}/import`, { token: team.editor.token, json: exported })).status,
    ).toBe(201);
    const outlets = (await api("GET", `/api/v1/projects/${target.id}/sources`, { token: team.editor.token })).body
      .items;
    expect(
      outlets.map(({ name, homepage, notes, articleCount }: any) => ({ name, homepage, notes, articleCount })),
    ).toEqual([
      { name: "OUTLET A", homepage: "https://outlet-a.example", notes: "Our own note.", articleCount: 2 },
      { name: "Outlet b", homepage: null, notes: null, articleCount: 1 },
    ]);
  });

  it("links to the project's event of the same title instead of naming it twice", async () => {
    const exported = (await api("GET", `/api/v1/projects/${team.id}/export?format=json`, { token: team.editor.token }))
      .body;
    const target = (
      await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "Imports (events by title)" } })
    ).body;
    const known = (
      await api("POST", `/api/v1/projects/${target.id}/events`, {
        token: team.editor.token,
        json: { title: "ROADS REOPEN" },
      })
    ).body;
    // The file names the event twice (two desks' exports joined): one claim is linked to both copies.
    const doubled = structuredClone(exported);
    const original = doubled.events[0];
    doubled.events.push({ ...original, id: "second-copy", title: ` ${original.title} ` });
    doubled.annotations
      .find((annotation: any) => annotation.links.length)
      .links.push({
        ...doubled.annotations.find((annotation: any) => annotation.links.length).links[0],
        eventId: "second-copy",
      });

    const response = await api("POST", `/api/v1/projects/${target.id}/import`, {
      token: team.editor.token,
      json: doubled,
    });
    expect(response.status).toBe(201);
    expect(response.body.imported).toMatchObject({ events: 0, links: 2 });
    const events = (await api("GET", `/api/v1/projects/${target.id}/events`, { token: team.editor.token })).body.items;
    expect(events).toEqual([expect.objectContaining({ id: known.id, title: "ROADS REOPEN", linkCount: 2 })]);
  });

  it("refuses broken files with a 4xx and imports nothing", async () => {
    const exported = (await api("GET", `/api/v1/projects/${team.id}/export?format=json`, { token: team.editor.token }))
      .body;
    const target = (
      await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "Imports (broken)" } })
    ).body;
    const shifted = structuredClone(exported);
    shifted.annotations[0].start += 1;
    const foreign = structuredClone(exported);
    foreign.annotations[0].articleId = "01a00000-0000-7000-8000-000000000000";
    const badEvent = structuredClone(exported);
    badEvent.annotations.find((annotation: any) => annotation.links.length).links[0].eventId = "elsewhere";
    const before = await countRows();
    const cases: [string, Record<string, unknown>][] = [
      ["not JSON", { raw: "{ this is not json", contentType: "application/json" }],
      ["an unknown version", { json: { ...exported, version: 2 } }],
      ["a span that does not match its text", { json: shifted }],
      ["another project's article id", { json: foreign }],
      ["an event not in the file", { json: badEvent }],
      ["an unknown shape", { json: { hello: "world" } }],
      [
        "an outlet's homepage that is not a web address",
        { json: { ...exported, outlets: [{ name: "Outlet a", homepage: "javascript:alert(1)", notes: null }] } },
      ],
      [
        "too large",
        {
          raw: JSON.stringify({ format: "parallax.project", padding: "x".repeat(6 * 1024 * 1024) }),
          contentType: "application/json",
        },
      ],
    ];
    for (const [name, body] of cases) {
      const response = await api("POST", `/api/v1/projects/${target.id}/import`, { token: team.editor.token, ...body });
      expect(response.status, name).toBeGreaterThanOrEqual(400);
      expect(response.status, name).toBeLessThan(500);
      expect(response.body.error.message, name).toBeTruthy();
    }
    expect(await countRows()).toEqual(before);
    expect(
      (await api("POST", `/api/v1/projects/${target.id}/import`, { token: team.reviewer.token, json: exported }))
        .status,
    ).toBe(404);
  });
});

describe("importing W3C Web Annotations", () => {
  it(
    "places annotations by code point positions, re-anchors by quote when the position is off, and rejects what it " +
      "cannot place",
    async () => {
      const collection = (
        await api("GET", `/api/v1/projects/${team.id}/export?format=jsonld&articles=${articles.a}`, {
          token: team.editor.token,
        })
      ).body;
      const items = collection.first.items;
      expect(items).toHaveLength(2);
      const moved = structuredClone(items[1]);
      moved.target.selector[1].start += 3;
      moved.target.selector[1].end += 3;
      const lost = {
        ...structuredClone(items[0]),
        target: { ...items[0].target, source: "https://example.org/unknown" },
      };
      const file = {
        ...collection,
        first: {
          ...collection.first,
          items: [
            items[0],
            moved,
            lost,
            {
              type: "Annotation",
              target: {
                source: "https://example.org/a",
                selector: { type: "TextQuoteSelector", exact: "not in the text" },
              },
            },
          ],
        },
      };

      const response = await api("POST", `/api/v1/projects/${team.id}/import`, {
        token: team.reviewer.token,
        json: file,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: "web-annotation", imported: 1, reanchored: 1, rejected: 2 });
      expect(response.body.items.map((item: { status: string }) => item.status)).toEqual([
        "imported",
        "reanchored",
        "rejected",
        "rejected",
      ]);
      expect(response.body.items[2].reason).toContain("https://example.org/unknown");

      for (const item of response.body.items.slice(0, 2)) {
        const stored = (await api("GET", `/api/v1/annotations/${item.id}`, { token: team.reviewer.token })).body;
        const original =
          item.status === "imported" ? "“all roads are open”" : "آسواکا reported fighting in Banu 👨‍👩‍👧‍👦";
        expect(stored).toMatchObject({
          exact: original,
          start: TEXT_A.indexOf(original),
          end: TEXT_A.indexOf(original) + original.length,
        });
      }
      const first = (
        await api("GET", `/api/v1/annotations/${response.body.items[0].id}`, { token: team.reviewer.token })
      ).body;
      expect(first.tags.map((tag: { name: string }) => tag.name).sort()).toEqual(["factual claim", "false"]);
      expect(first.note).toBe("Contradicted by Asvaka");
    },
  );

  it("finds articles by urn:uuid when they have no URL, and refuses a file with nothing importable", async () => {
    const collection = (
      await api("GET", `/api/v1/projects/${team.id}/export?format=jsonld&articles=${articles.b}`, {
        token: team.editor.token,
      })
    ).body;
    expect(collection.first.items[0].target.source).toBe(`urn:uuid:${articles.b}`);
    const response = await api("POST", `/api/v1/projects/${team.id}/import`, {
      token: team.editor.token,
      json: collection.first.items,
    });
    expect(response.status).toBe(201);
    expect(response.body.imported).toBe(1);
    const before = await countRows();
    const nothing = await api("POST", `/api/v1/projects/${team.id}/import`, {
      token: team.editor.token,
      json: [{ type: "Annotation", target: { source: "urn:uuid:00000000-0000-0000-0000-000000000000" } }],
    });
    expect(nothing.status).toBe(422);
    expect(await countRows()).toEqual(before);
  });
});

describe("importing articles in bulk", () => {
  it("imports an array of articles at once, or none when one is invalid", async () => {
    const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: [
        { title: "Bulk one", text: "First text." },
        { title: "Bulk two", text: "Second text 🤔." },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.items.map((article: { title: string }) => article.title)).toEqual(["Bulk one", "Bulk two"]);
    const before = await countRows();
    const bad = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: [
        { title: "Fine", text: "ok" },
        { title: "", text: "" },
      ],
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.details)).toContain("1.");
    expect(await countRows()).toEqual(before);
    const viaImport = await api("POST", `/api/v1/projects/${team.id}/import`, {
      token: team.editor.token,
      json: { articles: [{ title: "Via import", text: "Text." }] },
    });
    expect(viaImport.status).toBe(201);
    expect(viaImport.body).toMatchObject({ kind: "articles", imported: { articles: 1 } });
  });
});

describe("importing articles from HTML", () => {
  const page = `<!doctype html><html><head><title>Resistance retakes districts | Example News</title>
    <meta property="og:site_name" content="Example News"><meta name="author" content="A. Reporter">
    <script>window.__ran = 1</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Resistance retakes districts</h1>
    <p>On Friday, reports began to circulate that the flag had been hoisted in <b>Pol-e-Hesar</b>.</p>
    <p>Aśvaka – آسواکا News Agency said “a number” of fighters were killed.</p>
    <p>Officials said the situation remained “fluid” — for now. <img src=x onerror="alert(1)"></p>
    <p>More paragraphs make this the main content of the page, as Readability expects of a news article body
    with real sentences in it.</p>
    </article><footer>© Example News. Subscribe!</footer></body></html>`;

  it("extracts the main text with Readability, one line per paragraph, and fills the metadata left out", async () => {
    const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { html: page, url: "https://example.org/news/1" },
    });
    expect(response.status).toBe(201);
    const lines = (response.body.text as string).split("\n");
    expect(lines).toContain("On Friday, reports began to circulate that the flag had been hoisted in Pol-e-Hesar.");
    expect(lines).toContain("Aśvaka – آسواکا News Agency said “a number” of fighters were killed.");
    expect(lines).toContain("Officials said the situation remained “fluid” — for now.");
    expect(response.body.text).not.toContain("window.__ran");
    expect(response.body.text).not.toContain("Subscribe");
    expect(response.body.text).not.toContain("<");
    expect(response.body).toMatchObject({
      url: "https://example.org/news/1",
      author: "A. Reporter",
      source: { name: "Example News" },
    });
    expect(response.body.title).toContain("Resistance retakes districts");
  });

  it("refuses HTML without an article, and text with html, with 422", async () => {
    const before = await countRows();
    expect(
      (
        await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { html: "<html><body></body></html>", title: "Empty" },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { html: page, text: "both" },
        })
      ).status,
    ).toBe(422);
    expect(await countRows()).toEqual(before);
  });
});
