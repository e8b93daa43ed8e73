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

/** The DOM ends of a text span: a StaticRange's init, from which a live Range is made when one is needed. */
export interface DomSpan {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

/**
 * Maps text spans of the article rendered in `root` to DOM positions, many at
 * a time: the paragraphs, their starts and their text nodes are read once
 * (painting thousands of highlights), then each end is a binary search by
 * paragraph start and a walk over that paragraph's few text nodes.
 */
export function spanLocator(root: Element): (start: number, end: number) => DomSpan | null {
  const paragraphs = paragraphsOf(root);
  const starts = paragraphs.map(paragraphStart);
  const texts = new Map<HTMLElement, Text[]>();
  const positionOf = (offset: number): { node: Node; offset: number } | null => {
    // The paragraph holding `offset`: the last one starting at or before it.
    let low = 0;
    let high = paragraphs.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0) return null;
    const paragraph = paragraphs[found]!;
    let nodes = texts.get(paragraph);
    if (!nodes) {
      nodes = textNodesOf(paragraph);
      texts.set(paragraph, nodes);
    }
    let remaining = offset - starts[found]!;
    for (const text of nodes) {
      if (remaining <= text.data.length) return { node: text, offset: remaining };
      remaining -= text.data.length;
    }
    // Past the end of the line (the line break itself): the end of the paragraph.
    const last = nodes.at(-1);
    return last ? { node: last, offset: last.data.length } : { node: paragraph, offset: 0 };
  };
  return (start, end) => {
    const from = positionOf(start);
    const to = positionOf(end);
    return from && to
      ? { startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset }
      : null;
  };
}

/**
 * A DOM Range over the text span [start, end) of the article rendered in
 * `root`, or null when the offsets are outside it. The inverse of
 * `textOffsetOf` for both ends.
 */
export function rangeForSpan(root: Element, start: number, end: number): Range | null {
  const span = spanLocator(root)(start, end);
  if (!span) return null;
  const range = root.ownerDocument.createRange();
  range.setStart(span.startContainer, span.startOffset);
  range.setEnd(span.endContainer, span.endOffset);
  return range;
}
