/**
 * The PDF report laid out from plain data: no database, no app modules, so
 * that it can run in a worker thread. Set in Vazirmatn and DejaVu Sans with
 * pdfkit; lines, pages and right-to-left order are laid out here
 * (lib/pdf-layout), page by page, so a report of 10,000 claims takes seconds.
 */
import { omissionCounts, omittingSources } from "../omissions";
import { PdfWriter } from "../pdf-layout/document";
import { type Column, Flow, type PageGeometry, type PlacedLine } from "../pdf-layout/flow";
import {
  type Direction,
  directionOf,
  layoutParagraph,
  type LineBox,
  type Measure,
  type Span,
  type TextStyle,
} from "../pdf-layout/paragraph";

export interface PdfClaim {
  exact: string;
  /** Tag names in codebook order. */
  tags: string[];
  status: string;
  author: string;
  note: string | null;
}

export interface PdfArticle {
  title: string;
  /** The outlet's name, or the article's title when it has none. */
  source: string;
  sourceNotes: string | null;
  publishedAt: string | null;
  /** In text order. */
  claims: PdfClaim[];
}

export interface PdfEvent {
  title: string;
  date: string | null;
  /** Each claim about the event: indexes into `articles` and that article's `claims`, in article order. */
  claims: { article: number; claim: number; stance: string; attributedTo: string | null }[];
  /** Figures of its claims that disagree between sources, one line each. */
  contradictions: string[];
}

/** Everything the report prints, as plain data (it can be posted to a worker thread). */
export interface ReportData {
  project: { name: string; description: string | null };
  exportedOn: string;
  /** "2 articles, 14 annotated claims, 5 events". */
  scope: string;
  articles: PdfArticle[];
  /** In the order printed. */
  events: PdfEvent[];
  /** "group · tag" (frames, rhetoric, verdicts) with how many claims of each article carry it, in the order printed. */
  profile: { key: string; counts: number[] }[];
}

const A4: PageGeometry = { width: 595.28, height: 841.89, top: 48, bottom: 48, left: 52, right: 52 };
const FOOTER_BASELINE = A4.height - 24;
const INK = "#1c1917";
const MUTED = "#57534e";
const FAINT = "#78716c";
const RULE = "#e7e5e4";
const OMITTED = "#b91c1c";
const DISAGREE = "#b45309";
const SOURCE_COLORS = ["#4f46e5", "#d97706", "#059669", "#db2777", "#0891b2", "#7c3aed"];
const STANCE_COLORS: Record<string, string> = {
  asserts: "#047857",
  disputes: "#b91c1c",
  qualifies: "#b45309",
  mentions: "#57534e",
};
/** A claim or table row shorter than this moves whole to the next page rather than split (about a third of a page). */
const KEEP_TOGETHER = 250;
/** A heading moves to the next page unless this much of what it heads fits below it. */
const HEADING_ROOM = 40;
const SOURCE_LABEL_WIDTH = 120;
const BAR_LABEL_WIDTH = 150;
/** Room for a bar's number (up to five digits at 7.5 pt) between its label and the bar. */
const BAR_COUNT_WIDTH = 26;
const BAR_LINE = 9;
const BAR_HEIGHT = 6;

const style = (size: number, color = INK, weight: 400 | 700 = 400): TextStyle => ({ size, color, weight });
const BODY = style(10);
const SMALL_MUTED = style(8.5, MUTED);
const H2 = style(15, INK, 700);
const H3 = style(11.5, INK, 700);
const span = (text: string, spanStyle: TextStyle = BODY): Span => ({ text, style: spanStyle });
const sourceColor = (article: number) => SOURCE_COLORS[article % SOURCE_COLORS.length]!;
const space = (height: number): LineBox => ({ height, baseline: 0, runs: [], boxes: [] });
const rule = (width: number): LineBox => ({
  height: 0.5,
  baseline: 0,
  runs: [],
  boxes: [{ x: 0, y: 0, width, height: 0.5, color: RULE }],
});

const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });
const shortened = (text: string, length: number) => {
  const parts = [...graphemes.segment(text)];
  return parts.length <= length
    ? text
    : `${parts
        .slice(0, length - 1)
        .map((part) => part.segment)
        .join("")}…`;
};

/**
 * How rows and bars name each article: its outlet, with the start of its title when the outlet has several articles
 * here.
 */
