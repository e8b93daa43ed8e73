import { beforeAll, describe, expect, it } from "vitest";
import { agreementSpansStatement } from "@/lib/review/agreement";
import { comparedClaimsSql, comparedLinksStatement } from "@/lib/compare";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { annotationRowsStatement } from "@/lib/annotations";
import { articleLinksStatement, eventsPageStatement } from "@/lib/events";
import { historyStatement } from "@/lib/history";
import { requireProjectPermission } from "@/lib/permissions";
import { CANDIDATES_PER_KIND, searchStatement } from "@/lib/search";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";
import {
  indexesRead,
  type PlanNode,
  planNodes,
  planOf,
  planText,
  refreshStatistics,
  seqScannedTables,
} from "../support/explain";

/*
 * The project-wide queries and those about one article read what they need
 * through indexes, whatever the project's size: checked on the plans
 * PostgreSQL chooses for a project of some thousands of rows (enough for the
 * planner to prefer an index where one serves), with fresh statistics.
 */
const ARTICLES = 40;
const PER_ARTICLE = 100;
const EVENTS = 300;

let team: TestProject;
let articleIds: string[];

beforeAll(async () => {
  team = await createProjectWithTeam("Query plans");
  // Written straight into the tables (the plans are what matters): every annotation's note and every comment
  // has the common word "ministry"; every other annotation is linked to one of the events.
  articleIds = (
    await db().$queryRaw<{ id: string }[]>`
      INSERT INTO articles (id, project_id, created_by_id, updated_at, title, text, text_length)
      SELECT gen_random_uuid(), ${team.id}::uuid, ${team.editor.id}::uuid, now(), 'Report ' || n, body, length(body)
      FROM generate_series(1, ${ARTICLES}) AS n, format('Report number %s: the ministry spoke of the valley.', n) AS
        body
      RETURNING id`
  ).map((row) => row.id);
  await db().$executeRaw`
    INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, note, status,
      revision, updated_at)
    SELECT gen_random_uuid(), ${team.id}::uuid, r.id, CASE WHEN n % 2 = 0 THEN ${team.editor.id}::uuid
      ELSE ${team.reviewer.id}::uuid END,
           0, 6, 'Report', '', '', 'The ministry''s figure ' || n, (ARRAY['DRAFT', 'APPROVED', 'REJECTED',
             'SUBMITTED'])[n % 4 + 1]::"AnnotationStatus", 1, now()
    FROM articles r, generate_series(1, ${PER_ARTICLE}) AS n WHERE r.project_id = ${team.id}::uuid`;
  await db().$executeRaw`
    INSERT INTO events (id, project_id, title, date_start, created_by_id, updated_at)
    SELECT gen_random_uuid(), ${team.id}::uuid, 'Event ' || n, CASE WHEN n % 7 = 0 THEN NULL
      ELSE DATE '2021-08-01' + n % 40 END, ${team.editor.id}::uuid, now()
    FROM generate_series(1, ${EVENTS}) AS n`;
  await db().$executeRaw`
    WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM annotations
      WHERE project_id = ${team.id}::uuid),
         event_numbers AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM events
           WHERE project_id = ${team.id}::uuid)
    INSERT INTO claim_links (id, annotation_id, event_id, stance, created_by_id, updated_at)
    SELECT gen_random_uuid(), a.id, e.id, 'ASSERTS', ${team.editor.id}::uuid, now()
    FROM numbered a JOIN event_numbers e ON e.n = a.n % ${EVENTS} + 1 WHERE a.n % 2 = 0`;
  await db().$executeRaw`
    INSERT INTO comments (id, annotation_id, author_id, text, updated_at)
    SELECT gen_random_uuid(), id, author_id, 'Ask the ministry again.', now() FROM annotations
      WHERE project_id = ${team.id}::uuid AND start = 0 AND note LIKE '%0'`;
  // The history of it all: an entry per annotation.
  await db().$executeRaw`
    INSERT INTO audit_entries (id, project_id, actor_id, action, entity_type, entity_id, created_at)
    SELECT gen_random_uuid(), ${team.id}::uuid, author_id, 'annotation.create', 'Annotation', id::text, now()
      FROM annotations WHERE project_id = ${team.id}::uuid`;
  await refreshStatistics(
    "articles",
    "annotations",
    "annotation_tags",
    "comments",
    "events",
    "claim_links",
    "audit_entries",
  );
}, 120_000);

async function editorAccess() {
  return requireProjectPermission(team.editor.actor, team.id, "annotation.read");
}

