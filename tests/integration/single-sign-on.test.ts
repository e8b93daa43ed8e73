import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { userForSingleSignOn } from "@/lib/users";
import { createUser } from "../support/factories";

/** lib/ with other settings (undefined: unset) than the app's: env() reads them once per module instance. */
async function withSettings<T>(
  settings: Record<string, string | undefined>,
  use: (modules: { users: typeof import("@/lib/users"); env: typeof import("@/lib/env") }) => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(settings);
  vi.resetModules();
  try {
    return await use({ users: await import("@/lib/users"), env: await import("@/lib/env") });
  } finally {
    apply(saved);
  }
}

describe("single sign-on accounts (the claims of the identity provider's ID token)", () => {
  afterEach(() => vi.resetModules());

  it(
    "creates the account on the first sign-in, without a " + "password, and finds it again by email in any case",
    async () => {
      const email = `sso-${randomUUID()}@newsroom.example`;
      const first = await userForSingleSignOn({
        sub: "x",
        email: email.toUpperCase(),
        email_verified: true,
        name: "  Rahima Noori ",
      });
      expect(first).toEqual({ id: expect.any(String), sessionVersion: 0 });
      const stored = await db().user.findUniqueOrThrow({ where: { id: first!.id } });
      expect(stored).toMatchObject({ email, name: "Rahima Noori", passwordHash: null, siteRole: "USER" });
      expect(await db().auditEntry.count({ where: { entityId: first!.id, action: "user.create" } })).toBe(1);

      expect(await userForSingleSignOn({ email })).toEqual(first);
      // Without a name, the address's first part.
      const unnamed = await userForSingleSignOn({ email: `nameless-${randomUUID()}@newsroom.example` });
      expect((await db().user.findUniqueOrThrow({ where: { id: unnamed!.id } })).name).toMatch(/^nameless-/);
    },
  );

  it("signs in to an account made with a password, with its session version", async () => {
    const user = await createUser({ label: "password-first" });
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 3 } });
    expect(await userForSingleSignOn({ email: user.email, email_verified: true })).toEqual({
      id: user.id,
      sessionVersion: 3,
    });
  });

  it("signs in to nothing for an address the provider has not confirmed, or no address", async () => {
    const before = await db().user.count();
    for (const claims of [
      { email: `a-${randomUUID()}@newsroom.example`, email_verified: false },
      { email: `b-${randomUUID()}@newsroom.example`, email_verified: "false" },
      { sub: "no-email" },
      { email: "not an address" },
      { email: `x${"y".repeat(400)}@newsroom.example` },
      null,
    ]) {
      expect(await userForSingleSignOn(claims)).toBeNull();
    }
    expect(await db().user.count()).toBe(before);
  });

  it("creates no account while sign-up is switched off, and still signs in existing ones", async () => {
    const existing = await createUser({ label: "existing" });
    await withSettings({ PARALLAX_ALLOW_SIGNUP: "false" }, async ({ users }) => {
      expect(await users.userForSingleSignOn({ email: `new-${randomUUID()}@newsroom.example` })).toBeNull();
      expect(await users.userForSingleSignOn({ email: existing.email })).toEqual({
        id: existing.id,
        sessionVersion: 0,
      });
    });
  });

  it("refuses to start with part of the provider's settings", async () => {
    await withSettings(
      { AUTH_OIDC_ISSUER: "https://login.newsroom.example", AUTH_OIDC_ID: undefined, AUTH_OIDC_SECRET: undefined },
      async ({ env }) => {
        expect(() => env.env()).toThrow(
          "single sign-on needs AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET together",
        );
      },
    );
  });
});
