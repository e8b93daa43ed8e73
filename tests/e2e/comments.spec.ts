import { expect, test } from "@playwright/test";
import { api, clickCharacter, importArticle, signIn } from "./support";

test("a thread on an annotation: comment with a link and line breaks, edit it, delete it", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const text = "The ministry said 300 schools reopened.";
  const articleId = await importArticle(page, "Schools", text);
  const quote = "300 schools reopened";
  const start = text.indexOf(quote);
  expect(
    (
      await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: { start, end: start + quote.length, exact: quote },
      })
    ).status(),
  ).toBe(201);
  await page.goto(`/articles/${articleId}`);

  const card = page.getByTestId("annotation-card");
  await card.getByRole("button", { name: "Comments" }).click();
  const thread = card.getByTestId("comment-thread");
  await expect(thread).toContainText("No comments yet.");
  await thread
    .getByLabel("New comment")
    .fill("Check the UNICEF figure:\nhttps://example.org/unicef-report <b>not bold</b>");
  await thread.getByRole("button", { name: "Comment" }).click();
  const comments = thread.getByRole("list", { name: "Comments" }).getByRole("listitem");
  await expect(comments).toHaveCount(1);
  const link = comments.first().getByRole("link", { name: "https://example.org/unicef-report" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect(comments.first()).toContainText("<b>not bold</b>");
  await expect(comments.first().locator("b")).toHaveCount(0);
  await expect(comments.first()).toContainText("Demo Editor");

  await comments
    .first()
    .getByRole("button", { name: /^Edit comment/ })
    .click();
  await thread.getByLabel("Edit comment").fill("Check the UNICEF figure first.");
  await thread.getByRole("button", { name: "Save" }).click();
  await expect(comments.first()).toContainText("Check the UNICEF figure first.");
  await page.reload();
  await card.getByRole("button", { name: "Comments" }).click();
  await expect(comments.first()).toContainText("Check the UNICEF figure first.");
  await comments.first().getByRole("button", { name: "Delete" }).click();
  await comments.first().getByRole("button", { name: "Yes, delete" }).click();
  await expect(thread).toContainText("No comments yet.");
});

test("the popover over a highlight carries its thread, and a colleague's comment arrives there live", async ({
  page,
  browser,
}) => {
  await signIn(page, "editor@example.org");
  const text = "Officials said 12 bridges were repaired by June.";
  const articleId = await importArticle(page, "Bridges", text);
  const quote = "12 bridges were repaired";
  const start = text.indexOf(quote);
  const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
    data: { start, end: start + quote.length, exact: quote, tags: ["statistic"] },
  });
  const annotation = (await created.json()) as { id: string };
  // Approved, so that reviewers coding blind see it too.
  expect(
    (
      await api(page, "PATCH", `/api/v1/annotations/${annotation.id}`, { data: { status: "APPROVED" }, version: 1 })
    ).status(),
  ).toBe(200);
  await page.goto(`/articles/${articleId}`);

  await clickCharacter(page, start + 3);
  const popover = page.getByRole("dialog", { name: "Annotations here" });
  const thread = popover.getByTestId("comment-thread");
  await expect(thread).toContainText("No comments yet.");
  await thread.getByLabel("New comment").fill("Which officials?");
  await thread.getByRole("button", { name: "Comment" }).click();
  await expect(thread.getByRole("listitem")).toHaveCount(1);

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer@example.org");
  expect(
    (
      await api(reviewer, "POST", `/api/v1/annotations/${annotation.id}/comments`, {
        data: { text: "The regional governor's office." },
      })
    ).status(),
  ).toBe(201);
  await expect(thread.getByRole("listitem")).toHaveCount(2, { timeout: 5_000 });
  await expect(thread.getByRole("listitem").nth(1)).toContainText("Demo Reviewer");
  await expect(thread.getByRole("listitem").nth(1)).toContainText("The regional governor's office.");
  await page.screenshot({ path: ".data/test-results/popover-thread.png" });
  await reviewer.context().close();
});
