import { expect, type Page, test } from "@playwright/test";
import { DEMO_PROJECT_ID, paintedSpans, signIn } from "./support";

/** Clicks the middle of `quote` inside the `column`-th text of the side-by-side view. */
async function clickQuote(page: Page, column: number, quote: string): Promise<void> {
  const point = await page
    .getByTestId("parallel-text")
    .nth(column)
    .evaluate((root, text) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + Math.floor(text.length / 2));
        range.setEnd(node, at + Math.floor(text.length / 2) + 1);
        range.startContainer.parentElement!.scrollIntoView({ block: "center" });
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      throw new Error(`"${text}" not found`);
    }, quote);
  await page.mouse.click(point.x, point.y);
}

test(
  "the demo editor opens the comparison: both sources, an omission on each side, the framing chart, and linked " +
    "claims side by side",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    await page.getByRole("link", { name: /Afghan resistance, summer 2021/ }).click();
    await page.getByRole("link", { name: "Compare sources" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${DEMO_PROJECT_ID}/compare`));

    const sources = page.getByTestId("compared-source");
    await expect(sources).toHaveCount(2);
    await expect(sources.nth(0)).toContainText("Unknown outlet");
    await expect(sources.nth(1)).toContainText("The Western Journal");

    const row = (title: string) => page.getByTestId("compared-event").filter({ hasText: title });
    // Only the first article reports the commando's death; only the second the retaking of the Baghlan districts.
    const azimi = row("Commando Sohrab Azimi");
    await expect(azimi.getByRole("cell").nth(1).getByTestId("omission")).toHaveCount(1);
    await expect(azimi.getByRole("cell").nth(0)).toContainText("Sohrab Azimi");
    const baghlan = row("Resistance retakes three Baghlan districts");
    await expect(baghlan.getByRole("cell").nth(0).getByTestId("omission")).toHaveCount(1);
    await expect(baghlan.getByRole("cell").nth(1)).toContainText("according to Newsweek");
    await expect(sources.nth(0).getByTestId("omission-count")).toContainText("leaves out 1");
    await expect(sources.nth(1).getByTestId("omission-count")).toContainText("leaves out 1");

    const chart = page.getByTestId("framing-chart");
    await expect(chart.getByRole("img", { name: /^Frames:/ })).toBeVisible();
    await expect(chart.getByRole("img", { name: /^Rhetoric:.*loaded language/ })).toBeVisible();
    await page.screenshot({ path: ".data/test-results/compare-table.png", fullPage: true });

    await page.getByRole("link", { name: "Read side by side" }).click();
    await expect(page.getByTestId("parallel-text")).toHaveCount(2);
    await clickQuote(page, 1, "swept across the country");
    await expect(page.getByTestId("side-by-side-status")).toHaveText(
      "Linked to: Taliban offensive across Afghanistan.",
    );
    await expect
      .poll(async () => (await paintedSpans(page, "plx-related")).map((span) => span.text))
      .toEqual([
        "the Taliban stepped up their attacks across the country",
        "the Pakistani-funded Taliban offensive",
        "losing fighters by the hundreds each day",
      ]);
    await expect(page.getByTestId("counterpart-summary")).toHaveText("3 claim(s) about the same event");

    // A claim whose event the other source leaves out says so.
    await clickQuote(page, 0, "Special Operations leader");
    await expect(page.getByTestId("counterpart-summary")).toHaveText("Omitted: nothing about this event");
    await page.screenshot({ path: ".data/test-results/compare-side-by-side.png" });
  },
);
