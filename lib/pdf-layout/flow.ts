import type { LineBox } from "./paragraph";

/** A column of a block: lines stacked from the top, `x` from the left edge of the text area. */
export interface Column {
  x: number;
  lines: LineBox[];
  /**
   * Shown at the top of the column on each further page the block runs on to, once its own lines are all placed (a
   * row's label).
   */
  continued?: LineBox[];
}

export interface PlacedLine {
  line: LineBox;
  x: number;
  y: number;
}

export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PlaceOptions {
  /** Start on a new page rather than split, if the block is no taller than this. */
  keepTogether?: number;
  /** Start on a new page unless this much room is left below the block (a heading with the start of what it heads). */
  keepWithNext?: number;
}

const isSpace = (line: LineBox) => line.runs.length === 0 && line.boxes.length === 0;
const heightOf = (lines: LineBox[]) => lines.reduce((sum, line) => sum + line.height, 0);

/**
 * Flows blocks of lines onto pages, top to bottom, breaking between lines:
 * a block of several columns (a table row) is split line by line in each
 * column. Space at the top of a page is dropped. Pages are kept as placed
 * lines, to be drawn once their number is known.
 */
export class Flow {
  readonly pages: PlacedLine[][] = [];
  /** Repeated at the top of each new page (the heading of what continues there), or null. */
  continuation: Column[] | null = null;
  private y = 0;
  /** Nothing but the continuation is on the current page yet. */
  private atTop = true;

  constructor(readonly page: PageGeometry) {}

  get textWidth(): number {
    return this.page.width - this.page.left - this.page.right;
  }

  private get room(): number {
    return this.page.height - this.page.bottom - this.y;
  }

  newPage(): void {
    this.pages.push([]);
    this.y = this.page.top;
    if (this.continuation)
      this.put(
        this.continuation.map((column) => ({ ...column, lines: column.lines.filter((line) => !isSpace(line)) })),
      );
    this.atTop = true;
  }

  /** Places lines that are known to fit. */
  private put(columns: Column[]): void {
    let height = 0;
    for (const column of columns) {
      let y = this.y;
      for (const line of column.lines) {
        this.pages.at(-1)!.push({ line, x: this.page.left + column.x, y });
        y += line.height;
      }
      height = Math.max(height, y - this.y);
    }
    this.y += height;
  }

  place(columns: Column[], options: PlaceOptions = {}): void {
    if (this.pages.length === 0) this.newPage();
    const height = Math.max(...columns.map((column) => heightOf(column.lines)));
    if (!this.atTop && height > this.room) {
      if (height <= (options.keepTogether ?? 0)) this.newPage();
    }
    if (!this.atTop && options.keepWithNext && height + options.keepWithNext > this.room) this.newPage();
    const next = columns.map(() => 0);
    for (let continuing = false; ; continuing = true) {
      const slice = columns.map((column, index) => {
        if (continuing && column.continued && next[index] === column.lines.length)
          return { x: column.x, lines: column.continued };
        let from = next[index]!;
        if (this.atTop) while (from < column.lines.length && isSpace(column.lines[from]!)) from++;
        let to = from;
        let used = 0;
        while (
          to < column.lines.length &&
          (used + column.lines[to]!.height <= this.room || (this.atTop && to === from))
        )
          used += column.lines[to++]!.height;
        next[index] = to;
        return { x: column.x, lines: column.lines.slice(from, to) };
      });
      if (slice.some((column) => column.lines.some((line) => !isSpace(line)))) this.atTop = false;
      this.put(slice);
      if (columns.every((column, index) => next[index] === column.lines.length)) return;
      this.newPage();
    }
  }
}
