import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * Python's own CSV reader (the csv module), as a second opinion on what a
 * CSV file holds: one python3 process, a file in and its rows out as one JSON
 * line each (starting Python for every file takes longer than the reading).
 */
export function pythonCsvReader() {
  const python = spawn("python3", [
    "-c",
    "import csv, io, json, sys\nfor line in sys.stdin:\n    rows = list(csv.reader(io.StringIO(json.loads(line), " +
      "newline='')))\n    print(json.dumps(rows), flush=True)",
  ]);
  const answers = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
  return {
    async parse(text: string): Promise<string[][]> {
      python.stdin.write(`${JSON.stringify(text)}\n`);
      const { value, done } = await answers.next();
      if (done) throw new Error("python3 stopped reading CSV");
      return JSON.parse(value) as string[][];
    },
    close: () => void python.kill(),
  };
}
