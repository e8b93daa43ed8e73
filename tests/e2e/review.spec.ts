import { expect, test } from "@playwright/test";
import { api, importArticle, signIn } from "./support";

test("a reviewer submits their drafts; the editor rejects one with a reason and approves the other", async ({
  page,
  browser,
}) => {
  test.slow(); // two people's pages, then the history
  await signIn(page, "editor@example.org");
  const text = "The army said 40 villages were retaken. Locals said only 4 were.";
  const articleId = await importArticle(page, "Review flow", text);

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer@example.org");
  for (const quote of ["40 villages were retaken", "only 4 were"]) {
    const start = text.indexOf(quote);
    expect(
      (
        await api(reviewer, "POST", `/api/v1/articles/${articleId}/annotations`, {
          data: { start, end: start + quote.length, exact: quote, tags: ["factual claim"] },
        })
      ).status(),
    ).toBe(201);
  }
  await reviewer.goto(`/articles/${articleId}`);
  await reviewer.getByRole("button", { name: "Submit my 2 drafts for review" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: "Submitted 2 annotations" })).toBeVisible();
  await expect(reviewer.getByTestId("annotation-card").first()).toContainText("Submitted");

  await page.goto(`/articles/${articleId}`);
  const cards = page.getByTestId("annotation-card");
  await cards
    .nth(0)
    .getByRole("button", { name: /^Reject annotation .*…$/ })
    .click();
  await cards
    .nth(0)
    .getByLabel("Reason for rejecting")
    .fill("The army's figure is unsourced; tag it as a claim of the army.");
  await cards
    .nth(0)
    .getByRole("button", { name: /^Reject annotation (?!.*…$)/ })
    .click();
  await expect(cards.nth(0)).toContainText("Rejected: The army's figure is unsourced");
  await cards.nth(1).getByRole("button", { name: "Approve" }).click();
  await expect(cards.nth(1)).toContainText("Approved");

  await reviewer.reload();
  await expect(reviewer.getByTestId("annotation-card").nth(0)).toContainText(
    "Rejected: The army's figure is unsourced",
  );
  // A rejection is a decision: the author is not offered to submit it again.
  await expect(
    reviewer.getByTestId("annotation-card").nth(0).getByRole("button", { name: "Submit for review" }),
  ).toHaveCount(0);
  await reviewer.context().close();

  // The history names the annotation by its quote and shows what the rejection changed.
  const { projectId } = await (await api(page, "GET", `/api/v1/articles/${articleId}`)).json();
  await page.goto(`/projects/${projectId}/history`);
  await page.getByRole("combobox", { name: "Change", exact: true }).selectOption({ label: "Rejected" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=annotation.reject/);
  const rejection = page
    .getByTestId("history")
    .getByTestId("history-entry")
    .filter({ hasText: "40 villages were retaken" })
    .first();
  await expect(rejection).toContainText("Rejected");
  await expect(rejection.getByRole("link", { name: "“40 villages were retaken”", exact: true })).toHaveAttribute(
    "href",
    new RegExp(`^/articles/${articleId}#annotation-`),
  );
  await expect(rejection.getByRole("row", { name: "Status" })).toHaveText("StatusSUBMITTED→ REJECTED");
  await expect(rejection.getByRole("row", { name: "Review note" })).toContainText("→ The army's figure is unsourced");
  await expect(rejection.getByTestId("history-changes")).not.toContainText("updatedAt");
  await page.screenshot({ path: test.info().outputPath("history.png") });
  // The annotation's whole history, and the filter fields say so.
  await rejection.getByRole("link", { name: /The whole history of/ }).click();
  await expect(page).toHaveURL(/history\?entity=/);
  await expect(page.getByText("One item's history.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Change", exact: true })).toHaveValue("");
});

