--
-- feed: the delivery feed's SQL interface (src/sql/install/66_feed.sql):
-- what the sweep and people's steps put in it, the notices a consumer
-- reads (no complainant data), registration, reading and acknowledging
-- with every bad input refused and nothing written, numbering of rows
-- committed out of order, and who may do what.  In a database of its own,
-- so that ids and numbers do not depend on the other tests.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_feed;
CREATE DATABASE regress_feed;
\set regress_db :DBNAME
\c regress_feed
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET timezone = 'UTC';			-- notices say their times in the unit's time zone
SET datestyle = ISO, YMD;
\set VERBOSITY terse

-- an organisation in two time zones: D1 counts on the CN calendar
-- (Asia/Shanghai), D2 on a calendar in Europe/Paris
INSERT INTO complaint.calendar (name, time_zone) VALUES ('FEEDEU', 'Europe/Paris');
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, calendar)
VALUES ('HQ', 'province', NULL, 'H0', 'L0', 'CN'), ('D1', 'city', 'HQ', NULL, NULL, 'CN'),
	   ('D2', 'branch abroad', 'HQ', 'H2', NULL, 'FEEDEU'), ('ACC', 'accountability office', NULL, 'A1', NULL, 'CN');
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', '王主任', 'HQ'), ('L0', 'leader', 'HQ'), ('A1', 'auditor', 'ACC'),
	   ('S1', 'first responder', 'D1'), ('S2', '李四', 'D1'), ('H2', 'head abroad', 'D2'), ('S3', 'handler abroad', 'D2');
COMMIT;
UPDATE complaint.escalation_policy SET office_unit = 'ACC' WHERE rule_id IS NULL;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('feed 60 min', 'answer', '60 minutes', 'test');
INSERT INTO complaint.escalation_policy (rule_id, office_unit) SELECT id, 'ACC' FROM complaint.time_limit_rule WHERE name = 'feed 60 min';

-- a consumer from the beginning, before anything happened
SELECT complaint.feed_register('sms', 'beginning') AS sms_position;

-- two cases with complainants, past their 60-minute limit
SET complaint.staff = 'S1';
SET complaint.now = '2025-03-03 09:00+08';
INSERT INTO complaint.cases (channel, matter, handler_unit, handler_staff, rule_id, complainant_name, complainant_contact)
SELECT 'phone', 'FEEDMARK matter', u, h, r.id, 'FEEDMARK 张三', '13800FEEDMARK'
  FROM complaint.time_limit_rule r, (VALUES ('D1', 'S2'), ('D2', 'S3')) AS x(u, h) WHERE r.name = 'feed 60 min';
RESET complaint.staff;
RESET complaint.now;

-- nothing in the feed yet; the sweep records the five rungs of each case,
-- the no-answer violations, the proposed sanctions and self-check notices
SELECT count(*) AS feed_rows FROM complaint.feed;
SELECT complaint.sweep('2025-03-03 14:00+08') AS recorded;
SELECT kind, count(*) AS rows, count(seq) AS numbered FROM complaint.feed GROUP BY kind ORDER BY kind;

-- reading: numbers the rows, returns them in order, one JSON line each,
-- times in the time zone of the unit that must act
SELECT seq, notice FROM complaint.feed_read('sms', 3);
-- the position does not move until the consumer acknowledges
SELECT seq FROM complaint.feed_read('sms', 3);
SELECT complaint.feed_ack('sms', 2) AS position;
SELECT seq, notice::json->>'key' AS key, notice::json->>'step' AS step, notice::json->>'staff' AS staff,
	   notice::json->>'staff_name' AS staff_name, notice::json->>'unit' AS unit, notice::json->>'deadline' AS deadline
  FROM complaint.feed_read('sms', 100);
-- every kind's notice, in full
SELECT DISTINCT ON (notice::json->>'kind') notice::json->>'kind' AS kind, notice
  FROM complaint.feed_read('sms', 100) ORDER BY notice::json->>'kind', seq;
-- no complainant data in any notice
SELECT count(*) AS notices, count(*) FILTER (WHERE notice LIKE '%FEEDMARK%' OR notice LIKE '%13800%') AS with_complainant_data
  FROM complaint.feed_read('sms', 100);

