--
-- reports: the unit scorecard, the ranking with the bottom three, the
-- breakdowns by channel, category, region and month, the morning list of
-- cases due soon and the public notice, over a small register built the way
-- applications build one (acting staff, the workflow clock complaint.now,
-- the step functions) with the sweep run before every step, as the worker
-- would.  Every figure asserted below is worked out by hand in the comments
-- first.  Runs in a database of its own (ids and counts do not depend on
-- the other tests) and drops it at the end.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_reports;
CREATE DATABASE regress_reports;
\set regress_db :DBNAME
\c regress_reports
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;

-- a 24/7 desk: every day is a working day of 24 working hours
INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES ('H24', 'Asia/Shanghai', '{1,2,3,4,5,6,7}');
INSERT INTO complaint.calendar_hours SELECT 'H24', d, '00:00', '24:00' FROM generate_series(1, 7) d;

-- P (province) > A, B, C, D, F, X; A > E.  B counts on H24, the others on
-- CN (a working day = Monday's hours: 09:00-12:00 and 13:30-17:30, 7 h).
-- X is the accountability office.
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, calendar) VALUES
	('P', '省公司', NULL, 'PH', 'PL', 'CN'),
	('A', '甲分公司', 'P', 'AH', NULL, 'CN'),
	('B', '乙分公司', 'P', 'BH', NULL, 'H24'),
	('C', '丙分公司', 'P', 'CH', NULL, 'CN'),
	('D', '丁分公司', 'P', 'DH', NULL, 'CN'),
	('E', '甲分公司营业部', 'A', 'EH', NULL, 'CN'),
	('F', '戊分公司', 'P', 'FH', NULL, 'CN'),
	('X', '监察室', 'P', 'XH', NULL, 'CN');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('PH', '省负责人', 'P'), ('PL', '分管领导', 'P'), ('XH', '监察室主任', 'X'),
	('AH', '甲负责人', 'A'), ('A1', '甲受理员', 'A'), ('BH', '乙负责人', 'B'), ('B1', '乙受理员', 'B'),
	('CH', '丙负责人', 'C'), ('C1', '丙受理员', 'C'), ('DH', '丁负责人', 'D'), ('D1', '丁受理员', 'D'),
	('EH', '营业部负责人', 'E'), ('E1', '营业部受理员', 'E'), ('FH', '戊负责人', 'F'), ('F1', '戊受理员', 'F');
COMMIT;
UPDATE complaint.escalation_policy SET office_unit = 'X' WHERE rule_id IS NULL;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('reports 2 wd', 'answer', '2 working days', 'test');

-- a refused statement: its SQLSTATE and message
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ': ' || msg;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.try(text) TO PUBLIC;

