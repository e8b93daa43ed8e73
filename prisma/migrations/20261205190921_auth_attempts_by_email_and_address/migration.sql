-- One row per admitted attempt, with its email and address (was one row per key).
-- The rows are failures of the last 15 minutes: starting the count afresh loses nothing that lasts.
DELETE FROM "auth_failures";

-- DropIndex
DROP INDEX "auth_failures_key_created_at_idx";

-- AlterTable
ALTER TABLE "auth_failures" DROP COLUMN "key",
ADD COLUMN     "address" TEXT,
ADD COLUMN     "email" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "auth_failures_email_created_at_idx" ON "auth_failures"("email", "created_at");

-- CreateIndex
CREATE INDEX "auth_failures_address_created_at_idx" ON "auth_failures"("address", "created_at");

-- Admits a sign-in or token request, or refuses it, in one atomic step
-- (lib/auth/rate-limit.ts holds the numbers and explains the rules): the
-- advisory locks of the account and the address are taken in a fixed order,
-- the attempts of the window counted (each statement of a plpgsql function
-- sees what the previous lock holder committed), and an admitted attempt
-- recorded before the locks go with the statement's transaction. Answers
-- NULL when admitted, else the seconds to wait.
CREATE OR REPLACE FUNCTION parallax_admit_auth_attempt(
  attempt_email text, attempt_address text, max_failures int, failure_window interval, locked_interval interval
) RETURNS int AS $$
DECLARE
  counted record;
  at timestamptz;
  free_at timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key)
  FROM (SELECT DISTINCT hashtextextended(key, 0) AS lock_key
        FROM unnest(ARRAY['account:' || attempt_email, 'address:' || attempt_address]) AS key
        WHERE key IS NOT NULL ORDER BY 1) AS keys;
  -- The time after the wait for the locks (now() is when the statement began).
  at := clock_timestamp();
  SELECT
    count(*) FILTER (WHERE email = attempt_email) AS account_failures,
    count(*) FILTER (WHERE address = attempt_address) AS address_failures,
    count(*) FILTER (WHERE email = attempt_email AND address = attempt_address) AS pair_failures,
    max(created_at) FILTER (WHERE email = attempt_email) AS account_newest,
    -- A count falls below the limit when its max_failures-th newest attempt leaves the window.
    (array_agg(created_at ORDER BY created_at DESC) FILTER (WHERE email = attempt_email))[max_failures] + failure_window AS account_free_at,
    (array_agg(created_at ORDER BY created_at DESC) FILTER (WHERE address = attempt_address))[max_failures] + failure_window AS address_free_at
  INTO counted
  FROM auth_failures
  WHERE created_at > at - failure_window AND (email = attempt_email OR address = attempt_address);

  IF counted.address_failures >= max_failures THEN
    free_at := counted.address_free_at;
  ELSIF counted.account_failures >= max_failures THEN
    -- Over the account's limit: only from an address that has not failed on it, one attempt per locked_interval.
    IF attempt_address IS NULL OR counted.pair_failures > 0 THEN
      free_at := counted.account_free_at;
    ELSIF counted.account_newest + locked_interval > at THEN
      free_at := counted.account_newest + locked_interval;
    END IF;
  END IF;
  IF free_at IS NOT NULL THEN
    RETURN greatest(1, ceil(extract(epoch FROM free_at - at)))::int;
  END IF;

  DELETE FROM auth_failures
  WHERE created_at <= at - failure_window AND (email = attempt_email OR address = attempt_address);
  INSERT INTO auth_failures (email, address, created_at) VALUES (attempt_email, attempt_address, at);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
