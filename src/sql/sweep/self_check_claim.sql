-- ---------------------------------------------------------------------------
-- src/sql/sweep/self_check_claim.sql
--   complaint.sweep(), self-check section, claim: the self-checks whose
--   report was due by the sweep's "at", is not received and has no overdue
--   violation yet, earliest first.  A plain read: no lock.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint       the most rows to claim (complaint.batch_size)
--   $3  bigint[]     ids to leave alone (handled or skipped earlier in the call)
--   returns one bigint column: self-check ids (self_check_process.sql's $2)
-- ---------------------------------------------------------------------------
SELECT k.id FROM complaint.self_check k
 WHERE k.report_due <= $1 AND k.reported_at IS NULL AND k.overdue_violation_id IS NULL
   AND NOT (k.id = ANY ($3))
 ORDER BY k.report_due LIMIT $2;