-- the worker: a sweep at every instant a step is taken, then the step's clock and actor
CREATE FUNCTION pg_temp.at(t timestamptz, staff text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM complaint.sweep(t);
	PERFORM set_config('complaint.now', t::text, false);
	PERFORM set_config('complaint.staff', staff, false);
END
$$;
-- registration by staff at t (handled in the staff member's own unit)
CREATE FUNCTION pg_temp.reg(t timestamptz, staff text, chan complaint.case_channel, cat text,
							reg text, contact text DEFAULT NULL) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
BEGIN
	PERFORM pg_temp.at(t, staff);
	INSERT INTO complaint.cases AS c (channel, matter, category, region, rule_id, complainant_name, complainant_contact)
	SELECT chan, 'report test', cat, reg, r.id, 'CANARY投诉人', coalesce(contact, 'CANARY-' || staff || '-' || to_char(t, 'MMDDHH24MI'))
	  FROM complaint.time_limit_rule r WHERE r.name = 'reports 2 wd'
	RETURNING c.id INTO id;
	RETURN id;
END
$$;
INSERT INTO complaint.category (code, name) VALUES ('billing', '资费'), ('network', '网络'), ('other', '其他');

-- ---------------------------------------------------------------------------
-- the register (times Asia/Shanghai; March 2025 has no CN holiday)
-- ---------------------------------------------------------------------------
-- a1 (A): Mon 03-03 09:00, deadline Wed 03-05 17:30; answered Tue 09:00 =
-- 7 working hours = 1.0 working day; satisfied; closed.  No rung (the
-- warning would fall due at 80% of 56.5 h, Wed 06:12).
SELECT pg_temp.reg('2025-03-03 09:00', 'A1', 'phone', 'billing', '武汉', '13800000001') AS a1 \gset
SELECT pg_temp.at('2025-03-03 09:30', 'A1') \gset
SELECT (complaint.accept(:a1)).status;
-- a2 (A): Mon 03-03 14:00, deadline Wed 03-05 17:30
SELECT pg_temp.reg('2025-03-03 14:00', 'A1', 'web', 'network', '武汉') AS a2 \gset
SELECT pg_temp.at('2025-03-03 14:10', 'A1') \gset
SELECT (complaint.accept(:a2)).status;
SELECT pg_temp.at('2025-03-04 09:00', 'A1') \gset
SELECT (complaint.answer(:a1, '已处理')).status;
SELECT pg_temp.at('2025-03-04 10:00', 'A1') \gset
SELECT (complaint.record_feedback(:a1, 'satisfied')).status;
SELECT pg_temp.at('2025-03-04 10:05', 'A1') \gset
SELECT (complaint.close(:a1)).status;
-- a3 (A): Tue 03-04 10:00, deadline Thu 03-06 17:30; transferred to C at
-- 11:00, C1 answers Wed 10:00: 2 + 4 + 1 = 7 h = 1.0 day on A's calendar;
-- counts for A (its first-inquiry unit), not resolved at first inquiry
SELECT pg_temp.reg('2025-03-04 10:00', 'A1', 'phone', 'billing', '武汉', '13800000003') AS a3 \gset
SELECT pg_temp.at('2025-03-04 10:05', 'A1') \gset
SELECT (complaint.accept(:a3)).status;
SELECT pg_temp.at('2025-03-04 11:00', 'A1') \gset
SELECT (complaint.transfer(:a3, 'C', 'C1')).status;
SELECT pg_temp.at('2025-03-04 14:00', 'C1') \gset
SELECT (complaint.start(:a3)).status;
SELECT pg_temp.at('2025-03-05 10:00', 'C1') \gset
SELECT (complaint.answer(:a3, '已处理')).status;
SELECT pg_temp.at('2025-03-05 11:00', 'C1') \gset
SELECT (complaint.record_feedback(:a3, 'satisfied')).status;
SELECT pg_temp.at('2025-03-05 11:05', 'C1') \gset
SELECT (complaint.close(:a3)).status;
-- b1 (B, H24): Sat 03-01 10:00, deadline Mon 03-03 24:00; answered Sun 22:00
-- = 36 working hours = 1.5 days (a day of H24 is 24 h); satisfied; closed
-- b2 (B, H24): Sat 03-01 20:00, deadline Mon 03-03 24:00; the warning at 80%
-- of 52 h (Mon 13:36), the handler rung at the deadline and a no_answer
-- violation (local date 03-04 00:00 -> 03-04); answered Tue 03-04 08:00 =
-- 60 h = 2.5 days, late; dissatisfied; closed
SELECT pg_temp.reg('2025-03-01 10:00', 'B1', 'phone', 'billing', '宜昌') AS b1 \gset
SELECT pg_temp.at('2025-03-01 10:10', 'B1') \gset
SELECT (complaint.accept(:b1)).status;
SELECT pg_temp.reg('2025-03-01 20:00', 'B1', 'app', 'network', '宜昌') AS b2 \gset
SELECT pg_temp.at('2025-03-01 20:05', 'B1') \gset
SELECT (complaint.accept(:b2)).status;
SELECT pg_temp.at('2025-03-02 22:00', 'B1') \gset
SELECT (complaint.answer(:b1, '已处理')).status;
SELECT pg_temp.at('2025-03-02 22:30', 'B1') \gset
SELECT (complaint.record_feedback(:b1, 'satisfied')).status;
SELECT pg_temp.at('2025-03-02 23:00', 'B1') \gset
SELECT (complaint.close(:b1)).status;
SELECT pg_temp.at('2025-03-04 08:00', 'B1') \gset
SELECT (complaint.answer(:b2, '已处理')).status;
SELECT pg_temp.at('2025-03-04 09:00', 'B1') \gset
SELECT (complaint.record_feedback(:b2, 'dissatisfied')).status;
SELECT pg_temp.at('2025-03-04 09:05', 'B1') \gset
SELECT (complaint.close(:b2)).status;
-- a2 answered Thu 03-06 10:00, late: the sweep before it recorded the
-- warning (80% of 51.5 h: Wed 07:12), the handler rung (Wed 17:30) and a
-- no_answer violation; the unit head's rung (Thu 17:30) never fell due.
-- Mon 14:00 -> Thu 10:00 = 3.5 + 7 + 7 + 1 = 18.5 h = 2.642857 days;
-- basically satisfied; closed
SELECT pg_temp.at('2025-03-06 10:00', 'A1') \gset
SELECT (complaint.answer(:a2, '已处理')).status;
SELECT pg_temp.at('2025-03-06 11:00', 'A1') \gset
SELECT (complaint.record_feedback(:a2, 'basically_satisfied')).status;
SELECT pg_temp.at('2025-03-06 11:05', 'A1') \gset
SELECT (complaint.close(:a2)).status;
SELECT c.id = :a2 AS a2, e.step, e.due_at FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id ORDER BY e.id;
-- the accountability office hears and decides a2's sanction: one decided sanction for A
SELECT s.id AS s_a2 FROM complaint.sanction s JOIN complaint.violation v ON v.id = s.violation_id WHERE v.case_id = :a2 \gset
SELECT pg_temp.at('2025-03-07 10:00', 'XH') \gset
SELECT complaint.record_hearing(:s_a2, '已听取陈述');
SELECT pg_temp.at('2025-03-07 11:00', 'XH') \gset
SELECT complaint.decide_sanction(:s_a2) IS NOT NULL AS decided;
-- c1, c2 (C): Mon 03-10 09:00 answered 11:00 (2 h = 0.285714 day) and
-- Mon 10:00 answered Tue 10:00 (7 h = 1.0 day); both satisfied, closed
-- d1, d2 (D): Mon 03-10 09:00 and Tue 03-11 09:00, each answered an hour
-- later (1 h = 0.142857 day); satisfied, dissatisfied; closed
-- f1, f2 (F): Mon 03-10 09:00 answered 11:00 (2 h = 0.285714), Tue 03-11
-- 09:00 answered 12:00 (3 h = 0.428571); satisfied, dissatisfied; closed
SELECT pg_temp.reg('2025-03-10 09:00', 'C1', 'phone', 'billing', '十堰') AS c1 \gset
SELECT pg_temp.reg('2025-03-10 09:00', 'D1', 'phone', 'network', '襄阳') AS d1 \gset
SELECT pg_temp.reg('2025-03-10 09:00', 'F1', 'phone', 'network', '荆州') AS f1 \gset
SELECT pg_temp.reg('2025-03-10 10:00', 'C1', 'web', 'billing', '十堰') AS c2 \gset
SELECT pg_temp.at('2025-03-10 09:30', 'C1') \gset
SELECT (complaint.accept(:c1)).status;
SELECT pg_temp.at('2025-03-10 09:30', 'D1') \gset
SELECT (complaint.accept(:d1)).status;
SELECT pg_temp.at('2025-03-10 09:30', 'F1') \gset
SELECT (complaint.accept(:f1)).status;
SELECT pg_temp.at('2025-03-10 10:00', 'D1') \gset
SELECT (complaint.answer(:d1, '已处理')).status;
SELECT pg_temp.at('2025-03-10 10:30', 'C1') \gset
SELECT (complaint.accept(:c2)).status;
SELECT pg_temp.at('2025-03-10 11:00', 'C1') \gset
SELECT (complaint.answer(:c1, '已处理')).status;
SELECT pg_temp.at('2025-03-10 11:00', 'F1') \gset
SELECT (complaint.answer(:f1, '已处理')).status;
SELECT pg_temp.reg('2025-03-11 09:00', 'D1', 'phone', 'network', '襄阳') AS d2 \gset
SELECT pg_temp.reg('2025-03-11 09:00', 'F1', 'phone', 'network', '荆州') AS f2 \gset
SELECT pg_temp.at('2025-03-11 09:10', 'D1') \gset
SELECT (complaint.accept(:d2)).status;
SELECT pg_temp.at('2025-03-11 09:10', 'F1') \gset
SELECT (complaint.accept(:f2)).status;
SELECT pg_temp.at('2025-03-11 10:00', 'C1') \gset
SELECT (complaint.answer(:c2, '已处理')).status;
SELECT pg_temp.at('2025-03-11 10:00', 'D1') \gset
SELECT (complaint.answer(:d2, '已处理')).status;
SELECT pg_temp.at('2025-03-11 12:00', 'F1') \gset
SELECT (complaint.answer(:f2, '已处理')).status;
SELECT pg_temp.at('2025-03-11 14:00', 'C1') \gset
SELECT count(*) FROM (SELECT (complaint.close((complaint.record_feedback(x, 'satisfied')).id)).status FROM unnest(ARRAY[:c1, :c2]) x) s;
SELECT pg_temp.at('2025-03-11 14:00', 'D1') \gset
SELECT (complaint.close((complaint.record_feedback(:d1, 'satisfied')).id)).status;
SELECT (complaint.close((complaint.record_feedback(:d2, 'dissatisfied')).id)).status;
SELECT pg_temp.at('2025-03-11 14:00', 'F1') \gset
SELECT (complaint.close((complaint.record_feedback(:f1, 'satisfied')).id)).status;
SELECT (complaint.close((complaint.record_feedback(:f2, 'dissatisfied')).id)).status;
-- a4 (A): Wed 03-12 09:00; waits for materials Wed 10:00 .. Thu 10:00
-- (2 + 4 + 1 = 7 working hours, off the handling time); answered Fri 10:00:
-- 7 + 7 + 1 - 7 = 8 h = 1.142857 days; no feedback yet (answered, not completed)
SELECT pg_temp.reg('2025-03-12 09:00', 'A1', 'letter', 'billing', '武汉') AS a4 \gset
SELECT pg_temp.at('2025-03-12 09:05', 'A1') \gset
SELECT (complaint.accept(:a4)).status;
SELECT pg_temp.at('2025-03-12 10:00', 'A1') \gset
SELECT (complaint.request_materials(:a4, ARRAY['身份证复印件'])).status;
SELECT pg_temp.at('2025-03-13 10:00', 'A1') \gset
SELECT (complaint.materials_received(:a4)).status;
SELECT pg_temp.at('2025-03-14 10:00', 'A1') \gset
SELECT (complaint.answer(:a4, '已处理')).status;
-- e1 (E): Mon 03-17 09:00, transferred to D at 10:00, answered by D1 at
-- 14:00: 3 + 0.5 = 3.5 h = 0.5 day on E's calendar; counts for E, not
-- resolved at first inquiry.  e2 (E): Mon 10:00 answered 15:00: 2 + 1.5 =
-- 3.5 h = 0.5 day.  Both closed; e1 satisfied, e2 dissatisfied.
SELECT pg_temp.reg('2025-03-17 09:00', 'E1', 'phone', 'billing', '武汉') AS e1 \gset
SELECT pg_temp.reg('2025-03-17 10:00', 'E1', 'phone', 'billing', '武汉') AS e2 \gset
SELECT pg_temp.at('2025-03-17 10:00', 'E1') \gset
SELECT (complaint.accept(:e1)).status, (complaint.accept(:e2)).status;
SELECT (complaint.transfer(:e1, 'D', 'D1')).status;
SELECT pg_temp.at('2025-03-17 14:00', 'D1') \gset
SELECT (complaint.answer((complaint.start(:e1)).id, '已处理')).status;
SELECT pg_temp.at('2025-03-17 15:00', 'E1') \gset
SELECT (complaint.answer(:e2, '已处理')).status;
SELECT pg_temp.at('2025-03-17 16:00', 'D1') \gset
SELECT (complaint.close((complaint.record_feedback(:e1, 'satisfied')).id)).status;
SELECT pg_temp.at('2025-03-17 16:00', 'E1') \gset
SELECT (complaint.close((complaint.record_feedback(:e2, 'dissatisfied')).id)).status;
-- a5 (A): Thu 03-20 09:00, accepted and left: deadline Mon 03-24 17:30;
-- warning at 80% of 104.5 h (Sun 03-23 20:36), handler Mon 17:30 (and a
-- no_answer violation), unit head Tue 03-25 17:30, supervising leader Wed
-- 03-26 17:30, accountability office Thu 03-27 17:30: five rungs, overdue
SELECT pg_temp.reg('2025-03-20 09:00', 'A1', 'phone', 'network', '孝感') AS a5 \gset
SELECT pg_temp.at('2025-03-20 09:10', 'A1') \gset
SELECT (complaint.accept(:a5)).status;
-- the office records a bad attitude of C1 (C: one violation of its own)
SELECT pg_temp.at('2025-03-20 10:00', 'XH') \gset
SELECT complaint.open_violation('bad_attitude', 'C1', 'C') IS NOT NULL AS opened;
-- a6 (A): Fri 03-21 09:00, outside the competence: referred out
SELECT pg_temp.reg('2025-03-21 09:00', 'A1', 'visit', 'other', '武汉') AS a6 \gset
SELECT pg_temp.at('2025-03-21 09:30', 'A1') \gset
SELECT (complaint.refer_out(:a6, '市场监督管理局', ARRAY['购物发票'])).status;
-- a7 (A): Mon 03-24 09:00 from the regulator (upgraded), same contact and
-- category as a1 within 30 days (a repeat of a1); answered at 16:00 and
-- closed, then reopened Wed 03-26 10:00: a new clock, deadline Fri 03-28
-- 17:30; round 1 of the ladder for an upgraded case: the warning (80% of
-- 55.5 h, Fri 06:24), the unit head at the deadline (the handler rung
-- skipped), supervising leader Mon 03-31 17:30, accountability office Tue
-- 04-01 17:30, and a no_answer violation at the deadline.  Reopened: no
-- answer, no feedback, overdue.
SELECT pg_temp.reg('2025-03-24 09:00', 'A1', 'regulator', 'billing', '武汉', '13800000001') AS a7 \gset
SELECT repeat_of = :a1 AS repeat_of_a1, upgraded FROM complaint.cases WHERE id = :a7;
SELECT pg_temp.at('2025-03-24 09:05', 'A1') \gset
SELECT (complaint.accept(:a7)).status;
SELECT pg_temp.at('2025-03-24 16:00', 'A1') \gset
SELECT (complaint.answer(:a7, '已处理')).status;
SELECT pg_temp.at('2025-03-24 16:30', 'A1') \gset
SELECT (complaint.close((complaint.record_feedback(:a7, 'satisfied')).id)).status;
SELECT pg_temp.at('2025-03-26 10:00', 'A1') \gset
SELECT (complaint.reopen(:a7, '用户再次投诉')).status;
-- b3 (B): Mon 03-31 23:30 (a March case by its local date; 15:30 UTC),
-- deadline 04-03 00:00; b4 (B): Tue 04-01 00:10 (an April case; 03-31
-- 16:10 UTC), deadline 04-04 00:00.  Both registered, still open.
SELECT pg_temp.reg('2025-03-31 23:30', 'B1', 'phone', 'billing', '宜昌') AS b3 \gset
SELECT pg_temp.reg('2025-04-01 00:10', 'B1', 'sms', 'billing', '宜昌') AS b4 \gset
-- the reports are read at Wed 04-02 12:00
SELECT pg_temp.at('2025-04-02 12:00', 'PH') \gset

-- what the sweep recorded, case by case (the scorecard sums these)
SELECT CASE e.case_id WHEN :a2 THEN 'a2' WHEN :a5 THEN 'a5' WHEN :a7 THEN 'a7' WHEN :b2 THEN 'b2' END AS c,
	   e.round, e.step, e.due_at
  FROM complaint.escalation e ORDER BY e.case_id, e.id;
SELECT v.kind, v.unit_code, v.staff_code, v.occurred_at, s.decided_at IS NOT NULL AS decided
  FROM complaint.violation v LEFT JOIN complaint.sanction s ON s.violation_id = v.id ORDER BY v.id;

-- ---------------------------------------------------------------------------
-- unit_scorecard, March 2025 (read at Wed 04-02 12:00, the workflow clock)
-- ---------------------------------------------------------------------------
-- A: received a1..a7 = 7; referred out a6 = 1 (6 handled); completed
--    (closed) a1, a2, a3 = 3 -> 3/6 = 50.0%; on time a1, a3 = 2 -> 2/3 =
--    66.7%; first inquiry: closed and never transferred a1, a2 = 2 -> 2/6
--    = 33.3%; overdue open a5 (deadline 03-24), a7 (03-28) = 2.
-- B: b1, b2, b3 = 3 (b4 is April by its local date); completed b1, b2 ->
--    66.7%; on time b1 -> 50.0%; first inquiry 2/3 = 66.7%; overdue 0
--    (b3's deadline is 04-03 00:00).
-- C: c1, c2 (a3 counts for A though C answered it): 2/2, 100.0% throughout.
-- D: d1, d2 (e1 counts for E): completed, on time, first inquiry 100.0%.
-- E: e1, e2: completed 100.0%, on time 100.0%, first inquiry 1/2 = 50.0%.
-- F: f1, f2 as D.  P and X: no cases, NULL rates.
SELECT pg_temp.at('2025-04-02 12:00', 'PH') \gset
SELECT unit, unit_name, received, referred_out, completed, completion_pct, on_time, on_time_pct,
	   first_inquiry, first_inquiry_pct, overdue_open
  FROM complaint.unit_scorecard('2025-03-01', '2025-03-31');
-- handling time, in working days of the unit's calendar (CN: 7 h, H24: 24 h):
-- A: a1 1.0, a3 1.0, a4 1.142857, a2 2.642857 (a7's answer was undone by
--    the reopening; a5, a6 have none): 4 answered; mean 5.785714 / 4 =
--    1.446 -> 1.4; median (1.0 + 1.142857) / 2 = 1.071 -> 1.1; 90th
--    percentile (continuous) at 0.9 * 3 = 2.7: 1.142857 + 0.7 * 1.5 = 2.193 -> 2.2
-- B: b1 1.5, b2 2.5: mean 2.0, median 2.0, p90 1.5 + 0.9 * 1.0 = 2.4
-- C: 0.285714, 1.0: mean 0.643 -> 0.6, median 0.6, p90 0.285714 + 0.9 * 0.714286 = 0.929 -> 0.9
-- D: 0.142857 twice: 0.1, 0.1, 0.1
-- E: 0.5 twice: 0.5, 0.5, 0.5
-- F: 0.285714, 0.428571: mean 0.357 -> 0.4, median 0.4, p90 0.414 -> 0.4
-- satisfaction: A a1, a2 (basically), a3 = 3/3 = 100.0% (a7's feedback was
-- undone); B 1/2 = 50.0%; C 2/2; D 1/2; E 1/2; F 1/2.
-- repeats, upgraded, reopened: A 1 (a7) each; none elsewhere.
SELECT unit, answered, days_mean, days_median, days_p90, feedback, satisfied, satisfaction_pct,
	   repeats, upgraded, reopened
  FROM complaint.unit_scorecard('2025-03-01', '2025-03-31');
-- escalations (the table above): A warning a2, a5, a7 = 3; handler a2, a5 =
-- 2 (a7 upgraded skips it); unit head, supervising leader, office a5, a7 =
-- 2 each.  B: warning 1, handler 1 (b2).
-- violations that occurred in March (the list above): A 4 (no answer a2, a5,
-- a7; the self-check report of a2's notice, due 03-13 17:30), 1 sanction
-- decided (a2's); B 2 (no answer b2 at 03-04 00:00 local; its report, due
-- 03-10 00:00); C 2 (bad attitude; its report, due 03-28 17:30).
SELECT unit, esc_warning, esc_handler, esc_unit_head, esc_supervising_leader, esc_accountability_office,
	   esc_handover_overdue, esc_handover_report_overdue, violations, sanctions
  FROM complaint.unit_scorecard('2025-03-01', '2025-03-31');
-- one subtree: A and its branch E
SELECT unit, received, completed, first_inquiry_pct FROM complaint.unit_scorecard('2025-03-01', '2025-03-31', 'A');
-- one day: Saturday 03-01 (b1, b2 on H24); the local date decides: b3 is
-- 03-31 (15:30 UTC), b4 04-01 (03-31 16:10 UTC)
SELECT unit, received FROM complaint.unit_scorecard('2025-03-01', '2025-03-01') WHERE received > 0;
SELECT unit, received FROM complaint.unit_scorecard('2025-03-31', '2025-03-31') WHERE received > 0;
SELECT unit, received FROM complaint.unit_scorecard('2025-04-01', '2025-04-01') WHERE received > 0;
-- a period without cases: every unit, zeros and NULL rates
SELECT unit, received, completion_pct, days_mean, satisfaction_pct, violations
  FROM complaint.unit_scorecard('2024-01-01', '2024-12-31');
-- bad arguments
SELECT pg_temp.try($$SELECT * FROM complaint.unit_scorecard(NULL, '2025-03-31')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.unit_scorecard('2025-03-01', NULL)$$);
SELECT pg_temp.try($$SELECT * FROM complaint.unit_scorecard('2025-03-31', '2025-03-01')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.unit_scorecard('-infinity', '2025-03-01')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.unit_scorecard('2025-03-01', '2025-03-31', 'NOPE')$$);

-- ---------------------------------------------------------------------------
-- unit_ranking: score = weighted mean of the rounded percentages
-- (first inquiry 40, on time 30, satisfaction 20, completion 10)
-- ---------------------------------------------------------------------------
-- C: 100.0
-- D: (40*100 + 30*100 + 20*50 + 10*100) / 100 = 90.0;  F: the same, 90.0
-- E: (40*50 + 30*100 + 20*50 + 10*100) / 100 = 70.0
-- B: (40*66.7 + 30*50 + 20*50 + 10*66.7) / 100 = 58.35 -> 58.4
-- A: (40*33.3 + 30*66.7 + 20*100 + 10*50) / 100 = 58.33 -> 58.3
-- ranks 1 C, 2 D, 2 F (tie, shared), 4 E, 5 B, 6 A; P and X unranked.
-- Six ranked: the bottom three (rank from the bottom 1, 2, 3) A, B, E are
-- not award eligible; C, D, F are.
SELECT * FROM complaint.unit_ranking('2025-03-01', '2025-03-31');
-- fewer than four ranked units (A's subtree: A and E): nobody is flagged
SELECT * FROM complaint.unit_ranking('2025-03-01', '2025-03-31', 'A');
-- nothing to rank
SELECT "rank", unit, score, award_eligible FROM complaint.unit_ranking('2024-01-01', '2024-12-31');
-- the administrator changes the weights with rows of their own (builtin
-- false), which replace the shipped ones.  Satisfaction only: A 100, C 100
-- share rank 1; B, D, E, F all 50.0 share rank 3 and the bottom: a tie at the
-- boundary flags every tied unit (four units here)
INSERT INTO complaint.ranking_weight (indicator, weight)
VALUES ('first_inquiry_pct', 0), ('on_time_pct', 0), ('completion_pct', 0);
SELECT "rank", unit, satisfaction_pct, score, award_eligible FROM complaint.unit_ranking('2025-03-01', '2025-03-31');
-- completion only: A 50.0, B 66.7, C D E F 100.0 (rank 1).  Ranked from
-- the bottom C D E F are 3rd, but a unit sharing the top rank is never
-- flagged: only A and B are
UPDATE complaint.ranking_weight SET weight = 0 WHERE indicator = 'completion_pct' AND NOT builtin;
INSERT INTO complaint.ranking_weight (indicator, weight) VALUES ('satisfaction_pct', 0);
UPDATE complaint.ranking_weight SET weight = 1 WHERE indicator = 'completion_pct' AND NOT builtin;
SELECT "rank", unit, completion_pct, score, award_eligible FROM complaint.unit_ranking('2025-03-01', '2025-03-31');
-- every weight 0: no score, nobody ranked
UPDATE complaint.ranking_weight SET weight = 0 WHERE NOT builtin;
SELECT count("rank") AS ranked, count(award_eligible) AS judged FROM complaint.unit_ranking('2025-03-01', '2025-03-31');
DELETE FROM complaint.ranking_weight WHERE NOT builtin;
-- weights are checked
SELECT pg_temp.try($$INSERT INTO complaint.ranking_weight (indicator, weight) VALUES ('speed', 1)$$);
SELECT pg_temp.try($$INSERT INTO complaint.ranking_weight (indicator, weight) VALUES ('on_time_pct', -1)$$);

-- ---------------------------------------------------------------------------
-- the same indicators by channel, category, region and month
-- ---------------------------------------------------------------------------
-- channels in March: phone a1 a3 a5 b1 b3 c1 d1 d2 e1 e2 f1 f2 = 12; web a2
-- c2 = 2; app b2, letter a4, regulator a7, visit a6 = 1 each.  phone:
-- referred 0, completed a1 a3 b1 c1 d1 d2 e1 e2 f1 f2 = 10 -> 10/12 =
-- 83.3%; first inquiry: those but a3, e1 = 8 -> 66.7%; satisfied a1 a3 b1 c1
-- d1 e1 f1 of 10 with feedback = 70.0%; overdue a5.  web: a2, c2 closed,
-- both satisfied.  app: b2 closed, not satisfied, its violation.  visit: a6
-- referred out (no denominator).  regulator: a7 overdue, its violation.
-- violations by channel are those of a case: a2 web, a5 phone, a7
-- regulator, b2 app, and the two missed self-check reports, which carry the
-- case of the violation their notice was about (a2 web, b2 app); the bad
-- attitude has no case.
-- bar: received scaled to the largest (12 -> 20 characters; 2 -> 3.33
-- characters: 27 eighths = 3 full and ▍; 1 -> 13 eighths = █▋)
SELECT key, received, bar, completed, completion_pct, first_inquiry_pct, satisfaction_pct, overdue_open, violations
  FROM complaint.scorecard_by('channel', '2025-03-01', '2025-03-31');
-- categories: billing a1 a3 a4 a7 b1 b3 c1 c2 e1 e2 = 10; network a2 a5 b2
-- d1 d2 f1 f2 = 7; other a6 = 1
SELECT key, received, bar, completed, first_inquiry_pct, on_time_pct FROM complaint.scorecard_by('category', '2025-03-01', '2025-03-31');
-- regions (A's subtree: A and E): 武汉 a1 a2 a3 a4 a6 a7 e1 e2 = 8, 孝感 a5 = 1
SELECT key, received, bar, referred_out, completed, overdue_open FROM complaint.scorecard_by('region', '2025-03-01', '2025-03-31', 'A');
-- months, February to April: every month listed, February empty; March 18
-- cases (20 characters), April 1 (b4: 1/18 * 160 = 8.9 -> 9 eighths: █▏)
SELECT key AS month, received, bar, completed, violations FROM complaint.scorecard_by('month', '2025-02-01', '2025-04-30');
SELECT pg_temp.try($$SELECT * FROM complaint.scorecard_by('weekday', '2025-03-01', '2025-03-31')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.scorecard_by(NULL, '2025-03-01', '2025-03-31')$$);
-- the bar itself
SELECT v, complaint.bar(v, 8, 2) AS bar FROM unnest(ARRAY[0, 0.01, 1, 2, 3, 4, 5, 6, 7, 8, 9, NULL]::numeric[]) v;

-- ---------------------------------------------------------------------------
-- due soon, at Wed 04-02 12:00: open cases with a running clock: a5
-- (deadline Mon 03-24 17:30: the working hours between are Tue 03-25 ..
-- Tue 04-01, six days of 7 h, and 04-02 09:00-12:00: -45.0), a7 (Fri 03-28
-- 17:30: 03-31, 04-01 and 3 h: -17.0), b3 (04-03 00:00 on H24: 12.0 h
-- left), b4 (04-04 00:00: 36.0 h).  a4 is answered: not listed.
-- ---------------------------------------------------------------------------
SELECT CASE case_id WHEN :a5 THEN 'a5' WHEN :a7 THEN 'a7' WHEN :b3 THEN 'b3' WHEN :b4 THEN 'b4' END AS c,
	   status, handler_unit, handler_staff, calendar, deadline, deadline_local, working_hours_left, overdue
  FROM complaint.due_soon();
SELECT case_id = :b3 AS b3, working_hours_left FROM complaint.due_soon(12) WHERE NOT overdue;
SELECT count(*) AS within_40 FROM complaint.due_soon(40);
SELECT count(*) AS unit_a FROM complaint.due_soon(40, 'A');
SELECT count(*) AS unit_b_subtree_p FROM complaint.due_soon(40, 'P');
SELECT count(*) AS staff_b1 FROM complaint.due_soon(40, NULL, 'B1');
SELECT count(*) AS staff_c1 FROM complaint.due_soon(40, NULL, 'C1');
SELECT pg_temp.try($$SELECT * FROM complaint.due_soon(NULL)$$);
SELECT pg_temp.try($$SELECT * FROM complaint.due_soon(-1)$$);
SELECT pg_temp.try($$SELECT * FROM complaint.due_soon(8, 'NOPE')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.due_soon(8, NULL, 'NOPE')$$);

-- ---------------------------------------------------------------------------
-- the public notice of March
-- ---------------------------------------------------------------------------
SELECT complaint.public_notice('2025-03-01', '2025-03-31');
-- no complainant's name or contact in it
SELECT position('CANARY' IN complaint.public_notice('2025-03-01', '2025-03-31')) AS canary,
	   position('1380000' IN complaint.public_notice('2025-03-01', '2025-03-31')) AS contact;
-- a period without cases
SELECT complaint.public_notice('2024-01-01', '2024-01-31');
SELECT pg_temp.try($$SELECT complaint.public_notice('2025-03-31', '2025-03-01')$$);

-- ---------------------------------------------------------------------------
-- who may read them (privileges of complaint.create_roles(), README "Roles")
-- ---------------------------------------------------------------------------
SELECT count(*) >= 0 AS roles_ready FROM complaint.create_roles();
SET ROLE complaint_analyst;
SELECT unit, received, first_inquiry_pct FROM complaint.unit_scorecard('2025-03-01', '2025-03-31') WHERE unit = 'A';
SELECT count(*) AS due FROM complaint.due_soon(40);
RESET ROLE;
SET ROLE complaint_accountability;
SELECT "rank", unit, award_eligible FROM complaint.unit_ranking('2025-03-01', '2025-03-31') WHERE unit = 'A';
SELECT length(complaint.public_notice('2025-03-01', '2025-03-31')) > 0 AS notice;
RESET ROLE;
-- staff: a login of their own, mapped to the head of A (row-level security
-- shows them the cases of A's subtree); the head's scorecard and ranking
-- cover the units they answer for, A and E, with the analyst's figures
CREATE ROLE regress_reports_staff LOGIN IN ROLE complaint_staff;
UPDATE complaint.staff SET db_role = 'regress_reports_staff' WHERE code = 'AH';
RESET complaint.staff;
SET ROLE regress_reports_staff;
SELECT count(*) AS due FROM complaint.due_soon(40);
SELECT unit, received, completion_pct, first_inquiry_pct, days_median, overdue_open
  FROM complaint.unit_scorecard('2025-03-01', '2025-03-31');
SELECT "rank", unit, score, award_eligible FROM complaint.unit_ranking('2025-03-01', '2025-03-31');
SELECT pg_temp.try($$SELECT complaint.public_notice('2025-03-01', '2025-03-31')$$);
SELECT pg_temp.try($$INSERT INTO complaint.ranking_weight (indicator, weight) VALUES ('completion_pct', 5)$$);
RESET ROLE;
-- the administrator changes weights; the office reads them
SET ROLE complaint_admin;
INSERT INTO complaint.ranking_weight (indicator, weight) VALUES ('completion_pct', 5);
RESET ROLE;
SET ROLE complaint_accountability;
SELECT indicator, weight, builtin FROM complaint.ranking_weight ORDER BY indicator, builtin;
SELECT pg_temp.try($$DELETE FROM complaint.ranking_weight$$);
RESET ROLE;
SET ROLE complaint_admin;
DELETE FROM complaint.ranking_weight WHERE NOT builtin;
RESET ROLE;
SET ROLE complaint_monitor;
SELECT pg_temp.try($$SELECT * FROM complaint.due_soon(40)$$);
RESET ROLE;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_reports;
DROP ROLE regress_reports_staff;
