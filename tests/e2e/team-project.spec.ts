import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { api, dragSelect, signIn, signUp, storedAnnotations } from "./support";

const seedArticle = (file: string) =>
  readFileSync(path.join(import.meta.dirname, "../../prisma/seed/articles", file), "utf8");
const FIRST = { title: "Afghans rally behind their forces", text: seedArticle("000_b5622c5356c6c267.txt") };
const SECOND = { title: "Resistance scores an underdog victory", text: seedArticle("001_2efd4ead4b9c702b.txt") };

/** The claims coded: one passage both coders mark (with other verdicts), and one of each on the second article. */
const SHARED = "losing fighters by the hundreds each day";
const ANAS = "about 60 Taliban fighters were injured";
const BENS = "the terror group swept across the country";

/** A new account, signed in in a browser context of its own. */
async function newCoder(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext()).newPage();
  const email = `${name.split(" ")[0]!.toLowerCase()}-${randomUUID()}@test.example`;
  await signUp(page, name, email, "a long enough password");
  return { page, email };
}

/** Marks `quote` in the reader and tags it with a claim type and, pressed in turn, verdicts; saves it. */
async function codeClaim(page: Page, text: string, quote: string, claimType: string, verdicts: string[]) {
  const start = text.indexOf(quote);
  expect(text.indexOf(quote, start + 1)).toBe(-1);
  await dragSelect(page, start, start + quote.length);
  const picker = page.getByTestId("tag-picker");
  await expect(picker).toBeFocused();
  await picker
    .getByRole("radiogroup", { name: /^claim type/ })
    .getByRole("radio", { name: new RegExp(`^${claimType}`) })
    .click();
  const verdictGroup = picker.getByRole("radiogroup", { name: /^verdict/ });
  for (const verdict of verdicts) await verdictGroup.getByRole("radio", { name: new RegExp(`^${verdict}`) }).click();
  await expect(verdictGroup.getByRole("radio", { checked: true })).toHaveCount(1);
  await picker.getByRole("button", { name: "Save annotation" }).click();
  await expect(picker).toHaveCount(0);
}

/** From My work, opens the article, codes claims with `code`, and says they are done with it. */
async function workOn(page: Page, title: string, code: () => Promise<void>) {
  await page.goto("/work");
  await page.getByTestId("my-work").getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await code();
  const assignment = page.getByRole("region", { name: "Your assignment" });
  await assignment.getByRole("button", { name: "I’m done with this article" }).click();
  await expect(assignment.getByRole("status")).toHaveText(/^Done: \d drafts? submitted for review\.$/);
}

