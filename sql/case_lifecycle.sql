--
-- case_lifecycle: registration, routing, every step of SPEC section 3,
-- illegal transitions, extensions, referral, reopening, repeat complaints,
-- reclassification and re-projection.  Every refused step is followed by
-- a check that nothing was written.
--
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- start from an empty register (superuser: the history guards are off in
-- replica mode, which is how an administrator cleans a test database)
CREATE FUNCTION pg_temp.reset_register() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('session_replication_role', 'replica', true);
	TRUNCATE complaint.cases, complaint.event, complaint.responsibility RESTART IDENTITY CASCADE;
	PERFORM set_config('session_replication_role', 'origin', true);
	DELETE FROM complaint.route;
	DELETE FROM complaint.time_limit_rule WHERE NOT builtin;
	UPDATE complaint.unit SET head_staff = NULL, supervisor_staff = NULL, interface_staff = NULL;
	DELETE FROM complaint.staff;
	DELETE FROM complaint.unit;
	DELETE FROM complaint.category;
	DELETE FROM complaint.calendar WHERE name = 'TEST';
END
$$;
SELECT pg_temp.reset_register();

-- fingerprint of everything the workflow writes, to prove refusals wrote nothing
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

-- run a statement that must fail: its SQLSTATE, message, detail and hint
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; hnt text;
BEGIN
	EXECUTE stmt;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg
		|| CASE WHEN det <> '' THEN E'\nDETAIL: ' || det ELSE '' END
		|| CASE WHEN hnt <> '' THEN E'\nHINT: ' || hnt ELSE '' END;
END
$$;

-- the hospital of 医院投诉管理制度: a complaint reception centre and the
-- departments that handle each kind of complaint
INSERT INTO complaint.unit (code, name) VALUES ('H', 'xx医院');
INSERT INTO complaint.unit (code, name, parent_code) VALUES
	('H-CC', '投诉接待中心', 'H'),
	('H-MED', '医患沟通办公室', 'H'),
	('H-NUR', '护理部', 'H'),
	('H-FIN', '财务处', 'H'),
	('H-INS', '医保办', 'H'),
	('H-LOG', '总务处', 'H'),
	('H-OFF', '办公室', 'H');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('cc1', '接待员甲', 'H-CC'),
	('cc2', '接待员乙', 'H-CC'),
	('med1', '医患沟通员', 'H-MED'),
	('nur1', '护士长', 'H-NUR'),
	('dean', '院长', 'H'),
	('vice', '分管副院长', 'H');
UPDATE complaint.unit SET head_staff = 'dean', supervisor_staff = 'vice' WHERE code = 'H';
INSERT INTO complaint.category (code, name) VALUES
	('medical', '诊疗'), ('nursing', '护理'), ('billing', '收费'),
	('insurance', '医保'), ('logistics', '后勤'), ('attitude', '服务态度');
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES
	('H', 'medical', 'H-MED'), ('H', 'nursing', 'H-NUR'), ('H', 'billing', 'H-FIN'),
	('H', 'insurance', 'H-INS'), ('H', 'logistics', 'H-LOG'), ('H', 'attitude', 'H-OFF');

-- ---------------------------------------------------------------------------
-- registration
-- ---------------------------------------------------------------------------
SET complaint.staff = 'cc1';
SET complaint.now = '2025-09-30 20:00+08';

-- a web complaint on the eve of National Day: 2 working days, the day of
-- receipt not counted, 2025-10-01..08 off: the 9th and the 10th count
INSERT INTO complaint.cases (channel, category, matter, complainant_name, complainant_contact, received_at)
VALUES ('web', 'medical', '诊疗过程投诉', '张三', '13800000001', '2025-09-30 19:30+08')
RETURNING id, status, first_responder, handler_unit, handler_staff, calendar, rule_id,
	clock_from, clock_limit, deadline, original_deadline, upgraded, repeat_of;
SELECT r.name, r.lim, r.source LIKE '%第五条(五)%' AS cites_article FROM complaint.time_limit_rule r
 WHERE r.id = (SELECT rule_id FROM complaint.cases WHERE id = 1);
-- the SQL twins of the trigger's routing and matching agree
SELECT complaint.route_case('H-CC', 'medical', NULL) AS routed_to,
	   complaint.match_rule('answer', 'complaint', 'web', NULL, 'medical', 'H-MED') AS rule_id;
