--
-- windows: every time window counts like a deadline (SPEC section 4: the
-- start day is not counted, a period ends at the close of business of its
-- last day, a calendar-day period ending on a day off moves to the next
-- working day, minutes are elapsed time), from a rule a DBA changes with
-- SQL; and the clock follows the handling unit's calendar on every change
-- of handling unit.  Every expected instant below was computed by hand
-- from data/cn_holidays.csv (2025: National Day break 10-01..10-08,
-- make-up working days Sunday 09-28 and Saturday 10-11; Labour Day
-- 05-01..05-05) and is written next to its check; a check prints "ok" and
-- the instant (local time, weekday), or "WRONG".
--
-- Runs in a database of its own (stable ids), dropped at the end.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_windows;
CREATE DATABASE regress_windows;
\set regress_db :DBNAME
\c regress_windows
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;

CREATE FUNCTION pg_temp.check(what text, got timestamptz, expected timestamptz) RETURNS text
LANGUAGE sql AS $$
	SELECT CASE WHEN got IS NOT DISTINCT FROM expected THEN 'ok     ' ELSE 'WRONG  ' END
		   || what || ': '
		   || coalesce(to_char(got AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD Dy HH24:MI'), 'NULL')
		   || CASE WHEN got IS NOT DISTINCT FROM expected THEN ''
				   ELSE ' (expected ' || coalesce(expected::text, 'NULL') || ')' END
$$;
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ': ' || msg;
END
$$;
-- everything the workflow writes, as one checksum
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg(c::text, ',' ORDER BY c.id) FROM complaint.cases c),
		(SELECT string_agg(e::text, ',' ORDER BY e.id) FROM complaint.event e),
		(SELECT string_agg(r::text, ',' ORDER BY r.id) FROM complaint.responsibility r),
		(SELECT string_agg(a::text, ',' ORDER BY a.id) FROM complaint.appeal a),
		(SELECT string_agg(s::text, ',' ORDER BY s.id) FROM complaint.sanction s)))
$$;

-- three calendars: CN (Monday to Friday, official holidays), SAT (a
-- branch that also works Saturdays, no exceptions) and ALT (Monday to
-- Thursday, 08:00-12:00 and 13:00-17:00)
INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES
	('SAT', 'Asia/Shanghai', '{1,2,3,4,5,6}'), ('ALT', 'Asia/Shanghai', '{1,2,3,4}');
INSERT INTO complaint.calendar_hours
SELECT 'SAT', d, h.s, h.e FROM generate_series(1, 6) d, (VALUES ('09:00'::time, '12:00'::time), ('13:30', '17:30')) h(s, e)
UNION ALL
SELECT 'ALT', d, h.s, h.e FROM generate_series(1, 4) d, (VALUES ('08:00'::time, '12:00'::time), ('13:00', '17:00')) h(s, e);

-- the organisation: W (head WH) with WA on CN, WB on SAT, WC on ALT, WI on
-- CN with an interface person; ACC is the accountability office
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, interface_staff, calendar) VALUES
	('W', 'head office', NULL, 'WH', 'WL', NULL, 'CN'),
	('WA', 'unit on CN', 'W', NULL, NULL, NULL, 'CN'),
	('WB', 'unit working Saturdays', 'W', NULL, NULL, NULL, 'SAT'),
	('WC', 'unit on a four-day week', 'W', NULL, NULL, NULL, 'ALT'),
	('WI', 'unit with an interface person', 'W', NULL, NULL, 'II', 'CN'),
	('ACC', 'accountability office', NULL, 'AO', NULL, NULL, 'CN');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('WH', 'head', 'W'), ('WL', 'leader', 'W'), ('SA', 'clerk A', 'WA'), ('SB', 'clerk B', 'WB'),
	('SC', 'clerk C', 'WC'), ('II', 'interface', 'WI'), ('AO', 'auditor', 'ACC'),
	('V1', 'violator 1', 'WA'), ('V2', 'violator 2', 'WA');
COMMIT;
INSERT INTO complaint.category (code, name) VALUES ('sat-cat', 'handled by the Saturday branch');
INSERT INTO complaint.route (category, unit_code) VALUES ('sat-cat', 'WB');
-- deciding whether to accept takes 2 working days in this organisation
INSERT INTO complaint.time_limit_rule (name, matter, unit_code, lim, source)
VALUES ('W acceptance', 'acceptance', 'W', '2 working days', 'test');

