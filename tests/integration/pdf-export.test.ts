import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_PROJECT } from "@/lib/demo";
import { api, baseUrl } from "../support/api";
import { createProjectWithTeam } from "../support/factories";

/** The text of a PDF as a reader's copy-paste gives it (poppler's pdftotext), without the invisible direction marks, white space as single spaces. */
function pdfText(bytes: Uint8Array): string {
  const directory = mkdtempSync(path.join(tmpdir(), "parallax-pdf-"));
  const file = path.join(directory, "report.pdf");
  writeFileSync(file, bytes);
  const text = execFileSync(process.env.PDFTOTEXT_PATH ?? "pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ");
}

describe("PDF report", () => {
  it("is a PDF of the demo comparison whose text holds the Persian name and the curly-quoted phrases", async () => {
    const token = (await api("POST", "/api/v1/tokens", { json: { email: "editor@example.org", password: "parallax-demo" } })).body.token as string;
    const response = await fetch(`${baseUrl()}/api/v1/projects/${DEMO_PROJECT.id}/export?format=pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/filename="afghan-resistance-summer-2021-\d{4}-\d{2}-\d{2}-report\.pdf"/);
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

  it("writes Cyrillic, Greek, Hebrew and Turkish as they are, not as empty boxes, and copies out as written", async () => {
    const team = await createProjectWithTeam("Scripts");
    const quotes = ["Вооружённые силы Украины освободили Херсон", "Οι ένοπλοι πολίτες", "הצבא הודיע", "Türkiye’de iğne"];
    const text = quotes.join(". ");
    const article = (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title: "Херсон: три версии", text, sourceName: "Новая газета" } })).body;
    for (const quote of quotes) {
      const start = text.indexOf(quote);
      const created = await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: team.editor.token, json: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] } });
      expect(created.status).toBe(201);
    }
    const noted = await api("PATCH", `/api/v1/sources/${article.source.id}`, { token: team.editor.token, json: { notes: "Независимая газета, закрыта в 2022" } });
    expect(noted.status).toBe(200);
    const exportPdf = async () => {
      const response = await fetch(`${baseUrl()}/api/v1/projects/${team.id}/export?format=pdf`, { headers: { authorization: `Bearer ${team.editor.token}` } });
      expect(response.status).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };
    // Twice: a report's text layer must not depend on the reports made before it in the same server.
    await exportPdf();
    const bytes = await exportPdf();
    const shown = pdfText(bytes);
    // A character the fonts lack would be drawn as an empty box and copy out as something else.
    for (const words of ["Херсон: три версии", "Новая газета", "Независимая газета, закрыта в 2022", ...quotes]) expect(shown).toContain(words);
    expect(shown).toContain(": 1 article, 4 annotated claims, 0 events.");
  });
});
