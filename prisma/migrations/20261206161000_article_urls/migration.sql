-- An article is imported once per project: its URL is looked up among the project's live articles
-- (lib/articles/duplicates.ts). By the URL's md5, since a URL of 2,048 characters outside ASCII can exceed
-- what a B-tree entry holds.
CREATE INDEX articles_project_url_idx ON articles (project_id, md5(url)) WHERE deleted_at IS NULL;
