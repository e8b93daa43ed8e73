import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test("an editor renames a project, deletes an article, and deletes the project once its name is typed", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const name = `Flood coverage ${Date.now()}`;
  const project = (await (await api(page, "POST", "/api/v1/projects", { data: { name } })).json()) as { id: string };
  for (const title of ["Dams held, officials say", "Imported by mistake"]) {
    expect(
      (
        await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
          data: { title, text: `${title}, the report said.` },
        })
      ).status(),
    ).toBe(201);
  }

  // Rename and describe; an empty name is refused and what was typed stays.
  await page.goto(`/projects/${project.id}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  const details = page.getByRole("form", { name: "Project details" });
  const renamed = `${name} (spring)`;
  await details.getByLabel("Name").fill(renamed);
  await details.getByLabel("Description").fill("Three outlets on the spring floods.");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await details.getByLabel("Name").fill("   ");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("alert")).toBeVisible();
  await expect(details.getByLabel("Name")).toHaveValue("   ");
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await expect(page.getByText("Three outlets on the spring floods.")).toBeVisible();

  // Delete one article from its page (after confirming).
  await page.getByRole("link", { name: "Imported by mistake" }).click();
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByRole("button", { name: "Delete article" }).click();
  await expect(
    page.getByText("Delete this article? Its annotations leave the comparison, search and reports."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(`**/projects/${project.id}`);
  await expect(page.getByRole("link", { name: "Dams held, officials say" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Imported by mistake" })).toHaveCount(0);

  // Delete the project: the button waits for its exact name.
  await page.goto(`/projects/${project.id}/settings`);
  const removal = page.getByRole("form", { name: "Delete project" });
  const button = removal.getByRole("button", { name: "Delete this project" });
  await removal.getByLabel(/Type the project's name/).fill(name);
  await expect(button).toBeDisabled();
  await removal.getByLabel(/Type the project's name/).fill(renamed);
  await page.screenshot({ path: ".data/test-results/project-settings.png", fullPage: true });
  await button.click();
  await page.waitForURL("**/projects");
  await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
  expect((await api(page, "GET", `/api/v1/projects/${project.id}`)).status()).toBe(404);
  expect((await page.goto(`/projects/${project.id}`))?.status()).toBe(404);
});

test("a reviewer has no Settings and no way to delete", async ({ page }) => {
  await signIn(page, "reviewer@example.org");
  await page.goto("/projects/019ab000-0000-7000-8000-000000000001");
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Events" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  expect((await page.goto("/projects/019ab000-0000-7000-8000-000000000001/settings"))?.status()).toBe(403);
});
