import { expect, type Locator, type Page } from "@playwright/test";

/** The two widths every page is checked at: a desktop and a phone (390 × 844). */
export const WIDE = { width: 1440, height: 900 };
export const NARROW = { width: 390, height: 844 };

/** Nothing wider than the window: the page never needs horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "the page's width").toBeLessThanOrEqual(innerWidth);
}

/**
 * No text inside `root` is cut: no visible element holding text reaches past
 * the window's right edge, is wider or taller than the box that clips it
 * (overflow other than visible, an ellipsis, a line clamp). A failure lists
 * each cut element with the start of its text.
 */
export async function expectNoClippedText(root: Locator): Promise<void> {
  const clipped = await root.evaluate((container) => {
    const found: string[] = [];
    for (const element of [container, ...container.querySelectorAll<HTMLElement>("*")]) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const ownText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== "",
      );
      if (!ownText) continue;
      const style = getComputedStyle(element);
      const label = `<${element.tagName.toLowerCase()}> "${element.textContent!.trim().slice(0, 60)}"`;
      if (box.right > window.innerWidth + 0.5 || box.left < -0.5)
        found.push(`${label} reaches past the window (${box.left}–${box.right})`);
      const clipsX = style.overflowX !== "visible" || style.textOverflow === "ellipsis";
      const clipsY = style.overflowY !== "visible" || style.webkitLineClamp !== "none";
      if (clipsX && element.scrollWidth > element.clientWidth + 1)
        found.push(`${label} is cut at its right (${element.scrollWidth} > ${element.clientWidth})`);
      if (clipsY && element.scrollHeight > element.clientHeight + 1)
        found.push(`${label} is cut at its bottom (${element.scrollHeight} > ${element.clientHeight})`);
    }
    return found;
  });
  expect(clipped, "text cut off").toEqual([]);
}

/** A full-page screenshot cut into window-high parts (`name-1.png`, `name-2.png`…), each small enough to look at. */
export async function screenshotByScreens(page: Page, name: string, parts = 6): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const pageHeight = await page.evaluate(() => document.scrollingElement!.scrollHeight);
  for (let part = 0; part < parts && part * height < pageHeight; part++) {
    const top = part * height;
    await page.screenshot({
      path: `${name}-${part + 1}.png`,
      fullPage: true,
      clip: { x: 0, y: top, width, height: Math.min(height, pageHeight - top) },
    });
  }
}
