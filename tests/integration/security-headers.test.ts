import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { createUser } from "../support/factories";

describe("security headers", () => {
  it(
    "pages carry a nonce-based Content-Security-Policy without unsafe-eval or inline scripts, and the nonce is on " +
      "Next's scripts",
    async () => {
      const user = await createUser({ label: "csp" });
      const first = await api("GET", "/projects", { token: user.token });
      const second = await api("GET", "/projects", { token: user.token });
      const policy = first.headers.get("content-security-policy")!;
      const directives = Object.fromEntries(
        policy
          .split(";")
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives["script-src"]).not.toContain("'unsafe-inline'");
      expect(policy).not.toContain("unsafe-eval");
      expect(directives["frame-ancestors"]).toEqual(["'none'"]);
      expect(directives["object-src"]).toEqual(["'none'"]);
      const nonce = /'nonce-([^']+)'/.exec(directives["script-src"]!.join(" "))![1]!;
      expect(second.headers.get("content-security-policy")).not.toContain(nonce);
      const scripts = [...(first.body as string).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    },
  );

  it("API answers are nosniff and cannot be framed", async () => {
    const response = await api("GET", "/api/health");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
