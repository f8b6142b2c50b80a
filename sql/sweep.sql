--
-- sweep: complaint.sweep(at) on a simulated clock.  Cases are registered
-- and moved the way applications do it: the acting staff member (SET
-- complaint.staff), the workflow's clock (SET complaint.now) and the step
-- functions.  Every sweep uses a fixed "at" and is repeated to show that a
-- second run records nothing new.  The test runs in a database of its own,
-- so that its ids and counts do not depend on the other tests, and drops
-- it at the end: the register itself is never deleted from.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_sweep;
CREATE DATABASE regress_sweep;
\set regress_db :DBNAME
\c regress_sweep
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;

-- organisation: province HQ (head, supervising leader) > city D1 (no head,
-- no leader: escalations go up to HQ's) and district D2 (an interface
-- person who receives transferred tickets); ACC is the accountability office
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, interface_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0', NULL),
	   ('D1', 'city', 'HQ', NULL, NULL, NULL),
	   ('D2', 'district', 'HQ', NULL, NULL, 'I2'),
	   ('ACC', 'accountability office', NULL, 'A1', NULL, NULL);
INSERT INTO complaint.staff (code, name, unit_code, supervisor_code)
VALUES ('H0', 'head', 'HQ', NULL), ('L0', 'leader', 'HQ', NULL), ('A1', 'auditor', 'ACC', NULL),
	   ('S1', 'first responder', 'D1', 'L0'), ('S2', 'handler', 'D1', 'L0'),
	   ('I2', 'interface', 'D2', 'L0'), ('S3', 'district handler', 'D2', 'L0');
COMMIT;
UPDATE complaint.escalation_policy SET office_unit = 'ACC' WHERE rule_id IS NULL;

INSERT INTO complaint.time_limit_rule (name, matter, lim, source)
VALUES ('sweep test 2 wd', 'answer', '2 working days', 'test');

-- registration as the applications do it: S1 at the counter, at "received"
CREATE FUNCTION pg_temp.new_case(received timestamptz, handler text, upgraded boolean DEFAULT false)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
BEGIN
	PERFORM set_config('complaint.staff', 'S1', false);
	PERFORM set_config('complaint.now', received::text, false);
	INSERT INTO complaint.cases AS c (channel, matter, handler_staff, rule_id, upgraded)
	SELECT 'phone', 'test', handler, r.id, upgraded
	  FROM complaint.time_limit_rule r WHERE r.name = 'sweep test 2 wd'
	RETURNING c.id INTO id;
	RETURN id;
END
$$;

-- the escalation history of a case: the events the sweep appended
CREATE FUNCTION pg_temp.history(case_id bigint)
RETURNS TABLE (kind complaint.event_kind, at timestamptz, actor text, step text, due_at text,
			   to_staff text, cc_staff text, matches_escalation boolean)
LANGUAGE sql AS $$
	SELECT v.kind, v.at, v.actor, v.detail->>'step', v.detail->>'due_at', v.detail->>'to_staff',
		   v.detail->>'cc_staff',
		   EXISTS (SELECT 1 FROM complaint.escalation e
					WHERE e.id = (v.detail->>'escalation_id')::bigint AND e.case_id = v.case_id
					  AND e.step::text = v.detail->>'step' AND e.recorded_at = v.at)
	  FROM complaint.event v
	 WHERE v.case_id = $1 AND v.kind IN ('warned', 'escalated')
	 ORDER BY v.id
$$;

-- case 1: received Monday 2025-03-03 09:00, handled by S2; deadline Wednesday 17:30
SELECT pg_temp.new_case('2025-03-03 09:00', 'S2') AS c1 \gset
SELECT first_responder, handler_unit, handler_staff, clock_from, deadline FROM complaint.cases WHERE id = :c1;
-- the ladder: warning when 80% of the working time has passed (Wednesday
-- 11:48: 16.8 of the 21 working hours Monday 09:00 to Wednesday 17:30),
-- handler at the deadline, then one
-- working day per rung (each ends at 17:30 of the next working day)
SELECT complaint.escalation_ladder(clock_from, deadline, clock_limit, calendar, 0.8, 1, 1, 1, false, 3)
  FROM complaint.cases WHERE id = :c1;

