import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { startAppInstance, unusedPort } from "../support/app-instance";

describe("GET /api/health", () => {
  it("answers ok with the database up, without authentication", async () => {
    const response = await api("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok", db: "ok" });
  });

  // Down over TCP (nothing listens on the port), or over a Unix socket (its file is missing while the server restarts).
  it.each([
    ["TCP", async () => `postgresql://nobody:nothing@127.0.0.1:${await unusedPort()}/none`],
    [
      "a Unix socket",
      async () =>
        `postgresql://nobody:nothing@localhost/none?host=` +
        encodeURIComponent(path.join(tmpdir(), `no-postgres-${process.pid}`)),
    ],
  ])("answers 503 with db down when PostgreSQL does not answer (%s)", async (_, databaseUrl) => {
    const app = await startAppInstance({ DATABASE_URL: await databaseUrl() });
    try {
      const response = await fetch(`${app.url}/api/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error", db: "down" });
      // Other routes say so too, as JSON, instead of hanging or failing with a 500: through Prisma's queries and raw
      // SQL.
      const tokens = await fetch(`${app.url}/api/v1/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "editor@example.org", password: "parallax-demo" }),
      });
      expect(tokens.status).toBe(503);
      expect((await tokens.json()).error.code).toBe("service_unavailable");
      const projects = await fetch(`${app.url}/api/v1/projects`, {
        headers: { authorization: "Bearer plx_not-checked-while-down" },
      });
      expect(projects.status).toBe(503);
      expect((await projects.json()).error.code).toBe("service_unavailable");
    } finally {
      app.stop();
    }
  });
});
