import { expect, test } from "@playwright/test";
import { build } from "esbuild";

/**
 * lib/anchoring/dom.ts in a real Chromium: every DOM position inside a
 * rendered article (paragraphs, blank lines, fallback <mark>s, a UI element
 * to skip, emoji, RTL text) maps to the text offset counted independently,
 * and rangeForSpan is its inverse for every offset.
 */
const LINES = [
  "💩This is an annotation.",
  "",
  "👨‍👩‍👧‍👦 family 🇮🇷 flag",
  "آسواکا خبرگزاری and e\u0301 combining",
  "🤔🤔🤔🤔 last",
];
const TEXT = LINES.join("\n");

async function moduleSource(): Promise<string> {
  const bundle = await build({
    entryPoints: ["lib/anchoring/dom.ts"],
    bundle: true,
    format: "iife",
    globalName: "anchoringDom",
    write: false,
  });
  return bundle.outputFiles[0]!.text;
}

/** The article as ArticleText renders it, with the fallback's marks cutting lines 0 and 2 and a UI badge in line 3. */
function articleHtml(): string {
  const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  let start = 0;
  const paragraphs = LINES.map((line, index) => {
    const lineStart = start;
    start += line.length + 1;
    if (line === "") return `<p data-start="${lineStart}"></p>`;
    if (index === 0)
      return (
        `<p data-start="${lineStart}">${escapeHtml(line.slice(0, 2))}` +
        `<mark>${escapeHtml(line.slice(2, 6))}</mark>${escapeHtml(line.slice(6))}</p>`
      );
    if (index === 2)
      return (
        `<p data-start="${lineStart}"><mark><mark>${escapeHtml(line.slice(0, 11))}</mark>` +
        `${escapeHtml(line.slice(11, 18))}</mark>${escapeHtml(line.slice(18))}</p>`
      );
    if (index === 3)
      return (
        `<p data-start="${lineStart}">${escapeHtml(line.slice(0, 6))}<span ` +
        `data-parallax-ui>[note]</span>${escapeHtml(line.slice(6))}</p>`
      );
    return `<p data-start="${lineStart}">${escapeHtml(line)}</p>`;
  });
  return `<div id="root">${paragraphs.join("")}</div>`;
}

test("DOM positions and text offsets map both ways across paragraphs, marks and UI elements", async ({ page }) => {
  await page.setContent(`<!doctype html><meta charset="utf-8"><body>${articleHtml()}</body>`);
  await page.addScriptTag({ content: await moduleSource() });

  const result = await page.evaluate((text) => {
    const { textOffsetOf, rangeForSpan, textLengthOf } = (
      window as unknown as { anchoringDom: typeof import("../../lib/anchoring/dom") }
    ).anchoringDom;
    const root = document.getElementById("root")!;
    const mismatches: string[] = [];
    // Every position in every article text node: the offset is the paragraph start plus the text before it in that
    // paragraph.
    for (const paragraph of root.querySelectorAll<HTMLElement>("p[data-start]")) {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let before = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (node.parentElement!.closest("[data-parallax-ui]")) continue;
        for (let offset = 0; offset <= node.data.length; offset++) {
          const expected = Number(paragraph.dataset.start) + before + offset;
          const actual = textOffsetOf(root, node, offset);
          if (actual !== expected) mismatches.push(`text node "${node.data}"@${offset}: ${actual} != ${expected}`);
        }
        before += node.data.length;
      }
      // Element positions: before each child of the paragraph.
      let childBefore = 0;
      paragraph.childNodes.forEach((child, index) => {
        const expected = Number(paragraph.dataset.start) + childBefore;
        const actual = textOffsetOf(root, paragraph, index);
        if (actual !== expected) mismatches.push(`paragraph child ${index}: ${actual} != ${expected}`);
        if (!(child instanceof Element && child.matches("[data-parallax-ui]")))
          childBefore += child.textContent!.length;
      });
    }
    // Positions between paragraphs map to the next paragraph's start.
    root.childNodes.forEach((child, index) => {
      const actual = textOffsetOf(root, root, index);
      const expected = Number((child as HTMLElement).dataset.start);
      if (actual !== expected) mismatches.push(`root child ${index}: ${actual} != ${expected}`);
    });
    if (textOffsetOf(root, root, root.childNodes.length) !== text.length) mismatches.push("end of root");
    if (textOffsetOf(root, document.body, 0) !== null) mismatches.push("outside the root is not null");
    // rangeForSpan is the inverse, and covers exactly the text of the span.
    for (let start = 0; start <= text.length; start++) {
      const caret = rangeForSpan(root, start, start)!;
      const back = textOffsetOf(root, caret.startContainer, caret.startOffset);
      if (back !== start) mismatches.push(`rangeForSpan(${start}) maps back to ${back}`);
      for (let end = start + 1; end <= text.length; end++) {
        const range = rangeForSpan(root, start, end)!;
        const shown = range.toString().replace(/\[note\]/g, "");
        const expected = text.slice(start, end).replace(/\n/g, "");
        if (shown !== expected) mismatches.push(`rangeForSpan(${start}, ${end}) = "${shown}" != "${expected}"`);
      }
    }
    return { mismatches: mismatches.slice(0, 20), length: textLengthOf(root) };
  }, TEXT);

  expect(result.mismatches).toEqual([]);
  expect(result.length).toBe(TEXT.length);
});
