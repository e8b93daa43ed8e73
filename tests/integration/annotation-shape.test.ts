import { beforeAll, expect, it } from "vitest";
import {
  type AnnotationView,
  createAnnotation,
  getAnnotation,
  listAnnotationsJson,
  updateAnnotation,
} from "@/lib/annotations";
import { importArticle } from "@/lib/articles";
import { compareArticles } from "@/lib/compare";
import { annotationBatches, type ExportAnnotation, openExport } from "@/lib/exports/source";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/*
 * An annotation has one outward shape (lib/annotations/shape.ts), written by
 * PostgreSQL on the list path and by Node everywhere else: the two must give
 * the same fields, in the same order, with the same values, nulls and tags,
 * and exports and the comparison must show the same values for what they take.
 */

const TEXT = "The minister said inflation fell to 3% in May. Critics called the figure “cooked”. Nobody else spoke.";

let team: TestProject;
let articleId: string;
let otherArticleId: string;
const views: AnnotationView[] = [];

function spanOf(quote: string) {
  const start = TEXT.indexOf(quote);
  return { start, end: start + quote.length, exact: quote };
}

beforeAll(async () => {
  team = await createProjectWithTeam("One annotation shape");
  const editor = team.editor.actor;
  articleId = (await importArticle(editor, team.id, { title: "Shape", text: TEXT })).id;
  otherArticleId = (await importArticle(editor, team.id, { title: "Other", text: TEXT })).id;
  const note = 'Tab\there, "quotes", back\\slash, \u0001 control, line\nbreak, 😀 and </script>';
  // Tags from two groups given out of codebook order, a note with characters JSON escapes; no tags and no note; a
  // rejection with its reason; and the same on the other article for the comparison.
  views.push(
    await createAnnotation(team.reviewer.actor, articleId, {
      ...spanOf("inflation fell to 3%"),
      tags: ["Economic", "statistic"],
      note,
    }),
    await createAnnotation(editor, articleId, { ...spanOf("Critics"), tags: [] }),
    await createAnnotation(editor, articleId, { ...spanOf("“cooked”"), tags: ["factual claim"] }),
    await createAnnotation(editor, otherArticleId, { ...spanOf("Nobody else spoke"), tags: ["statistic", "Economic"] }),
  );
  views[2] = await updateAnnotation(editor, views[2]!.id, 1, { status: "REJECTED", reviewNote: "Ünïcode reason" });
});

it("lists each annotation with exactly the fields, order, values and nulls of its view made in Node", async () => {
  const page = JSON.parse(await listAnnotationsJson(team.editor.actor, articleId, {})) as { items: AnnotationView[] };
  expect(page.items).toHaveLength(3);
  for (const listed of page.items) {
    const view = await getAnnotation(team.editor.actor, listed.id);
    // As text: key order and nulls count, and a field that one side leaves undefined is missing from its text.
    expect(JSON.stringify(listed)).toBe(JSON.stringify(view));
    expect(Object.values(listed)).not.toContain(undefined);
  }
  const [tagged, untagged] = page.items;
  expect(tagged!.tags.map((tag) => tag.name)).toEqual(["statistic", "economic"]);
  expect(untagged).toMatchObject({ tags: [], note: null, reviewNote: null });
  expect(page.items[2]).toMatchObject({ status: "REJECTED", reviewNote: "Ünïcode reason" });
});

it("answers a created or changed annotation as it is read back", async () => {
  for (const view of views)
    expect(JSON.stringify(view)).toBe(JSON.stringify(await getAnnotation(team.editor.actor, view.id)));
});

it("exports each annotation with its view's values, and its tags with their group's kind", async () => {
  const context = await openExport(team.editor.actor, team.id, { format: "json" });
  const exported: ExportAnnotation[] = [];
  for await (const batch of annotationBatches(context)) exported.push(...batch);
  expect(exported).toHaveLength(views.length);
  for (const { tags, links, reviewedAt, ...fields } of exported) {
    const view = await getAnnotation(team.editor.actor, fields.id);
    // Not a field of the view: when an editor decided on it, which ClaimReview publishes.
    expect(reviewedAt === null, fields.id).toBe(view.status === "DRAFT" || view.status === "SUBMITTED");
    const picked = Object.fromEntries(Object.keys(fields).map((key) => [key, view[key as keyof AnnotationView]]));
    expect(JSON.stringify(fields)).toBe(JSON.stringify(picked));
    expect(JSON.stringify(tags.map(({ kind: _kind, ...tag }) => tag))).toBe(JSON.stringify(view.tags));
    expect(tags.map((tag) => Object.keys(tag))).toEqual(view.tags.map(() => ["id", "name", "group", "kind", "color"]));
    expect(links).toEqual([]);
  }
});

it("compares claims with their views' spans and tags", async () => {
  const comparison = await compareArticles(team.editor.actor, team.id, { articles: `${articleId},${otherArticleId}` });
  const claims = Object.values(comparison.unlinked).flat();
  // The rejected annotation is not a claim.
  expect(claims).toHaveLength(3);
  for (const { annotationId, start, end, exact, tags } of claims) {
    const view = await getAnnotation(team.editor.actor, annotationId);
    expect({ start, end, exact }).toEqual({ start: view.start, end: view.end, exact: view.exact });
    expect(JSON.stringify(tags.map(({ kind: _kind, ...tag }) => tag))).toBe(
      JSON.stringify(view.tags.map(({ id: _id, ...tag }) => tag)),
    );
  }
});
