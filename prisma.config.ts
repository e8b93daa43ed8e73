import { defineConfig } from "prisma/config";

// The Prisma CLI is used here only to generate the client; migrations are
// applied by scripts/db/ through Prisma's schema engine compiled to
// WebAssembly (the CLI's native engine is a download this set-up avoids).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/parallax" },
});
