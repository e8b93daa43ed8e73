-- Live streams end when the reader's access does: every change that can take
-- access away (or change what a reader may see) is announced on the channel
-- `parallax_access` as `{ "<scope>": "<id>" }` (scope userId, projectId or
-- articleId), and each app instance checks its open streams of that scope
-- again at once. Triggers rather than the lib functions, so that every write
-- path is covered: removing a member, leaving a project, revoking a token,
-- signing out everywhere, a password change, deleting a project or an
-- article, plain SQL.

-- TG_ARGV: the scope's name in the payload, and the column that holds its id.
CREATE OR REPLACE FUNCTION parallax_notify_access() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('parallax_access', json_build_object(
    TG_ARGV[0],
    to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[1]
  )::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A membership added, changed (a role decides what a reviewer coding blind sees) or removed.
CREATE TRIGGER memberships_notify_access AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('userId', 'user_id');

-- A token revoked, its expiry changed, or the token deleted; not the last-used time requests write.
CREATE TRIGGER api_tokens_notify_access_change AFTER UPDATE ON api_tokens
  FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION parallax_notify_access('userId', 'user_id');
CREATE TRIGGER api_tokens_notify_access_delete AFTER DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('userId', 'user_id');

-- Every session ended (sign-out everywhere, a password change), the site role changed, the account deleted.
CREATE TRIGGER users_notify_access_change AFTER UPDATE ON users
  FOR EACH ROW
  WHEN (OLD.session_version IS DISTINCT FROM NEW.session_version OR OLD.site_role IS DISTINCT FROM NEW.site_role)
  EXECUTE FUNCTION parallax_notify_access('userId', 'id');
CREATE TRIGGER users_notify_access_delete AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('userId', 'id');

-- A project deleted, or its blind coding switched.
CREATE TRIGGER projects_notify_access_change AFTER UPDATE ON projects
  FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.reviewers_see_each_other IS DISTINCT FROM NEW.reviewers_see_each_other)
  EXECUTE FUNCTION parallax_notify_access('projectId', 'id');
CREATE TRIGGER projects_notify_access_delete AFTER DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('projectId', 'id');

-- An article deleted (or moved to another project).
CREATE TRIGGER articles_notify_access_change AFTER UPDATE ON articles
  FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.project_id IS DISTINCT FROM NEW.project_id)
  EXECUTE FUNCTION parallax_notify_access('articleId', 'id');
CREATE TRIGGER articles_notify_access_delete AFTER DELETE ON articles
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('articleId', 'id');
