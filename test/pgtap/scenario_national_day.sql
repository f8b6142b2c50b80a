-- test/pgtap/scenario_national_day.sql
--	  Complaints received on the eve of the 2025 National Day and
--	  Mid-Autumn break: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11
--	  make-up working days (国务院办公厅 2025 放假安排, data/cn_holidays.csv).
--	  Web inquiries and complaints are answered within 2 working days
--	  (首问责任制限时办结制 二 第五条(五)); the day of receipt is not counted.
--	  Every expected instant was counted by hand from the CSV and the CN
--	  working hours (09:00-12:00, 13:30-17:30).

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL TimeZone = 'Asia/Shanghai';

SELECT plan(17);

INSERT INTO complaint.unit (code, name) VALUES ('ND', '政务服务中心网站');
INSERT INTO complaint.unit (code, name, sector) VALUES ('ND-BANK', '某银行', 'banking');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('nd-web', '网站值班员', 'ND'), ('nd-bank', '银行客服', 'ND-BANK');

SET LOCAL complaint.staff = 'nd-web';
SET LOCAL complaint.now = '2025-09-30 21:00+08';

-- a web complaint at 20:30 on the eve: the 1st to the 8th are off, so the
-- two working days are Thursday 10-09 and Friday 10-10
INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('web', '网上投诉: 办事指南有误', '2025-09-30 20:30+08')
RETURNING id AS web, deadline AS web_deadline \gset
SELECT is(:'web_deadline'::timestamptz, '2025-10-10 17:30+08'::timestamptz,
		  'a web complaint of 09-30 evening is due 10-10, after the break');
SELECT is((SELECT r.lim::text FROM complaint.cases c JOIN complaint.time_limit_rule r ON r.id = c.rule_id WHERE c.id = :web),
		  '2 working days', 'under the 2-working-day web rule');
-- three working days reach the make-up Saturday 10-11
INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('phone', '电话投诉', '2025-09-30 20:40+08')
RETURNING deadline AS phone_deadline \gset
SELECT is(:'phone_deadline'::timestamptz, '2025-10-11 17:30+08'::timestamptz,
		  'three working days end on the make-up Saturday 10-11');
-- received on the make-up Sunday 09-28: that day is not counted either
INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('web', '周日调休日的网上咨询', '2025-09-28 11:00+08')
RETURNING deadline AS sunday_deadline \gset
SELECT is(:'sunday_deadline'::timestamptz, '2025-09-30 17:30+08'::timestamptz,
		  'received on the make-up Sunday 09-28: due Tuesday 09-30');
-- a calendar-day limit whose last day falls in the break ends on the next working day
SET LOCAL complaint.staff = 'nd-bank';
INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('visit', '银行乱收费', '2025-09-20 10:00+08')
RETURNING deadline AS bank_deadline \gset
SELECT is(:'bank_deadline'::timestamptz, '2025-10-09 17:30+08'::timestamptz,
		  '15 days from 09-20 end on 10-05, a holiday: due 10-09');
-- minutes are elapsed time: the break does not stop them
SET LOCAL complaint.staff = 'nd-web';
INSERT INTO complaint.cases (channel, matter, received_at, imposed_limit)
VALUES ('web', '紧急: 30分钟内回电', '2025-09-30 20:50+08', '30 minutes')
RETURNING deadline AS urgent_deadline \gset
SELECT is(:'urgent_deadline'::timestamptz, '2025-09-30 21:20+08'::timestamptz, '30 minutes are 30 minutes, holiday or not');
-- working hours count only inside working hours: 16:00-17:30 on 09-30 is
-- 1.5 hours, the other 2.5 run from 09:00 on 10-09 to 11:30
INSERT INTO complaint.cases (channel, matter, received_at, imposed_limit)
VALUES ('web', '限4个工作小时回复', '2025-09-30 16:00+08', '4个工作小时')
RETURNING clock_limit::text AS hours_limit, deadline AS hours_deadline \gset
SELECT is(:'hours_limit'::text, '4 working hours', 'a Chinese limit ''4个工作小时'' is four working hours');
SELECT is(:'hours_deadline'::timestamptz, '2025-10-09 11:30+08'::timestamptz, 'four working hours cross the break');

-- the complainant is asked for papers at 21:00 on 09-30 and brings them
-- at 09:00 on 10-09: the only working day in (09-30, 10-09] is the 9th,
-- so the deadline moves by one working day, to the make-up Saturday
SELECT is((SELECT status::text FROM complaint.accept(:web)), 'accepted', 'accepted on the eve');
SELECT is((SELECT paused_at FROM complaint.request_materials(:web, '{身份证明,办事指南截图}')),
		  '2025-09-30 21:00+08'::timestamptz, 'papers requested on the eve: the clock stops');
SET LOCAL complaint.now = '2025-10-09 09:00+08';
SELECT is((SELECT deadline FROM complaint.materials_received(:web)), '2025-10-11 17:30+08'::timestamptz,
		  'the papers arrive on 10-09: one working day paused, due Saturday 10-11');

-- answered in time on 10-10
SET LOCAL complaint.now = '2025-10-10 16:00+08';
SELECT is((SELECT status::text FROM complaint.answer((SELECT (complaint.start(:web)).id), '已更正办事指南')),
		  'answered', 'answered on 10-10');
SELECT is((SELECT (detail->>'in_time')::boolean FROM complaint.event WHERE case_id = :web AND kind = 'answered'),
		  true, 'the answer of 10-10 was in time');

-- refusals during the break: nothing is written
SET LOCAL complaint.now = '2025-10-03 10:00+08';
SELECT throws_ok($$INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('web', '未来', '2025-10-04 10:00+08')$$,
		  '22023', 'a case cannot be received in the future', 'a case received tomorrow is refused');
RESET complaint.staff;
SELECT throws_ok($$INSERT INTO complaint.cases (channel, matter) VALUES ('web', '无人值班')$$,
		  '28000', NULL, 'nobody on duty, nobody registers: refused');
SET LOCAL complaint.staff = 'nd-web';
SELECT throws_ok($$INSERT INTO complaint.cases (channel, matter, imposed_limit) VALUES ('web', '坏时限', '2个半工作日')$$,
		  '22P02', NULL, 'a limit that is no time limit is refused');
SELECT is((SELECT count(*)::int FROM complaint.cases WHERE first_responder IN ('nd-web', 'nd-bank')
			AND received_at > '2025-10-01'), 0, 'nothing was registered by the refused statements');

SELECT * FROM finish();
ROLLBACK;