test("a two-coder project from start to finish: assign, code, review by keyboard, adjudicate, mention, export", async ({
  page: editor,
  browser,
}) => {
  test.slow(); // three people's pages through a whole project
  await signIn(editor, "editor@example.org");
  const project = await api(editor, "POST", "/api/v1/projects", { data: { name: `Desk ${randomUUID().slice(0, 8)}` } });
  const { id: projectId } = (await project.json()) as { id: string };
  const articleIds: string[] = [];
  for (const { title, text } of [FIRST, SECOND]) {
    const imported = await api(editor, "POST", `/api/v1/projects/${projectId}/articles`, { data: { title, text } });
    expect(imported.status()).toBe(201);
    articleIds.push(((await imported.json()) as { id: string }).id);
  }

  // The editor invites two reviewers, who accept on their Projects page.
  const [ana, ben] = await Promise.all([newCoder(browser, "Ana Okafor"), newCoder(browser, "Ben Haidari")]);
  await editor.goto(`/projects/${projectId}/members`);
  const invite = editor.getByRole("form", { name: "Invite someone" });
  for (const coder of [ana, ben]) {
    await invite.getByLabel("Email").fill(coder.email);
    await invite.getByLabel("Role").selectOption("REVIEWER");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(editor.getByRole("status")).toContainText(`Invited ${coder.email} as reviewer.`);
    await coder.page.reload();
    await coder.page.getByTestId("my-invitation").getByRole("button", { name: "Accept" }).click();
    await expect(coder.page.getByRole("status")).toContainText("You joined");
  }

  // Both articles to both reviewers, in one go from the article list.
  await editor.goto(`/projects/${projectId}`);
  for (const { title } of [FIRST, SECOND]) await editor.getByLabel(`Select ${title}`, { exact: true }).check();
  const bar = editor.getByRole("region", { name: "Assign articles" });
  await bar.getByLabel("Ana Okafor", { exact: true }).check();
  await bar.getByLabel("Ben Haidari", { exact: true }).check();
  await bar.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(bar.getByRole("status")).toHaveText("Assigned 2 articles to Ana Okafor, Ben Haidari.");

  // Ana codes; a second verdict on the same claim replaces the first, and the picker says so.
  await workOn(ana.page, FIRST.title, async () => {
    const start = FIRST.text.indexOf(SHARED);
    await dragSelect(ana.page, start, start + SHARED.length);
    const picker = ana.page.getByTestId("tag-picker");
    await picker.getByRole("radio", { name: /^statistic/ }).click();
    const verdicts = picker.getByRole("radiogroup", { name: /^verdict/ });
    await verdicts.getByRole("radio", { name: /^accurate/ }).click();
    await verdicts.getByRole("radio", { name: /^false/ }).click();
    await expect(picker.getByTestId("tag-choice-notice")).toHaveText(
      "“verdict” takes one tag: “false” replaces “accurate”.",
    );
    await expect(verdicts.getByRole("radio", { checked: true })).toHaveText(/^false/);
    await picker.getByRole("button", { name: "Save annotation" }).click();
    await expect(picker).toHaveCount(0);
  });
  await workOn(ana.page, SECOND.title, () => codeClaim(ana.page, SECOND.text, ANAS, "statistic", ["unverified"]));
  // Ben codes the same passage with another verdict, and a claim of his own.
  await workOn(ben.page, FIRST.title, () => codeClaim(ben.page, FIRST.text, SHARED, "statistic", ["unsupported"]));
  await workOn(ben.page, SECOND.title, () => codeClaim(ben.page, SECOND.text, BENS, "factual claim", ["misleading"]));
  const [anasClaim] = await storedAnnotations(ana.page, articleIds[0]!);
  expect(anasClaim!.tags.map((tag) => tag.name).sort()).toEqual(["false", "statistic"]);

  // The editor works the queue by keyboard: oldest first, Ana's two claims, then Ben's.
  await editor.goto(`/projects/${projectId}/review`);
  const rows = editor.getByTestId("queue-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(SHARED);
  await expect(rows.nth(2)).toContainText(SHARED);
  await rows.nth(0).focus();
  await editor.keyboard.press("a");
  await expect(rows.nth(0)).toHaveAttribute("data-status", "APPROVED");
  await editor.keyboard.press("j");
  await editor.keyboard.press("j");
  await editor.keyboard.press("k");
  await expect(rows.nth(1)).toBeFocused();
  await editor.keyboard.press("a");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "APPROVED");
  await editor.keyboard.press("j");
  await editor.keyboard.press("r");
  await expect(editor.getByRole("dialog").getByLabel("Reason")).toBeFocused();
  await editor.keyboard.type("No source says so: Ana's verdict stands.");
  await editor.keyboard.press("Enter");
  await expect(rows.nth(2)).toHaveAttribute("data-status", "REJECTED");
  await expect(rows.nth(2)).toBeFocused();
  await editor.keyboard.press("j");
  await editor.keyboard.press("a");
  await expect(rows.nth(3)).toHaveAttribute("data-status", "APPROVED");

  // Adjudication: the shared passage is settled (Ana's version accepted); overturning it asks first, and Undo
  // restores the decision.
  await editor.goto(`/articles/${articleIds[0]}/adjudicate`);
  const unit = editor.getByTestId("adjudication-unit");
  await expect(unit).toHaveCount(1);
  await expect(unit.getByText("✓ settled")).toBeVisible();
  await unit.focus();
  await editor.keyboard.press("2"); // Ben's version
  const question = editor.getByRole("alertdialog", { name: "This unit is already settled. Overturn the decision?" });
  await expect(question).toContainText("Ana Okafor's accepted version will be rejected.");
  await question.getByRole("button", { name: "Overturn" }).click();
  const status = editor.getByRole("status");
  await expect(status).toContainText("Accepted Ben Haidari's version.");
  await status.getByRole("button", { name: "Undo: Accepted Ben Haidari's version." }).click();
  await expect(status).toContainText("Undone: the unit is back as it was.");
  const decided = await storedAnnotations(editor, articleIds[0]!);
  expect(decided.map((annotation) => [annotation.id === anasClaim!.id, annotation.status]).sort()).toEqual([
    [false, "REJECTED"],
    [true, "APPROVED"],
  ]);

  // Ana asks Ben about her approved claim: the mention reaches his bell.
  await ana.page.goto(`/articles/${articleIds[1]}`);
  const card = ana.page.getByTestId("annotation-card").filter({ hasText: ANAS });
  await card.getByRole("button", { name: /^Comments on/ }).click();
  const box = card.getByLabel(/^New comment/);
  await box.pressSequentially("@Ben");
  await expect(ana.page.getByRole("listbox", { name: "Members to mention" }).getByRole("option")).toHaveText([
    /Ben Haidari/,
  ]);
  await box.press("Enter");
  await box.pressSequentially("is 60 in your source too?");
  await card.getByRole("button", { name: /^Comment on/ }).click();
  await expect(card.getByRole("list", { name: "Comments" }).getByRole("listitem")).toHaveCount(1);
  await ben.page.goto("/work");
  const bell = ben.page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
  await bell.click();
  const mention = ben.page
    .getByRole("region", { name: "Notifications" })
    .getByTestId("notification")
    .filter({ hasText: "mentioned you" });
  await expect(mention).toContainText(
    "Ana Okafor mentioned you in a comment: “@Ben Haidari is 60 in your source too?”",
  );

  // Every assignment is done.
  await editor.goto(`/projects/${projectId}/progress`);
  await expect(editor.getByTestId("overall-progress")).toHaveText("100 % done (4 of 4 assignments)");

  // The ClaimReview export publishes one verdict per claim: Ana's on the adjudicated passage.
  const publishing = await api(editor, "PATCH", `/api/v1/projects/${projectId}`, {
    data: {
      publisher: { name: "Example Fact Check", url: "https://factcheck.example.org/" },
      reviewUrlTemplate: "https://factcheck.example.org/claims/{id}",
    },
  });
  expect(publishing.status()).toBe(200);
  const exported = await api(editor, "GET", `/api/v1/projects/${projectId}/export?format=claimreview`);
  expect(exported.status()).toBe(200);
  const graph = (
    (await exported.json()) as {
      "@graph": { claimReviewed: string; reviewRating: { alternateName: string } }[];
    }
  )["@graph"];
  expect(graph.map((review) => [review.claimReviewed, review.reviewRating.alternateName]).sort()).toEqual(
    [
      [SHARED, "false"],
      [ANAS, "unverified"],
      [BENS, "misleading"],
    ].sort(),
  );
  for (const coder of [ana, ben]) await coder.page.context().close();
});
