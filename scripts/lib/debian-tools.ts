import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { log } from "./log.ts";

function hasAptGet(): boolean {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

/**
 * A program the tests need from a Debian package: the first of `paths` that
 * exists; else, as root with apt-get, the package is installed (downloads
 * from anywhere else cannot work on these machines) and the log says so;
 * otherwise the tests stop saying how to install it.
 */
function ensureDebianProgram(tool: { name: string; paths: string[]; debianPackage: string; purpose: string }): string {
  const found = tool.paths.find((candidate) => existsSync(candidate));
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    throw new Error(`${tool.purpose} need ${tool.name} and none was found. Install it (Debian/Ubuntu: \`sudo apt-get install ${tool.debianPackage}\`).`);
  }
  log(`${tool.name} not found: installing Debian's ${tool.debianPackage} package with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", tool.debianPackage]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed; install ${tool.debianPackage} yourself`);
  }
  const installed = tool.paths.find((candidate) => existsSync(candidate));
  if (!installed) throw new Error(`apt-get installed ${tool.debianPackage} but ${tool.name} was not found at ${tool.paths.join(" or ")}`);
  log(`installed ${installed}`);
  return installed;
}

/** The Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's package. */
export function ensureChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist`);
    return configured;
  }
  return ensureDebianProgram({ name: "Chromium", paths: ["/usr/bin/chromium", "/usr/bin/chromium-browser"], debianPackage: "chromium", purpose: "The end-to-end tests" });
}

/** pdftotext and pdftoppm (poppler-utils), with which the tests read the PDF export as a reader would. */
export function ensurePoppler(): string {
  return ensureDebianProgram({ name: "pdftotext", paths: ["/usr/bin/pdftotext"], debianPackage: "poppler-utils", purpose: "The PDF export tests" });
}
