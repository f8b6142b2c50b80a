-- ---------------------------------------------------------------------------
-- src/sql/sweep/ladder_claim.sql
--   complaint.sweep(), ladder section, claim: the cases whose watch row is
--   due by the sweep's "at", earliest first.  A plain read: no lock.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint       the most rows to claim (complaint.batch_size)
--   $3  bigint[]     ids to leave alone (handled or skipped earlier in the call)
--   returns one bigint column: case ids (ladder_process.sql's $2)
-- ---------------------------------------------------------------------------
SELECT w.case_id FROM complaint.escalation_watch w
 WHERE w.due_at <= $1 AND NOT (w.case_id = ANY ($3))
 ORDER BY w.due_at LIMIT $2;