function articleLabels(data: ReportData): string[] {
  const perSource = new Map<string, number>();
  for (const article of data.articles) perSource.set(article.source, (perSource.get(article.source) ?? 0) + 1);
  return data.articles.map((article) =>
    perSource.get(article.source)! > 1 ? `${article.source}: ${shortened(article.title, 40)}` : article.source,
  );
}

/** Yields to the event loop now and then during a long layout, so other work on this thread is not held up for long. */
function breather(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 50) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

class ReportLayout {
  readonly flow = new Flow(A4);
  readonly labels: string[];

  constructor(
    private readonly measure: Measure,
    data: ReportData,
  ) {
    this.labels = articleLabels(data);
  }

  /** A paragraph's lines, `width` wide (the text width by default), in the direction of its main text. */
  lines(
    spans: Span[],
    options: {
      width?: number;
      direction?: Direction;
      align?: "left" | "right";
      lineHeight?: number;
      before?: number;
      after?: number;
    } = {},
  ): LineBox[] {
    const direction = options.direction ?? directionOf(spans.map((part) => part.text).join(""));
    const paragraph = { spans, direction, align: options.align, lineHeight: options.lineHeight ?? 1.45 };
    const lines = layoutParagraph(paragraph, options.width ?? this.flow.textWidth, this.measure);
    return [
      ...(options.before ? [space(options.before)] : []),
      ...lines,
      ...(options.after ? [space(options.after)] : []),
    ];
  }

  /** Lines across the whole text width. */
  block(lines: LineBox[], options: { keepTogether?: number; keepWithNext?: number } = {}): void {
    this.flow.place([{ x: 0, lines }], options);
  }

  heading(text: string, headingStyle: TextStyle, before: number, after: number): LineBox[] {
    return this.lines([span(text, headingStyle)], { before, after });
  }

  /** A table row: its columns with padding, and a rule below; a short row is not split. */
  row(columns: Column[]): void {
    const padded = columns.map((column) => ({ ...column, lines: [space(4), ...column.lines, space(4)] }));
    this.flow.place(padded, { keepTogether: KEEP_TOGETHER });
    this.flow.place([{ x: 0, lines: [rule(this.flow.textWidth)] }]);
  }

  /** The heading repeated, marked as continued, at the top of each page the section runs on to. */
  continueUnder(text: string | null): void {
    this.flow.continuation =
      text === null
        ? null
        : [{ x: 0, lines: this.lines([span(`${text} (continued)`, style(9, FAINT, 700))], { after: 6 }) }];
  }
}

function titlePage(layout: ReportLayout, data: ReportData): void {
  const { flow } = layout;
  layout.block(layout.lines([span("PARALLAX REPORT", style(10, SOURCE_COLORS[0], 700))]));
  layout.block(
    layout.lines([span(data.project.name, style(26, INK, 700))], { lineHeight: 1.25, before: 8, after: 12 }),
  );
  if (data.project.description)
    layout.block(layout.lines([span(data.project.description, style(11, MUTED))], { after: 8 }));
  layout.block(layout.lines([span(`Exported ${data.exportedOn}: ${data.scope}.`, style(10, MUTED))]));
  layout.block(layout.heading("Sources", H2, 18, 8), { keepWithNext: HEADING_ROOM });

  // Columns: source (1 part), article (2 parts), claims, events left out.
  const fixed = [60, 70];
  const flexible = flow.textWidth - fixed[0]! - fixed[1]!;
  const xs = [0, flexible / 3, flexible, flexible + fixed[0]!];
  const widths = [flexible / 3 - 6, (2 * flexible) / 3 - 6, fixed[0]! - 6, fixed[1]!];
  const cells = (texts: Span[][]) =>
    texts.map((spans, index) => ({ x: xs[index]!, lines: layout.lines(spans, { width: widths[index]! }) }));
  const bold = style(10, INK, 700);
  layout.row(
    cells([[span("Source", bold)], [span("Article", bold)], [span("Claims", bold)], [span("Events left out", bold)]]),
  );
  const leftOut = omissionCounts(
    data.articles.map((_, article) => article),
    data.events.map((event) => new Set(event.claims.map((claim) => claim.article))),
  );
  for (const [index, article] of data.articles.entries()) {
    const [source, ...rest] = cells([
      [span(article.source, style(10, sourceColor(index)))],
      [span(`${article.title}${article.publishedAt ? ` (${article.publishedAt})` : ""}`)],
      [span(String(article.claims.length))],
      [span(String(leftOut.get(index)))],
    ]);
    if (article.sourceNotes)
      source!.lines.push(...layout.lines([span(article.sourceNotes, style(8, MUTED))], { width: widths[0]! }));
    layout.row([source!, ...rest]);
  }
}

