-- test/pgtap/scenario_hospital_routing.sql
--	  xx医院投诉管理责任制度 一.1: the complaint reception centre (投诉接待中心)
--	  registers every complaint and sends it by kind: treatment to the
--	  doctor-patient communication office (医患沟通办公室), nursing to the
--	  nursing department (护理部), charges to finance (财务处), medical
--	  insurance to the insurance office (医保办), logistics to general
--	  affairs (总务处), service attitude to the office (办公室).  A general
--	  complaint takes at most three working days, one involving several
--	  departments at most a week; the on-duty manager reaches the scene in
--	  10 minutes (首诉负责制度).  Outpatients' complaints go to the outpatient
--	  department (a route by region inside the hospital).

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL TimeZone = 'Asia/Shanghai';

SELECT plan(20);

CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

INSERT INTO complaint.unit (code, name, sector) VALUES ('XH', 'xx医院', 'health');
INSERT INTO complaint.unit (code, name, parent_code) VALUES
	('XH-CC', '投诉接待中心', 'XH'), ('XH-MED', '医患沟通办公室', 'XH'), ('XH-NUR', '护理部', 'XH'),
	('XH-FIN', '财务处', 'XH'), ('XH-INS', '医保办', 'XH'), ('XH-LOG', '总务处', 'XH'),
	('XH-OFF', '办公室', 'XH'), ('XH-OPD', '门诊部', 'XH');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('xh-cc1', '接待员', 'XH-CC'), ('xh-nur1', '护士长', 'XH-NUR'), ('xh-med1', '医务处干事', 'XH-MED');
INSERT INTO complaint.category (code, name) VALUES
	('xh-medical', '医师诊疗'), ('xh-nursing', '护理工作'), ('xh-billing', '收费管理'),
	('xh-insurance', '医保'), ('xh-logistics', '总务后勤'), ('xh-attitude', '服务态度和工作作风');
INSERT INTO complaint.route (scope_unit, category, region, unit_code) VALUES
	('XH', 'xh-medical', NULL, 'XH-MED'),
	('XH', 'xh-nursing', NULL, 'XH-NUR'),
	('XH', 'xh-billing', NULL, 'XH-FIN'),
	('XH', 'xh-insurance', NULL, 'XH-INS'),
	('XH', 'xh-logistics', NULL, 'XH-LOG'),
	('XH', 'xh-attitude', NULL, 'XH-OFF'),
	('XH', NULL, '门诊', 'XH-OPD'),				-- outpatients' general complaints
	('XH', 'xh-medical', '门诊', 'XH-OPD');		-- and their treatment complaints

SET LOCAL complaint.staff = 'xh-cc1';
SET LOCAL complaint.now = '2025-05-12 09:00+08';	-- a Monday

-- every kind of complaint reaches its department
INSERT INTO complaint.cases (channel, category, matter, complainant_name)
SELECT 'visit', c, '投诉: ' || c, '患者' || n
  FROM unnest(ARRAY['xh-medical', 'xh-nursing', 'xh-billing', 'xh-insurance', 'xh-logistics', 'xh-attitude'])
	   WITH ORDINALITY AS u(c, n);
SELECT id AS nursing FROM complaint.cases WHERE category = 'xh-nursing' AND first_responder = 'xh-cc1' \gset
SELECT results_eq(
	$$SELECT category, handler_unit, handler_staff, first_responder FROM complaint.cases
	   WHERE first_responder = 'xh-cc1' ORDER BY id$$,
	$$VALUES ('xh-medical'::text, 'XH-MED'::text, NULL::text, 'xh-cc1'::text),
			 ('xh-nursing', 'XH-NUR', NULL, 'xh-cc1'),
			 ('xh-billing', 'XH-FIN', NULL, 'xh-cc1'),
			 ('xh-insurance', 'XH-INS', NULL, 'xh-cc1'),
			 ('xh-logistics', 'XH-LOG', NULL, 'xh-cc1'),
			 ('xh-attitude', 'XH-OFF', NULL, 'xh-cc1')$$,
	'each category goes to its department; the reception clerk stays first responder');
SELECT results_eq(
	$$SELECT bool_and((detail->>'routed')::boolean) FROM complaint.event e
	   JOIN complaint.cases c ON c.id = e.case_id
	  WHERE c.first_responder = 'xh-cc1' AND e.kind = 'registered'$$,
	$$VALUES (true)$$, 'every registration says it was routed');
SELECT results_eq(
	$$SELECT count(*)::int FROM complaint.responsibility r JOIN complaint.cases c ON c.id = r.case_id
	   WHERE c.first_responder = 'xh-cc1' AND r.role = 'handler' AND r.staff_code IS NULL
		 AND r.unit_code = c.handler_unit AND r.until IS NULL$$,
	$$VALUES (6)$$, 'each department holds a handler responsibility as a unit');
