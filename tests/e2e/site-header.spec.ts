import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { signIn } from "./support";

test(
  "on a phone the header's links sit behind a Menu button that opens by keyboard, closes on Escape and returns " +
    "focus",
  async ({ page }) => {
    await page.setViewportSize(NARROW);
    await signIn(page, "editor@example.org");
    const header = page.getByRole("banner");
    const menu = header.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(header.getByRole("link", { name: /Demo Editor/ })).toBeHidden();
    await expect(header.getByRole("button", { name: "Sign out" })).toBeHidden();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, "the header, menu closed");

    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const panel = page.locator(`#${await menu.getAttribute("aria-controls")}`);
    await expect(panel.getByRole("link", { name: "Projects" })).toBeVisible();
    await expect(panel.getByRole("link", { name: "Account: Demo Editor" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page, "the header, menu open");
    await page.screenshot({ path: ".data/test-results/header-menu-390.png" });

    // Into the menu by Tab, out of it by Escape: focus goes back to the button.
    await page.keyboard.press("Tab");
    await expect(panel.getByRole("link", { name: "Projects" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(panel.getByRole("link", { name: "Projects" })).toBeHidden();

    // The account page, by keyboard alone.
    await page.keyboard.press("Space");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    // Projects, My work, then the account.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(panel.getByRole("link", { name: "My work" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(panel.getByRole("link", { name: "Account: Demo Editor" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  },
);

test("on a desktop the header shows its links in one row, with no Menu button", async ({ page }) => {
  await page.setViewportSize(WIDE);
  await signIn(page, "editor@example.org");
  const header = page.getByRole("banner");
  await expect(header.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(header.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Demo Editor" })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  const [projects, account] = await Promise.all([
    header.getByRole("link", { name: "Projects" }).boundingBox(),
    header.getByRole("link", { name: "Demo Editor" }).boundingBox(),
  ]);
  expect(Math.abs(projects!.y - account!.y)).toBeLessThan(4);
  await expectNoAxeViolations(page, "the header");
  await page.screenshot({ path: ".data/test-results/header-1440.png" });
});

test("a page with links in view fetches no other page before one is followed, and a followed link still opens", async ({
  page,
}) => {
  await page.setViewportSize(WIDE);
  await signIn(page, "editor@example.org");
  // Next.js asks for a page's server components with ?_rsc=…: a prefetch, or a navigation once a link is followed.
  const pagesFetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("_rsc=")) pagesFetched.push(new URL(request.url()).pathname);
  });
  await page.goto("/projects");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "My work" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link").first()).toBeVisible();
  // The header's links and every project's link are in view: wait as long as a prefetch would take to start.
  await page.waitForTimeout(2_000);
  expect(pagesFetched).toEqual([]);
  await header.getByRole("link", { name: "My work" }).click();
  await expect(page).toHaveURL(/\/work$/);
  expect(pagesFetched).toContain("/work");
});
