import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe-core on the page as it settles and expects no violation; the
 * report names each rule with the elements that break it, so a failure says
 * what to fix. `state` names the state checked in that report.
 *
 * A live refresh (router.refresh after a colleague's change, or one's own)
 * streams the page's metadata again, and a check that runs while one is under
 * way can find the document without its <title> for a moment. The check is
 * therefore repeated for a few seconds until it passes: a violation that
 * stays still fails, with its report.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  await expect(async () => {
    await expect(page, `the document's title, ${state}`).toHaveTitle(/\S/, { timeout: 1_000 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const report = violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
    }));
    expect(report, `axe-core on ${state} at ${page.viewportSize()?.width} px`).toEqual([]);
  }).toPass({ timeout: 10_000 });
}
