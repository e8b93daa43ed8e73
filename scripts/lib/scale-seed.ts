/**
 * The bulk seed of `npm run bench -- --scale`: a project of `annotations`
 * annotations in the shape of the default bench, written with a few
 * INSERT … SELECT statements (generate_series and joins on small tables made
 * here), not through lib: 1,000,000 annotations in minutes.
 *
 * Shape: articles of 50,000 characters (20 distinct texts with non-BMP
 * characters, in turn) with 1,000 annotations each, by four coders in turn
 * (neighbouring spans overlap now and then, so agreement has something to
 * measure), in every status; a claim-type tag on each, a frame, rhetoric or
 * verdict tag on every third, fourth or fifth; 20 % linked to an event
 * (twenty events per block of ten articles, each event 100 links: ten claims
 * from each article of its block, as a story followed by ten articles of
 * five outlets; an event's link count does not grow with the project, the
 * number of events does); a comment on every
 * tenth; the audit rows of all of it. Only the project's size changes from
 * one database to the next, not what one article holds.
 */
import type pg from "pg";
import { quoteContext } from "../../lib/anchoring/span.ts";
import { spansOver, syntheticText } from "./synthetic-text.ts";

export const PER_ARTICLE = 1_000;
const DISTINCT_TEXTS = 20;
const TEXT_LENGTH = 50_000;
/** A word of no text: in the title of one article and the notes of five of its annotations, at every size. */
export const RARE_WORD = "Zaranj";
/** Another form of a word of no text ("fighters"): in the notes with the rare word. */
export const RARE_FORM = { query: "fighter", written: "fighters" };
/** A word of every text and of a quarter of the notes. */
export const COMMON_WORD = "ministry";
/** The article whose title and notes hold the rare word. */
const RARE_ARTICLE = 7;

export interface ScaleSeed {
  /** The article numbers the measures use (0-based, in creation order): ids in `articleIds`. */
  articleIds: string[];
  /** The texts of the articles, by text number (article n has text n % 20). */
  textOf(articleNumber: number): string;
}

/** Tables whose plain indexes are dropped while the seed writes and built again after, in one pass each. */
const BULK_TABLES = [
  "articles",
  "article_revisions",
  "annotations",
  "annotation_tags",
  "claim_links",
  "comments",
  "audit_entries",
  "events",
];
/** Tables whose triggers (live notifications) stay off while the seed writes: nobody listens yet. */
const QUIET_TABLES = ["articles", "annotations", "claim_links", "comments"];

/**
 * Seeds `annotations` annotations (a multiple of 1,000) into the project, whose
 * codebook exists, written by `coderIds` in turn; `ownerId` makes the
 * articles and events. One transaction: a failed seed leaves nothing.
 */
