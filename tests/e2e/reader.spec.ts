import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  api,
  clickCharacter,
  dragSelect,
  importArticle,
  paintedSpans,
  SEED_ARTICLE_ID,
  signIn,
  type StoredAnnotation,
  storedAnnotations,
} from "./support";

const textOf = (page: Page) => page.getByTestId("reader-text");
const picker = (page: Page) => page.getByTestId("tag-picker");
const noteField = (page: Page) => page.getByRole("textbox", { name: "Note", exact: true });

async function articleText(page: Page, articleId: string): Promise<string> {
  const response = await api(page, "GET", `/api/v1/articles/${articleId}`);
  return ((await response.json()) as { text: string }).text;
}

/** The page as in a browser without the CSS Custom Highlight API: the reader paints with wrapper marks. */
async function withoutCustomHighlights(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(window, "Highlight", { value: undefined, configurable: true });
  });
}

/**
 * Selects `quote` (its `occurrence`-th copy) with the mouse, saves it with Enter, and returns the stored
 * annotation.
 */
async function annotateWithMouse(
  page: Page,
  articleId: string,
  text: string,
  quote: string,
  keys: string[] = [],
): Promise<StoredAnnotation> {
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  await dragSelect(page, start, start + quote.length);
  await expect(picker(page)).toBeFocused();
  for (const key of keys) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(picker(page)).toHaveCount(0);
  const stored = (await storedAnnotations(page, articleId)).find((annotation) => annotation.start === start);
  expect(stored, `an annotation stored at ${start}`).toBeDefined();
  expect({ start: stored!.start, end: stored!.end, exact: stored!.exact }).toEqual({
    start,
    end: start + quote.length,
    exact: quote,
  });
  return stored!;
}

test(
  "a reviewer tags a statistic with the mouse and its shortcut; after a reload it is painted at the stored " +
    "offsets",
  async ({ page }) => {
    await signIn(page, "reviewer@example.org");
    await page.goto(`/articles/${SEED_ARTICLE_ID}`);
    const text = await articleText(page, SEED_ARTICLE_ID);
    const quote = "losing fighters by the hundreds each day";
    const start = text.indexOf(quote);

    await dragSelect(page, start, start + quote.length);
    await expect(picker(page)).toBeFocused();
    await page.keyboard.press("s");
    await expect(page.getByRole("radio", { name: /statistic/ })).toHaveAttribute("aria-checked", "true");
    const note = `Check against <img src=x onerror="window.__xss=1"> UN figures`;
    await noteField(page).fill(note);
    await noteField(page).press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Annotation saved" })).toBeVisible();

    await page.reload();
    // The newest one of this quote (the database may hold others from earlier runs).
    const stored = (await storedAnnotations(page, SEED_ARTICLE_ID))
      .filter((annotation) => annotation.exact === quote)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .at(-1)!;
    expect(stored).toMatchObject({
      start,
      end: start + quote.length,
      note,
      tags: [expect.objectContaining({ name: "statistic" })],
    });
    await expect.poll(() => paintedSpans(page)).toContainEqual({ start: stored.start, end: stored.end, text: quote });

    const card = page.locator(`[data-annotation-id="${stored.id}"]`);
    await expect(card.getByTestId("annotation-note")).toHaveText(note);
    await expect(card.locator("img")).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    await textOf(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: ".data/test-results/reader-statistic.png" });
  },
);

