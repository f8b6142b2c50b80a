/*-------------------------------------------------------------------------
 *
 * src/sweep_sql.h
 *	  The SQL statements of complaint.sweep(), one claim and one process
 *	  statement per section (see sweep.c).
 *
 * Parameters: a claim statement takes $1 at, $2 the most rows to claim,
 * $3 ids to leave alone (rows handled or skipped earlier in this call) and
 * returns one bigint column of ids; it takes no lock.  A process statement
 * takes $1 at and $2 the claimed ids, locks those still due (CTE "lk",
 * FOR UPDATE SKIP LOCKED) and returns one row of two bigints: the number
 * of records it wrote and the number of rows it locked.  A fail statement
 * takes $1 at, $2 one id and $3 the error message.
 * Every time window is the window of a time-limit rule, counted like a
 * deadline (SWEEP_WINDOW): the self-check notice and report, the year of
 * prior violations; the ladder counts in the case's own limit.
 * Included by sweep.c only.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_SWEEP_SQL_H
#define COMPLAINT_SWEEP_SQL_H

/*
 * One row of a statement's "notes" (what it recorded, counted for the
 * result).  The records are announced by the delivery feed
 * (src/sql/install/66_feed.sql): its trigger appends each to the feed and
 * sends one wake-up NOTIFY per transaction, so a note is only the record's
 * type; the fields name what a reader finds in the record.
 */
#define SWEEP_NOTIFY(type, fields) "'" type "'::text"

/*
 * The case-history event of each escalation row "ins" returned (written
 * under HistoryWriteBegin, see sweep.c): kind warned for the warning,
 * escalated for the others, at the sweep's "at", by the system (actor
 * NULL).  The detail names the escalation row; the unique index
 * event_escalation_once keeps a second event for it out.
 */
#define SWEEP_EVENT(respid) \
"  INSERT INTO complaint.event (case_id, at, kind, actor, detail)" \
"  SELECT ins.case_id, $1," \
"         CASE ins.step WHEN 'warning' THEN 'warned' ELSE 'escalated' END::complaint.event_kind, NULL," \
"         complaint.sweep_event_detail('escalation_id', ins.id, 'step', ins.step," \
"           'round', ins.round, 'responsibility_id', " respid ", 'due_at', ins.due_at," \
"           'to_staff', ins.to_staff, 'to_unit', ins.to_unit, 'cc_staff', ins.cc_staff, 'reason', ins.reason)" \
"    FROM ins" \
"  RETURNING 1"

/*
 * The rule and calendar of a window (the twin of complaint.window_end(),
 * in SQL: the best enabled rule of the matter for the unit, by
 * complaint.match_rule(), and the unit's calendar): one row, lim NULL when
 * no rule applies, no row for an unknown unit.  The window ends at
 * complaint.deadline(start, lim, calendar).  Written with the functions
 * of release 0.1.0 so that the sweep of a new library keeps working on a
 * database not yet updated (a missing rule only leaves its window out).
 */
#define SWEEP_WINDOW(matter, unit) \
"SELECT (SELECT r.lim FROM complaint.time_limit_rule r" \
"         WHERE r.id = complaint.match_rule(" matter ", NULL, NULL, NULL, NULL, u.code)) AS lim," \
"       u.calendar" \
"  FROM complaint.unit u WHERE u.code = " unit

/* ---- ladder ------------------------------------------------------------- */

#define SWEEP_LADDER_CLAIM \
"SELECT w.case_id FROM complaint.escalation_watch w " \
" WHERE w.due_at <= $1 AND NOT (w.case_id = ANY ($3)) " \
" ORDER BY w.due_at LIMIT $2"

/*
 * The claimed ids drive the lock through the primary key (unnest join), and
 * the watch row is updated through the ctid its lock returned: the row lock
 * holds that tuple version in place until the statement updates it.  When a
 * step changed the case (its trigger re-arms the watch row) after this
 * statement's snapshot, the lock returns the newer version, which the ctid
 * update cannot see; "moved" then records the rungs inserted above in that
 * row, reached through its key, and keeps the due time the step set.
 */
