import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { baseUrl } from "./api";

/** The text of each page of a PDF, as `pdftotext` reads it, spaces collapsed. */
export function pdfPages(bytes: Uint8Array): string[] {
  const directory = mkdtempSync(path.join(tmpdir(), "parallax-pdf-"));
  const file = path.join(directory, "report.pdf");
  writeFileSync(file, bytes);
  // Only what is on the (A4) page: text drawn past its edge cannot be read.
  const visible = ["-x", "0", "-y", "0", "-W", "596", "-H", "842"];
  const text = execFileSync(process.env.PDFTOTEXT_PATH ?? "pdftotext", ["-enc", "UTF-8", ...visible, file, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  // pdftotext ends each page with a form feed.
  return text
    .split("\f")
    .slice(0, -1)
    .map((page) => page.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " "));
}

export const pdfText = (bytes: Uint8Array) => pdfPages(bytes).join(" ");

/** The PDF report of a project: of every claim unless `status` says which (the report's default: approved). */
export async function exportPdf(projectId: string, token: string, status: string | null = "all"): Promise<Uint8Array> {
  const query = new URLSearchParams({ format: "pdf", ...(status ? { status } : {}) });
  const response = await fetch(`${baseUrl()}/api/v1/projects/${projectId}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  return bytes;
}
