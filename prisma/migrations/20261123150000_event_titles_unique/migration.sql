-- An event is named once per project: two live events of one project may not
-- share a title (compared without case), or the comparison would show one
-- real-world event as two, each an omission of the other source. Earlier
-- duplicates keep their links and are numbered: "Dam repairs (2)".
DO $$
DECLARE
  duplicate record;
  n integer;
BEGIN
  FOR duplicate IN
    SELECT id, project_id, title
    FROM (
      SELECT id, project_id, title, row_number() OVER (PARTITION BY project_id, lower(title) ORDER BY created_at, id) AS position
      FROM events
      WHERE deleted_at IS NULL
    ) ranked
    WHERE position > 1
  LOOP
    n := 2;
    WHILE EXISTS (SELECT 1 FROM events WHERE project_id = duplicate.project_id AND deleted_at IS NULL AND lower(title) = lower(duplicate.title || ' (' || n || ')')) LOOP
      n := n + 1;
    END LOOP;
    UPDATE events SET title = duplicate.title || ' (' || n || ')' WHERE id = duplicate.id;
  END LOOP;
END $$;

CREATE UNIQUE INDEX events_project_id_title_key ON events (project_id, lower(title)) WHERE deleted_at IS NULL;
