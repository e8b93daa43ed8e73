import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test("an editor imports several files at once from the Import dialog, with progress and a report per file", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Imports ${Date.now()}` } })
  ).json()) as { id: string };
  // A project export of the demo, to import into the new project.
  const exported = await (
    await api(page, "GET", "/api/v1/projects/019ab000-0000-7000-8000-000000000001/export?format=json")
  ).text();
  await page.goto(`/projects/${project.id}`);
  await page.getByRole("button", { name: "Import files" }).click();
  const dialog = page.getByRole("dialog", { name: "Import into this project" });
  await dialog.getByLabel("Files").setInputFiles([
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("A plain report.\nآسواکا said “a number”.") },
    {
      name: "page.html",
      mimeType: "text/html",
      buffer: Buffer.from(
        "<html><head><title>Market reopens</title></head><body><article><h1>Market reopens</h1><p>The mayor said the " +
          "market will reopen next week, after repairs to the roof were finished by the city.</p><p>Traders said " +
          "they " +
          "had waited months for this day and welcomed the decision.</p></article></body></html>",
      ),
    },
    { name: "demo.json", mimeType: "application/json", buffer: Buffer.from(exported) },
    { name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ not json") },
  ]);
  await expect(dialog.getByTestId("import-progress")).toHaveText("4 / 4 files");
  const report = dialog.getByRole("list", { name: "Imported files" });
  await expect(report).toContainText("notes.txt: article “notes”");
  await expect(report).toContainText("page.html: article “Market reopens”");
  await expect(report).toContainText(/demo\.json: \d+ articles, \d+ annotations, \d+ events/);
  await expect(report).toContainText("broken.json: This file is not valid JSON.");
  await page.screenshot({ path: ".data/test-results/import-dialog.png" });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("link", { name: "Market reopens" })).toBeVisible();
  await expect(page.getByRole("link", { name: "notes" })).toBeVisible();
});

test("an uploaded web page brings its metadata, a plain text its headline; the same page again links to it", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Page metadata ${Date.now()}` } })
  ).json()) as { id: string };
  const saved = readFileSync(path.join(import.meta.dirname, "../fixtures/pages/jerusalem-post.html"));
  await page.goto(`/projects/${project.id}`);
  await page.getByRole("button", { name: "Import files" }).click();
  const dialog = page.getByRole("dialog", { name: "Import into this project" });
  const report = dialog.getByRole("list", { name: "Imported files" });
  await dialog.getByLabel("Files").setInputFiles([
    { name: "jpost.html", mimeType: "text/html", buffer: saved },
    {
      name: "deh-salah.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Resistance retakes Deh Salah\n\nFighters raised the flag over the district centre."),
    },
  ]);
  await expect(dialog.getByTestId("import-progress")).toHaveText("2 / 2 files");
  await expect(report).toContainText(
    "jpost.html: article “Afghan resistance fighters retake districts from Taliban”: The Jerusalem Post, " +
      "Seth J. Frantzman, 2021-08-20",
  );
  // The outlet of a plain text is left for the editor to choose.
  await expect(report).toContainText("deh-salah.txt: article “Resistance retakes Deh Salah”: no outlet yet");

  await dialog
    .getByLabel("Files", { exact: true })
    .setInputFiles([{ name: "jpost-again.html", mimeType: "text/html", buffer: saved }]);
  await expect(report).toContainText("jpost-again.html: This project already has the article at");
  await page.screenshot({ path: ".data/test-results/import-metadata.png" });
  await report.getByRole("link", { name: "Open “Afghan resistance fighters retake districts from Taliban”" }).click();
  await expect(page).toHaveURL(/\/articles\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Afghan resistance fighters retake districts from Taliban",
  );
});

test("an editor places another project's W3C annotations on an article chosen in the Import dialog", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const text = "The ministry said 40 villages were retaken. Critics called it propaganda.";
  const project = async (name: string) =>
    (await (await api(page, "POST", "/api/v1/projects", { data: { name: `${name} ${Date.now()}` } })).json()) as {
      id: string;
    };
  const article = async (projectId: string, title: string) =>
    (await (await api(page, "POST", `/api/v1/projects/${projectId}/articles`, { data: { title, text } })).json()) as {
      id: string;
    };
  const origin = await project("W3C origin");
  const original = await article(origin.id, "Villages");
  for (const quote of ["40 villages were retaken", "called it propaganda"]) {
    const start = text.indexOf(quote);
    await api(page, "POST", `/api/v1/articles/${original.id}/annotations`, {
      data: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] },
    });
  }
  const w3c = await (await api(page, "GET", `/api/v1/projects/${origin.id}/export?format=jsonld`)).text();
  const target = await project("W3C target");
  await article(target.id, "Another article");
  const copy = await article(target.id, "Villages (copy)");

  await page.goto(`/projects/${target.id}`);
  await page.getByRole("button", { name: "Import files" }).click();
  const dialog = page.getByRole("dialog", { name: "Import into this project" });
  const choice = dialog.getByLabel("Place W3C annotations on");
  await expect(choice.getByRole("option", { name: "Villages (copy)" })).toBeAttached();
  // By keyboard: the choice is an ordinary select.
  await choice.focus();
  await choice.selectOption({ label: "Villages (copy)" });
  await expect(choice).toHaveValue(copy.id);
  await dialog
    .getByLabel("Files")
    .setInputFiles([{ name: "annotations.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(w3c) }]);
  const report = dialog.getByRole("list", { name: "Imported files" });
  await expect(report).toContainText("annotations.jsonld: 2 annotations placed, 0 re-anchored, 0 rejected");
  await page.screenshot({ path: ".data/test-results/import-dialog-article.png" });
  const placed = (await (await api(page, "GET", `/api/v1/articles/${copy.id}/annotations`)).json()) as {
    items: { exact: string }[];
  };
  expect(placed.items.map((item) => item.exact).sort()).toEqual(["40 villages were retaken", "called it propaganda"]);
});