-- the SQL routing function agrees with the trigger
SELECT results_eq(
	$$SELECT complaint.route_case('XH-CC', c, NULL) FROM unnest(ARRAY['xh-medical', 'xh-nursing',
		'xh-billing', 'xh-insurance', 'xh-logistics', 'xh-attitude']) WITH ORDINALITY u(c, n) ORDER BY n$$,
	$$VALUES ('XH-MED'::text), ('XH-NUR'), ('XH-FIN'), ('XH-INS'), ('XH-LOG'), ('XH-OFF')$$,
	'complaint.route_case() gives the same units');

-- routes by region: category and region beats region only beats category only
INSERT INTO complaint.cases (channel, category, region, matter) VALUES ('visit', 'xh-medical', '门诊', '门诊医生态度')
RETURNING handler_unit AS opd_med \gset
INSERT INTO complaint.cases (channel, region, matter) VALUES ('visit', '门诊', '门诊排队太久')
RETURNING handler_unit AS opd_general \gset
INSERT INTO complaint.cases (channel, category, region, matter) VALUES ('visit', 'xh-nursing', '门诊', '门诊护士')
RETURNING handler_unit AS opd_nursing \gset
SELECT is(:'opd_med'::text, 'XH-OPD', 'an outpatient''s treatment complaint goes to the outpatient department');
SELECT is(:'opd_general'::text, 'XH-OPD', 'an outpatient''s general complaint too');
SELECT is(:'opd_nursing'::text, 'XH-NUR', 'a nursing complaint goes to nursing even from outpatients (category beats region)');
-- no route: the reception centre handles it itself
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', '咨询就诊流程')
RETURNING handler_unit AS own_unit, handler_staff AS own_staff \gset
SELECT is((:'own_unit' || '/' || :'own_staff')::text, 'XH-CC/xh-cc1', 'without a route the first responder handles it');

-- time limits: three working days for a general complaint; a week (7
-- working days) when several departments are involved
SELECT is((SELECT deadline FROM complaint.cases WHERE category = 'xh-billing' AND first_responder = 'xh-cc1'),
		  '2025-05-15 17:30+08'::timestamptz, 'a general complaint received Monday is due Thursday (3 working days)');
INSERT INTO complaint.cases (channel, category, complexity, matter) VALUES ('visit', 'xh-medical', 'several_departments', '多科室会诊纠纷')
RETURNING id AS multi, deadline AS multi_deadline \gset
SELECT is(:'multi_deadline'::timestamptz, '2025-05-21 17:30+08'::timestamptz,
		  'several departments: 7 working days, Wednesday of the next week');
SELECT is((SELECT lim::text FROM complaint.time_limit_rule WHERE matter = 'on_site' AND builtin), '10 minutes',
		  'the on-duty manager''s 10 minutes are a shipped rule');
SELECT is((SELECT complaint.match_rule('answer', 'complaint', 'visit', 'several_departments', 'xh-medical', 'XH-MED')),
		  (SELECT rule_id FROM complaint.cases WHERE id = :multi), 'complaint.match_rule() agrees with the trigger');

-- the department finds it is another's: a transfer, and the clock keeps running
SET LOCAL complaint.staff = 'xh-nur1';
SET LOCAL complaint.now = '2025-05-13 10:00+08';
SELECT is((SELECT handler_unit FROM complaint.transfer(:nursing, 'XH-MED', 'xh-med1', '属医师诊疗问题')),
		  'XH-MED', 'nursing passes a misrouted complaint to the doctors');
SELECT is((SELECT deadline FROM complaint.cases WHERE id = :nursing),
		  '2025-05-15 17:30+08'::timestamptz, 'the deadline does not restart with a transfer');

-- refusals: unknown category, unknown unit, a transfer to itself; nothing written
SET LOCAL complaint.staff = 'xh-cc1';
SELECT pg_temp.snapshot() AS snap \gset
SELECT throws_ok($$INSERT INTO complaint.cases (channel, category, matter) VALUES ('visit', 'xh-parking', '停车难')$$,
		  '23503', 'category "xh-parking" does not exist', 'an unknown category is refused');
SELECT throws_ok($$INSERT INTO complaint.cases (channel, handler_unit, matter) VALUES ('visit', 'XH-ICU', '重症')$$,
		  '23503', 'unit "XH-ICU" does not exist', 'an unknown unit is refused');
SELECT throws_ok(format('SELECT complaint.transfer(%s, %L)', :multi, 'XH-MED'), '55000',
		  'case ' || :multi || ' is already handled by unit "XH-MED"', 'a transfer to the same department is refused');
SELECT throws_ok($$UPDATE complaint.route SET unit_code = 'XH-NOPE' WHERE category = 'xh-medical' AND region IS NULL$$,
		  '23503', NULL, 'a route to a unit that does not exist is refused');
SELECT is(pg_temp.snapshot(), :'snap', 'nothing written by the refusals');

-- a new route takes effect at once
INSERT INTO complaint.category (code, name) VALUES ('xh-parking', '停车');
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES ('XH', 'xh-parking', 'XH-LOG');
INSERT INTO complaint.cases (channel, category, matter) VALUES ('visit', 'xh-parking', '停车难')
RETURNING handler_unit AS parking \gset
SELECT is(:'parking'::text, 'XH-LOG', 'a route added now applies to the next registration');

SELECT * FROM finish();
ROLLBACK;