export async function seedScaleProject(
  sql: pg.ClientBase,
  {
    projectId,
    ownerId,
    coderIds,
    annotations,
  }: { projectId: string; ownerId: string; coderIds: string[]; annotations: number },
): Promise<ScaleSeed> {
  const articles = Math.ceil(annotations / PER_ARTICLE);
  const events = Math.ceil(articles / 10) * 20;
  const texts = seedTexts();
  const groups = (
    await sql.query<{ position: number; tag_ids: string[] }>(
      `SELECT g.position, array_agg(t.id ORDER BY t.position) AS tag_ids FROM tag_groups g
        JOIN tags t ON t.group_id = g.id WHERE g.project_id = $1 GROUP BY g.position ORDER BY g.position`,
      [projectId],
    )
  ).rows;

  await sql.query("BEGIN");
  try {
    await sql.query("SET LOCAL maintenance_work_mem = '512MB'");
    // Ids in time order, as uuid v7 (the app's own ids) are: the primary keys fill in order.
    await sql.query(`CREATE FUNCTION pg_temp.seed_uuid(at timestamptz) RETURNS uuid LANGUAGE sql AS $$
      SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch
        FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);
    for (const table of QUIET_TABLES) await sql.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    const indexes = (
      await sql.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c
           WHERE c.conname = i.indexname)`,
        [BULK_TABLES],
      )
    ).rows;
    for (const index of indexes) await sql.query(`DROP INDEX "${index.name}"`);

    await sql.query(
      `CREATE TEMP TABLE seed_texts ON COMMIT DROP AS SELECT t.n - 1 AS text_no, t.body, t.length
        FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(body, length, n)`,
      [texts, texts.map((text) => text.length)],
    );
    const spans = texts.flatMap((text, textNo) =>
      spansOver(text, PER_ARTICLE).map(({ start, end }, ordinal) => ({
        textNo,
        ordinal,
        start,
        end,
        exact: text.slice(start, end),
        ...quoteContext(text, start, end),
      })),
    );
    await sql.query(
      `CREATE TEMP TABLE seed_spans ON COMMIT DROP AS SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[],
        $5::text[], $6::text[], $7::text[]) AS s(text_no, ordinal, start, stop, exact, prefix, suffix)`,
      [
        spans.map((s) => s.textNo),
        spans.map((s) => s.ordinal),
        spans.map((s) => s.start),
        spans.map((s) => s.end),
        spans.map((s) => s.exact),
        spans.map((s) => s.prefix),
        spans.map((s) => s.suffix),
      ],
    );
    // Three years of work: article n at its share of them, its annotations in the hours after.
    await sql.query(
      `CREATE TEMP TABLE seed_articles ON COMMIT DROP AS
       SELECT n, n % ${DISTINCT_TEXTS} AS text_no, TIMESTAMPTZ '2023-01-01' + n * (INTERVAL '3 years' / $1::int) AS at,
         pg_temp.seed_uuid(TIMESTAMPTZ '2023-01-01' + n * (INTERVAL '3 years' / $1::int)) AS id
       FROM generate_series(0, $1::int - 1) AS n`,
      [articles],
    );
    const sources = await sql.query<{ id: string }>(
      `INSERT INTO sources (id, project_id, name, updated_at) SELECT gen_random_uuid(), $1::uuid, 'Outlet ' || n, now()
        FROM generate_series(1, 5) AS n RETURNING id`,
      [projectId],
    );
    await sql.query(
      `INSERT INTO articles (id, project_id, source_id, title, text, text_length, revision, created_by_id, created_at,
        updated_at, published_at)
       SELECT a.id, $1::uuid, ($3::uuid[])[a.n % 5 + 1], 'Article ' || (a.n + 1) || CASE WHEN a.n = ${RARE_ARTICLE}
         THEN ' from ${RARE_WORD}' ELSE '' END,
              t.body, t.length, 1, $2::uuid, a.at, a.at, a.at::date
       FROM seed_articles a JOIN seed_texts t ON t.text_no = a.text_no`,
      [projectId, ownerId, sources.rows.map((row) => row.id)],
    );
    await sql.query(
      `INSERT INTO article_revisions (id, article_id, number, text, created_by_id, created_at)
       SELECT pg_temp.seed_uuid(a.at), a.id, 1, t.body, $1::uuid, a.at FROM seed_articles a
         JOIN seed_texts t ON t.text_no = a.text_no`,
      [ownerId],
    );
    await sql.query(
      `CREATE TEMP TABLE seed_annotations ON COMMIT DROP AS
       SELECT a.n AS article_n, a.id AS article_id, s.ordinal, a.n * ${PER_ARTICLE} + s.ordinal AS g, a.at + s.ordinal *
         INTERVAL '1 minute' AS at,
              pg_temp.seed_uuid(a.at + s.ordinal * INTERVAL '1 minute') AS id, ($1::uuid[])[s.ordinal % $2 + 1] AS
                author_id, s.start, s.stop, s.exact, s.prefix, s.suffix,
              CASE WHEN a.n = ${RARE_ARTICLE} AND s.ordinal < 5 THEN 'Seen in ${RARE_WORD} by ${RARE_FORM.written} too.'
                   WHEN s.ordinal % 4 = 0 THEN 'Checked against the ${COMMON_WORD}''s figures (' || s.ordinal || ').'
                   END AS note,
              (ARRAY['DRAFT', 'DRAFT', 'DRAFT', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'APPROVED', 'APPROVED',
                     'REJECTED', 'DRAFT'])[(s.ordinal / 4) % 10 + 1] AS status
       FROM seed_articles a JOIN seed_spans s ON s.text_no = a.text_no`,
      [coderIds, coderIds.length],
    );
    await sql.query(
      `INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, note,
        status, reviewed_by_id, reviewed_at, revision, created_at, updated_at)
       SELECT id, $1::uuid, article_id, author_id, start, stop, exact, prefix, suffix, note, status::"AnnotationStatus",
              CASE WHEN status IN ('APPROVED', 'REJECTED') THEN $2::uuid END, CASE
                WHEN status IN ('APPROVED', 'REJECTED') THEN at END, 1, at, at
       FROM seed_annotations ORDER BY id`,
      [projectId, ownerId],
    );
    // A claim-type tag on every annotation (the same on two neighbours), other groups' tags on some.
    for (const group of groups) {
      await sql.query(
        `INSERT INTO annotation_tags (annotation_id, tag_id) SELECT id, ($1::uuid[])[(ordinal / 2) % $2 + 1]
          FROM seed_annotations WHERE $3 = 0 OR ordinal % ($3 + 2) = 0`,
        [group.tag_ids, group.tag_ids.length, group.position],
      );
    }
    await sql.query(
      `CREATE TEMP TABLE seed_events ON COMMIT DROP AS
       SELECT n, pg_temp.seed_uuid(TIMESTAMPTZ '2023-01-01' + n * (INTERVAL '3 years' / $1::int)) AS id, TIMESTAMPTZ
         '2023-01-01' + n * (INTERVAL '3 years' / $1::int) AS at FROM generate_series(0, $1::int - 1) AS n`,
      [events],
    );
    await sql.query(
      `INSERT INTO events (id, project_id, title, date_start, place, created_by_id, created_at, updated_at)
       SELECT id, $1::uuid, 'Event ' || (n + 1), at::date, CASE WHEN n % 3 = 0 THEN 'Kabul' END, $2::uuid, at, at
         FROM seed_events`,
      [projectId, ownerId],
    );
    // Every fifth claim, to one of the 20 events of its block of ten articles.
    await sql.query(
      `CREATE TEMP TABLE seed_links ON COMMIT DROP AS
       SELECT pg_temp.seed_uuid(a.at) AS id, a.id AS annotation_id, e.id AS event_id, (ARRAY['ASSERTS', 'DISPUTES',
         'QUALIFIES', 'MENTIONS'])[(a.ordinal / 5) % 4 + 1] AS stance,
              CASE WHEN a.ordinal % 25 = 0 THEN 'a ministry spokesman' END AS attributed_to, a.author_id, a.at
       FROM seed_annotations a JOIN seed_events e ON e.n = ((a.article_n / 10) * 20 + (a.ordinal / 5) % 20) % $1::int
       WHERE a.ordinal % 5 = 0`,
      [events],
    );
    await sql.query(
      `INSERT INTO claim_links (id, annotation_id, event_id, stance, attributed_to, created_by_id, created_at,
        updated_at)
       SELECT id, annotation_id, event_id, stance::"Stance", attributed_to, author_id, at, at FROM seed_links
         ORDER BY id`,
    );
    await sql.query(
      `CREATE TEMP TABLE seed_comments ON COMMIT DROP AS
       SELECT pg_temp.seed_uuid(a.at + INTERVAL '1 hour') AS id, a.id AS annotation_id, ($1::uuid[])[(a.ordinal + 1) %
         $2 + 1] AS author_id,
              'Is this figure from the ministry itself? (' || a.g || ')' AS text, a.at + INTERVAL '1 hour' AS at
       FROM seed_annotations a WHERE a.ordinal % 10 = 3`,
      [coderIds, coderIds.length],
    );
    await sql.query(
      `INSERT INTO comments (id, annotation_id, author_id, text, created_at, updated_at)
        SELECT id, annotation_id, author_id, text, at, at FROM seed_comments ORDER BY id`,
    );
    await sql.query(
      `INSERT INTO audit_entries (id, project_id, actor_id, action, entity_type, entity_id, after, created_at)
       SELECT * FROM (
         SELECT pg_temp.seed_uuid(a.at), $1::uuid, $2::uuid, 'article.create', 'Article', a.id::text,
           jsonb_build_object('id', a.id, 'title', 'Article ' || (a.n + 1), 'revision', 1), a.at FROM seed_articles a
         UNION ALL
         SELECT pg_temp.seed_uuid(a.at), $1, a.author_id, 'annotation.create', 'Annotation', a.id::text,
                jsonb_build_object('id', a.id, 'articleId', a.article_id, 'start', a.start, 'end', a.stop, 'exact',
                  a.exact, 'note', a.note, 'status', 'DRAFT', 'revision', 1, 'version', 1), a.at
         FROM seed_annotations a
         UNION ALL
         SELECT pg_temp.seed_uuid(l.at), $1, l.author_id, 'link.create', 'ClaimLink', l.id::text,
                jsonb_build_object('id', l.id, 'annotationId', l.annotation_id, 'eventId', l.event_id, 'stance',
                  l.stance, 'attributedTo', l.attributed_to), l.at
         FROM seed_links l
         UNION ALL
         SELECT pg_temp.seed_uuid(c.at), $1, c.author_id, 'comment.create', 'Comment', c.id::text,
           jsonb_build_object('annotationId', c.annotation_id, 'text', c.text), c.at FROM seed_comments c
       ) AS entries ORDER BY 1`,
      [projectId, ownerId],
    );
    for (const index of indexes) await sql.query(index.definition);
    for (const table of QUIET_TABLES) await sql.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    const articleIds = (await sql.query<{ id: string }>(`SELECT id FROM seed_articles ORDER BY n`)).rows.map(
      (row) => row.id,
    );
    await sql.query("COMMIT");
    return { articleIds, textOf: textsOf(texts) };
  } catch (error) {
    await sql.query("ROLLBACK");
    throw error;
  }
}

const seedTexts = () => Array.from({ length: DISTINCT_TEXTS }, (_, index) => syntheticText(index, TEXT_LENGTH));
const textsOf = (texts: string[]) => (articleNumber: number) => texts[articleNumber % DISTINCT_TEXTS]!;

/** What seedScaleProject returned, for a project it seeded earlier (its articles in creation order). */
export async function seededScaleProject(sql: pg.ClientBase, projectId: string): Promise<ScaleSeed> {
  const articles = await sql.query<{ id: string }>(
    `SELECT id FROM articles WHERE project_id = $1 ORDER BY created_at, id`,
    [projectId],
  );
  return { articleIds: articles.rows.map((row) => row.id), textOf: textsOf(seedTexts()) };
}
