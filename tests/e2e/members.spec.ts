import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { api, signIn, signUp } from "./support";

async function newProject(page: Page, name: string): Promise<string> {
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `${name} ${Date.now()}` } })
  ).json()) as { id: string };
  return project.id;
}

async function invite(page: Page, email: string, role: "EDITOR" | "REVIEWER" | "VIEWER") {
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Send invitation" }).click();
}

test(
  "an editor invites by email; the person accepts on the Projects page; roles change; they are removed; the last " +
    "editor is kept",
  async ({ page, browser }) => {
    await signIn(page, "editor@example.org");
    const projectId = await newProject(page, "Team");
    await page.goto(`/projects/${projectId}`);
    await page.getByRole("link", { name: "Members" }).click();
    await invite(page, "reviewer@example.org", "VIEWER");
    await expect(page.getByRole("status")).toContainText("Invited reviewer@example.org as viewer.");
    const pending = page.getByTestId("invitation-row");
    await expect(pending).toHaveCount(1);
    const rows = page.getByTestId("member-row");
    await expect(rows).toHaveCount(1);
    await page.screenshot({ path: ".data/test-results/members.png", fullPage: true });

    // The reviewer sees the invitation when they open their projects, and joins.
    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, "reviewer@example.org");
    const invitation = reviewer.getByTestId("my-invitation").filter({ hasText: "Team" });
    await expect(invitation).toContainText("Demo Editor invites you to Team");
    await invitation.getByRole("button", { name: "Accept" }).click();
    await expect(reviewer.getByRole("status")).toContainText("You joined Team");
    await expect(reviewer.getByRole("link", { name: /^Team/ })).toBeVisible();

    await page.reload();
    await expect(rows).toHaveCount(2);
    await expect(pending).toHaveCount(0);
    await page.getByLabel("Role of Demo Reviewer").selectOption("REVIEWER");
    await expect(page.getByRole("status")).toHaveText("Demo Reviewer is now reviewer.");
    await page.getByLabel("Role of Demo Editor").selectOption("VIEWER");
    await expect(page.getByRole("alert").filter({ hasText: "last editor" })).toBeVisible();
    await expect(page.getByLabel("Role of Demo Editor")).toHaveValue("EDITOR");
    // Removing asks first; "Keep" keeps.
    const reviewerRow = rows.filter({ hasText: "Demo Reviewer" });
    await reviewerRow.getByRole("button", { name: "Remove" }).click();
    await expect(reviewerRow).toContainText("Remove Demo Reviewer from the project?");
    await reviewerRow.getByRole("button", { name: "Keep" }).click();
    await expect(rows).toHaveCount(2);
    await reviewerRow.getByRole("button", { name: "Remove" }).click();
    await reviewerRow.getByRole("button", { name: "Yes, remove" }).click();
    await expect(page.getByRole("status")).toContainText("Removed Demo Reviewer");
    await expect(rows).toHaveCount(1);
    // The last editor cannot leave either.
    await rows.getByRole("button", { name: "Leave project" }).click();
    await rows.getByRole("button", { name: "Yes, leave" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "last editor" })).toBeVisible();
  },
);

test("the Members page fits a phone: nothing runs past the screen's edge", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, "editor@example.org");
  const projectId = await newProject(page, "Phone desk");
  await page.goto(`/projects/${projectId}/members`);
  await expect(page.getByRole("form", { name: "Invite someone" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test(
  "an invitation to an address without an account waits for its sign-up; editors revoke invitations; a member " +
    "declines one and leaves a project",
  async ({ page, browser }) => {
    await signIn(page, "editor@example.org");
    const projectId = await newProject(page, "Desk");
    const otherId = await newProject(page, "Other desk");
    const email = `newcomer-${randomUUID()}@test.example`;
    await page.goto(`/projects/${projectId}/members`);
    // Typed in capitals: addresses match in any case.
    await invite(page, email.toUpperCase(), "REVIEWER");
    await expect(page.getByRole("status")).toContainText(`Invited ${email} as reviewer.`);
    await invite(page, `someone-${randomUUID()}@test.example`, "VIEWER");
    const pending = page.getByTestId("invitation-row");
    await expect(pending).toHaveCount(2);
    await pending.filter({ hasText: "someone-" }).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("status")).toContainText("Revoked the invitation of someone-");
    await expect(pending).toHaveCount(1);
    await page.goto(`/projects/${otherId}/members`);
    await invite(page, email, "VIEWER");
    await expect(page.getByRole("status")).toContainText("Invited");

    const newcomer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signUp(newcomer, "New Comer", email, "a long enough password");
    const invitations = newcomer.getByTestId("my-invitation");
    await expect(invitations).toHaveCount(2);
    await newcomer.screenshot({ path: ".data/test-results/invitations-390.png", fullPage: true });
    await invitations.filter({ hasText: "Other desk" }).getByRole("button", { name: "Decline" }).click();
    await expect(newcomer.getByRole("status")).toContainText("You declined the invitation to Other desk");
    await expect(invitations).toHaveCount(1);
    // By keyboard: Accept focused, Enter.
    const accept = invitations.getByRole("button", { name: "Accept" });
    await accept.focus();
    await newcomer.keyboard.press("Enter");
    await expect(newcomer.getByRole("status")).toContainText("You joined Desk");
    await newcomer.getByRole("link", { name: /^Desk/ }).click();
    await newcomer.getByRole("link", { name: "Members" }).click();
    const mine = newcomer.getByTestId("member-row").filter({ hasText: "(you)" });
    await expect(mine).toContainText("reviewer");
    await mine.getByRole("button", { name: "Leave project" }).click();
    await mine.getByRole("button", { name: "Yes, leave" }).click();
    await expect(newcomer).toHaveURL(/\/projects$/);
    await expect(newcomer.getByRole("link", { name: /^Desk/ })).toHaveCount(0);
  },
);
