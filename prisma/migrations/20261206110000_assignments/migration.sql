-- Articles handed to coders: one row per article and member. The coder's
-- state on an article is computed from their annotations and submitted_at
-- (lib/assignments). The foreign key to memberships ends a member's
-- assignments when they leave the project.

-- CreateTable
CREATE TABLE "assignments" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "assigned_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assignments_project_id_id_idx" ON "assignments"("project_id", "id");

-- CreateIndex
CREATE INDEX "assignments_user_id_id_idx" ON "assignments"("user_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "assignments_article_id_user_id_key" ON "assignments"("article_id", "user_id");

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_project_id_user_id_fkey" FOREIGN KEY ("project_id", "user_id") REFERENCES "memberships"("project_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
