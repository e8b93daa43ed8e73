import "server-only";
import path from "node:path";
import { Document, type DocumentProps, Font, Page, renderToStream, StyleSheet, Text, View } from "@react-pdf/renderer";
import { reportScope, summarize, type ReportSummary } from "./report";
import { annotationBatches, type ExportAnnotation, type ExportArticle, type ExportContext } from "./source";

// Vazirmatn covers Latin (curly quotes, dashes, ś) and Persian/Arabic; react-pdf shapes and orders right-to-left runs with it.
// DejaVu Sans draws what it lacks: Cyrillic, Greek, Hebrew, Armenian, Georgian, many symbols.
const FONT_FILES = {
  Vazirmatn: { 400: "vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf", 700: "vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf" },
  "DejaVu Sans": { 400: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf", 700: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf" },
};
for (const [family, files] of Object.entries(FONT_FILES)) {
  Font.register({ family, fonts: Object.entries(files).map(([weight, file]) => ({ src: path.join(process.cwd(), "node_modules", file), fontWeight: Number(weight) })) });
}

/**
 * fontkit keeps the first glyph object it makes for each glyph id, with the
 * characters it was made for, and a PDF's text layer (what copying gives) is
 * written from them. Embedding a font makes the parts of composite glyphs
 * without characters: Vazirmatn's “ and ” are made of ’, so after one report
 * every ’ of the next would copy out as nothing. So each report starts by
 * forgetting the glyphs made without characters, and reports are made one at
 * a time (a report's embedding must not run amid another's layout; both are
 * CPU work on the one thread anyway).
 */
let previousRender: Promise<unknown> = Promise.resolve();
function renderReport(report: React.ReactElement<DocumentProps>): Promise<NodeJS.ReadableStream> {
  const render = previousRender.then(() => {
    for (const [fontFamily, files] of Object.entries(FONT_FILES)) {
      for (const weight of Object.keys(files)) {
        const glyphs = (Font.getFont({ fontFamily, fontWeight: Number(weight) })?.data as { _glyphs?: Record<number, { codePoints: number[] }> } | null)?._glyphs ?? {};
        for (const [id, glyph] of Object.entries(glyphs)) if (glyph.codePoints.length === 0) delete glyphs[Number(id)];
      }
    }
    return renderToStream(report);
  });
  previousRender = render.catch(() => undefined);
  return render;
}

// Words are never split with hyphens: quotes must read as they were written.
Font.registerHyphenationCallback((word) => [word]);

const SOURCE_COLORS = ["#4f46e5", "#d97706", "#059669", "#db2777", "#0891b2", "#7c3aed"];
const STANCE_COLORS: Record<string, string> = { asserts: "#047857", disputes: "#b91c1c", qualifies: "#b45309", mentions: "#57534e" };

const styles = StyleSheet.create({
  page: { fontFamily: ["Vazirmatn", "DejaVu Sans"], fontSize: 10, lineHeight: 1.45, paddingVertical: 48, paddingHorizontal: 52, color: "#1c1917" },
  footer: { position: "absolute", bottom: 24, left: 52, right: 52, fontSize: 8, color: "#78716c", flexDirection: "row", justifyContent: "space-between" },
  eyebrow: { fontSize: 10, color: "#4f46e5", fontWeight: 700, letterSpacing: 1 },
  title: { fontSize: 26, fontWeight: 700, lineHeight: 1.25, marginTop: 8, marginBottom: 12 },
  h2: { fontSize: 15, fontWeight: 700, marginTop: 18, marginBottom: 8 },
  h3: { fontSize: 11.5, fontWeight: 700, marginTop: 10, marginBottom: 4 },
  muted: { color: "#57534e" },
  row: { flexDirection: "row", borderBottom: "0.5pt solid #e7e5e4", paddingVertical: 4 },
  cell: { flex: 1, paddingRight: 6 },
  sourceLabel: { width: 120, fontWeight: 700, paddingRight: 6 },
  omitted: { color: "#b91c1c", fontWeight: 700 },
  quote: { marginBottom: 2 },
  barLine: { flexDirection: "row", alignItems: "center", height: 9 },
  bar: { height: 6, borderRadius: 1 },
});

const RTL_START = /^[^A-Za-z\u00C0-\u024F]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** Right-aligned when the text starts in a right-to-left script. */
const alignFor = (text: string) => (RTL_START.test(text) ? { textAlign: "right" as const } : {});
const sourceOf = (article: ExportArticle) => article.source ?? article.title;

function Footer({ project }: { project: string }) {
  return (
    <View style={styles.footer} fixed>
      <Text>{project} — Parallax report</Text>
      <Text render={({ pageNumber, totalPages }) => `${pageNumber} / ${totalPages}`} />
    </View>
  );
}

