import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, DEMO_PROJECT_ID, importArticle, signIn } from "./support";

const TEXT = "The mayor said the bridge reopened on Tuesday. Residents said it was still closed.";

async function signedInPage(browser: Browser, email: string, viewport = WIDE): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signIn(page, email);
  return page;
}

/** Checks a box by keyboard: focus, then Space. */
async function tick(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByLabel(label, { exact: true })).toBeChecked();
}

test(
  "on a phone, by keyboard, an editor assigns two articles to a reviewer, who finds them in My work, codes one " +
    "and says they are done; the progress shows it",
  async ({ browser }) => {
    test.slow();
    const editor = await signedInPage(browser, "editor@example.org", NARROW);
    const run = randomUUID().slice(0, 6);
    const titles = [`Bridge ${run} one`, `Bridge ${run} two`];
    const ids = [await importArticle(editor, titles[0]!, TEXT), await importArticle(editor, titles[1]!, TEXT)];

    await editor.goto(`/projects/${DEMO_PROJECT_ID}`);
    for (const title of titles) await tick(editor, `Select ${title}`);
    const bar = editor.getByRole("region", { name: "Assign articles" });
    await expect(bar).toContainText("2 articles selected");
    await tick(editor, "Demo Reviewer");
    await bar.getByRole("button", { name: "Assign", exact: true }).focus();
    await editor.keyboard.press("Enter");
    await expect(bar.getByRole("status")).toHaveText("Assigned 2 articles to Demo Reviewer.");
    for (const title of titles)
      await expect(editor.getByRole("row", { name: new RegExp(title) }).getByTestId("article-coders")).toHaveText(
        "Demo Reviewer",
      );
    await expectNoHorizontalScroll(editor);
    await editor.screenshot({ path: "/tmp/assign-390.png", fullPage: true });

    // The reviewer, on a phone too, opens My work from the menu.
    const reviewer = await signedInPage(browser, "reviewer@example.org", NARROW);
    await reviewer.getByRole("button", { name: "Menu" }).click();
    await reviewer.getByRole("link", { name: "My work" }).click();
    await expect(reviewer.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
    const item = (title: string) => reviewer.getByTestId("my-work").getByRole("listitem").filter({ hasText: title });
    await expect(item(titles[0]!)).toContainText("Not started");
    await expect(item(titles[1]!)).toContainText("Not started");

    // Coding: an annotation, then the link opens the reader at it.
    const quote = "the bridge reopened on Tuesday";
    const start = TEXT.indexOf(quote);
    const created = await api(reviewer, "POST", `/api/v1/articles/${ids[0]}/annotations`, {
      data: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] },
    });
    const annotation = (await created.json()) as { id: string; version: number };
    await reviewer.reload();
    await expect(item(titles[0]!)).toContainText("In progress");
    await expect(item(titles[0]!).getByRole("link", { name: titles[0] })).toHaveAttribute(
      "href",
      `/articles/${ids[0]}#annotation-${annotation.id}`,
    );
    await reviewer.screenshot({ path: "/tmp/my-work-390.png", fullPage: true });
    await item(titles[0]!).getByRole("link", { name: titles[0] }).click();
    await expect(reviewer.locator(`[data-annotation-id="${annotation.id}"]`).first()).toBeVisible();
    const assignment = reviewer.getByRole("region", { name: "Your assignment" });
    await expect(assignment).toContainText("In progress");
    await assignment.getByRole("button", { name: "I’m done with this article" }).click();
    await expect(assignment.getByRole("status")).toHaveText("Done: 1 draft submitted for review.");
    await expect(assignment).toContainText("Submitted");
    await expect(assignment.getByRole("button")).toHaveCount(0);

    // The editor's progress page: the article waits for a review, then is done once the annotation is approved.
    await editor.setViewportSize(WIDE);
    await editor.goto(`/projects/${DEMO_PROJECT_ID}`);
    await editor.getByRole("link", { name: "Progress" }).click();
    await expect(editor.getByRole("heading", { level: 1, name: "Progress" })).toBeVisible();
    const waiting = editor.getByRole("region", { name: /Waiting for an editor/ });
    await expect(waiting.getByRole("link", { name: titles[0] })).toBeVisible();
    const row = (title: string) => editor.getByTestId("progress-grid").getByRole("row", { name: new RegExp(title) });
    const reviewerColumn = await editor
      .getByTestId("progress-grid")
      .getByRole("columnheader")
      .allTextContents()
      .then((names) => names.indexOf("Demo Reviewer"));
    const reviewerCell = (title: string) => row(title).locator("th, td").nth(reviewerColumn);
    await expect(reviewerCell(titles[0]!)).toContainText("Submitted");
    await expect(reviewerCell(titles[0]!)).toContainText("1 submitted");
    await expect(reviewerCell(titles[1]!)).toContainText("Not started");
    await editor.screenshot({ path: "/tmp/progress-1440.png", fullPage: true });

    const approved = await api(editor, "PATCH", `/api/v1/annotations/${annotation.id}`, {
      data: { status: "APPROVED" },
      version: annotation.version + 1,
    });
    expect(approved.status()).toBe(200);
    await editor.reload();
    await expect(reviewerCell(titles[0]!)).toContainText("Done");
    await expect(waiting.getByRole("link", { name: titles[0] })).toHaveCount(0);
    const csv = await api(editor, "GET", `/api/v1/projects/${DEMO_PROJECT_ID}/progress?format=csv`);
    expect(await csv.text()).toContain(`${ids[0]},Bridge ${run} one,`);

    await reviewer.goto("/work?state=done");
    await expect(item(titles[0]!)).toContainText("Done");
    await expect(item(titles[1]!)).toHaveCount(0);
  },
);
