import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

const FORMATS = [
  {
    label: /^CSV/,
    extension: "annotations.csv",
    check: (text: string) => expect(text.split("\r\n")[0]).toMatch(/^project,article,source,/),
  },
  {
    label: /^PDF report/,
    extension: "report.pdf",
    check: (text: string) => expect(text.startsWith("%PDF-")).toBe(true),
  },
  {
    label: /^Markdown report/,
    extension: "report.md",
    // A report to publish: the approved claims, not the editor's drafts.
    check: (text: string) => {
      expect(text).toContain("## Events");
      expect(text).toMatch(/\d+ approved claims/);
      expect(text).toContain("losing fighters by the hundreds each day");
      expect(text).not.toContain("about 60 Taliban fighters were injured");
    },
  },
  {
    label: /^Project JSON/,
    extension: "project.json",
    check: (text: string) => expect(JSON.parse(text).format).toBe("parallax.project"),
  },
  {
    label: /^W3C Web Annotation/,
    extension: "annotations.jsonld",
    check: (text: string) => expect(JSON.parse(text).type).toBe("AnnotationCollection"),
  },
  {
    label: /^ClaimReview/,
    extension: "claimreview.jsonld",
    // The demo names no publishing organisation: nothing is published yet, and the dialog says why
    // (claim-review.spec.ts publishes).
    check: (text: string) => expect(JSON.parse(text)["@graph"]).toEqual([]),
  },
];

test("the demo editor downloads every export format from the Export dialog", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog", { name: /^Export/ });
  await expect(dialog).toBeVisible();
  for (const format of FORMATS) {
    await dialog.getByRole("radio", { name: format.label }).check();
    if (format.extension === "claimreview.jsonld")
      await expect(dialog.getByRole("list", { name: "Claims left out" }).getByRole("listitem").first()).toContainText(
        "the project names no publishing organisation",
      );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^afghan-resistance-summer-2021-\\d{4}-\\d{2}-\\d{2}-${format.extension.replace(".", "\\.")}$`),
    );
    const text = await readFile((await download.path())!, "utf8");
    format.check(text);
    if (!["report.pdf", "report.md", "claimreview.jsonld"].includes(format.extension))
      expect(text).toContain("about 60 Taliban fighters were injured");
  }
  // The report with every claim, when the dialog asks for it.
  await dialog.getByRole("radio", { name: /^Markdown report/ }).check();
  await expect(dialog.getByTestId("export-approved-only")).toBeVisible();
  await dialog.getByText("Filters (optional)").click();
  await dialog.getByLabel("Status").selectOption("all");
  await expect(dialog.getByTestId("export-approved-only")).toBeHidden();
  const [everything] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("link", { name: "Download" }).click(),
  ]);
  const report = await readFile((await everything.path())!, "utf8");
  expect(report).toContain("about 60 Taliban fighters were injured");
  expect(report).toMatch(/\d+ annotated claims/);
  await page.screenshot({ path: ".data/test-results/export-dialog.png" });
});

test("the Export dialog's article filter offers every article of the project, also past the first page of 200", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Archive ${Date.now()}` } })
  ).json()) as { id: string };
  const articles = Array.from({ length: 201 }, (_, index) => ({
    title: `Report ${String(index + 1).padStart(3, "0")}`,
    text: `Report number ${index + 1}.`,
    sourceName: "Wire",
  }));
  for (let from = 0; from < articles.length; from += 100) {
    expect(
      (
        await api(page, "POST", `/api/v1/projects/${project.id}/import`, {
          data: { articles: articles.slice(from, from + 100) },
        })
      ).status(),
    ).toBe(201);
  }
  const last = (await (await api(page, "GET", `/api/v1/projects/${project.id}/articles?limit=200`)).json()) as {
    nextCursor: string;
  };
  const [lastArticle] = (
    (await (await api(page, "GET", `/api/v1/projects/${project.id}/articles?cursor=${last.nextCursor}`)).json()) as {
      items: { id: string; title: string }[];
    }
  ).items;
  expect(lastArticle!.title).toBe("Report 201");

  await page.goto(`/projects/${project.id}`);
  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByRole("dialog", { name: /^Export/ });
  await dialog.getByText("Filters (optional)").click();
  const picker = dialog.getByLabel("Articles (none chosen: all)");
  await expect(picker.locator("option")).toHaveCount(201);
  await picker.selectOption({ label: "Wire — Report 201" });
  await expect(dialog.getByRole("link", { name: "Download" })).toHaveAttribute(
    "href",
    new RegExp(`[?&]articles=${lastArticle!.id}(&|$)`),
  );
});