function Report({ context, summary, claims }: { context: ExportContext; summary: ReportSummary; claims: ExportAnnotation[] }) {
  const { project, articles } = context;
  const maxCount = Math.max(1, ...[...summary.profile.values()].flatMap((counts) => [...counts.values()]));
  return (
    <Document title={`${project.name} — report`} author="Parallax" creator="Parallax" language="en">
      <Page size="A4" style={styles.page}>
        <Text style={styles.eyebrow}>PARALLAX REPORT</Text>
        <Text style={styles.title}>{project.name}</Text>
        {project.description && <Text style={[styles.muted, { fontSize: 11, marginBottom: 8 }]}>{project.description}</Text>}
        <Text style={styles.muted}>
          Exported {new Date().toISOString().slice(0, 10)}: {reportScope(context, summary)}.
        </Text>
        <Text style={styles.h2}>Sources</Text>
        <View style={[styles.row, { fontWeight: 700 }]}>
          <Text style={styles.cell}>Source</Text>
          <Text style={[styles.cell, { flex: 2 }]}>Article</Text>
          <Text style={{ width: 60 }}>Claims</Text>
          <Text style={{ width: 70 }}>Events left out</Text>
        </View>
        {articles.map((article, index) => (
          <View key={article.id} style={styles.row}>
            <View style={styles.cell}>
              <Text style={{ color: SOURCE_COLORS[index % SOURCE_COLORS.length] }}>{sourceOf(article)}</Text>
              {article.sourceNotes && <Text style={[styles.muted, { fontSize: 8 }]}>{article.sourceNotes}</Text>}
            </View>
            <Text style={[styles.cell, { flex: 2 }]}>
              {article.title}
              {article.publishedAt ? ` (${article.publishedAt})` : ""}
            </Text>
            <Text style={{ width: 60 }}>{summary.claimCounts.get(article.id) ?? 0}</Text>
            <Text style={{ width: 70 }}>{summary.events.filter((event) => !event.claims.some((claim) => claim.articleId === article.id)).length}</Text>
          </View>
        ))}
        <Footer project={project.name} />
      </Page>

      <Page size="A4" style={styles.page}>
        <Text style={[styles.h2, { marginTop: 0 }]}>Events: who reports what</Text>
        {summary.events.length === 0 && <Text style={styles.muted}>No claim is linked to an event.</Text>}
        {summary.events.map((event) => (
          <View key={event.id} wrap={false} style={{ marginBottom: 8 }}>
            <Text style={styles.h3}>
              {event.title}
              {event.date ? `  ·  ${event.date}` : ""}
            </Text>
            {articles.map((article) => {
              const about = event.claims.filter((claim) => claim.articleId === article.id);
              return (
                <View key={article.id} style={styles.row}>
                  <Text style={styles.sourceLabel}>{sourceOf(article)}</Text>
                  <View style={styles.cell}>
                    {about.length === 0 ? (
                      <Text style={styles.omitted}>Omitted — does not report this event</Text>
                    ) : (
                      about.map((claim, index) => (
                        <Text key={index} style={[styles.quote, alignFor(claim.quote)]}>
                          <Text style={{ color: STANCE_COLORS[claim.stance] ?? "#57534e", fontWeight: 700 }}>{claim.stance}</Text>
                          {claim.attributedTo ? ` (according to ${claim.attributedTo})` : ""}: “{claim.quote}”
                        </Text>
                      ))
                    )}
                  </View>
                </View>
              );
            })}
          </View>
        ))}

        <Text style={styles.h2}>Framing profile</Text>
        <View style={{ flexDirection: "row", marginBottom: 6 }}>
          {articles.map((article, index) => (
            <View key={article.id} style={{ flexDirection: "row", alignItems: "center", marginRight: 12 }}>
              <View style={[styles.bar, { width: 10, backgroundColor: SOURCE_COLORS[index % SOURCE_COLORS.length], marginRight: 4 }]} />
              <Text style={{ fontSize: 8.5 }}>{sourceOf(article)}</Text>
            </View>
          ))}
        </View>
        {summary.profile.size === 0 && <Text style={styles.muted}>No frame, rhetoric or verdict tags.</Text>}
        {[...summary.profile.entries()].map(([key, counts]) => (
          <View key={key} wrap={false} style={{ flexDirection: "row", marginBottom: 4 }}>
            <Text style={{ width: 190, paddingRight: 6 }}>{key}</Text>
            <View style={{ flex: 1 }}>
              {articles.map((article, index) => {
                const count = counts.get(article.id) ?? 0;
                return (
                  <View key={article.id} style={styles.barLine}>
                    <View style={[styles.bar, { width: `${(count / maxCount) * 80}%`, backgroundColor: SOURCE_COLORS[index % SOURCE_COLORS.length] }]} />
                    <Text style={{ fontSize: 7.5, marginLeft: 3 }}>{count}</Text>
                  </View>
                );
              })}
            </View>
          </View>
        ))}
        <Footer project={project.name} />
      </Page>

      <Page size="A4" style={styles.page}>
        <Text style={[styles.h2, { marginTop: 0 }]}>Claims by article</Text>
        {articles.map((article) => {
          const own = claims.filter((claim) => claim.articleId === article.id);
          return (
            <View key={article.id}>
              <Text style={styles.h3}>
                {sourceOf(article)}: {article.title}
              </Text>
              {own.length === 0 && <Text style={styles.muted}>No claims.</Text>}
              {own.map((claim, index) => (
                <View key={claim.id} wrap={false} style={{ marginBottom: 5 }}>
                  <Text style={alignFor(claim.exact)}>
                    {index + 1}. “{claim.exact}”
                  </Text>
                  <Text style={[styles.muted, { fontSize: 8.5 }]}>
                    {claim.tags.map((tag) => tag.name).join(", ") || "untagged"} · {claim.status.toLowerCase()} · {claim.author.name}
                  </Text>
                  {claim.note && <Text style={[{ fontSize: 9 }, alignFor(claim.note)]}>Note: {claim.note}</Text>}
                </View>
              ))}
            </View>
          );
        })}
        <Footer project={project.name} />
      </Page>
    </Document>
  );
}

/** The report as a designed PDF: title page with sources, events and omissions, framing bars, every claim. */
export async function* pdfExport(context: ExportContext): AsyncGenerator<Uint8Array> {
  const summary = await summarize(context);
  const claims: ExportAnnotation[] = [];
  for await (const batch of annotationBatches(context)) claims.push(...batch);
  const stream = await renderReport(<Report context={context} summary={summary} claims={claims} />);
  for await (const chunk of stream) yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as Buffer);
}
