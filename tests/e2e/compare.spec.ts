import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoClippedText, expectNoHorizontalScroll, NARROW, screenshotByScreens, WIDE } from "./layout";
import { api, DEMO_PROJECT_ID, paintedSpans, signIn } from "./support";

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
    await expect(page.getByTestId("counterpart-summary")).toHaveText("3 claims about the same event");

    // A claim whose event the other source leaves out says so.
    await clickQuote(page, 0, "Special Operations leader");
    await expect(page.getByTestId("counterpart-summary")).toHaveText("Omitted: nothing about this event");
    await page.screenshot({ path: ".data/test-results/compare-side-by-side.png" });
  },
);

/** The demo comparison (`view`: "read" for side by side) as its editor sees it in a window of `size`. */
async function openComparison(
  page: Page,
  size: { width: number; height: number },
  view: "table" | "read" = "table",
): Promise<void> {
  await page.setViewportSize(size);
  await signIn(page, "editor@example.org");
  await page.goto(`/projects/${DEMO_PROJECT_ID}/compare${view === "read" ? "?view=read" : ""}`);
}

test(
  "on a phone the comparison is a list of events, a section per source with its claims or its omission in words, the " +
    "chart stacked; nothing cut",
  async ({ page }) => {
    // axe-core over the whole comparison takes its time on two cores.
    test.slow();
    await openComparison(page, NARROW);
    await expect(page.getByTestId("comparison-table")).toBeHidden();
    const list = page.getByTestId("event-list");
    await expect(list).toBeVisible();
    await expect(list.getByTestId("listed-source")).toHaveText([
      /Unknown outlet.*leaves out 1 of \d+ events/,
      /The Western Journal.*leaves out 1 of \d+ events/,
    ]);

    const event = (title: string) => list.getByTestId("listed-event").filter({ hasText: title });
    const azimi = event("Commando Sohrab Azimi").getByTestId("listed-event-source");
    await expect(azimi.nth(0)).toContainText("Sohrab Azimi");
    await expect(azimi.nth(0)).toContainText("asserts");
    await expect(azimi.nth(0).getByRole("list", { name: "Tags" })).toContainText("unverified");
    await expect(azimi.nth(1).getByRole("heading")).toHaveText("The Western Journal");
    await expect(azimi.nth(1).getByTestId("omission")).toHaveText(
      "Omitted — The Western Journal does not report this event.",
    );
    const baghlan = event("Resistance retakes three Baghlan districts").getByTestId("listed-event-source");
    await expect(baghlan.nth(0).getByTestId("omission")).toBeVisible();
    await expect(baghlan.nth(1)).toContainText("according to Newsweek");

    // The chart's three parts one under the other, inside the screen.
    const figures = page.getByTestId("framing-chart").locator("figure");
    const boxes = await Promise.all([0, 1, 2].map(async (index) => (await figures.nth(index).boundingBox())!));
    expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height - 1);
    expect(boxes[2]!.y).toBeGreaterThan(boxes[1]!.y + boxes[1]!.height - 1);

    await expectNoHorizontalScroll(page);
    await expectNoClippedText(page.locator("main"));
    await expectNoAxeViolations(page, "the comparison");
    await screenshotByScreens(page, ".data/test-results/compare-390");
  },
);

test("on a desktop the comparison stays a table, and passes axe-core", async ({ page }) => {
  // axe-core over the whole comparison takes its time on two cores.
  test.slow();
  await openComparison(page, WIDE);
  await expect(page.getByTestId("comparison-table")).toBeVisible();
  await expect(page.getByTestId("event-list")).toBeHidden();
  await expect(page.getByTestId("compared-source")).toHaveCount(2);
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, "the comparison");
  await page.screenshot({ path: ".data/test-results/compare-1440.png", fullPage: true });
});

