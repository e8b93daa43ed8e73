-- Full-text search over annotations (quote and note), comments and articles
-- (title and text). The 'simple' configuration: no stemming, so every
-- language (Persian as English) is matched word for word.
CREATE INDEX annotations_search_idx ON annotations USING GIN (to_tsvector('simple', exact || ' ' || coalesce(note, '')));
CREATE INDEX comments_search_idx ON comments USING GIN (to_tsvector('simple', text));
CREATE INDEX articles_search_idx ON articles USING GIN (to_tsvector('simple', title || ' ' || text));
