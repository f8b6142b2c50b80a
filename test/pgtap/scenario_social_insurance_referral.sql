-- test/pgtap/scenario_social_insurance_referral.sql
--	  天津市人社局 津人社局发〔2019〕5号 二(一) 首问负责制度: the department that
--	  first receives a report is responsible for it.  Its own district's
--	  matters it accepts and handles; a matter of the same level's other
--	  department (labour inspection <-> social-insurance agency) it passes
--	  on promptly; a matter outside the district it refers out, telling the
--	  complainant once (一次性告知) which district is competent and which
--	  papers are needed.  Missing papers are asked for once and the clock
--	  stops until they arrive.

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL TimeZone = 'Asia/Shanghai';

SELECT plan(25);

CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

INSERT INTO complaint.unit (code, name, region, sector) VALUES ('TJ', '天津市人社局', '天津市', 'government');
INSERT INTO complaint.unit (code, name, parent_code, region) VALUES
	('TJ-HX', '河西区人社局', 'TJ', '河西区'), ('TJ-NK', '南开区人社局', 'TJ', '南开区');
INSERT INTO complaint.unit (code, name, parent_code, region) VALUES
	('TJ-HX-JC', '河西区劳动保障监察大队', 'TJ-HX', '河西区'),
	('TJ-HX-SB', '河西区社会保险经办机构', 'TJ-HX', '河西区'),
	('TJ-NK-JC', '南开区劳动保障监察大队', 'TJ-NK', '南开区');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('tj-jc1', '监察员甲', 'TJ-HX-JC'), ('tj-sb1', '经办员乙', 'TJ-HX-SB'), ('tj-head', '局长', 'TJ-HX');
UPDATE complaint.unit SET head_staff = 'tj-head' WHERE code = 'TJ-HX';
INSERT INTO complaint.category (code, name) VALUES
	('tj-arrears', '欠缴社会保险费 (行政执法)'), ('tj-benefit', '社保待遇核定 (经办管理)');
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES
	('TJ-HX', 'tj-arrears', 'TJ-HX-JC'), ('TJ-HX', 'tj-benefit', 'TJ-HX-SB');

SET LOCAL complaint.staff = 'tj-jc1';
SET LOCAL complaint.now = '2025-03-04 10:00+08';	-- a Tuesday

-- ---------------------------------------------------------------------------
-- its own district and department: accepted and handled by the inspector
-- ---------------------------------------------------------------------------
INSERT INTO complaint.cases (channel, category, region, matter, complainant_name, complainant_contact)
VALUES ('visit', 'tj-arrears', '河西区', '单位未为职工缴纳社保', '赵六', '022-00000001')
RETURNING id AS own \gset
SELECT results_eq(
	$$SELECT handler_unit, handler_staff, first_responder, deadline FROM complaint.cases WHERE id = $$ || :own,
	$$VALUES ('TJ-HX-JC'::text, 'tj-jc1'::text, 'tj-jc1'::text, '2025-03-07 17:30+08'::timestamptz)$$,
	'the inspector''s own matter: they handle it; 3 working days (Wednesday to Friday)');
SELECT is((SELECT status::text FROM complaint.accept(:own)), 'accepted', 'accepted directly');
SELECT is((SELECT status::text FROM complaint.start(:own)), 'in_progress', 'and handled');

-- one-time notice: everything missing, listed once; the clock stops
SET LOCAL complaint.now = '2025-03-05 15:00+08';
SELECT pg_temp.snapshot() AS snap \gset
SELECT throws_ok(format('SELECT complaint.request_materials(%s, %L)', :own, '{劳动合同,劳动合同}'), '22023',
		  'the missing materials of case ' || :own || ' list "劳动合同" twice', 'an item listed twice is refused');
SELECT throws_ok(format('SELECT complaint.request_materials(%s, %L)', :own, '{}'), '22023',
		  'the missing materials of case ' || :own || ' must list at least one item', 'an empty notice is refused');
SELECT is(pg_temp.snapshot(), :'snap', 'nothing written by the refused notices');
SELECT is((SELECT missing_items FROM complaint.request_materials(:own, '{劳动合同,工资流水,身份证复印件}')),
		  '{劳动合同,工资流水,身份证复印件}'::text[], 'the notice lists every missing paper at once');
SELECT is((SELECT status::text FROM complaint.cases WHERE id = :own), 'waiting_materials', 'the clock stops');
SELECT throws_ok(format('SELECT complaint.request_materials(%s, %L)', :own, '{社保缴费记录}'), '55000',
		  'the missing materials of case ' || :own || ' were already requested',
		  'a second notice is refused: 一次性告知 means once');
