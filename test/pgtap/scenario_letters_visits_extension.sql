-- test/pgtap/scenario_letters_visits_extension.sql
--	  Letters and visits (来信来访).  In an enterprise (首问责任制限时办结制
--	  二 第五条(六)): a petition received directly is settled within 30 days;
--	  when it is complicated a leader may approve an extension of at most
--	  60 working days, and the petitioner is told why.  A petition handed to
--	  a subsidiary is settled there within 15 days (extension at most 30).
--	  Under the national 信访工作条例: 60 days from acceptance, at most 30 more.

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL TimeZone = 'Asia/Shanghai';

SELECT plan(23);

CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

-- a group company: its letters-and-visits office, a department and a subsidiary
INSERT INTO complaint.unit (code, name, sector) VALUES ('GRP', '某集团公司', 'enterprise');
INSERT INTO complaint.unit (code, name, parent_code) VALUES
	('GRP-XF', '信访办公室', 'GRP'), ('GRP-HR', '人力资源部', 'GRP'), ('GRP-SUB', '所属企业甲', 'GRP');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('grp-xf1', '信访干部', 'GRP-XF'), ('grp-hr1', '人事干部', 'GRP-HR'),
	('grp-gm', '总经理', 'GRP'), ('grp-vp', '分管副总', 'GRP'), ('grp-sub1', '企业甲经办人', 'GRP-SUB'),
	('grp-subhead', '企业甲负责人', 'GRP-SUB');
UPDATE complaint.unit SET head_staff = 'grp-gm', supervisor_staff = 'grp-vp' WHERE code = 'GRP';
UPDATE complaint.unit SET head_staff = 'grp-subhead' WHERE code = 'GRP-SUB';

SET LOCAL complaint.staff = 'grp-xf1';
SET LOCAL complaint.now = '2025-11-03 09:30+08';	-- a Monday

