-- ---------------------------------------------------------------------------
-- src/sql/sweep/ladder_fail.sql
--   complaint.sweep(), ladder section: note a case that failed alone in its
--   own subtransaction (logged as a WARNING by sweep.c): its watch row is
--   looked at again an hour after the sweep's "at", and keeps the count of
--   failures and the last error.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint       the case id
--   $3  text         the error message
-- ---------------------------------------------------------------------------
UPDATE complaint.escalation_watch
   SET due_at = $1 + interval '1 hour', failures = failures + 1, last_error = $3
 WHERE case_id = $2;
