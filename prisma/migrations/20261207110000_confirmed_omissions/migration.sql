-- Confirmed omissions: a member's word that an article does not report an event
-- (the comparison and the event page show it instead of a possible match).

-- CreateTable
CREATE TABLE "confirmed_omissions" (
    "project_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "confirmed_omissions_pkey" PRIMARY KEY ("event_id","article_id")
);

-- CreateIndex
CREATE INDEX "confirmed_omissions_project_id_idx" ON "confirmed_omissions"("project_id");

-- CreateIndex
CREATE INDEX "confirmed_omissions_article_id_idx" ON "confirmed_omissions"("article_id");

-- CreateIndex
CREATE INDEX "confirmed_omissions_user_id_idx" ON "confirmed_omissions"("user_id");

-- AddForeignKey
ALTER TABLE "confirmed_omissions" ADD CONSTRAINT "confirmed_omissions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "confirmed_omissions" ADD CONSTRAINT "confirmed_omissions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "confirmed_omissions" ADD CONSTRAINT "confirmed_omissions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "confirmed_omissions" ADD CONSTRAINT "confirmed_omissions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
