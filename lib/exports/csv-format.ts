import { stringify } from "csv-stringify/sync";

/** A column of a CSV file: the key of its cell in each record, and its header when that is not the key. */
export interface CsvColumn {
  key: string;
  header?: string;
}

export type CsvRecord = Record<string, string | number>;

/**
 * CSV text of `records` (RFC 4180, CRLF line ends), preceded by the header
 * line when `header` is set. Cells a spreadsheet would run as a formula (= + -
 * @ tab CR at the start) get a leading apostrophe (csv-stringify's
 * escape_formulas, as OWASP recommends); numbers stay numbers.
 */
export function csvText(columns: CsvColumn[], records: CsvRecord[], { header }: { header: boolean }): string {
  return stringify(records, { columns, header, escape_formulas: true, record_delimiter: "windows" });
}
