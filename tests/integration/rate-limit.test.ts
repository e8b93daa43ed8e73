import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, baseUrl } from "../support/api";
import { createUser, TEST_PASSWORD, type TestUser } from "../support/factories";

/**
 * A made-up client address per call, never the same twice in a run (the last
 * entry is the one counted): random draws from 250 once put two calls on one
 * address, whose failures then added up. The run's prefix is random so that a
 * rerun against the same database within 15 minutes starts clean too.
 */
const runPrefix = `10.${randomInt(256)}.${randomInt(256)}`;
let addressesUsed = 0;
const fromAddress = () => ({ "x-forwarded-for": `198.51.100.7, ${runPrefix}.${++addressesUsed}` });

async function requestToken(email: string, password: string, headers: Record<string, string>) {
  return api("POST", "/api/v1/tokens", { json: { email, password }, headers });
}

async function signIn(email: string, password: string, headers: Record<string, string>) {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
  return fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
}

let user: TestUser;
beforeAll(async () => {
  user = await createUser({ label: "limited" });
});

describe("the sign-in rate limit", () => {
  it("allows 5 failed token requests per account, then answers 429 with Retry-After, also for the right password", async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await requestToken(user.email, "wrong", fromAddress())).status).toBe(401);
    const limited = await requestToken(user.email, TEST_PASSWORD, fromAddress());
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // next-auth's own sign-in endpoint is limited by the same count.
    const signInResponse = await signIn(user.email, TEST_PASSWORD, fromAddress());
    expect(signInResponse.status).toBe(429);
    expect(signInResponse.headers.get("retry-after")).toMatch(/^\d+$/);
    // Once the failures are older than 15 minutes, the account is free again.
    await db().authFailure.updateMany({ where: { key: `account:${user.email}` }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    expect((await requestToken(user.email, TEST_PASSWORD, fromAddress())).status).toBe(201);
  });

  it("limits an address trying many accounts, unknown emails counting like wrong passwords", async () => {
    const address = fromAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await requestToken(`nobody-${randomUUID()}@test.example`, "whatever", address);
      expect(response.status).toBe(401);
      expect(response.body.error.message).toBe("Wrong email or password.");
    }
    const other = await createUser({ label: "other" });
    expect((await requestToken(other.email, TEST_PASSWORD, address)).status).toBe(429);
    expect((await requestToken(other.email, TEST_PASSWORD, fromAddress())).status).toBe(201);
  });

  it("counts failed sign-ins through next-auth too, and a success clears the account's count", async () => {
    const someone = await createUser({ label: "signin" });
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(someone.email, "wrong", fromAddress())).status).toBe(302);
    expect(await db().authFailure.count({ where: { key: `account:${someone.email}` } })).toBe(4);
    const success = await signIn(someone.email, TEST_PASSWORD, fromAddress());
    expect(success.headers.getSetCookie().join()).toContain("authjs.session-token");
    expect(await db().authFailure.count({ where: { key: `account:${someone.email}` } })).toBe(0);
  });
});
