import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("GET /api/health", () => {
  it("answers ok with the database up, without authentication", async () => {
    const response = await api("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db down when PostgreSQL does not answer", async () => {
    const [appPort, deadPort] = [await freePort(), await freePort()];
    const root = path.resolve(import.meta.dirname, "../..");
    // A second instance of the built app, pointed at a port where no PostgreSQL listens.
    const app = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(appPort)], {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, DATABASE_URL: `postgresql://nobody:nothing@127.0.0.1:${deadPort}/none` },
    });
    try {
      let response: Response | undefined;
      for (let attempt = 0; attempt < 120 && !response; attempt++) {
        response = await fetch(`http://127.0.0.1:${appPort}/api/health`).catch(() => undefined);
        if (!response) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(response?.status).toBe(503);
      expect(await response?.json()).toEqual({ status: "error", db: "down" });
    } finally {
      app.kill("SIGTERM");
    }
  });
});