SELECT id, case_id, at, kind, actor, from_status, to_status, detail FROM complaint.event ORDER BY id;
SELECT case_id, staff_code, unit_code, role, since, until, due FROM complaint.responsibility ORDER BY id;

-- the first responder handles a case that stays in their own unit
INSERT INTO complaint.cases (channel, matter, received_at)
VALUES ('visit', '咨询挂号流程', '2025-09-30 19:45+08')
RETURNING id, handler_unit, handler_staff, rule_id, deadline;
SELECT case_id, staff_code, unit_code, role FROM complaint.responsibility WHERE case_id = 2 ORDER BY id;

-- every category goes to its department
INSERT INTO complaint.cases (channel, category, matter)
SELECT 'phone', c, '分流 ' || c FROM unnest(ARRAY['nursing', 'billing', 'insurance', 'logistics', 'attitude']) c
RETURNING id, category, handler_unit;

-- ---------------------------------------------------------------------------
-- the lifecycle of case 1
-- ---------------------------------------------------------------------------
SET complaint.now = '2025-10-09 09:00+08';
SELECT id, status, accepted_at FROM complaint.accept(1);
SET complaint.staff = 'med1';
SELECT id, status, handler_staff FROM complaint.assign(1, 'med1');
SELECT id, status, started_at FROM complaint.start(1);

-- one-time notice: the clock stops at 10:00 on the 9th (a working day,
-- already counted) and runs again on Monday the 13th; working days in
-- (9th, 13th] are the 10th, Saturday the 11th (a make-up working day) and
-- the 13th: the deadline moves by 3 working days, from the 10th to the 14th
SET complaint.now = '2025-10-09 10:00+08';
SELECT id, status, missing_items, paused_at, deadline
  FROM complaint.request_materials(1, ARRAY['病历复印件', '身份证复印件']);
SET complaint.now = '2025-10-13 11:00+08';
SELECT id, status, paused_at, paused_total, clock_from, deadline, original_deadline
  FROM complaint.materials_received(1);
SELECT complaint.deadline('2025-09-30 19:30+08', '2 working days') AS unpaused,
	   complaint.add_workdays('2025-10-10'::date, 3) AS moved_by_three;

SET complaint.now = '2025-10-14 16:00+08';
SELECT id, status, answer, answered_at FROM complaint.answer(1, '已核实: 医生已道歉并整改');
SELECT id, status, satisfaction, feedback_note, feedback_at
  FROM complaint.record_feedback(1, 'basically_satisfied', '基本满意');
SELECT id, status, closed_at FROM complaint.close(1);
SELECT id, kind, actor, from_status, to_status, detail FROM complaint.event WHERE case_id = 1 ORDER BY id;
SELECT staff_code, unit_code, role, since, until FROM complaint.responsibility WHERE case_id = 1 ORDER BY id;

-- ---------------------------------------------------------------------------
-- refused steps: 55000 with from -> to and what is allowed; nothing written
-- ---------------------------------------------------------------------------
SET complaint.staff = 'cc1';
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.answer(2, 'x')$$);									-- registered -> answered
SELECT pg_temp.try($$SELECT complaint.close(2)$$);											-- registered -> closed
SELECT pg_temp.try($$UPDATE complaint.cases SET status = 'in_progress' WHERE id = 2$$);	-- registered -> in_progress
SELECT pg_temp.try($$UPDATE complaint.cases SET status = 'registered' WHERE id = 1$$);		-- closed -> registered
SELECT pg_temp.try($$SELECT (complaint.start(1)).status$$);									-- closed -> in_progress
SELECT pg_temp.try($$UPDATE complaint.cases SET matter = '改写' WHERE id = 1$$);			-- a closed case is frozen
SELECT pg_temp.try($$UPDATE complaint.cases SET status = 'closed' WHERE id = 1$$);			-- no change is no step
SELECT pg_temp.try($$SELECT complaint.materials_received(2)$$);								-- not waiting
SELECT pg_temp.try($$SELECT complaint.record_feedback(2, 'satisfied')$$);					-- nothing answered yet
SELECT pg_temp.try($$SELECT complaint.transfer(3, 'H-NUR')$$);								-- already there
SELECT pg_temp.try($$UPDATE complaint.cases SET handler_unit = 'H-FIN' WHERE id = 3$$);	-- only by a transfer
SELECT pg_temp.try($$UPDATE complaint.cases SET answer = 'x' WHERE id = 3$$);				-- only with its step
SELECT pg_temp.try($$UPDATE complaint.cases SET status = 'accepted', complexity = 'leadership' WHERE id = 3$$);	-- two steps
SELECT pg_temp.try($$UPDATE complaint.cases SET deadline = deadline + interval '1 day' WHERE id = 3$$);	-- owned
SELECT pg_temp.try($$UPDATE complaint.cases SET accepted_at = now() WHERE id = 3$$);		-- owned
SELECT pg_temp.try($$SELECT complaint.transfer(3, 'NOWHERE')$$);							-- unknown unit
SELECT pg_temp.try($$SELECT complaint.transfer(3, 'H-FIN', 'med1')$$);						-- not of that unit
SELECT pg_temp.try($$SELECT complaint.accept(999)$$);										-- no such case
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

