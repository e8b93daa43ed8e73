import { describe, expect, it } from "vitest";
import { DEMO_PROJECT } from "@/lib/demo";
import { api, baseUrl } from "../support/api";
import { createProjectWithTeam } from "../support/factories";
import { exportPdf, pdfPages, pdfText } from "../support/pdf";

/**
 * The text of each page of a PDF as a reader's copy-paste gives it (poppler's pdftotext), without the invisible
 * direction marks, white space as single spaces.
 */
/**
 * A project export (the import's format) of `articles` articles with
 * `perArticle` claims each, every claim linked to one of `events` events
 * (claim n of the whole project to event n mod `events`). Each claim is a
 * sentence naming itself ("claim-a3-c17"); every seventh is in Persian, and
 * every fiftieth is long (about 1,500 characters) with a long note.
 */
function projectFile(articles: number, perArticle: number, events: number) {
  const file = {
    format: "parallax.project",
    version: 1,
    codebook: [],
    articles: [] as { id: string; title: string; text: string; source: string }[],
    events: Array.from({ length: events }, (_, event) => ({
      id: `e${event}`,
      title: `Event number ${event}`,
      date: `2021-08-${String((event % 28) + 1).padStart(2, "0")}`,
    })),
    annotations: [] as unknown[],
  };
  let claim = 0;
  for (let article = 0; article < articles; article++) {
    let text = "";
    for (let index = 0; index < perArticle; index++, claim++) {
      const marker = `claim-a${article}-c${index}`;
      const words =
        index % 50 === 3
          ? Array.from({ length: 150 }, (_, word) => `word${word}`).join(" ")
          : "the ministry said 𠀀 villages were retaken";
      const sentence =
        index % 7 === 5 ? `گزارش ${marker} نیروهای مقاومت سه ولسوالی را پس گرفتند.` : `${marker}: ${words}.`;
      const start = text.length;
      text += `${sentence}\n`;
      file.annotations.push({
        articleId: `a${article}`,
        start,
        end: start + sentence.length,
        exact: sentence,
        note:
          index % 50 === 3
            ? `A long note. ${"It goes on and on. ".repeat(60)}`
            : index % 3 === 0
              ? `note-${marker}`
              : null,
        status: "SUBMITTED",
        createdAt: "2021-08-20T00:00:00Z",
        updatedAt: "2021-08-20T00:00:00Z",
        tags: ["factual claim", "security and defense"].slice(0, 1 + (index % 2)),
        links: [
          {
            eventId: `e${claim % events}`,
            stance: ["ASSERTS", "DISPUTES", "QUALIFIES", "MENTIONS"][claim % 4],
            attributedTo: index % 5 === 0 ? "a spokesman" : null,
            note: null,
          },
        ],
      });
    }
    file.articles.push({ id: `a${article}`, title: `Article ${article}`, text, source: `Outlet ${article}` });
  }
  return file;
}

