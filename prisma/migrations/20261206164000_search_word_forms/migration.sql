-- Search finds English word forms: each article, annotation and comment also
-- keeps its words stemmed by the 'english' configuration ("fighters" →
-- 'fighter', "policies" → 'polici'), stored and GIN-indexed like the exact
-- words. Words of other scripts pass the English stemmer unchanged, so
-- Persian still matches word for word.

-- The words of a text in a given configuration, within PostgreSQL's 1 MB
-- limit of a tsvector, as search_words(doc) does for 'simple' (see the
-- search_stored_words migration). That one is left as it is: calling this
-- one from it would need the schema on the search path, which index builds,
-- VACUUM and restores do not set.
CREATE FUNCTION search_words(doc text, config regconfig) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  kept integer := length(doc);
BEGIN
  IF octet_length(doc) < 650000 THEN
    RETURN to_tsvector(config, doc);
  END IF;
  LOOP
    BEGIN
      RETURN to_tsvector(config, left(doc, kept));
    EXCEPTION WHEN program_limit_exceeded THEN
      kept := kept / 2;
    END;
  END LOOP;
END;
$$;

ALTER TABLE articles ADD COLUMN search_stems tsvector
  GENERATED ALWAYS AS (search_words(title || ' ' || text, 'english')) STORED;
ALTER TABLE annotations ADD COLUMN search_stems tsvector
  GENERATED ALWAYS AS (search_words(exact || ' ' || coalesce(note, ''), 'english')) STORED;
ALTER TABLE comments ADD COLUMN search_stems tsvector GENERATED ALWAYS AS (search_words(text, 'english')) STORED;

CREATE INDEX articles_search_stems_idx ON articles USING GIN (search_stems);
CREATE INDEX annotations_search_stems_idx ON annotations USING GIN (search_stems);
CREATE INDEX comments_search_stems_idx ON comments USING GIN (search_stems);

-- A stemmed query whose Latin words of four letters or more also match as
-- prefixes ('withdraw':* finds "withdrawal", 'pakistan':* "Pakistani").
-- Shorter words stay whole: a prefix of two or three letters is a word of
-- every text, and reading all its entries would cost what a scan does.
CREATE FUNCTION search_prefixes(query tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(query::text, '''([a-z][a-z0-9]{3,})''', '''\1'':*', 'g')::tsquery
$$;

-- A snippet of a text with the matched words marked: by their stemmed forms
-- (`forms`), or, when the query has none (stop words only: "the"), by the
-- exact words. ts_headline reads a window of the text (search_passage).
CREATE FUNCTION search_headline(doc text, exact tsquery, forms tsquery, options text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN numnode(forms) = 0
    THEN ts_headline('simple', search_passage(doc, exact), exact, options)
    ELSE ts_headline('english', search_passage(doc, exact || forms), forms, options) END
$$;