SELECT (complaint.accept(3)).status;
UPDATE complaint.cases SET status = 'registered' WHERE id = 3;		-- no way back
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.request_materials(3, ARRAY[]::text[])$$);			-- nothing listed
SELECT pg_temp.try($$SELECT complaint.request_materials(3, ARRAY['身份证', NULL])$$);		-- empty item
SELECT pg_temp.try($$SELECT complaint.request_materials(3, ARRAY['身份证', ' '])$$);		-- blank item
SELECT pg_temp.try($$SELECT complaint.request_materials(3, ARRAY['身份证', '身份证'])$$);	-- listed twice
-- with several repeats, the item whose second mention comes first is named
SELECT pg_temp.try($$SELECT complaint.request_materials(3, ARRAY['发票', '合同', '身份证', '合同', '发票', '发票'])$$);
-- a long list with one repeat at its end (the check sorts copies: a 10,000-item list costs milliseconds)
SELECT pg_temp.try(format('SELECT complaint.request_materials(3, %L)',
						  array_append(ARRAY(SELECT 'item ' || g FROM generate_series(1, 10000) g), 'item 9999')));
SELECT pg_temp.try($$SELECT complaint.request_materials(3, NULL)$$);						-- no list
SELECT pg_temp.try($$SELECT complaint.answer(3, '  ')$$);									-- empty answer
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- the notice is given once: a second request is refused
SELECT status FROM complaint.request_materials(3, ARRAY['收费清单']);
SELECT status FROM complaint.materials_received(3);
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.request_materials(3, ARRAY['发票'])$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- ---------------------------------------------------------------------------
-- repeat complaints (same contact and category within the window of the
-- rule "repeat", 30 days counted like a deadline)
-- and upgraded complaints (from a regulator or a superior)
-- ---------------------------------------------------------------------------
SET complaint.now = '2025-10-20 10:00+08';
INSERT INTO complaint.cases (channel, category, matter, complainant_contact)
VALUES ('phone', 'medical', '又来投诉', '13800000001') RETURNING id, repeat_of, upgraded;
SELECT case_id, kind, detail FROM complaint.event WHERE kind = 'repeat_received';
-- another category, or outside the window: not a repeat
INSERT INTO complaint.cases (channel, category, matter, complainant_contact)
VALUES ('phone', 'billing', '另一事项', '13800000001') RETURNING id, repeat_of;
-- a DBA shortens the window with a rule of higher priority
INSERT INTO complaint.time_limit_rule (name, matter, lim, priority, source)
VALUES ('repeat within 10 days', 'repeat', '10 days', 1, 'test');
INSERT INTO complaint.cases (channel, category, matter, complainant_contact, received_at)
VALUES ('phone', 'medical', '窗口外', '13800000001', '2025-10-20 09:00+08') RETURNING id, repeat_of;
DELETE FROM complaint.time_limit_rule WHERE name = 'repeat within 10 days';
INSERT INTO complaint.cases (channel, matter) VALUES ('regulator', '卫健委转办') RETURNING id, upgraded, rule_id;

-- ---------------------------------------------------------------------------
-- transfer, hand-over by the interface person, referral, reopening
-- ---------------------------------------------------------------------------
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('fin-if', '财务处接口人', 'H-FIN'), ('fin1', '收费员', 'H-FIN');
UPDATE complaint.unit SET interface_staff = 'fin-if' WHERE code = 'H-FIN';
SET complaint.now = '2025-11-03 09:00+08';
-- case 3 went to nursing, which finds that it is about a bill
SET complaint.staff = 'nur1';
SELECT id, status, handler_unit, handler_staff, handover_note
  FROM complaint.transfer(3, 'H-FIN', NULL, '病人对收费有疑问');
