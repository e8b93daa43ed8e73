import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { DEMO_PROJECT_ID, SEED_ARTICLE_ID, signIn } from "./support";

const EVENT_ID = "019ab000-0000-7000-8000-000000000200";

/** Every page a signed-in editor reaches, in the state it opens in. */
const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: "projects", path: "/projects", ready: heading(/projects/i) },
  { name: "project", path: `/projects/${DEMO_PROJECT_ID}`, ready: main },
  {
    name: "reader",
    path: `/articles/${SEED_ARTICLE_ID}`,
    ready: (page) => expect(page.locator("[data-article-text]")).toBeVisible(),
  },
  { name: "adjudication", path: `/articles/${SEED_ARTICLE_ID}/adjudicate`, ready: main },
  { name: "events", path: `/projects/${DEMO_PROJECT_ID}/events`, ready: main },
  { name: "event", path: `/events/${EVENT_ID}`, ready: main },
  { name: "codebook", path: `/projects/${DEMO_PROJECT_ID}/codebook`, ready: main },
  { name: "members", path: `/projects/${DEMO_PROJECT_ID}/members`, ready: main },
  { name: "history", path: `/projects/${DEMO_PROJECT_ID}/history`, ready: main },
  { name: "search", path: `/projects/${DEMO_PROJECT_ID}/search?q=taliban`, ready: main },
  { name: "review", path: `/projects/${DEMO_PROJECT_ID}/review`, ready: main },
  { name: "agreement", path: `/projects/${DEMO_PROJECT_ID}/agreement`, ready: main },
  { name: "progress", path: `/projects/${DEMO_PROJECT_ID}/progress`, ready: main },
  { name: "my work", path: "/work", ready: heading(/my work/i) },
  { name: "sources", path: `/projects/${DEMO_PROJECT_ID}/sources`, ready: main },
  { name: "import", path: `/projects/${DEMO_PROJECT_ID}/import`, ready: main },
  { name: "settings", path: `/projects/${DEMO_PROJECT_ID}/settings`, ready: main },
  { name: "account", path: "/account", ready: main },
];

function heading(name: RegExp) {
  return (page: Page) => expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function main(page: Page) {
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

for (const size of [WIDE, NARROW]) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("the sign-in and sign-up pages have no axe-core violation", async ({ page }) => {
      test.slow();
      for (const path of ["/signin", "/signup"]) {
        await page.goto(path);
        await main(page);
        await expectNoAxeViolations(page, path);
      }
    });

    for (const { name, path, ready } of PAGES) {
      test(`the ${name} page has no axe-core violation and no horizontal scrolling`, async ({ page }) => {
        test.slow(); // axe-core reads every element's colours and names
        await signIn(page, "editor@example.org");
        await page.goto(path);
        await ready(page);
        await expectNoAxeViolations(page, `the ${name} page`);
        await expectNoHorizontalScroll(page);
      });
    }

    test("the export and import dialogs have no axe-core violation", async ({ page }) => {
      test.slow();
      await signIn(page, "editor@example.org");
      await page.goto(`/projects/${DEMO_PROJECT_ID}`);
      for (const name of ["Export", "Import files", "Add from URLs"]) {
        await page.getByRole("button", { name, exact: true }).click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await expectNoAxeViolations(page, `the dialog of "${name}"`);
        await page.keyboard.press("Escape");
        await expect(page.getByRole("dialog")).toBeHidden();
      }
    });
  });
}
