import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { unprocessable } from "@/lib/errors";
import { type ProjectAccess, requireProjectPermission, visibleAnnotationsSql } from "@/lib/permissions";
import { offsetCursor, offsetFromCursor, type Page } from "@/lib/pagination";
import { parseInput, queryText } from "@/lib/validation";

/** Marks around matched words in snippets; the page turns them into <mark>s. */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";

/** How many hits a search returns unless it asks for another number (at most 100). */
const SEARCH_LIMIT = 30;

/**
 * How many matches of each kind (annotations, comments, articles) a search
 * ranks: the first the index gives. A word found in nearly every text would
 * otherwise rank a million rows to show thirty (26 s at 1,000,000
 * annotations); filters narrow before the cut, and pages go on up to it.
 */
export const CANDIDATES_PER_KIND = 1_000;

/**
 * PostgreSQL's parser of search queries keeps at most 32 operators waiting
 * for their word ("tsquery stack too small" beyond): each minus sign of a run
 * is one (spaces and the signs ! & | ( ) < between them do not end the run),
 * and an `or` and an `and` before the run can wait too.
 */
const MAX_MINUS_SIGNS_IN_A_ROW = 30;
const MINUS_RUN = /-(?:[\s!&|()<]*-)*/g;

function longestMinusRun(q: string): number {
  return Math.max(0, ...Array.from(q.matchAll(MINUS_RUN), ([run]) => run.replaceAll(/[^-]/g, "").length));
}

