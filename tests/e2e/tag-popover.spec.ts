import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { NARROW, WIDE } from "./layout";
import { api, dragSelect, importArticle, SEED_ARTICLE_ID, signIn, storedAnnotations } from "./support";

const WIDTHS = [
  { name: "desktop", viewport: WIDE },
  { name: "phone", viewport: NARROW },
] as const;

/** A long article, so that a passage can sit anywhere on the screen. */
const PARAGRAPHS = Array.from(
  { length: 40 },
  (_, index) => `Paragraph ${index + 1}: officials said the convoy number ${index + 1} reached the valley before dawn.`,
);
const LONG_TEXT = PARAGRAPHS.join("\n");

const popover = (page: Page) => page.getByRole("dialog", { name: "Tag the selected passage" });
const tagButton = (page: Page, name: string) => popover(page).locator("button[data-tag-id]").filter({ hasText: name });

/** Selects `quote` with the mouse, its first line at `screenHeight` of the window, and waits for the popover. */
async function select(page: Page, quote: string, screenHeight?: number): Promise<void> {
  const start = LONG_TEXT.indexOf(quote);
  await dragSelect(page, start, start + quote.length, undefined, { screenHeight });
  await expect(page.getByTestId("tag-picker")).toBeFocused();
}

/**
 * Where on screen the passage `quote` starts (read from the text, since focus in the popover moves the browser's
 * selection).
 */
async function passageTop(page: Page, quote: string): Promise<number> {
  return page.getByTestId("reader-text").evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      return range.getBoundingClientRect().top;
    }
    throw new Error(`no passage “${wanted}”`);
  }, quote);
}

/**
 * The popover lies inside the window, above the passage `quote` or scrolling inside itself, with Save below the event
 * section and on screen.
 */
async function expectInsideWindow(page: Page, quote: string): Promise<void> {
  // It places itself again as its content changes: measured once it has.
  await expect(() => checkInsideWindow(page, quote)).toPass();
}

async function checkInsideWindow(page: Page, quote: string): Promise<void> {
  const panel = await box(popover(page));
  const view = page.viewportSize()!;
  expect(panel.y).toBeGreaterThanOrEqual(0);
  expect(panel.y + panel.height).toBeLessThanOrEqual(view.height);
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.width).toBeLessThanOrEqual(view.width);
  // No room below the passage here: above it, or scrolling inside itself.
  const selectionTop = await passageTop(page, quote);
  const scrolls = await popover(page).evaluate((element) => element.scrollHeight > element.clientHeight);
  expect(
    panel.y + panel.height <= selectionTop || scrolls,
    `above the selection at ${selectionTop}, or scrolling`,
  ).toBe(true);
  const save = popover(page).getByRole("button", { name: "Save annotation" });
  const saveBox = await box(save);
  expect(saveBox.y).toBeGreaterThan((await box(popover(page).getByText("Link to an event"))).y);
  expect(saveBox.y + saveBox.height).toBeLessThanOrEqual(panel.y + panel.height);
  await expect(save).toBeInViewport();
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found).not.toBeNull();
  return found!;
}

/** The accessible names of the buttons shown inside `scope` (each has its aria-label, or its text). */
async function buttonNames(scope: Locator): Promise<string[]> {
  return scope
    .getByRole("button")
    .evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute("aria-label") ?? button.textContent!.replace(/\s+/g, " ").trim()),
    );
}

