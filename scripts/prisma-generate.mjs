// Generates the Prisma client without the CLI's download of a native schema
// engine (unreachable offline): generation does not need it, and pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const cli = "node_modules/prisma/build/index.js";
if (!existsSync(cli)) {
  // Installed without devDependencies: the generated client must already exist.
  process.exit(0);
}
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath },
});
process.exit(result.status ?? 1);
