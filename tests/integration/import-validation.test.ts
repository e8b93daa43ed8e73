import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, baseUrl } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * A project file is checked with the same rules as the API routes that make
 * the same things: a value the API refuses is refused in a file too (422
 * naming the field), and nothing of the file is stored.
 */
let team: TestProject;

beforeAll(async () => {
  team = await createProjectWithTeam("Import validation");
});

function projectFile() {
  return {
    format: "parallax.project",
    version: 1,
    codebook: [
      {
        name: "workflow",
        kind: "CUSTOM",
        description: null,
        tags: [
          { name: "check later", description: null, color: "#112233", shortcut: "k" as string | null, archived: false },
        ],
      },
    ],
    outlets: [{ name: "Pajhwok", homepage: "https://pajhwok.com", notes: null }],
    articles: [
      {
        id: "a1",
        title: "Dam",
        text: "The dam was repaired.",
        url: "https://example.org/dam",
        author: null,
        publishedAt: "2021-08-20",
        source: "Pajhwok",
      },
    ],
    events: [
      { id: "e1", title: "Dam repaired", date: "2021-08-19", dateEnd: "2021-08-21", place: null, description: null },
    ],
    annotations: [
      {
        articleId: "a1",
        start: 4,
        end: 7,
        exact: "dam",
        note: null as string | null,
        status: "DRAFT",
        createdAt: "2021-08-20T10:00:00Z",
        updatedAt: "2021-08-20T10:00:00Z",
        tags: ["check later"],
        links: [{ eventId: "e1", stance: "ASSERTS", attributedTo: null as string | null, note: null }],
        comments: [{ text: "Source?", createdAt: "2021-08-20T11:00:00Z" }],
      },
    ],
  };
}
type ProjectFile = ReturnType<typeof projectFile>;

const REFUSED: [string, (file: ProjectFile) => void, string][] = [
  ["a javascript: URL", (file) => (file.articles[0]!.url = "javascript:alert(document.cookie)"), "articles.0.url"],
  ["an unparsable URL", (file) => (file.articles[0]!.url = "http://exa mple.org/a b"), "articles.0.url"],
  ["a month 13", (file) => (file.articles[0]!.publishedAt = "2021-13-45"), "articles.0.publishedAt"],
  ["30 February", (file) => (file.articles[0]!.publishedAt = "2021-02-30"), "articles.0.publishedAt"],
  ["an empty title", (file) => (file.articles[0]!.title = "  "), "articles.0.title"],
  ["an empty tag name", (file) => (file.codebook[0]!.tags[0]!.name = ""), "codebook.0.tags.0.name"],
  [
    "a tag name of 100,000 characters",
    (file) => (file.codebook[0]!.tags[0]!.name = "x".repeat(100_000)),
    "codebook.0.tags.0.name",
  ],
  [
    "a shortcut of several keys",
    (file) => (file.codebook[0]!.tags[0]!.shortcut = "ctrl+alt+del"),
    "codebook.0.tags.0.shortcut",
  ],
  ["an empty group name", (file) => (file.codebook[0]!.name = ""), "codebook.0.name"],
  [
    "an event ending before it starts",
    (file) => Object.assign(file.events[0]!, { date: "2021-08-20", dateEnd: "2021-08-01" }),
    "events.0.dateEnd",
  ],
  ["an event on 30 February", (file) => (file.events[0]!.date = "2021-02-30"), "events.0.date"],
  [
    "an outlet's javascript: homepage",
    (file) => (file.outlets[0]!.homepage = "javascript:alert(1)"),
    "outlets.0.homepage",
  ],
  ["an empty tag on an annotation", (file) => (file.annotations[0]!.tags = [""]), "annotations.0.tags.0"],
  [
    "a note longer than the API takes",
    (file) => (file.annotations[0]!.note = "n".repeat(20_001)),
    "annotations.0.note",
  ],
  ["an empty comment", (file) => (file.annotations[0]!.comments[0]!.text = " "), "annotations.0.comments.0.text"],
  [
    "a link's attribution longer than the API takes",
    (file) => (file.annotations[0]!.links[0]!.attributedTo = "a".repeat(301)),
    "annotations.0.links.0.attributedTo",
  ],
];

describe("a project file checked as the API checks", () => {
  it("imports the valid file", async () => {
    const target = (await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "Valid import" } }))
      .body;
    const imported = await api("POST", `/api/v1/projects/${target.id}/import`, {
      token: team.editor.token,
      json: projectFile(),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  });

  for (const [what, spoil, path] of REFUSED) {
    it(`refuses ${what} with 422 naming ${path}, storing nothing`, async () => {
      const file = projectFile();
      spoil(file);
      const before = await countRows();
      const refused = await api("POST", `/api/v1/projects/${team.id}/import`, { token: team.editor.token, json: file });
      expect(refused.status, JSON.stringify(refused.body).slice(0, 500)).toBe(422);
      expect(refused.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
      expect(await countRows()).toEqual(before);
    });
  }
});

describe("the article page", () => {
  it("shows every URL the API accepts, and a link stored before the checks existed, without failing", async () => {
    const accepted = [
      "https://例え.jp/記事",
      "http://[::1]:3000/a",
      "https://example.org/%zz?q=1#x",
      "HTTPS://EXAMPLE.ORG/UPPER",
    ];
    for (const url of accepted) {
      const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Linked", text: "Text.", url },
      });
      expect(article.status, url).toBe(201);
      const page = await fetch(`${baseUrl()}/articles/${article.body.id}`, {
        headers: { authorization: `Bearer ${team.editor.token}` },
      });
      expect(page.status, url).toBe(200);
    }
    // As an older import stored them: not links at all.
    for (const url of ["javascript:alert(1)", "not a url"]) {
      const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Legacy", text: "Text." },
      });
      await db().article.update({ where: { id: article.body.id }, data: { url } });
      const page = await fetch(`${baseUrl()}/articles/${article.body.id}`, {
        headers: { authorization: `Bearer ${team.editor.token}` },
      });
      expect(page.status, url).toBe(200);
      expect(await page.text()).not.toContain(`href="${url}"`);
    }
  });
});
