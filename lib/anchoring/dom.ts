/**
 * DOM positions ↔ text offsets, for an article text rendered as one
 * `<p data-start="…">` per line (see components/articles/article-text.tsx).
 * A paragraph's text nodes hold its line verbatim, possibly split across
 * wrapper elements (the fallback highlighter's `<mark>`s); anything marked
 * `data-parallax-ui` is not article text and is skipped.
 */

const PARAGRAPH = "p[data-start]";
const UI = "[data-parallax-ui]";

function paragraphStart(paragraph: Element): number {
  return Number(paragraph.getAttribute("data-start"));
}

function paragraphsOf(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(PARAGRAPH));
}

/** The article-text nodes of a paragraph, in document order. */
function textNodesOf(paragraph: Element): Text[] {
  const nodes: Text[] = [];
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(UI) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** Code units of article text in `paragraph` before the DOM position (`node`, `offset`) inside it. */
function offsetInParagraph(paragraph: Element, node: Node, offset: number): number {
  const position = paragraph.ownerDocument.createRange();
  position.setStart(node, offset);
  let count = 0;
  for (const text of textNodesOf(paragraph)) {
    if (text === node) return count + offset;
    // A text node ending at or before the position counts in full; the first one after it ends the count.
    if (position.comparePoint(text, text.data.length) > 0) break;
    count += text.data.length;
  }
  return count;
}

/**
 * The text offset of a DOM position (a selection's anchor or focus, a Range
 * end) inside `root`, or null when the position is outside the article text.
 * Positions between paragraphs (the line breaks) map to the start of the
 * following paragraph.
 */
export function textOffsetOf(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const element = node instanceof Element ? node : node.parentElement;
  const paragraph = element?.closest(PARAGRAPH);
  if (paragraph && root.contains(paragraph)) {
    return paragraphStart(paragraph) + offsetInParagraph(paragraph, node, offset);
  }
  // A position in the container itself, between paragraphs: the next paragraph's start, or the end of the text.
  const position = root.ownerDocument.createRange();
  position.setStart(node, offset);
  for (const candidate of paragraphsOf(root)) {
    if (position.comparePoint(candidate, 0) >= 0) return paragraphStart(candidate);
  }
  return textLengthOf(root);
}

/** The length of the rendered text: the last paragraph's start plus its length. */
export function textLengthOf(root: Element): number {
  const paragraphs = paragraphsOf(root);
  const last = paragraphs.at(-1);
  if (!last) return 0;
  return paragraphStart(last) + textNodesOf(last).reduce((sum, text) => sum + text.data.length, 0);
}

/** The paragraph holding `offset`: the last one starting at or before it (binary search by `data-start`). */
function paragraphAt(paragraphs: HTMLElement[], offset: number): HTMLElement | undefined {
  let low = 0;
  let high = paragraphs.length - 1;
  let found: HTMLElement | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (paragraphStart(paragraphs[middle]!) <= offset) {
      found = paragraphs[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The DOM position of a text offset. */
function domPositionOf(paragraphs: HTMLElement[], offset: number): { node: Node; offset: number } | null {
  const paragraph = paragraphAt(paragraphs, offset);
  if (!paragraph) return null;
  let remaining = offset - paragraphStart(paragraph);
  const texts = textNodesOf(paragraph);
  for (const text of texts) {
    if (remaining <= text.data.length) return { node: text, offset: remaining };
    remaining -= text.data.length;
  }
  // Past the end of the line (the line break itself): the end of the paragraph.
  const last = texts.at(-1);
  return last ? { node: last, offset: last.data.length } : { node: paragraph, offset: 0 };
}

/**
 * A DOM Range over the text span [start, end) of the article rendered in
 * `root`, or null when the offsets are outside it. The inverse of
 * `textOffsetOf` for both ends.
 */
export function rangeForSpan(root: Element, start: number, end: number): Range | null {
  return spanRanger(root)(start, end);
}

/** `rangeForSpan` for many spans, finding the paragraphs once (painting thousands of highlights). */
export function spanRanger(root: Element): (start: number, end: number) => Range | null {
  const paragraphs = paragraphsOf(root);
  return (start, end) => {
    const from = domPositionOf(paragraphs, start);
    const to = domPositionOf(paragraphs, end);
    if (!from || !to) return null;
    const range = root.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  };
}
