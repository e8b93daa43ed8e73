import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The two widths every page is checked at: a desktop and a phone (390 × 844). */
export const WIDE = { width: 1440, height: 900 };
export const NARROW = { width: 390, height: 844 };

/**
 * Runs axe-core on the page as it is now and expects no violation; the
 * report names each rule with the elements that break it, so a failure says
 * what to fix. `state` names the state checked in that report.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
  }));
  expect(report, `axe-core on ${state} at ${page.viewportSize()?.width} px`).toEqual([]);
}

/** Nothing wider than the window: the page never needs horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "the page's width").toBeLessThanOrEqual(innerWidth);
}
