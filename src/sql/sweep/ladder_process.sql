-- ---------------------------------------------------------------------------
-- src/sql/sweep/ladder_process.sql
--   complaint.sweep(), ladder section, process: for the claimed cases whose
--   watch row is still due, record the rungs of the escalation ladder that
--   fell due and are not recorded yet (escalation rows and their history
--   events), open the no-answer violation once the deadline passed without
--   an answer or an explanation, and move the watch row to the next rung.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint[]     the claimed case ids (ladder_claim.sql)
--   returns one row of two bigints: the records written (escalations and
--   violations) and the watch rows locked
--
--   The claimed ids drive the lock through the primary key (unnest join):
--   FOR UPDATE SKIP LOCKED, so an application's open transaction is never
--   waited for.  The watch row is updated through the ctid its lock
--   returned: the row lock holds that tuple version in place until the
--   statement updates it.  The ladder counts in the case's own limit.
--   Run by sweep.c with the history guard's door open (HistoryWriteBegin):
--   elsewhere the insert into complaint.event is refused.
-- ---------------------------------------------------------------------------
WITH lk AS (
  SELECT w.case_id, w.round, w.recorded, w.ctid AS wtid
    FROM pg_catalog.unnest($2) AS i(id) JOIN complaint.escalation_watch w ON w.case_id = i.id
   WHERE w.due_at <= $1 FOR UPDATE OF w SKIP LOCKED
), c AS (
  SELECT lk.case_id, lk.wtid, CASE WHEN lk.round = c.reopen_count THEN lk.recorded ELSE 0 END AS done,
         c.status, c.clock_from, c.deadline, c.answered_at, c.upgraded, c.calendar,
         c.handler_unit, c.handler_staff, c.first_responder, c.clock_limit AS lim, c.reopen_count AS round,
         CASE WHEN p.id IS NULL THEN d.warn_share ELSE p.warn_share END AS warn_share,
         CASE WHEN p.id IS NULL THEN d.head_delay ELSE p.head_delay END AS head_delay,
         CASE WHEN p.id IS NULL THEN d.leader_delay ELSE p.leader_delay END AS leader_delay,
         CASE WHEN p.id IS NULL THEN d.office_delay ELSE p.office_delay END AS office_delay,
         CASE WHEN p.id IS NULL THEN d.upgraded_start ELSE p.upgraded_start END AS upgraded_start,
         CASE WHEN p.id IS NULL THEN d.office_unit ELSE p.office_unit END AS office_unit
    FROM lk
    JOIN complaint.cases c ON c.id = lk.case_id
    LEFT JOIN complaint.escalation_policy p ON p.rule_id = c.rule_id
    LEFT JOIN complaint.escalation_policy d ON d.rule_id IS NULL
), l AS (
  SELECT c.*, CASE WHEN c.status IN ('answered', 'closed', 'referred_out', 'waiting_materials') THEN NULL
              ELSE complaint.escalation_ladder(c.clock_from, c.deadline, c.lim, c.calendar, c.warn_share,
                     c.head_delay, c.leader_delay, c.office_delay, c.upgraded,
                     CASE c.upgraded_start WHEN 'handler' THEN 2 WHEN 'unit_head' THEN 3
                                           WHEN 'supervising_leader' THEN 4 ELSE 5 END)
              END AS rungs
    FROM c
), s AS (
  SELECT l.*, u.step, u.due_at, u.rung
    FROM l CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(
           '{warning,handler,unit_head,supervising_leader,accountability_office}'::complaint.escalation_step[]),
           pg_catalog.unnest(l.rungs)) WITH ORDINALITY AS u(step, due_at, rung)
   WHERE u.due_at IS NOT NULL AND u.rung > l.done
), ins AS (
  INSERT INTO complaint.escalation AS e (case_id, round, step, due_at, recorded_at, to_staff, to_unit, cc_staff, reason)
  SELECT s.case_id, s.round, s.step, s.due_at, $1,
         CASE s.step WHEN 'warning' THEN COALESCE(s.handler_staff, s.first_responder)
                     WHEN 'handler' THEN COALESCE(s.handler_staff, s.first_responder)
                     WHEN 'unit_head' THEN complaint.unit_officer(s.handler_unit, 'head')
                     WHEN 'supervising_leader' THEN complaint.unit_officer(s.handler_unit, 'supervisor')
                     ELSE complaint.unit_officer(s.office_unit, 'head') END,
         CASE s.step WHEN 'accountability_office' THEN s.office_unit ELSE s.handler_unit END,
         CASE WHEN s.step <> 'warning' AND s.handler_staff IS DISTINCT FROM s.first_responder
              THEN s.first_responder END,
         CASE s.step WHEN 'warning' THEN 'most of the time limit is used up'
                     WHEN 'handler' THEN 'the deadline has passed without an answer'
                     ELSE 'still no answer after the deadline' END
         || CASE WHEN s.upgraded AND s.step <> 'warning' THEN ' (upgraded complaint)' ELSE '' END
    FROM s WHERE s.due_at <= $1
  RETURNING e.id, e.case_id, e.round, e.step, e.due_at, e.to_staff, e.to_unit, e.cc_staff, e.reason
), ev AS (
  -- the case-history event of each escalation row "ins" returned: kind
  -- warned for the warning, escalated for the others, at the sweep's "at",
  -- by the system (actor NULL); the detail names the escalation row, and
  -- the unique index event_escalation_once keeps a second event for it out
  -- (the same insert as handover_process.sql's, there with the
  -- responsibility)
  INSERT INTO complaint.event (case_id, at, kind, actor, detail)
  SELECT ins.case_id, $1,
         CASE ins.step WHEN 'warning' THEN 'warned' ELSE 'escalated' END::complaint.event_kind, NULL,
         complaint.sweep_event_detail('escalation_id', ins.id, 'step', ins.step,
           'round', ins.round, 'responsibility_id', NULL::bigint, 'due_at', ins.due_at,
           'to_staff', ins.to_staff, 'to_unit', ins.to_unit, 'cc_staff', ins.cc_staff, 'reason', ins.reason)
    FROM ins
  RETURNING 1
), viol AS (
  INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, recorded_at, origin, detail)
  SELECT c.case_id, COALESCE(c.handler_staff, c.first_responder), c.handler_unit, 'no_answer_in_time',
         c.deadline, $1, 'deadline:' || c.case_id || CASE WHEN c.round > 0 THEN ':' || c.round ELSE '' END,
         'no answer and no explanation by the deadline'
    FROM c
   WHERE c.deadline <= $1 AND c.status NOT IN ('waiting_materials', 'referred_out')
     AND (c.answered_at IS NULL OR c.answered_at > c.deadline)
     AND NOT EXISTS (SELECT 1 FROM complaint.explanation x
                      WHERE x.case_id = c.case_id AND x.given_at <= c.deadline)
  ON CONFLICT (origin) DO NOTHING
  RETURNING v.id, v.case_id, v.staff_code, v.kind
), upd AS (
  UPDATE complaint.escalation_watch w
     SET due_at = complaint.ladder_next(l.rungs, l.done, $1), round = l.round,
         recorded = GREATEST(l.done, complaint.ladder_reached(l.rungs, $1)), failures = 0, last_error = NULL
    FROM l WHERE w.ctid = l.wtid
  RETURNING w.case_id
), moved AS (
  -- the case changed after this statement's snapshot (a step re-armed the
  -- watch row): the lock returned the newer version, which "upd" cannot
  -- reach through the old ctid; record the rungs inserted above in that
  -- row, through its key, and keep the due time the step set
  UPDATE complaint.escalation_watch w
     SET round = l.round, recorded = GREATEST(l.done, complaint.ladder_reached(l.rungs, $1))
    FROM l WHERE w.case_id = l.case_id AND NOT EXISTS (SELECT 1 FROM upd WHERE upd.case_id = l.case_id)
), notes AS (
  -- one row per record written, counted for the result; the delivery feed's
  -- trigger (src/sql/install/66_feed.sql) announces the records themselves
  -- escalation: case_id, step, due_at, to_staff, to_unit, cc_staff
  SELECT 'escalation'::text AS n FROM ins
  UNION ALL
  -- violation: violation_id, case_id, staff, kind
  SELECT 'violation'::text FROM viol
)
SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk);
