--
-- history: the register and its history are append-only.  Nobody, not
-- even a superuser, updates, deletes or truncates them; only the
-- extension's own code inserts history rows.  Trigger functions refuse
-- to be wired wrongly.  User-filled tables are registered for pg_dump.
--
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';

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
END
$$;
SELECT pg_temp.reset_register();

CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

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

INSERT INTO complaint.unit (code, name) VALUES ('S', '政务服务中心');
INSERT INTO complaint.unit (code, name, parent_code) VALUES ('S-W1', '一号窗口', 'S'), ('S-W2', '二号窗口', 'S');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('w1', '窗口一', 'S-W1'), ('w2', '窗口二', 'S-W2');
SET complaint.staff = 'w1';
SET complaint.now = '2025-04-01 10:00+08';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '办理营业执照咨询');
SELECT status FROM complaint.accept(1);
SELECT status FROM complaint.transfer(1, 'S-W2', 'w2', '属二号窗口');
SELECT count(*) AS events FROM complaint.event;
SELECT count(*) AS responsibilities FROM complaint.responsibility;

-- ---------------------------------------------------------------------------
-- the history cannot be rewritten, by anyone
-- ---------------------------------------------------------------------------
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$UPDATE complaint.event SET actor = 'w2' WHERE id = 1$$);
SELECT pg_temp.try($$UPDATE complaint.event SET detail = '{}'$$);
SELECT pg_temp.try($$DELETE FROM complaint.event WHERE id = 1$$);
SELECT pg_temp.try($$TRUNCATE complaint.event$$);
SELECT pg_temp.try($$INSERT INTO complaint.event (case_id, at, kind, actor) VALUES (1, now(), 'closed', 'w1')$$);
SELECT pg_temp.try($$COPY complaint.event (case_id, at, kind) FROM PROGRAM 'printf ''1\t2025-04-01\tclosed\n'''$$);
SELECT pg_temp.try($$UPDATE complaint.responsibility SET until = now() WHERE until IS NULL$$);
SELECT pg_temp.try($$UPDATE complaint.responsibility SET staff_code = 'w2' WHERE role = 'first_responder'$$);
SELECT pg_temp.try($$DELETE FROM complaint.responsibility$$);
SELECT pg_temp.try($$TRUNCATE complaint.responsibility$$);
SELECT pg_temp.try($$INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since) VALUES (1, 'w2', 'S-W2', 'first_responder', now())$$);
-- the register itself: no case is ever deleted
SELECT pg_temp.try($$DELETE FROM complaint.cases WHERE id = 1$$);
SELECT pg_temp.try($$TRUNCATE complaint.cases CASCADE$$);
-- writable CTEs go through the same guards
SELECT pg_temp.try($$WITH d AS (DELETE FROM complaint.event RETURNING 1) SELECT count(*) FROM d$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- a failed step inside a savepoint leaves no way in behind it
BEGIN;
SAVEPOINT s;
SELECT pg_temp.try($$SELECT complaint.transfer(1, 'NOWHERE')$$);
ROLLBACK TO SAVEPOINT s;
SELECT pg_temp.try($$INSERT INTO complaint.event (case_id, at, kind) VALUES (1, now(), 'closed')$$);
-- a step that passes the trigger but fails a constraint afterwards records nothing
SAVEPOINT t;
ALTER TABLE complaint.cases ADD CONSTRAINT regress_no_x CHECK (complainant_contact <> 'x') NOT VALID;
SELECT split_part(pg_temp.try($$UPDATE complaint.cases SET complainant_contact = 'x', status = 'in_progress' WHERE id = 1$$), E'\n', 1);
ROLLBACK TO SAVEPOINT t;
UPDATE complaint.cases SET complainant_contact = complainant_contact WHERE id = 1;
SELECT pg_temp.try($$UPDATE complaint.cases SET category = 'nope' WHERE id = 1$$);
COMMIT;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- a new transaction starts with the door closed as well
SELECT pg_temp.try($$INSERT INTO complaint.event (case_id, at, kind) VALUES (1, now(), 'closed')$$);

-- what the history shows
SELECT id, case_id, kind, actor, from_status, to_status FROM complaint.event ORDER BY id;
SELECT case_id, staff_code, unit_code, role, since, until FROM complaint.responsibility ORDER BY id;

-- ---------------------------------------------------------------------------
-- history rows are written without SQL, but as an INSERT would write them:
-- row triggers and constraints on the history apply; a table the direct
-- path cannot reproduce (a statement trigger) gets an INSERT statement
-- instead; both write the same columns
-- ---------------------------------------------------------------------------
CREATE FUNCTION public.regress_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_LEVEL = 'ROW' THEN
		RAISE NOTICE '% row of %: case %, %, actor %, % -> %, %', TG_WHEN, TG_TABLE_NAME,
			NEW.case_id, NEW.kind, NEW.actor, NEW.from_status, NEW.to_status, NEW.detail;
	ELSE
		RAISE NOTICE '% statement on %', TG_WHEN, TG_TABLE_NAME;
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER regress_seen AFTER INSERT ON complaint.event
	FOR EACH ROW EXECUTE FUNCTION public.regress_seen();
SET client_min_messages = notice;
SET complaint.now = '2025-04-02 09:00+08';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '咨询社保转移') RETURNING id;
SELECT status FROM complaint.accept(2);
-- a statement trigger: the same steps through SQL, row trigger included
CREATE TRIGGER regress_seen_stmt AFTER INSERT ON complaint.event
	FOR EACH STATEMENT EXECUTE FUNCTION public.regress_seen();
