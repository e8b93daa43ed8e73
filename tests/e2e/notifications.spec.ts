import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoClippedText, expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, joinProject, signIn, signUp } from "./support";

const TEXT = "The governor said 14 clinics reopened in Baghlan. Doctors dispute the count.";
const QUOTE = "14 clinics reopened";

/** A project of the demo editor with an approved annotation (reviewers coding blind see it) on a new article. */
async function deskWithClaim(editor: Page) {
  const project = await api(editor, "POST", "/api/v1/projects", { data: { name: `Mentions ${randomUUID()}` } });
  const projectId = ((await project.json()) as { id: string }).id;
  const article = await api(editor, "POST", `/api/v1/projects/${projectId}/articles`, {
    data: { title: "Clinics", text: TEXT },
  });
  const articleId = ((await article.json()) as { id: string }).id;
  const start = TEXT.indexOf(QUOTE);
  const created = await api(editor, "POST", `/api/v1/articles/${articleId}/annotations`, {
    // A claim type: the codebook requires one to approve.
    data: { start, end: start + QUOTE.length, exact: QUOTE, tags: ["statistic"] },
  });
  const annotationId = ((await created.json()) as { id: string }).id;
  const approved = await api(editor, "PATCH", `/api/v1/annotations/${annotationId}`, {
    data: { status: "APPROVED" },
    version: 1,
  });
  expect(approved.status()).toBe(200);
  return { projectId, articleId, annotationId };
}

test("a mention typed with the member picker reaches the other member's bell live; it opens the comment", async ({
  page,
  browser,
}) => {
  // Two people's pages through a whole discussion: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  await page.setViewportSize(WIDE);
  await signIn(page, "editor@example.org");
  const { projectId, articleId, annotationId } = await deskWithClaim(page);
  const coder = await (await browser.newContext({ viewport: WIDE })).newPage();
  const email = `mira-${randomUUID()}@example.org`;
  await signUp(coder, "Mira Nouri", email, "a long enough password");
  await joinProject(page, coder, projectId, email, "REVIEWER");
  await coder.goto("/projects");
  const bell = coder.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");

  // The editor types "@mi", picks Mira by keyboard, and comments.
  await page.goto(`/articles/${articleId}`);
  const card = page.getByTestId("annotation-card");
  await card.getByRole("button", { name: /^Comments on/ }).click();
  const box = card.getByLabel(/^New comment/);
  await box.pressSequentially("Please check this, @mi");
  const options = page.getByRole("listbox", { name: "Members to mention" });
  await expect(options.getByRole("option")).toHaveText([/Mira Nouri/]);
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await box.press("Enter");
  await expect(options).toHaveCount(0);
  await box.pressSequentially("thanks");
  await expect(box).toHaveValue("Please check this, @Mira Nouri thanks");
  // Escape closes the list without leaving the comment; the editor is not mentioned by typing "@Demo" alone.
  await box.pressSequentially(" @De");
  await expect(options).toBeVisible();
  await box.press("Escape");
  await expect(options).toHaveCount(0);
  await expect(box).toBeVisible();
  await card.getByRole("button", { name: /^Comment on/ }).click();
  await expect(card.getByRole("list", { name: "Comments" }).getByRole("listitem")).toHaveCount(1);

  // Mira's bell counts it without a reload, and opens the comment in the reader.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread", { timeout: 20_000 });
  await bell.click();
  const panel = coder.getByRole("region", { name: "Notifications" });
  const item = panel.getByTestId("notification");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(
    "Demo Editor mentioned you in a comment: “Please check this, @Mira Nouri thanks @De”",
  );
  await expectNoAxeViolations(coder, "the notifications panel open");
  await coder.screenshot({ path: "/tmp/notifications-wide.png" });
  await item.click();
  await expect(coder).toHaveURL(new RegExp(`/articles/${articleId}#annotation-${annotationId}/comment-`));
  const shown = coder.locator(`[data-annotation-id="${annotationId}"]`);
  await expect(shown).toHaveAttribute("aria-current", "true");
  await expect(shown.getByTestId("comment-thread")).toContainText("Please check this, @Mira Nouri thanks");
  await expect(bell).toHaveAccessibleName("Notifications");

  // Two more, then "Mark all read", at a phone's width.
  await coder.setViewportSize(NARROW);
  for (const text of ["@Mira Nouri one more", "@Mira Nouri and another"])
    await api(page, "POST", `/api/v1/annotations/${annotationId}/comments`, { data: { text } });
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread", { timeout: 20_000 });
  // The open reader shows them live too; checked before axe-core runs, so that its refresh is not under way meanwhile.
  await expect(shown.getByTestId("comment-thread")).toContainText("@Mira Nouri and another", { timeout: 20_000 });
  await bell.click();
  await expect(panel.getByTestId("notification")).toHaveCount(3);
  await expectNoHorizontalScroll(coder);
  await expectNoClippedText(panel);
  await expectNoAxeViolations(coder, "the notifications panel open");
  await coder.screenshot({ path: "/tmp/notifications-narrow.png" });
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(coder.getByTestId("notification-count")).toHaveCount(0);
  await coder.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(bell).toBeFocused();
  await coder.context().close();
});

test("the member picker works in an annotation's note at a phone's width", async ({ page }) => {
  await page.setViewportSize(NARROW);
  await signIn(page, "editor@example.org");
  const { articleId, annotationId } = await deskWithClaim(page);
  await page.goto(`/articles/${articleId}#annotation-${annotationId}`);
  const card = page.locator(`[data-annotation-id="${annotationId}"]`);
  await card.getByRole("button", { name: /^Edit/ }).click();
  const note = card.getByRole("textbox", { name: "Note", exact: true });
  await note.pressSequentially("Ask @dem");
  const options = page.getByRole("listbox", { name: "Members to mention" });
  await expect(options.getByRole("option")).toHaveText([/Demo Editor/]);
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, "the member picker open");
  await page.screenshot({ path: "/tmp/mention-picker-narrow.png" });
  await note.press("Tab");
  await expect(note).toHaveValue("Ask @Demo Editor ");
  await expect(note).toBeFocused();
});
