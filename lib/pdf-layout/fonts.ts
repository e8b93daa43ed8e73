import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

export type Weight = 400 | 700;

/**
 * The faces text is set in, in order of preference: Vazirmatn covers Latin
 * (curly quotes, dashes, ś) and Persian/Arabic; DejaVu Sans what it lacks:
 * Cyrillic, Greek, Hebrew, Armenian, Georgian, many symbols.
 */
const FAMILIES = [
  {
    name: "Vazirmatn",
    files: { 400: "vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf", 700: "vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf" },
  },
  {
    name: "DejaVu Sans",
    files: { 400: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf", 700: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf" },
  },
] as const;

/**
 * Index into FAMILIES; MISSING: no face has the character (CJK, some emoji): a box from DejaVu Sans is drawn instead.
 */
export type Face = number;
export const MISSING: Face = FAMILIES.length;

/** The name a face is registered under in a PDF document. */
export const fontName = (face: Face, weight: Weight) =>
  `${FAMILIES[face === MISSING ? FAMILIES.length - 1 : face]!.name} ${weight}`;

interface LoadedFace {
  bytes: Buffer;
  /** Only asked which characters it has and for its metrics: glyphs are made by each document's own copy. */
  coverage: fontkit.Font;
}

let loaded: Record<Weight, LoadedFace[]> | undefined;

/** The font files, read once per process from node_modules (so that a worker thread finds them too). */
function faces(): Record<Weight, LoadedFace[]> {
  loaded ??= Object.fromEntries(
    ([400, 700] as const).map((weight) => [
      weight,
      FAMILIES.map((family) => {
        const bytes = readFileSync(path.join(process.cwd(), "node_modules", family.files[weight]));
        return { bytes, coverage: fontkit.create(bytes) as fontkit.Font };
      }),
    ]),
  ) as Record<Weight, LoadedFace[]>;
  return loaded;
}

/**
 * Registers every face with a document. The document parses its own copy:
 * fontkit keeps each glyph object it makes with the characters it was made
 * for, and a PDF's text layer (what copying gives) is written from them;
 * embedding a font makes the parts of composite glyphs without characters
 * (Vazirmatn's “ and ” are made of ’), so a copy shared between documents
 * would make the next report's ’ copy out as nothing.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const weight of [400, 700] as const) {
    for (const [face, { bytes }] of faces()[weight].entries()) doc.registerFont(fontName(face, weight), bytes);
  }
}

/** Ascent and descent of the first face, as fractions of the font size: where the baseline sits in a line. */
export function lineMetrics(): { ascent: number; descent: number } {
  const font = faces()[400][0]!.coverage;
  return { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm };
}

/** Per weight, the face found for each character so far, plus one (0: not looked up yet); outside the BMP, a map. */
const knownFaces: Record<Weight, { basic: Uint8Array; astral: Map<number, Face> }> = {
  400: { basic: new Uint8Array(0x10000), astral: new Map() },
  700: { basic: new Uint8Array(0x10000), astral: new Map() },
};

/** The first face that has the character. */
export function faceFor(codePoint: number, weight: Weight): Face {
  const known = knownFaces[weight];
  const cached = codePoint < 0x10000 ? known.basic[codePoint]! - 1 : known.astral.get(codePoint);
  if (cached !== undefined && cached >= 0) return cached;
  const found = faces()[weight].findIndex((candidate) => candidate.coverage.hasGlyphForCodePoint(codePoint));
  const face = found < 0 ? MISSING : found;
  if (codePoint < 0x10000) known.basic[codePoint] = face + 1;
  else known.astral.set(codePoint, face);
  return face;
}
