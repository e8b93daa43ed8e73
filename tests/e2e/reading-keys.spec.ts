import { type Browser, expect, type Page, test } from "@playwright/test";
import { api, importArticle, paintedSpans, signIn, storedAnnotations } from "./support";

/** Three paragraphs of sentences each, in two scripts: the caret's moves must not depend on the language. */
const ARTICLES = {
  English: [
    ["The convoy left the city at dawn.", "Officials disputed the figure?", "Witnesses said it was larger!"],
    ["Fighting resumed in Baghlan on Friday.", "Two districts changed hands."],
    ["The ministry declined to comment."],
  ],
  Persian: [
    ["خبرگزاری‌ها از درگیری در بغلان خبر دادند.", "آیا این رقم درست است؟", "شاهدان گفتند که بیشتر بود!"],
    ["نیروهای مقاومت سه ولسوالی را پس گرفتند.", "دو ولسوالی دست به دست شد."],
    ["وزارت از اظهار نظر خودداری کرد."],
  ],
};
const WIDTHS = [1440, 390];

const textOf = (page: Page) => page.getByTestId("reader-text");
const picker = (page: Page) => page.getByTestId("tag-picker");
const cardOf = (page: Page, id: string) => page.locator(`[data-annotation-id="${id}"]`);

function articleText(paragraphs: string[][]): string {
  return paragraphs.map((sentences) => sentences.join(" ")).join("\n");
}

async function openArticle(
  browser: Browser,
  width: number,
  title: string,
  text: string,
): Promise<{ page: Page; articleId: string }> {
  const page = await (await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 844 } })).newPage();
  await signIn(page, "editor@example.org");
  const articleId = await importArticle(page, title, text);
  await page.goto(`/articles/${articleId}`);
  await expect(textOf(page)).toBeVisible();
  return { page, articleId };
}

/** The text offset of the keyboard caret (the character after it is painted as `plx-caret`), or null. */
async function caretOffset(page: Page): Promise<number | null> {
  return (await paintedSpans(page, "plx-caret"))[0]?.start ?? null;
}

/** Tags the current selection with no tag (Enter, Enter) and returns the passage stored. */
async function saveSelection(page: Page, articleId: string, known: number): Promise<string> {
  await page.keyboard.press("Enter");
  await expect(picker(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(picker(page)).toHaveCount(0);
  await expect.poll(async () => (await storedAnnotations(page, articleId)).length).toBe(known + 1);
  return (await storedAnnotations(page, articleId)).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!.exact;
}

for (const width of WIDTHS) {
  for (const [language, paragraphs] of Object.entries(ARTICLES)) {
    const text = articleText(paragraphs);
    const sentenceStart = (paragraph: number, sentence: number) => text.indexOf(paragraphs[paragraph]![sentence]!);
    const paragraphStart = (paragraph: number) => text.indexOf(paragraphs[paragraph]!.join(" "));

    test(
      `${language}, ${width} px: Alt+Up/Down move and extend by sentence, Ctrl+Up/Down by paragraph; the keyboard ` +
        "help lists them",
      async ({ browser }) => {
        const { page, articleId } = await openArticle(browser, width, `Sentences (${language})`, text);
        await page.getByText("Keyboard", { exact: true }).click();
        await expect(page.getByTestId("keyboard-help")).toContainText("Alt+↑ ↓");
        await expect(page.getByTestId("keyboard-help")).toContainText("Ctrl+↑ ↓");
        await expect(page.getByTestId("keyboard-help")).toContainText("] [");

        await textOf(page).focus();
        await page.keyboard.press("Alt+ArrowDown");
        await expect.poll(() => caretOffset(page)).toBe(sentenceStart(0, 1));
        await page.keyboard.press("Alt+ArrowDown");
        await expect.poll(() => caretOffset(page)).toBe(sentenceStart(0, 2));
        // Past the paragraph's last sentence: the next paragraph's first.
        await page.keyboard.press("Alt+ArrowDown");
        await expect.poll(() => caretOffset(page)).toBe(sentenceStart(1, 0));
        await page.keyboard.press("Alt+ArrowUp");
        await expect.poll(() => caretOffset(page)).toBe(sentenceStart(0, 2));
        await page.keyboard.press("Alt+ArrowUp");
        await page.keyboard.press("Shift+Alt+ArrowDown");
        expect(await saveSelection(page, articleId, 0)).toBe(paragraphs[0]![1]);

        await textOf(page).focus();
        await page.keyboard.press("Control+ArrowDown");
        await expect.poll(() => caretOffset(page)).toBe(paragraphStart(1));
        await page.keyboard.press("Control+ArrowDown");
        await expect.poll(() => caretOffset(page)).toBe(paragraphStart(2));
        await page.keyboard.press("Control+ArrowUp");
        await expect.poll(() => caretOffset(page)).toBe(paragraphStart(1));
        await page.keyboard.press("Shift+Control+ArrowDown");
        expect(await saveSelection(page, articleId, 1)).toBe(paragraphs[1]!.join(" "));
        await page.context().close();
      },
    );

    const setting = `${language}, ${width} px`;
    test(`${setting}: ] and [ go to the next and previous annotation in text order and show its card`, async ({
      browser,
    }) => {
      const { page, articleId } = await openArticle(browser, width, `Annotations (${language})`, text);
      // Created out of text order: the keys follow the text, not the creation.
      const passages = [paragraphs[2]![0]!, paragraphs[0]![1]!, paragraphs[1]![1]!];
      const ids = new Map<string, string>();
      for (const exact of passages) {
        const start = text.indexOf(exact);
        const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
          data: { start, end: start + exact.length, exact, tags: [] },
        });
        expect(created.status()).toBe(201);
        ids.set(exact, ((await created.json()) as { id: string }).id);
      }
      await page.reload();
      const inTextOrder = [...passages].sort((a, b) => text.indexOf(a) - text.indexOf(b));
      const expectShown = async (exact: string) => {
        await expect(cardOf(page, ids.get(exact)!)).toHaveAttribute("aria-current", "true");
        await expect(cardOf(page, ids.get(exact)!)).toBeInViewport();
        await expect(page.locator('[aria-current="true"][data-annotation-id]')).toHaveCount(1);
        await expect.poll(() => caretOffset(page)).toBe(text.indexOf(exact));
        await expect(textOf(page)).toBeFocused();
      };

      await textOf(page).focus();
      for (const exact of inTextOrder) {
        await page.keyboard.press("]");
        await expectShown(exact);
      }
      await page.keyboard.press("]");
      await expect(page.getByRole("status").filter({ hasText: "No annotation after the caret." })).toBeVisible();
      await expectShown(inTextOrder[2]!);
      await page.keyboard.press("[");
      await expectShown(inTextOrder[1]!);
      await page.keyboard.press("[");
      await expectShown(inTextOrder[0]!);
      await page.context().close();
    });
  }
}
