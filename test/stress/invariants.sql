-- test/stress/invariants.sql
--   The invariant checker of the long runs (test/stress/README.md): run it
--   with psql, as a superuser, in any database with the complaint
--   extension, as often as you like, during a load or after it:
--
--     psql -X -v ON_ERROR_STOP=1 -f test/stress/invariants.sql
--     psql -X -v ON_ERROR_STOP=1 -v final_at="'2026-01-05 12:00+08'" -f test/stress/invariants.sql
--
--   It reads everything in one REPEATABLE READ snapshot (calendar edits wait
--   meanwhile), prints one line per
--   invariant with the number of violations and up to 30 violating rows,
--   and fails (psql exits 3) when there is any.  It writes only to its own
--   schema complaint_check: the hash of every history row it has seen, so
--   that each run also proves that no row seen by an earlier run changed or
--   vanished (append-only).  With final_at (the "at" of a sweep that ran
--   after the load stopped) it also checks that everything due by then was
--   recorded.
--
--   The invariants (names as printed):
--     first_responder    every open case has exactly one open first_responder
--                        responsibility, held by cases.first_responder
--     closed_roles       a closed or referred-out case holds no open role;
--                        closed_at / referred_at agree with the status
--     handler            an open case has at most one open handler role, and
--                        it names the case's handler unit and person
--     interface          at most one open interface role per case, none on
--                        a finished case
--     deadline_recount   a running case's deadline and original deadline
--                        equal complaint.deadline() recounted from its clock
--                        (origin, limit, extensions, calendar)
--     acceptance_recount the same for the acceptance clock
--     deadline_history   the deadline the case's last event states is the
--                        case's deadline, and each event's deadline_before
--                        is the deadline the event before it stated: the
--                        deadline never changed without an event
--     limit_history      the limit the last event states is the case's
--     origin_history     a running case whose clock was last set by its
--                        registration, acceptance or reopening (no pause or
--                        calendar re-projection since) counts from that
--                        event: received_at, or the event's time; so its
--                        deadline is a recount from the history alone
--     pause_history      paused_total is the sum of the pauses its
--                        materials_received events state; paused_at is set
--                        exactly while the case waits for materials
--     extension_history  extension_count is the number of extended events;
--                        extended_by is the total the last one since the
--                        last reopening states
--     registered_event   every case has exactly one registered event, its
--                        first
--     escalation_once    each rung, hand-over step and round once; each
--                        escalation row has exactly one history event and
--                        each escalation event its row; none recorded before
--                        it was due
--     watch              an open case has a watch row; the watch row's
--                        recorded rung is not below the highest rung
--                        recorded in its round; no case failed in a sweep
--     orphans            no row of responsibility, event, escalation,
--                        escalation_watch, violation, explanation,
--                        sanction, appeal or self_check without its case,
--                        violation, sanction or interface role
--     append_only        no history row seen by an earlier run changed or
--                        vanished (event; escalation; responsibility except
--                        until, filled once; the register's first responder,
--                        receipt time and repeat link; the accountability
--                        rows and each of their later steps once filled)
--   and with final_at:
--     ladder_due         every running case has the rungs its ladder
--                        (complaint.escalation_ladder) has reached by
--                        final_at recorded (or a higher one)
--     handover_due       every open interface role past its due / report
--                        time has its hand-over step
--     violation_due      every running case past its deadline without an
--                        explanation has its no_answer_in_time violation
--     accountability_due every violation is graded and has a proposed
--                        sanction; every lapsed appeal window is closed;
--                        every missing self-check report has its violation
--     nothing_due        no watch row is due by final_at
-- ---------------------------------------------------------------------------
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS complaint_check;
COMMENT ON SCHEMA complaint_check IS 'test/stress/invariants.sql: what the invariant checker remembers between runs';

CREATE TABLE IF NOT EXISTS complaint_check.seen (
	tab		text NOT NULL,
	id		bigint NOT NULL,
	h		uuid NOT NULL,
	PRIMARY KEY (tab, id)
);
COMMENT ON TABLE complaint_check.seen IS 'the hash of each history row (or filled later step of a row) as an earlier run saw it';

