--
-- sweep: complaint.sweep(at) on a simulated clock.  Every call uses a fixed
-- "at" and is repeated to show that a second run records nothing new.
--
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;
SET client_min_messages = warning;

-- ids appear in the output: start every sequence the sweep writes at 1
SELECT count(pg_catalog.setval(pg_catalog.pg_get_serial_sequence('complaint.' || t, 'id'), 1, false)) AS sequences_reset
  FROM unnest(ARRAY['cases', 'responsibility', 'escalation', 'violation', 'sanction', 'self_check', 'appeal']) t;

-- organisation: province HQ (head, supervising leader) > city D1 (no head,
-- no leader: escalations go up to HQ's); ACC is the accountability office
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0'),
	   ('D1', 'city', 'HQ', NULL, NULL),
	   ('ACC', 'accountability office', NULL, 'A1', NULL);
INSERT INTO complaint.staff (code, name, unit_code, supervisor_code)
VALUES ('H0', 'head', 'HQ', NULL), ('L0', 'leader', 'HQ', NULL), ('A1', 'auditor', 'ACC', NULL),
	   ('S1', 'first responder', 'D1', 'L0'), ('S2', 'handler', 'D1', 'L0'), ('I1', 'interface', 'D1', 'L0');
COMMIT;
UPDATE complaint.escalation_policy SET office_unit = 'ACC' WHERE rule_id IS NULL;

INSERT INTO complaint.time_limit_rule (name, matter, lim, source)
VALUES ('sweep test 2 wd', 'answer', '2 working days', 'test');

-- cases are created through a helper so that each names only what matters
CREATE FUNCTION pg_temp.new_case(received timestamptz, handler text, upgraded boolean DEFAULT false)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO complaint.cases (channel, matter, received_at, first_responder, handler_unit, handler_staff,
								 rule_id, calendar, clock_from, clock_limit, deadline, original_deadline, upgraded)
	SELECT 'phone', 'test', received, 'S1', 'D1', handler,
		   r.id, 'CN', received, r.lim,
		   complaint.deadline(received, r.lim, 'CN'), complaint.deadline(received, r.lim, 'CN'), upgraded
	  FROM complaint.time_limit_rule r WHERE r.name = 'sweep test 2 wd'
	RETURNING id
$$;

-- case 1: received Monday 2025-03-03 09:00, handled by S2; deadline Wednesday 17:30
SELECT pg_temp.new_case('2025-03-03 09:00', 'S2') AS c1 \gset
SELECT deadline FROM complaint.cases WHERE id = :c1;
-- the ladder: warning when 80% of the elapsed time has passed (Wednesday
-- 06:12: 45.2 of 56.5 hours), handler at the deadline, then one
-- working day per rung (each ends at 17:30 of the next working day)
SELECT complaint.escalation_ladder(received_at, deadline, '2 working days', 'CN', 0.8, 1, 1, 1, false, 3)
  FROM complaint.cases WHERE id = :c1;

-- new case: looked at once, nothing due yet
SELECT complaint.sweep('2025-03-03 10:00');
SELECT due_at FROM complaint.escalation_watch WHERE case_id = :c1;
-- just before the warning: nothing; at it: the warning, to the handler
SELECT complaint.sweep('2025-03-05 06:11');
SELECT complaint.sweep('2025-03-05 06:12');
SELECT complaint.sweep('2025-03-05 06:12');
SELECT step, due_at, recorded_at, to_staff, to_unit, cc_staff, reason FROM complaint.escalation WHERE case_id = :c1 ORDER BY id;

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
-- the ladder is done: the case is no longer watched
SELECT due_at FROM complaint.escalation_watch WHERE case_id = :c1;

-- the self-check report did not come: deemed a violation of D1's head
-- (none: HQ's head H0), graded and proposed in the same pass
SELECT report_due FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id WHERE v.case_id = :c1;
SELECT complaint.sweep('2025-03-12 17:30');
SELECT complaint.sweep('2025-03-12 17:30');
SELECT kind, staff_code, unit_code, occurred_at FROM complaint.violation WHERE case_id = :c1 ORDER BY id;

-- case 2: an upgraded complaint skips the handler rung: the unit head at the deadline
SELECT pg_temp.new_case('2025-03-10 09:00', 'S2', true) AS c2 \gset
SELECT complaint.sweep('2025-03-12 17:30');
SELECT step, due_at, to_staff, reason FROM complaint.escalation WHERE case_id = :c2 ORDER BY id;
-- case 2's unit reports in time: no deemed violation when the report falls due
SELECT k.id AS k2 FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id
 WHERE v.case_id = :c2 \gset
SELECT report_due FROM complaint.self_check WHERE id = :k2;
SELECT complaint.submit_self_check(:k2, '2025-03-13 10:00', 'the cause was found and fixed');
SELECT complaint.submit_self_check(:k2, '2025-03-13 11:00', 'twice');

-- case 3: waiting for materials before the warning: the clock stops, nothing escalates
SELECT pg_temp.new_case('2025-03-17 09:00', 'S2') AS c3 \gset
UPDATE complaint.cases SET status = 'waiting_materials', paused_at = '2025-03-17 10:00', missing_items = '{ID card}' WHERE id = :c3;
SELECT complaint.sweep('2025-03-25 12:00');
SELECT count(*) FROM complaint.escalation WHERE case_id = :c3;
SELECT count(*) FROM complaint.violation WHERE case_id = :c2 AND kind = 'missing_self_check_report';
-- resumed with a new deadline: escalates again from then on
UPDATE complaint.cases SET status = 'in_progress', paused_at = NULL, missing_items = NULL,
	   deadline = '2025-03-27 17:30' WHERE id = :c3;
SELECT complaint.sweep('2025-03-27 17:30');
SELECT step FROM complaint.escalation WHERE case_id = :c3 ORDER BY id;

-- case 4: answered on time: nothing; case 5: answered late: violation, no ladder
SELECT pg_temp.new_case('2025-04-07 09:00', 'S2') AS c4 \gset
SELECT pg_temp.new_case('2025-04-07 09:00', 'S1') AS c5 \gset
UPDATE complaint.cases SET status = 'answered', answered_at = '2025-04-08 12:00', answer = 'done' WHERE id = :c4;
SELECT complaint.sweep('2025-04-08 12:00');
UPDATE complaint.cases SET status = 'answered', answered_at = '2025-04-10 09:00', answer = 'late' WHERE id = :c5;
SELECT complaint.sweep('2025-04-10 09:00');
SELECT complaint.sweep('2025-04-10 09:00');
SELECT c.id = :c5 AS late_case, e.step FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id
 WHERE c.id IN (:c4, :c5) ORDER BY e.id;
SELECT case_id = :c5 AS late_case, kind, staff_code FROM complaint.violation WHERE case_id IN (:c4, :c5);

-- case 6: an explanation given by the deadline: escalated, but no violation
SELECT pg_temp.new_case('2025-04-14 09:00', 'S2') AS c6 \gset
INSERT INTO complaint.explanation (case_id, staff_code, given_at, text)
VALUES (:c6, 'S2', '2025-04-16 10:00', 'waiting for the supplier');
SELECT complaint.sweep('2025-04-16 17:30');
SELECT step FROM complaint.escalation WHERE case_id = :c6 ORDER BY id;
SELECT count(*) FROM complaint.violation WHERE case_id = :c6;

-- aggravation: S2's third violation within 365 days (cases 1 and 2 before)
-- is graded one level up; mitigation recorded later brings it back down
SELECT v.case_id = :c2 AS upgraded_case, s.base_grade, s.grade, s.prior_violations, s.aggravating
  FROM complaint.sanction s JOIN complaint.violation v ON v.id = s.violation_id
 WHERE v.case_id IN (:c1, :c2) AND v.kind = 'no_answer_in_time' ORDER BY v.id;
SELECT v.id AS v2 FROM complaint.violation v WHERE v.case_id = :c2 AND v.kind = 'no_answer_in_time' \gset
UPDATE complaint.violation SET mitigating = '{apologised_and_forgiven}' WHERE id = :v2;
SELECT complaint.sweep('2025-04-17 09:00');
SELECT base_grade, grade, aggravating, mitigating FROM complaint.sanction WHERE violation_id = :v2;
-- circumstances outside the closed lists are refused, nothing changes
UPDATE complaint.violation SET mitigating = '{bribed}' WHERE id = :v2;
SELECT mitigating FROM complaint.violation WHERE id = :v2;

-- telecom variant: bonus deduction, and the supervising leader too
INSERT INTO complaint.sanction_variant VALUES ('HQ', 'telecom');
INSERT INTO complaint.violation (case_id, staff_code, kind, occurred_at, recorded_at)
VALUES (:c6, 'I1', 'bad_attitude', '2025-04-17 10:00', '2025-04-17 10:00') RETURNING id AS v3 \gset
SELECT complaint.sweep('2025-04-17 11:00');
SELECT variant, grade, bonus_months, supervisor_staff, measures FROM complaint.sanction WHERE violation_id = :v3;

-- hearing, decision and the 15-day appeal window
SELECT id AS s3 FROM complaint.sanction WHERE violation_id = :v3 \gset
SELECT complaint.decide_sanction(:s3, '2025-04-20 10:00', 'A1');
SELECT decided_at FROM complaint.sanction WHERE id = :s3;
SELECT complaint.record_hearing(:s3, '2025-04-18 10:00', 'heard in person');
SELECT complaint.decide_sanction(:s3, '2025-04-20 10:00', 'A1');
SELECT complaint.file_appeal(:s3, '2025-05-06 10:00', 'too late');
SELECT count(*) FROM complaint.appeal;
SELECT complaint.sweep('2025-05-05 09:59');
SELECT complaint.sweep('2025-05-05 10:00');
SELECT complaint.sweep('2025-05-05 10:00');
SELECT appeal_until, appeal_closed_at FROM complaint.sanction WHERE id = :s3;
-- an appeal inside its window closes the window at filing
SELECT id AS s1 FROM complaint.sanction s WHERE violation_id =
	(SELECT id FROM complaint.violation WHERE case_id = :c1 AND kind = 'no_answer_in_time') \gset
SELECT complaint.record_hearing(:s1, '2025-04-18 10:00', 'heard');
SELECT complaint.decide_sanction(:s1, '2025-04-20 10:00', 'A1', '{warning}');
SELECT complaint.file_appeal(:s1, '2025-04-25 10:00', 'the supplier was late') > 0 AS filed;
SELECT complaint.sweep('2025-06-01 10:00');
SELECT appeal_closed_at, decided_measures FROM complaint.sanction WHERE id = :s1;

-- interface person: ticket not handed over within 30 minutes -> the
-- supervising leader is told; still not after 30 more -> the office
SELECT pg_temp.new_case('2025-06-02 09:00', NULL) AS c7 \gset
INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since, due, report_due)
VALUES (:c7, 'I1', 'D1', 'interface', '2025-06-02 09:00', '2025-06-02 09:30', '2025-06-02 10:00')
RETURNING id AS r7 \gset
SELECT complaint.sweep('2025-06-02 09:29');
SELECT complaint.sweep('2025-06-02 09:30');
SELECT complaint.sweep('2025-06-02 09:30');
SELECT complaint.sweep('2025-06-02 10:00');
SELECT complaint.sweep('2025-06-02 10:00');
SELECT step, responsibility_id = :r7 AS this_handover, due_at, to_staff, to_unit, cc_staff
  FROM complaint.escalation WHERE case_id = :c7 AND responsibility_id <> 0 ORDER BY id;
SELECT kind, staff_code FROM complaint.violation WHERE case_id = :c7;

-- a broken case is logged and skipped, the others go on: this rule counts
-- working minutes on a calendar without working hours
INSERT INTO complaint.calendar (name, time_zone) VALUES ('NOHOURS', 'Asia/Shanghai');
INSERT INTO complaint.time_limit_rule (name, matter, lim, source)
VALUES ('sweep test broken', 'answer', '30 working minutes', 'test');
INSERT INTO complaint.cases (channel, matter, received_at, first_responder, handler_unit, handler_staff,
							 rule_id, calendar, clock_from, clock_limit, deadline, original_deadline)
SELECT 'phone', 'broken', '2025-07-01 09:00', 'S1', 'D1', 'S2', r.id, 'NOHOURS', '2025-07-01 09:00', r.lim,
	   '2025-07-01 10:00', '2025-07-01 10:00'
  FROM complaint.time_limit_rule r WHERE r.name = 'sweep test broken'
RETURNING id AS c8 \gset
SELECT pg_temp.new_case('2025-07-01 09:00', 'S2') AS c9 \gset
SET client_min_messages = warning;
SELECT complaint.sweep('2025-07-04 12:00');
-- the good case got its rungs; the broken one none
SELECT case_id = :c8 AS broken, step FROM complaint.escalation WHERE case_id IN (:c8, :c9) ORDER BY id;
SELECT case_id = :c8 AS broken, due_at, failures, last_error IS NOT NULL AS has_error
  FROM complaint.escalation_watch WHERE case_id IN (:c8, :c9) ORDER BY case_id;
-- the same "at" again: the broken case waits its hour, nothing new
SELECT complaint.sweep('2025-07-04 12:00');

-- bad input: errors, nothing written
SELECT count(*) AS before FROM complaint.escalation \gset
SELECT complaint.sweep(NULL);
SELECT complaint.sweep('infinity');
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'CN', 1.5, 1, 1, 1, false, 3);
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'CN', 0.5, -1, 1, 1, false, 3);
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'CN', 0.5, 1, 1, 1, true, 1);
SELECT complaint.escalation_ladder(now(), now(), '1 day', 'nosuch', 0.5, 1, 1, 1, true, 3);
UPDATE complaint.escalation_policy SET warn_share = 1 WHERE rule_id IS NULL;
SELECT complaint.record_hearing(-1, now(), 'x');
SELECT complaint.record_hearing(:s3, now(), 'again');
SELECT complaint.decide_sanction(:s3, now(), 'A1');
SELECT complaint.file_appeal(:s3, '2025-05-01', 'again');
SELECT complaint.submit_self_check(-1, now(), 'x');
SELECT count(*) AS appeals FROM complaint.appeal;
SELECT count(*) = :before AS nothing_written FROM complaint.escalation;

-- the escalation record is the final guard: a step is never there twice
INSERT INTO complaint.escalation (case_id, step, due_at, recorded_at, reason)
VALUES (:c1, 'warning', now(), now(), 'again');

-- clean up (history tables first)
DELETE FROM complaint.appeal;
DELETE FROM complaint.sanction;
DELETE FROM complaint.self_check;
DELETE FROM complaint.violation;
DELETE FROM complaint.escalation;
DELETE FROM complaint.explanation;
DELETE FROM complaint.responsibility;
DELETE FROM complaint.escalation_watch;
DELETE FROM complaint.cases;
DELETE FROM complaint.time_limit_rule WHERE name LIKE 'sweep test%';
DELETE FROM complaint.calendar WHERE name = 'NOHOURS';
DELETE FROM complaint.sanction_variant;
UPDATE complaint.escalation_policy SET office_unit = NULL WHERE rule_id IS NULL;
BEGIN;
DELETE FROM complaint.staff;
DELETE FROM complaint.unit;
COMMIT;