-- ===========================================================================
-- 1. The clock follows the handling unit
-- ===========================================================================

-- the issue's example: 3 working days (the default rule) at WA (CN),
-- received Thursday 2026-11-19 10:00: Fri 20, Mon 23, Tue 24
SET complaint.staff = 'SA';
SET complaint.now = '2026-11-19 10:00';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'issue 13 example') RETURNING id AS c1 \gset
SELECT calendar, clock_limit,
	   pg_temp.check('CN deadline', deadline, '2026-11-24 17:30'),
	   pg_temp.check('CN acceptance due (Fri 20, Mon 23)', acceptance_due, '2026-11-23 17:30')
  FROM complaint.cases WHERE id = :c1;
-- transferred on Friday 10:00 to WB, which works Saturdays: one working day
-- (Friday) is used on CN and stays used; the rest counts on SAT: Sat 21,
-- Mon 23.  The acceptance clock (not accepted yet) moves the same way:
-- Friday used, Saturday is the second day.
SET complaint.now = '2026-11-20 10:00';
SELECT status, handler_unit, calendar,
	   pg_temp.check('origin', clock_from, '2026-11-19 10:00'),
	   pg_temp.check('SAT deadline', deadline, '2026-11-23 17:30'),
	   pg_temp.check('SAT acceptance due', acceptance_due, '2026-11-21 17:30')
  FROM complaint.transfer(:c1, 'WB');
SELECT detail->>'calendar_before' AS calendar_before, detail->>'calendar' AS calendar,
	   pg_temp.check('event deadline_before', (detail->>'deadline_before')::timestamptz, '2026-11-24 17:30'),
	   pg_temp.check('event deadline', (detail->>'deadline')::timestamptz, '2026-11-23 17:30'),
	   pg_temp.check('event acceptance_due_before', (detail->>'acceptance_due_before')::timestamptz, '2026-11-23 17:30'),
	   pg_temp.check('event acceptance_due', (detail->>'acceptance_due')::timestamptz, '2026-11-21 17:30')
  FROM complaint.event WHERE case_id = :c1 AND kind = 'transferred';
-- a co-handler on another calendar (WC, ALT) helps; the case's deadline
-- stays on the handling unit's calendar and the co-handler gets no clock
SELECT complaint.add_co_handler(:c1, 'WC', 'SC');
SELECT calendar, pg_temp.check('deadline unchanged by the co-handler', deadline, '2026-11-23 17:30')
  FROM complaint.cases WHERE id = :c1;
SELECT unit_code, role, due, report_due FROM complaint.responsibility WHERE case_id = :c1 AND role = 'co_handler';

-- A -> B -> C -> A across three calendars.  Received Thursday 2026-11-12
-- 10:00 at WA (CN): Fri 13, Mon 16, Tue 17.
SET complaint.now = '2026-11-12 10:00';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'three calendars') RETURNING id AS c2 \gset
SELECT pg_temp.check('A (CN) deadline', deadline, '2026-11-17 17:30') FROM complaint.cases WHERE id = :c2;
-- Friday 10:00 to WB (SAT): Friday used; Sat 14 and Mon 16 remain
SET complaint.now = '2026-11-13 10:00';
SELECT calendar, pg_temp.check('B (SAT) origin', clock_from, '2026-11-12 10:00'),
	   pg_temp.check('B (SAT) deadline', deadline, '2026-11-16 17:30'),
	   pg_temp.check('B (SAT) acceptance due (Fri 13, Sat 14)', acceptance_due, '2026-11-14 17:30')
  FROM complaint.transfer(:c2, 'WB');
-- Saturday 10:00 to WC (ALT, Monday to Thursday): Friday and Saturday were
-- used on SAT (2 days); on ALT the last working day on or before Saturday
-- is Thursday 12, two ALT days before it is Tuesday 10, so the one day
-- left is Monday 16, which ends at ALT's 17:00
SET complaint.now = '2026-11-14 10:00';
SELECT calendar, pg_temp.check('C (ALT) origin', clock_from, '2026-11-10 10:00'),
	   pg_temp.check('C (ALT) deadline', deadline, '2026-11-16 17:00'),
	   pg_temp.check('acceptance clock no longer moves (accepted or not, the case left registration)',
					 acceptance_due, '2026-11-14 17:30')
  FROM complaint.transfer(:c2, 'WC');