-- the rung number (1 warning .. 5 accountability office) of a ladder step, NULL for hand-over steps
CREATE OR REPLACE FUNCTION complaint_check.rung(step complaint.escalation_step) RETURNS integer
	LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT array_position('{warning,handler,unit_head,supervising_leader,accountability_office}'::complaint.escalation_step[], step)
$$;

-- the deadline of a clock, recounted with complaint.deadline() the way README
-- "Deadline arithmetic" states it: the limit plus the extensions when they
-- have its unit, else the extensions counted from the end of the unextended
-- deadline (a day unit from one microsecond before it, so that a deadline at
-- the end of a day counts as that day)
CREATE OR REPLACE FUNCTION complaint_check.recount(origin timestamptz, lim complaint.time_limit,
												   ext complaint.time_limit, cal text) RETURNS timestamptz
	LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE
		WHEN ext IS NULL OR complaint.time_limit_amount(ext) = 0 THEN complaint.deadline(origin, lim, cal)
		WHEN complaint.time_limit_unit(ext) = complaint.time_limit_unit(lim)
			THEN complaint.deadline(origin, complaint.time_limit(complaint.time_limit_amount(lim) + complaint.time_limit_amount(ext),
																 complaint.time_limit_unit(lim)), cal)
		ELSE complaint.deadline(complaint.deadline(origin, lim, cal)
								- CASE WHEN complaint.time_limit_unit(ext) IN ('working days', 'days')
									   THEN interval '1 microsecond' ELSE interval '0' END, ext, cal)
	END
$$;

-- every history row and every filled later step, hashed (see "append_only")
CREATE OR REPLACE VIEW complaint_check.history_rows (tab, id, h) AS
	SELECT 'event', id, md5(ROW(id, case_id, at, kind, actor, from_status, to_status, detail)::text)::uuid
	  FROM complaint.event
	UNION ALL
	SELECT 'escalation', id, md5(e::text)::uuid FROM complaint.escalation e
	UNION ALL
	SELECT 'responsibility', id, md5(ROW(id, case_id, staff_code, unit_code, role, since, due, report_due)::text)::uuid
	  FROM complaint.responsibility
	UNION ALL
	SELECT 'responsibility.until', id, md5(until::text)::uuid FROM complaint.responsibility WHERE until IS NOT NULL
	UNION ALL
	SELECT 'cases', id, md5(ROW(id, first_responder, received_at, repeat_of)::text)::uuid FROM complaint.cases
	UNION ALL
	SELECT 'violation', id, md5(ROW(id, case_id, staff_code, unit_code, kind, occurred_at, recorded_at, recorded_by,
									origin, detail, aggravating, mitigating)::text)::uuid
	  FROM complaint.violation
	UNION ALL
	SELECT 'violation.graded', id, md5(graded_at::text)::uuid FROM complaint.violation WHERE graded_at IS NOT NULL
	UNION ALL
	SELECT 'violation_circumstance', id, md5(ROW(id, violation_id, aggravating, mitigating, recorded_at, recorded_by)::text)::uuid
	  FROM complaint.violation_circumstance
	UNION ALL
	SELECT 'sanction', id, md5(ROW(id, violation_id, staff_code, unit_code)::text)::uuid FROM complaint.sanction
	UNION ALL
	SELECT 'sanction.heard', id, md5(ROW(heard_at, hearing_note, heard_by)::text)::uuid
	  FROM complaint.sanction WHERE heard_at IS NOT NULL
	UNION ALL
	SELECT 'sanction.decided', id, md5(ROW(variant, base_grade, grade, prior_violations, aggravating, mitigating, measures,
										   bonus_months, supervisor_staff, proposed_at, decided_at, decided_by,
										   decided_measures, appeal_until)::text)::uuid
	  FROM complaint.sanction WHERE decided_at IS NOT NULL
	UNION ALL
	SELECT 'sanction.closed', id, md5(appeal_closed_at::text)::uuid FROM complaint.sanction WHERE appeal_closed_at IS NOT NULL
	UNION ALL
	SELECT 'appeal', id, md5(ROW(id, sanction_id, filed_at, filed_by, reason)::text)::uuid FROM complaint.appeal
	UNION ALL
	SELECT 'appeal.decided', id, md5(ROW(decided_at, decided_by, outcome, note)::text)::uuid
	  FROM complaint.appeal WHERE decided_at IS NOT NULL
	UNION ALL
	SELECT 'self_check', id, md5(ROW(id, violation_id, unit_code, notice_due, notified_at, report_due)::text)::uuid
	  FROM complaint.self_check
	UNION ALL
	SELECT 'self_check.reported', id, md5(ROW(reported_at, report, reported_by)::text)::uuid
	  FROM complaint.self_check WHERE reported_at IS NOT NULL
	UNION ALL
	SELECT 'self_check.overdue', id, md5(overdue_violation_id::text)::uuid
	  FROM complaint.self_check WHERE overdue_violation_id IS NOT NULL
	UNION ALL
	SELECT 'explanation', id, md5(x::text)::uuid FROM complaint.explanation x;

