import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requireProjectPermission } from "@/lib/permissions";
import { projectAnnotationsStatement } from "@/lib/review/queue";
import { api } from "../support/api";
import { indexesRead, planOf, refreshStatistics, seqScannedTables } from "../support/explain";
import {
  createProjectWithTeam,
  createUser,
  joinProject,
  type TestProject,
  type TestUser,
  withoutCodebookRules,
} from "../support/factories";

/*
 * The project's annotations across its articles (GET /api/v1/projects/:id/annotations), the review queue being
 * status=SUBMITTED: oldest first, filters, pages, blind coding, comment counts; and a search with filters only.
 */
const FIRST = "The ministry said 40 villages were retaken on Monday. Critics called it propaganda.";
const SECOND = "Residents said the road to the valley was closed. The governor denied it.";

let team: TestProject;
let secondReviewer: TestUser;
let firstId: string;
let secondId: string;

interface Item {
  id: string;
  exact: string;
  prefix: string;
  suffix: string;
  status: string;
  author: { id: string; name: string };
  tags: { name: string; group: string }[];
  commentCount: number;
  article: { id: string; title: string; source: string | null };
}

async function annotate(articleId: string, text: string, quote: string, user: TestUser, tags: string[] = []) {
  const start = text.indexOf(quote);
  const created = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token: user.token,
    json: { start, end: start + quote.length, exact: quote, tags, note: `Note on ${quote}` },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number };
}

async function submit(id: string, version: number, user: TestUser) {
  const submitted = await api("PATCH", `/api/v1/annotations/${id}`, {
    token: user.token,
    json: { status: "SUBMITTED" },
    headers: { "if-match": `"${version}"` },
  });
  expect(submitted.status).toBe(200);
  return submitted.body as { id: string; version: number };
}

const list = (query: string, user: TestUser = team.editor) =>
  api("GET", `/api/v1/projects/${team.id}/annotations${query}`, { token: user.token });
const quotes = (items: Item[]) => items.map((item) => item.exact);

const queued: Record<string, string> = {};

beforeAll(async () => {
  team = await createProjectWithTeam("Review queue");
  await withoutCodebookRules(team);
  secondReviewer = await createUser({ label: "reviewer2" });
  await joinProject(team.id, team.editor, secondReviewer, "REVIEWER");
  const article = (title: string, text: string, sourceName: string) =>
    api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title, text, sourceName },
    });
  firstId = (await article("Villages retaken", FIRST, "Kabul Times")).body.id;
  secondId = (await article("Road closed", SECOND, "Valley Post")).body.id;
  // Made in this order: the queue lists them so.
  const plan: [string, string, string, TestUser, string[]][] = [
    ["villages", firstId, "40 villages were retaken", team.reviewer, ["statistic"]],
    ["road", secondId, "the road to the valley was closed", secondReviewer, ["factual claim"]],
    ["propaganda", firstId, "propaganda", secondReviewer, ["loaded language"]],
    ["governor", secondId, "The governor denied it", team.reviewer, ["quote/attribution"]],
  ];
  for (const [key, articleId, quote, user, tags] of plan) {
    const text = articleId === firstId ? FIRST : SECOND;
    const created = await annotate(articleId, text, quote, user, tags);
    await submit(created.id, created.version, user);
    queued[key] = created.id;
  }
  // A draft stays out of the queue.
  queued.draft = (await annotate(firstId, FIRST, "on Monday", team.reviewer)).id;
  for (const text of ["Which villages?", "Source?", "Deleted"]) {
    const comment = await api("POST", `/api/v1/annotations/${queued.villages}/comments`, {
      token: team.editor.token,
      json: { text },
    });
    if (text === "Deleted") await api("DELETE", `/api/v1/comments/${comment.body.id}`, { token: team.editor.token });
  }
});