#define SWEEP_LADDER_PROCESS \
"WITH lk AS (" \
"  SELECT w.case_id, w.round, w.recorded, w.ctid AS wtid" \
"    FROM pg_catalog.unnest($2) AS i(id) JOIN complaint.escalation_watch w ON w.case_id = i.id" \
"   WHERE w.due_at <= $1 FOR UPDATE OF w SKIP LOCKED" \
"), c AS (" \
"  SELECT lk.case_id, lk.wtid, CASE WHEN lk.round = c.reopen_count THEN lk.recorded ELSE 0 END AS done," \
"         c.status, c.clock_from, c.deadline, c.answered_at, c.upgraded, c.calendar," \
"         c.handler_unit, c.handler_staff, c.first_responder, c.clock_limit AS lim, c.reopen_count AS round," \
"         CASE WHEN p.id IS NULL THEN d.warn_share ELSE p.warn_share END AS warn_share," \
"         CASE WHEN p.id IS NULL THEN d.head_delay ELSE p.head_delay END AS head_delay," \
"         CASE WHEN p.id IS NULL THEN d.leader_delay ELSE p.leader_delay END AS leader_delay," \
"         CASE WHEN p.id IS NULL THEN d.office_delay ELSE p.office_delay END AS office_delay," \
"         CASE WHEN p.id IS NULL THEN d.upgraded_start ELSE p.upgraded_start END AS upgraded_start," \
"         CASE WHEN p.id IS NULL THEN d.office_unit ELSE p.office_unit END AS office_unit" \
"    FROM lk" \
"    JOIN complaint.cases c ON c.id = lk.case_id" \
"    LEFT JOIN complaint.escalation_policy p ON p.rule_id = c.rule_id" \
"    LEFT JOIN complaint.escalation_policy d ON d.rule_id IS NULL" \
"), l AS (" \
"  SELECT c.*, CASE WHEN c.status IN ('answered', 'closed', 'referred_out', 'waiting_materials') THEN NULL" \
"              ELSE complaint.escalation_ladder(c.clock_from, c.deadline, c.lim, c.calendar, c.warn_share," \
"                     c.head_delay, c.leader_delay, c.office_delay, c.upgraded," \
"                     CASE c.upgraded_start WHEN 'handler' THEN 2 WHEN 'unit_head' THEN 3" \
"                                           WHEN 'supervising_leader' THEN 4 ELSE 5 END)" \
"              END AS rungs" \
"    FROM c" \
"), s AS (" \
"  SELECT l.*, u.step, u.due_at, u.rung" \
"    FROM l CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(" \
"           '{warning,handler,unit_head,supervising_leader,accountability_office}'::complaint.escalation_step[])," \
"           pg_catalog.unnest(l.rungs)) WITH ORDINALITY AS u(step, due_at, rung)" \
"   WHERE u.due_at IS NOT NULL AND u.rung > l.done" \
"), ins AS (" \
"  INSERT INTO complaint.escalation AS e (case_id, round, step, due_at, recorded_at, to_staff, to_unit, cc_staff, reason)" \
"  SELECT s.case_id, s.round, s.step, s.due_at, $1," \
"         CASE s.step WHEN 'warning' THEN COALESCE(s.handler_staff, s.first_responder)" \
"                     WHEN 'handler' THEN COALESCE(s.handler_staff, s.first_responder)" \
"                     WHEN 'unit_head' THEN complaint.unit_officer(s.handler_unit, 'head')" \
"                     WHEN 'supervising_leader' THEN complaint.unit_officer(s.handler_unit, 'supervisor')" \
"                     ELSE complaint.unit_officer(s.office_unit, 'head') END," \
"         CASE s.step WHEN 'accountability_office' THEN s.office_unit ELSE s.handler_unit END," \
"         CASE WHEN s.step <> 'warning' AND s.handler_staff IS DISTINCT FROM s.first_responder" \
"              THEN s.first_responder END," \
"         CASE s.step WHEN 'warning' THEN 'most of the time limit is used up'" \
"                     WHEN 'handler' THEN 'the deadline has passed without an answer'" \
"                     ELSE 'still no answer after the deadline' END" \
"         || CASE WHEN s.upgraded AND s.step <> 'warning' THEN ' (upgraded complaint)' ELSE '' END" \
"    FROM s WHERE s.due_at <= $1" \
"  RETURNING e.id, e.case_id, e.round, e.step, e.due_at, e.to_staff, e.to_unit, e.cc_staff, e.reason" \
"), ev AS (" \
SWEEP_EVENT("NULL::bigint") \
"), viol AS (" \
"  INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, recorded_at, origin, detail)" \
"  SELECT c.case_id, COALESCE(c.handler_staff, c.first_responder), c.handler_unit, 'no_answer_in_time'," \
"         c.deadline, $1, 'deadline:' || c.case_id || CASE WHEN c.round > 0 THEN ':' || c.round ELSE '' END," \
"         'no answer and no explanation by the deadline'" \
"    FROM c" \
"   WHERE c.deadline <= $1 AND c.status NOT IN ('waiting_materials', 'referred_out')" \
"     AND (c.answered_at IS NULL OR c.answered_at > c.deadline)" \
"     AND NOT EXISTS (SELECT 1 FROM complaint.explanation x" \
"                      WHERE x.case_id = c.case_id AND x.given_at <= c.deadline)" \
"  ON CONFLICT (origin) DO NOTHING" \
"  RETURNING v.id, v.case_id, v.staff_code, v.kind" \
"), upd AS (" \
"  UPDATE complaint.escalation_watch w" \
"     SET due_at = complaint.ladder_next(l.rungs, l.done, $1), round = l.round," \
"         recorded = GREATEST(l.done, complaint.ladder_reached(l.rungs, $1)), failures = 0, last_error = NULL" \
"    FROM l WHERE w.ctid = l.wtid" \
"  RETURNING w.case_id" \
"), moved AS (" \
"  UPDATE complaint.escalation_watch w" \
"     SET round = l.round, recorded = GREATEST(l.done, complaint.ladder_reached(l.rungs, $1))" \
"    FROM l WHERE w.case_id = l.case_id AND NOT EXISTS (SELECT 1 FROM upd WHERE upd.case_id = l.case_id)" \
"), notes AS (" \
"  SELECT " SWEEP_NOTIFY("escalation", "'case_id', case_id, 'step', step, 'due_at', due_at, 'to_staff', to_staff, 'to_unit', to_unit, 'cc_staff', cc_staff") " AS n FROM ins" \
"  UNION ALL" \
"  SELECT " SWEEP_NOTIFY("violation", "'violation_id', id, 'case_id', case_id, 'staff', staff_code, 'kind', kind") " FROM viol" \
")" \
"SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk)"

