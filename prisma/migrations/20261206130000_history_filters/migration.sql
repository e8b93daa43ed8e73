-- The history filtered by person or by kind of change reads its page newest first along an index.
CREATE INDEX "audit_entries_project_id_actor_id_id_idx" ON "audit_entries"("project_id", "actor_id", "id");

CREATE INDEX "audit_entries_project_id_action_id_idx" ON "audit_entries"("project_id", "action", "id");
