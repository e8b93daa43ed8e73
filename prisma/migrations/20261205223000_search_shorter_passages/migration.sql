-- A snippet is read from 5,000 characters of a text, not 50,000: ts_headline
-- parses everything it is given, and a page of thirty long articles took
-- 0.7 s to parse at 50,000 characters each. The window opens 500 characters
-- before the first place a word of the query occurs (as written or
-- capitalised; from the text's start if none does), which leaves room for two
-- passages of thirty words around it.
CREATE OR REPLACE FUNCTION search_passage(doc text, query tsquery) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN octet_length(doc) <= 5000 THEN doc ELSE substr(doc, greatest(1, coalesce((
    SELECT min(nullif(strpos(doc, spelling), 0))
    FROM unnest(tsvector_to_array(to_tsvector('simple', querytree(query)))) AS word, unnest(ARRAY[word, initcap(word), upper(word)]) AS spelling
  ), 1) - 500), 5000) END
$$;
