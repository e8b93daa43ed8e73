import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_PROJECT } from "@/lib/demo";
import { api, baseUrl } from "../support/api";

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
});
