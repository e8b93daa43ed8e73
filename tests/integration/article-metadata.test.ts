import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { articleAtUrlStatement } from "@/lib/articles/duplicates";
import { db } from "@/lib/db";
import { api, errorCode } from "../support/api";
import { indexesRead, planOf, planText, refreshStatistics, seqScannedTables } from "../support/explain";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

/*
 * A page's metadata through the API (POST …/articles with `html`), on saved pages (tests/fixtures/pages):
 * title, authors, date, the canonical URL, the outlet found by name or by site or made; a URL the project
 * has is refused; a plain text's headline line titles it.
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), "utf8");
const seedText = (file: string) => readFileSync(new URL(`../../prisma/seed/articles/${file}`, import.meta.url), "utf8");

const KHAAMA_URL = "https://www.khaama.com/resistance-forces-retake-three-districts-in-baghlan-5675/";
const JPOST_URL = "https://www.jpost.com/middle-east/afghan-resistance-fighters-retake-districts-677654";

function importInto(project: TestProject, json: unknown) {
  return api("POST", `/api/v1/projects/${project.id}/articles`, { token: project.editor.token, json });
}

async function sourceOf(project: TestProject, name: string) {
  const { body } = await api("GET", `/api/v1/projects/${project.id}/sources`, { token: project.editor.token });
  return (body.items as { id: string; name: string; homepage: string | null }[]).find((item) => item.name === name);
}

async function sourceCount(project: TestProject) {
  return db().source.count({ where: { projectId: project.id } });
}

describe("an HTML page's metadata", () => {
  let team: TestProject;
  beforeAll(async () => {
    team = await createProjectWithTeam("Page metadata");
  });

  it("takes JSON-LD's headline, authors, date and publisher, and the canonical URL over the one sent", async () => {
    const response = await importInto(team, {
      html: fixture("full-metadata.html"),
      url: "https://www.khaama.com/?p=5675&utm_source=feed",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Resistance forces retake three districts in Baghlan",
      author: "Nabila Sharifi, Ahmad Rahimi",
      publishedAt: "2021-08-20",
      url: KHAAMA_URL,
      source: { name: "Khaama Press News Agency" },
    });
    // A new outlet gets the publisher's homepage.
    expect(await sourceOf(team, "Khaama Press News Agency")).toMatchObject({ homepage: "https://www.khaama.com/" });
  });

  it("reads Open Graph when there is no JSON-LD, <time> and the byline when there is neither", async () => {
    const openGraph = await importInto(team, { html: fixture("open-graph-only.html") });
    expect(openGraph.status).toBe(201);
    expect(openGraph.body).toMatchObject({
      title: "Taliban say talks with Panjshir leaders under way",
      author: "Sam Reed",
      publishedAt: "2021-08-22",
      url: "https://tolonews.com/afghanistan-174301",
      source: { name: "TOLOnews" },
    });
    // The outlet's homepage is its site's when the page names no publisher URL.
    expect(await sourceOf(team, "TOLOnews")).toMatchObject({ homepage: "https://tolonews.com/" });

    const timeOnly = await importInto(team, { html: fixture("time-only.html"), url: "https://frontier.example/a" });
    expect(timeOnly.status).toBe(201);
    expect(timeOnly.body).toMatchObject({
      title: "Armed citizens in Takhar back the army",
      author: "Ana Lopez",
      publishedAt: "2021-08-19",
      url: "https://frontier.example/a",
      source: null,
    });
  });

  it("ignores malformed JSON-LD", async () => {
    const response = await importInto(team, {
      html: fixture("broken-json-ld.html"),
      url: "https://observer.example/amp/1",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Fighting reported near Mazar-e-Sharif",
      publishedAt: "2021-08-12",
      url: "https://observer.example/news/2021/08/fighting-near-mazar",
      source: { name: "Kabul Observer" },
    });
  });

  it("keeps what the caller sent over what the page says, except the URL", async () => {
    const response = await importInto(team, {
      html: fixture("jerusalem-post.html"),
      title: "Our own title",
      author: "Desk",
      publishedAt: "2021-08-25",
      sourceName: "Wire copy",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Our own title",
      author: "Desk",
      publishedAt: "2021-08-25",
      source: { name: "Wire copy" },
      url: JPOST_URL,
    });
  });
});

describe("the outlet of an imported page", () => {
  it("is the project's outlet of the cleaned name, in any case and with or without 'The'", async () => {
    const team = await createProjectWithTeam("Outlets by name");
    const made = await importInto(team, { title: "Earlier", text: "Earlier report.", sourceName: "jerusalem post" });
    const outlets = await sourceCount(team);
    const response = await importInto(team, { html: fixture("jerusalem-post.html") });
    expect(response.status).toBe(201);
    expect(response.body.source).toEqual(made.body.source);
    expect(await sourceCount(team)).toBe(outlets);
  });

  it("is made with the name cleaned of its site suffix when the project has no such outlet", async () => {
    const team = await createProjectWithTeam("Outlets made");
    const response = await importInto(team, { html: fixture("jerusalem-post.html") });
    expect(response.body).toMatchObject({ source: { name: "The Jerusalem Post" }, author: "Seth J. Frantzman" });
    expect(await sourceOf(team, "The Jerusalem Post")).toMatchObject({ homepage: "https://www.jpost.com/" });
  });

  it("is the project's outlet whose homepage is on the article's site, unless the caller names another", async () => {
    const team = await createProjectWithTeam("Outlets by site");
    const made = await importInto(team, { title: "Earlier", text: "Earlier report.", sourceName: "JPost" });
    const outlet = made.body.source as { id: string; name: string };
    expect(
      (
        await api("PATCH", `/api/v1/sources/${outlet.id}`, {
          token: team.editor.token,
          json: { homepage: "http://JPOST.com" },
        })
      ).status,
    ).toBe(200);
    const outlets = await sourceCount(team);

    const page = await importInto(team, { html: fixture("jerusalem-post.html") });
    expect(page.status).toBe(201);
    expect(page.body.source).toEqual(outlet);
    // A JSON article on that site, with no outlet named, gets it too.
    const json = await importInto(team, { title: "Wire", text: "Text.", url: "https://www.jpost.com/opinion/1" });
    expect(json.body.source).toEqual(outlet);
    expect(await sourceCount(team)).toBe(outlets);

    // The caller's name decides: an agency's story on the same site is the agency's.
    const named = await importInto(team, {
      title: "Agency copy",
      text: "Text.",
      url: "https://www.jpost.com/breaking-news/2",
      sourceName: "Reuters",
    });
    expect(named.body.source).toMatchObject({ name: "Reuters" });
  });
});

describe("an article already in the project", () => {
  let team: TestProject;
  let existing: { id: string; title: string };
  beforeAll(async () => {
    team = await createProjectWithTeam("Duplicates");
    existing = (await importInto(team, { html: fixture("full-metadata.html") })).body;
  });

  const expectRefused = async (json: unknown) => {
    const before = await countRows();
    const response = await importInto(team, json);
    expect(response.status).toBe(409);
    expect(errorCode(response)).toBe("conflict");
    expect(response.body.error.details).toMatchObject({ articleId: existing.id, title: existing.title });
    expect(response.body.error.message).toContain(existing.title);
    expect(await countRows()).toEqual(before);
  };

  it("is refused (409 naming it) from the same page at another address, and as JSON with its URL", async () => {
    await expectRefused({ html: fixture("full-metadata.html"), url: "https://www.khaama.com/amp/5675" });
    await expectRefused({ title: "Again", text: "The same story.", url: KHAAMA_URL });
  });

  it("is refused in a bulk import, as are two articles of one import with one URL; nothing is stored", async () => {
    const before = await countRows();
    const bulk = await importInto(team, [
      { title: "New", text: "A new story.", url: "https://example.org/new-story" },
      { title: "Again", text: "The same story.", url: KHAAMA_URL },
    ]);
    expect(bulk.status).toBe(409);
    expect(bulk.body.error.details).toMatchObject({ articleId: existing.id });
    const twice = await importInto(team, [
      { title: "One", text: "A story.", url: "https://example.org/twice" },
      { title: "Two", text: "A story.", url: "https://example.org/twice" },
    ]);
    expect(twice.status).toBe(409);
    expect(await countRows()).toEqual(before);
  });

  it("is imported once when two imports of it race", async () => {
    const url = "https://example.org/raced";
    const answers = await Promise.all(
      [1, 2, 3].map((n) => importInto(team, { title: `Race ${n}`, text: "A story.", url })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect(await db().article.count({ where: { projectId: team.id, url, deletedAt: null } })).toBe(1);
  });

  it("may be imported again once deleted, and into another project", async () => {
    const other = await createProjectWithTeam("Duplicates elsewhere");
    expect((await importInto(other, { html: fixture("full-metadata.html") })).status).toBe(201);
    const made = await importInto(team, { title: "Deleted soon", text: "Text.", url: "https://example.org/gone" });
    await api("DELETE", `/api/v1/articles/${made.body.id}`, { token: team.editor.token });
    expect((await importInto(team, { title: "Back", text: "Text.", url: "https://example.org/gone" })).status).toBe(
      201,
    );
  });

  it("is looked up through the index on the project's URLs", async () => {
    await db().$executeRaw`
      INSERT INTO articles (id, project_id, created_by_id, updated_at, title, text, text_length, url)
      SELECT gen_random_uuid(), ${team.id}::uuid, ${team.editor.id}::uuid, now(), 'Report ' || n, 'Text.', 5,
        'https://example.org/report/' || n
      FROM generate_series(1, 2000) AS n`;
    await refreshStatistics("articles");
    const statement = articleAtUrlStatement(team.id, "https://example.org/report/1234");
    const plan = await planOf(statement);
    expect(indexesRead(plan), await planText(statement)).toContain("articles_project_url_idx");
    expect(seqScannedTables(plan)).not.toContain("articles");
  });
});

describe("a plain text sent without a title", () => {
  let team: TestProject;
  beforeAll(async () => {
    team = await createProjectWithTeam("Plain texts");
  });

  it("is titled by its first line when that reads as a headline, the text kept byte for byte", async () => {
    const file = seedText("001_2efd4ead4b9c702b.txt");
    const response = await importInto(team, { text: file });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory",
      source: null,
    });
    expect(Buffer.from(response.body.text as string, "utf8").equals(Buffer.from(file, "utf8"))).toBe(true);
  });

  it("needs a title when its first line is a paragraph (422, nothing stored)", async () => {
    const before = await countRows();
    const response = await importInto(team, { text: seedText("000_b5622c5356c6c267.txt") });
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body.error.details)).toContain("title");
    expect(await countRows()).toEqual(before);
  });
});
