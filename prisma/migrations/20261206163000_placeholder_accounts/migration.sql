-- Accounts a project import makes for authors who had none here: no password, no sign-in until an invitation to
-- their email lets them claim it (lib/users.ts).
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "placeholder" BOOLEAN NOT NULL DEFAULT false;
