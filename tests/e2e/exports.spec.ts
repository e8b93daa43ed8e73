import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

const FORMATS = [
  { label: /^CSV/, extension: "annotations.csv", check: (text: string) => expect(text.split("\r\n")[0]).toMatch(/^project,article,source,/) },
  { label: /^PDF report/, extension: "report.pdf", check: (text: string) => expect(text.startsWith("%PDF-")).toBe(true) },
  { label: /^Markdown report/, extension: "report.md", check: (text: string) => expect(text).toContain("## Events") },
  { label: /^Project JSON/, extension: "project.json", check: (text: string) => expect(JSON.parse(text).format).toBe("parallax.project") },
  { label: /^W3C Web Annotation/, extension: "annotations.jsonld", check: (text: string) => expect(JSON.parse(text).type).toBe("AnnotationCollection") },
  {
    label: /^ClaimReview/,
    extension: "claimreview.jsonld",
    // Markup to publish: the approved verdicts (settled in the demo's adjudication), not the editor's drafts.
    check: (text: string) => {
      const reviewed = JSON.parse(text)["@graph"].map((review: { claimReviewed: string }) => review.claimReviewed);
      expect(reviewed).toContain("losing fighters by the hundreds each day");
      expect(reviewed).not.toContain("about 60 Taliban fighters were injured");
    },
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
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("link", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^afghan-resistance-summer-2021-\\d{4}-\\d{2}-\\d{2}-${format.extension.replace(".", "\\.")}$`));
    const text = await readFile((await download.path())!, "utf8");
    format.check(text);
    if (!["report.pdf", "claimreview.jsonld"].includes(format.extension)) expect(text).toContain("about 60 Taliban fighters were injured");
  }
  await page.screenshot({ path: ".data/test-results/export-dialog.png" });
});
