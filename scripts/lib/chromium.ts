import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { log } from "./log.ts";

const DEBIAN_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function hasAptGet(): boolean {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's
 * package. Browser downloads (`npx playwright install`) cannot work offline;
 * as root with apt-get, Debian's `chromium` package is installed instead, and
 * the log says so. Otherwise the tests stop with how to install it.
 */
export function ensureChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist`);
    return configured;
  }
  const found = DEBIAN_PATHS.find((candidate) => existsSync(candidate));
  if (found) return found;

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    throw new Error(
      "The end-to-end tests need Chromium and none was found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) " +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  log("Chromium not found: installing Debian's chromium package with apt-get (about 30 s)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed; install Chromium yourself or set CHROMIUM_PATH`);
  }
  const installed = DEBIAN_PATHS.find((candidate) => existsSync(candidate));
  if (!installed) throw new Error("apt-get installed chromium but no binary was found at /usr/bin/chromium");
  log(`installed ${installed}`);
  return installed;
}