-- new case: looked at once, nothing due yet
SELECT complaint.sweep('2025-03-03 10:00');
SELECT due_at, round, recorded FROM complaint.escalation_watch WHERE case_id = :c1;
-- how the sweep reads the ladder: the next rung above those recorded, and
-- the highest rung due
SELECT complaint.ladder_next(l, 0, '2025-03-03 10:00') AS next_from_none,
	   complaint.ladder_next(l, 2, '2025-03-03 10:00') AS next_above_handler,
	   complaint.ladder_next(l, 5, '2025-03-03 10:00') AS next_above_all,
	   complaint.ladder_reached(l, '2025-03-05 11:47') AS reached_before_warning,
	   complaint.ladder_reached(l, '2025-03-06 17:30') AS reached_unit_head,
	   complaint.ladder_reached(l, 'infinity') AS reached_all
  FROM (SELECT complaint.escalation_ladder(clock_from, deadline, clock_limit, calendar, 0.8, 1, 1, 1, false, 3) AS l
		  FROM complaint.cases WHERE id = :c1) x;
-- just before the warning: nothing; at it: the warning, to the handler
SELECT complaint.sweep('2025-03-05 11:47');
SELECT complaint.sweep('2025-03-05 11:48');
SELECT complaint.sweep('2025-03-05 11:48');
SELECT step, round, due_at, recorded_at, to_staff, to_unit, cc_staff, reason FROM complaint.escalation WHERE case_id = :c1 ORDER BY id;
-- the case history shows the warning, by the system, at the sweep's time
SELECT * FROM pg_temp.history(:c1);

-- at the deadline: handler step (first responder told), a no-answer
-- violation, its proposed sanction and the unit's self-check notice
SELECT complaint.sweep('2025-03-05 17:30');
SELECT complaint.sweep('2025-03-05 17:30');
SELECT step, due_at, to_staff, to_unit, cc_staff FROM complaint.escalation WHERE case_id = :c1 ORDER BY id;
SELECT kind, staff_code, unit_code, occurred_at, origin FROM complaint.violation WHERE case_id = :c1;
SELECT s.staff_code, s.variant, s.base_grade, s.grade, s.prior_violations, s.aggravating, s.measures
  FROM complaint.sanction s JOIN complaint.violation v ON v.id = s.violation_id WHERE v.case_id = :c1;
SELECT k.unit_code, k.notice_due, k.notified_at, k.report_due
  FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id WHERE v.case_id = :c1;

