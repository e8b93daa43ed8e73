import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { NARROW, WIDE } from "./layout";
import { api, importArticle, joinProject, signIn, signUp, storedAnnotations } from "./support";

// Each test checks several states with axe at two widths.
test.describe.configure({ timeout: 180_000 });

/** Each annotation's author and status, as the API has them. */
async function statusesBy(page: Page, articleId: string) {
  return (await storedAnnotations(page, articleId)).map((annotation) => [
    (annotation as typeof annotation & { author: { name: string } }).author.name,
    annotation.status,
  ]);
}

/** Axe and a screenshot at both widths of the page as it is now. */
async function checkBothWidths(page: Page, state: string) {
  for (const [name, size] of [
    ["wide", WIDE],
    ["narrow", NARROW],
  ] as const) {
    await page.setViewportSize(size);
    await expectNoAxeViolations(page, state);
    await page.screenshot({ path: `.data/test-results/${state.replace(/\W+/g, "-")}-${name}.png`, fullPage: true });
  }
  await page.setViewportSize(WIDE);
}

test("a settled unit changes only after a confirmation that says what it overturns, and Undo restores it", async ({
  page,
  browser,
}) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Overturn ${Date.now()}` } })
  ).json()) as { id: string };
  const text = "The governor said 12 schools reopened. Parents disagreed.";
  const article = (await (
    await api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title: "Schools", text } })
  ).json()) as { id: string };
  const coder = await (await browser.newContext()).newPage();
  const email = `ana-${randomUUID()}@test.example`;
  await signUp(coder, "Ana Coder", email, "a long enough password");
  await joinProject(page, coder, project.id, email, "REVIEWER");
  const quote = "12 schools reopened";
  const span = { start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, exact: quote };
  for (const [who, tags] of [
    // One claim type each may have (the codebook's rule): the versions differ in a frame.
    [coder, ["statistic"]],
    [page, ["statistic", "loaded language"]],
  ] as const) {
    const created = await api(who, "POST", `/api/v1/articles/${article.id}/annotations`, { data: { ...span, tags } });
    expect(created.status()).toBe(201);
  }
  await coder.context().close();

  await page.goto(`/articles/${article.id}/adjudicate`);
  const unit = page.getByTestId("adjudication-unit");
  await unit.focus();
  // Ana's version is column 1 (coders by name: "Ana Coder" before "Demo Editor").
  await page.keyboard.press("1");
  await expect(page.getByRole("status")).toContainText("Accepted Ana Coder's version.");
  await expect(unit.getByText("✓ settled")).toBeVisible();

  // A stray key on the settled unit only asks.
  await unit.focus();
  await page.keyboard.press("2");
  const question = page.getByRole("alertdialog", { name: "This unit is already settled. Overturn the decision?" });
  await expect(question).toContainText("Ana Coder's accepted version will be rejected.");
  await expect(question.getByRole("button", { name: "Keep the decision" })).toBeFocused();
  await checkBothWidths(page, "adjudication overturn question");
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(unit).toBeFocused();
  await page.keyboard.press("m");
  await expect(question).toContainText("Ana Coder's accepted version will get other tags.");
  await page.keyboard.press("Enter"); // on "Keep the decision"
  await expect(question).toHaveCount(0);
  expect(await statusesBy(page, article.id)).toEqual(
    expect.arrayContaining([
      ["Ana Coder", "APPROVED"],
      ["Demo Editor", "REJECTED"],
    ]),
  );

  // Confirmed, it overturns; Undo (by its button, announced in the status) brings the decision back.
  await unit.focus();
  await page.keyboard.press("2");
  await question.getByRole("button", { name: "Overturn" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("Accepted Demo Editor's version.");
  const undo = status.getByRole("button", { name: "Undo: Accepted Demo Editor's version." });
  await expect(undo).toBeVisible();
  await checkBothWidths(page, "adjudication undo offered");
  await undo.focus();
  await page.keyboard.press("Enter");
  await expect(status).toContainText("Undone: the unit is back as it was.");
  expect(await statusesBy(page, article.id)).toEqual(
    expect.arrayContaining([
      ["Ana Coder", "APPROVED"],
      ["Demo Editor", "REJECTED"],
    ]),
  );
});

test("Undo right after deleting an annotation or a comment brings it back", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const text = "The ministry said 300 schools reopened.";
  const articleId = await importArticle(page, "Undo deletions", text);
  const quote = "300 schools reopened";
  const start = text.indexOf(quote);
  const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
    data: { start, end: start + quote.length, exact: quote, tags: ["statistic"], note: "Check it" },
  });
  const { id } = (await created.json()) as { id: string };
  await api(page, "POST", `/api/v1/annotations/${id}/comments`, { data: { text: "Which ministry?" } });
  await page.goto(`/articles/${articleId}`);

  const card = page.getByTestId("annotation-card");
  await card.getByRole("button", { name: "Comments" }).click();
  const thread = card.getByTestId("comment-thread");
  const comments = thread.getByRole("list", { name: "Comments" }).getByRole("listitem");
  await expect(comments).toHaveCount(1);
  await comments.first().getByRole("button", { name: "Delete" }).click();
  await comments.first().getByRole("button", { name: "Yes, delete" }).click();
  await expect(comments).toHaveCount(0);
  const undoComment = thread.getByRole("button", { name: "Undo: Comment deleted." });
  await expect(undoComment).toBeFocused();
  await checkBothWidths(page, "comment deleted");
  await page.keyboard.press("Enter");
  await expect(comments).toHaveCount(1);
  await expect(comments.first()).toContainText("Which ministry?");

  await card.getByRole("button", { name: /^Delete annotation/ }).click();
  await card.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByTestId("annotation-card")).toHaveCount(0);
  const undo = page.getByRole("button", { name: "Undo: Annotation deleted." });
  await expect(undo).toBeFocused();
  await checkBothWidths(page, "annotation deleted");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Annotation restored." })).toBeVisible();
  await expect(page.getByTestId("annotation-card")).toHaveCount(1);
  await page.getByTestId("annotation-card").getByRole("button", { name: "Comments" }).click();
  await expect(page.getByTestId("comment-thread")).toContainText("Which ministry?");
  const [restored] = await storedAnnotations(page, articleId);
  expect(restored).toMatchObject({ exact: quote, note: "Check it" });
  expect(restored!.tags.map((tag) => tag.name)).toEqual(["statistic"]);
});

test("an editor restores a deleted event from the History page, filtered in words", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `History ${Date.now()}` } })
  ).json()) as { id: string };
  const event = (await (
    await api(page, "POST", `/api/v1/projects/${project.id}/events`, { data: { title: "Dam breaks" } })
  ).json()) as { id: string };
  expect((await api(page, "DELETE", `/api/v1/events/${event.id}`)).status()).toBe(204);

  await page.goto(`/projects/${project.id}/history`);
  await page.getByRole("combobox", { name: "Change", exact: true }).selectOption({ label: "Deleted an event" });
  await page.getByRole("combobox", { name: "Person", exact: true }).selectOption({ label: "Demo Editor" });
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).fill(today);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=event.delete/);
  const entries = page.getByTestId("history-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Deleted an event");
  await expect(entries.first().getByRole("link", { name: "“Dam breaks”", exact: true })).toHaveAttribute(
    "href",
    `/events/${event.id}`,
  );
  await checkBothWidths(page, "history filtered");
  await entries.first().getByRole("button", { name: "Restore “Dam breaks”" }).click();
  await expect(entries.first().getByRole("status")).toHaveText("Restored.");
  expect((await api(page, "GET", `/api/v1/events/${event.id}`)).status()).toBe(200);
  await page.getByRole("combobox", { name: "Change", exact: true }).selectOption({ label: "Restored an event" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("history-entry")).toHaveCount(1);
  await expect(page.getByTestId("history-entry")).toContainText("Restored an event");
});