-- every violation of an invariant: (invariant, the row, what is wrong)
CREATE OR REPLACE FUNCTION complaint_check.violations(final_at timestamptz DEFAULT NULL)
	RETURNS TABLE (invariant text, ref text, detail text)
	-- complaint for the operators of complaint.time_limit (IS DISTINCT FROM)
	LANGUAGE sql STABLE SET search_path = pg_catalog, complaint, pg_temp AS $$
WITH
open_case AS (
	SELECT * FROM complaint.cases WHERE status NOT IN ('closed', 'referred_out')
),
running AS (
	SELECT * FROM complaint.cases
	 WHERE status IN ('registered', 'accepted', 'transferred', 'in_progress', 'waiting_materials', 'reopened')
),
open_role AS (
	SELECT * FROM complaint.responsibility WHERE until IS NULL
),
dl AS (		-- the events that state a deadline, in order
	SELECT e.case_id, e.id, e.kind, (e.detail ->> 'deadline')::timestamptz AS deadline,
		   (e.detail ->> 'deadline_before')::timestamptz AS before,
		   lag((e.detail ->> 'deadline')::timestamptz) OVER w AS prev,
		   row_number() OVER (PARTITION BY e.case_id ORDER BY e.id DESC) AS from_last
	  FROM complaint.event e
	 WHERE e.detail ? 'deadline'
	WINDOW w AS (PARTITION BY e.case_id ORDER BY e.id)
),
lim AS (	-- the last event that states a limit
	SELECT DISTINCT ON (e.case_id) e.case_id, e.id, (e.detail ->> 'limit')::complaint.time_limit AS lim
	  FROM complaint.event e WHERE e.detail ? 'limit' ORDER BY e.case_id, e.id DESC
),
clock_event AS (	-- the last event that set or moved the clock's origin
	SELECT DISTINCT ON (e.case_id) e.case_id, e.id, e.kind, e.at
	  FROM complaint.event e
	 WHERE e.kind IN ('registered', 'reopened', 'materials_received')
		OR (e.kind = 'accepted' AND e.detail ? 'deadline')
		OR (e.kind = 'reprojected' AND e.detail ->> 'cause' = 'calendar' AND e.detail ? 'deadline')
		-- a transfer to a unit on another calendar re-bases the clock there
		OR (e.kind = 'transferred' AND e.detail ? 'deadline_before')
	 ORDER BY e.case_id, e.id DESC
),
ext AS (
	SELECT c.id,
		   (SELECT count(*) FROM complaint.event e WHERE e.case_id = c.id AND e.kind = 'extended') AS n,
		   (SELECT (e.detail ->> 'total')::complaint.time_limit FROM complaint.event e
			 WHERE e.case_id = c.id AND e.kind = 'extended'
			   AND e.id > coalesce((SELECT max(r.id) FROM complaint.event r WHERE r.case_id = c.id AND r.kind = 'reopened'), 0)
			 ORDER BY e.id DESC LIMIT 1) AS total
	  FROM complaint.cases c
	 WHERE c.extension_count > 0 OR c.extended_by IS NOT NULL
		OR EXISTS (SELECT 1 FROM complaint.event e WHERE e.case_id = c.id AND e.kind = 'extended')
),
ladder AS (		-- the highest rung recorded per case and round
	SELECT case_id, round, max(complaint_check.rung(step)) AS top
	  FROM complaint.escalation WHERE responsibility_id = 0 GROUP BY case_id, round
),
policy AS (
	SELECT c.id, coalesce(p.warn_share, d.warn_share) AS warn_share,
		   CASE WHEN p.id IS NULL THEN d.head_delay ELSE p.head_delay END AS head_delay,
		   CASE WHEN p.id IS NULL THEN d.leader_delay ELSE p.leader_delay END AS leader_delay,
		   CASE WHEN p.id IS NULL THEN d.office_delay ELSE p.office_delay END AS office_delay,
		   complaint_check.rung(CASE WHEN p.id IS NULL THEN d.upgraded_start ELSE p.upgraded_start END) AS upgraded_start
	  FROM complaint.cases c
	  LEFT JOIN complaint.escalation_policy p ON p.rule_id = c.rule_id
	  JOIN complaint.escalation_policy d ON d.rule_id IS NULL
)
-- first_responder
SELECT 'first_responder', 'case ' || c.id,
	   format('%s open first_responder roles (%s); the case says %s', count(r.id),
			  string_agg(r.staff_code, ', '), c.first_responder)
  FROM open_case c LEFT JOIN open_role r ON r.case_id = c.id AND r.role = 'first_responder'
 GROUP BY c.id, c.first_responder
