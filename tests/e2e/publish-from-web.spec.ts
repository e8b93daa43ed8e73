import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { claimReviewProblems } from "../support/claim-review-fields";
import { pageServerOrigin, SAVED_PAGES } from "../support/page-server";
import { expectNoHorizontalScroll, WIDE } from "./layout";
import { api, signIn } from "./support";

/** A claim of `text` annotated through the API, linked to the event and approved by the editor. */
async function approvedClaim(page: Page, article: { id: string; text: string }, quote: string, tags: string[]) {
  const start = article.text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  const created = await api(page, "POST", `/api/v1/articles/${article.id}/annotations`, {
    data: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(created.status()).toBe(201);
  const annotation = (await created.json()) as { id: string; version: number };
  const approved = await api(page, "PATCH", `/api/v1/annotations/${annotation.id}`, {
    data: { status: "APPROVED" },
    version: annotation.version,
  });
  expect(approved.status()).toBe(200);
  return annotation.id;
}

test("from two URLs to a comparison and a ClaimReview file that passes the field check", async ({ page }) => {
  test.slow(); // two pages fetched and extracted, the comparison and a download
  await page.setViewportSize(WIDE);
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Web desk ${Date.now()}` } })
  ).json()) as { id: string };
  const published = await api(page, "PATCH", `/api/v1/projects/${project.id}`, {
    data: {
      publisher: { name: "Example Fact Check", url: "https://factcheck.example.org/" },
      reviewUrlTemplate: "https://factcheck.example.org/claims/{id}",
    },
  });
  expect(published.status()).toBe(200);

  // The two reports come in by URL, from the project page.
  const urls = [`${pageServerOrigin()}/articles/commando?desk`, `${pageServerOrigin()}/articles/resistance?desk`];
  await page.goto(`/projects/${project.id}`);
  await page.getByRole("button", { name: "Add from URLs" }).click();
  const dialog = page.getByRole("dialog", { name: "Add articles from URLs" });
  await dialog.getByLabel("URLs, one per line").fill(urls.join("\n"));
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog.getByTestId("url-import-progress")).toHaveText("2 / 2 URLs");
  const lines = dialog.getByRole("list", { name: "URLs added" }).getByRole("listitem");
  await expect(lines.nth(0)).toContainText(`added: ${SAVED_PAGES.commando.title}`);
  await expect(lines.nth(1)).toContainText(`added: ${SAVED_PAGES.resistance.title}`);

  const listed = (await (await api(page, "GET", `/api/v1/projects/${project.id}/articles`)).json()) as {
    items: { id: string; title: string; url: string; source: string | null }[];
  };
  const byTitle = (title: string) => listed.items.find((article) => article.title === title)!;
  const [commando, resistance] = await Promise.all(
    [SAVED_PAGES.commando.title, SAVED_PAGES.resistance.title].map(async (title) => {
      const { id } = byTitle(title);
      return (await (await api(page, "GET", `/api/v1/articles/${id}`)).json()) as {
        id: string;
        text: string;
        url: string;
      };
    }),
  );
  expect([commando!.url, resistance!.url]).toEqual(urls);
  // The pages give no date: the editor fills it in, as Edit details does.
  for (const article of [commando!, resistance!]) {
    const dated = await api(page, "PATCH", `/api/v1/articles/${article.id}`, { data: { publishedAt: "2021-08-20" } });
    expect(dated.status()).toBe(200);
  }

  // One claim of each, about the same event, approved with a verdict.
  const event = (await (
    await api(page, "POST", `/api/v1/projects/${project.id}/events`, { data: { title: "Fighting in the north" } })
  ).json()) as { id: string };
  const claims = [
    await approvedClaim(page, commando!, "the Taliban are losing fighters by the hundreds each day", [
      "statistic",
      "unverified",
    ]),
    await approvedClaim(page, resistance!, "about 60 Taliban fighters were injured", ["statistic", "misleading"]),
  ];
  for (const annotationId of claims) {
    const link = await api(page, "POST", `/api/v1/events/${event.id}/links`, {
      data: { annotationId, stance: "ASSERTS" },
    });
    expect(link.status()).toBe(201);
  }

  // The comparison shows the event reported by both outlets.
  await page.goto(`/projects/${project.id}/compare?articles=${commando!.id},${resistance!.id}`);
  await expect(page.getByTestId("compared-source")).toHaveText([/Kabul Desk/, /Western Desk/]);
  const row = page.getByTestId("compared-event").filter({ hasText: "Fighting in the north" });
  await expect(row.getByTestId("compared-claim")).toHaveCount(2);
  await expectNoHorizontalScroll(page);

  // The ClaimReview file of the project: both claims, each passing Google's fields.
  await page.goto(`/projects/${project.id}`);
  await page.getByRole("button", { name: "Export" }).click();
  const exporting = page.getByRole("dialog", { name: /^Export/ });
  await exporting.getByRole("radio", { name: /^ClaimReview/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    exporting.getByRole("link", { name: "Download" }).click(),
  ]);
  const graph = JSON.parse(await readFile((await download.path())!, "utf8"))["@graph"] as Record<string, unknown>[];
  expect(graph).toHaveLength(2);
  for (const item of graph) expect(claimReviewProblems(item)).toEqual([]);
  expect(graph.map((item) => (item.itemReviewed as { appearance: { url: string } }).appearance.url).sort()).toEqual(
    [...urls].sort(),
  );
});
