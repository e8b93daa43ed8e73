-- Codebook rules: a group allows one tag per annotation (single) or any number
-- (multiple), and may be required before an annotation is submitted or approved.
CREATE TYPE "TagGroupChoice" AS ENUM ('single', 'multiple');

ALTER TABLE "tag_groups"
  ADD COLUMN "choice" "TagGroupChoice" NOT NULL DEFAULT 'multiple',
  ADD COLUMN "required" BOOLEAN NOT NULL DEFAULT false;

-- The default codebook's rules (lib/codebook/defaults.ts) for the groups it made,
-- known by their kind: claim type one and required, verdict one, the rest any number.
UPDATE "tag_groups" SET "choice" = 'single', "required" = true WHERE "kind" = 'CLAIM_TYPE';
UPDATE "tag_groups" SET "choice" = 'single' WHERE "kind" = 'VERDICT';
