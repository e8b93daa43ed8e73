-- A project's annotations of one status in the order they were made (ids are
-- UUIDv7): the review queue reads its page from this index and stops there,
-- however many annotations the project holds.
CREATE INDEX annotations_review_queue_idx ON annotations (project_id, status, id) WHERE deleted_at IS NULL;
-- Each annotation's live comments, counted with every view of it: from this
-- index alone.
CREATE INDEX comments_live_annotation_idx ON comments (annotation_id) WHERE deleted_at IS NULL;
