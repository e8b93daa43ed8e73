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
    const response = await api("POST", "/api/v1/tokens", { json: { email: user.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(response.status).toBe(201);
    expect(response.body.token).toMatch(/^plx_[A-Za-z0-9_-]{43}$/);
    expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const projects = await api("GET", "/api/v1/projects", { token: response.body.token });
    expect(projects.status).toBe(200);
    expect(projects.body).toEqual({ items: [], nextCursor: null });
  });

  it("stores only a hash of the token", async () => {
    const { body } = await api("POST", "/api/v1/tokens", { json: { email: user.email, password: TEST_PASSWORD, name: "CI script" } });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.name).toBe("CI script");
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(body.token.slice(4));
    expect(JSON.stringify(row)).not.toContain(body.token);
  });

  it("answers 401 with the same message for a wrong password and an unknown email", async () => {
    const wrongPassword = await api("POST", "/api/v1/tokens", { json: { email: user.email, password: "not the password" } });
    const unknownEmail = await api("POST", "/api/v1/tokens", { json: { email: "nobody@test.example", password: TEST_PASSWORD } });
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
    await db().apiToken.update({ where: { id: body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
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