SELECT staff_code, unit_code, role, since, until, due, report_due
  FROM complaint.responsibility WHERE case_id = 3 ORDER BY id;
SELECT kind, actor, detail FROM complaint.event WHERE case_id = 3 ORDER BY id DESC LIMIT 1;
-- handed over after 20 minutes: in time
SET complaint.staff = 'fin-if';
SET complaint.now = '2025-11-03 09:20+08';
SELECT handler_staff FROM complaint.assign(3, 'fin1');
SELECT kind, actor, detail FROM complaint.event WHERE case_id = 3 ORDER BY id DESC LIMIT 1;
SELECT staff_code, role, until FROM complaint.responsibility WHERE case_id = 3 ORDER BY id;
-- the first responder is still accountable
SELECT first_responder FROM complaint.cases WHERE id = 3;
-- a ticket waiting with the interface person for 45 minutes: handed over late
SET complaint.staff = 'cc1';
SELECT status FROM complaint.transfer(4, 'H-NUR');
SELECT status, handler_unit FROM complaint.transfer(4, 'H-FIN');
SET complaint.staff = 'fin-if';
SET complaint.now = '2025-11-03 10:05+08';
SELECT handler_staff FROM complaint.assign(4, 'fin1');
SELECT kind, detail FROM complaint.event WHERE case_id = 4 ORDER BY id DESC LIMIT 1;

-- outside the hospital's competence: the complainant is told once which
-- authority is competent and which papers it needs
SET complaint.staff = 'cc1';
SELECT id, status, referred_to, referral_papers, referred_at
  FROM complaint.refer_out(5, '市医疗保障局', ARRAY['医保卡', '费用清单', '就诊记录']);
SELECT role, until FROM complaint.responsibility WHERE case_id = 5 ORDER BY id;
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.refer_out(6, '  ', ARRAY['x'])$$);					-- no authority
SELECT pg_temp.try($$SELECT complaint.reopen(5, '')$$);										-- no reason
SELECT pg_temp.try($$SELECT complaint.accept(5)$$);											-- referred out
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
-- the complainant comes back through a superior: reopened and upgraded
SET complaint.now = '2025-11-10 10:00+08';
SELECT id, status, reopen_reason, reopen_count, upgraded, clock_from, deadline, referred_to, answer
  FROM complaint.reopen(5, '市卫健委转来: 医保局称属医院责任', true);
SELECT role, staff_code, unit_code, since, until FROM complaint.responsibility WHERE case_id = 5 ORDER BY id;
SELECT pg_temp.try($$UPDATE complaint.cases SET upgraded = false WHERE id = 5$$);	-- stays upgraded

-- ---------------------------------------------------------------------------
-- extensions (letters and visits in an enterprise: 30 days, at most 60
-- working days more, approved by a leader)
-- ---------------------------------------------------------------------------
UPDATE complaint.unit SET sector = 'enterprise' WHERE code = 'H';
SET complaint.now = '2025-12-01 10:00+08';
INSERT INTO complaint.cases (kind, channel, matter, received_at)
VALUES ('petition', 'letter', '来信反映', '2025-12-01 09:00+08')
RETURNING id, rule_id, clock_limit, deadline;
SELECT name, lim, extension_cap FROM complaint.time_limit_rule WHERE id = (SELECT rule_id FROM complaint.cases WHERE id = 12);
SELECT (complaint.accept(12)).status;
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.extend(12, '10 working days', 'med1', '情况复杂')$$);		-- not a leader
SELECT pg_temp.try($$SELECT complaint.extend(12, '10 working days', 'ghost', '情况复杂')$$);	-- no such person
SELECT pg_temp.try($$SELECT complaint.extend(12, '10 working days', 'vice', ' ')$$);			-- no reason
SELECT pg_temp.try($$SELECT complaint.extend(12, '10 working days', NULL, '情况复杂')$$);		-- no approver
SELECT pg_temp.try($$SELECT complaint.extend(12, '10 days', 'vice', '情况复杂')$$);				-- wrong unit
SELECT pg_temp.try($$SELECT complaint.extend(12, '61 working days', 'vice', '情况复杂')$$);		-- over the cap
SELECT pg_temp.try($$SELECT complaint.extend(12, '0 working days', 'vice', '情况复杂')$$);		-- nothing
SELECT pg_temp.try($$UPDATE complaint.cases SET extension_count = extension_count + 2,
	   extension_last = '1 working day', extension_approver = 'vice', extension_reason = 'x'
	 WHERE id = 12$$);													-- one at a time