-- a late sweep catches up every rung at once: unit head (D1 has none: HQ's),
-- supervising leader (HQ's), accountability office (ACC's head)
SELECT complaint.sweep('2025-03-12 12:00');
SELECT complaint.sweep('2025-03-12 12:00');
SELECT step, due_at, recorded_at, to_staff, to_unit FROM complaint.escalation WHERE case_id = :c1 ORDER BY id;
-- one event per step, in the order recorded, each naming its escalation row
SELECT * FROM pg_temp.history(:c1);
-- the ladder is done: the case is no longer watched; all five rungs recorded
SELECT due_at, round, recorded FROM complaint.escalation_watch WHERE case_id = :c1;

-- the self-check report did not come: deemed a violation of D1's head
-- (none: HQ's head H0), graded and proposed in the same pass
SELECT report_due FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id WHERE v.case_id = :c1;
SELECT complaint.sweep('2025-03-12 17:30');
SELECT complaint.sweep('2025-03-12 17:30');
SELECT kind, staff_code, unit_code, occurred_at FROM complaint.violation WHERE case_id = :c1 ORDER BY id;

-- case 2: an upgraded complaint skips the handler rung: the unit head at the deadline
SELECT pg_temp.new_case('2025-03-10 09:00', 'S2', true) AS c2 \gset
SELECT upgraded, deadline FROM complaint.cases WHERE id = :c2;
SELECT complaint.sweep('2025-03-12 17:30');
SELECT step, due_at, to_staff, reason FROM complaint.escalation WHERE case_id = :c2 ORDER BY id;
-- case 2's unit reports in time: no deemed violation when the report falls due
SELECT k.id AS k2 FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id
 WHERE v.case_id = :c2 \gset
SELECT report_due FROM complaint.self_check WHERE id = :k2;
-- (HQ's head H0 reports for D1, at the workflow clock's time)
SET complaint.staff = 'H0';
SET complaint.now = '2025-03-13 10:00';
SELECT complaint.submit_self_check(:k2, 'the cause was found and fixed');
SET complaint.now = '2025-03-13 11:00';
SELECT complaint.submit_self_check(:k2, 'twice');
SELECT reported_at, reported_by, report FROM complaint.self_check WHERE id = :k2;

-- case 3: accepted, then waiting for materials before the warning: the
-- clock stops, nothing escalates
SELECT pg_temp.new_case('2025-03-17 09:00', 'S2') AS c3 \gset
SET complaint.staff = 'S2';
SET complaint.now = '2025-03-17 10:00';
SELECT status FROM complaint.accept(:c3);
SELECT status, deadline FROM complaint.request_materials(:c3, '{ID card}');
SELECT due_at FROM complaint.escalation_watch WHERE case_id = :c3;
SELECT complaint.sweep('2025-03-25 12:00');
SELECT count(*) FROM complaint.escalation WHERE case_id = :c3;
SELECT count(*) FROM complaint.violation WHERE case_id = :c2 AND kind = 'missing_self_check_report';
-- the materials arrive on Tuesday 03-25 at 12:00: the clock runs again and
-- the deadline moves by the time paused; the case escalates from then on
SET complaint.now = '2025-03-25 12:00';
SELECT status, clock_from, deadline FROM complaint.materials_received(:c3);
SELECT complaint.sweep('2025-03-25 12:00');
SELECT complaint.escalation_ladder(clock_from, deadline, clock_limit, calendar, 0.8, 1, 1, 1, false, 3)
  FROM complaint.cases WHERE id = :c3;
SELECT complaint.sweep('2025-03-27 17:30');
SELECT step, due_at FROM complaint.escalation WHERE case_id = :c3 ORDER BY id;

-- case 4: answered on time: nothing; case 5: answered late: violation, no ladder
SELECT pg_temp.new_case('2025-04-07 09:00', 'S2') AS c4 \gset
SELECT pg_temp.new_case('2025-04-07 09:00', 'S1') AS c5 \gset
SET complaint.staff = 'S2';
SET complaint.now = '2025-04-08 12:00';
SELECT status, answered_at FROM complaint.answer((complaint.accept(:c4)).id, 'done');
SELECT due_at FROM complaint.escalation_watch WHERE case_id = :c4;
SELECT complaint.sweep('2025-04-08 12:00');
SET complaint.staff = 'S1';
SET complaint.now = '2025-04-10 09:00';
SELECT status, answered_at > deadline AS late FROM complaint.answer((complaint.accept(:c5)).id, 'late');
SELECT complaint.sweep('2025-04-10 09:00');
SELECT complaint.sweep('2025-04-10 09:00');
SELECT c.id = :c5 AS late_case, e.step FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id
 WHERE c.id IN (:c4, :c5) ORDER BY e.id;
SELECT case_id = :c5 AS late_case, kind, staff_code FROM complaint.violation WHERE case_id IN (:c4, :c5);

-- case 4 again: the complainant is dissatisfied, the case is closed and
-- reopened (a repeat complaint): a new clock, and the ladder is climbed
-- again as round 1
SET complaint.staff = 'S2';
SET complaint.now = '2025-04-11 10:00';
SELECT status FROM complaint.record_feedback(:c4, 'dissatisfied');
SELECT status FROM complaint.close(:c4);
SET complaint.now = '2025-04-14 09:00';
SELECT status, clock_from, deadline FROM complaint.reopen(:c4, 'the same problem again');
SELECT complaint.sweep('2025-04-16 17:30');
SELECT complaint.sweep('2025-04-16 17:30');
SELECT round, step, due_at FROM complaint.escalation WHERE case_id = :c4 ORDER BY id;
SELECT due_at, round, recorded FROM complaint.escalation_watch WHERE case_id = :c4;
SELECT kind, origin FROM complaint.violation WHERE case_id = :c4;

-- case 6: an explanation given by the deadline: escalated, but no violation
SELECT pg_temp.new_case('2025-04-14 09:00', 'S2') AS c6 \gset
SET complaint.staff = 'S2';
SET complaint.now = '2025-04-16 10:00';
SELECT complaint.record_explanation(:c6, 'waiting for the supplier') > 0 AS explained;
SELECT given_at, given_by FROM complaint.explanation WHERE case_id = :c6;
SELECT complaint.sweep('2025-04-16 17:30');
SELECT step FROM complaint.escalation WHERE case_id = :c6 ORDER BY id;
SELECT count(*) FROM complaint.violation WHERE case_id = :c6;

-- aggravation: S2's second violation within 365 days (case 2, after case
-- 1) is graded one level up; mitigation recorded later brings it back down
SELECT v.case_id = :c2 AS upgraded_case, s.base_grade, s.grade, s.prior_violations, s.aggravating
  FROM complaint.sanction s JOIN complaint.violation v ON v.id = s.violation_id
 WHERE v.case_id IN (:c1, :c2) AND v.kind = 'no_answer_in_time' ORDER BY v.id;
SELECT v.id AS v2 FROM complaint.violation v WHERE v.case_id = :c2 AND v.kind = 'no_answer_in_time' \gset
SET complaint.staff = 'A1';
SET complaint.now = '2025-04-17 08:00';
SELECT complaint.set_circumstances(:v2, '{}', '{apologised_and_forgiven}') > 0 AS recorded;
SELECT complaint.sweep('2025-04-17 09:00');
SELECT complaint.sweep('2025-04-17 09:00');
SELECT base_grade, grade, aggravating, mitigating, proposed_at FROM complaint.sanction WHERE violation_id = :v2;
SELECT aggravating, mitigating, recorded_at, recorded_by, graded_at FROM complaint.violation_circumstance WHERE violation_id = :v2;
-- circumstances outside the closed lists are refused, nothing changes
SELECT complaint.set_circumstances(:v2, '{}', '{bribed}');
SELECT count(*) AS changes FROM complaint.violation_circumstance WHERE violation_id = :v2;

-- telecom variant: bonus deduction, and the supervising leader too
INSERT INTO complaint.sanction_variant VALUES ('HQ', 'telecom');
-- a violation found by a person: recorded at the workflow clock, by A1
SET complaint.now = '2025-04-17 10:00';
SELECT complaint.open_violation('bad_attitude', 'S3', case_id => :c6) AS v3 \gset
SELECT kind, staff_code, occurred_at, recorded_at, recorded_by, origin FROM complaint.violation WHERE id = :v3;
SELECT complaint.sweep('2025-04-17 11:00');
SELECT variant, grade, bonus_months, supervisor_staff, measures FROM complaint.sanction WHERE violation_id = :v3;

-- hearing, decision and the 15-day appeal window
SELECT id AS s3 FROM complaint.sanction WHERE violation_id = :v3 \gset
SET complaint.now = '2025-04-18 10:00';
SELECT complaint.decide_sanction(:s3);
SELECT decided_at FROM complaint.sanction WHERE id = :s3;
SELECT complaint.record_hearing(:s3, 'heard in person');
SET complaint.now = '2025-04-20 10:00';
SELECT complaint.decide_sanction(:s3);
SELECT heard_at, heard_by, decided_at, decided_by, appeal_until FROM complaint.sanction WHERE id = :s3;
-- decided Sunday 04-20: day 15 is 05-05, in the Labour Day break (05-01 to
-- 05-05), so the window ends at the close of business of Tuesday 05-06
SET complaint.staff = 'S3';
SET complaint.now = '2025-05-07 09:00';
SELECT complaint.file_appeal(:s3, 'too late');
SELECT count(*) FROM complaint.appeal;
SELECT complaint.sweep('2025-05-06 17:29');
SELECT complaint.sweep('2025-05-06 17:30');
SELECT complaint.sweep('2025-05-06 17:30');
SELECT appeal_until, appeal_closed_at FROM complaint.sanction WHERE id = :s3;
-- an appeal inside its window closes the window at filing
SELECT id AS s1 FROM complaint.sanction s WHERE violation_id =
	(SELECT id FROM complaint.violation WHERE case_id = :c1 AND kind = 'no_answer_in_time') \gset
SET complaint.staff = 'A1';
SET complaint.now = '2025-04-18 10:00';
SELECT complaint.record_hearing(:s1, 'heard');
SET complaint.now = '2025-04-20 10:00';
SELECT complaint.decide_sanction(:s1, '{warning}');
SET complaint.staff = 'S2';
SET complaint.now = '2025-04-25 10:00';
SELECT complaint.file_appeal(:s1, 'the supplier was late') > 0 AS filed;
SELECT filed_at, filed_by FROM complaint.appeal WHERE sanction_id = :s1;
SELECT complaint.sweep('2025-06-01 10:00');
SELECT appeal_closed_at, decided_measures FROM complaint.sanction WHERE id = :s1;

-- case 7: transferred at 09:00 to D2, whose interface person must hand the
-- ticket over within 30 minutes; not done -> the supervising leader (D2
-- has none: HQ's) is told; still not after 30 more -> the office
SELECT pg_temp.new_case('2025-06-02 09:00', 'S1') AS c7 \gset
SET complaint.staff = 'S1';
SET complaint.now = '2025-06-02 09:00';
SELECT status, handler_unit, handler_staff FROM complaint.transfer(:c7, 'D2');
SELECT id AS r7, staff_code, due, report_due FROM complaint.responsibility
 WHERE case_id = :c7 AND role = 'interface' \gset
SELECT :'staff_code' AS interface, :'due' AS due, :'report_due' AS report_due;
-- the running timer is what the sweep's index holds
SELECT open_due = due AS timer_running FROM complaint.responsibility WHERE id = :r7;
SELECT complaint.sweep('2025-06-02 09:29');
SELECT complaint.sweep('2025-06-02 09:30');
SELECT complaint.sweep('2025-06-02 09:30');
SELECT complaint.sweep('2025-06-02 10:00');
SELECT complaint.sweep('2025-06-02 10:00');
SELECT step, responsibility_id = :r7 AS this_handover, due_at, to_staff, to_unit, cc_staff
  FROM complaint.escalation WHERE case_id = :c7 AND responsibility_id <> 0 ORDER BY id;
SELECT * FROM pg_temp.history(:c7);
SELECT kind, staff_code, unit_code FROM complaint.violation WHERE case_id = :c7;
-- handed over late at 10:15: the interface duty ends, nothing more for it
SET complaint.staff = 'I2';
SET complaint.now = '2025-06-02 10:15';
SELECT handler_staff FROM complaint.assign(:c7, 'S3');
-- the role ended: its due stays on record, its timer left the index
SELECT until, due, open_due FROM complaint.responsibility WHERE id = :r7;
SELECT complaint.sweep('2025-06-02 10:15');
-- D2 has no head: the transferred case's unit-head rung goes to HQ's, and
-- the first responder S1 is copied on every rung after the warning
SELECT complaint.sweep('2025-06-05 17:30');
SELECT step, to_staff, to_unit, cc_staff FROM complaint.escalation
 WHERE case_id = :c7 AND responsibility_id = 0 ORDER BY id;

-- a broken case is logged and skipped, the others go on: a site's own
-- rule (a trigger) refuses every escalation of one case
SELECT pg_temp.new_case('2025-07-01 09:00', 'S2') AS c8 \gset
SELECT pg_temp.new_case('2025-07-01 09:00', 'S2') AS c9 \gset
CREATE FUNCTION public.refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.case_id = current_setting('regress.broken_case')::bigint THEN
		RAISE EXCEPTION 'case % is under audit', NEW.case_id;
	END IF;
	RETURN NEW;
END
$$;
SET regress.broken_case = :c8;
CREATE TRIGGER refuse_case BEFORE INSERT ON complaint.escalation
	FOR EACH ROW EXECUTE FUNCTION public.refuse_case();
SET client_min_messages = warning;
SELECT complaint.sweep('2025-07-04 12:00');
-- the good case got its rungs; the broken one none
SELECT case_id = :c8 AS broken, step FROM complaint.escalation WHERE case_id IN (:c8, :c9) ORDER BY id;
SELECT case_id = :c8 AS broken, due_at, failures, last_error
  FROM complaint.escalation_watch WHERE case_id IN (:c8, :c9) ORDER BY case_id;
-- the same "at" again: the broken case waits its hour, nothing new
SELECT complaint.sweep('2025-07-04 12:00');
-- once the site lifts its rule, an hour later the case catches up
DROP TRIGGER refuse_case ON complaint.escalation;
SELECT complaint.sweep('2025-07-04 13:00');
SELECT step FROM complaint.escalation WHERE case_id = :c8 ORDER BY id;
SELECT due_at, failures, last_error FROM complaint.escalation_watch WHERE case_id = :c8;

-- bad input: errors, nothing written
SELECT count(*) AS before FROM complaint.escalation \gset
SELECT count(*) AS events_before FROM complaint.event \gset
SELECT complaint.sweep(NULL);
SELECT complaint.sweep('infinity');
-- only a superuser sweeps ahead of the workflow clock; anyone allowed to
-- sweep may sweep as of the clock (plus a second).  Here the clock is the
-- complaint.now the superuser set above, so even the real present is ahead.
CREATE ROLE regress_sweep_caller;
GRANT USAGE ON SCHEMA complaint TO regress_sweep_caller;
GRANT EXECUTE ON FUNCTION complaint.sweep(timestamptz) TO regress_sweep_caller;
SET ROLE regress_sweep_caller;
\set VERBOSITY terse
SELECT complaint.sweep(complaint.clock_now() + interval '1 hour');
SELECT complaint.sweep(clock_timestamp());
SELECT complaint.sweep(NULL);
\set VERBOSITY default
BEGIN;
SELECT complaint.sweep(complaint.clock_now() + interval '1 second') >= 0 AS within_a_second;
ROLLBACK;
-- without complaint.now the clock is the present
RESET ROLE;
SELECT current_setting('complaint.now') AS saved_now \gset
RESET complaint.now;
SET ROLE regress_sweep_caller;
\set VERBOSITY terse
SELECT complaint.sweep(now() + interval '1 hour');
SELECT complaint.sweep(clock_timestamp() + interval '2 seconds');
\set VERBOSITY default
BEGIN;
SELECT complaint.sweep(clock_timestamp()) >= 0 AS present_is_fine;
-- the sweep lock: the extension's catalog row with objsubid 1, until the end
-- of the transaction (no SQL command can take it)
SELECT locktype, classid::regclass, objsubid, mode, granted FROM pg_locks
 WHERE pid = pg_backend_pid() AND locktype = 'object' AND classid = 'pg_extension'::regclass
   AND objid = (SELECT oid FROM pg_extension WHERE extname = 'complaint');
ROLLBACK;
RESET ROLE;
SET complaint.now = :'saved_now';
DROP OWNED BY regress_sweep_caller;
DROP ROLE regress_sweep_caller;
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'CN', 1.5, 1, 1, 1, false, 3);
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'CN', 0.5, -1, 1, 1, false, 3);
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'CN', 0.5, 1, 1, 1, true, 1);
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'nosuch', 0.5, 1, 1, 1, true, 3);
SELECT complaint.ladder_next('{{2025-01-01,2025-01-02}}', 0, now());
SELECT complaint.ladder_reached('{2025-01-01}', NULL) AS null_at_is_null;
UPDATE complaint.escalation_policy SET warn_share = 1 WHERE rule_id IS NULL;
SET complaint.staff = 'A1';
SELECT complaint.record_hearing(-1, 'x');
SELECT complaint.record_hearing(:s3, 'again');
SELECT complaint.decide_sanction(:s3);
SELECT complaint.file_appeal(:s3, 'again');
SELECT complaint.submit_self_check(-1, 'x');
SELECT count(*) AS appeals FROM complaint.appeal;
-- applications cannot write the history, escalated or not
INSERT INTO complaint.event (case_id, at, kind, detail)
VALUES (:c1, now(), 'escalated', '{"step": "handler"}');
SELECT count(*) = :before AS nothing_written FROM complaint.escalation;
SELECT count(*) = :events_before AS no_event_written FROM complaint.event;