-- the papers arrive on Monday 03-10: the working days in (03-05, 03-10],
-- i.e. the 6th, 7th and 10th, are not counted: Friday 03-07 becomes
-- Wednesday 03-12
SET LOCAL complaint.now = '2025-03-10 09:00+08';
SELECT results_eq(
	format('SELECT status::text, deadline, original_deadline, paused_at FROM complaint.materials_received(%s)', :own),
	$$VALUES ('in_progress'::text, '2025-03-12 17:30+08'::timestamptz, '2025-03-12 17:30+08'::timestamptz, NULL::timestamptz)$$,
	'the deadline moves by exactly the three working days paused');
SELECT is((SELECT complaint.add_workdays('2025-03-07'::date, 3)), '2025-03-12'::date,
		  'the same three working days by the calendar');
SELECT is((SELECT detail->>'paused_for' FROM complaint.event WHERE case_id = :own AND kind = 'materials_received'),
		  '4 days 18:00:00', 'the event says how long the case waited');

-- ---------------------------------------------------------------------------
-- the other department of the same district: passed on promptly
-- ---------------------------------------------------------------------------
SET LOCAL complaint.now = '2025-03-10 10:00+08';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', '退休待遇核定有误')
RETURNING id AS other \gset
SELECT is((SELECT handler_unit FROM complaint.cases WHERE id = :other), 'TJ-HX-JC',
		  'registered without a category it stays with the inspector first');
SELECT is((SELECT handler_unit FROM complaint.transfer(:other, 'TJ-HX-SB', 'tj-sb1', '属社保经办')), 'TJ-HX-SB',
		  'the inspector passes it to the social-insurance agency');
SELECT is((SELECT first_responder FROM complaint.cases WHERE id = :other), 'tj-jc1',
		  'the inspector stays first responder');

-- ---------------------------------------------------------------------------
-- outside the district: referred out with a one-time notice
-- ---------------------------------------------------------------------------
INSERT INTO complaint.cases (channel, category, region, matter, complainant_contact)
VALUES ('visit', 'tj-arrears', '南开区', '用工地在南开区的单位欠缴社保', '022-00000002')
RETURNING id AS nk \gset
SELECT pg_temp.snapshot() AS snap \gset
SELECT throws_ok(format('SELECT complaint.refer_out(%s, %L, %L)', :nk, ' ', '{劳动合同}'), '22023',
		  'a referral of case ' || :nk || ' must name the competent authority', 'the competent authority must be named');
SELECT throws_ok(format('SELECT complaint.refer_out(%s, %L, %L)', :nk, '南开区劳动保障监察大队', '{劳动合同,""}'), '22023',
		  'the papers required by the competent authority of case ' || :nk || ' contain an empty item',
		  'every paper must be named');
SELECT throws_ok(format('SELECT complaint.refer_out(%s, %L, NULL)', :nk, '南开区劳动保障监察大队'), '22023',
		  'the papers required by the competent authority of case ' || :nk || ' must be listed',
		  'the papers must be listed (an empty list when none are needed)');
SELECT is(pg_temp.snapshot(), :'snap', 'nothing written by the refused referrals');
SELECT results_eq(
	format('SELECT status::text, referred_to, referral_papers FROM complaint.refer_out(%s, %L, %L)',
		   :nk, '南开区劳动保障监察大队', '{劳动合同,工资支付凭证,身份证复印件}'),
	$$VALUES ('referred_out'::text, '南开区劳动保障监察大队'::text, '{劳动合同,工资支付凭证,身份证复印件}'::text[])$$,
	'referred out: the competent district and every paper it needs, told once');
SELECT is((SELECT detail FROM complaint.event WHERE case_id = :nk AND kind = 'referred_out'),
		  '{"authority": "南开区劳动保障监察大队", "papers": ["劳动合同", "工资支付凭证", "身份证复印件"]}'::jsonb,
		  'the referral is in the history');
SELECT is((SELECT count(*)::int FROM complaint.responsibility WHERE case_id = :nk AND until IS NULL), 0,
		  'the case has left the district: no open responsibility');
SELECT throws_ok(format('SELECT complaint.transfer(%s, %L)', :nk, 'TJ-NK-JC'), '55000',
		  'case ' || :nk || ' cannot go from referred_out to transferred',
		  'a referred-out case is not transferred afterwards');

-- the complainant comes back: 南开 says the employer is registered in 河西
SET LOCAL complaint.now = '2025-03-17 09:00+08';
SELECT results_eq(
	format('SELECT status::text, referred_to, deadline FROM complaint.reopen(%s, %L)', :nk, '南开区答复: 用人单位注册地在河西区'),
	$$VALUES ('reopened'::text, NULL::text, '2025-03-20 17:30+08'::timestamptz)$$,
	'reopened with a new three-working-day clock');
SELECT is((SELECT count(*)::int FROM complaint.responsibility WHERE case_id = :nk AND until IS NULL), 2,
		  'first responder and handler are responsible again');

SELECT * FROM finish();
ROLLBACK;