describe("GET /api/v1/projects/:projectId/annotations", () => {
  it("lists the submitted annotations of every article, oldest first, with context, article, comments", async () => {
    const response = await list("?status=SUBMITTED");
    expect(response.status).toBe(200);
    const items = response.body.items as Item[];
    expect(quotes(items)).toEqual([
      "40 villages were retaken",
      "the road to the valley was closed",
      "propaganda",
      "The governor denied it",
    ]);
    expect(response.body.nextCursor).toBeNull();
    const [villages] = items;
    expect(villages).toMatchObject({
      prefix: "The ministry said ",
      suffix: FIRST.slice(FIRST.indexOf(" on Monday"), FIRST.indexOf(" on Monday") + 32),
      status: "SUBMITTED",
      note: "Note on 40 villages were retaken",
      commentCount: 2,
      tags: [{ name: "statistic", group: "claim type" }],
      article: { id: firstId, title: "Villages retaken", source: "Kabul Times" },
    });
    expect(items[1]).toMatchObject({ commentCount: 0, article: { title: "Road closed", source: "Valley Post" } });
    // The same shape as the annotation's own GET, which counts comments too.
    const single = await api("GET", `/api/v1/annotations/${queued.villages}`, { token: team.editor.token });
    const { article: _article, ...view } = villages!;
    expect(single.body).toEqual(view);
    const perArticle = await api("GET", `/api/v1/articles/${firstId}/annotations?ids=${queued.villages}`, {
      token: team.editor.token,
    });
    expect(perArticle.body.items).toEqual([view]);
  });

  it("filters by article, author, tag, group, age and words of the quote or note", async () => {
    const by = async (query: string) => quotes((await list(`?status=SUBMITTED&${query}`)).body.items);
    expect(await by(`article=${secondId}`)).toEqual(["the road to the valley was closed", "The governor denied it"]);
    expect(await by(`author=${secondReviewer.id}`)).toEqual(["the road to the valley was closed", "propaganda"]);
    expect(await by("tag=statistic")).toEqual(["40 villages were retaken"]);
    expect(await by("group=rhetoric")).toEqual(["propaganda"]);
    expect(await by("olderThan=1")).toEqual([]);
    expect(await by("olderThan=0")).toHaveLength(4);
    expect(await by("q=VALLEY")).toEqual(["the road to the valley was closed"]);
    expect(await by("q=note on the gov")).toEqual(["The governor denied it"]);
    expect(await by("q=100%25")).toEqual([]);
    // Ids of nothing match nothing.
    expect(await by("article=not-an-id")).toEqual([]);
    expect(await by(`author=${crypto.randomUUID()}`)).toEqual([]);
    // Without a status: every status, drafts too.
    expect(quotes((await list("")).body.items)).toContain("on Monday");
  });

  it("pages with nextCursor, the pages together the whole list", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(`?status=SUBMITTED&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      seen.push(...quotes(response.body.items));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(quotes((await list("?status=SUBMITTED")).body.items));
    expect((await list("?cursor=nonsense")).status).toBe(400);
  });

  it("keeps blind coding: a reviewer sees only their own unapproved work, and approved work of others", async () => {
    expect(quotes((await list("?status=SUBMITTED", team.reviewer)).body.items)).toEqual([
      "40 villages were retaken",
      "The governor denied it",
    ]);
    expect(quotes((await list("?status=SUBMITTED", secondReviewer)).body.items)).toEqual([
      "the road to the valley was closed",
      "propaganda",
    ]);
    // Viewers and editors see everyone's.
    expect((await list("?status=SUBMITTED", team.viewer)).body.items).toHaveLength(4);
    expect((await list("", team.outsider)).status).toBe(404);
  });

  it("refuses bad filters with a JSON 4xx", async () => {
    for (const query of ["?status=WAITING", "?olderThan=-1", "?olderThan=abc", "?limit=0", `?q=${"x".repeat(201)}`]) {
      const refused = await list(query);
      expect([400, 422], query).toContain(refused.status);
      expect(refused.body.error.code, query).toEqual(expect.any(String));
    }
  });

  it("reads the queue's page from its index, for a project of many annotations", async () => {
    const big = await createProjectWithTeam("Review queue plan");
    const [{ id: articleId }] = await db().$queryRaw<[{ id: string }]>`
      INSERT INTO articles (id, project_id, created_by_id, updated_at, title, text, text_length)
      VALUES (gen_random_uuid(), ${big.id}::uuid, ${big.editor.id}::uuid, now(), 'Long', 'A long report.', 14)
      RETURNING id`;
    await db().$executeRaw`
      INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, status,
        revision, updated_at)
      SELECT gen_random_uuid(), ${big.id}::uuid, ${articleId}::uuid, ${big.reviewer.id}::uuid, 0, 6, 'A long', '',
        '', (ARRAY['DRAFT', 'APPROVED', 'APPROVED', 'SUBMITTED'])[n % 4 + 1]::"AnnotationStatus", 1, now()
      FROM generate_series(1, 20000) AS n`;
    await refreshStatistics("annotations", "articles", "comments", "annotation_tags");
    const access = await requireProjectPermission(big.editor.actor, big.id, "annotation.read");
    const plan = await planOf(
      projectAnnotationsStatement(big.editor.actor, access, { status: "SUBMITTED", limit: 50 }),
      { analyze: true },
    );
    expect(seqScannedTables(plan)).not.toContain("annotations");
    expect(indexesRead(plan)).toContain("annotations_review_queue_idx");
  });
});

describe("search with filters only", () => {
  const search = (query: string, user: TestUser = team.editor) =>
    api("GET", `/api/v1/projects/${team.id}/search${query}`, { token: user.token });

  it("lists what the filters let through, oldest first: status=SUBMITTED is what waits", async () => {
    const response = await search("?status=SUBMITTED");
    expect(response.status).toBe(200);
    expect(response.body.items.map((hit: { exact: string }) => hit.exact)).toEqual([
      "40 villages were retaken",
      "the road to the valley was closed",
      "propaganda",
      "The governor denied it",
    ]);
    expect(response.body.items[0]).toMatchObject({
      kind: "annotation",
      articleId: firstId,
      articleTitle: "Villages retaken",
      source: "Kabul Times",
      annotationId: queued.villages,
      status: "SUBMITTED",
      snippet: "“40 villages were retaken”",
    });
    const paged = await search("?status=SUBMITTED&limit=3");
    expect(paged.body.items).toHaveLength(3);
    const next = await search(`?status=SUBMITTED&limit=3&cursor=${paged.body.nextCursor}`);
    expect(next.body.items.map((hit: { exact: string }) => hit.exact)).toEqual(["The governor denied it"]);
    expect((await search("?source=valley post&status=SUBMITTED")).body.items).toHaveLength(2);
    // Blind coding holds here too.
    expect((await search("?status=SUBMITTED", secondReviewer)).body.items).toHaveLength(2);
  });

  it("still refuses a search with neither words nor filters", async () => {
    for (const query of ["", "?q=", "?q=%20%20"]) {
      const refused = await search(query);
      expect(refused.status, query).toBe(422);
      expect(refused.body.error.message).toContain("choose a filter");
    }
  });
});