/** "Outlet A, Outlet B (2 of 3 articles)": who leaves an event out, each outlet once. */
function omittedBy(data: ReportData, articles: number[]): string {
  const total = new Map<string, number>();
  for (const article of data.articles) total.set(article.source, (total.get(article.source) ?? 0) + 1);
  const omitting = new Map<string, number>();
  for (const article of articles)
    omitting.set(data.articles[article]!.source, (omitting.get(data.articles[article]!.source) ?? 0) + 1);
  return [...omitting]
    .map(([source, count]) =>
      total.get(source)! > 1 ? `${source} (${count} of ${total.get(source)} articles)` : source,
    )
    .join(", ");
}

async function eventsSection(layout: ReportLayout, data: ReportData, breathe: () => Promise<void>): Promise<void> {
  const { flow } = layout;
  flow.newPage();
  layout.block(layout.heading("Events: who reports what", H2, 0, 8), { keepWithNext: HEADING_ROOM });
  if (data.events.length === 0) layout.block(layout.lines([span("No claim is linked to an event.", style(10, MUTED))]));
  const claimsWidth = flow.textWidth - SOURCE_LABEL_WIDTH;
  for (const event of data.events) {
    const title = `${event.title}${event.date ? `  ·  ${event.date}` : ""}`;
    layout.block(layout.heading(title, H3, 10, 4), { keepWithNext: HEADING_ROOM });
    layout.continueUnder(title);
    const byArticle = new Map<number, PdfEvent["claims"]>();
    for (const claim of event.claims) {
      if (!byArticle.has(claim.article)) byArticle.set(claim.article, []);
      byArticle.get(claim.article)!.push(claim);
    }
    for (const [article, claims] of byArticle) {
      const lines = claims.flatMap((claim) => {
        const quote = data.articles[article]!.claims[claim.claim]!.exact;
        const spans = [
          span(claim.stance, style(10, STANCE_COLORS[claim.stance] ?? MUTED, 700)),
          span(`${claim.attributedTo ? ` (according to ${claim.attributedTo})` : ""}: “${quote}”`),
        ];
        return layout.lines(spans, { width: claimsWidth - 6, direction: directionOf(quote), after: 2 });
      });
      const source = layout.labels[article]!;
      layout.row([
        {
          x: 0,
          lines: layout.lines([span(source, style(10, INK, 700))], { width: SOURCE_LABEL_WIDTH - 6 }),
          continued: layout.lines([span(`${source} (continued)`, style(9, FAINT, 700))], {
            width: SOURCE_LABEL_WIDTH - 6,
          }),
        },
        { x: SOURCE_LABEL_WIDTH, lines },
      ]);
      await breathe();
    }
    const omitting = omittingSources(
      data.articles.map((_, article) => article),
      new Set(byArticle.keys()),
      (article) => article,
    );
    if (omitting.length > 0) {
      const verb = omitting.length === 1 ? "does" : "do";
      layout.block(
        layout.lines(
          [span(`Omitted — ${verb} not report this event: ${omittedBy(data, omitting)}`, style(10, OMITTED, 700))],
          { before: 4 },
        ),
      );
    }
    for (const contradiction of event.contradictions)
      layout.block(
        layout.lines([span("Figures disagree — ", style(10, DISAGREE, 700)), span(contradiction, style(10, INK))], {
          before: 4,
        }),
      );
    layout.block([space(8)]);
    layout.continueUnder(null);
  }
}

