import { expect, test } from "@playwright/test";
import { DEMO_PROJECT_ID, signIn } from "./support";

test("the demo editor opens the demo project and reads article 001 with its Persian script", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Afghan resistance, summer 2021");
  // Tabs of several projects and articles open side by side are told apart by their titles.
  await expect(page).toHaveTitle("Afghan resistance, summer 2021 · Parallax");
  await expect(page.getByRole("cell", { name: "The Western Journal" })).toBeVisible();

  await page
    .getByRole("link", { name: "Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory",
  );
  await expect(page).toHaveTitle(
    "Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory · Parallax",
  );
  await page.goto(`${page.url()}/adjudicate`);
  await expect(page).toHaveTitle(
    "Adjudicate: Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory · Parallax",
  );
  await page.goBack();
  const persian = page.locator("[data-article-text]").getByText("آسواکا", { exact: false });
  await expect(persian).toBeVisible();
  await expect(page.locator("[data-article-text]")).toContainText("Aśvaka – آسواکا News Agency");
  // Curly quotes arrive as they are.
  await expect(page.locator("[data-article-text]")).toContainText("“a number”");
  await page.screenshot({ path: ".data/test-results/article-001.png", fullPage: true });
});

test("the editor edits the other article's outlet and date, and they persist across a reload", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("link", { name: "Afghans rally behind their forces as the Taliban step up attacks" }).click();
  await expect(page.getByTestId("article-source")).toHaveText("Unknown outlet");

  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Outlet").fill("Khaama Press");
  await page.getByLabel("Published").fill("2021-08-16");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("article-source")).toHaveText("Khaama Press");
  await expect(page.getByTestId("article-published")).toHaveText("16 Aug 2021");

  await page.goto(page.url().replace(/\/articles\/.*/, "/projects"));
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  const row = page.getByRole("row", { name: /Afghans rally behind their forces/ });
  await expect(row).toContainText("Khaama Press");
  await expect(row).toContainText("16 Aug 2021");
});

test(
  "a reviewer reads but sees no editing controls, and coding " + "blind, neither the editor's drafts nor their count",
  async ({ page, browser }) => {
    await signIn(page, "reviewer@example.org");
    await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
    await expect(page.getByRole("link", { name: "Import article" })).toHaveCount(0);
    // The demo editor's 11 annotations of this article are drafts: hidden from a reviewer until approved.
    const row = page.getByRole("row", { name: /Desperate Afghans/ });
    await expect(row.getByRole("cell").last()).toHaveText("0");
    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit details" })).toHaveCount(0);
    await expect(
      page.getByText("None of yours yet. Other members’ annotations show here once an editor approves them"),
    ).toBeVisible();
    // The comparison says whose claims it counts, rather than let the hidden drafts look like omissions.
    await page.goto(`/projects/${DEMO_PROJECT_ID}/compare`);
    await expect(page.getByText("You code blind in this project")).toBeVisible();
    const editor = await browser.newPage();
    await signIn(editor, "editor@example.org");
    await editor.goto(`/projects/${DEMO_PROJECT_ID}/compare`);
    await expect(editor.getByText("Omitted", { exact: false }).first()).toBeVisible();
    await expect(editor.getByText("You code blind in this project")).toHaveCount(0);
  },
);