-- Monday 10:00 back to WA (CN), a referral back: Wed 11, Thu 12 and Mon 16
-- were used on ALT (all 3 days); on CN the origin is three working days
-- before Monday (Wednesday 11) and the deadline the close of Monday on CN
SET complaint.now = '2026-11-16 10:00';
SELECT calendar, pg_temp.check('A again (CN) origin', clock_from, '2026-11-11 10:00'),
	   pg_temp.check('A again (CN) deadline', deadline, '2026-11-16 17:30')
  FROM complaint.transfer(:c2, 'WA');
SELECT id, detail->>'from_unit' AS from_unit, detail->>'to_unit' AS to_unit,
	   detail->>'calendar_before' AS calendar_before, detail->>'calendar' AS calendar,
	   (detail->>'deadline_before')::timestamptz AS deadline_before, (detail->>'deadline')::timestamptz AS deadline
  FROM complaint.event WHERE case_id = :c2 AND kind = 'transferred' ORDER BY id;
-- to another unit on the same calendar: the clock does not move, the event
-- still names the calendar
SELECT pg_temp.check('same calendar: deadline unchanged', deadline, '2026-11-16 17:30') FROM complaint.transfer(:c2, 'W');
SELECT detail->>'calendar_before' AS calendar_before, detail->>'calendar' AS calendar,
	   detail ? 'deadline' AS deadline_in_event
  FROM complaint.event WHERE case_id = :c2 AND kind = 'transferred' ORDER BY id DESC LIMIT 1;

-- a transfer while the clock is stopped for materials.  Registered at WB
-- (SAT) by SB on Thursday 2026-11-19 10:00: Fri 20, Sat 21, Mon 23.
SET complaint.staff = 'SB';
SET complaint.now = '2026-11-19 10:00';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'papers missing') RETURNING id AS c3 \gset
SELECT status FROM complaint.accept(:c3);
SELECT status FROM complaint.start(:c3);
-- the one-time notice on Saturday 10:00: Friday and Saturday are used
SET complaint.now = '2026-11-21 10:00';
SELECT status, pg_temp.check('SAT deadline when the clock stops', deadline, '2026-11-23 17:30')
  FROM complaint.request_materials(:c3, ARRAY['contract']);
-- Monday 10:00, still waiting, the case goes to WA (CN): it keeps waiting,
-- the two days used by the pause stay used (on CN: the last working day
-- on or before Saturday is Friday 20, two days before it Wednesday 18)
SET complaint.staff = 'SA';
SET complaint.now = '2026-11-23 10:00';
SELECT status, handler_unit, calendar, paused_at,
	   pg_temp.check('CN origin', clock_from, '2026-11-18 10:00'),
	   pg_temp.check('CN deadline as it stands while stopped', deadline, '2026-11-23 17:30')
  FROM complaint.transfer(:c3, 'WA');
SELECT from_status, to_status, detail->>'calendar_before' AS calendar_before, detail->>'calendar' AS calendar
  FROM complaint.event WHERE case_id = :c3 AND kind = 'transferred';
-- the papers arrive Friday 2026-11-27 10:00: the pause (Sat 21 to Fri 27)
-- is counted on CN (Mon 23 .. Fri 27, 5 working days); the one day left
-- is the next CN working day, Monday 30 (on SAT it would have been Sat 28)
SET complaint.now = '2026-11-27 10:00';
SELECT status, paused_at, pg_temp.check('CN deadline after the pause', deadline, '2026-11-30 17:30')
  FROM complaint.materials_received(:c3);
-- a unit change without a transfer is still refused outside waiting
SELECT pg_temp.try(format($$UPDATE complaint.cases SET handler_unit = 'WB' WHERE id = %s$$, :c3)) AS unit_change_in_progress;

-- routing at registration: category sat-cat goes to WB, on SAT from the start
SET complaint.now = '2026-11-19 10:00';
INSERT INTO complaint.cases (channel, category, matter) VALUES ('phone', 'sat-cat', 'routed') RETURNING id AS c4 \gset
SELECT handler_unit, calendar, pg_temp.check('routed: SAT deadline', deadline, '2026-11-23 17:30')
  FROM complaint.cases WHERE id = :c4;
SELECT detail->>'routed' AS routed, detail->>'calendar' AS calendar FROM complaint.event WHERE case_id = :c4;