-- a letter received directly: 30 days, ending Wednesday 12-03
INSERT INTO complaint.cases (kind, channel, matter, complainant_name, complainant_address)
VALUES ('petition', 'letter', '反映职工安置问题', '钱七', '某市某区某路1号')
RETURNING id AS l1 \gset
SELECT results_eq(
	format('SELECT r.name, c.clock_limit::text, c.deadline FROM complaint.cases c
			  JOIN complaint.time_limit_rule r ON r.id = c.rule_id WHERE c.id = %s', :l1),
	$$VALUES ('letters and visits (enterprise)'::text, '30 days'::text, '2025-12-03 17:30+08'::timestamptz)$$,
	'a petition to an enterprise: 30 days from receipt');
SELECT is((SELECT status::text FROM complaint.accept(:l1)), 'accepted', 'the office accepts it');

-- the extension needs a leader, a reason, and stays within 60 working days
SET LOCAL complaint.now = '2025-11-28 10:00+08';
SELECT pg_temp.snapshot() AS snap \gset
SELECT throws_ok(format('SELECT complaint.extend(%s, %L, %L, %L)', :l1, '20 working days', 'grp-hr1', '情况复杂'),
		  '42501', 'staff member "grp-hr1" may not approve extensions of case ' || :l1,
		  'a colleague cannot approve an extension');
SELECT throws_ok(format('SELECT complaint.extend(%s, %L, %L, %L)', :l1, '20 working days', 'grp-vp', ''),
		  '22023', 'an extension of case ' || :l1 || ' needs a reason',
		  'the petitioner is told why: no extension without a reason');
SELECT throws_ok(format('SELECT complaint.extend(%s, %L, %L, %L)', :l1, '61 working days', 'grp-vp', '情况复杂'),
		  '22023', 'the extension of case ' || :l1 || ' exceeds the cap of rule "letters and visits (enterprise)"',
		  'at most 60 working days');
SELECT throws_ok(format('SELECT complaint.extend(%s, %L, %L, %L)', :l1, '20 days', 'grp-vp', '情况复杂'),
		  '22023', 'an extension of case ' || :l1 || ' must be counted in working days',
		  'the cap is in working days, so is the extension');
SELECT is(pg_temp.snapshot(), :'snap', 'nothing written by the refused extensions');

-- 20 working days after 12-03: Wednesday 12-31
SELECT results_eq(
	format('SELECT extension_count, extended_by::text, deadline, original_deadline FROM complaint.extend(%s, %L, %L, %L)',
		   :l1, '20 working days', 'grp-vp', '涉及多个部门, 需调查核实'),
	$$VALUES (1, '20 working days'::text, '2025-12-31 17:30+08'::timestamptz, '2025-12-03 17:30+08'::timestamptz)$$,
	'extended by 20 working days; the original deadline is kept');
SELECT results_eq(
	format('SELECT detail->>''approver'', detail->>''reason'', detail->>''deadline_before'', actor
			  FROM complaint.event WHERE case_id = %s AND kind = ''extended''', :l1),
	$$VALUES ('grp-vp'::text, '涉及多个部门, 需调查核实'::text, '2025-12-03T17:30:00+08:00'::text, 'grp-xf1'::text)$$,
	'approver, reason and the old deadline are in the history');
-- 40 more working days: 60 in all.  After 12-31: New Year 2026-01-01..03
-- and Spring Festival 02-15..23 are off, 01-04 and 02-14/28 are make-up
-- days; counted by hand from data/cn_holidays.csv: Wednesday 03-04
SELECT is((SELECT deadline FROM complaint.extend(:l1, '40 working days', 'grp-gm', '需总经理办公会研究')),
		  '2026-03-04 17:30+08'::timestamptz,
		  'a second extension by the head, counted on the official calendar');
SELECT is((SELECT extended_by::text FROM complaint.cases WHERE id = :l1), '60 working days', '60 working days in all');
SELECT throws_ok(format('SELECT complaint.extend(%s, %L, %L, %L)', :l1, '1 working day', 'grp-gm', '再延'),
		  '22023', 'the extension of case ' || :l1 || ' exceeds the cap of rule "letters and visits (enterprise)"',
		  'nothing beyond the cap, whoever approves');
SELECT is((SELECT original_deadline FROM complaint.cases WHERE id = :l1), '2025-12-03 17:30+08'::timestamptz,
		  'the original deadline is still the first one');

-- the extension does not outlive the answer's round: a reopened case starts afresh
SET LOCAL complaint.now = '2026-01-05 10:00+08';
SELECT is((SELECT status::text FROM complaint.answer((SELECT (complaint.start(:l1)).id), '已协调安置')), 'answered', 'answered');
SELECT is((SELECT status::text FROM complaint.close((SELECT (complaint.record_feedback(:l1, 'dissatisfied', '不满意')).id))),
		  'closed', 'closed although the petitioner is dissatisfied (the answer was recorded)');
SET LOCAL complaint.now = '2026-01-12 10:00+08';
SELECT results_eq(
	format('SELECT extended_by, extension_count, deadline FROM complaint.reopen(%s, %L)', :l1, '信访人不满意, 再次来信'),
	$$VALUES (NULL::complaint.time_limit, 2, '2026-02-11 17:30+08'::timestamptz)$$,
	'reopened: a new 30-day clock, no extension carried over');

-- ---------------------------------------------------------------------------
-- handed to a subsidiary: the subsidiary's own 15 days
-- ---------------------------------------------------------------------------
SET LOCAL complaint.now = '2025-11-03 10:00+08';
INSERT INTO complaint.cases (kind, channel, matter) VALUES ('petition', 'visit', '反映企业甲拖欠工资')
RETURNING id AS l2 \gset
SELECT is((SELECT handler_unit FROM complaint.transfer(:l2, 'GRP-SUB', 'grp-sub1', '移交所属企业办理')), 'GRP-SUB',
		  'the office hands it to the subsidiary');
SELECT is((SELECT due FROM complaint.responsibility WHERE case_id = :l2 AND role = 'handler' AND until IS NULL),
		  '2025-11-18 17:30+08'::timestamptz, 'the subsidiary must settle it within 15 days (11-18)');
SELECT is((SELECT deadline FROM complaint.cases WHERE id = :l2), '2025-12-03 17:30+08'::timestamptz,
		  'the office''s own 30 days stand');
SELECT is((SELECT first_responder FROM complaint.cases WHERE id = :l2), 'grp-xf1',
		  'and the office stays first responder, tracking the subsidiary');

-- ---------------------------------------------------------------------------
-- under 信访工作条例 (a government office): 60 days from acceptance, +30 at most
-- ---------------------------------------------------------------------------
INSERT INTO complaint.unit (code, name, sector) VALUES ('GOV-XF', '某县信访局', 'government');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('gov1', '接访员', 'GOV-XF'), ('gov-head', '局长', 'GOV-XF');
UPDATE complaint.unit SET head_staff = 'gov-head' WHERE code = 'GOV-XF';
SET LOCAL complaint.staff = 'gov1';
SET LOCAL complaint.now = '2025-11-03 10:00+08';
INSERT INTO complaint.cases (kind, channel, matter) VALUES ('petition', 'visit', '征地补偿')
RETURNING id AS g1 \gset
SET LOCAL complaint.now = '2025-11-10 10:00+08';
-- accepted Monday 11-10: 60 days is Friday 2026-01-09
SELECT is((SELECT deadline FROM complaint.accept(:g1)), '2026-01-09 17:30+08'::timestamptz,
		  '60 days counted from acceptance');
SELECT is((SELECT deadline FROM complaint.extend(:g1, '30 days', 'gov-head', '情况复杂, 经局长批准')),
		  '2026-02-09 17:30+08'::timestamptz, '30 more days: 90 from acceptance, Sunday 02-08 moves to Monday');
SELECT throws_ok(format('SELECT complaint.extend(%s, %L, %L, %L)', :g1, '1 day', 'gov-head', '再延'),
		  '22023', 'the extension of case ' || :g1 || ' exceeds the cap of rule "letters and visits (信访工作条例)"',
		  'not a day more than 30');

SELECT * FROM finish();
ROLLBACK;
