-- ---------------------------------------------------------------------------
-- src/sql/sweep/appeal_process.sql
--   complaint.sweep(), appeal section, process: close the appeal window of
--   the claimed sanctions whose window has lapsed and is still open, as of
--   its last day (appeal_closed_at = appeal_until).
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint[]     the claimed sanction ids (appeal_claim.sql)
--   returns one row of two bigints: the records written (closed windows)
--   and the sanction rows locked
--
--   The sanctions are locked FOR UPDATE SKIP LOCKED (CTE "lk"), so an
--   application's open transaction is never waited for.
-- ---------------------------------------------------------------------------
WITH lk AS (
  SELECT t.id FROM complaint.sanction t
   WHERE t.id = ANY ($2) AND t.appeal_closed_at IS NULL AND t.appeal_until <= $1 FOR UPDATE SKIP LOCKED
), u AS (
  UPDATE complaint.sanction t SET appeal_closed_at = t.appeal_until
    FROM lk WHERE t.id = lk.id
  RETURNING t.id, t.violation_id, t.staff_code, t.appeal_until
), notes AS (
  -- one row per record written, counted for the result; the delivery feed's
  -- trigger (src/sql/install/66_feed.sql) announces the records themselves
  -- appeal_window_closed: sanction_id, violation_id, staff, appeal_until
  SELECT 'appeal_window_closed'::text AS n FROM u
)
SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk);
