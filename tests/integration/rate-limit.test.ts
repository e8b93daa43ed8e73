import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startAppInstance } from "../support/app-instance";
import { fetchFrom, loopbackAddresses } from "../support/api";
import { createUser, TEST_PASSWORD, type TestUser } from "../support/factories";

/**
 * Every call comes from a loopback address of its own (127.21.x.y) unless a
 * test names one: the app tells clients apart by their socket's address.
 */
const nextAddress = loopbackAddresses(21);

async function requestToken(
  email: string,
  password: string,
  from = nextAddress(),
  headers: Record<string, string> = {},
  path = "/api/v1/tokens",
) {
  const response = await fetchFrom(from, path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function signIn(email: string, password: string, from = nextAddress()) {
  const csrf = await fetchFrom(from, "/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  return fetchFrom(from, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password }).toString(),
  });
}

/** Moves the account's counted attempts into the past, as if that much time had gone by. */
async function ageAttempts(email: string, milliseconds: number) {
  await db().$executeRaw`UPDATE auth_failures SET created_at = created_at - ${`${milliseconds} milliseconds`}::interval
      WHERE email = ${email}`;
}

const statuses = (responses: { status: number }[]) => responses.map((response) => response.status).sort();
const countOf = (list: number[], status: number) => list.filter((value) => value === status).length;

let user: TestUser;
beforeAll(async () => {
  user = await createUser({ label: "limited" });
});

describe("the sign-in rate limit", () => {
  it(
    "allows 5 failed token requests per account, then answers " + "429 with Retry-After, also for the right password",
    async () => {
      const attacker = nextAddress();
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await requestToken(user.email, "wrong", attacker)).status).toBe(401);
      const limited = await requestToken(user.email, TEST_PASSWORD, attacker);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("rate_limited");
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // next-auth's own sign-in endpoint is limited by the same count.
      const signInResponse = await signIn(user.email, TEST_PASSWORD, attacker);
      expect(signInResponse.status).toBe(429);
      expect(signInResponse.headers.get("retry-after")).toMatch(/^\d+$/);
      // Once the failures are older than 15 minutes, the account is free again.
      await ageAttempts(user.email, 16 * 60_000);
      expect((await requestToken(user.email, TEST_PASSWORD, attacker)).status).toBe(201);
    },
  );

  it("limits an address trying many accounts, unknown emails counting like wrong passwords", async () => {
    const address = nextAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await requestToken(`nobody-${randomUUID()}@test.example`, "whatever", address);
      expect(response.status).toBe(401);
      expect(response.body.error.message).toBe("Wrong email or password.");
    }
    const other = await createUser({ label: "other" });
    expect((await requestToken(other.email, TEST_PASSWORD, address)).status).toBe(429);
    expect((await requestToken(other.email, TEST_PASSWORD)).status).toBe(201);
  });

  it("counts failed sign-ins through next-auth too, and a success clears the account's count", async () => {
    const someone = await createUser({ label: "signin" });
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(someone.email, "wrong")).status).toBe(302);
    expect(await db().authFailure.count({ where: { email: someone.email } })).toBe(4);
    const success = await signIn(someone.email, TEST_PASSWORD);
    expect(success.headers.getSetCookie().join()).toContain("authjs.session-token");
    expect(await db().authFailure.count({ where: { email: someone.email } })).toBe(0);
  });

  it("checks at most 5 passwords of 40 sent at once, from one address or from 40", async () => {
    const target = await createUser({ label: "parallel" });
    const address = nextAddress();
    const fromOne = statuses(
      await Promise.all(Array.from({ length: 40 }, () => requestToken(target.email, "wrong", address))),
    );
    expect(countOf(fromOne, 401)).toBeLessThanOrEqual(5);
    expect(countOf(fromOne, 401) + countOf(fromOne, 429)).toBe(40);

    const spread = await createUser({ label: "parallel-spread" });
    const fromMany = statuses(await Promise.all(Array.from({ length: 40 }, () => requestToken(spread.email, "wrong"))));
    expect(countOf(fromMany, 401)).toBeLessThanOrEqual(5);
    expect(countOf(fromMany, 401) + countOf(fromMany, 429)).toBe(40);
  });

  it(
    "takes the right password sent 40 times at once after failures: never called wrong, the owner gets in, the count " +
      "starts afresh",
    async () => {
      const owner = await createUser({ label: "parallel-right" });
      const address = nextAddress();
      for (let attempt = 0; attempt < 3; attempt++)
        expect((await requestToken(owner.email, "wrong", address)).status).toBe(401);
      // Two attempts are left until one succeeds; a success forgets the account's failures, so later ones may pass too.
      const answers = statuses(
        await Promise.all(Array.from({ length: 40 }, () => requestToken(owner.email, TEST_PASSWORD, address))),
      );
      expect(countOf(answers, 401)).toBe(0);
      expect(countOf(answers, 201)).toBeGreaterThanOrEqual(1);
      expect(countOf(answers, 201) + countOf(answers, 429)).toBe(40);
      expect(await db().authFailure.count({ where: { email: owner.email } })).toBe(0);
    },
  );
});