async function framingSection(layout: ReportLayout, data: ReportData, breathe: () => Promise<void>): Promise<void> {
  const { flow } = layout;
  layout.block(layout.heading("Framing profile", H2, 18, 8), { keepWithNext: HEADING_ROOM });
  if (data.profile.length === 0)
    layout.block(layout.lines([span("No frame, rhetoric or verdict tags.", style(10, MUTED))]));
  // Not Math.max(...counts): tags × articles can be more arguments than a call takes.
  const most = data.profile.reduce(
    (largest, entry) => entry.counts.reduce((max, count) => Math.max(max, count), largest),
    1,
  );
  const barSpace = flow.textWidth - BAR_LABEL_WIDTH - BAR_COUNT_WIDTH;
  const barText = (text: string, color: string, width: number, align: "left" | "right") =>
    layout.lines([span(text, style(7.5, color))], { width, align, lineHeight: BAR_LINE / 7.5 });
  for (const { key, counts } of data.profile) {
    layout.block(layout.lines([span(key, style(9.5, INK, 700))], { before: 6, after: 2 }), {
      keepWithNext: HEADING_ROOM,
    });
    layout.continueUnder(key);
    for (const [article, count] of counts.entries()) {
      // Label, number and bar side by side, the label ending where the number starts: the number reads (and copies
      // out) as the label's, whatever the bar's length.
      const countLines = barText(String(count), INK, BAR_COUNT_WIDTH - 4, "left");
      const barLine: LineBox = {
        ...countLines[0]!,
        runs: [],
        boxes: [
          {
            x: 0,
            y: (BAR_LINE - BAR_HEIGHT) / 2,
            width: (count / most) * barSpace,
            height: BAR_HEIGHT,
            color: sourceColor(article),
          },
        ],
      };
      flow.place([
        { x: 0, lines: barText(layout.labels[article]!, sourceColor(article), BAR_LABEL_WIDTH - 4, "right") },
        { x: BAR_LABEL_WIDTH, lines: countLines },
        { x: BAR_LABEL_WIDTH + BAR_COUNT_WIDTH, lines: [barLine] },
      ]);
    }
    layout.continueUnder(null);
    await breathe();
  }
}

async function claimsSection(layout: ReportLayout, data: ReportData, breathe: () => Promise<void>): Promise<void> {
  layout.flow.newPage();
  layout.block(layout.heading("Claims by article", H2, 0, 8), { keepWithNext: HEADING_ROOM });
  for (const article of data.articles) {
    const title = `${article.source}: ${article.title}`;
    layout.block(layout.heading(title, H3, 10, 4), { keepWithNext: HEADING_ROOM });
    layout.continueUnder(title);
    if (article.claims.length === 0) layout.block(layout.lines([span("No claims.", style(10, MUTED))]));
    for (const [index, claim] of article.claims.entries()) {
      const lines = [
        ...layout.lines([span(`${index + 1}. “${claim.exact}”`)], { direction: directionOf(claim.exact) }),
        ...layout.lines([
          span(`${claim.tags.join(", ") || "untagged"} · ${claim.status} · ${claim.author}`, SMALL_MUTED),
        ]),
        ...(claim.note
          ? layout.lines([span(`Note: ${claim.note}`, style(9))], { direction: directionOf(claim.note) })
          : []),
        space(5),
      ];
      layout.block(lines, { keepTogether: KEEP_TOGETHER });
      await breathe();
    }
    layout.continueUnder(null);
  }
}

/** "Project — Parallax report" on the left, "n / total" on the right. */
function footer(layout: ReportLayout, project: string): (pageNumber: number, pageCount: number) => PlacedLine[] {
  const footerStyle = style(8, FAINT);
  const [name] = layout.lines([span(`${project} — Parallax report`, footerStyle)], {
    width: layout.flow.textWidth - 60,
    direction: "ltr",
  });
  return (pageNumber, pageCount) => {
    const [number] = layout.lines([span(`${pageNumber} / ${pageCount}`, footerStyle)], {
      width: 60,
      direction: "ltr",
      align: "right",
    });
    return [
      { line: name!, x: A4.left, y: FOOTER_BASELINE - name!.baseline },
      { line: number!, x: A4.width - A4.right - 60, y: FOOTER_BASELINE - number!.baseline },
    ];
  };
}

/**
 * The report as a PDF, in chunks as its pages are written: title page with
 * the sources and the notes on each outlet, the events with who reports what
 * and who leaves them out, the framing profile, every claim. The whole report
 * is laid out first (so that each page can say how many there are), then
 * drawn page by page.
 */
export async function* renderReportPdf(data: ReportData): AsyncGenerator<Uint8Array> {
  const writer = new PdfWriter({ title: `${data.project.name} — report`, author: "Parallax", language: "en" });
  const layout = new ReportLayout(writer.measure, data);
  const breathe = breather();
  titlePage(layout, data);
  await eventsSection(layout, data, breathe);
  await framingSection(layout, data, breathe);
  await claimsSection(layout, data, breathe);
  yield* writer.writePages(A4, layout.flow.pages, footer(layout, data.project.name));
}
