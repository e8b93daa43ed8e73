import { expect, test } from "@playwright/test";
import { api, DEMO_PROJECT_ID, dragSelect, importArticle, signIn, storedAnnotations } from "./support";

test(
  "a claim is linked from the sidebar to a new event, another to it by search; the links persist and can be " +
    "removed",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const text = "Police said the bridge collapsed at noon. Witnesses said it fell in the morning.";
    const articleId = await importArticle(page, "Bridge collapse", text);
    for (const quote of ["the bridge collapsed at noon", "it fell in the morning"]) {
      const start = text.indexOf(quote);
      expect(
        (
          await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
            data: { start, end: start + quote.length, exact: quote },
          })
        ).status(),
      ).toBe(201);
    }
    await page.goto(`/articles/${articleId}`);
    const cards = page.getByTestId("annotation-card");
    const eventName = `Bridge collapse ${Date.now()}`;

    await cards.nth(0).getByRole("button", { name: "Link to an event" }).click();
    const form = cards.nth(0).getByRole("group", { name: "Link to an event" });
    await form.getByRole("searchbox", { name: "Event" }).fill(eventName);
    await form.getByRole("button", { name: `New event “${eventName}”` }).click();
    await form.getByLabel("Date (optional)").fill("2024-07-01");
    await form.getByLabel("Attributed to").fill("Police");
    await form.getByRole("button", { name: "Link" }).click();
    await expect(cards.nth(0).getByRole("list", { name: "Linked events" })).toContainText(
      `asserts${eventName} · according to Police`,
    );

    await cards.nth(1).getByRole("button", { name: "Link to an event" }).click();
    const second = cards.nth(1).getByRole("group", { name: "Link to an event" });
    await second.getByRole("searchbox", { name: "Event" }).fill(eventName.slice(0, 20));
    await second
      .getByRole("list", { name: "Matching events" })
      .getByRole("button", { name: new RegExp(eventName) })
      .click();
    await second.getByLabel("Stance").selectOption("DISPUTES");
    await second.getByLabel("Attributed to").fill("Witnesses");
    await second.getByRole("button", { name: "Link" }).click();
    await expect(cards.nth(1).getByRole("list", { name: "Linked events" })).toContainText("disputes");

    await page.reload();
    await expect(cards.nth(1).getByRole("list", { name: "Linked events" })).toContainText(
      `disputes${eventName} · according to Witnesses`,
    );
    await cards
      .nth(1)
      .getByRole("button", { name: `Unlink from ${eventName}` })
      .click();
    await expect(cards.nth(1).getByRole("list", { name: "Linked events" })).toHaveCount(0);
    await page.reload();
    await expect(cards.nth(0).getByRole("list", { name: "Linked events" })).toContainText(eventName);
    await expect(cards.nth(1).getByRole("list", { name: "Linked events" })).toHaveCount(0);
    // The event's title leads to its page.
    await cards.nth(0).getByRole("link", { name: eventName }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(eventName);
    await expect(page.getByTestId("event-claim")).toContainText("“the bridge collapsed at noon”");
  },
);

test("a new claim is linked to an event right from the tag popover", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const text = "The mayor announced that the market will reopen next week.";
  const articleId = await importArticle(page, "Market", text);
  const eventName = `Market reopens ${Date.now()}`;
  await page.goto(`/articles/${articleId}`);

  const quote = "the market will reopen next week";
  await dragSelect(page, text.indexOf(quote), text.indexOf(quote) + quote.length);
  await page.keyboard.press("p");
  const popover = page.getByRole("dialog", { name: "Tag the selected passage" });
  await popover.getByText("Link to an event").click();
  await popover.getByRole("searchbox", { name: "Event" }).fill(eventName);
  await popover.getByRole("button", { name: `New event “${eventName}”` }).click();
  await popover.getByLabel("Stance").selectOption("MENTIONS");
  await popover.getByLabel("Attributed to").fill("the mayor");
  await popover.getByRole("button", { name: "Save annotation" }).click();

  await expect(page.getByRole("status").filter({ hasText: "linked to" })).toHaveText(
    `Annotation saved and linked to “${eventName}”.`,
  );
  const card = page.getByTestId("annotation-card");
  await expect(card.getByRole("list", { name: "Linked events" })).toContainText(
    `mentions${eventName} · according to the mayor`,
  );
  const [stored] = await storedAnnotations(page, articleId);
  expect(stored!.tags.map((tag) => tag.name)).toEqual(["prediction"]);
  await page.reload();
  await expect(card.getByRole("list", { name: "Linked events" })).toContainText(eventName);
});

test("a claim is never linked to a second event of one name: an existing name is found, not created again", async ({
  page,
}) => {
  await signIn(page, "editor@example.org");
  const text = "The ministry said the port reopened. Traders said the port stayed shut.";
  const articleId = await importArticle(page, "Port", text);
  for (const quote of ["the port reopened", "the port stayed shut"]) {
    const start = text.indexOf(quote);
    expect(
      (
        await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
          data: { start, end: start + quote.length, exact: quote },
        })
      ).status(),
    ).toBe(201);
  }
  const existing = `Port reopens ${Date.now()}`;
  const existingId = (
    (await (
      await api(page, "POST", `/api/v1/projects/${DEMO_PROJECT_ID}/events`, { data: { title: existing } })
    ).json()) as { id: string }
  ).id;
  // A slow network: the search answers a second late.
  await page.route(/\/events\?limit=20&q=/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.goto(`/articles/${articleId}`);
  const cards = page.getByTestId("annotation-card");

  await cards.nth(0).getByRole("button", { name: "Link to an event" }).click();
  const form = cards.nth(0).getByRole("group", { name: "Link to an event" });
  await form.getByRole("searchbox", { name: "Event" }).fill(existing);
  const matches = form.getByRole("list", { name: "Matching events" });
  await expect(matches.getByText("Searching…")).toBeVisible();
  await expect(matches.getByRole("button", { name: /New event/ })).toHaveCount(0);
  await matches.getByRole("button", { name: existing }).click();
  await form.getByRole("button", { name: "Link" }).click();
  await expect(cards.nth(0).getByRole("list", { name: "Linked events" })).toContainText(existing);

  // A name offered as new that a colleague gives an event before the link is saved: the claim joins that event.
  const racing = `Port shut ${Date.now()}`;
  await cards.nth(1).getByRole("button", { name: "Link to an event" }).click();
  const second = cards.nth(1).getByRole("group", { name: "Link to an event" });
  await second.getByRole("searchbox", { name: "Event" }).fill(racing);
  await second.getByRole("button", { name: `New event “${racing}”` }).click();
  const colleagues = (await (
    await api(page, "POST", `/api/v1/projects/${DEMO_PROJECT_ID}/events`, { data: { title: racing } })
  ).json()) as { id: string };
  await second.getByRole("button", { name: "Link" }).click();
  await expect(cards.nth(1).getByRole("list", { name: "Linked events" })).toContainText(racing);

  const events = (await (
    await api(page, "GET", `/api/v1/projects/${DEMO_PROJECT_ID}/events?q=${encodeURIComponent("Port ")}&limit=100`)
  ).json()) as { items: { id: string; title: string; linkCount: number }[] };
  expect(events.items.filter((event) => [existing, racing].includes(event.title))).toEqual([
    expect.objectContaining({ id: existingId, title: existing, linkCount: 1 }),
    expect.objectContaining({ id: colleagues.id, title: racing, linkCount: 1 }),
  ]);
});
