import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

test("a new user signs up, creates a project, imports an article whose HTML is shown as text, and signs out", async ({ page }) => {
  const email = `new-${randomUUID()}@test.example`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("New Reporter");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByText("New Reporter")).toBeVisible();

  await page.getByLabel("Name").fill("Local elections");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Local elections");

  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill("Council <b>vote</b>");
  await page.getByLabel("Outlet").fill("Daily <i>Planet</i>");
  await page.getByLabel("Text").fill('First paragraph.\n<img src=x onerror="window.__xss=1">\n\nآسواکا said “no”.');
  await page.getByRole("button", { name: "Import article" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Council <b>vote</b>");
  await expect(page.getByTestId("article-source")).toHaveText("Daily <i>Planet</i>");
  await expect(page.locator("[data-article-text]")).toContainText('<img src=x onerror="window.__xss=1">');
  await expect(page.locator("[data-article-text] img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("editor@example.org");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
});
