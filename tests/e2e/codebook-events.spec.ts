import { expect, test } from "@playwright/test";
import { api, dragSelect, signIn, storedAnnotations } from "./support";

test(
  "an editor adds a tag with a shortcut, uses it in the reader, and deleting it archives it; a reviewer only reads " +
    "the codebook",
  async ({ page, browser }) => {
    await signIn(page, "editor@example.org");
    const project = (await (
      await api(page, "POST", "/api/v1/projects", { data: { name: `Codebook ${Date.now()}` } })
    ).json()) as { id: string };
    const text = "Sources say the ceasefire will hold until spring.";
    const article = (await (
      await api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title: "Ceasefire", text } })
    ).json()) as { id: string };

    await page.goto(`/projects/${project.id}`);
    await page.getByRole("link", { name: "Codebook" }).click();
    const claimTypes = page.getByRole("region", { name: "claim type" });
    const add = claimTypes.getByRole("form", { name: "Add a tag to claim type" });
    await add.getByLabel("New tag name").fill("rumour");
    await add.getByLabel("New tag shortcut").fill("r");
    await add.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("status")).toHaveText("Added “rumour”.");
    const rows = claimTypes.getByTestId("codebook-tag");
    await expect(rows.last().getByLabel("Name of rumour")).toHaveValue("rumour");
    await rows.last().getByRole("button", { name: "Move rumour up" }).click();
    await expect(rows.nth(4).getByLabel("Name of rumour")).toHaveValue("rumour");
    await claimTypes.getByLabel("Description of rumour").fill("Unsourced talk");
    await claimTypes.getByLabel("Name of rumour").focus();
    await expect(page.getByRole("status")).toHaveText("Saved “rumour”.");
    // Groups are renamed and moved too.
    await page.getByLabel("Name of group verdict").fill("rating");
    await page.getByLabel("Name of group verdict").blur();
    await expect(page.getByRole("status")).toHaveText("Saved group “rating”.");
    await page.getByRole("button", { name: "Move group rating up" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved group “rating”.");
    await expect(page.getByRole("region").nth(2)).toHaveAccessibleName("rating");
    await page.screenshot({ path: ".data/test-results/codebook.png", fullPage: true });

    // The shortcut works in the reader's tag picker.
    await page.goto(`/articles/${article.id}`);
    const quote = "the ceasefire will hold until spring";
    await dragSelect(page, text.indexOf(quote), text.indexOf(quote) + quote.length);
    await page.keyboard.press("r");
    // Claim type is a single-choice group: its tags are radio buttons.
    await expect(page.getByRole("radio", { name: /rumour/ })).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await storedAnnotations(page, article.id)).map((a) => a.tags.map((t) => t.name)))
      .toEqual([["rumour"]]);

    // In use: deleting archives it, and it stays on the annotation.
    await page.goto(`/projects/${project.id}/codebook`);
    await page
      .getByTestId("codebook-tag")
      .filter({ has: page.getByLabel("Name of rumour") })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect(page.getByRole("status")).toContainText("is in use, so it was archived");
    await expect(page.getByTestId("codebook-tag").filter({ hasText: "archived" })).toHaveCount(1);
    expect((await storedAnnotations(page, article.id))[0]!.tags.map((t) => t.name)).toEqual(["rumour"]);

    // The demo reviewer reads the demo codebook without controls.
    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, "reviewer@example.org");
    await reviewer.goto("/projects/019ab000-0000-7000-8000-000000000001/codebook");
    await expect(reviewer.getByText("statistic", { exact: true })).toBeVisible();
    await expect(reviewer.getByRole("textbox")).toHaveCount(0);
    await reviewer.context().close();
  },
);

test("an editor creates events, edits one, and merges one into another: its links move", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Events ${Date.now()}` } })
  ).json()) as { id: string };
  const text = "The port closed on Monday. Shipping stopped at the port.";
  const article = (await (
    await api(page, "POST", `/api/v1/projects/${project.id}/articles`, { data: { title: "Port", text } })
  ).json()) as { id: string };

  await page.goto(`/projects/${project.id}/events`);
  const form = page.getByRole("form", { name: "Create event" });
  for (const [title, date] of [
    ["Port closure", "2024-02-05"],
    ["Port closed (duplicate)", ""],
  ]) {
    await form.getByLabel("Title").fill(title!);
    if (date) await form.getByLabel("Date").fill(date);
    await form.getByRole("button", { name: "Create event" }).click();
    await expect(page.getByRole("status")).toHaveText(`Created “${title}”.`);
  }
  // A title an event already has is refused, and the form keeps what was typed.
  await form.getByLabel("Title").fill("port CLOSURE");
  await form.getByLabel("Place").fill("Karachi");
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already exists" })).toHaveText(
    /An event named 'Port closure' already exists in this project/,
  );
  await expect(form.getByLabel("Title")).toHaveValue("port CLOSURE");
  await expect(form.getByLabel("Place")).toHaveValue("Karachi");
  await form.getByLabel("Title").fill("");
  await form.getByLabel("Place").fill("");

  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Port closure");
  await expect(rows.nth(0)).toContainText("5 Feb 2024");

  // A claim linked to the duplicate, through the API as a script would.
  const quote = "Shipping stopped at the port";
  const annotation = (await (
    await api(page, "POST", `/api/v1/articles/${article.id}/annotations`, {
      data: { start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, exact: quote },
    })
  ).json()) as { id: string };
  const events = (await (await api(page, "GET", `/api/v1/projects/${project.id}/events`)).json()) as {
    items: { id: string; title: string }[];
  };
  const duplicate = events.items.find((event) => event.title.includes("duplicate"))!;
  expect(
    (
      await api(page, "POST", `/api/v1/events/${duplicate.id}/links`, {
        data: { annotationId: annotation.id, stance: "ASSERTS" },
      })
    ).status(),
  ).toBe(201);
  await page.reload();

  await rows.nth(0).getByRole("button", { name: "Edit" }).click();
  await page.getByRole("form", { name: "Save event" }).getByLabel("Place").fill("Karachi");
  await page.getByRole("form", { name: "Save event" }).getByRole("button", { name: "Save event" }).click();
  await expect(rows.nth(0)).toContainText("Karachi");

  await rows.nth(1).getByLabel("Merge “Port closed (duplicate)” into").selectOption({ label: "Port closure" });
  await rows.nth(1).getByRole("button", { name: "Merge" }).click();
  await expect(rows.nth(1)).toContainText("Merge “Port closed (duplicate)” into “Port closure”?");
  await rows.nth(1).getByRole("button", { name: "Yes, merge" }).click();
  await expect(page.getByRole("status")).toContainText("its links moved there");
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText("1 linked claim");

  // Deleting asks first, saying what goes with the event.
  await rows.nth(0).getByRole("button", { name: "Delete" }).click();
  await expect(rows.nth(0)).toContainText("Delete this event and its link to claims?");
  await rows.nth(0).getByRole("button", { name: "Keep" }).click();
  await expect(rows).toHaveCount(1);
  await rows.nth(0).getByRole("button", { name: "Delete" }).click();
  await rows.nth(0).getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByRole("status")).toContainText("Deleted “Port closure”.");
  await expect(rows).toHaveCount(0);
});
