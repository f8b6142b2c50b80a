-- test/pgtap/scenario_telecom_interface.sql
--	  湖北移动 鄂市通〔2011〕331号: the 10086 customer service centre registers
--	  a complaint (its agent is the first responder) and sends the ticket to
--	  the city branch; the branch's interface person (投诉处理接口人) must hand
--	  it to the person who handles it within 30 minutes, else tell the
--	  supervising leader within 30 more (四(一)).  The case is closed only
--	  when the customer is satisfied or at least asked (一).  Plus the
--	  national telecom appeal limits (工信部 电信用户申诉处理办法).
--
--	  Expected instants are worked out by hand in the comments.

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL TimeZone = 'Asia/Shanghai';

SELECT plan(31);

-- fingerprint of the register and its history
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

INSERT INTO complaint.unit (code, name, sector) VALUES ('HBM', '湖北移动', 'telecom');
INSERT INTO complaint.unit (code, name, parent_code) VALUES
	('HBM-CSC', '省客户服务中心', 'HBM'), ('HBM-MKT', '省公司市场部', 'HBM'), ('HBM-WH', '武汉分公司', 'HBM');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('hbm-agent', '10086座席', 'HBM-CSC'),
	('hbm-if', '武汉投诉处理接口人', 'HBM-WH'),
	('hbm-wh1', '武汉投诉处理员', 'HBM-WH'),
	('hbm-old', '已离职员工', 'HBM-WH'),
	('hbm-lead', '武汉分管领导', 'HBM-WH'),
	('hbm-mkt', '市场部员工', 'HBM-MKT');
UPDATE complaint.staff SET active = false WHERE code = 'hbm-old';
UPDATE complaint.unit SET interface_staff = 'hbm-if', supervisor_staff = 'hbm-lead' WHERE code = 'HBM-WH';

-- ---------------------------------------------------------------------------
-- the ticket: registered by the agent at 10:00, sent to Wuhan at once
-- ---------------------------------------------------------------------------
SET LOCAL complaint.staff = 'hbm-agent';
SET LOCAL complaint.now = '2025-06-03 10:00+08';
INSERT INTO complaint.cases (channel, matter, complainant_name, complainant_contact)
VALUES ('phone', '话费争议: 套餐外流量扣费', '王五', '13900000001')
RETURNING id AS t1 \gset

SELECT is((SELECT first_responder FROM complaint.cases WHERE id = :t1), 'hbm-agent',
		  'the agent who took the call is the first responder');
SELECT is((SELECT handler_staff FROM complaint.cases WHERE id = :t1), 'hbm-agent',
		  'until it is sent on, the agent handles it');

SELECT is((SELECT status::text FROM complaint.transfer(:t1, 'HBM-WH')), 'transferred',
		  'the ticket goes to the Wuhan branch');
SELECT is((SELECT handler_staff FROM complaint.cases WHERE id = :t1), NULL,
		  'nobody in Wuhan has it yet: it waits with the interface person');
SELECT results_eq(
	$$SELECT staff_code, role::text, due, report_due FROM complaint.responsibility
	   WHERE case_id = $$ || :t1 || $$ AND until IS NULL ORDER BY role$$,
	$$VALUES ('hbm-agent'::text, 'first_responder'::text, NULL::timestamptz, NULL::timestamptz),
			 (NULL, 'handler', NULL, NULL),
			 ('hbm-if', 'interface', '2025-06-03 10:30+08', '2025-06-03 11:00+08')$$,
	'the interface person holds it: hand over by 10:30, else the leader is told by 11:00');
SELECT is((SELECT supervisor_staff FROM complaint.unit WHERE code = 'HBM-WH'), 'hbm-lead',
		  'the supervising leader to tell is on record for the sweep');
SELECT is((SELECT detail->>'handover_due' FROM complaint.event WHERE case_id = :t1 AND kind = 'transferred'),
		  '2025-06-03T10:30:00+08:00', 'the transfer event records the hand-over deadline');

-- refused hand-overs: to someone outside the branch, to someone who left
SET LOCAL complaint.staff = 'hbm-if';
SET LOCAL complaint.now = '2025-06-03 10:10+08';
SELECT pg_temp.snapshot() AS snap \gset
SELECT throws_ok(format('SELECT complaint.assign(%s, %L)', :t1, 'hbm-mkt'), '23514',
		  'staff member "hbm-mkt" does not belong to unit "HBM-WH"',
		  'the interface person hands over only within the branch');
SELECT throws_ok(format('SELECT complaint.assign(%s, %L)', :t1, 'hbm-old'), '42501',
		  'staff member "hbm-old" is inactive', 'nor to someone who has left');
SELECT throws_ok(format('SELECT complaint.assign(%s, %L)', :t1, 'nobody'), '23503',
		  'staff member "nobody" does not exist', 'nor to nobody');
SELECT throws_ok(format('UPDATE complaint.cases SET first_responder = %L WHERE id = %s', 'hbm-if', :t1),
		  '23514', 'the first responder of case ' || :t1 || ' cannot be changed',
		  'the interface person cannot take over the first responsibility');
SELECT is(pg_temp.snapshot(), :'snap', 'the refused hand-overs wrote nothing');

-- handed over at 10:20: in time
SET LOCAL complaint.now = '2025-06-03 10:20+08';
SELECT is((SELECT handler_staff FROM complaint.assign(:t1, 'hbm-wh1')), 'hbm-wh1',
		  'handed over to the person who handles it');