-- ===========================================================================
-- 2. Windows: complaint.window_end(matter, start, unit) and where each is used
-- ===========================================================================

-- the appeal window (第十条, 15 days from the decision)
SELECT pg_temp.check('appeal, day 15 a Saturday (Fri 03-14 -> Mon 03-31)',
		complaint.window_end('appeal', '2025-03-14 10:00', 'WA'), '2025-03-31 17:30'),
	   pg_temp.check('appeal, day 15 the make-up Saturday 10-11 (from Fri 09-26)',
		complaint.window_end('appeal', '2025-09-26 10:00', 'WA'), '2025-10-11 17:30'),
	   pg_temp.check('appeal, day 15 in the National Day break (Wed 09-17 -> Thu 10-09)',
		complaint.window_end('appeal', '2025-09-17 10:00', 'WA'), '2025-10-09 17:30'),
	   pg_temp.check('appeal, on SAT day 15 a Saturday is a working day',
		complaint.window_end('appeal', '2025-03-14 10:00', 'WB'), '2025-03-29 17:30');
-- the self-check notice (2 working days) and report (5 working days)
SELECT pg_temp.check('self-check notice over a weekend (Fri 03-14: Mon 17, Tue 18)',
		complaint.window_end('self_check_notice', '2025-03-14 10:00', 'WA'), '2025-03-18 17:30'),
	   pg_temp.check('self-check notice over the make-up Saturday (Thu 10-09: Fri 10, Sat 11)',
		complaint.window_end('self_check_notice', '2025-10-09 10:00', 'WA'), '2025-10-11 17:30'),
	   pg_temp.check('self-check notice over National Day (Tue 09-30: Thu 10-09, Fri 10-10)',
		complaint.window_end('self_check_notice', '2025-09-30 10:00', 'WA'), '2025-10-10 17:30');
SELECT pg_temp.check('self-check report over a weekend (Fri 03-14: Mon 17 .. Fri 21)',
		complaint.window_end('self_check_report', '2025-03-14 10:00', 'WA'), '2025-03-21 17:30'),
	   pg_temp.check('self-check report over the make-up Saturday (Thu 10-09: 10, 11, 13, 14, 15)',
		complaint.window_end('self_check_report', '2025-10-09 10:00', 'WA'), '2025-10-15 17:30'),
	   pg_temp.check('self-check report over National Day (Tue 09-30: 10-09, 10, 11, 13, 14)',
		complaint.window_end('self_check_report', '2025-09-30 10:00', 'WA'), '2025-10-14 17:30');
-- the hand-over timer: 30 minutes, elapsed time (SPEC section 4: minute
-- limits are elapsed), so not moved by a weekend or a holiday
SELECT pg_temp.check('hand-over on a Friday evening', complaint.window_end('handover', '2025-03-14 17:20', 'WA'), '2025-03-14 17:50'),
	   pg_temp.check('hand-over on the eve of National Day', complaint.window_end('handover', '2025-09-30 17:20', 'WA'), '2025-09-30 17:50'),
	   pg_temp.check('hand-over report, 30 minutes after the hand-over', complaint.window_end('handover_report', '2025-09-30 17:50', 'WA'), '2025-09-30 18:20');
-- a DBA makes WI's hand-over 30 working minutes: it now counts in working hours
INSERT INTO complaint.time_limit_rule (name, matter, unit_code, lim, priority, source)
VALUES ('WI hand-over in working time', 'handover', 'WI', '30 working minutes', 1, 'test');
SELECT pg_temp.check('working hand-over over a weekend (10 min Fri, 20 min Mon)',
		complaint.window_end('handover', '2025-03-14 17:20', 'WI'), '2025-03-17 09:20'),
	   pg_temp.check('working hand-over into the make-up Saturday',
		complaint.window_end('handover', '2025-10-10 17:20', 'WI'), '2025-10-11 09:20'),
	   pg_temp.check('working hand-over over National Day',
		complaint.window_end('handover', '2025-09-30 17:20', 'WI'), '2025-10-09 09:20'),
	   pg_temp.check('other units keep the preset', complaint.window_end('handover', '2025-03-14 17:20', 'WA'), '2025-03-14 17:50');
