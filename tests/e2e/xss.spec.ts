import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { api, joinProject, signIn, signUp } from "./support";

/** Script payloads of the usual shapes; each sets a different marker if it ever runs. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  "<script>window.__xss=2</script>",
  '"><svg onload="window.__xss=3">',
  "javascript:window.__xss=4",
  '<a href="javascript:window.__xss=5">click</a>',
  "{{constructor.constructor('window.__xss=6')()}}",
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
];
const payload = (label: string) => `${label} ${PAYLOADS.join(" ")}`;
/** The first three, for fields limited to a couple of hundred characters (names, titles). */
const short = (label: string) => `${label} ${PAYLOADS.slice(0, 3).join("")}`;

async function expectNothingRan(page: Page, path: string, violations: string[], dialogs: string[]) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), path).toBeUndefined();
  // No element the payloads would have made exists in the page's own markup.
  expect(
    await page.locator("main img[src='x'], main svg[onload], main iframe[srcdoc], main a[href^='javascript:']").count(),
    path,
  ).toBe(0);
  expect(dialogs, path).toEqual([]);
  expect(violations, path).toEqual([]);
}

test("script payloads in every field are shown as text on every page and never run", async ({ page, browser }) => {
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });

  // A reviewer whose very name is a payload.
  const reviewerEmail = `xss-${randomUUID()}@test.example`;
  const signup = await (await browser.newContext()).newPage();
  await signUp(signup, short("Reviewer"), reviewerEmail, "a long enough password");

  await signIn(page, "editor@example.org");
  const project = await (
    await api(page, "POST", "/api/v1/projects", {
      data: { name: short("Project"), description: payload("Description") },
    })
  ).json();
  await joinProject(page, signup, project.id, reviewerEmail, "REVIEWER");
  // URLs must be http(s): a javascript: URL is refused outright.
  expect(
    (
      await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
        data: { title: "t", text: "x", url: "javascript:window.__xss=8" },
      })
    ).status(),
  ).toBe(422);

  const text = `Opening line. ${payload("Text")}\n\nThe ministry said 40 villages were retaken.`;
  const articles = [];
  for (const outlet of ["A", "B"]) {
    const response = await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
      data: {
        title: short(`Title ${outlet}`),
        text,
        sourceName: short(`Outlet ${outlet}`),
        author: short("Author"),
        // One URL per article: a project imports a page once.
        url: `https://example.org/${outlet}?q=<script>window.__xss=9</script>`,
      },
    });
    expect(response.status()).toBe(201);
    articles.push((await response.json()) as { id: string });
  }
  const tag = await (
    await api(page, "POST", `/api/v1/projects/${project.id}/tags`, {
      data: {
        name: short("tag").toLowerCase(),
        group: short("Group"),
        color: "#cc3366",
        description: payload("Tag description"),
      },
    })
  ).json();
  expect(tag.id).toBeTruthy();
  const quote = "40 villages were retaken";
  const start = text.indexOf(quote);
  const event = await (
    await api(page, "POST", `/api/v1/projects/${project.id}/events`, {
      data: {
        title: short("Event"),
        place: short("Place"),
        description: payload("Event description"),
        date: "2021-08-20",
      },
    })
  ).json();
  for (const article of articles) {
    const annotation = await (
      await api(page, "POST", `/api/v1/articles/${article.id}/annotations`, {
        data: { start, end: start + quote.length, exact: quote, tags: [tag.id, "statistic"], note: payload("Note") },
      })
    ).json();
    expect(
      (
        await api(page, "POST", `/api/v1/annotations/${annotation.id}/comments`, { data: { text: payload("Comment") } })
      ).status(),
    ).toBe(201);
    expect(
      (
        await api(page, "POST", `/api/v1/events/${event.id}/links`, {
          data: {
            annotationId: annotation.id,
            stance: "QUALIFIES",
            attributedTo: short("Attribution"),
            note: payload("Link note"),
          },
        })
      ).status(),
    ).toBe(201);
  }
  // The reviewer's own coding, for the adjudication and agreement pages.
  const reviewer = signup;
  const own = await (
    await api(reviewer, "POST", `/api/v1/articles/${articles[0]!.id}/annotations`, {
      data: { start, end: start + quote.length, exact: quote, tags: ["opinion"], note: payload("Reviewer note") },
    })
  ).json();
  expect(own.id).toBeTruthy();

  const pages = [
    "/projects",
    `/projects/${project.id}`,
    `/projects/${project.id}/codebook`,
    `/projects/${project.id}/events`,
    `/projects/${project.id}/compare`,
    `/projects/${project.id}/compare?articles=${articles.map((article) => article.id).join(",")}`,
    `/projects/${project.id}/search?q=villages`,
    `/projects/${project.id}/search?q=${encodeURIComponent("<img src=x onerror=window.__xss=10>")}`,
    `/projects/${project.id}/members`,
    `/projects/${project.id}/history`,
    `/projects/${project.id}/agreement`,
    `/articles/${articles[0]!.id}`,
    `/articles/${articles[0]!.id}/adjudicate`,
  ];
  for (const path of pages) await expectNothingRan(page, path, violations, dialogs);

  // In the reader, the payloads are there as text: in the article, the card, the thread.
  await page.goto(`/articles/${articles[0]!.id}`);
  await expect(page.locator("[data-article-text]")).toContainText('<img src=x onerror="window.__xss=1">');
  const card = page.getByTestId("annotation-card").filter({ hasText: "Note" }).first();
  await expect(card.getByTestId("annotation-note")).toContainText("<script>window.__xss=2</script>");
  await card.getByRole("button", { name: "Comments" }).click();
  await expect(card.getByTestId("comment-thread")).toContainText('"><svg onload="window.__xss=3">');
  await expect(card.getByTestId("comment-thread").getByRole("link")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await reviewer.context().close();
});
