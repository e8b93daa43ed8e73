-- Full-text search reads stored words: each article, annotation and comment
-- keeps its tsvector in a generated column with a GIN index, so a search
-- neither parses texts again (a quarter of a second per million characters
-- of article) nor depends on the planner matching an index expression.

-- The words of a text ('simple': no stemming, every language word for word).
-- PostgreSQL refuses a tsvector whose distinct words take more than 1 MB
-- ("string is too long for tsvector"): a million characters of a script with
-- two or three bytes a letter can. Such a text keeps the words of as much of
-- its beginning as fits, halved until it does. Below 650,000 bytes the words
-- cannot reach the limit (lower case is at most 1.5 times longer), and the
-- common path opens no subtransaction.
CREATE FUNCTION search_words(doc text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  kept integer := length(doc);
BEGIN
  IF octet_length(doc) < 650000 THEN
    RETURN to_tsvector('simple', doc);
  END IF;
  LOOP
    BEGIN
      RETURN to_tsvector('simple', left(doc, kept));
    EXCEPTION WHEN program_limit_exceeded THEN
      kept := kept / 2;
    END;
  END LOOP;
END;
$$;

-- What ts_headline reads of a text: it parses everything it is given (a
-- quarter of a second per million characters), so a text over 50,000 bytes
-- is cut to 50,000 characters from a little before the first place a word of
-- the query occurs, as written or capitalised (from its start if none does).
CREATE FUNCTION search_passage(doc text, query tsquery) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN octet_length(doc) <= 50000 THEN doc ELSE substr(doc, greatest(1, coalesce((
    SELECT min(nullif(strpos(doc, spelling), 0))
    FROM unnest(tsvector_to_array(to_tsvector('simple', querytree(query)))) AS word, unnest(ARRAY[word, initcap(word), upper(word)]) AS spelling
  ), 1) - 5000), 50000) END
$$;

DROP INDEX articles_search_idx;
DROP INDEX annotations_search_idx;
DROP INDEX comments_search_idx;

ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (search_words(title || ' ' || text)) STORED;
ALTER TABLE annotations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (search_words(exact || ' ' || coalesce(note, ''))) STORED;
ALTER TABLE comments ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (search_words(text)) STORED;

CREATE INDEX articles_search_idx ON articles USING GIN (search_vector);
CREATE INDEX annotations_search_idx ON annotations USING GIN (search_vector);
CREATE INDEX comments_search_idx ON comments USING GIN (search_vector);
