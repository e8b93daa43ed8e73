import { expect, test } from "@playwright/test";
import { api, signIn } from "./support";

test(
  "an event's page shows its claims outlet by outlet, with stance and attribution, and the outlets that leave it " +
    "out",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const project = (await (
      await api(page, "POST", "/api/v1/projects", { data: { name: `Dam desk ${Date.now()}` } })
    ).json()) as { id: string };
    const text = "Officials said the dam was repaired on Monday. Residents said the dam still leaks.";
    const articleOf = async (sourceName: string) =>
      (await (
        await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
          data: { title: `${sourceName} on the dam`, text, sourceName },
        })
      ).json()) as { id: string };
    const [reuters, tass] = [await articleOf("Reuters"), await articleOf("TASS")];
    await articleOf("Ariana");
    const event = (await (
      await api(page, "POST", `/api/v1/projects/${project.id}/events`, {
        data: { title: "Dam repaired", date: "2024-05-06", place: "Kajaki" },
      })
    ).json()) as { id: string };
    const claims: [{ id: string }, string, string, string | null][] = [
      [reuters, "the dam was repaired on Monday", "ASSERTS", "Officials"],
      [tass, "the dam still leaks", "DISPUTES", null],
    ];
    for (const [article, quote, stance, attributedTo] of claims) {
      const start = text.indexOf(quote);
      const annotation = (await (
        await api(page, "POST", `/api/v1/articles/${article.id}/annotations`, {
          data: { start, end: start + quote.length, exact: quote },
        })
      ).json()) as { id: string };
      expect(
        (
          await api(page, "POST", `/api/v1/events/${event.id}/links`, {
            data: { annotationId: annotation.id, stance, attributedTo },
          })
        ).status(),
      ).toBe(201);
    }

    expect(
      (
        await api(page, "POST", `/api/v1/projects/${project.id}/events`, {
          data: { title: "Flood warning", place: "Helmand" },
        })
      ).status(),
    ).toBe(201);

    // Events are found by title, place or description.
    await page.goto(`/projects/${project.id}/events`);
    await expect(page.getByTestId("event-row")).toHaveCount(2);
    await page.getByRole("searchbox", { name: "Find events" }).fill("kajaki");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("event-row")).toHaveCount(1);
    await page.getByRole("searchbox", { name: "Find events" }).fill("no such event");
    await page.keyboard.press("Enter");
    await expect(page.getByText("No event matches.")).toBeVisible();
    await page.getByRole("link", { name: "All events" }).click();
    await expect(page.getByTestId("event-row")).toHaveCount(2);
    await expect(page.getByRole("searchbox", { name: "Find events" })).toHaveValue("");

    await page.getByRole("link", { name: "Dam repaired" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dam repaired");
    await expect(page).toHaveTitle("Dam repaired · Parallax");
    await expect(page.getByText("6 May 2024 · Kajaki")).toBeVisible();
    const outlets = page.getByTestId("event-outlet");
    await expect(outlets).toHaveCount(2);
    await expect(outlets.nth(0)).toContainText("Reuters · 1 claim");
    await expect(outlets.nth(0).getByTestId("event-claim")).toContainText(
      /asserts\s*according to Officials\s*“the dam was repaired on Monday”/,
    );
    await expect(outlets.nth(1).getByTestId("event-claim")).toContainText(/disputes\s*“the dam still leaks”/);
    await expect(page.getByRole("region", { name: "Not reported by" })).toContainText("Ariana");
    await page.screenshot({ path: ".data/test-results/event.png", fullPage: true });

    // A claim opens in its article, at its highlight.
    await page.getByRole("link", { name: "“the dam still leaks”" }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${tass.id}#annotation-`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("TASS on the dam");
  },
);
