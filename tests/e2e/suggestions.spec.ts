import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoClippedText, expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, paintedSpans, SEED_ARTICLE_ID, signIn, storedAnnotations } from "./support";

/**
 * Suggestions in the reader: a phrase tagged in one seed article is proposed in the other, drawn dashed and listed;
 * `n` walks the suggestions, `a` accepts the current one as a draft annotation with its tags, `x` rejects it; the
 * list's buttons do the same.
 */
const SECOND_SEED_ARTICLE_ID = "019ab000-0000-7000-8000-000000000101";
const PHRASE = "two decades";

const textOf = (page: Page) => page.getByTestId("reader-text");
const list = (page: Page) => page.getByTestId("suggestion-list");
const current = (page: Page) => list(page).locator('li[aria-current="true"]');
/** The heading's count: all suggestions, also those not listed yet. */
const heading = (page: Page) => page.locator("#suggestions-heading");
const counted = (count: number) => new RegExp(`^Suggestions \\(${count}\\)$`);

async function json<T>(response: Promise<{ json: () => Promise<unknown>; status: () => number }>, status = 200) {
  const answer = await response;
  expect(answer.status()).toBe(status);
  return (await answer.json()) as T;
}

/** A project of the editor's own with the two seed articles, "two decades" tagged in the second; the first's id. */
async function projectWithTaggedPhrase(page: Page, width: number): Promise<string> {
  const project = await json<{ id: string }>(
    api(page, "POST", "/api/v1/projects", { data: { name: `Suggestions ${width} ${Date.now()}` } }),
    201,
  );
  const ids: string[] = [];
  for (const seed of [SEED_ARTICLE_ID, SECOND_SEED_ARTICLE_ID]) {
    const { title, text } = await json<{ title: string; text: string }>(api(page, "GET", `/api/v1/articles/${seed}`));
    const created = await json<{ id: string }>(
      api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title, text } }),
      201,
    );
    ids.push(created.id);
    if (seed === SECOND_SEED_ARTICLE_ID) {
      const start = text.indexOf(PHRASE);
      await json(
        api(page, "POST", `/api/v1/articles/${created.id}/annotations`, {
          data: { start, end: start + PHRASE.length, exact: PHRASE, tags: ["factual claim"] },
        }),
        201,
      );
    }
  }
  return ids[0]!;
}

for (const viewport of [WIDE, NARROW]) {
  test(`${viewport.width} px: n reaches the phrase suggestion, a accepts it with its tag, x rejects one`, async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ viewport })).newPage();
    await signIn(page, "editor@example.org");
    const articleId = await projectWithTaggedPhrase(page, viewport.width);
    await page.goto(`/articles/${articleId}`);
    await expect(list(page)).toBeVisible();
    const total = Number(/\((\d+)\)/.exec((await heading(page).textContent())!)![1]);
    expect(total).toBeGreaterThan(3);

    // From the text, n until the phrase is current: it is outlined (dashed, no fill) and marked in the list.
    await textOf(page).focus();
    for (let pressed = 0; pressed <= total; pressed++) {
      await page.keyboard.press("n");
      await expect(current(page)).toHaveCount(1);
      if ((await current(page).textContent())?.includes(`“${PHRASE}”`)) break;
    }
    await expect(current(page)).toContainText("Phrase");
    await expect(current(page)).toContainText("factual claim");
    await expect(current(page)).toContainText("tagged once elsewhere in the project");
    await expect
      .poll(async () => (await paintedSpans(page, "plxs-suggestion-current")).map((span) => span.text))
      .toEqual([PHRASE]);
    expect((await paintedSpans(page, "plx-c-")).some((span) => span.text === PHRASE)).toBe(false);
    await page.screenshot({ path: `/tmp/suggestions-${viewport.width}-current.png` });
    await expectNoAxeViolations(page, "the reader with a current suggestion");
    await expectNoHorizontalScroll(page);
    await expectNoClippedText(page.locator("section", { has: page.locator("#suggestions-heading") }));

    // a: a draft annotation with the phrase's tag, shown like any other.
    await page.keyboard.press("a");
    await expect
      .poll(async () => (await storedAnnotations(page, articleId)).map((annotation) => annotation.exact))
      .toEqual([PHRASE]);
    const [accepted] = await storedAnnotations(page, articleId);
    expect(accepted).toMatchObject({ status: "DRAFT", tags: [expect.objectContaining({ name: "factual claim" })] });
    await expect(page.getByTestId("annotation-list")).toContainText(PHRASE);
    await expect.poll(async () => (await paintedSpans(page, "plx-c-")).map((span) => span.text)).toContain(PHRASE);
    await expect(heading(page)).toHaveText(counted(total - 1));
    await expect(list(page)).not.toContainText(`“${PHRASE}”`);

    // x: the current suggestion (the one after, or the first after the last) goes, and is not proposed again.
    await expect(current(page)).toHaveCount(1);
    const rejected = (await current(page).locator("button").first().textContent())!;
    await textOf(page).focus();
    await page.keyboard.press("x");
    await expect(heading(page)).toHaveText(counted(total - 2));
    await expect(list(page)).not.toContainText(rejected);
    const { items } = await json<{ items: { exact: string }[] }>(
      api(page, "GET", `/api/v1/articles/${articleId}/suggestions`),
    );
    expect(items.map((item) => `“${item.exact}”`)).not.toContain(rejected);
    expect(items).toHaveLength(total - 2);

    // The list's buttons do the same without keys.
    const first = list(page).locator("li").first();
    await first.getByRole("button", { name: /^Reject/ }).click();
    await expect(heading(page)).toHaveText(counted(total - 3));
    await page.screenshot({ path: `/tmp/suggestions-${viewport.width}-after.png`, fullPage: viewport === NARROW });
    await expectNoAxeViolations(page, "the reader after decisions on suggestions");
    await page.context().close();
  });
}
