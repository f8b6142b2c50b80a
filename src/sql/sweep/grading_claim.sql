-- ---------------------------------------------------------------------------
-- src/sql/sweep/grading_claim.sql
--   complaint.sweep(), grading section, claim: the violations due for
--   grading, lowest id first.  A violation is due when it was never graded,
--   or when people recorded a change of its circumstances
--   (complaint.violation_circumstance) that no sweep has graded yet.  A
--   plain read: no lock.
--
--   $1  timestamptz  the sweep's "at" (unused: grading is due at once)
--   $2  bigint       the most rows to claim (complaint.batch_size)
--   $3  bigint[]     ids to leave alone (handled or skipped earlier in the call)
--   returns one bigint column: violation ids (grading_process.sql's $2)
-- ---------------------------------------------------------------------------
SELECT v.id FROM complaint.violation v
 WHERE v.graded_at IS NULL AND NOT (v.id = ANY ($3))
 UNION
SELECT c.violation_id FROM complaint.violation_circumstance c
 WHERE c.graded_at IS NULL AND NOT (c.violation_id = ANY ($3))
 ORDER BY 1 LIMIT $2;