SELECT results_eq(
	$$SELECT kind::text, actor, (detail->>'late')::boolean FROM complaint.event
	   WHERE case_id = $$ || :t1 || $$ ORDER BY id DESC LIMIT 1$$,
	$$VALUES ('handed_over'::text, 'hbm-if'::text, false)$$,
	'a hand-over, by the interface person, in time');
SELECT is((SELECT until FROM complaint.responsibility WHERE case_id = :t1 AND role = 'interface'),
		  '2025-06-03 10:20+08'::timestamptz, 'the interface person''s duty ended with the hand-over');
SELECT is((SELECT count(*)::int FROM complaint.responsibility
			WHERE case_id = :t1 AND role = 'first_responder' AND until IS NULL), 1,
		  'the agent stays accountable after the transfer');

-- ---------------------------------------------------------------------------
-- a second ticket waits 50 minutes: late, and past the leader's 11:00 too
-- ---------------------------------------------------------------------------
SET LOCAL complaint.staff = 'hbm-agent';
SET LOCAL complaint.now = '2025-06-03 10:00+08';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', '信号差') RETURNING id AS t2 \gset
SELECT is((SELECT handler_unit FROM complaint.transfer(:t2, 'HBM-WH')), 'HBM-WH', 'the second ticket goes to Wuhan at 10:00');
SELECT is((SELECT count(*)::int FROM complaint.responsibility
			WHERE role = 'interface' AND until IS NULL AND due < '2025-06-03 10:45+08'
			  AND case_id = :t2), 1,
		  'at 10:45 the sweep finds an open hand-over past its due time');
SET LOCAL complaint.staff = 'hbm-if';
SET LOCAL complaint.now = '2025-06-03 10:50+08';
SELECT is((SELECT handler_staff FROM complaint.assign(:t2, 'hbm-wh1')), 'hbm-wh1', 'handed over at 10:50');
SELECT results_eq(
	$$SELECT kind::text, (detail->>'late')::boolean, detail->>'handover_due' FROM complaint.event
	   WHERE case_id = $$ || :t2 || $$ ORDER BY id DESC LIMIT 1$$,
	$$VALUES ('handed_over'::text, true, '2025-06-03T10:30:00+08:00'::text)$$,
	'a late hand-over is recorded as late');

-- ---------------------------------------------------------------------------
-- handling and closing: only with the customer's answer recorded
-- ---------------------------------------------------------------------------
SET LOCAL complaint.staff = 'hbm-wh1';
SET LOCAL complaint.now = '2025-06-03 14:00+08';
SELECT is((SELECT status::text FROM complaint.start(:t1)), 'in_progress', 'the handler starts');
SELECT is((SELECT status::text FROM complaint.answer(:t1, '已退还误扣流量费')), 'answered', 'and answers');
SELECT pg_temp.snapshot() AS snap \gset
SELECT throws_ok(format('SELECT complaint.close(%s)', :t1), '55000',
		  'case ' || :t1 || ' cannot be closed before the complainant''s feedback is recorded',
		  '直到处理完毕至客户满意: no closing before the customer was asked');
SELECT throws_ok(format('SELECT complaint.record_feedback(%s, NULL, %L)', :t1, '没说'), '22023',
		  'feedback on case ' || :t1 || ' needs the complainant''s satisfaction',
		  'feedback without the customer''s answer is refused');
SELECT is(pg_temp.snapshot(), :'snap', 'nothing written by the refused close and feedback');
SELECT is((SELECT satisfaction::text FROM complaint.record_feedback(:t1, 'satisfied', '客户满意')),
		  'satisfied', 'the customer is satisfied');
SELECT is((SELECT status::text FROM complaint.close(:t1)), 'closed', 'now the case closes');
SELECT is((SELECT count(*)::int FROM complaint.responsibility WHERE case_id = :t1 AND until IS NULL), 0,
		  'every responsibility ends with the closing');
SELECT results_eq(
	$$SELECT kind::text FROM complaint.event WHERE case_id = $$ || :t1 || $$ ORDER BY id$$,
	$$VALUES ('registered'::text), ('transferred'), ('handed_over'), ('started'), ('answered'),
			 ('feedback'), ('closed')$$,
	'the whole history of the ticket, in order');

-- ---------------------------------------------------------------------------
-- a user's appeal to the regulator (工信部): decide within 5 working days,
-- answer within 30 days from acceptance
-- ---------------------------------------------------------------------------
INSERT INTO complaint.unit (code, name, sector) VALUES ('MIIT-HB', '湖北省通信管理局 申诉受理中心', 'telecom');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('miit1', '申诉受理员', 'MIIT-HB');
SET LOCAL complaint.staff = 'miit1';
SET LOCAL complaint.now = '2025-06-03 16:00+08';
INSERT INTO complaint.cases (kind, channel, matter) VALUES ('appeal', 'web', '对运营商处理不满')
RETURNING id AS a1 \gset
-- Tuesday 06-03: the 5th working day after it is Tuesday 06-10
SELECT is((SELECT acceptance_due FROM complaint.cases WHERE id = :a1), '2025-06-10 17:30+08'::timestamptz,
		  'the decision to accept is due within 5 working days');
SET LOCAL complaint.now = '2025-06-06 09:00+08';
-- accepted Friday 06-06: 30 days later is Sunday 07-06, so Monday 07-07
SELECT is((SELECT deadline FROM complaint.accept(:a1)), '2025-07-07 17:30+08'::timestamptz,
		  'the 30 days count from acceptance, ending on a working day');

SELECT * FROM finish();
ROLLBACK;