-- ... and a transfer to WI on Friday 2025-10-10 17:20 gets that timer
SET complaint.now = '2025-10-10 17:20';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'to the interface') RETURNING id AS c5 \gset
SELECT handler_unit FROM complaint.transfer(:c5, 'WI');
SELECT staff_code, role, pg_temp.check('interface hand-over due', due, '2025-10-11 09:20'),
	   pg_temp.check('report due 30 minutes later', report_due, '2025-10-11 09:50')
  FROM complaint.responsibility WHERE case_id = :c5 AND role = 'interface';
-- the repeat window (30 days from the earlier case's receipt)
SELECT pg_temp.check('repeat, day 30 a Saturday (Thu 02-27 -> Mon 03-31)',
		complaint.window_end('repeat', '2025-02-27 10:00', 'WA'), '2025-03-31 17:30'),
	   pg_temp.check('repeat, day 30 the make-up Saturday (from Thu 09-11)',
		complaint.window_end('repeat', '2025-09-11 10:00', 'WA'), '2025-10-11 17:30'),
	   pg_temp.check('repeat, day 30 in the National Day break (Tue 09-02 -> Thu 10-09)',
		complaint.window_end('repeat', '2025-09-02 10:00', 'WA'), '2025-10-09 17:30');
-- the year of prior violations (第七条(一), 365 days)
SELECT pg_temp.check('prior violations, day 365 a Sunday (2024-03-31 -> Mon 2025-03-31)',
		complaint.window_end('repeat_violation', '2024-03-31 10:00', 'WA'), '2025-03-31 17:30'),
	   pg_temp.check('prior violations, day 365 the make-up Saturday',
		complaint.window_end('repeat_violation', '2024-10-11 10:00', 'WA'), '2025-10-11 17:30'),
	   pg_temp.check('prior violations, day 365 in the National Day break',
		complaint.window_end('repeat_violation', '2024-10-02 10:00', 'WA'), '2025-10-09 17:30');
-- what window_end answers outside its rules
SELECT complaint.window_end('no such matter', '2025-03-14 10:00', 'WA') AS unknown_matter,
	   complaint.window_end(NULL, '2025-03-14 10:00', 'WA') AS null_matter,
	   complaint.window_end('appeal', NULL, 'WA') AS null_start,
	   pg_temp.check('no unit: rules without unit criteria, on CN',
		complaint.window_end('appeal', '2025-03-14 10:00', NULL), '2025-03-31 17:30');
SELECT pg_temp.try($$SELECT complaint.window_end('appeal', '2025-03-14 10:00', 'nowhere')$$) AS unknown_unit,
	   pg_temp.try($$SELECT complaint.window_end('appeal', 'infinity', 'WA')$$) AS infinite_start,
	   pg_temp.try($$SELECT complaint.window_end('appeal', '294276-12-31 10:00', 'WA')$$) AS beyond_the_last_date,
	   complaint.window_end(repeat('x', 100000), '2025-03-14 10:00', 'WA') AS huge_matter;
-- a DBA changes a window with SQL: a rule of higher priority
INSERT INTO complaint.time_limit_rule (name, matter, lim, priority, source)
VALUES ('appeal in working days', 'appeal', '10 working days', 1, 'test');
SELECT pg_temp.check('appeal of 10 working days from Fri 09-26 (09-28 .. 10-16)',
		complaint.window_end('appeal', '2025-09-26 10:00', 'WA'), '2025-10-16 17:30');
DELETE FROM complaint.time_limit_rule WHERE name = 'appeal in working days';

-- repeat complaints use the window (same contact, no category)
SET complaint.now = '2026-01-05 10:00';
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'first', 'r-weekend', '2025-02-27 10:00') RETURNING id AS r1 \gset
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'again on day 32, the window ran over the weekend', 'r-weekend', '2025-03-31 10:00')
RETURNING repeat_of = :r1 AS repeat_over_weekend;
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'first', 'r-makeup', '2025-09-11 10:00') RETURNING id AS r2 \gset
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'Monday after the make-up Saturday: too late', 'r-makeup', '2025-10-13 10:00')
RETURNING repeat_of AS not_a_repeat;
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'on the make-up Saturday itself', 'r-makeup', '2025-10-11 17:00')
RETURNING repeat_of = :r2 AS repeat_on_makeup_saturday;
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'first', 'r-national', '2025-09-02 10:00') RETURNING id AS r3 \gset
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'first day after the break', 'r-national', '2025-10-09 10:00')
RETURNING repeat_of = :r3 AS repeat_after_national_day;
-- disabling the rule turns repeat detection off; so does complaint.repeat_window = 0
UPDATE complaint.time_limit_rule SET enabled = false WHERE matter = 'repeat';
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'rule disabled', 'r-national', '2025-10-09 11:00') RETURNING repeat_of AS rule_disabled;
UPDATE complaint.time_limit_rule SET enabled = true WHERE matter = 'repeat';
SET complaint.repeat_window = 0;
INSERT INTO complaint.cases (channel, matter, complainant_contact, received_at)
VALUES ('phone', 'switched off', 'r-national', '2025-10-09 11:30') RETURNING repeat_of AS switched_off;
RESET complaint.repeat_window;