HAVING count(r.id) <> 1 OR bool_or(r.staff_code IS DISTINCT FROM c.first_responder)
UNION ALL
-- closed_roles
SELECT 'closed_roles', 'case ' || c.id, format('%s is %s with %s open roles (%s)', c.id, c.status, count(r.id), string_agg(r.role::text, ', '))
  FROM complaint.cases c JOIN open_role r ON r.case_id = c.id
 WHERE c.status IN ('closed', 'referred_out')
 GROUP BY c.id, c.status
UNION ALL
SELECT 'closed_roles', 'case ' || c.id, format('status %s, closed_at %s, referred_at %s', c.status, c.closed_at, c.referred_at)
  FROM complaint.cases c
 WHERE (c.status = 'closed') <> (c.closed_at IS NOT NULL) OR (c.status = 'referred_out') <> (c.referred_at IS NOT NULL)
UNION ALL
-- handler
SELECT 'handler', 'case ' || c.id,
	   format('%s open handler roles (%s); the case is handled by %s / %s', count(r.id),
			  string_agg(r.unit_code || ' / ' || coalesce(r.staff_code, '-'), ', '), c.handler_unit, coalesce(c.handler_staff, '-'))
  FROM open_case c JOIN open_role r ON r.case_id = c.id AND r.role = 'handler'
 GROUP BY c.id, c.handler_unit, c.handler_staff
HAVING count(*) > 1 OR bool_or(r.unit_code <> c.handler_unit OR r.staff_code IS DISTINCT FROM c.handler_staff)
UNION ALL
-- interface
SELECT 'interface', 'case ' || r.case_id, format('%s open interface roles, case status %s', count(*), min(c.status::text))
  FROM open_role r JOIN complaint.cases c ON c.id = r.case_id
 WHERE r.role = 'interface'
 GROUP BY r.case_id
HAVING count(*) > 1 OR bool_or(c.status IN ('closed', 'referred_out'))
UNION ALL
-- deadline_recount
SELECT 'deadline_recount', 'case ' || c.id,
	   format('deadline %s, recounted %s; original %s, recounted %s (from %s, %s + %s on %s)',
			  c.deadline, x.deadline, c.original_deadline, x.original, c.clock_from, c.clock_limit, c.extended_by, c.calendar)
  FROM running c
 CROSS JOIN LATERAL (SELECT complaint_check.recount(c.clock_from, c.clock_limit, c.extended_by, c.calendar) AS deadline,
							complaint.deadline(c.clock_from, c.clock_limit, c.calendar) AS original) x
 WHERE x.deadline IS DISTINCT FROM c.deadline OR x.original IS DISTINCT FROM c.original_deadline