SELECT status FROM complaint.start(2);
SELECT status FROM complaint.answer(2, '已告知办理流程');
DROP TRIGGER regress_seen_stmt ON complaint.event;
SELECT status FROM complaint.record_feedback(2, 'satisfied');
DROP TRIGGER regress_seen ON complaint.event;
SET client_min_messages = warning;
-- a check constraint on the history: the step fails and writes nothing
SELECT pg_temp.snapshot() AS snap \gset
ALTER TABLE complaint.event ADD CONSTRAINT regress_no_close CHECK (kind <> 'closed') NOT VALID;
SELECT pg_temp.try($$SELECT complaint.close(2)$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
ALTER TABLE complaint.event DROP CONSTRAINT regress_no_close;
SELECT status FROM complaint.close(2);
DROP FUNCTION public.regress_seen();
-- every column of the events of case 2, whichever way they were written
SELECT id, case_id, at, kind, actor, from_status, to_status, detail
  FROM complaint.event WHERE case_id = 2 ORDER BY id;
-- the actor is kept as text: history outlives staff rows
SELECT count(*) AS event_foreign_keys FROM pg_constraint
 WHERE conrelid = 'complaint.event'::regclass AND contype = 'f';

-- responsibility rows likewise: row triggers, constraints and foreign keys
-- apply to the rows a step writes and ends without SQL; a statement
-- trigger, or no index on case_id, sends the step through SQL instead
CREATE FUNCTION public.regress_seen_resp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_LEVEL = 'ROW' THEN
		RAISE NOTICE '% % row of %: case %, %, %, %, since %, until %, due %', TG_WHEN, TG_OP, TG_TABLE_NAME,
			NEW.case_id, NEW.role, NEW.staff_code, NEW.unit_code, NEW.since, NEW.until, NEW.due;
	ELSE
		RAISE NOTICE '% % statement on %', TG_WHEN, TG_OP, TG_TABLE_NAME;
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER regress_seen AFTER INSERT OR UPDATE ON complaint.responsibility
	FOR EACH ROW EXECUTE FUNCTION public.regress_seen_resp();
SET client_min_messages = notice;
SET complaint.now = '2025-04-03 09:00+08';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '咨询公积金提取') RETURNING id;
SELECT status FROM complaint.accept(3);
SELECT status FROM complaint.transfer(3, 'S-W2', 'w2', '属二号窗口');
SELECT status FROM complaint.transfer(3, 'S-W1', NULL, '退回一号窗口');
CREATE TRIGGER regress_seen_stmt AFTER INSERT OR UPDATE ON complaint.responsibility
	FOR EACH STATEMENT EXECUTE FUNCTION public.regress_seen_resp();
SELECT status FROM complaint.transfer(3, 'S-W2', 'w2', '再转二号窗口');
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '咨询医保报销') RETURNING id;
DROP TRIGGER regress_seen_stmt ON complaint.responsibility;
DROP TRIGGER regress_seen ON complaint.responsibility;
SET client_min_messages = warning;
-- a foreign key of a row written without SQL is checked
CREATE FUNCTION public.regress_ghost() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.staff_code := 'ghost';
	RETURN NEW;