test("offsets stay exact after emoji, across paragraphs and with keyboard selection", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const text =
    "💩This is an annotation.\n👨‍👩‍👧‍👦 The family said the convoy left at dawn.\n🤔🤔🤔🤔 Officials disputed the figure.";
  const articleId = await importArticle(page, "Emoji offsets", text);
  await page.goto(`/articles/${articleId}`);

  await annotateWithMouse(page, articleId, text, "annotation");
  await annotateWithMouse(page, articleId, text, "convoy left at dawn", ["f"]);
  await annotateWithMouse(page, articleId, text, "disputed");
  await annotateWithMouse(page, articleId, text, "dawn.\n🤔🤔🤔🤔 Officials");

  // Keyboard: focus the text, move past the emoji (one character), extend over "This".
  await textOf(page).focus();
  await page.keyboard.press("ArrowRight");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Enter");
  await expect(picker(page)).toBeFocused();
  await page.keyboard.press("o");
  await page.keyboard.press("Enter");
  await expect(picker(page)).toHaveCount(0);

  const stored = await storedAnnotations(page, articleId);
  expect(stored.find((annotation) => annotation.exact === "This")).toMatchObject({
    start: text.indexOf("This"),
    end: text.indexOf("This") + 4,
  });
  await page.reload();
  const expected = stored.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start || a.end - b.end);
  await expect.poll(async () => (await paintedSpans(page)).map(({ start, end }) => ({ start, end }))).toEqual(expected);
  for (const annotation of stored) expect(text.slice(annotation.start, annotation.end)).toBe(annotation.exact);
});

