-- Live updates: every change to an annotation, a comment or a claim link is
-- announced on the channel `parallax_live` (delivered when its transaction
-- commits) with the article it concerns and what a reader's permissions need
-- (the annotation's author and status), so that every app instance can tell
-- the readers of that article.

CREATE OR REPLACE FUNCTION parallax_notify_annotation() RETURNS trigger AS $$
DECLARE
  row_data annotations;
BEGIN
  row_data := COALESCE(NEW, OLD);
  PERFORM pg_notify('parallax_live', json_build_object(
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

CREATE TRIGGER annotations_notify AFTER INSERT OR UPDATE OR DELETE ON annotations
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_annotation();

-- Comments and links are announced with their annotation's article, author and status.
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
  PERFORM pg_notify('parallax_live', json_build_object(
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

CREATE TRIGGER comments_notify AFTER INSERT OR UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_child('comment');

CREATE TRIGGER claim_links_notify AFTER INSERT OR UPDATE OR DELETE ON claim_links
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_child('link');
