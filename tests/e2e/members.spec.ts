import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test("an editor adds a member by email, changes the role, and removes them; the last editor is kept", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = (await (await api(page, "POST", "/api/v1/projects", { data: { name: `Team ${Date.now()}` } })).json()) as { id: string };
  await page.goto(`/projects/${project.id}`);
  await page.getByRole("link", { name: "Members" }).click();
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByLabel("Email of a registered user").fill("reviewer@example.org");
  await form.getByLabel("Role").selectOption("VIEWER");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("status")).toHaveText("Added Demo Reviewer as viewer.");
  const rows = page.getByTestId("member-row");
  await expect(rows).toHaveCount(2);

  await page.getByLabel("Role of Demo Reviewer").selectOption("REVIEWER");
  await expect(page.getByRole("status")).toHaveText("Demo Reviewer is now reviewer.");
  await page.getByLabel("Role of Demo Editor").selectOption("VIEWER");
  await expect(page.getByRole("alert").filter({ hasText: "last editor" })).toBeVisible();
  await expect(page.getByLabel("Role of Demo Editor")).toHaveValue("EDITOR");
  // Removing asks first; "Keep" keeps.
  const reviewer = rows.filter({ hasText: "Demo Reviewer" });
  await reviewer.getByRole("button", { name: "Remove" }).click();
  await expect(reviewer).toContainText("Remove Demo Reviewer from the project?");
  await reviewer.getByRole("button", { name: "Keep" }).click();
  await expect(rows).toHaveCount(2);
  await reviewer.getByRole("button", { name: "Remove" }).click();
  await reviewer.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByRole("status")).toContainText("Removed Demo Reviewer");
  await expect(rows).toHaveCount(1);
});