#define SWEEP_LADDER_FAIL \
"UPDATE complaint.escalation_watch" \
"   SET due_at = $1 + interval '1 hour', failures = failures + 1, last_error = $3" \
" WHERE case_id = $2"

/* ---- interface-person hand-over timer ----------------------------------- */

#define SWEEP_HANDOVER_CLAIM \
"SELECT r.id FROM complaint.responsibility r" \
" WHERE r.role = 'interface' AND r.open_due <= $1 AND NOT (r.id = ANY ($3))" \
"   AND NOT EXISTS (SELECT 1 FROM complaint.escalation e" \
"                    WHERE e.case_id = r.case_id AND e.responsibility_id = r.id" \
"                      AND e.step = CASE WHEN r.report_due <= $1 THEN 'handover_report_overdue'" \
"                                        ELSE 'handover_overdue' END::complaint.escalation_step)" \
" ORDER BY r.open_due LIMIT $2"

#define SWEEP_HANDOVER_PROCESS \
"WITH r AS (" \
"  SELECT r.id, r.case_id, r.staff_code, r.due, r.report_due, r.unit_code," \
"         (SELECT p.office_unit FROM complaint.escalation_policy p WHERE p.rule_id IS NULL) AS office_unit" \
"    FROM complaint.responsibility r" \
"   WHERE r.id = ANY ($2) AND r.role = 'interface' AND r.until IS NULL" \
"), lk AS (" \
"  SELECT r.id FROM r" \
"), s AS (" \
"  SELECT r.*, 'handover_overdue'::complaint.escalation_step AS step, r.due AS due_at FROM r" \
"  UNION ALL" \
"  SELECT r.*, 'handover_report_overdue'::complaint.escalation_step, r.report_due FROM r WHERE r.report_due IS NOT NULL" \
"), ins AS (" \
"  INSERT INTO complaint.escalation AS e (case_id, step, responsibility_id, due_at, recorded_at, to_staff, to_unit, cc_staff, reason)" \
"  SELECT s.case_id, s.step, s.id, s.due_at, $1," \
"         CASE s.step WHEN 'handover_overdue' THEN complaint.unit_officer(s.unit_code, 'supervisor')" \
"                     ELSE complaint.unit_officer(s.office_unit, 'head') END," \
"         CASE s.step WHEN 'handover_overdue' THEN s.unit_code ELSE s.office_unit END," \
"         s.staff_code," \
"         CASE s.step WHEN 'handover_overdue' THEN 'the interface person did not hand the ticket over in time'" \
"                     ELSE 'the ticket is still not handed over' END" \
"    FROM s WHERE s.due_at <= $1" \
"  ON CONFLICT DO NOTHING" \
"  RETURNING e.id, e.case_id, e.round, e.step, e.responsibility_id, e.due_at, e.to_staff, e.to_unit, e.cc_staff, e.reason" \
"), ev AS (" \
SWEEP_EVENT("ins.responsibility_id") \
"), viol AS (" \
"  INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, recorded_at, origin, detail)" \
"  SELECT r.case_id, r.staff_code, r.unit_code, 'late_handover', r.due, $1, 'handover:' || r.id," \
"         'ticket not handed over within the hand-over limit'" \
"    FROM r WHERE r.staff_code IS NOT NULL" \
"  ON CONFLICT (origin) DO NOTHING" \
"  RETURNING v.id, v.case_id, v.staff_code, v.kind" \
"), notes AS (" \
"  SELECT " SWEEP_NOTIFY("escalation", "'case_id', case_id, 'step', step, 'responsibility_id', responsibility_id, 'due_at', due_at, 'to_staff', to_staff, 'to_unit', to_unit") " AS n FROM ins" \
"  UNION ALL" \
"  SELECT " SWEEP_NOTIFY("violation", "'violation_id', id, 'case_id', case_id, 'staff', staff_code, 'kind', kind") " FROM viol" \
")" \
"SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk)"

