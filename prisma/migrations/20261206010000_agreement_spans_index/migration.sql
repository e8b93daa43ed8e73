-- The agreement reads the chosen coders' live spans of a whole project, article
-- by article: from this index alone (no annotation row read: annotations are
-- wide, and a million of them half a gigabyte), in each coder's text order.
CREATE INDEX annotations_agreement_idx ON annotations (author_id, article_id, start, "end", id) WHERE deleted_at IS NULL AND anchor <> 'ORPHANED';
