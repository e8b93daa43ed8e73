import { expect, type Page, test } from "@playwright/test";
import { api, DEMO_PROJECT_ID, paintedSpans, signIn } from "./support";

/** Signs in as the demo editor, opens the demo project and searches it from its search box, as a user does. */
async function searchDemoProject(page: Page, query: string): Promise<void> {
  await signIn(page, "editor@example.org");
  await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
  await page.getByRole("searchbox", { name: "Search this project" }).fill(query);
  await page.getByRole("searchbox", { name: "Search this project" }).press("Enter");
}

test("the demo editor searches the project and a result opens the reader at its span", async ({ page }) => {
  await searchDemoProject(page, "Newsweek");
  const results = page.getByTestId("search-results").getByRole("listitem");
  await expect(results.first()).toBeVisible();
  await expect(page.getByTestId("search-results").locator("mark").first()).toHaveText(/Newsweek/i);
  const annotationResult = results
    .filter({ hasText: /^Annotation/ })
    .filter({ hasText: "about 60 Taliban fighters were injured" });
  await annotationResult.getByRole("link").click();
  await expect(page).toHaveURL(/\/articles\/.*#annotation-/);
  await expect(page.locator('[data-annotation-id][aria-current="true"]')).toContainText(
    "about 60 Taliban fighters were injured",
  );
  await expect
    .poll(async () => (await paintedSpans(page, "plx-selected")).map((span) => span.text))
    .toContain("about 60 Taliban fighters were injured");
});

test("two coders' versions of one passage are told apart in the results by author and status", async ({ page }) => {
  await searchDemoProject(page, '"Pakistani-funded Taliban offensive"');
  const results = page
    .getByTestId("search-results")
    .getByRole("listitem")
    .filter({ hasText: /^Annotation/ });
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: "Annotation by Demo Reviewer · approved · " })).toHaveCount(1);
  await expect(results.filter({ hasText: "Annotation by Demo Editor · rejected · " })).toHaveCount(1);
});

test("the filters offer the codebook's tags and the project's outlets, and narrow the results", async ({ page }) => {
  await searchDemoProject(page, "Taliban");
  const annotations = page
    .getByTestId("search-results")
    .getByRole("listitem")
    .filter({ hasText: /^Annotation/ });
  await expect(annotations.first()).toBeVisible();
  const all = await annotations.count();

  // Other tests rename the demo's outlets: the choices are whatever the project has now.
  const outlets = (
    (await (await api(page, "GET", `/api/v1/projects/${DEMO_PROJECT_ID}/sources`)).json()) as {
      items: { name: string }[];
    }
  ).items;
  await expect(page.getByLabel("Outlet").getByRole("option")).toHaveText([
    "Any",
    ...outlets.map((outlet) => outlet.name),
  ]);
  await page.getByLabel("Outlet").selectOption("The Western Journal");
  await page.getByLabel("Tag").selectOption("quote/attribution");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/tag=quote%2Fattribution&source=The\+Western\+Journal/);
  // The Western Journal's two attributed claims that name the Taliban.
  await expect(annotations).toHaveCount(2);
  expect(all).toBeGreaterThan(2);
  for (const text of await annotations.allTextContents()) expect(text).toContain("The Western Journal");
  // The choice stays shown after the search.
  await expect(page.getByLabel("Tag")).toHaveValue("quote/attribution");
  await expect(page.getByLabel("Outlet")).toHaveValue("The Western Journal");
});

test("more than a page of matches goes on with “More matches”, and back to the first page", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = (await (await api(page, "POST", "/api/v1/projects", { data: { name: "Many matches" } })).json()) as {
    id: string;
  };
  const lines = Array.from({ length: 34 }, (_, index) => `Report ${index + 1} names the ferry.`);
  const text = lines.join("\n");
  const article = (await (
    await api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title: "Ferries", text } })
  ).json()) as { id: string };
  for (const line of lines) {
    const start = text.indexOf(line);
    expect(
      (
        await api(page, "POST", `/api/v1/articles/${article.id}/annotations`, {
          data: { start, end: start + line.length, exact: line },
        })
      ).status(),
    ).toBe(201);
  }

  await page.goto(`/projects/${project.id}/search?q=ferry`);
  // A project's pages name it in their tabs' titles.
  await expect(page).toHaveTitle("Search · Many matches · Parallax");
  const results = page.getByTestId("search-results").getByRole("listitem");
  await expect(results).toHaveCount(30);
  await expect(page.getByRole("link", { name: "← First page" })).toHaveCount(0);
  const firstPage = await results.allTextContents();
  await page.getByRole("link", { name: "More matches →" }).click();
  await expect(page).toHaveURL(/q=ferry&cursor=/);
  // The other five (34 annotations and the article), none of the first page's again.
  await expect(results).toHaveCount(5);
  for (const text of await results.allTextContents()) expect(firstPage).not.toContain(text);
  await expect(page.getByRole("link", { name: "More matches →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← First page" }).click();
  await expect(results).toHaveCount(30);
  await expect(page.getByLabel("Words")).toHaveValue("ferry");
});