UNION ALL
-- acceptance_recount
SELECT 'acceptance_recount', 'case ' || c.id,
	   format('acceptance_due %s, recounted %s', c.acceptance_due,
			  complaint.deadline(c.acceptance_from, c.acceptance_limit, c.calendar))
  FROM complaint.cases c
 WHERE c.status = 'registered' AND c.acceptance_due IS NOT NULL
   AND c.acceptance_due IS DISTINCT FROM complaint.deadline(c.acceptance_from, c.acceptance_limit, c.calendar)
UNION ALL
-- deadline_history
SELECT 'deadline_history', 'case ' || c.id, format('the case says %s, its last %s event (%s) says %s', c.deadline, d.kind, d.id, d.deadline)
  FROM complaint.cases c LEFT JOIN dl d ON d.case_id = c.id AND d.from_last = 1
 WHERE d.deadline IS DISTINCT FROM c.deadline
UNION ALL
SELECT 'deadline_history', 'event ' || d.id, format('%s event of case %s: deadline_before %s, but the event before stated %s', d.kind, d.case_id, d.before, d.prev)
  FROM dl d WHERE d.before IS NOT NULL AND d.before IS DISTINCT FROM d.prev
UNION ALL
-- limit_history
SELECT 'limit_history', 'case ' || c.id, format('the case says %s, its last event stating a limit (%s) says %s', c.clock_limit, l.id, l.lim)
  FROM complaint.cases c LEFT JOIN lim l ON l.case_id = c.id
 WHERE l.lim IS DISTINCT FROM c.clock_limit
UNION ALL
-- origin_history
SELECT 'origin_history', 'case ' || c.id,
	   format('clock_from %s, but its last %s event (%s) sets it to %s; deadline %s, recounted from the history %s',
			  c.clock_from, e.kind, e.id, o.origin, c.deadline, complaint_check.recount(o.origin, l.lim, c.extended_by, c.calendar))
  FROM running c
  JOIN clock_event e ON e.case_id = c.id AND e.kind IN ('registered', 'reopened', 'accepted')
  JOIN lim l ON l.case_id = c.id
 CROSS JOIN LATERAL (SELECT CASE e.kind WHEN 'registered' THEN c.received_at ELSE e.at END AS origin) o
 WHERE o.origin IS DISTINCT FROM c.clock_from
	OR complaint_check.recount(o.origin, l.lim, c.extended_by, c.calendar) IS DISTINCT FROM c.deadline
UNION ALL
-- pause_history
SELECT 'pause_history', 'case ' || c.id, format('paused_total %s, the events say %s', c.paused_total, p.total)
  FROM complaint.cases c
 CROSS JOIN LATERAL (SELECT coalesce(sum((e.detail ->> 'paused_for')::interval), interval '0') AS total
					   FROM complaint.event e WHERE e.case_id = c.id AND e.kind = 'materials_received') p
 WHERE c.paused_total <> p.total
UNION ALL
SELECT 'pause_history', 'case ' || c.id, format('status %s with paused_at %s', c.status, c.paused_at)
  FROM complaint.cases c
 WHERE (c.status = 'waiting_materials') <> (c.paused_at IS NOT NULL)
	OR (c.paused_at IS NOT NULL AND c.paused_at IS DISTINCT FROM
		(SELECT e.at FROM complaint.event e WHERE e.case_id = c.id AND e.kind = 'materials_requested' ORDER BY e.id DESC LIMIT 1))
UNION ALL
-- extension_history
SELECT 'extension_history', 'case ' || c.id,
	   format('extension_count %s, extended_by %s; the events say %s extensions, %s since the last reopening', c.extension_count, c.extended_by, x.n, x.total)
  FROM complaint.cases c JOIN ext x ON x.id = c.id
 WHERE c.extension_count <> x.n OR c.extended_by IS DISTINCT FROM x.total