SELECT pg_temp.try($$UPDATE complaint.cases SET extension_reason = 'x' WHERE id = 12$$);		-- only with an extension
SELECT pg_temp.try($$SELECT complaint.extend(2, '1 working day', 'vice', 'x')$$);				-- rule without a cap
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
-- 30 days from 12-01 end on 12-31; 40 working days after that: the 2026
-- New Year holiday (01-01..03) and Spring Festival are skipped
SELECT id, extension_count, extended_by, deadline, original_deadline
  FROM complaint.extend(12, '40 working days', 'vice', '情况复杂, 需多部门核查');
SELECT complaint.add_workdays('2025-12-31'::date, 40) AS expected_day;
SELECT id, extension_count, extended_by, deadline, original_deadline
  FROM complaint.extend(12, '20 working days', 'dean', '仍需核查');
SELECT pg_temp.try($$SELECT complaint.extend(12, '1 working day', 'dean', '超过上限')$$);	-- 61 in all
SELECT kind, actor, detail FROM complaint.event WHERE case_id = 12 AND kind = 'extended' ORDER BY id;

-- banking: 15 days, extendable to 30, at most 60 in all (total_cap)
INSERT INTO complaint.unit (code, name, sector) VALUES ('B', '某银行分行', 'banking');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('teller', '柜员', 'B'), ('boss', '行长', 'B');
UPDATE complaint.unit SET head_staff = 'boss' WHERE code = 'B';
SET complaint.staff = 'teller';
INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('visit', '乱收费', '2025-12-01 09:00+08')
RETURNING id, rule_id, clock_limit, deadline;
SELECT extended_by, deadline FROM complaint.extend(13, '15 days', 'boss', '情况复杂');
SELECT extended_by, deadline FROM complaint.extend(13, '30 days', 'boss', '情况特别复杂, 总行批准');
SELECT pg_temp.try($$SELECT complaint.extend(13, '1 day', 'boss', '再延')$$);

-- ---------------------------------------------------------------------------
-- acceptance-based limits: 信访工作条例, 60 days from acceptance
-- ---------------------------------------------------------------------------
UPDATE complaint.unit SET sector = 'government' WHERE code = 'H';
SET complaint.staff = 'cc1';
SET complaint.now = '2025-12-01 10:00+08';
INSERT INTO complaint.cases (kind, channel, matter, received_at)
VALUES ('petition', 'visit', '上访', '2025-12-01 09:00+08')
RETURNING id, rule_id, clock_start, clock_limit, deadline;
SET complaint.now = '2025-12-05 15:00+08';
SELECT clock_from, deadline, original_deadline FROM complaint.accept(14);
SELECT complaint.deadline('2025-12-05 15:00+08', '60 days') AS expected;

-- ---------------------------------------------------------------------------
-- reclassification: several departments need 7 working days
-- ---------------------------------------------------------------------------
SET complaint.now = '2025-12-08 09:00+08';
INSERT INTO complaint.cases (channel, matter, complexity, received_at)
VALUES ('phone', '涉及多个科室', 'one_department', '2025-12-08 08:30+08') RETURNING id, rule_id, deadline;
UPDATE complaint.cases SET complexity = 'several_departments' WHERE id = 15
RETURNING rule_id, clock_limit, deadline;
SELECT kind, detail FROM complaint.event WHERE case_id = 15 ORDER BY id DESC LIMIT 1;
-- editing data: recorded, personal data by name only
UPDATE complaint.cases SET complainant_name = '李四', matter = '涉及多个科室(更正)' WHERE id = 15;
SELECT kind, detail FROM complaint.event WHERE case_id = 15 ORDER BY id DESC LIMIT 1;
-- a no-op update records nothing
SELECT count(*) AS events FROM complaint.event WHERE case_id = 15;
UPDATE complaint.cases SET matter = matter WHERE id = 15;
SELECT count(*) AS events FROM complaint.event WHERE case_id = 15;

