/**
 * The progress measures of `npm run bench`: a project of 1,000 articles each
 * assigned to the same 10 coders (10,000 assignments), seeded with bulk SQL,
 * with about 30,000 annotations spread so that every state occurs (about
 * 8,000 of them submitted, waiting in the review queue); then the Progress
 * page, the progress API, its CSV, the assignments list and the review queue
 * (page and API), timed over HTTP against GET /api/health.
 */
import type pg from "pg";
import { median, medianOf, ms, type Row, timed } from "./bench-stats.ts";

export const PROGRESS_ARTICLES = 1_000;
export const PROGRESS_CODERS = 10;
const ANNOTATIONS_PER_CELL = 3;
const ARTICLE_TEXT = "The ministry said 40 villages were retaken on Monday. Critics called it propaganda. ".repeat(25);

/**
 * Seeds the project, owned by `ownerId` (its editor), and returns its id.
 * Cell k (article × coder) is, by k mod 5: not started; in progress (drafts);
 * submitted (annotations waiting); done (all approved); submitted (some
 * approved, some waiting).
 */
export async function seedProgressProject(sql: pg.Pool, ownerId: string): Promise<string> {
  const {
    rows: [{ id: projectId }],
  } = await sql.query(
    `INSERT INTO projects (id, name, updated_at) VALUES (gen_random_uuid(), 'Progress bench', now()) RETURNING id`,
  );
  await sql.query(`INSERT INTO memberships (project_id, user_id, role, updated_at) VALUES ($1, $2, 'EDITOR', now())`, [
    projectId,
    ownerId,
  ]);
  await sql.query(
    `WITH coder AS (
       INSERT INTO users (id, email, name, updated_at)
       SELECT gen_random_uuid(), 'progress-coder-' || n || '@bench.example', 'Coder ' || n, now()
       FROM generate_series(1, $2::int) AS n RETURNING id)
     INSERT INTO memberships (project_id, user_id, role, updated_at) SELECT $1, id, 'REVIEWER', now() FROM coder`,
    [projectId, PROGRESS_CODERS],
  );
  await sql.query(
    `INSERT INTO articles (id, project_id, title, text, text_length, created_by_id, updated_at)
     SELECT gen_random_uuid(), $1, 'Progress article ' || n, $2, length($2), $3, now()
     FROM generate_series(1, $4::int) AS n`,
    [projectId, ARTICLE_TEXT, ownerId, PROGRESS_ARTICLES],
  );
  // Cells numbered by article and coder; submitted_at where the coder said they were done.
  await sql.query(
    `CREATE TEMP TABLE progress_cells AS
     SELECT ar.id AS article_id, m.user_id,
       (row_number() OVER (ORDER BY ar.id, m.user_id)) % 5 AS kind
     FROM articles ar JOIN memberships m ON m.project_id = ar.project_id AND m.role = 'REVIEWER'
     WHERE ar.project_id = $1`,
    [projectId],
  );
  await sql.query(
    `INSERT INTO assignments (id, project_id, article_id, user_id, assigned_by_id, submitted_at)
     SELECT gen_random_uuid(), $1, article_id, user_id, $2, CASE WHEN kind >= 2 THEN now() END FROM progress_cells`,
    [projectId, ownerId],
  );
  const quote = "40 villages were retaken";
  const start = ARTICLE_TEXT.indexOf(quote);
  await sql.query(
    `INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, revision,
       status, updated_at)
     SELECT gen_random_uuid(), $1, c.article_id, c.user_id, $2, $3, $4, '', '', 1,
       (CASE c.kind WHEN 1 THEN 'DRAFT' WHEN 2 THEN 'SUBMITTED' WHEN 3 THEN 'APPROVED'
         ELSE CASE WHEN i = 1 THEN 'SUBMITTED' ELSE 'APPROVED' END END)::"AnnotationStatus", now()
     FROM progress_cells c, generate_series(1, $5::int) AS i WHERE c.kind <> 0`,
    [projectId, start, start + quote.length, quote, ANNOTATIONS_PER_CELL],
  );
  await sql.query("DROP TABLE progress_cells");
  return projectId;
}

/** Median time of `runs` GETs of `url` (after a warm-up), each read to its end; throws unless 200. */
async function timedGet(url: string, authorization: string, runs = 15): Promise<number> {
  return medianOf(runs, async () => {
    const response = await fetch(url, { headers: { authorization } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  });
}

/** The rows of the progress measures, on the built app at `appUrl`. */
export async function progressRows(appUrl: string, authorization: string, projectId: string): Promise<Row[]> {
  const health = await timedGet(`${appUrl}/api/health`, authorization);
  const scale = `${PROGRESS_ARTICLES.toLocaleString("en")} articles × ${PROGRESS_CODERS} coders`;
  const measures: { measure: string; url: string; targetMs: number }[] = [
    { measure: `Progress page (HTML), ${scale}`, url: `${appUrl}/projects/${projectId}/progress`, targetMs: 500 },
    {
      measure: `GET …/progress (JSON), ${scale}`,
      url: `${appUrl}/api/v1/projects/${projectId}/progress`,
      targetMs: 300,
    },
    {
      measure: `GET …/assignments (first page of 50), ${scale}`,
      url: `${appUrl}/api/v1/projects/${projectId}/assignments`,
      targetMs: 100,
    },
    {
      measure: `GET …/assignments?state=submitted (a filter over every cell), ${scale}`,
      url: `${appUrl}/api/v1/projects/${projectId}/assignments?state=submitted`,
      targetMs: 300,
    },
    // The cells submitted hold about 8,000 annotations waiting for review.
    { measure: `Review queue page (HTML), ${scale}`, url: `${appUrl}/projects/${projectId}/review`, targetMs: 500 },
    {
      measure: `GET …/annotations?status=SUBMITTED (the queue's first page), ${scale}`,
      url: `${appUrl}/api/v1/projects/${projectId}/annotations?status=SUBMITTED`,
      targetMs: 100,
    },
  ];
  const rows: Row[] = [];
  for (const { measure, url, targetMs } of measures) {
    const time = await timedGet(url, authorization);
    rows.push({
      measure,
      result: ms(time),
      baseline: `${ms(health)} (GET /api/health)`,
      ratio: (time / health).toFixed(1),
      target: `< ${targetMs} ms`,
      pass: time < targetMs,
    });
  }
  const csvTimes: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    csvTimes.push(
      await timed(async () => {
        const response = await fetch(`${appUrl}/api/v1/projects/${projectId}/progress?format=csv`, {
          headers: { authorization },
        });
        bytes = (await response.arrayBuffer()).byteLength;
      }),
    );
  }
  const csv = median(csvTimes);
  rows.push({
    measure: `progress CSV, ${scale} (${(bytes / 1024).toFixed(0)} KB)`,
    result: ms(csv),
    baseline: `${ms(health)} (GET /api/health)`,
    ratio: (csv / health).toFixed(1),
    target: "< 2,000 ms",
    pass: csv < 2_000,
  });
  return rows;
}
