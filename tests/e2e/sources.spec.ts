import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test(
  "an editor notes an outlet's ownership on the Outlets " + "page and the comparison shows it under the outlet's name",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const project = (await (
      await api(page, "POST", "/api/v1/projects", { data: { name: `Grain deal ${Date.now()}` } })
    ).json()) as { id: string };
    for (const [title, sourceName] of [
      ["Russia quits grain deal", "Reuters"],
      ["West broke its promises", "TASS"],
    ]) {
      expect(
        (
          await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
            data: { title, text: `${title}, the report said.`, sourceName },
          })
        ).status(),
      ).toBe(201);
    }
    await page.goto(`/projects/${project.id}`);
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Outlets" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outlets");
    const rows = page.getByTestId("source-row");
    // Every row lists the other outlets to merge into: a row is found by its own name.
    const row = (name: string) =>
      rows.filter({ has: page.getByTestId("source-name").getByText(name, { exact: true }) });
    await expect(rows).toHaveText([/Reuters1 article/, /TASS1 article/]);

    await row("TASS").getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit TASS" });
    await form.getByLabel("Homepage").fill("https://tass.com");
    await form.getByLabel("Notes (ownership, lean, reliability)").fill("State-owned news agency (Russia).");
    await form.getByRole("button", { name: "Save outlet" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved “TASS”.");
    const tass = row("TASS");
    await expect(tass).toContainText("State-owned news agency (Russia).");
    await expect(tass.getByRole("link", { name: "https://tass.com" })).toHaveAttribute("href", "https://tass.com");

    // A name another outlet has is refused, and the form keeps what was typed.
    await row("Reuters").getByRole("button", { name: "Edit" }).click();
    const reuters = page.getByRole("form", { name: "Edit Reuters" });
    await reuters.getByLabel("Name").fill("tass");
    await reuters.getByRole("button", { name: "Save outlet" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "An outlet named" })).toContainText(
      "An outlet named 'TASS' already exists",
    );
    await expect(reuters.getByLabel("Name")).toHaveValue("tass");
    await reuters.getByRole("button", { name: "Cancel" }).click();
    await page.screenshot({ path: ".data/test-results/outlets.png" });

    // An outlet whose articles all went elsewhere can be deleted; one with articles cannot.
    await expect(row("Reuters").getByRole("button", { name: "Delete" })).toHaveCount(0);
    const spare = (await (
      await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
        data: { title: "Spare", text: "A spare report.", sourceName: "Pajhwok" },
      })
    ).json()) as { id: string };
    expect(
      (await api(page, "PATCH", `/api/v1/articles/${spare.id}`, { data: { sourceName: "Reuters" } })).status(),
    ).toBe(200);
    await page.reload();
    const pajhwok = row("Pajhwok");
    await expect(pajhwok).toContainText("0 articles");
    await pajhwok.getByRole("button", { name: "Delete" }).click();
    await pajhwok.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByRole("status")).toHaveText("Deleted “Pajhwok”.");
    await expect(rows).toHaveText([/Reuters2 articles/, /TASS1 article/]);

    // Two spellings of one outlet become one: the articles move, the notes the kept one lacked come along.
    expect(
      (
        await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
          data: { title: "Deal over", text: "The deal is over.", sourceName: "TASS English" },
        })
      ).status(),
    ).toBe(201);
    await page.reload();
    await expect(rows).toHaveText([/Reuters2 articles/, /TASS1 article/, /TASS English1 article/]);
    const duplicate = row("TASS English");
    await expect(duplicate.getByRole("button", { name: "Merge" })).toBeDisabled();
    await duplicate.getByRole("combobox", { name: "Merge “TASS English” into" }).selectOption({ label: "TASS" });
    await duplicate.getByRole("button", { name: "Merge" }).click();
    await expect(duplicate).toContainText("Merge “TASS English” into “TASS”? Its article moves there.");
    await duplicate.getByRole("button", { name: "Yes, merge" }).click();
    await expect(page.getByRole("status")).toContainText(
      "Merged “TASS English” into “TASS”: its articles moved there.",
    );
    await expect(rows).toHaveText([/Reuters2 articles/, /TASS2 articles/]);
    await expect(row("TASS")).toContainText("State-owned news agency (Russia).");

    await page.goto(`/projects/${project.id}/compare`);
    const columns = page.getByTestId("compared-source");
    await expect(columns.filter({ hasText: "TASS" }).getByTestId("outlet-notes")).toHaveText(
      "State-owned news agency (Russia).",
    );
    await expect(columns.filter({ hasText: "Reuters" }).getByTestId("outlet-notes")).toHaveCount(0);
  },
);

test(
  "an outlet's article count opens that outlet's articles, " + "and the project's list is found by title or author",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const project = (await (
      await api(page, "POST", "/api/v1/projects", { data: { name: `Dam watch ${Date.now()}` } })
    ).json()) as { id: string };
    for (const [title, sourceName, author] of [
      ["Kajaki dam repaired", "Reuters", "A. Khan"],
      ["Turnout high in Kabul", "Reuters", "B. Noori"],
      ["The dam still leaks", "TASS", "I. Petrov"],
    ]) {
      expect(
        (
          await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
            data: { title, text: `${title}, the report said.`, sourceName, author },
          })
        ).status(),
      ).toBe(201);
    }
    await page.goto(`/projects/${project.id}/sources`);
    await page
      .getByTestId("source-row")
      .filter({ hasText: "Reuters" })
      .getByRole("link", { name: "2 articles" })
      .click();
    const titles = page.getByRole("table").getByTestId("article-title");
    await expect(titles).toHaveText(["Kajaki dam repaired", "Turnout high in Kabul"]);
    await expect(page.getByLabel("Outlet")).toHaveValue("Reuters");

    await page.getByRole("link", { name: "All articles" }).click();
    await expect(titles).toHaveCount(3);
    await expect(page.getByLabel("Outlet")).toHaveValue("");
    await page.getByRole("searchbox", { name: "Title or author" }).fill("DAM");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(titles).toHaveText(["Kajaki dam repaired", "The dam still leaks"]);
    await page.getByRole("searchbox", { name: "Title or author" }).fill("petrov");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(titles).toHaveText(["The dam still leaks"]);
    await page.getByRole("searchbox", { name: "Title or author" }).fill("flood");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByText("No article matches.")).toBeVisible();
    await page.screenshot({ path: ".data/test-results/article-filters.png" });
  },
);
