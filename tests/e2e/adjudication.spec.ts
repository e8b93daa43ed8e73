import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { api, joinProject, signIn, storedAnnotations } from "./support";

async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID()}@test.example`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  return email;
}

test("an editor adjudicates two reviewers' annotations with the keyboard: accept one version, merge tags", async ({
  page,
  browser,
}) => {
  test.slow(); // two coders sign up and join first
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Adjudication ${Date.now()}` } })
  ).json()) as { id: string };
  const text = "The governor said 12 schools reopened. Parents said classes are still cancelled.";
  const article = (await (
    await api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title: "Schools", text } })
  ).json()) as { id: string };

  const coders: Page[] = [];
  for (const name of ["Ana Coder", "Ben Coder"]) {
    const coder = await (await browser.newContext()).newPage();
    const email = await signUp(coder, name);
    await joinProject(page, coder, project.id, email, "REVIEWER");
    await coder.goto(`/projects/${project.id}`);
    coders.push(coder);
  }
  const annotate = async (coder: Page, quote: string, tags: string[]) => {
    const start = text.indexOf(quote);
    expect(
      (
        await api(coder, "POST", `/api/v1/articles/${article.id}/annotations`, {
          data: { start, end: start + quote.length, exact: quote, tags },
        })
      ).status(),
    ).toBe(201);
  };
  // Unit 1: same span, different tags. Unit 2: only Ben marked it.
  await annotate(coders[0]!, "12 schools reopened", ["statistic"]);
  await annotate(coders[1]!, "12 schools reopened", ["factual claim"]);
  await annotate(coders[1]!, "classes are still cancelled", ["factual claim"]);

  await page.goto(`/articles/${article.id}`);
  await page.getByRole("link", { name: "Adjudicate" }).click();
  const units = page.getByTestId("adjudication-unit");
  await expect(units).toHaveCount(2);
  await expect(units.nth(0)).toContainText("Same span, different tags");
  await expect(units.nth(1)).toContainText("Marked by one coder");

  // Unit 1: merge the tags (m); a claim has one claim type, so the editor picks which, by keyboard; unit 2: accept
  // Ben's version (2).
  await units.nth(0).focus();
  await page.keyboard.press("m");
  const picker = units.nth(0).getByRole("form", { name: "Choose the tags to keep" });
  const claimTypes = picker.getByRole("group", { name: "claim type" });
  await expect(claimTypes.getByRole("radio")).toHaveCount(2);
  await expect(claimTypes.getByRole("radio", { name: "statistic" })).toBeFocused();
  await expectNoAxeViolations(page, "the adjudication page asking which tag to keep");
  await page.keyboard.press("Space");
  await expect(claimTypes.getByRole("radio", { name: "statistic" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(picker.getByRole("button", { name: "Merge with these" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Merged the tags");
  await expect(picker).toHaveCount(0);
  await units.nth(1).focus();
  await page.keyboard.press("2");
  await expect(page.getByRole("status")).toContainText("Accepted Ben Coder's version");
  // Each settled unit names its accepted version; only the rejected one can still be accepted instead.
  await expect(units.nth(0).getByText("✓ Accepted version")).toHaveCount(1);
  await expect(units.nth(0).getByRole("button", { name: "Accept this version" })).toHaveCount(1);
  await expect(units.nth(1).getByText("✓ Accepted version")).toHaveCount(1);
  await expect(units.nth(1).getByRole("button", { name: "Accept this version" })).toHaveCount(0);
  await page.screenshot({ path: ".data/test-results/adjudication.png", fullPage: true });

  const stored = await storedAnnotations(page, article.id);
  const approved = stored.filter((annotation) => annotation.status === "APPROVED");
  expect(approved.map((annotation) => [annotation.exact, annotation.tags.map((tag) => tag.name).sort()])).toEqual([
    ["12 schools reopened", ["statistic"]],
    ["classes are still cancelled", ["factual claim"]],
  ]);
  expect(stored.filter((annotation) => annotation.status === "REJECTED")).toHaveLength(1);
  for (const coder of coders) await coder.context().close();
});
