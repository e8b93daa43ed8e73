import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, signIn } from "../support/api";
import { createProjectWithTeam, TEST_PASSWORD, type TestProject } from "../support/factories";

/**
 * The article page of a large article stays small: it sends what paints the
 * highlights (each annotation's span, tags, author, status) and leaves notes,
 * quotes and links to load after it shows. (How fast it paints is measured
 * in `npm run bench`.)
 */
const TEXT_LENGTH = 50_000;
const ANNOTATIONS = 5_000;
const HTML_BUDGET = 500 * 1024;
const NOTE_MARKER = "reader-page-note";

function largeArticle() {
  let text = "";
  for (let sentence = 0; text.length < TEXT_LENGTH; sentence++)
    text += `Officials said dam ${sentence} held at the bend.${sentence % 8 === 7 ? "\n" : " "}`;
  text = text.slice(0, TEXT_LENGTH).trimEnd();
  const step = Math.floor(text.length / ANNOTATIONS);
  const annotations = Array.from({ length: ANNOTATIONS }, (_, index) => {
    const start = index * step;
    const end = start + 6 + (index % 9);
    return {
      articleId: "a",
      start,
      end,
      exact: text.slice(start, end),
      note: `${NOTE_MARKER} ${index}: checked against the ministry's figures, which differ by a few percent.`,
      status: index % 4 === 0 ? "APPROVED" : "SUBMITTED",
      createdAt: "2021-08-20T10:00:00Z",
      updatedAt: "2021-08-20T10:00:00Z",
      tags: [index % 3 === 0 ? "statistic" : "factual claim"],
      links: index % 5 === 0 ? [{ eventId: `e${index % 40}`, stance: "ASSERTS" }] : [],
    };
  });
  return {
    format: "parallax.project",
    version: 1,
    codebook: [],
    articles: [{ id: "a", title: "A long report", text, source: "Outlet", publishedAt: "2021-08-20" }],
    events: Array.from({ length: 40 }, (_, index) => ({
      id: `e${index}`,
      title: `Event ${index + 1}`,
      date: "2021-08-19",
    })),
    annotations,
  };
}

let team: TestProject;
let articleId: string;

beforeAll(async () => {
  team = await createProjectWithTeam("Reader page");
  const imported = await api("POST", `/api/v1/projects/${team.id}/import`, {
    token: team.editor.token,
    json: largeArticle(),
  });
  expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
  articleId = (await api("GET", `/api/v1/projects/${team.id}/articles?limit=1`, { token: team.editor.token })).body
    .items[0].id;
}, 120_000);

describe("the article page of 5,000 annotations", () => {
  it("is under 500 KB of HTML, with every annotation counted and no note or link in it", async () => {
    const { cookie } = await signIn(team.editor.email, TEST_PASSWORD);
    const response = await fetch(`${baseUrl()}/articles/${articleId}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const bytes = Buffer.byteLength(html);
    console.info(`[reader-page] ${(bytes / 1024).toFixed(0)} KB of HTML for ${ANNOTATIONS} annotations`);
    expect(bytes).toBeLessThan(HTML_BUDGET);
    expect(html).toMatch(/Annotations <span[^>]*>\((?:<!-- -->)?5000(?:<!-- -->)?\)/);
    expect(html).not.toContain(NOTE_MARKER);
    expect(html).not.toContain("Event 1");
  });
});
