import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "parallax-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

/** Creates an account through the sign-up page (which signs it in). */
export async function signUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

export const DEMO_PROJECT_ID = "019ab000-0000-7000-8000-000000000001";
export const SEED_ARTICLE_ID = "019ab000-0000-7000-8000-000000000100";

/** A same-origin API call as the signed-in user of `page` (the session cookie, and the Origin header browsers send). */
export async function api(
  page: Page,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  options: { data?: unknown; version?: number } = {},
) {
  const origin = new URL(page.url()).origin;
  const headers: Record<string, string> = { origin };
  if (options.version !== undefined) headers["if-match"] = `"${options.version}"`;
  return page.request.fetch(path, { method, data: options.data, headers });
}

/**
 * Brings the signed-in user of `invitee` into the project as people join: invited by the editor of `editor`,
 * accepted by them.
 */
export async function joinProject(
  editor: Page,
  invitee: Page,
  projectId: string,
  email: string,
  role: "EDITOR" | "REVIEWER" | "VIEWER",
): Promise<void> {
  const invited = await api(editor, "POST", `/api/v1/projects/${projectId}/invitations`, { data: { email, role } });
  expect(invited.status()).toBe(201);
  const { id } = (await invited.json()) as { id: string };
  expect((await api(invitee, "POST", `/api/v1/invitations/${id}/accept`)).status()).toBe(200);
}

/** Imports an article into the demo project (the page must be signed in as an editor); returns its id. */
export async function importArticle(page: Page, title: string, text: string): Promise<string> {
  const response = await api(page, "POST", `/api/v1/projects/${DEMO_PROJECT_ID}/articles`, { data: { title, text } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export interface StoredAnnotation {
  id: string;
  start: number;
  end: number;
  exact: string;
  note: string | null;
  version: number;
  anchor: string;
  tags: { name: string }[];
  status: string;
  createdAt: string;
}

export async function storedAnnotations(page: Page, articleId: string): Promise<StoredAnnotation[]> {
  const response = await api(page, "GET", `/api/v1/articles/${articleId}/annotations?limit=100`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: StoredAnnotation[] }).items;
}

/** The on-screen box of the character (a whole code point) at text offset `offset` of the article. */
async function characterBox(
  page: Page,
  offset: number,
): Promise<{ left: number; right: number; top: number; height: number }> {
  return page.evaluate((at) => {
    const root = document.querySelector("[data-article-text]")!;
    const paragraph = [...root.querySelectorAll<HTMLElement>("p[data-start]")]
      .filter((p) => Number(p.dataset.start) <= at)
      .at(-1)!;
    let remaining = at - Number(paragraph.dataset.start);
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (remaining < node.data.length) {
        const range = document.createRange();
        range.setStart(node, remaining);
        range.setEnd(node, remaining + (node.data.codePointAt(remaining)! > 0xffff ? 2 : 1));
        const { left, right, top, height } = range.getBoundingClientRect();
        return { left, right, top, height };
      }
      remaining -= node.data.length;
    }
    throw new Error(`no character at ${at}`);
  }, offset);
}

/**
 * Scrolls the character at `offset` to `height` of the window (a fraction: the upper third by default), where the
 * mouse can reach it.
 */
async function scrollToCharacter(page: Page, offset: number, height = 1 / 3): Promise<void> {
  const { top } = await characterBox(page, offset);
  await page.evaluate(
    (by) => window.scrollBy({ top: by, behavior: "instant" }),
    top - page.viewportSize()!.height * height,
  );
}

/**
 * Drags the mouse over the article text from offset `start` to `end`
 * (UTF-16 code units; may cross paragraphs): from the left edge of the first
 * character to the right edge of the last one, as a reader would;
 * `whileHeld` runs with the button down, before the mouse moves on;
 * `screenHeight` is where on the window the passage starts (a fraction).
 */
export async function dragSelect(
  page: Page,
  start: number,
  end: number,
  whileHeld?: () => Promise<void>,
  options: { screenHeight?: number } = {},
): Promise<void> {
  await scrollToCharacter(page, start, options.screenHeight);
  const first = await characterBox(page, start);
  const last = await characterBox(page, end - 1);
  await page.mouse.move(first.left + 1, first.top + first.height / 2);
  await page.mouse.down();
  await whileHeld?.();
  await page.mouse.move(last.right - 1, last.top + last.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Clicks the middle of the character at `offset`. */
export async function clickCharacter(page: Page, offset: number): Promise<void> {
  await scrollToCharacter(page, offset);
  const box = await characterBox(page, offset);
  await page.mouse.click((box.left + box.right) / 2, box.top + box.height / 2);
}

/**
 * The spans painted with the CSS Custom Highlight API (registered in
 * CSS.highlights under a name with a `::highlight()` style rule), as text
 * offsets counted here (paragraph start + text before the range in its
 * paragraph), independently of the app's own mapping.
 */
export async function paintedSpans(
  page: Page,
  prefix = "plx-c-",
): Promise<{ start: number; end: number; text: string }[]> {
  return page.evaluate((namePrefix) => {
    const offsetOf = (node: Node, offset: number) => {
      const paragraph = (node instanceof Element ? node : node.parentElement)!.closest<HTMLElement>("p[data-start]")!;
      const before = document.createRange();
      before.setStart(paragraph, 0);
      before.setEnd(node, offset);
      return Number(paragraph.dataset.start) + before.toString().length;
    };
    const styled = new Set<string>();
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        const match = rule instanceof CSSStyleRule && /^::highlight\(([\w-]+)\)$/.exec(rule.selectorText);
        if (match) styled.add(match[1]!);
      }
    }
    const spans: { start: number; end: number; text: string }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith(namePrefix) || !styled.has(name)) continue;
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        // The app registers StaticRanges, which have no text of their own: read it through a live Range.
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        spans.push({
          start: offsetOf(range.startContainer, range.startOffset),
          end: offsetOf(range.endContainer, range.endOffset),
          text: live.toString(),
        });
      }
    }
    return spans.sort((a, b) => a.start - b.start || a.end - b.end);
  }, prefix);
}
