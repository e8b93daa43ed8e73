-- Publishing fact-checks as ClaimReview: the project's publishing organisation and review URL template, and a claim's
-- own review URL.
-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "publisher_logo_url" TEXT,
ADD COLUMN     "publisher_name" TEXT,
ADD COLUMN     "publisher_url" TEXT,
ADD COLUMN     "review_url_template" TEXT;

-- AlterTable
ALTER TABLE "annotations" ADD COLUMN     "review_url" TEXT;
