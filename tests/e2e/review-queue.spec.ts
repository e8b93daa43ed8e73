import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW } from "./layout";
import { api, DEMO_PROJECT_ID, importArticle, joinProject, signIn } from "./support";

const VILLAGES = "The ministry said 40 villages were retaken on Monday. Critics called it propaganda.";
const ROAD = "Residents said the road to the valley was closed. The governor denied it.";

/** An annotation made through the API as the user of `page`; submitted for review when `submit`. */
async function annotate(
  page: Page,
  articleId: string,
  text: string,
  quote: string,
  { tags = [] as string[], note = null as string | null, submit = true } = {},
): Promise<string> {
  const start = text.indexOf(quote);
  const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
    data: { start, end: start + quote.length, exact: quote, tags, note },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  if (submit) {
    const submitted = await api(page, "PATCH", `/api/v1/annotations/${id}`, {
      data: { status: "SUBMITTED" },
      version: 1,
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
  }
  return id;
}

async function statusOf(page: Page, id: string): Promise<string> {
  return ((await (await api(page, "GET", `/api/v1/annotations/${id}`)).json()) as { status: string }).status;
}

/** The reviewer, signed in in a browser context of their own. */
async function reviewerPage(browser: Browser): Promise<Page> {
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer@example.org");
  return reviewer;
}

test("the editor works the review queue by keyboard: j/k move, a approves, r rejects, x selects, o opens", async ({
  page,
  browser,
}) => {
  test.slow();
  await signIn(page, "editor@example.org");
  // A project of its own, so that only this test's annotations wait in it.
  const project = await api(page, "POST", "/api/v1/projects", { data: { name: `Queue ${Date.now()}` } });
  const { id: projectId } = (await project.json()) as { id: string };
  const reviewer = await reviewerPage(browser);
  await joinProject(page, reviewer, projectId, "reviewer@example.org", "REVIEWER");
  const importInto = async (title: string, text: string) =>
    (
      (await (
        await api(page, "POST", `/api/v1/projects/${projectId}/articles`, {
          data: { title, text, sourceName: "Kabul Times" },
        })
      ).json()) as { id: string }
    ).id;
  const villages = await importInto("Villages retaken", VILLAGES);
  const road = await importInto("Road closed", ROAD);
  const ids = [
    await annotate(reviewer, villages, VILLAGES, "40 villages were retaken", { tags: ["statistic"], note: "Which?" }),
    await annotate(reviewer, road, ROAD, "the road to the valley was closed", { tags: ["factual claim"] }),
    await annotate(reviewer, villages, VILLAGES, "propaganda", { tags: ["opinion", "loaded language"] }),
    await annotate(reviewer, road, ROAD, "The governor denied it", { tags: ["quote/attribution"] }),
  ];
  await annotate(reviewer, villages, VILLAGES, "on Monday", { submit: false });
  for (const text of ["Which villages?", "The ministry's list names 12."])
    expect((await api(page, "POST", `/api/v1/annotations/${ids[0]}/comments`, { data: { text } })).status()).toBe(201);
  await reviewer.context().close();

  // The project's navigation leads there.
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review" })).toBeVisible();
  const rows = page.getByTestId("queue-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("The ministry said 40 villages were retaken on Monday.");
  await expect(rows.nth(0)).toContainText("Which?");
  await expect(rows.nth(0)).toContainText("statistic");
  await expect(rows.nth(0).getByTestId("comment-count")).toHaveText("· 2 comments");
  await expect(rows.nth(1)).toContainText("Road closed");
  await expectNoAxeViolations(page, "the review queue");
  await page.screenshot({ path: "/tmp/review-queue-1440.png", fullPage: true });

  // Filters: one article.
  await page.getByLabel("Article").selectOption({ label: "Road closed" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(2);
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(rows).toHaveCount(4);

  // j and k move; a approves the current row, which then offers nothing more.
  await rows.nth(0).focus();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("a");
  await expect(rows.nth(0)).toHaveAttribute("data-status", "APPROVED");
  await expect(rows.nth(0)).toContainText("Approved");
  await expect(rows.nth(0).getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Approved “40 villages were retaken”" })).toBeVisible();

  // r asks for the reason; Escape cancels, and the focus comes back to the row.
  await page.keyboard.press("j");
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: /^Reject “the road to the valley/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute("data-status", "SUBMITTED");
  await page.keyboard.press("r");
  await page.keyboard.type("The governor denies it: attribute it.");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(rows.nth(1)).toHaveAttribute("data-status", "REJECTED");
  await expect(rows.nth(1)).toContainText("Rejected: The governor denies it: attribute it.");
  await expect(rows.nth(1).getByRole("button")).toHaveCount(0);
  await expect(rows.nth(1)).toBeFocused();

  // x selects; the selection is approved at once.
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(rows.nth(2).getByRole("checkbox")).toBeChecked();
  await page.getByRole("button", { name: "Approve selected (2)" }).click();
  await expect(rows.nth(2)).toHaveAttribute("data-status", "APPROVED");
  await expect(rows.nth(3)).toHaveAttribute("data-status", "APPROVED");
  await expect(page.getByRole("button", { name: "Approve selected (0)" })).toBeDisabled();
  expect(await Promise.all(ids.map((id) => statusOf(page, id)))).toEqual([
    "APPROVED",
    "REJECTED",
    "APPROVED",
    "APPROVED",
  ]);

  await page.reload();
  await expect(page.getByText("Nothing waits for review.")).toBeVisible();

  // o opens the current row in the reader.
  await annotate(page, villages, VILLAGES, "Critics called it", { tags: ["quote/attribution"], submit: true });
  await page.reload();
  await expect(rows).toHaveCount(1);
  await rows.nth(0).focus();
  await page.keyboard.press("o");
  await expect(page).toHaveURL(new RegExp(`/articles/${villages}#annotation-`));
  await expect(page.locator('[data-testid="annotation-card"][aria-current="true"]')).toContainText("Critics called it");
});

test("the review queue at 390 px: rows fit, keys and the reject dialog work", async ({ page, browser }) => {
  await page.setViewportSize({ width: NARROW.width, height: NARROW.height });
  await signIn(page, "editor@example.org");
  const project = await api(page, "POST", "/api/v1/projects", { data: { name: `Narrow queue ${Date.now()}` } });
  const { id: projectId } = (await project.json()) as { id: string };
  const reviewer = await reviewerPage(browser);
  await joinProject(page, reviewer, projectId, "reviewer@example.org", "REVIEWER");
  const created = await api(page, "POST", `/api/v1/projects/${projectId}/articles`, {
    data: { title: "A rather long title of a report about the valley road and its closure", text: ROAD },
  });
  const { id: road } = (await created.json()) as { id: string };
  await annotate(reviewer, road, ROAD, "the road to the valley was closed", {
    tags: ["factual claim"],
    note: "Two residents.",
  });
  await annotate(reviewer, road, ROAD, "The governor denied it", { tags: ["quote/attribution"] });
  await reviewer.context().close();
  await page.goto(`/projects/${projectId}/review`);
  const rows = page.getByTestId("queue-row");
  await expect(rows).toHaveCount(2);
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, "the review queue at 390 px");
  await page.screenshot({ path: "/tmp/review-queue-390.png", fullPage: true });
  await rows
    .nth(0)
    .getByRole("button", { name: /^Reject annotation/ })
    .click();
  await expect(page.getByRole("dialog").getByLabel("Reason")).toBeFocused();
  await page.screenshot({ path: "/tmp/review-reject-390.png" });
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("after approving or rejecting, a card offers only what the new status allows", async ({ page, browser }) => {
  test.slow(); // two people's pages
  await signIn(page, "editor@example.org");
  const text = "The army said 40 villages were retaken. Locals said only 4 were.";
  const articleId = await importArticle(page, `Card actions ${Date.now()}`, text);
  const reviewer = await reviewerPage(browser);
  // A claim type each: the codebook requires one to submit.
  await annotate(reviewer, articleId, text, "40 villages were retaken", { tags: ["statistic"] });
  await annotate(reviewer, articleId, text, "only 4 were", { tags: ["statistic"] });

  await page.goto(`/articles/${articleId}`);
  const cards = page.getByTestId("annotation-card");
  const rejected = cards.nth(0);
  await rejected.getByRole("button", { name: /^Reject annotation .*…$/ }).click();
  await rejected.getByLabel("Reason for rejecting").fill("Unsourced.");
  await rejected.getByRole("button", { name: /^Reject annotation (?!.*…$)/ }).click();
  await expect(rejected).toContainText("· Rejected");
  await expect(rejected.getByText("Rejected: Unsourced.")).toHaveCount(1);
  // The form is closed, and a rejected annotation offers neither Approve nor another Reject.
  await expect(rejected.getByLabel("Reason for rejecting")).toHaveCount(0);
  await expect(rejected.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(rejected.getByRole("button", { name: /^Reject/ })).toHaveCount(0);

  const approved = cards.nth(1);
  await approved.getByRole("button", { name: /^Approve/ }).click();
  await expect(approved).toContainText("· Approved");
  await expect(approved.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(approved.getByText(/^Rejected:/)).toHaveCount(0);

  // Its author is offered no Submit on the rejected one.
  await reviewer.goto(`/articles/${articleId}`);
  const reviewersCard = reviewer.getByTestId("annotation-card").nth(0);
  await expect(reviewersCard).toContainText("Rejected: Unsourced.");
  await expect(reviewersCard.getByRole("button", { name: /^Submit for review/ })).toHaveCount(0);
  await reviewer.context().close();
});

test("the sidebar filters by comments, links to events, text in the quote or note; cards count comments", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const text = "The ministry said 40 villages were retaken. Locals said only 4 were. Critics called it propaganda.";
  const articleId = await importArticle(page, `Sidebar filters ${Date.now()}`, text);
  const noted = await annotate(page, articleId, text, "40 villages were retaken", {
    note: "Check the ministry source.",
    submit: false,
  });
  const discussed = await annotate(page, articleId, text, "only 4 were", { submit: false });
  const linked = await annotate(page, articleId, text, "propaganda", { submit: false });
  for (const comment of ["Who are the locals?", "Two villagers, by phone.", "Thanks."])
    expect(
      (await api(page, "POST", `/api/v1/annotations/${discussed}/comments`, { data: { text: comment } })).status(),
    ).toBe(201);
  const event = await api(page, "POST", `/api/v1/projects/${DEMO_PROJECT_ID}/events`, {
    data: { title: `Propaganda charge ${Date.now()}` },
  });
  const { id: eventId } = (await event.json()) as { id: string };
  expect(
    (
      await api(page, "POST", `/api/v1/events/${eventId}/links`, { data: { annotationId: linked, stance: "MENTIONS" } })
    ).status(),
  ).toBe(201);

  await page.goto(`/articles/${articleId}`);
  const cards = page.getByTestId("annotation-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(1).getByRole("button", { name: /^Comments on/ })).toHaveText("Comments (3)");
  await expect(cards.nth(0).getByRole("button", { name: /^Comments on/ })).toHaveText("Comments (0)");

  const filters = page.getByRole("group", { name: "Filter annotations" });
  await filters.getByLabel("With comments").check();
  await expect(cards).toHaveCount(1);
  await expect(cards.nth(0)).toContainText("only 4 were");
  await filters.getByLabel("With comments").uncheck();
  await filters.getByLabel("Not linked to an event").check();
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: "propaganda" })).toHaveCount(0);
  await filters.getByLabel("Not linked to an event").uncheck();
  // Words of a note (the server finds them: the page has not the notes) and of a quote.
  const words = filters.getByLabel("Filter by text in quote or note");
  await words.fill("MINISTRY SOURCE");
  await expect(cards).toHaveCount(1);
  await expect(cards.nth(0)).toContainText("40 villages were retaken");
  await words.fill("propa");
  await expect(cards).toHaveCount(1);
  await expect(cards.nth(0)).toContainText("propaganda");
  await page.screenshot({ path: "/tmp/sidebar-filters-1440.png" });
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect(cards).toHaveCount(3);
  expect([noted, discussed, linked]).toHaveLength(3);
});
