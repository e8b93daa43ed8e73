import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, dragSelect, signIn, storedAnnotations } from "./support";

const TEXT = "The minister said 40 villages were retaken. Critics called it propaganda.";

/** A new project (the default codebook) with one article, made by the signed-in editor of `page`. */
async function newProject(page: Page, name: string): Promise<{ projectId: string; articleId: string }> {
  const project = await api(page, "POST", "/api/v1/projects", { data: { name: `${name} ${Date.now()}` } });
  const projectId = ((await project.json()) as { id: string }).id;
  const article = await api(page, "POST", `/api/v1/projects/${projectId}/articles`, {
    data: { title: "Villages", text: TEXT },
  });
  return { projectId, articleId: ((await article.json()) as { id: string }).id };
}

for (const size of [WIDE, NARROW]) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("a single-choice group's tags switch like radio buttons in the popover; required groups are marked", async ({
      page,
    }) => {
      await signIn(page, "editor@example.org");
      const { articleId } = await newProject(page, "Radio");
      await page.goto(`/articles/${articleId}`);
      const quote = "40 villages were retaken";
      await dragSelect(page, TEXT.indexOf(quote), TEXT.indexOf(quote) + quote.length);
      const picker = page.getByTestId("tag-picker");
      await expect(picker).toBeFocused();

      const verdicts = picker.getByRole("radiogroup", { name: /verdict/ });
      const claimTypes = picker.getByRole("radiogroup", { name: /claim type.*required/ });
      await expect(claimTypes).toHaveAttribute("aria-required", "true");
      await expect(picker.getByRole("group", { name: /^frame/ })).toBeVisible();

      await verdicts.getByRole("radio", { name: /accurate/ }).click();
      await expect(verdicts.getByRole("radio", { name: /accurate/ })).toHaveAttribute("aria-checked", "true");
      // By its keys (v then f): false replaces accurate.
      await picker.focus();
      await page.keyboard.press("v");
      await page.keyboard.press("f");
      await expect(verdicts.getByRole("radio", { name: /false/ })).toHaveAttribute("aria-checked", "true");
      await expect(verdicts.getByRole("radio", { name: /accurate/ })).toHaveAttribute("aria-checked", "false");
      await expect(verdicts.locator("[aria-checked=true]")).toHaveCount(1);
      // Frames stay any number.
      await picker.getByRole("button", { name: /^economic/ }).click();
      await picker.getByRole("button", { name: /^political/ }).click();
      await page.keyboard.press("s");
      await expectNoAxeViolations(page, "the tag popover with its radio groups");
      await picker.getByRole("button", { name: "Save annotation" }).click();
      await expect(picker).toHaveCount(0);
      const [stored] = await storedAnnotations(page, articleId);
      expect(stored!.tags.map((tag) => tag.name).sort()).toEqual(["economic", "false", "political", "statistic"]);
    });

    test("an editor sets a group's rules by keyboard; the annotations breaking them are listed", async ({ page }) => {
      test.slow();
      await signIn(page, "editor@example.org");
      const { projectId, articleId } = await newProject(page, "Rules");
      const quote = "Critics called it propaganda";
      const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: {
          start: TEXT.indexOf(quote),
          end: TEXT.indexOf(quote) + quote.length,
          exact: quote,
          tags: ["opinion", "doubt"],
        },
      });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as { id: string };

      await page.goto(`/projects/${projectId}/codebook`);
      const rhetoric = page.getByRole("region", { name: "rhetoric" });
      const choice = rhetoric.getByRole("combobox", { name: "Tags per annotation" });
      await expect(choice).toHaveValue("multiple");
      await choice.focus();
      await choice.selectOption("single");
      await expect(page.getByText(/Saved the rules of “rhetoric”: one tag at most\./)).toBeVisible();

      const frame = page.getByRole("region", { name: "frame" });
      const required = frame.getByRole("checkbox", { name: "Required to submit" });
      await required.focus();
      await page.keyboard.press("Space");
      await expect(page.getByText(/1 annotation breaks them \(listed below\)/)).toBeVisible();
      const breaches = page.getByTestId("rule-breaches");
      await expect(breaches).toContainText("1 annotation breaks the codebook's rules");
      await expect(breaches).toContainText("no tag of the required group “frame”");
      await expect(breaches.getByRole("link", { name: `“${quote}”` })).toHaveAttribute(
        "href",
        `/articles/${articleId}#annotation-${id}`,
      );
      await expect(required).toBeChecked();
      await expectNoAxeViolations(page, "the codebook page listing annotations that break its rules");
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: `/tmp/codebook-rules-${size.width}.png`, fullPage: true });

      // The annotation cannot be submitted until it has a frame.
      const submitted = await api(page, "PATCH", `/api/v1/annotations/${id}`, {
        data: { status: "SUBMITTED" },
        version: 1,
      });
      expect(submitted.status()).toBe(422);
      expect(((await submitted.json()) as { error: { message: string } }).error.message).toContain("'frame'");
      await breaches.getByRole("link", { name: `“${quote}”` }).click();
      await expect(page).toHaveURL(new RegExp(`/articles/${articleId}#annotation-${id}$`));
    });
  });
}
