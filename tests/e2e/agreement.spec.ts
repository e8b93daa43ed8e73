import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test("the demo editor measures the agreement of the demo's two coders and downloads it as CSV", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("link", { name: "Agreement" }).click();
  // The demo's coders are its reviewer and its editor: both chosen, and measured, on arrival.
  const form = page.getByRole("form", { name: "Choose coders" });
  await expect(form.getByLabel(/Demo Editor/)).toBeChecked();
  await expect(form.getByLabel(/Demo Reviewer/)).toBeChecked();
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  // The editor coded part of the first article a second time: five passages both coders marked.
  await expect(page.locator("main")).toContainText("; 5 by every coder");
  const table = page.getByTestId("agreement-table");
  await expect(table).toContainText("claim type");
  await expect(table).toContainText("Claim links (same events, same stances)");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("agreement.csv");
  await page.screenshot({ path: ".data/test-results/agreement.png", fullPage: true });
});

test(
  "the demo editor reviews the adjudication of the doubly " + "coded article: kinds of disagreement, accepted versions",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
    await page.getByRole("link", { name: "Afghans rally behind their forces as the Taliban step up attacks" }).click();
    await page.getByRole("link", { name: "Adjudicate" }).click();
    const units = page.getByTestId("adjudication-unit");
    await expect(units).toHaveCount(7);
    const unit = (quote: string) => units.filter({ hasText: quote });
    await expect(unit("the Taliban stepped up their attacks across the country")).toContainText("Agreement");
    await expect(unit("the Pakistani-funded Taliban offensive")).toContainText("Same span, different tags");
    await expect(unit("losing fighters by the hundreds each day")).toContainText("Different boundaries");
    await expect(unit("Sohrab Azimi")).toContainText("Marked by one coder");
    // Settled: the reviewer's version accepted, the editor's rejected and still acceptable instead.
    const settled = unit("the Pakistani-funded Taliban offensive");
    await expect(settled).toContainText("✓ settled");
    await expect(settled.getByText("✓ Accepted version")).toHaveCount(1);
    await expect(settled.getByRole("button", { name: "Accept this version" })).toHaveCount(1);
    await expect(settled).toContainText("rejected");
    await page.screenshot({ path: ".data/test-results/adjudication-demo.png", fullPage: true });
  },
);

test("a project with one coder is told how to measure agreement instead of being shown an error", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Solo ${Date.now()}` } })
  ).json()) as { id: string };
  await page.goto(`/projects/${project.id}/agreement`);
  const notice = page.locator("main").getByRole("status");
  await expect(notice).toContainText("This project has one member who can annotate");
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("agreement-table")).toHaveCount(0);
  await notice.getByRole("link", { name: "add a reviewer" }).click();
  await expect(page).toHaveURL(`/projects/${project.id}/members`);
});