-- a person's steps reach the feed too: the hearing is not a notice, the
-- decision is (with the appeal deadline), and so is the window's closing
SET complaint.staff = 'A1';
SET complaint.now = '2025-03-04 10:00+08';
SELECT complaint.record_hearing(min(id), 'heard') FROM complaint.sanction;
SELECT complaint.decide_sanction(min(id)) AS appeal_until FROM complaint.sanction;
RESET complaint.staff;
RESET complaint.now;
SELECT complaint.sweep('2025-03-20 10:00+08') AS recorded;
SELECT seq, notice::json->>'kind' AS kind, notice::json->>'staff' AS staff, notice::json->>'deadline' AS deadline,
	   notice::json->'detail'->>'appealed' AS appealed
  FROM complaint.feed_read('sms', 100) WHERE notice::json->>'kind' LIKE 'sanction_decided' OR notice::json->>'kind' LIKE 'appeal%';

-- more records (the wake-up NOTIFY they send, once per transaction, is
-- shown by test/isolation/specs/sweep_race.spec: psql prints the pid)
SET complaint.staff = 'S1';
SET complaint.now = '2025-03-21 09:00+08';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'wake', 'S2', r.id FROM complaint.time_limit_rule r, generate_series(1, 3) WHERE r.name = 'feed 60 min';
RESET complaint.staff;
RESET complaint.now;
SELECT complaint.sweep('2025-03-21 14:00+08') AS recorded;

-- lag: behind = numbered notices after the position; not_numbered come after
SELECT consumer, position, feed_end, behind, not_numbered, delivered FROM complaint.feed_lag;
SELECT count(*) AS read FROM complaint.feed_read('sms', 1000);
SELECT consumer, position, feed_end, behind, not_numbered, delivered FROM complaint.feed_lag;
SELECT complaint.feed_ack('sms', complaint.feed_end()) = complaint.feed_end() AS caught_up;
-- acknowledging again, or an earlier notice, changes nothing
SELECT complaint.feed_ack('sms', 5) = complaint.feed_end() AS position_kept;
SELECT count(*) AS nothing_left FROM complaint.feed_read('sms', 1000);
SELECT consumer, behind, not_numbered, delivered = position AS delivered_all FROM complaint.feed_lag;

-- a consumer registered at the end starts after everything recorded so far
SELECT complaint.feed_register('mail') = complaint.feed_end() AS starts_at_end;
SELECT count(*) AS nothing_for_mail FROM complaint.feed_read('mail');

-- ---------------------------------------------------------------------------
-- rows committed out of order are numbered in commit order: none skipped
-- ---------------------------------------------------------------------------
-- (test/isolation/specs/feed_order.spec shows it with two sessions; here
-- the ids are taken by hand, as the trigger takes them, and the row with
-- the higher id is committed first)
-- take two ids, commit the higher first
SELECT nextval(pg_get_serial_sequence('complaint.feed', 'id')) AS low_id \gset
SELECT nextval(pg_get_serial_sequence('complaint.feed', 'id')) AS high_id \gset
INSERT INTO complaint.feed (id, kind, ref_id) OVERRIDING SYSTEM VALUE VALUES (:high_id, 'escalation', 2);
SELECT seq, notice::json->>'key' AS key FROM complaint.feed_read('mail');
SELECT complaint.feed_ack('mail', complaint.feed_end()) > 0 AS acked_high;
INSERT INTO complaint.feed (id, kind, ref_id) OVERRIDING SYSTEM VALUE VALUES (:low_id, 'escalation', 3);
-- the late row gets the next number and is read after the acknowledged one
SELECT seq, notice::json->>'key' AS key FROM complaint.feed_read('mail');
SELECT (SELECT seq FROM complaint.feed WHERE id = :low_id) > (SELECT seq FROM complaint.feed WHERE id = :high_id) AS late_row_numbered_later;
-- the next read can carry the acknowledgement of the batch before it
SELECT count(*) AS nothing_after_it FROM complaint.feed_read('mail', 10, complaint.feed_end());
SELECT position = complaint.feed_end() AS acknowledged_with_the_read FROM complaint.feed_consumer WHERE name = 'mail';

-- ---------------------------------------------------------------------------
-- bad input: a clear error, nothing written
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE before AS
SELECT (SELECT string_agg(x::text, '|' ORDER BY name) FROM complaint.feed_consumer x) AS consumers,
	   (SELECT string_agg(x::text, '|' ORDER BY id) FROM complaint.feed x) AS feed,
	   complaint.feed_end() AS last_seq;
