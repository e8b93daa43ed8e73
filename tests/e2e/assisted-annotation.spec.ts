import { expect, type Page, test } from "@playwright/test";
import { WIDE } from "./layout";
import { api, dragSelect, SEED_ARTICLE_ID, signIn, storedAnnotations } from "./support";

/**
 * One desk's walk through the assisted annotation, in a project of its own with the two seed articles and two short
 * reports: a phrase tagged in one seed article is accepted with `a` in the other, the accepted claim is linked to an
 * event through its match, and the comparison shows an omitted cell's possible coverage and figures that disagree.
 */
const SECOND_SEED_ARTICLE_ID = "019ab000-0000-7000-8000-000000000101";
const PHRASE = "two decades";
const LOCAL = "Local officials said 85 Taliban fighters were injured in Baghlan on Friday. Markets stayed shut.";
const RADIO = "Bread prices rose again.\nA radio report said that about 60 Taliban fighters were injured in Baghlan.";

async function created(page: Page, path: string, data: object): Promise<string> {
  const response = await api(page, "POST", path, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const popover = (page: Page) => page.getByRole("dialog", { name: "Tag the selected passage" });

test("a phrase tagged, accepted elsewhere with a, linked through a match; coverage and contradiction", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize(WIDE);
  await signIn(page, "editor@example.org");
  const projectId = await created(page, "/api/v1/projects", { name: `Assisted ${Date.now()}` });
  const seeds: { id: string; text: string }[] = [];
  for (const seed of [SEED_ARTICLE_ID, SECOND_SEED_ARTICLE_ID]) {
    const { title, text } = (await (await api(page, "GET", `/api/v1/articles/${seed}`)).json()) as {
      title: string;
      text: string;
    };
    seeds.push({ id: await created(page, `/api/v1/projects/${projectId}/articles`, { title, text }), text });
  }
  const [first, second] = seeds as [(typeof seeds)[0], (typeof seeds)[0]];

  // The phrase tagged in the first article, by selection and the popover's keys.
  await page.goto(`/articles/${first.id}`);
  const phraseAt = first.text.indexOf(PHRASE);
  await dragSelect(page, phraseAt, phraseAt + PHRASE.length);
  await expect(page.getByTestId("tag-picker")).toBeFocused();
  await page.keyboard.press("q");
  await page.keyboard.press("Enter");
  await expect(popover(page)).toHaveCount(0);
  const [tagged] = await storedAnnotations(page, first.id);
  expect(tagged).toMatchObject({ exact: PHRASE, tags: [expect.objectContaining({ name: "quote/attribution" })] });
  const eventId = await created(page, `/api/v1/projects/${projectId}/events`, { title: "Two decades of war" });
  await created(page, `/api/v1/events/${eventId}/links`, { annotationId: tagged!.id, stance: "ASSERTS" });

  // In the second article, n walks to its suggestion and a accepts it with the phrase's tag.
  await page.goto(`/articles/${second.id}`);
  const list = page.getByTestId("suggestion-list");
  await expect(list).toBeVisible();
  await page.getByTestId("reader-text").focus();
  const current = list.locator('li[aria-current="true"]');
  for (let pressed = 0; pressed < 50; pressed++) {
    await page.keyboard.press("n");
    await expect(current).toHaveCount(1);
    if ((await current.textContent())?.includes(`“${PHRASE}”`)) break;
  }
  await expect(current).toContainText("tagged once elsewhere in the project");
  await page.keyboard.press("a");
  await expect.poll(async () => (await storedAnnotations(page, second.id)).map((one) => one.exact)).toEqual([PHRASE]);

  // The accepted claim's matches: the first article's claim, with its event, linked in one action.
  const card = page.getByTestId("annotation-card").filter({ hasText: PHRASE });
  const matches = card.getByTestId("claim-matches");
  await matches.locator("summary").click();
  await matches
    .getByRole("button", { name: /^Link to Two decades of war/ })
    .first()
    .click();
  await expect(card.getByRole("list", { name: "Linked events" })).toContainText("Two decades of war");

  // Two reports of the injured: one linked with its figure, one not; and the second seed article's figure.
  const figures = await created(page, `/api/v1/projects/${projectId}/events`, { title: "Fighters injured in Baghlan" });
  const claim = async (articleId: string, text: string, quote: string) => {
    const start = text.indexOf(quote);
    const annotationId = await created(page, `/api/v1/articles/${articleId}/annotations`, {
      start,
      end: start + quote.length,
      exact: quote,
    });
    await created(page, `/api/v1/events/${figures}/links`, { annotationId, stance: "ASSERTS" });
  };
  const local = await created(page, `/api/v1/projects/${projectId}/articles`, {
    title: "Local report",
    text: LOCAL,
    sourceName: "Local Radio",
  });
  const radio = await created(page, `/api/v1/projects/${projectId}/articles`, {
    title: "Radio report",
    text: RADIO,
    sourceName: "Radio Baghlan",
  });
  await claim(local, LOCAL, "85 Taliban fighters were injured in Baghlan");
  await claim(second.id, second.text, "about 60 Taliban fighters were injured");

  await page.goto(`/projects/${projectId}/compare?articles=${[second.id, local, radio].join(",")}`);
  const row = page.getByTestId("compared-event").filter({ hasText: "Fighters injured in Baghlan" });
  await expect(row.getByRole("list", { name: "Figures that disagree" })).toContainText("85");
  await expect(row.getByRole("list", { name: "Figures that disagree" })).toContainText("about 60");
  await expect(row.getByRole("cell").nth(2).getByTestId("possible-coverage")).toContainText(
    "May report this: “A radio report said that about 60 Taliban fighters were injured in Baghlan.”",
  );
  await page.screenshot({ path: "/tmp/assisted-annotation-compare.png", fullPage: true });
});