test(
  "side by side on a desktop: each column is a focusable scroll region whose claims are buttons, Up and Down move " +
    "between them, Enter points out the counterparts",
  async ({ page }) => {
    // Many steps, each state checked by axe-core.
    test.slow();
    await openComparison(page, WIDE, "read");
    await expect(page.getByRole("tablist")).toBeHidden();
    const journal = page.getByRole("region", { name: "Text of The Western Journal" });
    await expect(journal).toHaveAttribute("tabindex", "0");
    await expectNoAxeViolations(page, "side by side");

    // Tab from the first column's text into its claims, then to the second column.
    const unknown = page.getByRole("region", { name: "Text of Unknown outlet" });
    await unknown.focus();
    await page.keyboard.press("Tab");
    await expect(unknown.getByRole("button", { name: /^Claim 1: / })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(unknown.getByRole("button", { name: /^Claim 2: / })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(unknown.getByRole("button", { name: /^Claim 1: / })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(journal).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(journal.getByRole("button", { name: /^Claim 1: / })).toBeFocused();

    const swept = journal.getByRole("button", { name: /swept across the country/ });
    await swept.focus();
    await page.keyboard.press("Enter");
    await expect(swept).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("side-by-side-status")).toHaveText(
      "Linked to: Taliban offensive across Afghanistan.",
    );
    await expect(page.getByTestId("counterpart-summary")).toHaveText("3 claims about the same event");
    await expect(unknown.getByRole("button", { name: /about the same event/ })).toHaveCount(3);
    await expectNoAxeViolations(page, "side by side, a claim selected");
    await page.screenshot({ path: ".data/test-results/side-by-side-1440.png" });
    // Pressed again, the claim lets go.
    await page.keyboard.press("Space");
    await expect(swept).toHaveAttribute("aria-pressed", "false");
    await expect(page.getByTestId("counterpart-summary")).toHaveCount(0);
  },
);

test(
  "side by side on a phone: one tab per source (arrow keys between tabs), a claim selected in one tab shows its " +
    "counterparts in the other",
  async ({ page }) => {
    // Many steps, each state checked by axe-core.
    test.slow();
    await openComparison(page, NARROW, "read");
    const tabs = page.getByRole("tablist", { name: "Sources" }).getByRole("tab");
    await expect(tabs).toHaveText(["Unknown outlet", "The Western Journal"]);
    await expect(tabs.nth(0)).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel", { name: "Unknown outlet" })).toBeVisible();
    await expect(page.getByRole("tabpanel", { name: "The Western Journal" })).toBeHidden();
    await expectNoHorizontalScroll(page);
    await expectNoClippedText(page.locator("main"));
    await expectNoAxeViolations(page, "side by side");

    await tabs.nth(0).focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
    const journal = page.getByRole("tabpanel", { name: "The Western Journal" });
    await expect(journal).toBeVisible();
    await expect(page.getByRole("tabpanel", { name: "Unknown outlet" })).toBeHidden();
    await expectNoAxeViolations(page, "side by side, the second tab");
    await page.keyboard.press("ArrowRight");
    await expect(tabs.nth(0)).toBeFocused();
    await page.keyboard.press("End");
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");

    // Into the panel's text by Tab, then along its claims by arrow.
    await page.keyboard.press("Tab");
    await expect(journal.getByRole("region", { name: "Text of The Western Journal" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(journal.getByRole("button", { name: /^Claim 1: / })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(journal.getByRole("button", { name: /^Claim 2: / })).toBeFocused();

    const swept = journal.getByRole("button", { name: /swept across the country/ });
    await swept.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("side-by-side-status")).toHaveText(
      "Linked to: Taliban offensive across Afghanistan.",
    );
    await expect(tabs.nth(0)).toContainText("3 claims about the same event");
    await expectNoAxeViolations(page, "side by side, a claim selected");
    await page.screenshot({ path: ".data/test-results/side-by-side-390-selected.png" });

    await page.getByRole("button", { name: "Show in Unknown outlet (3)" }).click();
    await expect(tabs.nth(0)).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("button", { name: /^Show in / })).toHaveCount(0);
    const unknown = page.getByRole("tabpanel", { name: /Unknown outlet/ });
    await expect(unknown.getByRole("button", { name: /about the same event/ }).first()).toBeFocused();
    await expect(unknown.getByTestId("counterpart-summary")).toHaveText("3 claims about the same event");
    await expect
      .poll(async () => (await paintedSpans(page, "plx-related")).map((span) => span.text))
      .toEqual([
        "the Taliban stepped up their attacks across the country",
        "the Pakistani-funded Taliban offensive",
        "losing fighters by the hundreds each day",
      ]);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, "side by side, the counterparts' tab");
    await page.screenshot({ path: ".data/test-results/side-by-side-390-counterparts.png" });
  },
);

test("figures outlets give differently for one event are pointed out on the comparison and the event's page", async ({
  page,
}) => {
  test.slow();
  await page.setViewportSize(WIDE);
  await signIn(page, "editor@example.org");
  const stamp = Date.now();
  const reports = [
    {
      outlet: `NECN ${stamp}`,
      text: "Officials say 65 people are confirmed dead.",
      quote: "65 people are confirmed dead",
    },
    { outlet: `KUNC ${stamp}`, text: "The earthquake killed 75 people, rescuers said.", quote: "killed 75 people" },
  ];
  const event = await api(page, "POST", `/api/v1/projects/${DEMO_PROJECT_ID}/events`, {
    data: { title: `Earthquake ${stamp}` },
  });
  const { id: eventId } = (await event.json()) as { id: string };
  const articleIds: string[] = [];
  for (const { outlet, text, quote } of reports) {
    const article = await api(page, "POST", `/api/v1/projects/${DEMO_PROJECT_ID}/articles`, {
      data: { title: `${outlet} on the earthquake`, text, sourceName: outlet },
    });
    const { id: articleId } = (await article.json()) as { id: string };
    articleIds.push(articleId);
    const start = text.indexOf(quote);
    const annotation = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
      data: { start, end: start + quote.length, exact: quote, tags: ["statistic"] },
    });
    const { id: annotationId } = (await annotation.json()) as { id: string };
    const link = await api(page, "POST", `/api/v1/events/${eventId}/links`, {
      data: { annotationId, stance: "ASSERTS" },
    });
    expect(link.status()).toBe(201);
  }
  const summary = `NECN ${stamp}: 65 dead · KUNC ${stamp}: 75 dead`;

  await page.goto(`/projects/${DEMO_PROJECT_ID}/compare?articles=${articleIds.join(",")}`);
  const row = page.getByTestId("compared-event").filter({ hasText: `Earthquake ${stamp}` });
  await expect(row.getByRole("list", { name: "Figures that disagree" })).toHaveText(`Figures disagree: ${summary}`);
  await expectNoAxeViolations(page, "the comparison with figures that disagree");

  await page.setViewportSize(NARROW);
  const listed = page.getByTestId("listed-event").filter({ hasText: `Earthquake ${stamp}` });
  await expect(listed.getByRole("list", { name: "Figures that disagree" })).toHaveText(`Figures disagree: ${summary}`);
  await expectNoHorizontalScroll(page);
  await listed.screenshot({ path: ".data/test-results/figures-disagree-390.png" });

  await page.goto(`/events/${eventId}`);
  await expect(page.getByRole("list", { name: "Figures that disagree" })).toHaveText(`Figures disagree: ${summary}`);
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, "an event whose figures disagree");
  await page.screenshot({ path: ".data/test-results/figures-disagree-event-390.png" });
});
