-- ---------------------------------------------------------------------------
-- src/sql/sweep/self_check_process.sql
--   complaint.sweep(), self-check section, process: for the claimed
--   self-checks still overdue, open the deemed violation
--   (missing_self_check_report, charged to the unit's head) and link it to
--   the self-check, so that it is opened once.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint[]     the claimed self-check ids (self_check_claim.sql)
--   returns one row of two bigints: the records written (violations) and
--   the self-check rows locked
--
--   The self-checks are locked FOR UPDATE SKIP LOCKED (CTE "lk"), so an
--   application's open transaction is never waited for.
-- ---------------------------------------------------------------------------
WITH lk AS (
  SELECT k.id FROM complaint.self_check k
   WHERE k.id = ANY ($2) AND k.report_due <= $1 AND k.reported_at IS NULL AND k.overdue_violation_id IS NULL
     FOR UPDATE SKIP LOCKED
), k AS (
  SELECT k.id, k.unit_code, k.report_due, v.case_id
    FROM lk JOIN complaint.self_check k ON k.id = lk.id JOIN complaint.violation v ON v.id = k.violation_id
), viol AS (
  INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, recorded_at, origin, detail)
  SELECT k.case_id, complaint.unit_officer(k.unit_code, 'head'), k.unit_code, 'missing_self_check_report',
         k.report_due, $1, 'self_check:' || k.id, 'self-check report not received by its due time'
    FROM k
  ON CONFLICT (origin) DO NOTHING
  RETURNING v.id, v.case_id, v.staff_code, v.unit_code, v.kind, v.origin
), upd AS (
  UPDATE complaint.self_check t
     SET overdue_violation_id = COALESCE(viol.id,
           (SELECT o.id FROM complaint.violation o WHERE o.origin = 'self_check:' || t.id))
    FROM k LEFT JOIN viol ON viol.origin = 'self_check:' || k.id
   WHERE t.id = k.id
), notes AS (
  -- one row per record written, counted for the result; the delivery feed's
  -- trigger (src/sql/install/66_feed.sql) announces the records themselves
  -- violation: violation_id, case_id, staff, unit, kind
  SELECT 'violation'::text AS n FROM viol
)
SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk);
