/**
 * The reader's "parallax:paint" measure: from the moment spans are handed to
 * the painter (`markPaintStart`) to the end of the next frame, which shows
 * them. npm run bench reads it, and its end, counted from the navigation's start.
 */
const PAINT_START = "parallax:paint-start";

export function markPaintStart(): void {
  performance.mark(PAINT_START);
}

/**
 * Measures from the last paint start to the end of the next frame, then calls `onPainted`. Returns a cancel
 * function.
 */
export function measurePaint(onPainted: () => void): () => void {
  let timer: number | undefined;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(() => {
      performance.measure("parallax:paint", PAINT_START);
      onPainted();
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
}