-- co-handling (协办): another department helps; the first responder coordinates
SET complaint.staff = 'cc1';
SELECT complaint.add_co_handler(15, 'H-NUR', 'nur1');
SELECT staff_code, unit_code, role, since, until FROM complaint.responsibility
 WHERE case_id = 15 AND role = 'co_handler';
SELECT kind, actor, detail FROM complaint.event WHERE case_id = 15 ORDER BY id DESC LIMIT 1;
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.add_co_handler(15, 'H-NUR', 'nur1')$$);		-- twice
SELECT pg_temp.try($$SELECT complaint.add_co_handler(15, 'H-CC')$$);				-- it handles it already
SELECT pg_temp.try($$SELECT complaint.add_co_handler(15, 'H-NUR', 'cc2')$$);		-- not of that unit
SELECT pg_temp.try($$SELECT complaint.add_co_handler(15, 'NOWHERE')$$);				-- no such unit
SELECT pg_temp.try($$SELECT complaint.add_co_handler(1, 'H-NUR')$$);				-- closed
SELECT pg_temp.try($$SELECT complaint.add_co_handler(999, 'H-NUR')$$);				-- no such case
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- ---------------------------------------------------------------------------
-- re-projection: a calendar change moves running deadlines, keeping the
-- time already used; answered, closed and referred-out cases keep theirs
-- ---------------------------------------------------------------------------
INSERT INTO complaint.calendar (name, time_zone) VALUES ('TEST', 'Asia/Shanghai');
INSERT INTO complaint.unit (code, name, calendar) VALUES ('T', '测试单位', 'TEST');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('t1', '测试员', 'T');
SET complaint.staff = 't1';
SET complaint.now = '2026-03-02 10:00+08';		-- a Monday
INSERT INTO complaint.cases (channel, matter, complexity) VALUES ('phone', '运行中', 'several_departments')
RETURNING id, calendar, deadline;				-- 7 working days: Wednesday 03-11, 24:00 (no hours)
INSERT INTO complaint.cases (channel, matter, complexity) VALUES ('phone', '已答复', 'several_departments')
RETURNING id, deadline;
SELECT status FROM complaint.answer((SELECT complaint.accept(17)).id, '答复');
SET complaint.now = '2026-03-04 10:00+08';		-- two working days used (3rd, 4th)
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('TEST', '2026-03-06', 'holiday', '临时放假');
SELECT id, status, clock_from, deadline FROM complaint.cases WHERE id IN (16, 17) ORDER BY id;
SELECT kind, actor, detail FROM complaint.event WHERE case_id = 16 ORDER BY id DESC LIMIT 1;
-- a holiday in the past (already used time) changes nothing
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('TEST', '2026-03-03', 'holiday', '补记');
SELECT deadline FROM complaint.cases WHERE id = 16;
SELECT count(*) AS reprojections FROM complaint.event WHERE case_id = 16 AND kind = 'reprojected';
-- a rule change: the same origin, the new limit
INSERT INTO complaint.time_limit_rule (name, matter, unit_code, lim, source)
VALUES ('测试单位一般投诉', 'answer', 'T', '5 working days', 'test') RETURNING id;
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', '按规则') RETURNING id, rule_id, deadline;
UPDATE complaint.time_limit_rule SET lim = '3 working days' WHERE name = '测试单位一般投诉';
SELECT id, clock_limit, deadline FROM complaint.cases WHERE id = 18;
SELECT kind, detail FROM complaint.event WHERE case_id = 18 ORDER BY id DESC LIMIT 1;
-- the acceptance clock of a case still waiting for the decision to accept
-- is re-projected the same way; an accepted case keeps its acceptance_due
INSERT INTO complaint.time_limit_rule (name, matter, unit_code, lim, source)
VALUES ('测试单位受理', 'acceptance', 'T', '3 working days', 'test') RETURNING id;
SET complaint.now = '2026-03-09 10:00+08';		-- a Monday
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', '待受理')
RETURNING id, acceptance_from, acceptance_limit, acceptance_due;	-- 10th, 11th, 12th: Thursday 24:00
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', '已受理') RETURNING id, acceptance_due;
SELECT status FROM complaint.accept(20);
SET complaint.now = '2026-03-10 10:00+08';		-- one working day used (the 10th)
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('TEST', '2026-03-11', 'holiday', '临时放假二');
SELECT id, status, acceptance_from, acceptance_due FROM complaint.cases WHERE id IN (19, 20) ORDER BY id;
SELECT kind, actor, detail FROM complaint.event
 WHERE case_id = 19 AND detail ? 'acceptance_due' ORDER BY id DESC LIMIT 1;
