-- One item's history (the history page's link on every entry) is read
-- backwards along this index, newest first, instead of along the whole
-- project's history until the item's entries turn up.
CREATE INDEX "audit_entries_project_id_entity_id_id_idx" ON "audit_entries"("project_id", "entity_id", "id");