UNION ALL
-- registered_event
SELECT 'registered_event', 'case ' || c.id, format('%s registered events, the first event is %s', r.n, f.kind)
  FROM complaint.cases c
 CROSS JOIN LATERAL (SELECT count(*) AS n FROM complaint.event e WHERE e.case_id = c.id AND e.kind = 'registered') r
  LEFT JOIN LATERAL (SELECT e.kind FROM complaint.event e WHERE e.case_id = c.id ORDER BY e.id LIMIT 1) f ON true
 WHERE r.n <> 1 OR f.kind IS DISTINCT FROM 'registered'
UNION ALL
-- escalation_once
SELECT 'escalation_once', format('case %s round %s', case_id, round), format('%s recorded %s times', step, count(*))
  FROM complaint.escalation GROUP BY case_id, round, step, responsibility_id HAVING count(*) > 1
UNION ALL
SELECT 'escalation_once', 'escalation ' || x.id, format('%s history events', count(e.id))
  FROM complaint.escalation x
  LEFT JOIN complaint.event e ON e.kind IN ('warned', 'escalated') AND (e.detail ->> 'escalation_id')::bigint = x.id
								 AND e.case_id = x.case_id AND e.detail ->> 'step' = x.step::text
 GROUP BY x.id HAVING count(e.id) <> 1
UNION ALL
SELECT 'escalation_once', 'event ' || e.id, 'an escalation event without its escalation row'
  FROM complaint.event e
 WHERE e.kind IN ('warned', 'escalated')
   AND NOT EXISTS (SELECT 1 FROM complaint.escalation x WHERE x.id = (e.detail ->> 'escalation_id')::bigint AND x.case_id = e.case_id)
UNION ALL
SELECT 'escalation_once', 'escalation ' || id, format('recorded at %s, due at %s', recorded_at, due_at)
  FROM complaint.escalation WHERE recorded_at < due_at
UNION ALL
-- watch
SELECT 'watch', 'case ' || c.id, 'an open case without a watch row'
  FROM open_case c WHERE NOT EXISTS (SELECT 1 FROM complaint.escalation_watch w WHERE w.case_id = c.id)
UNION ALL
SELECT 'watch', 'case ' || w.case_id,
	   format('the watch row says rung %s of round %s is recorded, the escalations reach rung %s', w.recorded, w.round, l.top)
  FROM complaint.escalation_watch w
  JOIN complaint.cases c ON c.id = w.case_id AND c.reopen_count = w.round
  JOIN ladder l ON l.case_id = w.case_id AND l.round = w.round
 WHERE w.recorded < l.top
UNION ALL
SELECT 'watch', 'case ' || case_id, format('failed %s times in a sweep: %s', failures, last_error)
  FROM complaint.escalation_watch WHERE failures > 0
UNION ALL
-- orphans
SELECT 'orphans', o.tab || ' ' || o.id, 'refers to case ' || o.case_id || ', which does not exist'
  FROM (SELECT 'responsibility' AS tab, id, case_id FROM complaint.responsibility
		UNION ALL SELECT 'event', id, case_id FROM complaint.event
		UNION ALL SELECT 'escalation', id, case_id FROM complaint.escalation
		UNION ALL SELECT 'escalation_watch', case_id, case_id FROM complaint.escalation_watch
		UNION ALL SELECT 'violation', id, case_id FROM complaint.violation WHERE case_id IS NOT NULL
		UNION ALL SELECT 'explanation', id, case_id FROM complaint.explanation) o
 WHERE NOT EXISTS (SELECT 1 FROM complaint.cases c WHERE c.id = o.case_id)
UNION ALL
SELECT 'orphans', 'escalation ' || x.id, 'refers to responsibility ' || x.responsibility_id || ', no interface role of its case'
  FROM complaint.escalation x
 WHERE x.responsibility_id <> 0
   AND NOT EXISTS (SELECT 1 FROM complaint.responsibility r
					WHERE r.id = x.responsibility_id AND r.case_id = x.case_id AND r.role = 'interface')