/* ---- overdue self-check reports ----------------------------------------- */

#define SWEEP_SELF_CHECK_CLAIM \
"SELECT k.id FROM complaint.self_check k" \
" WHERE k.report_due <= $1 AND k.reported_at IS NULL AND k.overdue_violation_id IS NULL" \
"   AND NOT (k.id = ANY ($3))" \
" ORDER BY k.report_due LIMIT $2"

#define SWEEP_SELF_CHECK_PROCESS \
"WITH lk AS (" \
"  SELECT k.id FROM complaint.self_check k" \
"   WHERE k.id = ANY ($2) AND k.report_due <= $1 AND k.reported_at IS NULL AND k.overdue_violation_id IS NULL" \
"     FOR UPDATE SKIP LOCKED" \
"), k AS (" \
"  SELECT k.id, k.unit_code, k.report_due, v.case_id" \
"    FROM lk JOIN complaint.self_check k ON k.id = lk.id JOIN complaint.violation v ON v.id = k.violation_id" \
"), viol AS (" \
"  INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, recorded_at, origin, detail)" \
"  SELECT k.case_id, complaint.unit_officer(k.unit_code, 'head'), k.unit_code, 'missing_self_check_report'," \
"         k.report_due, $1, 'self_check:' || k.id, 'self-check report not received by its due time'" \
"    FROM k" \
"  ON CONFLICT (origin) DO NOTHING" \
"  RETURNING v.id, v.case_id, v.staff_code, v.unit_code, v.kind, v.origin" \
"), upd AS (" \
"  UPDATE complaint.self_check t" \
"     SET overdue_violation_id = COALESCE(viol.id," \
"           (SELECT o.id FROM complaint.violation o WHERE o.origin = 'self_check:' || t.id))" \
"    FROM k LEFT JOIN viol ON viol.origin = 'self_check:' || k.id" \
"   WHERE t.id = k.id" \
"), notes AS (" \
"  SELECT " SWEEP_NOTIFY("violation", "'violation_id', id, 'case_id', case_id, 'staff', staff_code, 'unit', unit_code, 'kind', kind") " AS n FROM viol" \
")" \
"SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk)"

/* ---- grading and self-check notices -------------------------------------- */