-- escalation steps are records of accountability, written by the sweep
-- only (append-only, like the history)
INSERT INTO complaint.escalation (case_id, step, due_at, recorded_at, reason)
VALUES (:c1, 'warning', now(), now(), 'again');
UPDATE complaint.escalation SET reason = 'rewritten' WHERE case_id = :c1;
DELETE FROM complaint.escalation WHERE case_id = :c1;
TRUNCATE complaint.escalation;
-- and the escalation record's key is the final guard: even with the guard
-- triggers off (an administrator in replica mode), a step is never there twice
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO complaint.escalation (case_id, step, due_at, recorded_at, reason)
VALUES (:c1, 'warning', now(), now(), 'again');
ROLLBACK;
-- and so is the history's index: even with the guard triggers off (an
-- administrator in replica mode), a step's event cannot be there twice
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO complaint.event (case_id, at, kind, detail)
SELECT case_id, at, kind, detail FROM complaint.event WHERE case_id = :c1 AND kind = 'warned';
ROLLBACK;

-- the sweep's own JSON builders give exactly what the built-ins give (the
-- NOTIFY payload text is compared in test/isolation/specs/sweep_race.spec)
SET TimeZone = 'Asia/Shanghai';
SELECT complaint.sweep_event_detail('escalation_id', 41::bigint, 'step', 'unit_head'::complaint.escalation_step,
         'round', 0, 'responsibility_id', NULL::bigint, 'due_at', '2025-03-12 09:01+08'::timestamptz,
         'to_staff', 'RH'::text, 'cc_staff', NULL::text, 'reason', 'say "why"\n'::text,
         'flag', true, 'small', 3::smallint, 'day', '2025-03-12'::date)
     = pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('escalation_id', 41::bigint,
         'step', 'unit_head'::complaint.escalation_step, 'round', 0, 'responsibility_id', NULL::bigint,
         'due_at', '2025-03-12 09:01+08'::timestamptz, 'to_staff', 'RH'::text, 'cc_staff', NULL::text,
         'reason', 'say "why"\n'::text, 'flag', true, 'small', 3::smallint, 'day', '2025-03-12'::date)) AS same_detail;