describe("the account lock-out", () => {
  it(
    "does not stop the owner for good: from an address with no failures, the right password passes, one attempt per " +
      "30 s",
    async () => {
      const owner = await createUser({ label: "victim" });
      const attackers = Array.from({ length: 5 }, () => nextAddress());
      for (const attacker of attackers) expect((await requestToken(owner.email, "wrong", attacker)).status).toBe(401);
      // The account is over its limit: an address that failed on it waits out the window…
      const fromAttacker = await requestToken(owner.email, TEST_PASSWORD, attackers[0]);
      expect(fromAttacker.status).toBe(429);
      expect(Number(fromAttacker.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
      // …a clean one gets the next slot, 30 s after the last attempt…
      const ownerAddress = nextAddress();
      const tooSoon = await requestToken(owner.email, TEST_PASSWORD, ownerAddress);
      expect(tooSoon.status).toBe(429);
      expect(Number(tooSoon.headers.get("retry-after"))).toBeLessThanOrEqual(30);
      await ageAttempts(owner.email, 31_000);
      // …and of 40 attempts at once the first through the slot is right, which clears the count (so later ones may pass
      // too).
      const answers = statuses(
        await Promise.all(Array.from({ length: 40 }, () => requestToken(owner.email, TEST_PASSWORD, ownerAddress))),
      );
      expect(countOf(answers, 201)).toBeGreaterThanOrEqual(1);
      expect(countOf(answers, 201) + countOf(answers, 429)).toBe(40);
      expect(await db().authFailure.count({ where: { email: owner.email } })).toBe(0);
      expect((await requestToken(owner.email, TEST_PASSWORD, attackers[1])).status).toBe(201);
    },
  );

  it("lets a guesser who rotates addresses check one password per 30 s at most", async () => {
    const owner = await createUser({ label: "rotated" });
    for (let attempt = 0; attempt < 5; attempt++) expect((await requestToken(owner.email, "wrong")).status).toBe(401);
    await ageAttempts(owner.email, 31_000);
    const answers = statuses(await Promise.all(Array.from({ length: 20 }, () => requestToken(owner.email, "wrong"))));
    expect(countOf(answers, 401)).toBe(1);
    expect(countOf(answers, 429)).toBe(19);
  });

  it(
    "ignores X-Forwarded-For from clients when no proxy " + "is trusted: rotating it does not make a new address",
    async () => {
      const address = nextAddress();
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await requestToken(`nobody-${randomUUID()}@test.example`, "wrong", address, {
          "x-forwarded-for": `203.0.113.${attempt + 1}`,
        });
        expect(response.status).toBe(401);
      }
      const someone = await createUser({ label: "behind-header" });
      const rotated = await requestToken(someone.email, TEST_PASSWORD, address, { "x-forwarded-for": "203.0.113.99" });
      expect(rotated.status).toBe(429);
    },
  );
});

describe("behind a trusted proxy (PARALLAX_TRUSTED_PROXIES)", () => {
  let app: { url: string; stop: () => void };
  beforeAll(async () => {
    app = await startAppInstance({ PARALLAX_TRUSTED_PROXIES: "127.21.200.1, 127.21.201.0/24" });
  }, 120_000);
  afterAll(() => app?.stop());

  const viaProxy = (proxy: string, forwardedFor: string, email: string) =>
    requestToken(email, "wrong", proxy, { "x-forwarded-for": forwardedFor }, new URL("/api/v1/tokens", app.url).href);

  it("counts the client the proxy names, past trusted proxies, and ignores the header from anyone else", async () => {
    const nobody = () => `nobody-${randomUUID()}@test.example`;
    // The client's own words (left of the proxy's entry) change nothing: 198.51.100.7 is counted five times.
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await viaProxy("127.21.200.1", `10.9.9.${attempt}, 198.51.100.7`, nobody())).status).toBe(401);
    expect((await viaProxy("127.21.200.1", "198.51.100.7", nobody())).status).toBe(429);
    // Through two trusted proxies (the second one in the header), the same client.
    expect((await viaProxy("127.21.200.1", "198.51.100.7, 127.21.201.9", nobody())).status).toBe(429);
    // Another client through the proxy is not limited.
    expect((await viaProxy("127.21.200.1", "198.51.100.8", nobody())).status).toBe(401);
    // An untrusted caller naming 198.51.100.8 is counted as itself.
    const untrusted = nextAddress();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await viaProxy(untrusted, `198.51.100.${50 + attempt}`, nobody())).status).toBe(401);
    expect((await viaProxy(untrusted, "198.51.100.60", nobody())).status).toBe(429);
  });
});
