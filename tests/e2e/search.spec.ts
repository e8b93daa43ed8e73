import { expect, test } from "@playwright/test";
import { api, DEMO_PROJECT_ID, paintedSpans, signIn } from "./support";

test("the demo editor searches the project and a result opens the reader at its span", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("searchbox", { name: "Search this project" }).fill("Newsweek");
  await page.getByRole("searchbox", { name: "Search this project" }).press("Enter");
  const results = page.getByTestId("search-results").getByRole("listitem");
  await expect(results.first()).toBeVisible();
  await expect(page.getByTestId("search-results").locator("mark").first()).toHaveText(/Newsweek/i);
  const annotationResult = results.filter({ hasText: /^Annotation/ }).filter({ hasText: "about 60 Taliban fighters were injured" });
  await annotationResult.getByRole("link").click();
  await expect(page).toHaveURL(/\/articles\/.*#annotation-/);
  await expect(page.locator('[data-annotation-id][aria-current="true"]')).toContainText("about 60 Taliban fighters were injured");
  await expect.poll(async () => (await paintedSpans(page, "plx-selected")).map((span) => span.text)).toContain("about 60 Taliban fighters were injured");
});

test("two coders' versions of one passage are told apart in the results by author and status", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("searchbox", { name: "Search this project" }).fill('"Pakistani-funded Taliban offensive"');
  await page.getByRole("searchbox", { name: "Search this project" }).press("Enter");
  const results = page.getByTestId("search-results").getByRole("listitem").filter({ hasText: /^Annotation/ });
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: "Annotation by Demo Reviewer · approved · " })).toHaveCount(1);
  await expect(results.filter({ hasText: "Annotation by Demo Editor · rejected · " })).toHaveCount(1);
});

test("the filters offer the codebook's tags and the project's outlets, and narrow the results", async ({ page }) => {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("searchbox", { name: "Search this project" }).fill("Taliban");
  await page.getByRole("searchbox", { name: "Search this project" }).press("Enter");
  const annotations = page.getByTestId("search-results").getByRole("listitem").filter({ hasText: /^Annotation/ });
  await expect(annotations.first()).toBeVisible();
  const all = await annotations.count();

  // Other tests rename the demo's outlets: the choices are whatever the project has now.
  const outlets = ((await (await api(page, "GET", `/api/v1/projects/${DEMO_PROJECT_ID}/sources`)).json()) as { items: { name: string }[] }).items;
  await expect(page.getByLabel("Outlet").getByRole("option")).toHaveText(["Any", ...outlets.map((outlet) => outlet.name)]);
  await page.getByLabel("Outlet").selectOption("The Western Journal");
  await page.getByLabel("Tag").selectOption("quote/attribution");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/tag=quote%2Fattribution&source=The\+Western\+Journal/);
  // The Western Journal's three attributed claims that name the Taliban.
  await expect(annotations).toHaveCount(3);
  expect(all).toBeGreaterThan(3);
  for (const text of await annotations.allTextContents()) expect(text).toContain("The Western Journal");
  // The choice stays shown after the search.
  await expect(page.getByLabel("Tag")).toHaveValue("quote/attribution");
  await expect(page.getByLabel("Outlet")).toHaveValue("The Western Journal");
});
