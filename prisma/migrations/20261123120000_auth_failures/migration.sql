-- Failed sign-ins and token requests, counted by the sign-in rate limit.
CREATE TABLE "auth_failures" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_failures_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "auth_failures_key_created_at_idx" ON "auth_failures"("key", "created_at");
