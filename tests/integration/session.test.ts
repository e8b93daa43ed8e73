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

  it("ends every session on next-auth's own POST /api/auth/signout: a copied cookie stops working too", async () => {
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const copied = cookie;
    expect((await api("GET", "/api/v1/projects", { cookie: copied })).status).toBe(200);
    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signOut = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(signOut.status).toBe(302);
    expect(signOut.headers.getSetCookie().join()).toMatch(/authjs\.session-token=;/);
    expect((await api("GET", "/api/v1/projects", { cookie: copied })).status).toBe(401);
    // A session signed in afterwards works, and the ended copy cannot sign it out.
    const { cookie: fresh } = await signIn(user.email, TEST_PASSWORD);
    await fetch(`${baseUrl()}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: copied },
      body: new URLSearchParams({ csrfToken }),
    });
    expect((await api("GET", "/api/v1/projects", { cookie: fresh })).status).toBe(200);
  });

  it("refuses cookie-authenticated writes from another site (CSRF) and accepts same-origin ones", async () => {
    const { cookie } = await signIn(user.email, TEST_PASSWORD);
    const crossSite = await api("POST", "/api/v1/projects", {
      cookie,
      json: { name: "Forged" },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await api("POST", "/api/v1/projects", { cookie, json: { name: "Forged" } });
    expect(noOrigin.status).toBe(403);
    const sameOrigin = await api("POST", "/api/v1/projects", {
      cookie,
      json: { name: "Mine" },
      headers: { origin: baseUrl() },
    });
    expect(sameOrigin.status).toBe(201);
  });
});
