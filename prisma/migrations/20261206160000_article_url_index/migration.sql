-- Finding an article by its URL (a page is imported into a project once: lib/articles/duplicates.ts). A hash index,
-- since a B-tree cannot hold a URL of some thousand bytes.
-- CreateIndex
CREATE INDEX "articles_url_idx" ON "articles" USING HASH ("url");
