import PDFDocument from "pdfkit";
import type { PageGeometry, PlacedLine } from "./flow";
import { registerFonts } from "./fonts";
import type { Measure, TextRun } from "./paragraph";

export interface DocumentInfo {
  title: string;
  author: string;
  language: string;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
// fontkit's layout(text, script) takes a script name where the features go: it sets the direction of shaping.
const SHAPE_LEFT_TO_RIGHT = "latn" as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/**
 * A right-to-left run as words (each with the spaces after it) in display
 * order, right to left. fontkit reverses a word in a right-to-left script
 * itself; others (punctuation) are reversed here. Word by word, not the whole
 * run at once, because pdfkit keeps each word's shaping for the next time.
 */
function rightToLeftWords(run: string): string[] {
  const words = run.match(/\S+\s*|\s+/g) ?? [];
  return words.reverse().map((word) => (RIGHT_TO_LEFT_LETTER.test(word) ? word : [...word].reverse().join("")));
}

/** Sets the document's font, size and colour only when they change: most runs are set like the one before. */
class Pen {
  private font = "";
  private size = 0;
  private color = "";

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  take(font: string, size: number): PDFKit.PDFDocument {
    if (font !== this.font || size !== this.size) this.doc.font(font).fontSize(size);
    this.font = font;
    this.size = size;
    return this.doc;
  }

  fill(color: string): PDFKit.PDFDocument {
    if (color !== this.color) this.doc.fillColor(color);
    this.color = color;
    return this.doc;
  }

  /** A new page starts with the default colour. */
  newPage(): void {
    this.color = "";
  }
}

/**
 * A PDF document (pdfkit) with the faces registered: measures text as it
 * will draw it, then draws laid-out pages, writing each out as soon as it is
 * done.
 */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly pen: Pen;

  constructor(info: DocumentInfo) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: false,
      compress: true,
      lang: info.language,
      info: { Title: info.title, Author: info.author, Creator: info.author },
    });
    registerFonts(this.doc);
    this.pen = new Pen(this.doc);
  }

  /** Advance widths as the document will draw them (pdfkit keeps each word's shaping). */
  readonly measure: Measure = (text, font, size) => this.pen.take(font, size).widthOfString(text);

  private drawRun(run: TextRun, x: number, baseline: number): void {
    const doc = this.pen.take(run.font, run.size);
    this.pen.fill(run.color);
    if (run.actualText !== null) doc.markContent("Span", { actual: run.actualText });
    if (run.rightToLeft) {
      let left = x + run.x;
      for (const word of rightToLeftWords(run.text)) {
        doc.text(word, left, baseline, { lineBreak: false, baseline: "alphabetic" });
        left += doc.widthOfString(word);
      }
    } else {
      // Persian digits read left to right, but fontkit would shape them as Arabic script: right to left.
      const features = ARABIC_SCRIPT.test(run.text) ? SHAPE_LEFT_TO_RIGHT : undefined;
      doc.text(run.text, x + run.x, baseline, { lineBreak: false, baseline: "alphabetic", features });
    }
    if (run.actualText !== null) doc.endMarkedContent();
  }

  private drawLines(lines: PlacedLine[]): void {
    for (const { line, x, y } of lines) {
      for (const box of line.boxes)
        this.pen
          .fill(box.color)
          .rect(x + box.x, y + box.y, box.width, box.height)
          .fill();
      for (const run of line.runs) this.drawRun(run, x, y + line.baseline);
    }
  }

  /**
   * Draws the pages one by one, each with its footer (which knows the page
   * count), and hands over the bytes of the PDF page by page. A page's lines
   * are let go once drawn.
   */
  async *writePages(
    geometry: PageGeometry,
    pages: (PlacedLine[] | null)[],
    footer: (pageNumber: number, pageCount: number) => PlacedLine[],
  ): AsyncGenerator<Uint8Array> {
    const { doc } = this;
    const written: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => written.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on("end", resolve);
      doc.on("error", reject);
    });
    // Each piece has an ArrayBuffer of its own (Buffer.concat may hand out a slice of a shared pool): it can be
    // transferred to another thread.
    const take = () => {
      const piece = new Uint8Array(written.reduce((length, chunk) => length + chunk.length, 0));
      let at = 0;
      for (const chunk of written.splice(0)) {
        piece.set(chunk, at);
        at += chunk.length;
      }
      return piece;
    };
    for (const [index, page] of pages.entries()) {
      doc.addPage({ size: [geometry.width, geometry.height], margin: 0 });
      this.pen.newPage();
      this.drawLines(page!);
      this.drawLines(footer(index + 1, pages.length));
      pages[index] = null;
      // pdfkit's stream hands over what it wrote on a later turn of the event loop, which other work gets too.
      await new Promise((resolve) => setImmediate(resolve));
      if (written.length > 0) yield take();
    }
    doc.end();
    await ended;
    if (written.length > 0) yield take();
  }
}