SELECT complaint.sweep_event_detail('due_at', '2025-03-12 09:01+08'::timestamptz, 'step', 'warning'::complaint.escalation_step, 'none', NULL::text);
-- numbers: numeric, real and double precision as JSON numbers, NaN and the
-- infinities as strings, exactly as the built-ins write them
SELECT complaint.sweep_event_detail('share', 0.80::numeric, 'big', 1e30::numeric, 'neg', -2.50::numeric,
         'r', 0.5::real, 'd', 1e-7::float8, 'nan', 'NaN'::numeric, 'inf', 'Infinity'::float8, 'ninf', '-Infinity'::numeric)
     = pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('share', 0.80::numeric, 'big', 1e30::numeric,
         'neg', -2.50::numeric, 'r', 0.5::real, 'd', 1e-7::float8, 'nan', 'NaN'::numeric,
         'inf', 'Infinity'::float8, 'ninf', '-Infinity'::numeric)) AS same_numbers;
SELECT complaint.sweep_event_detail('share', 0.80::numeric, 'nan', 'NaN'::float8, 'd', 1e-7::float8);
-- bad input: odd arguments, a null or non-text key, a type it does not write
SELECT complaint.sweep_event_detail('a');
SELECT complaint.sweep_event_detail(NULL::text, 1);
SELECT complaint.sweep_event_detail(1, 1);
SELECT complaint.sweep_event_detail('a', interval '1 day');
SELECT complaint.sweep_notify('a', 1, 'b');
SELECT complaint.sweep_notify('a', '{}'::jsonb);
-- only the sweep (the owner) sends on the channel or builds a detail (90_roles.sql)
SELECT has_function_privilege('public', 'complaint.sweep_notify("any")', 'EXECUTE') AS public_may_notify,
       has_function_privilege('public', 'complaint.sweep_event_detail("any")', 'EXECUTE') AS public_may_build;
RESET TimeZone;

-- the register stays; the test's database goes
\c :regress_db
DROP DATABASE regress_sweep;
