import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, signIn } from "./support";

const WIRE = "Flood waters broke through the river dam near Sarobi on Tuesday, officials said.";
const LOCAL = "Residents saw the river dam near Sarobi give way to flood waters on Tuesday morning.";
const RADIO =
  "Bread prices rose again in the capital.\n" +
  "Officials said the river dam near Sarobi gave way to flood waters on Tuesday.\n" +
  "Schools reopened after the holiday.";
const SPORTS = "The football league opened its season with a draw in Herat.";

async function created<T>(response: Promise<{ status(): number; json(): Promise<unknown> }>): Promise<T> {
  const answer = await response;
  expect(answer.status()).toBe(201);
  return (await answer.json()) as T;
}

/** A project of four outlets: one claim linked to the dam's event, one claim not linked, a passage, a silent one. */
async function damDesk(page: Page) {
  const project = await created<{ id: string }>(
    api(page, "POST", "/api/v1/projects", { data: { name: `Dam matches ${Date.now()}` } }),
  );
  const article = (title: string, text: string) =>
    created<{ id: string }>(
      api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title, text, sourceName: title } }),
    );
  const [wire, local, radio, sports] = [
    await article("Wire", WIRE),
    await article("Local", LOCAL),
    await article("Radio", RADIO),
    await article("Sports", SPORTS),
  ];
  const claim = (articleId: string, text: string, quote: string) =>
    created<{ id: string }>(
      api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
        data: { start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, exact: quote },
      }),
    );
  const linked = await claim(wire.id, WIRE, "Flood waters broke through the river dam near Sarobi");
  const unlinked = await claim(local.id, LOCAL, "the river dam near Sarobi give way to flood waters");
  const event = await created<{ id: string }>(
    api(page, "POST", `/api/v1/projects/${project.id}/events`, { data: { title: "Sarobi dam breaks" } }),
  );
  await created(
    api(page, "POST", `/api/v1/events/${event.id}/links`, { data: { annotationId: linked.id, stance: "ASSERTS" } }),
  );
  return { project, wire, local, radio, sports, unlinked };
}

test(
  "a claim's matches in other articles link it to their event; an omitted cell shows what may report the event, " +
    "and an omission is confirmed",
  async ({ page }) => {
    await page.setViewportSize(WIDE);
    await signIn(page, "editor@example.org");
    const desk = await damDesk(page);

    // The reader: the claim's matches, opened by keyboard, link it to the wire's event.
    await page.goto(`/articles/${desk.local.id}`);
    const card = page.getByTestId("annotation-card");
    await expect(card).toHaveCount(1);
    // The event picker lists the events of the claim's matches first, marked "likely".
    await card.getByRole("button", { name: /^Link to an event/ }).click();
    const picked = card.getByRole("list", { name: "Matching events" }).getByRole("button").first();
    await expect(picked).toHaveText(/^Sarobi dam breaks.*likely$/);
    await card.getByRole("button", { name: "Cancel" }).click();
    const matches = card.getByTestId("claim-matches");
    await matches.locator("summary").focus();
    await page.keyboard.press("Enter");
    const wireClaim = matches.getByTestId("claim-match").filter({ hasText: "Wire · claim" });
    await expect(wireClaim).toContainText("Event: Sarobi dam breaks");
    await expect(matches.getByTestId("claim-match").filter({ hasText: "Radio · passage" })).toHaveCount(1);
    await expectNoAxeViolations(page, "claim matches open");
    await wireClaim.getByRole("button", { name: /^Link to Sarobi dam breaks/ }).focus();
    await page.keyboard.press("Enter");
    await expect(card.getByRole("list", { name: "Linked events" })).toContainText("Sarobi dam breaks");
    await expect(wireClaim.getByRole("button", { name: /^Link to Sarobi dam breaks/ })).toHaveCount(0);

    // The comparison: Radio's cell may report the event; Sports' omission is confirmed.
    const articles = [desk.wire, desk.radio, desk.sports].map((article) => article.id).join(",");
    await page.goto(`/projects/${desk.project.id}/compare?articles=${articles}`);
    const row = page.getByTestId("compared-event").filter({ hasText: "Sarobi dam breaks" });
    const radioCell = row.getByRole("cell").nth(1);
    await expect(radioCell.getByTestId("possible-coverage")).toContainText(
      "May report this: “Officials said the river dam near Sarobi gave way to flood waters on Tuesday.”",
    );
    await expect(row.getByRole("cell").nth(2).getByTestId("possible-coverage")).toHaveCount(0);
    await expectNoAxeViolations(page, "possible coverage");
    await row.getByRole("cell").nth(2).getByRole("button", { name: "Confirm omission" }).focus();
    await page.keyboard.press("Enter");
    await expect(row.getByRole("cell").nth(2).getByTestId("omission-confirmed")).toContainText(
      "Omission confirmed by Demo Editor.",
    );
    await radioCell.getByRole("button", { name: "Link this passage" }).click();
    await expect(radioCell.getByTestId("compared-claim")).toContainText(
      "Officials said the river dam near Sarobi gave way to flood waters on Tuesday.",
    );
    await page.screenshot({ path: ".data/test-results/possible-coverage.png", fullPage: true });

    await page.setViewportSize(NARROW);
    await page.reload();
    await expectNoHorizontalScroll(page);
    await expect(page.getByTestId("omission-confirmed").filter({ visible: true })).toHaveCount(1);
    await page.screenshot({ path: ".data/test-results/possible-coverage-narrow.png", fullPage: true });
  },
);
