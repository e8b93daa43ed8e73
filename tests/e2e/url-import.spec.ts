import { expect, test } from "@playwright/test";
import { pageServerOrigin, SAVED_PAGES } from "../support/page-server";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, signIn } from "./support";

for (const size of [WIDE, NARROW]) {
  test(`an editor adds two articles from their URLs by keyboard, line by line, at ${size.width} px`, async ({
    page,
  }) => {
    test.slow(); // axe-core twice, and two pages fetched and extracted
    await page.setViewportSize(size);
    await signIn(page, "editor@example.org");
    const project = (await (
      await api(page, "POST", "/api/v1/projects", { data: { name: `From the web ${Date.now()}` } })
    ).json()) as { id: string };
    const site = pageServerOrigin();
    const commando = `${site}/articles/commando?at=${size.width}`;
    const resistance = `${site}/articles/resistance?at=${size.width}`;
    await page.goto(`/projects/${project.id}`);

    const opener = page.getByRole("button", { name: "Add from URLs" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add articles from URLs" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("URLs, one per line").focus();
    await page.keyboard.insertText(`${commando}\n\n${resistance}\n`);
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Add" })).toBeFocused();
    await page.keyboard.press("Enter");

    const lines = dialog.getByRole("list", { name: "URLs added" }).getByRole("listitem");
    await expect(lines).toHaveCount(2);
    await expect(dialog.getByTestId("url-import-progress")).toHaveText("2 / 2 URLs");
    await expect(lines.nth(0)).toContainText(`added: ${SAVED_PAGES.commando.title}`);
    await expect(lines.nth(1)).toContainText(`added: ${SAVED_PAGES.resistance.title}`);

    // The same page again, and an internal address: each line says what happened.
    await dialog.getByLabel("URLs, one per line").fill(`${commando}\nhttp://10.0.0.1/`);
    await dialog.getByRole("button", { name: "Add" }).click();
    await expect(dialog.getByTestId("url-import-progress")).toHaveText("2 / 2 URLs");
    await expect(lines.nth(0)).toContainText(`already in the project as “${SAVED_PAGES.commando.title}”`);
    await expect(lines.nth(0).getByRole("link", { name: "open existing" })).toBeVisible();
    await expect(lines.nth(1)).toContainText("refused: 10.0.0.1 is an internal address");
    await expectNoAxeViolations(page, "the Add from URLs dialog with its outcomes");
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `.data/test-results/url-import-${size.width}.png` });

    await lines.nth(0).getByRole("link", { name: "open existing" }).click();
    await expect(page.getByRole("heading", { level: 1, name: SAVED_PAGES.commando.title })).toBeVisible();
    await expect(page.locator("[data-article-text]")).toContainText(SAVED_PAGES.commando.text.split("\n")[0]!);
  });
}