-- bad consumer names
SELECT complaint.feed_register(NULL);
SELECT complaint.feed_register('');
SELECT complaint.feed_register('SMS');
SELECT complaint.feed_register('1sms');
SELECT complaint.feed_register('sms gateway');
SELECT complaint.feed_register('sms;drop');
SELECT complaint.feed_register('短信');
SELECT complaint.feed_register(repeat('a', 64));
SELECT complaint.feed_register('sms', NULL);
SELECT complaint.feed_register('sms2', 'tomorrow');
-- registered already
SELECT complaint.feed_register('sms');
-- unknown consumer
SELECT * FROM complaint.feed_read('nobody');
SELECT complaint.feed_ack('nobody', 1);
SELECT complaint.feed_unregister('nobody');
SELECT * FROM complaint.feed_read('No Body');
SELECT * FROM complaint.feed_read(NULL);
-- how many
SELECT * FROM complaint.feed_read('sms', 0);
SELECT * FROM complaint.feed_read('sms', 100001);
SELECT * FROM complaint.feed_read('sms', NULL);
-- acknowledging beyond the end, a negative or a null number
SELECT complaint.feed_ack('sms', complaint.feed_end() + 1);
SELECT complaint.feed_ack('sms', 9223372036854775807);
SELECT complaint.feed_ack('sms', -1);
SELECT complaint.feed_ack('sms', NULL);
SELECT * FROM complaint.feed_read('sms', 10, complaint.feed_end() + 1);
-- reading inside a transaction block
BEGIN;
SELECT * FROM complaint.feed_read('sms');
ROLLBACK;
-- the full message of two of them
\set VERBOSITY default
SELECT complaint.feed_ack('sms', complaint.feed_end() + 1);
SELECT * FROM complaint.feed_read('nobody');
\set VERBOSITY terse
SELECT (SELECT string_agg(x::text, '|' ORDER BY name) FROM complaint.feed_consumer x) IS NOT DISTINCT FROM b.consumers
	   AND (SELECT string_agg(x::text, '|' ORDER BY id) FROM complaint.feed x) IS NOT DISTINCT FROM b.feed
	   AND complaint.feed_end() = b.last_seq AS nothing_written
  FROM before b;
-- the C helpers refuse a bad time zone and pass infinity through
SELECT complaint.feed_time('2025-03-03 12:00+00', 'Mars/Olympus');
SELECT complaint.feed_time('infinity', 'UTC'), complaint.feed_time('2025-07-01 12:00+00', 'Europe/Paris'),
	   complaint.feed_time('2025-01-01 12:00+00', 'Europe/Paris'), complaint.feed_time('2025-01-01 12:00:00.5+00', 'Asia/Kolkata');
-- the capture trigger only where it belongs
CREATE TEMP TABLE t (id bigint);
CREATE TRIGGER t AFTER INSERT ON t REFERENCING NEW TABLE AS feed_new FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
INSERT INTO t VALUES (1);
DROP TABLE t;

-- unregistering forgets the position
SELECT complaint.feed_unregister('mail');
SELECT consumer FROM complaint.feed_lag ORDER BY 1;

-- ---------------------------------------------------------------------------
-- privileges: the monitor delivers, the administrator registers
-- ---------------------------------------------------------------------------
SELECT count(*) >= 0 AS roles_ready FROM complaint.create_roles();
CREATE ROLE regress_feed_monitor IN ROLE complaint_monitor;
CREATE ROLE regress_feed_admin IN ROLE complaint_admin;
CREATE ROLE regress_feed_staff IN ROLE complaint_staff;
CREATE ROLE regress_feed_nobody;
SET ROLE regress_feed_monitor;
SELECT count(*) > 0 AS monitor_reads FROM complaint.feed_read('sms');
SELECT complaint.feed_ack('sms', (SELECT max(seq) FROM complaint.feed_read('sms'))) >= 0 AS monitor_acks;
SELECT consumer, behind FROM complaint.feed_lag;
SELECT complaint.feed_register('monitor-own');
SELECT count(*) FROM complaint.feed;
SELECT count(*) FROM complaint.escalation;
UPDATE complaint.feed_consumer SET position = 0;
RESET ROLE;
SET ROLE regress_feed_admin;
SELECT complaint.feed_register('pager') >= 0 AS admin_registers;
SELECT complaint.feed_unregister('pager');
SELECT count(*) >= 0 AS admin_sees_lag FROM complaint.feed_lag;
SELECT * FROM complaint.feed_read('sms');
SELECT complaint.feed_ack('sms', 1);
RESET ROLE;
SET ROLE regress_feed_staff;
SELECT * FROM complaint.feed_read('sms');
SELECT * FROM complaint.feed_lag;
SELECT complaint.feed_register('staff-own');
RESET ROLE;
SET ROLE regress_feed_nobody;
SELECT * FROM complaint.feed_read('sms');
SELECT complaint.feed_ack('sms', 1);
SELECT * FROM complaint.feed_lag;
SELECT * FROM complaint.feed;
SELECT complaint.feed_time(now(), 'UTC');
RESET ROLE;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_feed;
DROP ROLE regress_feed_monitor, regress_feed_admin, regress_feed_staff, regress_feed_nobody;