test(
  "an approved annotation goes back for review when its author edits or links it; an editor keeps it approved by " +
    "saying so",
  async ({ page, browser }) => {
    await signIn(page, "editor@example.org");
    const text = "The governor said the dam was repaired in May. Engineers said work had not begun.";
    const articleId = await importArticle(page, "Dam repairs", text);
    // The reviewer works on a phone.
    const reviewer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(reviewer, "reviewer@example.org");
    const quote = "the dam was repaired in May";
    const created = await (
      await api(reviewer, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: {
          start: text.indexOf(quote),
          end: text.indexOf(quote) + quote.length,
          exact: quote,
          tags: ["factual claim"],
          note: "Check the month.",
        },
      })
    ).json();
    expect(
      (
        await api(reviewer, "PATCH", `/api/v1/annotations/${created.id}`, { data: { status: "SUBMITTED" }, version: 1 })
      ).status(),
    ).toBe(200);
    const approve = async () => {
      const { version } = await (await api(page, "GET", `/api/v1/annotations/${created.id}`)).json();
      expect(
        (
          await api(page, "PATCH", `/api/v1/annotations/${created.id}`, { data: { status: "APPROVED" }, version })
        ).status(),
      ).toBe(200);
    };
    await approve();

    // The author's edit: the form says what saving does; the card then shows the annotation waiting for review.
    await reviewer.goto(`/articles/${articleId}`);
    const card = reviewer.getByTestId("annotation-card");
    await expect(card.getByText("· Approved")).toBeVisible();
    await card.getByRole("button", { name: /^Edit annotation/ }).click();
    await expect(
      card.getByText("An editor approved this annotation: a change sends it back for review."),
    ).toBeVisible();
    await card.getByRole("textbox", { name: "Note" }).fill("Repairs began in June.");
    await reviewer.screenshot({ path: test.info().outputPath("back-to-review-390.png"), fullPage: true });
    await card.getByRole("button", { name: "Save changes" }).click();
    await expect(card.getByText("· Submitted")).toBeVisible();

    // The author's link to an event, too.
    await approve();
    await reviewer.reload();
    await expect(card.getByText("· Approved")).toBeVisible();
    await card.getByRole("button", { name: "Link to an event" }).click();
    const form = card.getByRole("group", { name: "Link to an event" });
    await expect(
      form.getByText("An editor approved this annotation: a change sends it back for review."),
    ).toBeVisible();
    const eventName = `Dam repaired ${Date.now()}`;
    await form.getByRole("searchbox", { name: "Event" }).fill(eventName);
    await form.getByRole("button", { name: `New event “${eventName}”` }).click();
    await form.getByRole("button", { name: "Link" }).click();
    await expect(card.getByRole("list", { name: "Linked events" })).toContainText(eventName);
    await expect(card.getByText("· Submitted")).toBeVisible();
    await reviewer.context().close();

    // The editor's edit keeps the approval only with "Keep it approved" ticked.
    await approve();
    await page.goto(`/articles/${articleId}`);
    const editorsCard = page.getByTestId("annotation-card");
    await editorsCard.getByRole("button", { name: /^Edit annotation/ }).click();
    await editorsCard.getByRole("textbox", { name: "Note" }).fill("Repairs began in June, the ministry says.");
    await editorsCard.getByLabel("Keep it approved (approve the changed version)").check();
    await page.screenshot({ path: test.info().outputPath("keep-approved.png") });
    await editorsCard.getByRole("button", { name: "Save changes" }).click();
    await expect(editorsCard.getByText("· Approved")).toBeVisible();
    await expect(editorsCard.getByTestId("annotation-note")).toHaveText("Repairs began in June, the ministry says.");
    await editorsCard.getByRole("button", { name: /^Edit annotation/ }).click();
    await editorsCard.getByRole("textbox", { name: "Note" }).fill("Repairs began in June.");
    await editorsCard.getByRole("button", { name: "Save changes" }).click();
    await expect(editorsCard.getByText("· Submitted")).toBeVisible();
  },
);