test("a save the server refuses shows why and removes the new highlight", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const text = "The spokesman denied any civilian casualties.";
  const articleId = await importArticle(page, "Refused save", text);
  await page.goto(`/articles/${articleId}`);
  // Someone else edits the text meanwhile: the page's offsets no longer hold.
  const edited = await api(page, "PATCH", `/api/v1/articles/${articleId}`, { data: { text: `Updated. ${text}` } });
  expect(edited.status()).toBe(200);

  const quote = "denied any civilian casualties";
  await dragSelect(page, text.indexOf(quote), text.indexOf(quote) + quote.length);
  await expect(picker(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(picker(page).getByRole("alert")).toContainText("Not saved");
  await expect(page.getByTestId("annotation-card")).toHaveCount(0);
  await expect.poll(() => paintedSpans(page)).toEqual([]);
  expect(await storedAnnotations(page, articleId)).toEqual([]);
});

test(
  "without the Custom Highlight API, " + "wrapper marks show the same spans and selections map to the same offsets",
  async ({ page }) => {
    await withoutCustomHighlights(page);
    await signIn(page, "editor@example.org");
    const text = "🤔🤔🤔🤔 The minister said 40 percent of roads were repaired.\nCritics called the figure invented.";
    const articleId = await importArticle(page, "Fallback highlights", text);
    await page.goto(`/articles/${articleId}`);

    await annotateWithMouse(page, articleId, text, "40 percent of roads", ["s"]);
    await expect(page.locator("mark[data-annotation-ids]")).toHaveText("40 percent of roads");
    // A second selection starting inside the mark and ending after it: DOM positions inside marks still count right.
    await annotateWithMouse(page, articleId, text, "percent of roads were repaired");
    await annotateWithMouse(page, articleId, text, "repaired.\nCritics");

    await page.reload();
    await expect(page.locator("mark[data-annotation-ids]").first()).toBeVisible();
    const marked = await page
      .locator("mark[data-annotation-ids]")
      .evaluateAll((marks) =>
        marks.map((mark) => ({ ids: mark.getAttribute("data-annotation-ids"), text: mark.textContent })),
      );
    const stored = await storedAnnotations(page, articleId);
    for (const annotation of stored) {
      const pieces = marked.filter((mark) => mark.ids!.split(" ").includes(annotation.id)).map((mark) => mark.text);
      expect(pieces.join("")).toBe(annotation.exact.replace("\n", ""));
    }
    expect(await page.evaluate(() => [...CSS.highlights.keys()])).toEqual([]);
  },
);

test("a colleague's change arriving during a drag is shown after it: the selection is kept (wrapper marks)", async ({
  page,
}) => {
  await withoutCustomHighlights(page);
  await signIn(page, "editor@example.org");
  const text = "The minister said 40 percent of roads were repaired. Critics called the figure invented.";
  const articleId = await importArticle(page, "Live during a drag", text);
  const following = page.waitForResponse((response) => response.url().endsWith(`/articles/${articleId}/live`));
  await page.goto(`/articles/${articleId}`);
  await following;
  const cards = page.getByTestId("annotation-card");
  const annotate = async (quote: string) => {
    const start = text.indexOf(quote);
    const response = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
      data: { start, end: start + quote.length, exact: quote, tags: ["opinion"] },
    });
    expect(response.status()).toBe(201);
  };
  await annotate("Critics called");
  await expect(cards).toHaveCount(1, { timeout: 5_000 });

  const quote = "40 percent of roads were repaired";
  const start = text.indexOf(quote);
  await dragSelect(page, start, start + quote.length, async () => {
    // A change that splits the marks where the drag began, held long enough for a refresh to land mid-drag.
    await annotate("minister said 40 percent");
    await page.waitForTimeout(1_500);
  });
  await expect(picker(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(picker(page)).toHaveCount(0);
  expect(
    (await storedAnnotations(page, articleId)).map(({ start, end, exact }) => ({ start, end, exact })),
  ).toContainEqual({ start, end: start + quote.length, exact: quote });
  // The colleague's change is shown once the drag is over.
  await expect(cards).toHaveCount(3, { timeout: 5_000 });
});

test(
  "the sidebar lists, filters, shows, edits and deletes annotations; a click lists all annotations covering a " +
    "point",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const text = "Officials said the road to Kabul was open. Residents said the road was closed by fighting all week.";
    const articleId = await importArticle(page, "Sidebar", text);
    const spans = [
      { quote: "the road to Kabul was open", tags: ["factual claim"] },
      { quote: "the road was closed by fighting all week", tags: ["opinion"] },
      { quote: "closed by fighting", tags: ["statistic"], note: "nested inside the residents' claim" },
    ];
    for (const { quote, tags, note } of spans) {
      const start = text.indexOf(quote);
      const response = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: { start, end: start + quote.length, exact: quote, tags, note },
      });
      expect(response.status()).toBe(201);
    }
    await page.goto(`/articles/${articleId}`);
    const cards = page.getByTestId("annotation-card");
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(0)).toContainText("the road to Kabul was open");
    await expect(cards.nth(2)).toContainText("closed by fighting");

    // Nested spans are all painted, the inner one underlined.
    await expect
      .poll(async () => (await paintedSpans(page, "plx-nested")).map((span) => span.text))
      .toEqual(["closed by fighting"]);

    await page.getByLabel("Filter by tag").selectOption({ label: "opinion" });
    await expect(cards).toHaveCount(1);
    await expect
      .poll(async () => (await paintedSpans(page)).map((span) => span.text))
      .toEqual(["the road was closed by fighting all week"]);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(cards).toHaveCount(3);

    // A click inside the nested span lists both annotations covering it.
    await clickCharacter(page, text.indexOf("fighting") + 2);
    const here = page.getByRole("dialog", { name: "Annotations here" });
    await expect(here.getByRole("button", { name: "Comments" })).toHaveCount(2);
    await here.getByRole("button", { name: /statistic/ }).click();
    await expect(cards.nth(2)).toHaveAttribute("aria-current", "true");
    await expect
      .poll(async () => (await paintedSpans(page, "plx-selected")).map((span) => span.text))
      .toEqual(["closed by fighting"]);

    // Clicking a card shows its span.
    await cards
      .nth(0)
      .getByRole("button", { name: /^the road to Kabul/ })
      .click();
    await expect(cards.nth(0)).toHaveAttribute("aria-current", "true");
    await expect
      .poll(async () => (await paintedSpans(page, "plx-flash")).map((span) => span.text))
      .toEqual(["the road to Kabul was open"]);

    // Edit tags and note.
    await cards
      .nth(0)
      .getByRole("button", { name: /^Edit annotation/ })
      .click();
    const editor = cards.nth(0).getByTestId("tag-picker");
    await editor.getByRole("radio", { name: /prediction/ }).click();
    await editor.getByRole("textbox", { name: "Note", exact: true }).fill("Contradicted by residents");
    await editor.getByRole("button", { name: "Save changes" }).click();
    await expect(editor).toHaveCount(0);
    await expect(cards.nth(0).getByTestId("annotation-note")).toHaveText("Contradicted by residents");
    await page.reload();
    await expect(cards.nth(0)).toContainText("prediction");
    await expect(cards.nth(0).getByTestId("annotation-note")).toHaveText("Contradicted by residents");

    // Delete (soft): gone from the page and the API.
    await cards.nth(1).getByRole("button", { name: "Delete" }).click();
    await cards.nth(1).getByRole("button", { name: "Yes, delete" }).click();
    await expect(cards).toHaveCount(2);
    await page.reload();
    await expect(cards).toHaveCount(2);
    expect((await storedAnnotations(page, articleId)).map((annotation) => annotation.exact)).not.toContain(
      "the road was closed by fighting all week",
    );
  },
);

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("a save over someone else's newer change gets 412: the UI says who changed it and reloads it", async ({
  page,
  browser,
}) => {
  await signIn(page, "editor@example.org");
  const text = "The governor said the district had fallen. Later reports said it was retaken.";
  const articleId = await importArticle(page, "Conflicts", text);
  const reviewer = await signedInPage(browser, "reviewer@example.org");
  const quote = "the district had fallen";
  const created = await api(reviewer, "POST", `/api/v1/articles/${articleId}/annotations`, {
    data: {
      start: text.indexOf(quote),
      end: text.indexOf(quote) + quote.length,
      exact: quote,
      tags: ["factual claim"],
    },
  });
  const annotation = (await created.json()) as StoredAnnotation;

  await page.goto(`/articles/${articleId}`);
  const card = page.getByTestId("annotation-card");
  await card.getByRole("button", { name: /^Edit annotation/ }).click();
  // Meanwhile the reviewer changes the note.
  const changed = await api(reviewer, "PATCH", `/api/v1/annotations/${annotation.id}`, {
    data: { note: "Reviewer's note" },
    version: annotation.version,
  });
  expect(changed.status()).toBe(200);

  await card.getByRole("textbox", { name: "Note", exact: true }).fill("Editor's note");
  await card.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByRole("alert")).toContainText("Changed by Demo Reviewer");
  expect((await storedAnnotations(page, articleId))[0]!.note).toBe("Reviewer's note");

  await card.getByRole("button", { name: "Reload" }).click();
  await expect(card.getByRole("alert")).toHaveCount(0);
  await expect(card.getByTestId("annotation-note")).toHaveText("Reviewer's note");
  await reviewer.context().close();
});

