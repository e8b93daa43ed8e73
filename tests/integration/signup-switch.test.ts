import { describe, expect, it } from "vitest";
import { startAppInstance } from "../support/app-instance";

describe("PARALLAX_ALLOW_SIGNUP=false", () => {
  it("turns self-service sign-up off", async () => {
    const app = await startAppInstance({ PARALLAX_ALLOW_SIGNUP: "false" });
    try {
      const signup = await (await fetch(`${app.url}/signup`)).text();
      expect(signup).toContain("Sign-up is switched off on this server");
      expect(signup).not.toContain('name="password"');
      const signin = await (await fetch(`${app.url}/signin`)).text();
      expect(signin).not.toContain("Create an account");
    } finally {
      app.stop();
    }
  });
});