for (const { name, viewport } of WIDTHS) {
  test.describe(`the tag popover and the cards (${name}, ${viewport.width} px)`, () => {
    test.use({ viewport });
    // axe-core reads the whole page (an article, a sidebar of cards): slow on a busy two-core machine.
    test.setTimeout(180_000);

    test(
      "Enter in the search picks the highlighted match, Enter after clicking a tag saves, and every tag has its " +
        "keys",
      async ({ page }) => {
        await signIn(page, "editor@example.org");
        const articleId = await importArticle(page, `Popover keys ${name}`, LONG_TEXT);
        await page.goto(`/articles/${articleId}`);

        await select(page, "the convoy number 3 reached");
        const buttons = popover(page).locator("button[data-tag-id]");
        await expect(buttons).toHaveCount(33);
        // Every tag shows its keys: one for a claim type, two for the rest.
        const keys = await buttons.locator("kbd").allTextContents();
        expect(keys).toHaveLength(33);
        expect(keys.filter((shown) => /^\S$/.test(shown))).toHaveLength(5);
        expect(keys.filter((shown) => /^\S \S$/.test(shown))).toHaveLength(28);
        await expect(tagButton(page, "loaded language").locator("kbd")).toHaveText("h l");

        await page.keyboard.press("/");
        await page.keyboard.type("loaded");
        await expect(tagButton(page, "loaded language")).toHaveAttribute("data-highlighted", "true");
        await expect(popover(page).getByText("Enter picks “loaded language”")).toBeVisible();
        await page.keyboard.press("Enter");
        await expect(tagButton(page, "loaded language")).toHaveAttribute("aria-pressed", "true");
        await expect(popover(page).getByRole("searchbox", { name: "Search tags" })).toHaveValue("");
        await expect(popover(page)).toBeVisible();

        // A tag clicked, then Enter as the hint says: saved, with both tags.
        await tagButton(page, "statistic").click();
        await expect(popover(page).getByText("Enter saves")).toBeVisible();
        await page.keyboard.press("Enter");
        await expect(popover(page)).toHaveCount(0);
        await expect(page.getByRole("status").filter({ hasText: "Annotation saved" })).toBeVisible();
        const [first] = await storedAnnotations(page, articleId);
        expect(first!.tags.map((tag) => tag.name).sort()).toEqual(["loaded language", "statistic"]);

        // Two keys in turn: h then n is name calling, v then f is false; a shortcut's first key alone does nothing.
        await select(page, "the convoy number 5 reached");
        await page.keyboard.press("h");
        await expect(popover(page).getByText("h … next key")).toBeVisible();
        await page.keyboard.press("n");
        await page.keyboard.press("v");
        await page.keyboard.press("f");
        await page.keyboard.press("m");
        await page.keyboard.press("Escape"); // drops the waiting "m", keeps the popover
        await expect(popover(page)).toBeVisible();
        await expect(tagButton(page, "name calling")).toHaveAttribute("aria-pressed", "true");
        await expect(tagButton(page, "false")).toHaveAttribute("aria-checked", "true");
        expect(await buttons.and(page.locator("[aria-pressed=true], [aria-checked=true]")).count()).toBe(2);
        await page.keyboard.press("Enter");
        await expect(popover(page)).toHaveCount(0);
        const second = (await storedAnnotations(page, articleId)).find(
          (annotation) => annotation.exact === "the convoy number 5 reached",
        )!;
        expect(second.tags.map((tag) => tag.name).sort()).toEqual(["false", "name calling"]);
      },
    );

    test(
      "an editor changes a tag's keys in the codebook: a clash is refused, naming the tag that has them; the new " +
        "keys work in the popover",
      async ({ page }) => {
        await signIn(page, "editor@example.org");
        const project = await api(page, "POST", "/api/v1/projects", { data: { name: `Keys ${name} ${Date.now()}` } });
        const projectId = ((await project.json()) as { id: string }).id;
        const article = await api(page, "POST", `/api/v1/projects/${projectId}/articles`, {
          data: { title: "Keys", text: LONG_TEXT },
        });
        const articleId = ((await article.json()) as { id: string }).id;

        await page.goto(`/projects/${projectId}/codebook`);
        const keys = page.getByLabel("Shortcut of unverified");
        await expect(keys).toHaveValue("vu");
        await keys.fill("m");
        await keys.blur();
        await expect(page.getByText(/The shortcut 'm' overlaps the shortcut 'm.' of the tag/)).toBeVisible();
        await keys.fill("zq");
        await keys.blur();
        await expect(page.getByText("Saved “unverified”.")).toBeVisible();
        const tags = await api(page, "GET", `/api/v1/projects/${projectId}/tags?limit=100`);
        expect(
          ((await tags.json()) as { items: { name: string; shortcut: string }[] }).items.find(
            (tag) => tag.name === "unverified",
          )!.shortcut,
        ).toBe("zq");

        await page.goto(`/articles/${articleId}`);
        await select(page, "the convoy number 7 reached");
        await expect(tagButton(page, "unverified").locator("kbd")).toHaveText("z q");
        await page.keyboard.press("z");
        await page.keyboard.press("q");
        await expect(tagButton(page, "unverified")).toHaveAttribute("aria-checked", "true");
        await page.keyboard.press("Enter");
        await expect(popover(page)).toHaveCount(0);
        const [stored] = await storedAnnotations(page, articleId);
        expect(stored!.tags.map((tag) => tag.name)).toEqual(["unverified"]);
      },
    );

    test(
      "near the bottom of the window with the event section open, the popover fits the window and Save stays at its " +
        "bottom",
      async ({ page }) => {
        await signIn(page, "editor@example.org");
        const articleId = await importArticle(page, `Popover fit ${name}`, LONG_TEXT);
        await page.goto(`/articles/${articleId}`);

        await select(page, "the convoy number 20 reached", 0.85);
        await popover(page).getByText("Link to an event").click();
        await popover(page).getByRole("searchbox", { name: "Event" }).fill("Convoy");
        await expect(popover(page).getByRole("button", { name: /New event “Convoy”/ })).toBeVisible();
        await expectInsideWindow(page, "the convoy number 20 reached");
        await page.screenshot({ path: `.data/test-results/tag-popover-${viewport.width}-every-tag.png` });

        await popover(page).getByRole("searchbox", { name: "Search tags" }).fill("to fear");
        await expect(popover(page).getByText("Enter picks “appeal to fear”")).toBeVisible();
        await expectInsideWindow(page, "the convoy number 20 reached");
        const save = popover(page).getByRole("button", { name: "Save annotation" });
        await page.screenshot({ path: `.data/test-results/tag-popover-${viewport.width}.png` });
        await expectNoAxeViolations(page, "the popover open, a search typed, the event section open");

        await popover(page).getByRole("searchbox", { name: "Search tags" }).press("Enter"); // picks "appeal to fear"
        await save.click();
        await expect(popover(page)).toHaveCount(0);
        const [stored] = await storedAnnotations(page, articleId);
        expect(stored!.tags.map((tag) => tag.name)).toEqual(["appeal to fear"]);
      },
    );

    test(
      "every control of a card and its comments says what it acts on, no two alike, and axe finds nothing with a " +
        "card open",
      async ({ page }) => {
        await signIn(page, "editor@example.org");
        await page.goto(`/articles/${SEED_ARTICLE_ID}`);
        const cards = page.getByTestId("annotation-card");
        await expect(cards.first()).toBeVisible();
        const card = cards.first();
        const quote = ((await card.locator("q").textContent()) ?? "").slice(0, 20);
        await expect(card.getByRole("button", { name: `Edit annotation “${quote}` })).toBeVisible();
        await expect(card.getByRole("button", { name: `Delete annotation “${quote}` })).toBeVisible();
        await card.getByRole("button", { name: `Comments on annotation “${quote}` }).click();
        const thread = card.getByTestId("comment-thread");
        const comment = `Second source needed ${name}`;
        await thread.getByRole("textbox", { name: `New comment on annotation “${quote}` }).fill(comment);
        await thread.getByRole("button", { name: `Comment on annotation “${quote}` }).click();
        await expect(thread.getByRole("button", { name: `Edit comment by Demo Editor: “${comment}”` })).toBeVisible();
        await expect(thread.getByRole("button", { name: `Delete comment by Demo Editor: “${comment}”` })).toBeVisible();

        // No two buttons of the sidebar share a name (each acts on its own annotation or comment).
        const names = await buttonNames(page.getByRole("complementary", { name: "Annotations" }));
        expect(names.length).toBeGreaterThan(10);
        expect(names.filter((buttonName, index) => names.indexOf(buttonName) !== index)).toEqual([]);
        for (const generic of ["Edit", "Delete", "Comments", "Approve", "Comment"])
          expect(names).not.toContain(generic);

        await expectNoAxeViolations(page, "a card's comments open");
        await card.getByRole("button", { name: `Edit annotation “${quote}` }).click();
        await expect(card.getByTestId("tag-picker")).toBeVisible();
        await expectNoAxeViolations(page, "a card being edited");

        // The comment is removed again, by its named button.
        await page.keyboard.press("Escape");
        await thread.getByRole("button", { name: `Delete comment by Demo Editor: “${comment}”` }).click();
        await thread.getByRole("button", { name: `Yes, delete: comment by Demo Editor: “${comment}”` }).click();
        await expect(thread.getByText(comment)).toHaveCount(0);
        expect((await api(page, "GET", `/api/v1/articles/${SEED_ARTICLE_ID}`)).status()).toBe(200);
      },
    );
  });
}
