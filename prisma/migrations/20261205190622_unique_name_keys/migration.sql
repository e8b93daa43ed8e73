-- Tags, codebook groups, outlets and (live) events are named once per project,
-- in any case and any Unicode normal form: "Café attack" typed with a
-- precomposed é (NFC) or with e + U+0301 (NFD), "CAFÉ ATTACK" and "café
-- attack" are one name. Unique indexes on the key below hold it under races,
-- whoever writes (the app, a script, plain SQL).
--
-- The key is PostgreSQL's own (one definition, the same for every writer):
-- decomposed, case-folded by the built-in Unicode provider (full folding, in
-- every script, "ß" as "ss"; lower() under the databases' C locale folds
-- ASCII letters only), then composed again: Unicode's canonical caseless
-- match. PostgreSQL before 18 has no casefold(): there the key is made with
-- ICU (which Debian's and most builds include), upper then lower case, which
-- folds the same letters ("ß" → "SS" → "ss") but for a few special cases; an
-- index built by one library version may need a REINDEX after an upgrade.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 180000 THEN
    EXECUTE $function$
      CREATE FUNCTION parallax_name_key(name text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN normalize(casefold(normalize(name, NFD) COLLATE pg_unicode_fast), NFC)
    $function$;
  ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    EXECUTE $function$
      CREATE FUNCTION parallax_name_key(name text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN normalize(lower(upper(normalize(name, NFC) COLLATE "und-x-icu") COLLATE "und-x-icu"), NFC)
    $function$;
  ELSE
    RAISE EXCEPTION 'Parallax needs PostgreSQL 18 or later, or an earlier PostgreSQL built with ICU, to match names in any case and script';
  END IF;
END $$;

-- Names that were duplicates under the key (made before this migration, in a
-- race, or in another normal form) keep their rows, annotations and links:
-- the first made keeps its name, each later one is numbered, "Reuters (2)",
-- so that editors can tell them apart and merge them.
CREATE FUNCTION pg_temp.number_duplicate_names(table_name text, name_column text, live_only boolean) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  live text := CASE WHEN live_only THEN 'AND deleted_at IS NULL' ELSE '' END;
  duplicate record;
  candidate text;
  n integer;
  taken boolean;
BEGIN
  FOR duplicate IN EXECUTE format(
    'SELECT id, project_id, %1$I AS name FROM (
       SELECT id, project_id, %1$I, row_number() OVER (PARTITION BY project_id, parallax_name_key(%1$I) ORDER BY created_at, id) AS position
       FROM %2$I WHERE true %3$s) ranked
     WHERE position > 1 ORDER BY project_id, position', name_column, table_name, live)
  LOOP
    n := 2;
    LOOP
      candidate := duplicate.name || ' (' || n || ')';
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE project_id = $1 AND parallax_name_key(%I) = parallax_name_key($2) %s)', table_name, name_column, live)
        INTO taken USING duplicate.project_id, candidate;
      EXIT WHEN NOT taken;
      n := n + 1;
    END LOOP;
    EXECUTE format('UPDATE %I SET %I = $1 WHERE id = $2', table_name, name_column) USING candidate, duplicate.id;
  END LOOP;
END $$;

SELECT pg_temp.number_duplicate_names('tag_groups', 'name', false);
SELECT pg_temp.number_duplicate_names('tags', 'name', false);
SELECT pg_temp.number_duplicate_names('sources', 'name', false);
SELECT pg_temp.number_duplicate_names('events', 'title', true);

-- The keys replace the exact-name (and ASCII-only lower()) unique indexes.
DROP INDEX tag_groups_project_id_name_key;
DROP INDEX tags_project_id_name_key;
DROP INDEX sources_project_id_name_key;
DROP INDEX events_project_id_title_key;
CREATE UNIQUE INDEX tag_groups_name_key ON tag_groups (project_id, parallax_name_key(name));
CREATE UNIQUE INDEX tags_name_key ON tags (project_id, parallax_name_key(name));
CREATE UNIQUE INDEX sources_name_key ON sources (project_id, parallax_name_key(name));
CREATE UNIQUE INDEX events_title_key ON events (project_id, parallax_name_key(title)) WHERE deleted_at IS NULL;