const searchQuery = z.object({
  /** Words; without them, the filters alone list the annotations they let through. */
  q: queryText(500)
    .pipe(z.string().trim())
    .refine(
      (q) => longestMinusRun(q) <= MAX_MINUS_SIGNS_IN_A_ROW,
      `at most ${MAX_MINUS_SIGNS_IN_A_ROW} minus signs (-) in a row`,
    )
    .optional(),
  tag: queryText(200).optional(),
  source: queryText(200).optional(),
  status: z.enum(["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"]).optional(),
  author: z.uuid({ error: "author must be a user id" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(SEARCH_LIMIT),
  cursor: z.string().max(200).optional(),
});

export interface SearchHit {
  kind: "annotation" | "comment" | "article" | "event" | "source";
  /** The article matched, or the annotation's or comment's (null for events and outlets). */
  articleId: string | null;
  articleTitle: string | null;
  /** The outlet's name: of the article, or the outlet matched. */
  source: string | null;
  /** The outlet's id, as `source`. */
  sourceId: string | null;
  /** The event matched (events only). */
  eventId: string | null;
  annotationId: string | null;
  /** The annotated quote (annotations and comments). */
  exact: string | null;
  /** Who wrote what matched: the annotation's or the comment's author (null for the other kinds). */
  author: { id: string; name: string } | null;
  /**
   * The annotation's review status (annotations and comments): two coders' versions of one passage read alike
   * otherwise.
   */
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "REJECTED" | null;
  /**
   * The matching passage, matched words between MATCH_START and MATCH_END; for an annotation, its quote in quotation
   * marks and, if the note matched too, “— note”; for an event, its title, place and description.
   */
  snippet: string;
  /**
   * How well it matches: 2 and more for the words as written, 1 and more for another form of them ("fighters" for
   * "fighter"), below 1 for words they begin ("withdrawal" for "withdraw"); the fraction ranks within each.
   */
  rank: number;
}

/** For articles: up to two passages around the matches. */
const PASSAGES =
  `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=10, MaxFragments=2, ` +
  `FragmentDelimiter=" … "`;
/** For quotes, notes and comments: whole up to 40 words (passages would drop their first and last words). */
const WHOLE = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=60, MinWords=40`;

/** A search as searchStatement takes it: the query's parsed values and where the page starts. */
export type SearchRequest = Omit<z.output<typeof searchQuery>, "cursor" | "q"> & { q: string; offset: number };
/** A search without words (filterStatement). */
type FilterRequest = Omit<SearchRequest, "q">;

/**
 * PostgreSQL full-text search (backed by GIN indexes) over the project's
 * annotations (quote and note), comments, articles, events (title, place and
 * description) and outlets (name), best matches first: the words as written
 * (every language), then their English forms ("fighter" finds "fighters"),
 * then English words they begin ("pakistan" finds "Pakistani"). Filters by
 * tag, source, status and author apply to annotations and comments; blind
 * coding is respected. Pages go on with `nextCursor`, as every list does.
 */
export async function searchProject(actor: Actor, projectId: string, query: unknown): Promise<Page<SearchHit>> {
  const access = await requireProjectPermission(actor, projectId, "annotation.read");
  const { cursor, q, ...filters } = parseInput(searchQuery, query);
  const offset = offsetFromCursor(cursor);
  let statement: Prisma.Sql;
  if (q) {
    await assertSomethingSought(q);
    statement = searchStatement(actor, access, { ...filters, q, offset });
  } else {
    assertSomeFilter(filters);
    statement = filterStatement(actor, access, { ...filters, offset });
  }
  const request = { ...filters, offset };
  const rows = await db().$queryRaw<(SearchHit & { hitId: string })[]>(statement);
  return {
    items: rows.slice(0, request.limit).map(({ hitId: _hitId, ...hit }) => ({ ...hit, rank: Number(hit.rank) })),
    nextCursor: rows.length > request.limit ? offsetCursor(request.offset + request.limit) : null,
  };
}

/**
 * The three readings of a search's words: as written ('simple', every script word for word), their English stems,
 * and those stems with the longer Latin ones as prefixes too (search_prefixes), which is what a match needs.
 */
function searchQueries(q: string) {
  const stems = Prisma.sql`websearch_to_tsquery('english', ${q})`;
  return {
    exact: Prisma.sql`websearch_to_tsquery('simple', ${q})`,
    stems,
    forms: Prisma.sql`search_prefixes(${stems})`,
  };
}
type SearchQueries = ReturnType<typeof searchQueries>;

/** Where one kind of hit is read from: its columns for the page, its tables and conditions, its two word lists. */
interface HitSource {
  columns: Prisma.Sql;
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** Its words as written ('simple') and stemmed ('english'): stored columns, or (events, outlets) computed. */
  words: Prisma.Sql;
  stems: Prisma.Sql;
}

/**
 * One kind's candidates, ranked, as three WITH queries named `${name}_…` and their names: at most
 * CANDIDATES_PER_KIND matches as written, then as many of the stemmed forms and then of the words the query's begin,
 * each read through its own index with a LIMIT before any ranking (a word of every text costs about what a word of a
 * few does). A farther form is read only while the closer ones found fewer than CANDIDATES_PER_KIND: its matches
 * would all rank after those, past the last page.
 */
function candidates(
  { columns, from, where, words, stems }: HitSource,
  name: string,
  query: SearchQueries,
): { definitions: Prisma.Sql[]; names: string[] } {
  const rank = Prisma.sql`CASE WHEN ${words} @@ ${query.exact} THEN 2 WHEN ${stems} @@ ${query.stems} THEN 1 ELSE 0
    END + ts_rank(${stems}, ${query.forms}, 32)`;
  const names = ["written", "stemmed", "begun"].map((tier) => `${name}_${tier}`);
  const found = (tiers: string[]) =>
    Prisma.join(
      tiers.map((tier) => Prisma.sql`(SELECT count(*) FROM ${Prisma.raw(tier)})`),
      " + ",
    );
  const matches = [
    Prisma.sql`${words} @@ ${query.exact}`,
    Prisma.sql`${stems} @@ ${query.stems}`,
    Prisma.sql`${stems} @@ ${query.forms}`,
  ];
  const definitions = names.map((tier, index) => {
    const stillShort =
      index === 0 ? Prisma.sql`TRUE` : Prisma.sql`${found(names.slice(0, index))} < ${CANDIDATES_PER_KIND}`;
    return Prisma.sql`${Prisma.raw(tier)} AS (SELECT ${columns}, ${rank} AS rank FROM ${from}
      WHERE ${where} AND ${matches[index]!} AND ${stillShort} LIMIT ${CANDIDATES_PER_KIND})`;
  });
  return { definitions, names };
}

/**
 * The words of an event: title, place and description, as the GIN indexes on them take them (migration
 * search_event_words). An outlet's name is read as it is: a project has a few.
 */
const eventText = Prisma.sql`e.title || ' ' || coalesce(e.place, '') || ' ' || coalesce(e.description, '')`;

/**
 * The statement of a search: one more hit than the page holds (so that the
 * caller knows whether another page follows), each with `hitId`, the
 * annotation, comment, article, event or outlet matched, which orders equal
 * ranks alike on every page. Matching and ranking read the stored words
 * (`search_vector` as written, `search_stems` stemmed, GIN-indexed), ranking
 * about CANDIDATES_PER_KIND matches of each kind (candidates); only the page's
 * hits get snippets, since ts_headline parses the text it is given
 * (search_passage gives it at most 5,000 characters).
 */
export function searchStatement(
  actor: Actor,
  access: ProjectAccess,
  { q, tag, source, status, author, limit, offset }: SearchRequest,
): Prisma.Sql {
  const query = searchQueries(q);
  const headline = (text: Prisma.Sql, options: string) =>
    Prisma.sql`search_headline(${text}, ${query.exact}, ${query.forms}, ${options})`;
  const { sourceFilter, annotationFilters } = searchFilters(actor, access, { tag, source, status, author });
  const onlyArticles = !tag && !status && !author;
  const ofKinds = (included: boolean) => (included ? Prisma.sql`TRUE` : Prisma.sql`FALSE`);
  const inProject = (alias: string) => Prisma.sql`${Prisma.raw(alias)}.project_id = ${access.projectId}::uuid`;
  const stored = (alias: string) => ({
    words: Prisma.raw(`${alias}.search_vector`),
    stems: Prisma.raw(`${alias}.search_stems`),
  });
  const kinds: HitSource[] = [
    {
      columns: Prisma.sql`a.id AS "hitId", 'annotation' AS kind, a.article_id AS "articleId", r.title, a.id AS
        "annotationId"`,
      from: Prisma.sql`annotations a JOIN articles r ON r.id = a.article_id LEFT JOIN sources s ON s.id = r.source_id`,
      where: annotationFilters,
      ...stored("a"),
    },
    {
      columns: Prisma.sql`c.id AS "hitId", 'comment' AS kind, a.article_id AS "articleId", r.title, a.id AS
        "annotationId"`,
      from: Prisma.sql`comments c JOIN annotations a ON a.id = c.annotation_id JOIN articles r ON r.id = a.article_id
        LEFT JOIN sources s ON s.id = r.source_id`,
      where: Prisma.sql`c.deleted_at IS NULL AND ${annotationFilters}`,
      ...stored("c"),
    },
    {
      columns: Prisma.sql`r.id AS "hitId", 'article' AS kind, r.id AS "articleId", r.title, NULL::uuid AS
        "annotationId"`,
      from: Prisma.sql`articles r LEFT JOIN sources s ON s.id = r.source_id`,
      where: Prisma.sql`${ofKinds(onlyArticles)} AND ${inProject("r")} AND r.deleted_at IS NULL AND ${sourceFilter}`,
      ...stored("r"),
    },
    {
      columns: Prisma.sql`e.id AS "hitId", 'event' AS kind, NULL::uuid AS "articleId", e.title, NULL::uuid AS
        "annotationId"`,
      from: Prisma.sql`events e`,
      where: Prisma.sql`${ofKinds(onlyArticles && !source)} AND ${inProject("e")} AND e.deleted_at IS NULL`,
      words: Prisma.sql`search_words(${eventText})`,
      stems: Prisma.sql`search_words(${eventText}, 'english')`,
    },
    {
      columns: Prisma.sql`s.id AS "hitId", 'source' AS kind, NULL::uuid AS "articleId", s.name AS title,
        NULL::uuid AS "annotationId"`,
      from: Prisma.sql`sources s`,
      where: Prisma.sql`${ofKinds(onlyArticles)} AND ${inProject("s")} AND ${sourceFilter}`,
      words: Prisma.sql`search_words(s.name)`,
      stems: Prisma.sql`search_words(s.name, 'english')`,
    },
  ];
  const tiers = kinds.map((kind, index) => candidates(kind, `kind${index}`, query));
  return Prisma.sql`
    WITH ${Prisma.join(
      tiers.flatMap((tier) => tier.definitions),
      ",\n",
    )},
    page AS (
      SELECT * FROM (${Prisma.raw(
        tiers
          .flatMap((tier) => tier.names)
          .map((name) => `SELECT * FROM ${name}`)
          .join(" UNION "),
      )}) AS ranked
      ORDER BY rank DESC, kind, title, "hitId"
      LIMIT ${limit + 1} OFFSET ${offset}
    )
    SELECT page."hitId", page.kind, r.id::text AS "articleId", r.title AS "articleTitle", s.name AS source,
           s.id::text AS "sourceId", e.id::text AS "eventId", a.id::text AS "annotationId", a.exact,
           (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u
             WHERE u.id = coalesce(c.author_id, a.author_id)) AS author, a.status::text AS status,
           CASE page.kind
             WHEN 'annotation' THEN '“' || ${headline(Prisma.sql`a.exact`, WHOLE)} || '”'
               || CASE WHEN a.note IS NOT NULL AND (search_words(a.note) @@ ${query.exact}
                    OR search_words(a.note, 'english') @@ ${query.forms})
                 THEN ' — ' || ${headline(Prisma.sql`a.note`, WHOLE)} ELSE '' END
             WHEN 'comment' THEN ${headline(Prisma.sql`c.text`, WHOLE)}
             WHEN 'event' THEN ${headline(
               Prisma.sql`e.title || coalesce(', ' || e.place, '') || coalesce(' — ' ||
               e.description, '')`,
               WHOLE,
             )}
             WHEN 'source' THEN ${headline(Prisma.sql`s.name`, WHOLE)}
             ELSE ${headline(Prisma.sql`r.text`, PASSAGES)} -- the title is shown beside it (and often opens the text)
           END AS snippet,
           page.rank
      FROM page LEFT JOIN articles r ON r.id = page."articleId"
           LEFT JOIN sources s ON s.id = CASE WHEN page.kind = 'source' THEN page."hitId" ELSE r.source_id END
           LEFT JOIN events e ON page.kind = 'event' AND e.id = page."hitId"
           LEFT JOIN annotations a ON a.id = page."annotationId"
           LEFT JOIN comments c ON page.kind = 'comment' AND c.id = page."hitId"
     ORDER BY page.rank DESC, page.kind, page.title, page."hitId"`;
}

/**
 * The filters of a search as SQL conditions: on the outlet `s`, and on the
 * annotations `a` (of the live article `r`) the caller may see.
 */
function searchFilters(
  actor: Actor,
  access: ProjectAccess,
  { tag, source, status, author }: Pick<SearchRequest, "tag" | "source" | "status" | "author">,
) {
  const sourceFilter = source ? Prisma.sql`lower(s.name) = lower(${source})` : Prisma.sql`TRUE`;
  const annotationFilters = Prisma.join(
    [
      visibleAnnotationsSql(actor, access),
      Prisma.sql`r.deleted_at IS NULL`,
      tag
        ? Prisma.sql`EXISTS (SELECT 1 FROM annotation_tags t JOIN tags g ON g.id = t.tag_id WHERE t.annotation_id = a.id
          AND lower(g.name) = lower(${tag}))`
        : Prisma.sql`TRUE`,
      sourceFilter,
      status ? Prisma.sql`a.status = ${status}::"AnnotationStatus"` : Prisma.sql`TRUE`,
      author ? Prisma.sql`a.author_id = ${author}::uuid` : Prisma.sql`TRUE`,
    ],
    " AND ",
  );
  return { sourceFilter, annotationFilters };
}

/**
 * A search without words: the annotations the filters let through, oldest
 * first (ids are UUIDv7), in the hits' shape, each snippet the quote in
 * quotation marks (nothing to mark), rank 0. `status=SUBMITTED` alone lists
 * what waits for review.
 */
function filterStatement(actor: Actor, access: ProjectAccess, request: FilterRequest): Prisma.Sql {
  const { annotationFilters } = searchFilters(actor, access, request);
  return Prisma.sql`
    SELECT a.id AS "hitId", 'annotation' AS kind, r.id::text AS "articleId", r.title AS "articleTitle",
      s.name AS source, s.id::text AS "sourceId", NULL AS "eventId", a.id::text AS "annotationId", a.exact,
      json_build_object('id', u.id, 'name', u.name) AS author,
      a.status::text AS status, '“' || a.exact || '”' AS snippet, 0 AS rank
      FROM annotations a JOIN articles r ON r.id = a.article_id LEFT JOIN sources s ON s.id = r.source_id
        JOIN users u ON u.id = a.author_id
     WHERE a.project_id = ${access.projectId}::uuid AND ${annotationFilters}
     ORDER BY a.id LIMIT ${request.limit + 1} OFFSET ${request.offset}`;
}

/** A search needs words or a filter: with neither it would list everything. */
function assertSomeFilter({ tag, source, status, author }: Omit<FilterRequest, "limit" | "offset">): void {
  if (tag || source || status || author) return;
  const message = "type something to search for, or choose a filter (tag, outlet, status or author)";
  throw unprocessable(`Invalid input: q: ${message}`, { issues: [{ path: "q", message }] });
}

/**
 * A search of excluded words only ("-taliban") would match everything that
 * lacks them, with nothing to highlight: it is refused. PostgreSQL's
 * querytree is "T" for a query that no index can narrow.
 */
async function assertSomethingSought(q: string): Promise<void> {
  if (!q.includes("-")) return; // only "-word" excludes
  const [{ tree }] = await db().$queryRaw<
    [{ tree: string }]
  >`SELECT querytree(websearch_to_tsquery('simple', ${q})) AS tree`;
  if (tree === "T") {
    const message = "say what to look for: excluded words (-word) only narrow a search";
    throw unprocessable(`Invalid input: q: ${message}`, { issues: [{ path: "q", message }] });
  }
}
