import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, errorCode } from "../support/api";
import { countRows, createUser, TEST_PASSWORD, type TestUser } from "../support/factories";

let user: TestUser;
beforeAll(async () => {
  user = await createUser({ label: "tokens" });
});

describe("POST /api/v1/tokens", () => {
  it("exchanges email and password for a token that authenticates API calls", async () => {
    const response = await api("POST", "/api/v1/tokens", {
      json: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(response.status).toBe(201);
    expect(response.body.token).toMatch(/^plx_[A-Za-z0-9_-]{43}$/);
    expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const projects = await api("GET", "/api/v1/projects", { token: response.body.token });
    expect(projects.status).toBe(200);
    expect(projects.body).toEqual({ items: [], nextCursor: null });
  });

  it("stores only a hash of the token", async () => {
    const { body } = await api("POST", "/api/v1/tokens", {
      json: { email: user.email, password: TEST_PASSWORD, name: "CI script" },
    });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.name).toBe("CI script");
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(body.token.slice(4));
    expect(JSON.stringify(row)).not.toContain(body.token);
  });

  it("answers 401 with the same message for a wrong password and an unknown email", async () => {
    const wrongPassword = await api("POST", "/api/v1/tokens", {
      json: { email: user.email, password: "not the password" },
    });
    const unknownEmail = await api("POST", "/api/v1/tokens", {
      json: { email: "nobody@test.example", password: TEST_PASSWORD },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(errorCode(wrongPassword)).toBe("unauthorized");
  });

  it("refuses bad input and creates nothing", async () => {
    const before = await countRows();
    expect((await api("POST", "/api/v1/tokens", { raw: "{oops", contentType: "application/json" })).status).toBe(400);
    expect((await api("POST", "/api/v1/tokens", { json: { email: 1, password: 2 } })).status).toBe(400);
    expect((await api("POST", "/api/v1/tokens", { json: { email: "not-an-email", password: "x" } })).status).toBe(422);
    expect((await api("POST", "/api/v1/tokens", { raw: "email=a", contentType: "text/plain" })).status).toBe(415);
    expect(await countRows()).toEqual(before);
  });
});

describe("bearer authentication", () => {
  it("refuses a malformed Authorization header, an unknown token, and an expired or revoked one", async () => {
    expect((await api("GET", "/api/v1/projects", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await api("GET", "/api/v1/projects", { token: "plx_unknown" })).status).toBe(401);

    const { body } = await api("POST", "/api/v1/tokens", { json: { email: user.email, password: TEST_PASSWORD } });
    expect((await api("GET", "/api/v1/projects", { token: body.token })).status).toBe(200);
    // Changed outside the API (plain SQL, another instance): the server trusts its last check for at most a second.
    await db().apiToken.update({ where: { id: body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const expired = await api("GET", "/api/v1/projects", { token: body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired or revoked/);

    const second = await api("POST", "/api/v1/tokens", { json: { email: user.email, password: TEST_PASSWORD } });
    await db().apiToken.update({ where: { id: second.body.id }, data: { revokedAt: new Date() } });
    expect((await api("GET", "/api/v1/projects", { token: second.body.token })).status).toBe(401);
  });

  it("answers 401 for every API route without credentials", async () => {
    const routes = [
      ["GET", "/api/v1/projects"],
      ["POST", "/api/v1/projects"],
      ["GET", "/api/v1/projects/019ab000-0000-7000-8000-000000000001"],
      ["GET", "/api/v1/projects/019ab000-0000-7000-8000-000000000001/articles"],
      ["POST", "/api/v1/projects/019ab000-0000-7000-8000-000000000001/articles"],
      ["GET", "/api/v1/projects/019ab000-0000-7000-8000-000000000001/tags"],
      ["GET", "/api/v1/articles/019ab000-0000-7000-8000-000000000100"],
      ["PATCH", "/api/v1/articles/019ab000-0000-7000-8000-000000000100"],
      ["DELETE", "/api/v1/articles/019ab000-0000-7000-8000-000000000100"],
    ] as const;
    for (const [method, path] of routes) {
      const response = await api(method, path, method === "GET" || method === "DELETE" ? {} : { json: {} });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(errorCode(response)).toBe("unauthorized");
    }
  });
});

describe("GET /api/v1/tokens and DELETE /api/v1/tokens/:id", () => {
  it("lists the owner's tokens without the secret, and the owner revokes one; another user cannot", async () => {
    const owner = await createUser({ label: "owner" });
    const stranger = await createUser({ label: "stranger" });
    const second = (
      await api("POST", "/api/v1/tokens", {
        json: { email: owner.email, password: TEST_PASSWORD, name: "second", expiresInDays: 7 },
      })
    ).body;
    const listed = await api("GET", "/api/v1/tokens", { token: owner.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((token: { name: string }) => token.name)).toEqual(["second", "API token"]);
    expect(JSON.stringify(listed.body)).not.toContain(second.token);
    expect(listed.body.items[0]).toEqual({
      id: second.id,
      name: "second",
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: second.expiresAt,
    });

    expect((await api("DELETE", `/api/v1/tokens/${second.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/projects", { token: second.token })).status).toBe(200);
    expect((await api("DELETE", `/api/v1/tokens/${second.id}`, { token: owner.token })).status).toBe(204);
    expect((await api("GET", "/api/v1/projects", { token: second.token })).status).toBe(401);
    expect((await api("DELETE", `/api/v1/tokens/${second.id}`, { token: owner.token })).status).toBe(404);
    expect((await api("GET", "/api/v1/tokens", { token: owner.token })).body.items).toHaveLength(1);
  });

  it("refuses an expired token", async () => {
    const owner = await createUser({ label: "expiring" });
    const created = (
      await api("POST", "/api/v1/tokens", { json: { email: owner.email, password: TEST_PASSWORD, expiresInDays: 1 } })
    ).body;
    await db().apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api("GET", "/api/v1/projects", { token: created.token })).status).toBe(401);
  });
});
