-- The events list reads its pages in this order (date, undated last, then
-- title in any case) straight from the index, and stops at the page's end
-- instead of sorting every event of the project.
CREATE INDEX events_list_order_idx ON events (project_id, coalesce(date_start, 'infinity'::date), parallax_name_key(title), id) WHERE deleted_at IS NULL;
