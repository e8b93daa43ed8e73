import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
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
function ensureDebianProgram(tool: {
  name: string;
  paths: string[] | (() => string[]);
  debianPackage: string;
  purpose: string;
}): string {
  const candidates = () => (typeof tool.paths === "function" ? tool.paths() : tool.paths);
  const found = candidates().find((candidate) => existsSync(candidate));
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    throw new Error(
      `${tool.purpose} need ${tool.name} and none was found. Install it (Debian/Ubuntu: \`sudo apt-get install ` +
        `${tool.debianPackage}\`).`,
    );
  }
  log(`${tool.name} not found: installing Debian's ${tool.debianPackage} package with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", tool.debianPackage],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0)
      throw new Error(`apt-get ${args.join(" ")} failed; install ${tool.debianPackage} yourself`);
  }
  const installed = candidates().find((candidate) => existsSync(candidate));
  if (!installed)
    throw new Error(
      `apt-get installed ${tool.debianPackage} but ${tool.name} was not found at ${
        candidates().join(" or ") || "its usual place"
      }`,
    );
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
  return ensureDebianProgram({
    name: "Chromium",
    paths: ["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    debianPackage: "chromium",
    purpose: "The end-to-end tests",
  });
}

/** pdftotext and pdftoppm (poppler-utils), with which the tests read the PDF export as a reader would. */
export function ensurePoppler(): string {
  return ensureDebianProgram({
    name: "pdftotext",
    paths: ["/usr/bin/pdftotext"],
    debianPackage: "poppler-utils",
    purpose: "The PDF export tests",
  });
}

/** Debian's PostgreSQL servers, newest first: /usr/lib/postgresql/<major>/bin/postgres. */
function debianPostgresServers(): string[] {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((major) => /^\d+$/.test(major))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => `${root}/${major}/bin/postgres`);
}

/**
 * The folder of the distribution's own PostgreSQL server programs (initdb, postgres), from Debian's `postgresql`
 * package.
 */
export function ensureDebianPostgres(): string {
  const server = ensureDebianProgram({
    name: "PostgreSQL (the distribution's)",
    paths: debianPostgresServers,
    debianPackage: "postgresql",
    purpose: "The cluster test",
  });
  return server.slice(0, -"/postgres".length);
}

/** HAProxy, the load balancer of the cluster test. */
export function ensureHaproxy(): string {
  return ensureDebianProgram({
    name: "HAProxy",
    paths: ["/usr/sbin/haproxy"],
    debianPackage: "haproxy",
    purpose: "The cluster test",
  });
}

/** PgBouncer, the connection pooler of the cluster test. */
export function ensurePgbouncer(): string {
  return ensureDebianProgram({
    name: "PgBouncer",
    paths: ["/usr/sbin/pgbouncer"],
    debianPackage: "pgbouncer",
    purpose: "The cluster test",
  });
}
