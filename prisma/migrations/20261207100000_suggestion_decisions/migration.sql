-- Coders' decisions on suggestions: accepted (with the draft annotation made) or rejected, by span and kind; rejected
-- spans and often-rejected phrases are not proposed again (lib/suggestions/decisions.ts).
-- CreateEnum
CREATE TYPE "SuggestionKind" AS ENUM ('phrase', 'claim');

-- CreateEnum
CREATE TYPE "SuggestionVerdict" AS ENUM ('accepted', 'rejected');

-- CreateTable
CREATE TABLE "suggestion_decisions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "SuggestionKind" NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "phrase" TEXT,
    "decision" "SuggestionVerdict" NOT NULL,
    "annotation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suggestion_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "suggestion_decisions_article_id_decision_idx" ON "suggestion_decisions"("article_id", "decision");

-- CreateIndex
CREATE INDEX "suggestion_decisions_project_id_phrase_idx" ON "suggestion_decisions"("project_id", "phrase");

-- CreateIndex
CREATE INDEX "suggestion_decisions_user_id_idx" ON "suggestion_decisions"("user_id");

-- CreateIndex
CREATE INDEX "suggestion_decisions_annotation_id_idx" ON "suggestion_decisions"("annotation_id");

-- AddForeignKey
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_annotation_id_fkey" FOREIGN KEY ("annotation_id") REFERENCES "annotations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
