import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("the demo editor measures the agreement of the demo's two coders and downloads it as CSV", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("link", { name: "Agreement" }).click();
  // The demo's coders are its reviewer and its editor: both chosen, and measured, on arrival.
  const form = page.getByRole("form", { name: "Choose coders" });
  await expect(form.getByLabel(/Demo Editor/)).toBeChecked();
  await expect(form.getByLabel(/Demo Reviewer/)).toBeChecked();
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  const table = page.getByTestId("agreement-table");
  await expect(table).toContainText("claim type");
  await expect(table).toContainText("Claim links (same events, same stances)");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("agreement.csv");
  await page.screenshot({ path: ".data/test-results/agreement.png", fullPage: true });
});
