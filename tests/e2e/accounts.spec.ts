import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fetchFrom, loopbackAddresses } from "../support/api";
import { signUp } from "./support";

test("a new user signs up, creates a project, imports an article whose HTML is shown as text, and signs out", async ({
  page,
}) => {
  const email = `new-${randomUUID()}@test.example`;
  await signUp(page, "New Reporter", email, "a long enough password");
  await expect(page.getByText("New Reporter")).toBeVisible();

  await page.getByLabel("Name").fill("Local elections");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Local elections");

  await page.getByRole("link", { name: "Import article" }).click();
  await page.getByLabel("Title").fill("Council <b>vote</b>");
  await page.getByLabel("Outlet").fill("Daily <i>Planet</i>");
  await page.getByLabel("Text").fill('First paragraph.\n<img src=x onerror="window.__xss=1">\n\nآسواکا said “no”.');
  // The text box is a full-width field like the title (a className of its own once replaced the field's look).
  const [textBox, titleBox] = [
    await page.getByLabel("Text").boundingBox(),
    await page.getByLabel("Title").boundingBox(),
  ];
  expect(Math.round(textBox!.width)).toBe(Math.round(titleBox!.width));
  await page.screenshot({ path: ".data/test-results/import-article.png" });
  await page.getByRole("button", { name: "Import article" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Council <b>vote</b>");
  await expect(page.getByTestId("article-source")).toHaveText("Daily <i>Planet</i>");
  await expect(page.locator("[data-article-text]")).toContainText('<img src=x onerror="window.__xss=1">');
  await expect(page.locator("[data-article-text] img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/signin/);
});

test("a sign-up whose automatic sign-in the rate limit refuses keeps the account and says to sign in", async ({
  page,
}) => {
  const email = `limited-${randomUUID()}@test.example`;
  // Failed attempts on an email count before it has an account: five from elsewhere put it over the limit.
  const nextAddress = loopbackAddresses(22);
  for (let attempt = 0; attempt < 5; attempt++) {
    const guess = await fetchFrom(nextAddress(), "/api/v1/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "a guess" }),
    });
    expect(guess.status).toBe(401);
  }
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Late Joiner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/signin\?created=1$/);
  await expect(page.getByRole("status")).toHaveText("Your account is created. Sign in with it to continue.");
  // The account exists: signing up again with the address is refused.
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Late Joiner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("An account with this email already exists.");
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("editor@example.org");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test(
  "account: a token is shown once, works, is listed and revoked; a password change and a sign-out end the " +
    "sessions",
  async ({ page, browser }) => {
    const email = `account-${randomUUID()}@test.example`;
    await signUp(page, "Token Owner", email, "first password 123");

    await page.getByRole("link", { name: "Token Owner" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
    const form = page.getByRole("form", { name: "New token" });
    await form.getByLabel("Name").fill("Nightly import");
    await form.getByLabel("Your password").fill("first password 123");
    await form.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!;
    expect(token).toMatch(/^plx_/);
    const tokens = page.getByRole("list", { name: "Your tokens" }).getByRole("listitem");
    await expect(tokens).toHaveCount(1);
    await expect(tokens.first()).toContainText("Nightly import");
    await page.screenshot({ path: ".data/test-results/account.png", fullPage: true });
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);

    const withToken = (value: string) =>
      page.request.get("/api/v1/projects", { headers: { authorization: `Bearer ${value}` } });
    expect((await withToken(token)).status()).toBe(200);
    await tokens.first().getByRole("button", { name: "Revoke" }).click();
    await expect(tokens).toHaveCount(0);
    expect((await withToken(token)).status()).toBe(401);

    // A copy of the session cookie stops working once the password changes.
    const copy = await browser.newContext({ storageState: await page.context().storageState() });
    expect((await copy.request.get("/api/v1/projects")).status()).toBe(200);
    const password = page.getByRole("form", { name: "Change password" });
    await password.getByLabel("Current password").fill("first password 123");
    await password.getByLabel("New password").fill("second password 456");
    await password.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await copy.request.get("/api/v1/projects")).status()).toBe(401);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("second password 456");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/projects$/);

    // Signing out ends the session for every copy of its cookie.
    const second = await browser.newContext({ storageState: await page.context().storageState() });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await second.request.get("/api/v1/projects")).status()).toBe(401);
    await copy.close();
    await second.close();
  },
);

test(
  "single sign-on: the identity provider vouches for an email, which signs in to its account or a new one; an " +
    "address " +
    "it does not confirm is refused",
  async ({ page }) => {
    /** Through the provider's own pages (oidc-provider's): any login, which is the email; then its consent. */
    const signInThroughProvider = async (email: string) => {
      await page.context().clearCookies({ domain: "127.0.0.1" }); // the provider's own session: another person each
      // time
      await page.goto("/signin?callbackUrl=%2Faccount");
      await page.getByRole("button", { name: "Continue with Newsroom SSO" }).click();
      await page.locator('input[name="login"]').fill(email);
      await page.locator('input[name="password"]').fill("the provider checks this");
      await page.getByRole("button", { name: "Sign-in" }).click();
      await page.getByRole("button", { name: "Continue" }).click();
    };

    // A first sign-in makes the account, named as the provider names the person, and comes back where it was going.
    const email = `sso-${randomUUID()}@newsroom.example`;
    await signInThroughProvider(email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("banner").getByText(`SSO ${email.split("@")[0]}`)).toBeVisible();
    // It has no password to change or to sign in with.
    await expect(page.getByText("This account signs in through single sign-on and has no password.")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");

    // An account made with a password is the same account when its email signs in through the provider (in any case).
    await signInThroughProvider("Editor@Example.org");
    await expect(page.getByRole("banner").getByText("Demo Editor")).toBeVisible();
    await page.goto("/projects");
    await expect(page.getByRole("link", { name: /Afghan resistance, summer 2021/ })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();

    // An address the provider says it has not confirmed signs in to nothing.
    await signInThroughProvider(`unverified-${randomUUID()}@newsroom.example`);
    await expect(page).toHaveURL(/\/signin\?/);
    await expect(page.locator("main").getByRole("alert")).toContainText("Single sign-on did not sign you in");
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/signin/);
  },
);
