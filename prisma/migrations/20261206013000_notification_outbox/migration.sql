-- Live notifications leave through an outbox. A transaction that calls
-- pg_notify takes a lock that every notifying transaction of the server
-- shares and holds it until its commit is on disk: annotation writes then
-- waited for each other's disk flushes one by one instead of sharing them.
-- The triggers now put the notification in `notification_outbox` (written
-- with the change, gone with it when it rolls back), and the app moves it to
-- pg_notify right after each commit and on a short timer
-- (parallax_deliver_notifications). The table is UNLOGGED: a crash may lose
-- notifications, never data, and the live streams resync when their LISTEN
-- connection comes back.

CREATE UNLOGGED TABLE "notification_outbox" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "payload" TEXT NOT NULL,

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

-- Sends up to `batch` waiting notifications and returns how many it sent.
-- Access changes go first, and one caller at a time (an advisory lock), so
-- that a reader never hears of a change written after its access ended
-- before it hears that its access changed (lib/live.ts), and no notification
-- is sent twice by two app instances.
CREATE OR REPLACE FUNCTION parallax_deliver_notifications(batch integer) RETURNS integer AS $$
DECLARE
  note record;
  delivered integer := 0;
BEGIN
  -- A lost notification costs a reader a reload; this commit need not wait for the disk.
  PERFORM set_config('synchronous_commit', 'off', true);
  PERFORM pg_advisory_xact_lock(hashtextextended('parallax_deliver_notifications', 0));
  FOR note IN
    WITH taken AS (
      DELETE FROM notification_outbox
      WHERE id IN (SELECT id FROM notification_outbox ORDER BY channel <> 'parallax_access', id LIMIT batch)
      RETURNING id, channel, payload
    )
    SELECT channel, payload FROM taken ORDER BY channel <> 'parallax_access', id
  LOOP
    PERFORM pg_notify(note.channel, note.payload);
    delivered := delivered + 1;
  END LOOP;
  RETURN delivered;
END;
$$ LANGUAGE plpgsql;

-- The triggers of the live_notifications and live_access_notifications
-- migrations, announcing through the outbox (an INSERT written out in each:
-- plpgsql keeps its plan, a helper function's would be planned on every row).
CREATE OR REPLACE FUNCTION parallax_notify_annotation() RETURNS trigger AS $$
DECLARE
  row_data annotations;
BEGIN
  row_data := COALESCE(NEW, OLD);
  INSERT INTO notification_outbox (channel, payload) VALUES ('parallax_live', json_build_object(
    'articleId', row_data.article_id,
    'type', CASE WHEN TG_OP = 'INSERT' THEN 'annotation.created'
                 WHEN TG_OP = 'DELETE' OR row_data.deleted_at IS NOT NULL THEN 'annotation.deleted'
                 ELSE 'annotation.updated' END,
    'id', row_data.id,
    'annotationId', row_data.id,
    'authorId', row_data.author_id,
    'status', row_data.status
  )::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION parallax_notify_child() RETURNS trigger AS $$
DECLARE
  child_id uuid;
  parent_id uuid;
  parent annotations;
BEGIN
  IF TG_OP = 'DELETE' THEN
    child_id := OLD.id; parent_id := OLD.annotation_id;
  ELSE
    child_id := NEW.id; parent_id := NEW.annotation_id;
  END IF;
  SELECT * INTO parent FROM annotations WHERE id = parent_id;
  IF parent.id IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO notification_outbox (channel, payload) VALUES ('parallax_live', json_build_object(
    'articleId', parent.article_id,
    'type', TG_ARGV[0] || CASE WHEN TG_OP = 'INSERT' THEN '.created' WHEN TG_OP = 'DELETE' THEN '.deleted' ELSE '.updated' END,
    'id', child_id,
    'annotationId', parent.id,
    'authorId', parent.author_id,
    'status', parent.status
  )::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION parallax_notify_access() RETURNS trigger AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  matters boolean := TG_OP <> 'UPDATE' OR TG_NARGS = 2;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  FOR i IN 2 .. TG_NARGS - 1 LOOP
    matters := matters OR (old_row -> TG_ARGV[i]) IS DISTINCT FROM (new_row -> TG_ARGV[i]);
  END LOOP;
  IF matters THEN
    INSERT INTO notification_outbox (channel, payload)
      VALUES ('parallax_access', json_build_object(TG_ARGV[0], COALESCE(new_row, old_row) ->> TG_ARGV[1])::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