END
$$;
CREATE TRIGGER regress_ghost BEFORE INSERT ON complaint.responsibility
	FOR EACH ROW WHEN (NEW.role = 'handler') EXECUTE FUNCTION public.regress_ghost();
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$SELECT complaint.transfer(3, 'S-W1', 'w1', '又转一号窗口')$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
DROP TRIGGER regress_ghost ON complaint.responsibility;
DROP FUNCTION public.regress_ghost();
DROP FUNCTION public.regress_seen_resp();
SELECT status FROM complaint.start(3);
SELECT status FROM complaint.answer(3, '已告知提取材料');
SELECT status FROM complaint.record_feedback(3, 'satisfied');
-- a check constraint on an ended row: the step fails and writes nothing
SET complaint.now = '2025-04-07 09:00+08';
SELECT pg_temp.snapshot() AS snap \gset
ALTER TABLE complaint.responsibility ADD CONSTRAINT regress_short
	CHECK (until IS NULL OR until < since + interval '1 day') NOT VALID;
SELECT pg_temp.try($$SELECT complaint.close(3)$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
ALTER TABLE complaint.responsibility DROP CONSTRAINT regress_short;
-- without the index on case_id (SQL), then with it: the same rows
BEGIN;
DROP INDEX complaint.responsibility_case_idx;
SELECT status FROM complaint.close(3);
SELECT id, case_id, staff_code, unit_code, role, since, until, due, report_due, open_due
  FROM complaint.responsibility WHERE case_id = 3 ORDER BY id;
ROLLBACK;
-- ending a role without a running timer changes no indexed value (until is
-- in no index; open_due, generated, stays NULL): a HOT update; a role whose
-- timer was running leaves the sweep's index (open_due becomes NULL)
BEGIN;
SELECT n_tup_upd AS upd0, n_tup_hot_upd AS hot0 FROM pg_stat_xact_user_tables
 WHERE relid = 'complaint.responsibility'::regclass \gset
SELECT status FROM complaint.close(3);
SELECT n_tup_upd - :upd0 AS ended, n_tup_hot_upd - :hot0 AS hot_updates
  FROM pg_stat_xact_user_tables WHERE relid = 'complaint.responsibility'::regclass;
COMMIT;
SELECT id, case_id, staff_code, unit_code, role, since, until, due, report_due, open_due
  FROM complaint.responsibility WHERE case_id = 3 ORDER BY id;

-- ---------------------------------------------------------------------------
-- the trigger functions refuse to be wired wrongly (39P01)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE wired (id bigint, matter text);
-- fire complaint.fn() as "timing event ... FOR EACH level" on wired
CREATE FUNCTION pg_temp.wired(timing text, level text, fn text, stmt text) RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
	result text;
BEGIN
	EXECUTE format('CREATE TRIGGER t %s ON wired FOR EACH %s EXECUTE FUNCTION complaint.%I()', timing, level, fn);
	result := pg_temp.try(stmt);
	DROP TRIGGER t ON wired;
	RETURN result;
END
$f$;
SELECT pg_temp.wired('AFTER INSERT', 'ROW', 'history_guard', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE INSERT', 'STATEMENT', 'history_guard', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE INSERT', 'ROW', 'case_register', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('AFTER INSERT', 'ROW', 'case_register', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE INSERT', 'ROW', 'case_guard', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE UPDATE', 'STATEMENT', 'case_history', $$UPDATE wired SET id = 2$$);
SELECT pg_temp.wired('AFTER INSERT', 'ROW', 'reproject_calendar', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE INSERT', 'STATEMENT', 'reproject_rule', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE INSERT', 'STATEMENT', 'org_changed', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('BEFORE INSERT', 'ROW', 'escalation_watch_sync', $$INSERT INTO wired VALUES (1, 'x')$$);
SELECT pg_temp.wired('AFTER INSERT', 'ROW', 'escalation_watch_sync', $$INSERT INTO wired VALUES (1, 'x')$$);
-- and a trigger function is no ordinary function
SELECT pg_temp.try($$SELECT complaint.case_guard()$$);
DROP TABLE wired;

-- ---------------------------------------------------------------------------
-- pg_dump keeps what users fill in: every such table and its sequence is
-- an extension configuration table (the presets only as far as they are
-- the user's own)
-- ---------------------------------------------------------------------------
SELECT c.relname, c.relkind, coalesce(x.cond, '') AS condition
  FROM pg_extension e,
	   unnest(e.extconfig, e.extcondition) AS x(oid, cond)
  JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'complaint'
   AND c.relname IN ('unit', 'staff', 'category', 'time_limit_rule', 'time_limit_rule_id_seq',
					 'cases', 'cases_id_seq', 'responsibility', 'responsibility_id_seq',
					 'event', 'event_id_seq', 'route', 'route_id_seq')
 ORDER BY c.relname;

-- an administrator can still clean a test database: replica mode turns
-- the guards off (superuser only), which is what pg_restore
-- --disable-triggers relies on as well
SELECT pg_temp.reset_register();
SELECT count(*) AS cases_left FROM complaint.cases;
