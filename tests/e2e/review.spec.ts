import { expect, test } from "@playwright/test";
import { api, importArticle, signIn } from "./support";

test("a reviewer submits their drafts; the editor rejects one with a reason and approves the other", async ({ page, browser }) => {
  await signIn(page, "editor@example.org");
  const text = "The army said 40 villages were retaken. Locals said only 4 were.";
  const articleId = await importArticle(page, "Review flow", text);

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer@example.org");
  for (const quote of ["40 villages were retaken", "only 4 were"]) {
    const start = text.indexOf(quote);
    expect((await api(reviewer, "POST", `/api/v1/articles/${articleId}/annotations`, { data: { start, end: start + quote.length, exact: quote } })).status()).toBe(201);
  }
  await reviewer.goto(`/articles/${articleId}`);
  await reviewer.getByRole("button", { name: "Submit my 2 drafts for review" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: "Submitted 2 annotations" })).toBeVisible();
  await expect(reviewer.getByTestId("annotation-card").first()).toContainText("Submitted");

  await page.goto(`/articles/${articleId}`);
  const cards = page.getByTestId("annotation-card");
  await cards.nth(0).getByRole("button", { name: "Reject…" }).click();
  await cards.nth(0).getByLabel("Reason for rejecting").fill("The army's figure is unsourced; tag it as a claim of the army.");
  await cards.nth(0).getByRole("button", { name: "Reject", exact: true }).click();
  await expect(cards.nth(0)).toContainText("Rejected: The army's figure is unsourced");
  await cards.nth(1).getByRole("button", { name: "Approve" }).click();
  await expect(cards.nth(1)).toContainText("Approved");

  await reviewer.reload();
  await expect(reviewer.getByTestId("annotation-card").nth(0)).toContainText("Rejected: The army's figure is unsourced");
  await expect(reviewer.getByTestId("annotation-card").nth(0).getByRole("button", { name: "Submit for review" })).toBeVisible();
  await reviewer.context().close();

  // The history names the annotation by its quote and shows what the rejection changed.
  await page.goto(`/projects/${(await (await api(page, "GET", `/api/v1/articles/${articleId}`)).json()).projectId}/history?action=annotation.update`);
  const rejection = page.getByTestId("history").getByRole("listitem").filter({ hasText: "40 villages were retaken" }).first();
  await expect(rejection).toContainText("annotation.update");
  await expect(rejection.getByRole("link")).toHaveText("Annotation “40 villages were retaken”");
  await expect(rejection.getByRole("row", { name: "Status" })).toHaveText("StatusSUBMITTED→ REJECTED");
  await expect(rejection.getByRole("row", { name: "Review note" })).toContainText("→ The army's figure is unsourced");
  await expect(rejection.getByTestId("history-changes")).not.toContainText("updatedAt");
  await page.screenshot({ path: test.info().outputPath("history.png") });
  // The annotation's whole history, and the filter fields say so.
  await rejection.getByRole("link").click();
  await expect(page).toHaveURL(/history\?entity=/);
  await expect(page.getByLabel("Item id")).toHaveValue(new URL(page.url()).searchParams.get("entity")!);
  await expect(page.getByLabel(/^Action/)).toHaveValue("");
});
