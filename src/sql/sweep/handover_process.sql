-- ---------------------------------------------------------------------------
-- src/sql/sweep/handover_process.sql
--   complaint.sweep(), hand-over section, process: for the claimed interface
--   responsibilities still open, record the hand-over steps that fell due
--   (handover_overdue to the unit's supervising leader at "due",
--   handover_report_overdue to the accountability office at "report_due";
--   escalation rows and their history events) and open the late_handover
--   violation of the interface person.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint[]     the claimed responsibility ids (handover_claim.sql)
--   returns one row of two bigints: the records written (escalations and
--   violations) and the rows handled
--
--   Takes no row lock: the responsibility rows belong to the workflow, and
--   every insert is ON CONFLICT DO NOTHING (one step per responsibility and
--   step, one violation per origin), so a row handled twice records nothing
--   twice.  Run by sweep.c with the history guard's door open
--   (HistoryWriteBegin): elsewhere the insert into complaint.event is
--   refused.
-- ---------------------------------------------------------------------------
WITH r AS (
  SELECT r.id, r.case_id, r.staff_code, r.due, r.report_due, r.unit_code,
         (SELECT p.office_unit FROM complaint.escalation_policy p WHERE p.rule_id IS NULL) AS office_unit
    FROM complaint.responsibility r
   WHERE r.id = ANY ($2) AND r.role = 'interface' AND r.until IS NULL
), lk AS (
  -- no row lock (see above): the rows still open count as locked
  SELECT r.id FROM r
), s AS (
  SELECT r.*, 'handover_overdue'::complaint.escalation_step AS step, r.due AS due_at FROM r
  UNION ALL
  SELECT r.*, 'handover_report_overdue'::complaint.escalation_step, r.report_due FROM r WHERE r.report_due IS NOT NULL
), ins AS (
  INSERT INTO complaint.escalation AS e (case_id, step, responsibility_id, due_at, recorded_at, to_staff, to_unit, cc_staff, reason)
  SELECT s.case_id, s.step, s.id, s.due_at, $1,
         CASE s.step WHEN 'handover_overdue' THEN complaint.unit_officer(s.unit_code, 'supervisor')
                     ELSE complaint.unit_officer(s.office_unit, 'head') END,
         CASE s.step WHEN 'handover_overdue' THEN s.unit_code ELSE s.office_unit END,
         s.staff_code,
         CASE s.step WHEN 'handover_overdue' THEN 'the interface person did not hand the ticket over in time'
                     ELSE 'the ticket is still not handed over' END
    FROM s WHERE s.due_at <= $1
  ON CONFLICT DO NOTHING
  RETURNING e.id, e.case_id, e.round, e.step, e.responsibility_id, e.due_at, e.to_staff, e.to_unit, e.cc_staff, e.reason
), ev AS (
  -- the case-history event of each escalation row "ins" returned (the
  -- same insert as ladder_process.sql's, here with the responsibility)
  INSERT INTO complaint.event (case_id, at, kind, actor, detail)
  SELECT ins.case_id, $1,
         CASE ins.step WHEN 'warning' THEN 'warned' ELSE 'escalated' END::complaint.event_kind, NULL,
         complaint.sweep_event_detail('escalation_id', ins.id, 'step', ins.step,
           'round', ins.round, 'responsibility_id', ins.responsibility_id, 'due_at', ins.due_at,
           'to_staff', ins.to_staff, 'to_unit', ins.to_unit, 'cc_staff', ins.cc_staff, 'reason', ins.reason)
    FROM ins
  RETURNING 1
), viol AS (
  INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, recorded_at, origin, detail)
  SELECT r.case_id, r.staff_code, r.unit_code, 'late_handover', r.due, $1, 'handover:' || r.id,
         'ticket not handed over within the hand-over limit'
    FROM r WHERE r.staff_code IS NOT NULL
  ON CONFLICT (origin) DO NOTHING
  RETURNING v.id, v.case_id, v.staff_code, v.kind
), notes AS (
  -- one row per record written, counted for the result; the delivery feed's
  -- trigger (src/sql/install/66_feed.sql) announces the records themselves
  -- escalation: case_id, step, responsibility_id, due_at, to_staff, to_unit
  SELECT 'escalation'::text AS n FROM ins
  UNION ALL
  -- violation: violation_id, case_id, staff, kind
  SELECT 'violation'::text FROM viol
)
SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk);
