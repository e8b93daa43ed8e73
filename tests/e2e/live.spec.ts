import { expect, test } from "@playwright/test";
import pg from "pg";
import { api, importArticle, signIn } from "./support";

test(
  "a reviewer's new annotation, its change and its deletion " + "appear on the editor's open page without a reload",
  async ({ page, browser }) => {
    await signIn(page, "editor@example.org");
    const text = "The bridge reopened on Monday, the ministry said.";
    const articleId = await importArticle(page, "Live", text);
    await page.goto(`/articles/${articleId}`);
    const cards = page.getByTestId("annotation-card");
    await expect(cards).toHaveCount(0);

    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, "reviewer@example.org");
    await reviewer.goto(`/articles/${articleId}`);
    const quote = "The bridge reopened on Monday";
    const created = await api(reviewer, "POST", `/api/v1/articles/${articleId}/annotations`, {
      data: { start: 0, end: quote.length, exact: quote, tags: ["factual claim"] },
    });
    expect(created.status()).toBe(201);
    const annotation = (await created.json()) as { id: string };

    // The editor sees it (and its highlight) within a few seconds, no reload.
    await expect(cards).toHaveCount(1, { timeout: 5_000 });
    await expect(cards.first()).toContainText(quote);
    await expect(cards.first()).toContainText("Demo Reviewer");

    // Changes arrive too: the note, and a deletion.
    await api(reviewer, "PATCH", `/api/v1/annotations/${annotation.id}`, {
      data: { note: "Ministry statement only" },
      version: 1,
    });
    await expect(cards.first().getByTestId("annotation-note")).toHaveText("Ministry statement only", {
      timeout: 5_000,
    });
    await api(reviewer, "DELETE", `/api/v1/annotations/${annotation.id}`, { version: 2 });
    await expect(cards).toHaveCount(0, { timeout: 5_000 });
    await reviewer.context().close();
  },
);

test(
  "when the server's connection to PostgreSQL comes back, the open page reloads its annotations: a change committed " +
    "meanwhile shows",
  async ({ page }) => {
    await signIn(page, "editor@example.org");
    const text = "The ministry said the dam was repaired.";
    const articleId = await importArticle(page, "Live resync", text);
    const quote = "The ministry said";
    const created = await api(page, "POST", `/api/v1/articles/${articleId}/annotations`, {
      data: { start: 0, end: quote.length, exact: quote, note: "As heard" },
    });
    const annotation = (await created.json()) as { id: string };
    await page.goto(`/articles/${articleId}`);
    const note = page.getByTestId("annotation-card").first().getByTestId("annotation-note");
    await expect(note).toHaveText("As heard");

    // Cut the app's LISTEN connection (it reconnects after a second) and commit a change at once: its notification
    // reaches no one, as with writes while PostgreSQL restarts. Only the resync on reconnection can bring it to the
    // page.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const cut = await client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'parallax-live' " +
          "AND datname = current_database()",
      );
      expect(cut.rowCount).toBeGreaterThan(0);
      await client.query("UPDATE annotations SET note = 'Changed unheard', version = version + 1 WHERE id = $1", [
        annotation.id,
      ]);
    } finally {
      await client.end();
    }
    await expect(note).toHaveText("Changed unheard", { timeout: 10_000 });
  },
);
