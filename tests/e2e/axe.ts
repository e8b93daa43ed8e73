import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe-core on the page as it is now and expects no violation; the
 * report names each rule with the elements that break it, so a failure says
 * what to fix. `state` names the state checked in that report.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  // A refresh right after an action (router.refresh) streams the page's metadata again: checked mid-way, the document
  // has no <title> for a moment. The page as it settles is what is checked; one with no title still fails here.
  await expect(page, `the document's title, ${state}`).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
  }));
  expect(report, `axe-core on ${state} at ${page.viewportSize()?.width} px`).toEqual([]);
}
