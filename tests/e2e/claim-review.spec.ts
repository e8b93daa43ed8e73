import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { claimReviewProblems } from "../support/claim-review-fields";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, signIn } from "./support";

const TEXT = "The ministry said 40 villages were retaken on Monday. Critics said prices fell by half.";

/** An annotation of `quote` through the API, approved by the editor when `approve`. */
async function annotate(page: Page, articleId: string, quote: string, tags: string[], approve: boolean) {
  const start = TEXT.indexOf(quote);
  const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
    data: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(created.status()).toBe(201);
  const annotation = (await created.json()) as { id: string; version: number };
  if (!approve) return annotation;
  const approved = await api(page, "PATCH", `/api/v1/annotations/${annotation.id}`, {
    data: { status: "APPROVED" },
    version: annotation.version,
  });
  expect(approved.status()).toBe(200);
  return (await approved.json()) as { id: string; version: number };
}

test(
  "an editor sets up publishing, gives a claim its own review URL, downloads ClaimReview that passes the field " +
    "check, and sees what was left out",
  async ({ page }) => {
    test.slow(); // settings, the reader and the Export dialog, each checked by axe-core at two widths
    await signIn(page, "editor@example.org");
    const project = (await (
      await api(page, "POST", "/api/v1/projects", { data: { name: `Fact desk ${Date.now()}` } })
    ).json()) as { id: string };
    const article = (await (
      await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
        data: {
          title: "Villages retaken",
          text: TEXT,
          sourceName: "Kabul Times",
          url: "https://kabultimes.example/villages",
          publishedAt: "2021-08-20",
        },
      })
    ).json()) as { id: string };
    const villages = await annotate(page, article.id, "40 villages were retaken", ["statistic", "false"], true);
    await annotate(page, article.id, "prices fell by half", ["statistic", "misleading"], false);

    // Publishing is set on the Settings page.
    await page.goto(`/projects/${project.id}/settings`);
    const publishing = page.getByRole("form", { name: "Publishing" });
    await publishing.getByLabel("Organisation", { exact: true }).fill("Example Fact Check");
    await publishing.getByLabel("Organisation's website").fill("https://factcheck.example.org/");
    await publishing.getByLabel("Logo URL (optional)").fill("https://factcheck.example.org/logo.png");
    await publishing.getByLabel("Review URL template").fill("https://factcheck.example.org/claims/");
    await publishing.getByRole("button", { name: "Save" }).click();
    await expect(publishing.getByRole("alert")).toContainText("must contain {id}");
    await publishing.getByLabel("Review URL template").fill("https://factcheck.example.org/claims/{id}");
    await publishing.getByRole("button", { name: "Save" }).click();
    await expect(publishing.getByRole("status")).toHaveText("Saved.");
    for (const viewport of [WIDE, NARROW]) {
      await page.setViewportSize(viewport);
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page, "the settings with publishing");
    }
    await page.setViewportSize(WIDE);

    // The approved claim gets its own review URL on its card.
    const ownUrl = "https://factcheck.example.org/2021/villages-retaken";
    await page.goto(`/articles/${article.id}`);
    const card = page.getByTestId("annotation-card").filter({ hasText: "40 villages were retaken" });
    await card.getByRole("button", { name: /^Set a review URL for/ }).click();
    await card.getByLabel(/^Review URL of/).fill(ownUrl);
    await card.getByRole("button", { name: "Save review URL" }).click();
    await expect(card.getByRole("link", { name: ownUrl })).toBeVisible();
    const stored = (await (await api(page, "GET", `/api/v1/annotations/${villages.id}`)).json()) as {
      reviewUrl: string;
      status: string;
    };
    expect(stored).toMatchObject({ reviewUrl: ownUrl, status: "APPROVED" });

    // The Export dialog lists the draft as left out, and the download passes the field check.
    await page.goto(`/projects/${project.id}`);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: /^Export/ });
    await dialog.getByRole("radio", { name: /^ClaimReview/ }).check();
    await expect(dialog.getByRole("heading", { name: /^Left out: 1 claim cannot be published yet/ })).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Claims left out" }).getByRole("listitem")).toHaveText([
      "“prices fell by half” — no editor has approved it",
    ]);
    for (const viewport of [WIDE, NARROW]) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, "the Export dialog with claims left out");
      await page.screenshot({ path: `/tmp/claimreview-export-${viewport.width}.png` });
    }
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/claimreview\.jsonld$/);
    const graph = JSON.parse(await readFile((await download.path())!, "utf8"))["@graph"] as Record<string, unknown>[];
    expect(graph).toHaveLength(1);
    for (const item of graph) expect(claimReviewProblems(item)).toEqual([]);
    expect(graph[0]).toMatchObject({
      url: ownUrl,
      claimReviewed: "40 villages were retaken",
      author: { name: "Example Fact Check", logo: { url: "https://factcheck.example.org/logo.png" } },
      itemReviewed: { author: { "@type": "Organization", name: "Kabul Times" }, datePublished: "2021-08-20" },
    });
  },
);
