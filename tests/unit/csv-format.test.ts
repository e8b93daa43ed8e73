import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type CsvColumn, type CsvRecord, csvText } from "@/lib/exports/csv-format";
import { pythonCsvReader } from "../support/python-csv";

const python = pythonCsvReader();
afterAll(python.close);

/**
 * What a cell must read: a spreadsheet formula trigger at its start (OWASP's list, full-width forms too) behind an
 * apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const neutralised = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** Strings made of what breaks CSV files and starts formulas, among ordinary letters and other scripts. */
const PIECES = [
  "\r",
  "\n",
  "\r\n",
  '"',
  ",",
  ";",
  "=",
  "+",
  "-",
  "@",
  "\t",
  " ",
  "'",
  "\uFF1D",
  "\uFF0B",
  "\uFF0D",
  "\uFF20",
  "SUM(1+1)",
  "2+2",
  "a",
  "Zoë",
  "آسواکا",
  "💩",
];
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join("")),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

/** A file's columns (a numbered one first, so that no line is empty) and its records. */
const table = fc.array(hostileText, { minLength: 1, maxLength: 4 }).chain((headers) => {
  const columns: CsvColumn[] = [{ key: "n" }, ...headers.map((header, index) => ({ key: `c${index}`, header }))];
  const record = fc.tuple(...headers.map(() => hostileText));
  return fc.record({ columns: fc.constant(columns), rows: fc.array(record, { maxLength: 4 }) });
});

describe("CSV text", () => {
  it("reads back, cell for cell, in csv-parse and in Python's csv module, with every header and cell " +
    "neutralised", async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ columns, rows }) => {
        const records: CsvRecord[] = rows.map((cells, index) =>
          Object.fromEntries([["n", index], ...cells.map((cell, column) => [`c${column}`, cell])]),
        );
        const text = csvText(columns, records, { header: true });
        const expected = [
          ["n", ...columns.slice(1).map((column) => neutralised(column.header!))],
          ...rows.map((cells, index) => [String(index), ...cells.map(neutralised)]),
        ];
        expect(parse(text, { relax_quotes: false })).toEqual(expected);
        expect(await python.parse(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it(
    "quotes a field with a lone line feed or carriage return, so that a formula after it cannot start a line or a " +
      "cell",
    () => {
      const text = csvText(
        [{ key: "note" }, { key: "group", header: "G3\n=1+1" }],
        [{ note: "lf\n=2+2", group: "cr\r@SUM(1+1)" }],
        { header: true },
      );
      expect(text).toBe('note,"G3\n=1+1"\r\n"lf\n=2+2","cr\r@SUM(1+1)"\r\n');
    },
  );
});