-- extension caps: a limit in working days with an overall cap in calendar
-- days is checked on instants (the same arithmetic).  3 working days from
-- Thursday 2025-09-25: Fri 26, the make-up Sunday 28, Mon 29.
INSERT INTO complaint.time_limit_rule (name, matter, channel, unit_code, lim, extension_cap, total_cap, priority, source)
VALUES ('W letters', 'answer', 'letter', 'W', '3 working days', '5 working days', '10 days', 5, 'test');
SET complaint.now = '2025-09-25 10:00';
INSERT INTO complaint.cases (channel, matter) VALUES ('letter', 'capped') RETURNING id AS c6 \gset
SELECT pg_temp.check('3 working days over the make-up Sunday', deadline, '2025-09-29 17:30') FROM complaint.cases WHERE id = :c6;
-- the cap: day 10 is 10-05, in the break, so the cap ends Thu 10-09 17:30;
-- 2 more working days (Tue 09-30, Thu 10-09) reach exactly that
SET complaint.now = '2025-09-26 10:00';
SELECT pg_temp.check('extended by 2 working days', deadline, '2025-10-09 17:30')
  FROM complaint.extend(:c6, '2 working days', 'WH', 'the bank has not answered');
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try(format($$SELECT complaint.extend(%s, '1 working day', 'WH', 'still waiting')$$, :c6)) AS beyond_total_cap;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- the warning share: 80% of the working time between receipt and the
-- deadline (3 working days from 10:00: 6 + 7 + 7 + 7 = 27 working hours,
-- the warning after 21.6 of them: 1 h 36 min into the last day), and the
-- unit head one working day after the deadline
SELECT pg_temp.check('warning over a weekend (Fri 03-14 10:00, deadline Wed 03-19)', l[1], '2025-03-19 10:36'),
	   pg_temp.check('unit head a working day later', l[3], '2025-03-20 17:30')
  FROM (SELECT complaint.escalation_ladder('2025-03-14 10:00', '2025-03-19 17:30', '3 working days', 'CN', 0.8, 1, 1, 1, false, 3) AS l) x;
SELECT pg_temp.check('warning over the make-up Saturday (Thu 10-09, deadline Mon 10-13)', l[1], '2025-10-13 10:36'),
	   pg_temp.check('unit head a working day later', l[3], '2025-10-14 17:30')
  FROM (SELECT complaint.escalation_ladder('2025-10-09 10:00', '2025-10-13 17:30', '3 working days', 'CN', 0.8, 1, 1, 1, false, 3) AS l) x;
SELECT pg_temp.check('warning over National Day (Tue 09-30, deadline Sat 10-11)', l[1], '2025-10-11 10:36'),
	   pg_temp.check('unit head a working day later', l[3], '2025-10-13 17:30')
  FROM (SELECT complaint.escalation_ladder('2025-09-30 10:00', '2025-10-11 17:30', '3 working days', 'CN', 0.8, 1, 1, 1, false, 3) AS l) x;
-- calendar-day limits share elapsed time: 30 days from 09-05 10:00 end
-- 10-09 17:30 (day 30 is in the break); 80% of 34 days 7.5 hours is 27
-- days 10 hours 48 minutes
SELECT pg_temp.check('warning of a calendar-day limit (elapsed)', l[1], '2025-10-02 20:48')
  FROM (SELECT complaint.escalation_ladder('2025-09-05 10:00', '2025-10-09 17:30', '30 days', 'CN', 0.8, 1, 1, 1, false, 3) AS l) x;