test(
  "an editor edits the text: the report counts moved and orphaned annotations; an orphan is re-attached by selecting " +
    "new text",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const text =
      "Fighters retook the northern valley.\nThe ministry reported 300 casualties.\nAid convoys resumed on Monday.";
    const articleId = await importArticle(page, "Text edits", text);
    for (const quote of ["retook the northern valley", "reported 300 casualties", "Aid convoys resumed"]) {
      const start = text.indexOf(quote);
      await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: { start, end: start + quote.length, exact: quote },
      });
    }
    await page.goto(`/articles/${articleId}`);
    await page.getByRole("button", { name: "Edit text" }).click();
    const edited =
      "Update: figures revised.\nFighters retook the northern valley.\nThe ministry now gives no figure.\n" +
      "Aid convoys resumed on Monday.";
    await page.getByRole("textbox", { name: /Article text/ }).fill(edited);
    await page.getByRole("button", { name: "Save text" }).click();

    await expect(page.getByTestId("reanchor-report")).toHaveText(
      "Text saved as revision 2. Annotations: 2 found exactly, 0 moved, 0 found approximately, 1 orphaned.",
    );
    const orphans = page.getByRole("region", { name: "Orphaned annotations" });
    await expect(orphans.getByTestId("annotation-card")).toHaveText(/reported 300 casualties/);
    await expect(page.getByTestId("annotation-list").getByTestId("annotation-card")).toHaveCount(2);
    await expect
      .poll(async () => (await paintedSpans(page)).map((span) => span.text))
      .toEqual(["retook the northern valley", "Aid convoys resumed"]);

    await orphans.getByRole("button", { name: "Re-attach" }).click();
    const newQuote = "now gives no figure";
    await dragSelect(page, edited.indexOf(newQuote), edited.indexOf(newQuote) + newQuote.length);
    await page.getByRole("button", { name: "Attach here" }).click();
    await expect(orphans).toHaveCount(0);
    await expect(page.getByTestId("annotation-list").getByTestId("annotation-card")).toHaveCount(3);
    const reattached = (await storedAnnotations(page, articleId)).find((annotation) => annotation.exact === newQuote);
    expect(reattached).toMatchObject({ start: edited.indexOf(newQuote), anchor: "exact" });
    await page.screenshot({ path: ".data/test-results/reader-text-edit.png", fullPage: true });
  },
);

