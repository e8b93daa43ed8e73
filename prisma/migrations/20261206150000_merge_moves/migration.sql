-- What a merge of events or outlets moved, so that it can be undone exactly (lib/restore/merges.ts).
-- CreateEnum
CREATE TYPE "MergeMoveKind" AS ENUM ('LINK_MOVED', 'LINK_DROPPED', 'ARTICLE_MOVED');

-- CreateTable
CREATE TABLE "merge_moves" (
    "merged_id" UUID NOT NULL,
    "moved_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" "MergeMoveKind" NOT NULL,
    "before" JSONB,

    CONSTRAINT "merge_moves_pkey" PRIMARY KEY ("merged_id","moved_id")
);

-- CreateIndex
CREATE INDEX "merge_moves_project_id_idx" ON "merge_moves"("project_id");

-- AddForeignKey
ALTER TABLE "merge_moves" ADD CONSTRAINT "merge_moves_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