-- a change of the acceptance rule's limit: the same origin, the new limit
UPDATE complaint.time_limit_rule SET lim = '5 working days' WHERE name = '测试单位受理';
SELECT id, acceptance_limit, acceptance_due FROM complaint.cases WHERE id IN (19, 20) ORDER BY id;
SELECT kind, detail FROM complaint.event WHERE case_id = 19 ORDER BY id DESC LIMIT 1;
-- the acceptance clock belongs to the workflow: nobody sets it by hand
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$UPDATE complaint.cases SET acceptance_from = '2026-03-01' WHERE id = 19$$);
SELECT pg_temp.try($$UPDATE complaint.cases SET acceptance_limit = '9 working days' WHERE id = 19$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, acceptance_rule_id) VALUES ('phone', '自带规则', 1)$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- a step that changes no indexed column (here: accepting) is a HOT update,
-- writing no index entry; one that moves the case to another unit is not
-- (the backend's pending counters, as differences inside one transaction)
BEGIN;
SELECT n_tup_upd AS upd0, n_tup_hot_upd AS hot0 FROM pg_stat_xact_user_tables
 WHERE relid = 'complaint.cases'::regclass \gset
SELECT status FROM complaint.accept(19);
SELECT n_tup_upd - :upd0 AS updates, n_tup_hot_upd - :hot0 AS hot_updates
  FROM pg_stat_xact_user_tables WHERE relid = 'complaint.cases'::regclass;
SELECT status FROM complaint.transfer(19, 'H-NUR', NULL, '转护理部');
SELECT n_tup_upd - :upd0 AS updates, n_tup_hot_upd - :hot0 AS hot_updates
  FROM pg_stat_xact_user_tables WHERE relid = 'complaint.cases'::regclass;
ROLLBACK;

-- the invariants of a case row hold without the triggers too (a restore
-- writes in replica mode): constraint cases_consistent names the broken
-- rule and the case, never the row with the complainant's data
SELECT id AS base_id FROM complaint.cases WHERE complainant_name IS NOT NULL ORDER BY id LIMIT 1 \gset
SELECT pg_temp.snapshot() AS snap \gset
CREATE FUNCTION pg_temp.raw_case(changes jsonb) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('session_replication_role', 'replica', true);
	RETURN pg_temp.try(format($q$INSERT INTO complaint.cases
		SELECT (jsonb_populate_record(c, %L || jsonb_build_object('id', 9000))).* FROM complaint.cases c WHERE id = %s$q$,
		changes, current_setting('complaint_test.base_id')));
END
$$;
SELECT set_config('complaint_test.base_id', :'base_id', false) IS NOT NULL AS ok;
BEGIN;
SELECT pg_temp.raw_case('{"matter": ""}');
SELECT pg_temp.raw_case('{"status": "closed", "feedback_at": null}');
SELECT pg_temp.raw_case('{"status": "closed", "feedback_at": "2026-10-01 10:00+08", "satisfaction": null}');
SELECT pg_temp.raw_case('{"status": "waiting_materials", "paused_at": null, "missing_items": ["身份证"]}');
SELECT pg_temp.raw_case('{"status": "waiting_materials", "paused_at": "2026-10-01 10:00+08", "missing_items": []}');
SELECT pg_temp.raw_case('{"status": "waiting_materials", "paused_at": "2026-10-01 10:00+08", "missing_items": null}');
SELECT pg_temp.raw_case('{"status": "referred_out", "referred_to": null}');
SELECT pg_temp.raw_case('{"repeat_of": 9000}');
-- a consistent row goes in (and out again with the rollback)
SELECT pg_temp.raw_case('{"status": "waiting_materials", "paused_at": "2026-10-01 10:00+08", "missing_items": ["身份证"]}');
ROLLBACK;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
-- the function alone: true for a consistent row, the same errors otherwise
SELECT complaint.case_row_valid(1, 'closed', 'x', now(), 'satisfied', NULL, NULL, NULL, NULL);
SELECT complaint.case_row_valid(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT pg_temp.try($$SELECT complaint.case_row_valid(NULL, 'referred_out', 'x', NULL, NULL, NULL, NULL, NULL, NULL)$$);

SELECT pg_temp.reset_register();