/*
 * A violation is due for grading when it was never graded, or when people
 * recorded a change of its circumstances (complaint.violation_circumstance)
 * that no sweep has graded yet.  The newest change is in force; the
 * statement marks every change it saw as graded, and the violation as
 * graded the first time (the guard lets each column be filled once).
 */
#define SWEEP_GRADING_CLAIM \
"SELECT v.id FROM complaint.violation v" \
" WHERE v.graded_at IS NULL AND NOT (v.id = ANY ($3))" \
" UNION " \
"SELECT c.violation_id FROM complaint.violation_circumstance c" \
" WHERE c.graded_at IS NULL AND NOT (c.violation_id = ANY ($3))" \
" ORDER BY 1 LIMIT $2"

/*
 * The violation is locked FOR NO KEY UPDATE (grading writes graded_at, no
 * key): a new circumstance row of it, whose foreign key takes KEY SHARE,
 * is not held up, so an office that holds the sanction and records new
 * circumstances does not deadlock with the sweep waiting for that sanction.
 */
#define SWEEP_GRADING_PROCESS \
"WITH lk AS (" \
"  SELECT v.id FROM complaint.violation v WHERE v.id = ANY ($2)" \
"     AND (v.graded_at IS NULL OR EXISTS (SELECT 1 FROM complaint.violation_circumstance c" \
"                                          WHERE c.violation_id = v.id AND c.graded_at IS NULL))" \
"     FOR NO KEY UPDATE SKIP LOCKED" \
"), v AS (" \
"  SELECT v.*, COALESCE(v.unit_code, st.unit_code) AS unit, st.supervisor_code, g.grade AS base_grade," \
"         cc.circ_id, COALESCE(cc.aggravating, v.aggravating) AS agg_now, COALESCE(cc.mitigating, v.mitigating) AS mit," \
"         (SELECT pg_catalog.count(*) FROM (SELECT 1 FROM complaint.violation o" \
"           WHERE o.staff_code = v.staff_code AND o.id <> v.id AND o.occurred_at <= v.occurred_at" \
"             AND complaint.deadline(o.occurred_at, yw.lim, yw.calendar) >= v.occurred_at LIMIT 10) o)::integer AS prior" \
"    FROM lk JOIN complaint.violation v ON v.id = lk.id" \
"    LEFT JOIN complaint.staff st ON st.code = v.staff_code" \
"    LEFT JOIN LATERAL (" \
SWEEP_WINDOW("'repeat_violation'", "COALESCE(v.unit_code, st.unit_code)") \
"    ) yw ON true" \
"    LEFT JOIN complaint.violation_grade g ON g.kind = v.kind" \
"    LEFT JOIN LATERAL (SELECT c.id AS circ_id, c.aggravating, c.mitigating FROM complaint.violation_circumstance c" \
"                        WHERE c.violation_id = v.id ORDER BY c.id DESC LIMIT 1) cc ON true" \
"), f AS (" \
"  SELECT v.*, complaint.unit_sanction_variant(v.unit) AS variant," \
"         v.agg_now || CASE WHEN v.prior >= 1 THEN ARRAY['two_or_more_in_a_year'] ELSE '{}'::text[] END AS agg" \
"    FROM v" \
"), gr AS (" \
"  SELECT f.*, (pg_catalog.enum_range(NULL::complaint.sanction_grade))[" \
"           GREATEST(1, LEAST(3, pg_catalog.array_position(pg_catalog.enum_range(NULL::complaint.sanction_grade), f.base_grade)" \
"                    + CASE WHEN pg_catalog.cardinality(f.agg) > 0 THEN 1 ELSE 0 END" \
"                    - CASE WHEN pg_catalog.cardinality(f.mit) > 0 THEN 1 ELSE 0 END))] AS grade" \
"    FROM f" \
"), ins AS (" \
"  INSERT INTO complaint.sanction AS t (violation_id, staff_code, unit_code, variant, base_grade, grade, prior_violations," \
"         aggravating, mitigating, measures, bonus_months, supervisor_staff, proposed_at)" \
"  SELECT gr.id, gr.staff_code, gr.unit, gr.variant, gr.base_grade, gr.grade, gr.prior," \
"         gr.agg, gr.mit, p.measures, p.bonus_months," \
"         CASE WHEN p.also_supervisor THEN gr.supervisor_code END, $1" \
"    FROM gr LEFT JOIN complaint.sanction_policy p ON p.variant = gr.variant AND p.grade = gr.grade" \
"  ON CONFLICT (violation_id) DO UPDATE" \
"     SET variant = EXCLUDED.variant, base_grade = EXCLUDED.base_grade, grade = EXCLUDED.grade," \
"         prior_violations = EXCLUDED.prior_violations, aggravating = EXCLUDED.aggravating," \
"         mitigating = EXCLUDED.mitigating, measures = EXCLUDED.measures," \
"         bonus_months = EXCLUDED.bonus_months, supervisor_staff = EXCLUDED.supervisor_staff," \
"         proposed_at = EXCLUDED.proposed_at" \
"   WHERE t.decided_at IS NULL" \
"  RETURNING t.id, t.violation_id, t.staff_code, t.grade" \
"), sc AS (" \
"  INSERT INTO complaint.self_check AS k (violation_id, unit_code, notice_due, notified_at, report_due)" \
"  SELECT w.id, w.unit, w.notice_due, $1, w.report_due" \
"    FROM (SELECT gr.id, gr.unit," \
"                 complaint.deadline(gr.recorded_at, wn.lim, wn.calendar) AS notice_due," \
"                 complaint.deadline($1, wr.lim, wr.calendar) AS report_due" \
"            FROM gr" \
"            CROSS JOIN LATERAL (" SWEEP_WINDOW("'self_check_notice'", "gr.unit") ") wn" \
"            CROSS JOIN LATERAL (" SWEEP_WINDOW("'self_check_report'", "gr.unit") ") wr" \
"           WHERE gr.kind <> 'missing_self_check_report') w" \
"   WHERE w.notice_due IS NOT NULL AND w.report_due IS NOT NULL" \
"  ON CONFLICT (violation_id) DO NOTHING" \
"  RETURNING k.id, k.violation_id, k.unit_code, k.report_due" \
"), upd AS (" \
"  UPDATE complaint.violation t SET graded_at = $1 FROM gr WHERE t.id = gr.id AND t.graded_at IS NULL" \
"), cupd AS (" \
"  UPDATE complaint.violation_circumstance t SET graded_at = $1" \
"    FROM gr WHERE t.violation_id = gr.id AND t.graded_at IS NULL AND t.id <= gr.circ_id" \
"), notes AS (" \
"  SELECT " SWEEP_NOTIFY("sanction_proposed", "'sanction_id', id, 'violation_id', violation_id, 'staff', staff_code, 'grade', grade") " AS n FROM ins" \
"  UNION ALL" \
"  SELECT " SWEEP_NOTIFY("self_check_notice", "'self_check_id', id, 'violation_id', violation_id, 'unit', unit_code, 'report_due', report_due") " FROM sc" \
")" \
"SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk)"

