import { expect, type Page, test } from "@playwright/test";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { dragSelect, importArticle, signIn, storedAnnotations } from "./support";

/**
 * The tag popover lists first the tags the project's own annotations make likely for the selected passage: in the
 * demo project, passages where an outlet "reported that" something happened are tagged quote/attribution.
 */
const TEXT =
  "Fighting went on in Baghlan on Saturday.\nThe Afghan outlet Pajhwok reported that the resistance had retaken " +
  "two more districts.";
const PASSAGE = "The Afghan outlet Pajhwok reported that the resistance had retaken two more districts";

const popover = (page: Page) => page.getByRole("dialog", { name: "Tag the selected passage" });

for (const viewport of [WIDE, NARROW]) {
  test.describe(`tag ranking at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("the likely tag comes first, marked, and the keys still work", async ({ page }) => {
      await signIn(page, "editor@example.org");
      const articleId = await importArticle(page, `Tag ranking ${viewport.width}`, TEXT);
      await page.goto(`/articles/${articleId}`);
      const start = TEXT.indexOf(PASSAGE);
      await dragSelect(page, start, start + PASSAGE.length);
      await expect(page.getByTestId("tag-picker")).toBeFocused();

      // The picker is there at once; the ranking moves the likely tags first when it arrives.
      const tags = popover(page).locator("button[data-tag-id]");
      await expect(tags.first()).toHaveAttribute("data-likely", "true");
      await expect(tags.first()).toContainText("quote/attribution");
      await expect(tags.first()).toContainText("likely");
      // Every tag is still offered, each once; the likely ones lead their groups and their groups lead the list.
      await expect(tags).toHaveCount(33);
      const likelyCount = await popover(page).locator("button[data-likely]").count();
      expect(likelyCount).toBeGreaterThanOrEqual(1);
      expect(likelyCount).toBeLessThanOrEqual(3);
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: `/tmp/tag-ranking-${viewport.width}.png` });

      // The shortcut keys work as before: q picks quote/attribution, Enter saves.
      await page.keyboard.press("q");
      await expect(tags.first()).toHaveAttribute("aria-checked", "true");
      await page.keyboard.press("Enter");
      await expect(popover(page)).toHaveCount(0);
      const [saved] = await storedAnnotations(page, articleId);
      expect(saved!.exact).toBe(PASSAGE);
      expect(saved!.tags.map((tag) => tag.name)).toEqual(["quote/attribution"]);
    });
  });
}
