--
-- tour: the five-minute tour of README.md, run as it is printed there.  The
-- part between the two markers below is the README's code block, word for
-- word (the last query checks that it still is); its output here is what a
-- reader sees.  Runs in a database of its own and drops it and its role at
-- the end.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_tour;
CREATE DATABASE regress_tour;
\set regress_db :DBNAME
\c regress_tour
SET client_min_messages = warning;
-- README.md, "A five-minute tour": from here
CREATE EXTENSION complaint;
SET timezone = 'Asia/Shanghai';

-- 1. Working days on the built-in CN calendar: the 2025 National Day break
--    (1-8 October off, Saturday 11 October a make-up working day, 调休)
SELECT complaint.add_workdays(date '2025-09-30', 3);
SELECT complaint.deadline(timestamptz '2025-09-30 17:00+08', '5个工作日');

-- 2. An organisation: a hospital's service desk receives, billing handles
INSERT INTO complaint.unit (code, name, parent_code) VALUES
  ('H', '市第一人民医院', NULL), ('H-DESK', '门诊服务台', 'H'), ('H-FIN', '财务科', 'H');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
  ('dean', '周明', 'H'), ('li', '李静', 'H-DESK'), ('zheng', '郑伟', 'H-FIN');
UPDATE complaint.unit SET head_staff = 'dean' WHERE code = 'H';
UPDATE complaint.unit SET head_staff = 'zheng' WHERE code = 'H-FIN';
INSERT INTO complaint.category (code, name) VALUES ('billing', '收费');
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES ('H', 'billing', 'H-FIN');

-- 3. 李静 at the desk registers two complaints on 30 September at 17:00 (the
--    workflow clock, complaint.now, is set here to replay that day): she is
--    their first responder, billing handles them (the route), and the
--    deadline comes from the time-limit rules and the CN calendar
SET complaint.now = '2025-09-30 17:00+08';
SET complaint.staff = 'li';
INSERT INTO complaint.cases (complainant_name, complainant_contact, matter, channel, category)
VALUES ('张三', '13812345678', '重复收费', 'visit', 'billing'),
       ('李四', '13987654321', '发票错误', 'phone', 'billing')
RETURNING id, first_responder, handler_unit, status, deadline;

-- 4. Nobody can take first-inquiry responsibility away, or move a deadline
UPDATE complaint.cases SET first_responder = 'zheng' WHERE id = 1;
UPDATE complaint.cases SET deadline = deadline + interval '1 day' WHERE id = 1;

-- 5. After the holiday billing accepts and answers case 1; the desk asks
--    the complainant and closes it
SET complaint.now = '2025-10-09 10:00+08';
SET complaint.staff = 'zheng';
SELECT status FROM complaint.accept(1);
SELECT status FROM complaint.answer(1, '已退还重复收取的费用');
SET complaint.now = '2025-10-10 09:30+08';
SET complaint.staff = 'li';
SELECT status FROM complaint.record_feedback(1, 'satisfied');
SELECT status FROM complaint.close(1);
SELECT at, kind, actor, from_status, to_status FROM complaint.event WHERE case_id = 1 ORDER BY id;

-- 6. Case 2 is forgotten: the escalation sweep (which the background worker
--    runs) records each rung of the ladder once, and opens a violation
RESET complaint.staff;
SET complaint.now = '2025-10-20 09:00+08';
SELECT complaint.sweep();
SELECT step, due_at, to_staff FROM complaint.escalation WHERE case_id = 2 ORDER BY id;
SELECT kind, staff_code, unit_code FROM complaint.violation;

-- 7. What an analyst reads: the register with the complainant masked, and
--    the ranking of the units
DO $$ BEGIN PERFORM complaint.create_roles(); END $$;  -- the six group roles and their rights
CREATE ROLE tour_analyst IN ROLE complaint_analyst;
SET ROLE tour_analyst;
SELECT id, complainant_name, complainant_contact, first_responder_name, handler_unit_name, status, workdays_used
  FROM complaint.register ORDER BY id;
SELECT rank, unit_name, received, completion_pct, on_time_pct, satisfaction_pct, score, award_eligible
  FROM complaint.unit_ranking('2025-09-01', '2025-10-31');
RESET ROLE;
-- README.md, "A five-minute tour": to here

-- the README shows exactly the part between the markers
\set readme `cat README.md`
\set tour `sed -n '/^-- README.md, "A five-minute tour": from here/,/^-- README.md, "A five-minute tour": to here/p' sql/tour.sql | sed '1d;$d'`
SELECT strpos(:'readme', E'```sql\n' || :'tour' || E'\n```') > 0 AS readme_shows_this_tour;

\c :regress_db
DROP DATABASE regress_tour;
DROP ROLE tour_analyst;
