import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, signIn } from "../support/api";
import { createUser, TEST_PASSWORD, type TestUser } from "../support/factories";

let user: TestUser;
beforeAll(async () => {
  user = await createUser({ label: "session" });
});

describe("the session cookie", () => {
  it("authenticates API calls after sign-in, and is HttpOnly", async () => {
    const { cookie, setCookies } = await signIn(user.email, TEST_PASSWORD);
    const sessionCookie = setCookies.find((setCookie) => setCookie.startsWith("authjs.session-token="));
    expect(sessionCookie).toBeDefined();
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect((await api("GET", "/api/v1/projects", { cookie })).status).toBe(200);
  });

  it("gives no session for a wrong password", async () => {
    const { cookie } = await signIn(user.email, "wrong password");
    expect(cookie).not.toContain("authjs.session-token");
    expect((await api("GET", "/api/v1/projects", { cookie })).status).toBe(401);
  });

  it("refuses cookie-authenticated writes from another site (CSRF) and accepts same-origin ones", async () => {
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const crossSite = await api("POST", "/api/v1/projects", { cookie, json: { name: "Forged" }, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    const noOrigin = await api("POST", "/api/v1/projects", { cookie, json: { name: "Forged" } });
    expect(noOrigin.status).toBe(403);
    const sameOrigin = await api("POST", "/api/v1/projects", { cookie, json: { name: "Mine" }, headers: { origin: baseUrl() } });
    expect(sameOrigin.status).toBe(201);
  });
});