UNION ALL
SELECT 'orphans', o.tab || ' ' || o.id, o.what
  FROM (SELECT 'sanction' AS tab, s.id, 'without its violation' AS what FROM complaint.sanction s
		 WHERE NOT EXISTS (SELECT 1 FROM complaint.violation v WHERE v.id = s.violation_id)
		UNION ALL
		SELECT 'self_check', s.id, 'without its violation' FROM complaint.self_check s
		 WHERE NOT EXISTS (SELECT 1 FROM complaint.violation v WHERE v.id = s.violation_id)
		UNION ALL
		SELECT 'appeal', a.id, 'without its sanction' FROM complaint.appeal a
		 WHERE NOT EXISTS (SELECT 1 FROM complaint.sanction s WHERE s.id = a.sanction_id)
		UNION ALL
		SELECT 'violation_circumstance', x.id, 'without its violation' FROM complaint.violation_circumstance x
		 WHERE NOT EXISTS (SELECT 1 FROM complaint.violation v WHERE v.id = x.violation_id)) o
UNION ALL
-- append_only
SELECT 'append_only', s.tab || ' ' || s.id, CASE WHEN r.id IS NULL THEN 'the row vanished' ELSE 'the row changed' END
  FROM complaint_check.seen s LEFT JOIN complaint_check.history_rows r ON r.tab = s.tab AND r.id = s.id
 WHERE r.h IS DISTINCT FROM s.h
UNION ALL
-- ladder_due (final)
SELECT 'ladder_due', 'case ' || c.id,
	   format('rung %s of round %s was due by %s, the highest recorded is %s', x.reached, c.reopen_count, final_at, coalesce(l.top, 0))
  FROM running c
  JOIN policy p ON p.id = c.id
 CROSS JOIN LATERAL (SELECT complaint.ladder_reached(
						 complaint.escalation_ladder(c.clock_from, c.deadline, c.clock_limit, c.calendar, p.warn_share,
													 p.head_delay, p.leader_delay, p.office_delay, c.upgraded, p.upgraded_start),
						 final_at) AS reached) x
  LEFT JOIN ladder l ON l.case_id = c.id AND l.round = c.reopen_count
 WHERE final_at IS NOT NULL AND c.status <> 'waiting_materials' AND x.reached > coalesce(l.top, 0)
UNION ALL
-- handover_due (final)
SELECT 'handover_due', 'responsibility ' || r.id, format('%s of case %s passed by %s without its step', t.step, r.case_id, final_at)
  FROM open_role r
 CROSS JOIN LATERAL (VALUES ('handover_overdue'::complaint.escalation_step, r.due),
							('handover_report_overdue'::complaint.escalation_step, r.report_due)) t(step, due)
 WHERE final_at IS NOT NULL AND r.role = 'interface' AND t.due <= final_at
   AND NOT EXISTS (SELECT 1 FROM complaint.escalation x WHERE x.responsibility_id = r.id AND x.step = t.step)
UNION ALL
-- violation_due (final)
SELECT 'violation_due', 'case ' || c.id, format('deadline %s passed by %s without an answer, no violation %s', c.deadline, final_at,
											   'deadline:' || c.id || CASE WHEN c.reopen_count > 0 THEN ':' || c.reopen_count ELSE '' END)
  FROM running c
 WHERE final_at IS NOT NULL AND c.status <> 'waiting_materials' AND c.deadline <= final_at
   AND NOT EXISTS (SELECT 1 FROM complaint.explanation x WHERE x.case_id = c.id AND x.given_at <= c.deadline)
   AND NOT EXISTS (SELECT 1 FROM complaint.violation v
					WHERE v.origin = 'deadline:' || c.id || CASE WHEN c.reopen_count > 0 THEN ':' || c.reopen_count ELSE '' END)