test(
  "a long sidebar renders a screenful of cards with the page, 100 once the highlights show, and the rest as it is " +
    "scrolled, or when one further down is shown",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const words = Array.from({ length: 130 }, (_, index) => `claim${String(index).padStart(3, "0")}`);
    const text = words.join(" ");
    const articleId = await importArticle(page, "Many claims", text);
    const ids: string[] = [];
    for (const word of words) {
      const start = text.indexOf(word);
      const response = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: { start, end: start + word.length, exact: word },
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    await page.goto(`/articles/${articleId}#annotation-${ids[120]}`);
    const cards = page.getByTestId("annotation-card");
    // Shown from the link: its card is rendered (and the ones before it), and marked as the current one.
    await expect(page.locator(`[data-annotation-id="${ids[120]}"]`)).toHaveAttribute("aria-current", "true");
    // The page brings a screenful of cards; the rest of the first 100 are rendered once the highlights show.
    const html = await (await page.request.get(`/articles/${articleId}`)).text();
    expect(html.match(/data-testid="annotation-card"/g)).toHaveLength(20);
    await page.goto(`/articles/${articleId}`);
    await expect(cards).toHaveCount(100);
    const more = page.getByRole("button", { name: "Show more (30 not shown yet)" });
    await more.scrollIntoViewIfNeeded();
    await expect(cards).toHaveCount(130);
    await expect(more).toHaveCount(0);
  },
);

test("the reader paints the highlights once as it opens, not again when the claims' links arrive", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const links = page.waitForResponse((response) => /\/articles\/[^/]+\/links\b/.test(response.url()));
  await page.goto(`/articles/${SEED_ARTICLE_ID}`);
  await links;
  await expect.poll(async () => (await paintedSpans(page)).length).toBeGreaterThan(0);
  // The links' render and a few frames after it: a second paint would have begun by then.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  const paintStarts = await page.evaluate(() => performance.getEntriesByName("parallax:paint-start").length);
  expect(paintStarts).toBe(1);
});

test("the reader asks for links, notes and suggestions only once the highlights have painted", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const links = page.waitForResponse((response) => /\/articles\/[^/]+\/links\b/.test(response.url()));
  const notes = page.waitForResponse((response) => /\/articles\/[^/]+\/annotations\?.*\bids=/.test(response.url()));
  const suggestions = page.waitForResponse((response) => /\/articles\/[^/]+\/suggestions\b/.test(response.url()));
  await page.goto(`/articles/${SEED_ARTICLE_ID}`);
  await Promise.all([links, notes, suggestions]);
  const { paintedAt, requestedAt } = await page.evaluate(() => {
    const paint = performance.getEntriesByName("parallax:paint")[0]!;
    return {
      paintedAt: paint.startTime + paint.duration,
      requestedAt: performance
        .getEntriesByType("resource")
        .filter(({ name }) => /\/links\b|\/annotations\?.*\bids=|\/suggestions\b/.test(name))
        .map(({ startTime }) => startTime),
    };
  });
  expect(requestedAt.length).toBeGreaterThanOrEqual(3);
  for (const startedAt of requestedAt) expect(startedAt).toBeGreaterThanOrEqual(paintedAt);
});
