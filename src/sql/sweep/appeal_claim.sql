-- ---------------------------------------------------------------------------
-- src/sql/sweep/appeal_claim.sql
--   complaint.sweep(), appeal section, claim: the decided sanctions whose
--   appeal window (appeal_until: the time-limit rule of matter appeal from
--   the decision) lapsed by the sweep's "at" and is not closed yet,
--   earliest first.  A plain read: no lock.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint       the most rows to claim (complaint.batch_size)
--   $3  bigint[]     ids to leave alone (handled or skipped earlier in the call)
--   returns one bigint column: sanction ids (appeal_process.sql's $2)
-- ---------------------------------------------------------------------------
SELECT t.id FROM complaint.sanction t
 WHERE t.appeal_until <= $1 AND t.appeal_closed_at IS NULL AND t.appeal_until IS NOT NULL
   AND NOT (t.id = ANY ($3))
 ORDER BY t.appeal_until LIMIT $2;
