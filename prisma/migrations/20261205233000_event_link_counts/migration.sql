-- The events list counts each event's links from indexes alone: the event's
-- claims from this one (no claim_links row read), and whether each claim is
-- live, not rejected and visible to the caller from the next (no annotation
-- row read: annotations are wide, their rows scattered).
CREATE INDEX claim_links_event_id_annotation_id_idx ON claim_links (event_id, annotation_id);
CREATE INDEX annotations_claim_state_idx ON annotations (id) INCLUDE (article_id, author_id, status) WHERE deleted_at IS NULL;
-- The new index on claim_links serves every lookup by event the old one did.
DROP INDEX claim_links_event_id_idx;
