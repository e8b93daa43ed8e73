-- Live streams end when the reader's access does: every change that can take
-- access away (or change what a reader may see) is announced on the channel
-- `parallax_access` as `{ "<scope>": "<id>" }` (scope userId, projectId or
-- articleId), and each app instance checks its open streams of that scope
-- again at once. Triggers rather than the lib functions, so that every write
-- path is covered: removing a member, leaving a project, revoking a token,
-- signing out everywhere, a password change, deleting a project or an
-- article, plain SQL.

-- TG_ARGV: the scope's name in the payload, the column that holds its id,
-- then the columns whose change matters in an UPDATE (none: any change).
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
    PERFORM pg_notify('parallax_access', json_build_object(TG_ARGV[0], COALESCE(new_row, old_row) ->> TG_ARGV[1])::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A membership added, changed (a role decides what a reviewer coding blind sees) or removed.
CREATE TRIGGER memberships_notify_access AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('userId', 'user_id');

-- A token revoked, its expiry changed, or the token deleted; not the last-used time requests write.
CREATE TRIGGER api_tokens_notify_access AFTER UPDATE OR DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('userId', 'user_id', 'revoked_at', 'expires_at', 'user_id');

-- Every session ended (sign-out everywhere, a password change), the site role changed, the account deleted.
CREATE TRIGGER users_notify_access AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('userId', 'id', 'session_version', 'site_role');

-- A project deleted, or its blind coding switched.
CREATE TRIGGER projects_notify_access AFTER UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('projectId', 'id', 'deleted_at', 'reviewers_see_each_other');

-- An article deleted (or moved to another project).
CREATE TRIGGER articles_notify_access AFTER UPDATE OR DELETE ON articles
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_access('articleId', 'id', 'deleted_at', 'project_id');