/* ---- lapsed appeal windows ---------------------------------------------- */

#define SWEEP_APPEAL_CLAIM \
"SELECT t.id FROM complaint.sanction t" \
" WHERE t.appeal_until <= $1 AND t.appeal_closed_at IS NULL AND t.appeal_until IS NOT NULL" \
"   AND NOT (t.id = ANY ($3))" \
" ORDER BY t.appeal_until LIMIT $2"

#define SWEEP_APPEAL_PROCESS \
"WITH lk AS (" \
"  SELECT t.id FROM complaint.sanction t" \
"   WHERE t.id = ANY ($2) AND t.appeal_closed_at IS NULL AND t.appeal_until <= $1 FOR UPDATE SKIP LOCKED" \
"), u AS (" \
"  UPDATE complaint.sanction t SET appeal_closed_at = t.appeal_until" \
"    FROM lk WHERE t.id = lk.id" \
"  RETURNING t.id, t.violation_id, t.staff_code, t.appeal_until" \
"), notes AS (" \
"  SELECT " SWEEP_NOTIFY("appeal_window_closed", "'sanction_id', id, 'violation_id', violation_id, 'staff', staff_code, 'appeal_until', appeal_until") " AS n FROM u" \
")" \
"SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk)"

#endif							/* COMPLAINT_SWEEP_SQL_H */
