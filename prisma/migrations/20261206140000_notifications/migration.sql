-- Notifications of each user (mentions, replies, comments on their
-- annotations, reviews, assignments), written in the same transaction as the
-- change they tell of (lib/notifications.ts). Their targets carry no foreign
-- key: reading them leaves out what is deleted or no longer visible.

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('MENTION', 'REPLY', 'COMMENT', 'APPROVED', 'REJECTED', 'ASSIGNED');

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "actor_id" UUID,
    "article_id" UUID,
    "annotation_id" UUID,
    "comment_id" UUID,
    "detail" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_user_id_id_idx" ON "notifications"("user_id", "id");

-- CreateIndex
CREATE INDEX "notifications_project_id_idx" ON "notifications"("project_id");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A user's open pages hear of their new and read notifications on
-- `parallax_user` (through the outbox, as every live notification): the
-- payload names the user only; the page reads its notifications again,
-- filtered as the API filters them (lib/live.ts).
CREATE OR REPLACE FUNCTION parallax_notify_user() RETURNS trigger AS $$
BEGIN
  INSERT INTO notification_outbox (channel, payload)
    SELECT DISTINCT 'parallax_user', json_build_object('userId', user_id)::text FROM changed;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER notifications_user_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION parallax_notify_user();
CREATE TRIGGER notifications_user_update AFTER UPDATE ON notifications
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION parallax_notify_user();