-- ===========================================================================
-- 3. Accountability: the year of prior violations, the self-check loop and
--    the appeal window, as the sweep and the people's steps use them
-- ===========================================================================
-- the cases above are referred out, so that the sweep sees only what follows
SET complaint.staff = 'SA';
SELECT count(*) AS referred_out
  FROM (SELECT complaint.refer_out(id, 'end of the test', '{}') FROM complaint.cases
		 WHERE status NOT IN ('closed', 'referred_out') ORDER BY id) x;
SET complaint.staff = 'AO';
SET complaint.now = '2025-10-10 11:00';
-- V1: violations on 2024-10-02 and on 2025-10-09 17:00, inside the year
-- (day 365 is 10-02, in the break, so the window ends 10-09 17:30); V2:
-- the same first one and a second on 10-10 10:00, outside it
SELECT complaint.open_violation('bad_attitude', 'V1', 'WA', NULL, '2024-10-02 10:00') AS v1a \gset
SELECT complaint.open_violation('bad_attitude', 'V1', 'WA', NULL, '2025-10-09 17:00') AS v1b \gset
SELECT complaint.open_violation('bad_attitude', 'V2', 'WA', NULL, '2024-10-02 10:00') AS v2a \gset
SELECT complaint.open_violation('bad_attitude', 'V2', 'WA', NULL, '2025-10-10 10:00') AS v2b \gset
SELECT complaint.sweep('2025-10-10 12:00') AS records;
SELECT v.staff_code, v.occurred_at, s.prior_violations, s.aggravating, s.grade
  FROM complaint.sanction s JOIN complaint.violation v ON v.id = s.violation_id ORDER BY v.id;
-- the self-check notices: notice due 2 working days after the violation
-- was recorded (Fri 10-10 11:00: Sat 11, Mon 13), report due 5 working days
-- after the notice (Fri 10-10 12:00: Sat 11, Mon 13 .. Thu 16)
SELECT k.violation_id, pg_temp.check('notice due', k.notice_due, '2025-10-13 17:30'),
	   pg_temp.check('report due', k.report_due, '2025-10-16 17:30')
  FROM complaint.self_check k ORDER BY k.violation_id;
SELECT complaint.sweep('2025-10-16 17:29') AS nothing_before_the_report_is_due;

-- the appeal window: decided Wednesday 10-15 10:00, day 15 is Thursday 10-30,
-- open until its close of business (not 15 x 24 hours, which ended at 10:00)
SELECT id AS s1b FROM complaint.sanction WHERE violation_id = :v1b \gset
SELECT id AS s2b FROM complaint.sanction WHERE violation_id = :v2b \gset
SET complaint.now = '2025-10-14 10:00';
SELECT complaint.record_hearing(:s1b, 'heard'), complaint.record_hearing(:s2b, 'heard');
SET complaint.now = '2025-10-15 10:00';
SELECT pg_temp.check('decision: window end', complaint.decide_sanction(:s1b), '2025-10-30 17:30'),
	   pg_temp.check('decision: window end', complaint.decide_sanction(:s2b), '2025-10-30 17:30');
SET complaint.staff = 'V2';
SET complaint.now = '2025-10-30 17:00';
SELECT complaint.file_appeal(:s2b, 'filed at 17:00 on day 15') > 0 AS appeal_on_day_15_accepted;
SET complaint.staff = 'V1';
SET complaint.now = '2025-10-30 17:31';
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try(format($$SELECT complaint.file_appeal(%s, 'after the close of business')$$, :s1b)) AS appeal_after_close;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
-- with the appeal rule disabled no window can be opened: the decision is refused
SET complaint.staff = 'AO';
SELECT id AS s1a FROM complaint.sanction WHERE violation_id = :v1a \gset
SELECT complaint.record_hearing(:s1a, 'heard');
UPDATE complaint.time_limit_rule SET enabled = false WHERE matter = 'appeal';
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try(format($$SELECT complaint.decide_sanction(%s)$$, :s1a)) AS decision_without_appeal_rule;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
UPDATE complaint.time_limit_rule SET enabled = true WHERE matter = 'appeal';
SELECT pg_temp.check('decided with the rule back (Thu 10-30 -> day 15 Fri 11-14)', complaint.decide_sanction(:s1a), '2025-11-14 17:30');

RESET complaint.staff;
RESET complaint.now;
RESET TimeZone;

-- the register stays; the test's database goes
\c :regress_db
DROP DATABASE regress_windows;