UNION ALL
-- accountability_due (final)
SELECT 'accountability_due', 'violation ' || v.id, 'recorded by ' || final_at || ' but not graded, or without a proposed sanction'
  FROM complaint.violation v
 WHERE final_at IS NOT NULL AND v.recorded_at <= final_at
   AND (v.graded_at IS NULL OR NOT EXISTS (SELECT 1 FROM complaint.sanction s WHERE s.violation_id = v.id))
UNION ALL
SELECT 'accountability_due', 'sanction ' || s.id, format('appeal window ended %s, still open at %s', s.appeal_until, final_at)
  FROM complaint.sanction s
 WHERE final_at IS NOT NULL AND s.appeal_until <= final_at AND s.appeal_closed_at IS NULL
UNION ALL
SELECT 'accountability_due', 'self_check ' || s.id, format('report due %s, none by %s and no violation', s.report_due, final_at)
  FROM complaint.self_check s
 WHERE final_at IS NOT NULL AND s.report_due <= final_at AND s.reported_at IS NULL AND s.overdue_violation_id IS NULL
UNION ALL
-- nothing_due (final)
SELECT 'nothing_due', 'case ' || w.case_id, format('watch row due at %s, not swept by %s', w.due_at, final_at)
  FROM complaint.escalation_watch w WHERE final_at IS NOT NULL AND w.due_at <= final_at
$$;

-- the report --------------------------------------------------------------
BEGIN ISOLATION LEVEL REPEATABLE READ;
-- complaint.deadline() reads calendars from the newest committed state (the
-- per-backend cache is never filled from an older snapshot: isolation spec
-- cache_snapshot), not from this transaction's snapshot.  So keep calendar
-- edits out while the checker runs, and take the snapshot after those under
-- way: LOCK takes no snapshot, the first query below does.
LOCK TABLE complaint.calendar, complaint.calendar_hours, complaint.calendar_day, complaint.calendar_day_hours IN SHARE MODE;
\if :{?final_at}
\else
\set final_at NULL
\endif
CREATE TEMP TABLE found ON COMMIT DROP AS SELECT * FROM complaint_check.violations(:final_at);
\echo invariant               violations
SELECT rpad(i.name, 22) || lpad(count(f.invariant)::text, 10)
	   || CASE WHEN f0.final AND :final_at::timestamptz IS NULL THEN '  (needs final_at)' ELSE '' END
  FROM unnest(ARRAY['first_responder', 'closed_roles', 'handler', 'interface', 'deadline_recount', 'acceptance_recount',
					'deadline_history', 'limit_history', 'origin_history', 'pause_history', 'extension_history',
					'registered_event', 'escalation_once', 'watch', 'orphans', 'append_only', 'ladder_due',
					'handover_due', 'violation_due', 'accountability_due', 'nothing_due']) WITH ORDINALITY AS i(name, n)
 CROSS JOIN LATERAL (SELECT i.name IN ('ladder_due', 'handover_due', 'violation_due', 'accountability_due', 'nothing_due') AS final) f0
  LEFT JOIN found f ON f.invariant = i.name
 GROUP BY i.name, i.n, f0.final ORDER BY i.n \g (tuples_only=on format=unaligned)
SELECT invariant, ref, detail FROM found ORDER BY invariant, ref LIMIT 30 \g (tuples_only=on format=unaligned)
SELECT (SELECT count(*) FROM complaint.cases) AS cases, (SELECT count(*) FROM complaint.event) AS events,
	   (SELECT count(*) FROM complaint.escalation) AS escalations, (SELECT count(*) FROM complaint.violation) AS violations,
	   (SELECT count(*) FROM complaint_check.seen) AS rows_remembered \g (tuples_only=off format=aligned footer=off)
-- remember what this run saw, for the next run's append_only
INSERT INTO complaint_check.seen (tab, id, h) SELECT tab, id, h FROM complaint_check.history_rows ON CONFLICT DO NOTHING;
SELECT count(*) AS violations_found, count(*) > 0 AS failed FROM found \gset
COMMIT;
\if :failed
\echo FAILED: :violations_found invariant violations
DO $$ BEGIN RAISE EXCEPTION 'the invariant checker found violations (listed above)'; END $$;
\else
\echo OK: no invariant violations
\endif