/** Imports the project file into a new project and exports its PDF report: each page's text. */
async function reportOf(articles: number, perArticle: number, events: number): Promise<string[]> {
  const team = await createProjectWithTeam("Report at size");
  const imported = await api("POST", `/api/v1/projects/${team.id}/import`, {
    token: team.editor.token,
    json: projectFile(articles, perArticle, events),
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  return pdfPages(await exportPdf(team.id, team.editor.token));
}

/**
 * Every claim is printed twice (under its event and in the claims by article), every page is numbered "n / total", and
 * the last page ends the claims.
 */
function expectComplete(pages: string[], articles: number, perArticle: number): void {
  const text = pages.join(" ");
  for (let article = 0; article < articles; article++) {
    for (let index = 0; index < perArticle; index++) {
      expect(
        text.split(`claim-a${article}-c${index}`).length - 1,
        `claim-a${article}-c${index}`,
      ).toBeGreaterThanOrEqual(2);
    }
  }
  for (const [index, page] of pages.entries())
    expect(page).toMatch(new RegExp(`\\b${index + 1} ?/ ?${pages.length}\\b`));
  expect(pages.at(-1)).toContain(`claim-a${articles - 1}-c${perArticle - 1}`);
  expect(text).toContain("نیروهای مقاومت");
  expect(text).toContain("𠀀");
}

describe("PDF report", () => {
  it("is a PDF of the demo comparison whose text holds the Persian name and the curly-quoted phrases", async () => {
    const token = (
      await api("POST", "/api/v1/tokens", { json: { email: "editor@example.org", password: "parallax-demo" } })
    ).body.token as string;
    // Every claim: not all the demo's are approved, its Persian one among them.
    const response = await fetch(`${baseUrl()}/api/v1/projects/${DEMO_PROJECT.id}/export?format=pdf&status=all`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="afghan-resistance-summer-2021-\d{4}-\d{2}-\d{2}-report\.pdf"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");

    const text = pdfText(bytes);
    expect(text).toContain("آسواکا");
    expect(text).toContain("“a number”");
    expect(text).toContain("Afghan resistance, summer 2021");
    expect(text).toContain("Resistance retakes three Baghlan districts");
    expect(text).toContain("Omitted — does not report this event");
    expect(text).toMatch(/according to\s+Newsweek/);
  });

  it(
    "writes Cyrillic, Greek, Hebrew and Turkish as they " + "are, not as empty boxes, and copies out as written",
    async () => {
      const team = await createProjectWithTeam("Scripts");
      const quotes = [
        "Вооружённые силы Украины освободили Херсон",
        "Οι ένοπλοι πολίτες",
        "הצבא הודיע",
        "Türkiye’de iğne",
      ];
      const text = quotes.join(". ");
      const article = (
        await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: "Херсон: три версии", text, sourceName: "Новая газета" },
        })
      ).body;
      for (const quote of quotes) {
        const start = text.indexOf(quote);
        const created = await api("POST", `/api/v1/articles/${article.id}/annotations`, {
          token: team.editor.token,
          json: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] },
        });
        expect(created.status).toBe(201);
      }
      const noted = await api("PATCH", `/api/v1/sources/${article.source.id}`, {
        token: team.editor.token,
        json: { notes: "Независимая газета, закрыта в 2022" },
      });
      expect(noted.status).toBe(200);
      // Twice: a report's text layer must not depend on the reports made before it in the same server.
      await exportPdf(team.id, team.editor.token);
      const bytes = await exportPdf(team.id, team.editor.token);
      const shown = pdfText(bytes);
      // A character the fonts lack would be drawn as an empty box and copy out as something else.
      for (const words of ["Херсон: три версии", "Новая газета", "Независимая газета, закрыта в 2022", ...quotes])
        expect(shown).toContain(words);
      expect(shown).toContain(": 1 article, 4 annotated claims, 0 events.");
    },
  );

  it("takes approved claims only unless asked for others, and prints each framing bar's number", async () => {
    const team = await createProjectWithTeam("Framing numbers");
    const claimsOf = async (sourceName: string, quotes: string[], approved: number) => {
      const text = quotes.join(" ");
      const article = (
        await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: `${sourceName} story`, text, sourceName },
        })
      ).body;
      for (const [index, quote] of quotes.entries()) {
        const start = text.indexOf(quote);
        const created = await api("POST", `/api/v1/articles/${article.id}/annotations`, {
          token: team.editor.token,
          json: { start, end: start + quote.length, exact: quote, tags: ["factual claim", "economic"] },
        });
        expect(created.status).toBe(201);
        if (index >= approved) continue;
        const approval = await api("PATCH", `/api/v1/annotations/${created.body.id}`, {
          token: team.editor.token,
          json: { status: "APPROVED" },
          headers: { "if-match": '"1"' },
        });
        expect(approval.status).toBe(200);
      }
    };
    await claimsOf("Kabul Daily", ["Prices rose.", "Bread doubled.", "Fuel ran out.", "Wages fell.", "Banks shut."], 3);
    await claimsOf("Herat Post", ["Trade stopped.", "Markets closed."], 1);

    const published = pdfText(await exportPdf(team.id, team.editor.token, null));
    expect(published).toContain(": 2 articles, 4 approved claims, 0 events.");
    for (const quote of ["Prices rose.", "Bread doubled.", "Fuel ran out.", "Trade stopped."])
      expect(published).toContain(quote);
    for (const quote of ["Wages fell.", "Banks shut.", "Markets closed."]) expect(published).not.toContain(quote);
    // Each bar is followed by how many claims of that article carry the tag.
    expect(published).toMatch(/frame · economic Kabul Daily 3 Herat Post 1\b/);

    const everything = pdfText(await exportPdf(team.id, team.editor.token, "all"));
    expect(everything).toContain(": 2 articles, 7 annotated claims, 0 events.");
    expect(everything).toContain("Markets closed.");
    expect(everything).toMatch(/frame · economic Kabul Daily 5 Herat Post 2\b/);
  });

  it(
    "prints 150 claims of one article about one event, " + "breaking the pages inside the event and the article",
    async () => {
      const pages = await reportOf(1, 150, 1);
      expectComplete(pages, 1, 150);
      expect(pages.length).toBeGreaterThan(10);
    },
  );

  it("prints 1,000 claims over 20 articles and 100 events", async () => {
    const pages = await reportOf(20, 50, 100);
    expectComplete(pages, 20, 50);
    expect(pages.join(" ")).toContain("Event number 99");
  });
});