describe("query plans", () => {
  it(
    "lists a page of events from its index, counting the " + "links of that page's events only, from indexes alone",
    async () => {
      const reviewerAccess = await requireProjectPermission(team.reviewer.actor, team.id, "annotation.read");
      for (const [actor, access] of [
        [team.editor.actor, await editorAccess()],
        [team.reviewer.actor, reviewerAccess],
      ] as const) {
        const statement = eventsPageStatement(actor, access, { needle: null, afterId: null, limit: 50 });
        const plan = await planOf(statement);
        const message = await planText(statement);
        expect(indexesRead(plan), message).toContain("events_list_order_idx");
        expect(seqScannedTables(plan), message).toEqual([]);
        // Neither a link's row nor an annotation's (wide, scattered) is read to count: an event may have thousands of
        // links.
        const linkReads = planNodes(plan).filter(
          (node) => node["Relation Name"] === "claim_links" || node["Relation Name"] === "annotations",
        );
        expect(linkReads.map((node) => `${node["Node Type"]} ${node["Index Name"]}`).sort(), message).toEqual([
          "Index Only Scan annotations_claim_state_idx",
          "Index Only Scan claim_links_event_id_annotation_id_idx",
        ]);
      }

      // The pages, in the index's order, are the whole list once; the counts are the visible, not rejected claims'.
      const seen: { id: string; date: string | null; title: string; linkCount: number }[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await api(
          "GET",
          `/api/v1/projects/${team.id}/events?limit=50${cursor ? `&cursor=${cursor}` : ""}`,
          { token: team.reviewer.token },
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(EVENTS);
      const order = (event: (typeof seen)[number]) =>
        `${event.date ?? "9999-99-99"} ${event.title.toLowerCase().padEnd(20)} ${event.id}`;
      expect(seen.map(order)).toEqual(seen.map(order).sort());
      const [{ visible }] = await db().$queryRaw<[{ visible: number }]>`
      SELECT count(*)::int AS visible FROM claim_links l JOIN annotations a ON a.id = l.annotation_id
      WHERE a.project_id = ${team.id}::uuid AND a.status <> 'REJECTED' AND (a.author_id = ${team.reviewer.id}::uuid
        OR a.status = 'APPROVED')`;
      expect(seen.reduce((sum, event) => sum + event.linkCount, 0)).toBe(visible);
    },
  );

  it("looks up an article's links, and the compared articles' links, by their annotations", async () => {
    const access = await editorAccess();
    for (const statement of [
      articleLinksStatement(team.editor.actor, access, articleIds[3]!),
      comparedLinksStatement(comparedClaimsSql(team.editor.actor, access, [articleIds[3]!, articleIds[4]!])),
    ]) {
      const plan = await planOf(statement);
      const message = await planText(statement);
      expect(indexesRead(plan), message).toContain("claim_links_annotation_id_event_id_key");
      expect(
        seqScannedTables(plan).filter((table) => table === "claim_links" || table === "annotations"),
        message,
      ).toEqual([]);
    }
  });

  it("ranks at most a bounded number of matches of each kind for a word found everywhere", async () => {
    const access = await editorAccess();
    const statement = searchStatement(team.editor.actor, access, { q: "ministry", limit: 30, offset: 0 });
    const plan = await planOf(statement);
    const message = await planText(statement);
    // Every read of matches (each kind's words as written, stemmed, and begun) is cut by a LIMIT of its own: the
    // first two are WITH queries (the later ones count what they found), the third is read below the sort by rank.
    const ranking = planNodes(plan).find(
      (node) =>
        node["Node Type"] === "Sort" &&
        node["Sort Key"]?.some((key) => /\brank\b/.test(key) && !key.startsWith("page.")),
    );
    expect(ranking, message).toBeDefined();
    const tables = ["annotations", "comments", "articles", "events"];
    const uncut = (node: PlanNode): string[] =>
      node["Node Type"] === "Limit"
        ? []
        : [
            ...(node["Relation Name"] && tables.includes(node["Relation Name"]) ? [node["Relation Name"]] : []),
            ...(node.Plans ?? []).flatMap(uncut),
          ];
    expect(uncut(ranking!), message).toEqual([]);
    const reads = planNodes(plan).filter((node) => /^CTE kind\d+_/.test(node["Subplan Name"] ?? ""));
    expect(reads.map((node) => node["Subplan Name"]).sort(), message).toEqual(
      [0, 1, 2, 3, 4].flatMap((kind) => ["stemmed", "written"].map((tier) => `CTE kind${kind}_${tier}`)),
    );
    for (const read of reads) expect(read["Node Type"], message).toBe("Limit");
    // A rare word: annotations and comments read through their GIN indexes, as written and stemmed (the fixture's
    // few articles and events may be read whole, as the planner sees fit).
    const rare = searchStatement(team.editor.actor, access, { q: "zaranj", limit: 30, offset: 0 });
    const rarePlan = await planOf(rare);
    const rareMessage = await planText(rare);
    expect(indexesRead(rarePlan), rareMessage).toEqual(
      expect.arrayContaining(
        ["annotations", "comments"].flatMap((table) => [`${table}_search_idx`, `${table}_search_stems_idx`]),
      ),
    );
    expect(
      seqScannedTables(rarePlan).filter((table) => ["annotations"].includes(table)),
      rareMessage,
    ).toEqual([]);
    expect(PER_ARTICLE * ARTICLES).toBeGreaterThan(CANDIDATES_PER_KIND);

    const found = await api("GET", `/api/v1/projects/${team.id}/search?q=ministry&limit=100`, {
      token: team.editor.token,
    });
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(100);
    expect(found.body.items.every((hit: { snippet: string }) => hit.snippet.includes("\u0001"))).toBe(true);
  });

  it("reads a page of the history, and one item's history, backwards along an index", async () => {
    const [{ entityId }] = await db().$queryRaw<[{ entityId: string }]>`
      SELECT entity_id AS "entityId" FROM audit_entries WHERE project_id = ${team.id}::uuid ORDER BY id LIMIT 1`;
    // The whole history: along the project's index or the primary key (as the project's share of the table
    // makes it cheaper), never sorted; one item's: along its own index.
    for (const [filters, indexes] of [
      [{}, ["audit_entries_project_id_id_idx", "audit_entries_pkey"]],
      [{ entity: entityId }, ["audit_entries_project_id_entity_id_id_idx"]],
      // By kind of change or by person: along an index of its own; by days: a range of the project's ids.
      [{ kind: "annotation.delete" }, ["audit_entries_project_id_action_id_idx"]],
      [{ kind: "annotation.approve" }, ["audit_entries_project_id_action_id_idx"]],
      [{ actorId: team.editor.id }, ["audit_entries_project_id_actor_id_id_idx", "audit_entries_project_id_id_idx"]],
      [
        { from: new Date("2021-01-01"), to: new Date("2030-12-31") },
        ["audit_entries_project_id_id_idx", "audit_entries_pkey"],
      ],
    ] as const) {
      const statement = historyStatement(team.id, filters, 51);
      const plan = await planOf(statement);
      const message = await planText(statement);
      expect(
        indexesRead(plan).filter((index) => index.startsWith("audit_entries")),
        message,
      ).toEqual([expect.toBeOneOf([...indexes])]);
      expect(seqScannedTables(plan), message).not.toContain("audit_entries");
      expect(
        planNodes(plan).some((node) => node["Node Type"] === "Sort"),
        message,
      ).toBe(false);
    }
  });

  it(
    "reads the coders' spans for the agreement from an index alone, " + "and their tags and links by the spans' ids",
    async () => {
      const tagIds = (await db().tag.findMany({ where: { group: { projectId: team.id } }, select: { id: true } })).map(
        (tag) => tag.id,
      );
      const statement = agreementSpansStatement([team.editor.id, team.reviewer.id], tagIds, articleIds);
      const plan = await planOf(statement, { analyze: true });
      const message = await planText(statement);
      const annotationReads = planNodes(plan).filter((node) => node["Relation Name"] === "annotations");
      expect(
        annotationReads.map((node) => `${node["Node Type"]} ${node["Index Name"]}`),
        message,
      ).toEqual(["Index Only Scan annotations_agreement_idx"]);
      expect(indexesRead(plan), message).toEqual(
        expect.arrayContaining(["annotation_tags_pkey", "claim_links_annotation_id_event_id_key"]),
      );
      expect(
        seqScannedTables(plan).filter((table) => ["annotations", "annotation_tags", "claim_links"].includes(table)),
        message,
      ).toEqual([]);
    },
  );

  // Last: it adds a project, and the statistics of annotations change with it.
  it("reads an article's annotations and links by its index alone, in a plan made for any project", async () => {
    // A statement run often is planned once for any parameters, the project's share of the annotations then guessed
    // from all projects' average. Beside a project of long articles, a condition on the project (redundant beside
    // the article's) led the planner to read the project's index as well, all of a large project's annotations.
    await db().$executeRaw`
      WITH made AS (
        INSERT INTO projects (id, name, updated_at) VALUES (gen_random_uuid(), 'Plans, long articles', now())
        RETURNING id
      ), article AS (
        INSERT INTO articles (id, project_id, created_by_id, updated_at, title, text, text_length)
        SELECT gen_random_uuid(), made.id, ${team.editor.id}::uuid, now(), 'Long ' || n, 'A long report.', 14
        FROM made, generate_series(1, 20) AS n
        RETURNING id, project_id
      )
      INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, revision,
        updated_at)
      SELECT gen_random_uuid(), project_id, id, ${team.editor.id}::uuid, n % 9, 10, 'A long', '', '', 1, now()
      FROM article, generate_series(1, 1000) AS n`;
    try {
      await refreshStatistics("projects", "articles", "annotations");
      const access = await editorAccess();
      for (const statement of [
        articleLinksStatement(team.editor.actor, access, articleIds[5]!),
        annotationRowsStatement(team.editor.actor, access, articleIds[5]!),
      ]) {
        const [row] = await db().$transaction(async (tx) => {
          await tx.$executeRaw`SET LOCAL plan_cache_mode = force_generic_plan`;
          return tx.$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${statement}`);
        });
        const json = row!["QUERY PLAN"];
        const [{ Plan: plan }] = (typeof json === "string" ? JSON.parse(json) : json) as [{ Plan: PlanNode }];
        const annotationIndexes = indexesRead(plan).filter((index) => index.startsWith("annotations_"));
        expect(annotationIndexes, await planText(statement)).toEqual(["annotations_article_id_start_idx"]);
      }
    } finally {
      await db().$executeRaw`DELETE FROM projects WHERE name = 'Plans, long articles'`;
      await refreshStatistics("projects", "articles", "annotations");
    }
  });
});
