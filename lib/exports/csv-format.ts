import { stringify } from "csv-stringify/sync";

/** A column of a CSV file: the key of its cell in each record, and its header when that is not the key. */
export interface CsvColumn {
  key: string;
  header?: string;
}

export type CsvRecord = Record<string, string | number>;

/**
 * csv-stringify quotes a field holding the delimiter, a quote or the whole
 * record delimiter (CRLF), but not a lone LF or CR, which readers take for
 * the end of a row: the text after it would start a line, a formula with it.
 */
const LINE_BREAK = /[\r\n]/;

/**
 * CSV text of `records` (RFC 4180, CRLF line ends), preceded by the header
 * line when `header` is set. Every field with a comma, quote, CR or LF is
 * quoted; header and cells a spreadsheet would run as a formula (= + - @ tab
 * CR, or their full-width forms, at the start) get a leading apostrophe
 * (csv-stringify's escape_formulas, as OWASP recommends); numbers stay
 * numbers.
 */
export function csvText(columns: CsvColumn[], records: CsvRecord[], { header }: { header: boolean }): string {
  return stringify(records, {
    columns,
    header,
    escape_formulas: true,
    quoted_match: LINE_BREAK,
    record_delimiter: "windows",
  });
}
