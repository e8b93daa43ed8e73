import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { expectNoHorizontalScroll, NARROW, WIDE } from "./layout";
import { api, signIn } from "./support";

/** A new project of the demo editor, with one article per outlet named. */
async function projectWithOutlets(page: Page, outlets: string[]): Promise<{ id: string; articleIds: string[] }> {
  const project = (await (
    await api(page, "POST", "/api/v1/projects", { data: { name: `Undo merges ${Date.now()}` } })
  ).json()) as { id: string };
  const articleIds: string[] = [];
  for (const sourceName of outlets) {
    const response = await api(page, "POST", `/api/v1/projects/${project.id}/articles`, {
      data: { title: `Port report by ${sourceName}`, text: "The port closed on Monday. Shipping stopped.", sourceName },
    });
    expect(response.status()).toBe(201);
    articleIds.push(((await response.json()) as { id: string }).id);
  }
  return { id: project.id, articleIds };
}

/** Chooses the item to merge into on a row, then confirms. */
async function mergeRow(row: ReturnType<Page["getByTestId"]>, name: string, into: string) {
  await row.getByRole("combobox", { name: `Merge “${name}” into` }).selectOption({ label: into });
  await row.getByRole("button", { name: "Merge" }).click();
  await row.getByRole("button", { name: "Yes, merge" }).click();
}

test("Undo right after merging two events or two outlets brings the merged one back", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = await projectWithOutlets(page, ["TASS", "TASS English"]);
  const text = "The port closed on Monday. Shipping stopped.";
  const quote = "Shipping stopped";
  const annotation = (await (
    await api(page, "POST", `/api/v1/articles/${project.articleIds[0]}/annotations`, {
      data: { start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, exact: quote },
    })
  ).json()) as { id: string };
  const eventIds: string[] = [];
  // Dated, the survivor comes first in the list.
  for (const data of [{ title: "Port closure", date: "2024-02-05" }, { title: "Port closed (duplicate)" }]) {
    const created = await api(page, "POST", `/api/v1/projects/${project.id}/events`, { data });
    eventIds.push(((await created.json()) as { id: string }).id);
  }
  const linked = await api(page, "POST", `/api/v1/events/${eventIds[1]}/links`, {
    data: { annotationId: annotation.id, stance: "DISPUTES", attributedTo: "Port authority" },
  });
  expect(linked.status()).toBe(201);

  // Events, on a phone's width.
  await page.setViewportSize(NARROW);
  await page.goto(`/projects/${project.id}/events`);
  const events = page.getByTestId("event-row");
  await expect(events).toHaveText([/Port closure.*0 linked claims/, /Port closed \(duplicate\).*1 linked claim/]);
  await mergeRow(events.nth(1), "Port closed (duplicate)", "Port closure");
  const status = page.getByRole("status");
  await expect(status).toContainText("Merged “Port closed (duplicate)” into “Port closure”");
  await expect(events).toHaveText([/Port closure.*1 linked claim/]);
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolations(page, "events merged, Undo offered");
  await page.screenshot({ path: ".data/test-results/events-merged-undo-narrow.png", fullPage: true });
  await status.getByRole("button", { name: /^Undo: Merged “Port closed \(duplicate\)”/ }).click();
  await expect(status).toContainText("Undid the merge: “Port closed (duplicate)” is back with its links.");
  await expect(events).toHaveText([/Port closure.*0 linked claims/, /Port closed \(duplicate\).*1 linked claim/]);
  const back = (await (await api(page, "GET", `/api/v1/events/${eventIds[1]}`)).json()) as {
    links: { annotationId: string; stance: string; attributedTo: string }[];
  };
  expect(back.links).toMatchObject([
    { annotationId: annotation.id, stance: "DISPUTES", attributedTo: "Port authority" },
  ]);

  // Outlets, at a desktop's width.
  await page.setViewportSize(WIDE);
  await page.goto(`/projects/${project.id}/sources`);
  const outlets = page.getByTestId("source-row");
  const outlet = (name: string) =>
    outlets.filter({ has: page.getByTestId("source-name").getByText(name, { exact: true }) });
  await expect(outlets).toHaveText([/TASS1 article/, /TASS English1 article/]);
  await mergeRow(outlet("TASS English"), "TASS English", "TASS");
  await expect(status).toContainText("Merged “TASS English” into “TASS”: its articles moved there.");
  await expect(outlets).toHaveText([/TASS2 articles/]);
  await expectNoAxeViolations(page, "outlets merged, Undo offered");
  await page.screenshot({ path: ".data/test-results/outlets-merged-undo-wide.png", fullPage: true });
  await status.getByRole("button", { name: /^Undo: Merged “TASS English”/ }).click();
  await expect(status).toContainText("Undid the merge: “TASS English” is back with its articles.");
  await expect(outlets).toHaveText([/TASS1 article/, /TASS English1 article/]);
});

test("an editor undoes a merge from the History page", async ({ page }) => {
  await signIn(page, "editor@example.org");
  const project = await projectWithOutlets(page, ["Reuters", "Reuters.com"]);
  const sources = (await (await api(page, "GET", `/api/v1/projects/${project.id}/sources`)).json()) as {
    items: { id: string; name: string }[];
  };
  const [kept, merged] = sources.items.map((source) => source.id);
  expect((await api(page, "POST", `/api/v1/sources/${merged}/merge`, { data: { into: kept } })).status()).toBe(200);

  await page.goto(`/projects/${project.id}/history?kind=source.merge`);
  const entry = page.getByTestId("history-entry");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Merged outlets");
  await entry.getByRole("button", { name: "Undo merge of “Reuters.com”" }).click();
  await expect(entry.getByRole("status")).toHaveText("Merge undone.");
  await page.screenshot({ path: ".data/test-results/history-merge-undone.png", fullPage: true });
  expect(await (await api(page, "GET", `/api/v1/sources/${merged}`)).json()).toMatchObject({
    name: "Reuters.com",
    articleCount: 1,
  });
  // Done once: a second click says why it cannot be done again.
  await entry.getByRole("button", { name: "Undo merge of “Reuters.com”" }).click();
  await expect(entry.getByRole("alert")).toContainText("not merged");
});
