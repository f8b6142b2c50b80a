--
-- hostile_input: what a caller can throw at the workflow's C code.
--   (a) every C trigger function of the extension attached where it does
--       not belong (tables of our own with wrong column types or NULLs, a
--       same-named table in another schema, a view, the extension's own
--       tables with the wrong timing, level or event): always 39P01;
--   (b) every column of complaint.cases set to NULL by INSERT and by
--       UPDATE, every argument of every step function NULL, and values out
--       of range: a clear SQLSTATE (never XX000, never a crash), no
--       complainant data in any message, nothing written;
--   (c) a reclassification after an extension counted in another unit
--       (once an internal error) converts correctly.
-- Run as superuser (the grants that keep PUBLIC away from these functions
-- are tested in roles.sql).
--
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
\set VERBOSITY terse

CREATE FUNCTION pg_temp.reset_register() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('session_replication_role', 'replica', true);
	TRUNCATE complaint.cases, complaint.event, complaint.responsibility, complaint.escalation_watch
		RESTART IDENTITY CASCADE;
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

-- fingerprint of everything the workflow writes
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), '')
			|| coalesce((SELECT string_agg(w::text, '|' ORDER BY w.case_id) FROM complaint.escalation_watch w), ''))
$$;

-- the complainant's data in every case of this file: no message may show it
CREATE FUNCTION pg_temp.marker() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'HOSTILE-MARKER-7f3a' $$;

-- attempt: run stmt (which returns one text value) and undo whatever it
-- did; state is 'ok' (message: the value returned) or the SQLSTATE with
-- the message; leaks says whether message, detail or hint show the marker
CREATE FUNCTION pg_temp.attempt(stmt text, OUT state text, OUT message text, OUT leaks boolean)
LANGUAGE plpgsql AS $$
DECLARE
	det text;
	hnt text;
	res text;
BEGIN
	leaks := false;
	BEGIN
		EXECUTE stmt INTO res;
		state := 'ok';
		message := res;
		RAISE EXCEPTION 'undo' USING ERRCODE = 'ZZ001';
	EXCEPTION
		WHEN SQLSTATE 'ZZ001' THEN
			NULL;
		WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
				det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
			leaks := position(pg_temp.marker() IN concat_ws(' ', message, det, hnt)) > 0;
	END;
END
$$;

-- an enterprise with two departments; hq-boss heads it (and so may
-- approve extensions for both departments)
INSERT INTO complaint.unit (code, name, sector) VALUES ('HQ', '总部', 'enterprise');
INSERT INTO complaint.unit (code, name, parent_code) VALUES ('HQ-A', '甲部门', 'HQ'), ('HQ-B', '乙部门', 'HQ');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('hq-boss', '总经理', 'HQ'), ('a1', '甲一', 'HQ-A'), ('a2', '甲二', 'HQ-A'), ('b1', '乙一', 'HQ-B');
UPDATE complaint.unit SET head_staff = 'hq-boss' WHERE code = 'HQ';
INSERT INTO complaint.category (code, name) VALUES ('service', '服务');

SET complaint.now = '2025-03-03 10:00+08';	-- a Monday
SET complaint.staff = 'a1';

-- six cases, one in each state a step starts from (petitions: their rule
-- allows extensions, in working days)
INSERT INTO complaint.cases (kind, channel, matter, complainant_name, complainant_contact)
SELECT 'petition', 'letter', '第' || i || '件', pg_temp.marker(), pg_temp.marker()
  FROM generate_series(1, 6) AS i;
DO $$
BEGIN
	PERFORM complaint.accept(2);
	PERFORM complaint.start(2);
	PERFORM complaint.accept(3);
	PERFORM complaint.start(3);
	PERFORM complaint.request_materials(3, ARRAY['身份证']);
	PERFORM complaint.accept(4);
	PERFORM complaint.start(4);
	PERFORM complaint.answer(4, '已答复');
	PERFORM complaint.accept(5);
	PERFORM complaint.start(5);
	PERFORM complaint.answer(5, '已答复');
	PERFORM complaint.record_feedback(5, 'satisfied');
	PERFORM complaint.accept(6);
	PERFORM complaint.start(6);
	PERFORM complaint.answer(6, '已答复');
	PERFORM complaint.record_feedback(6, 'satisfied');
	PERFORM complaint.close(6);
END
$$;
SELECT c.id, c.status, r.name AS rule, c.clock_limit, c.deadline
  FROM complaint.cases c JOIN complaint.time_limit_rule r ON r.id = c.rule_id ORDER BY c.id;

SELECT pg_temp.fingerprint() AS before_all \gset

-- ===========================================================================
-- (a) the trigger functions, attached where they do not belong
-- ===========================================================================

-- the issue's attack, as it was reported: a table of one's own whose
-- update fires complaint.reproject_rule() (it crashed the server)
CREATE TEMP TABLE t (id bigint, lim int);
CREATE TRIGGER t AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION complaint.reproject_rule();
INSERT INTO t VALUES (1, 1);
UPDATE t SET lim = 2;
DROP TABLE t;
-- the same with a time_limit column in a table named like the real one
CREATE TABLE public.time_limit_rule AS SELECT * FROM complaint.time_limit_rule WHERE false;
INSERT INTO public.time_limit_rule (id, lim) SELECT rule_id, clock_limit FROM complaint.cases WHERE id = 2;
CREATE TRIGGER t AFTER UPDATE ON public.time_limit_rule FOR EACH ROW EXECUTE FUNCTION complaint.reproject_rule();
UPDATE public.time_limit_rule SET lim = '1 minute';
SELECT lim FROM public.time_limit_rule;
DROP TRIGGER t ON public.time_limit_rule;
-- full messages, once
\set VERBOSITY default
CREATE TEMP TABLE t (id bigint, lim int);
CREATE TRIGGER t BEFORE INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION complaint.case_register();
INSERT INTO t VALUES (1, 1);
DROP TABLE t;
\set VERBOSITY terse

-- tables of our own: wrong column types; a copy of complaint.cases (and
-- of the calendar) in schema public, all NULL but the id; a view
CREATE TEMP TABLE hostile_wrong (id text, lim integer, status integer, matter integer, channel integer);
INSERT INTO hostile_wrong VALUES ('x', 1, 2, 3, 4);
CREATE TABLE public.cases AS SELECT * FROM complaint.cases WHERE false;
INSERT INTO public.cases (id) VALUES (1);
CREATE TABLE public.calendar AS SELECT * FROM complaint.calendar WHERE false;
INSERT INTO public.calendar (name) VALUES ('CN');
CREATE TEMP VIEW hostile_view AS SELECT * FROM hostile_wrong;

CREATE TEMP TABLE trigger_fn (fn text);
INSERT INTO trigger_fn VALUES ('case_register'), ('case_guard'), ('case_history'), ('history_guard'),
	('escalation_watch_sync'), ('reproject_snapshot'), ('reproject_calendar'), ('reproject_rule'),
	('calendar_changed'), ('org_changed');
-- every trigger function of the extension is in the list
SELECT p.proname AS unlisted_trigger_function
  FROM pg_proc p
 WHERE p.pronamespace = 'complaint'::regnamespace AND p.prorettype = 'trigger'::regtype
   AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
   AND p.proname NOT IN (SELECT fn FROM trigger_fn);

-- fire fn as "timing event ... FOR EACH level" on tab by stmt; undone
CREATE FUNCTION pg_temp.fire(fn text, tab text, timing text, level text, event text, stmt text)
	RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	SELECT * INTO r FROM pg_temp.attempt(
		format('SELECT pg_temp.fire_do(%L, %L)',
			   format('CREATE TRIGGER a_hostile %s %s ON %s FOR EACH %s EXECUTE FUNCTION complaint.%I()',
					  timing, event, tab, level, fn),
			   stmt));
	RETURN CASE WHEN r.state = 'ok' THEN 'ok' ELSE r.state END;
END
$$;
CREATE FUNCTION pg_temp.fire_do(ddl text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE ddl;
	EXECUTE stmt;
	RETURN 'ok';
END
$$;

CREATE TEMP TABLE fired (fn text, tab text, timing text, level text, event text, state text);
DO $$
DECLARE
	f record;
	t record;
	timing text;
	level text;
	event text;
	stmt text;
BEGIN
	FOR f IN SELECT fn FROM trigger_fn LOOP
		FOR t IN SELECT * FROM (VALUES ('hostile_wrong', 'id'), ('public.cases', 'id'),
									   ('public.calendar', 'name'), ('public.time_limit_rule', 'id')) AS x(tab, col) LOOP
			FOREACH timing IN ARRAY ARRAY['BEFORE', 'AFTER'] LOOP
				FOREACH level IN ARRAY ARRAY['ROW', 'STATEMENT'] LOOP
					FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] LOOP
						CONTINUE WHEN level = 'ROW' AND event = 'TRUNCATE';
						stmt := CASE event
							WHEN 'INSERT' THEN format('INSERT INTO %s SELECT * FROM %s LIMIT 1', t.tab, t.tab)
							WHEN 'UPDATE' THEN format('UPDATE %s SET %I = %I', t.tab, t.col, t.col)
							WHEN 'DELETE' THEN format('DELETE FROM %s', t.tab)
							ELSE format('TRUNCATE %s', t.tab) END;
						INSERT INTO fired VALUES (f.fn, t.tab, timing, level, event,
												  pg_temp.fire(f.fn, t.tab, timing, level, event, stmt));
					END LOOP;
				END LOOP;
			END LOOP;
		END LOOP;
		FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
			stmt := CASE event
				WHEN 'INSERT' THEN 'INSERT INTO hostile_view SELECT * FROM hostile_wrong'
				WHEN 'UPDATE' THEN 'UPDATE hostile_view SET id = id'
				ELSE 'DELETE FROM hostile_view' END;
			INSERT INTO fired VALUES (f.fn, 'hostile_view', 'INSTEAD OF', 'ROW', event,
									  pg_temp.fire(f.fn, 'hostile_view', 'INSTEAD OF', 'ROW', event, stmt));
		END LOOP;
	END LOOP;
END
$$;
-- one line per function and table: how many ways it was fired, and what came of it
SELECT fn, tab, count(*) AS attempts, string_agg(DISTINCT state, ', ') AS outcomes
  FROM fired GROUP BY fn, tab ORDER BY fn, tab;

-- the extension's own tables, fired with zero rows FOR EACH STATEMENT:
-- 39P01 except where the function belongs (ok)
DELETE FROM fired;
DO $$
DECLARE
	f record;
	t record;
	timing text;
	event text;
	stmt text;
BEGIN
	FOR f IN SELECT fn FROM trigger_fn LOOP
		FOR t IN SELECT * FROM (VALUES ('complaint.cases', 'matter'), ('complaint.event', 'kind'),
									   ('complaint.calendar', 'name'), ('complaint.calendar_day', 'day'),
									   ('complaint.time_limit_rule', 'name'), ('complaint.unit', 'name'),
									   ('complaint.staff', 'name')) AS x(tab, col) LOOP
			FOREACH timing IN ARRAY ARRAY['BEFORE', 'AFTER'] LOOP
				FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
					stmt := CASE event
						WHEN 'INSERT' THEN format('INSERT INTO %s SELECT * FROM %s WHERE false', t.tab, t.tab)
						WHEN 'UPDATE' THEN format('UPDATE %s SET %I = %I WHERE false', t.tab, t.col, t.col)
						ELSE format('DELETE FROM %s WHERE false', t.tab) END;
					INSERT INTO fired VALUES (f.fn, t.tab, timing, 'STATEMENT', event,
											  pg_temp.fire(f.fn, t.tab, timing, 'STATEMENT', event, stmt));
				END LOOP;
			END LOOP;
		END LOOP;
	END LOOP;
END
$$;
SELECT fn, tab, count(*) AS attempts,
	   string_agg(DISTINCT state, ', ') AS outcomes,
	   string_agg(timing || ' ' || event, ', ' ORDER BY timing, event) FILTER (WHERE state = 'ok') AS accepted
  FROM fired GROUP BY fn, tab
HAVING string_agg(DISTINCT state, ', ') <> '39P01'
 ORDER BY fn, tab;
SELECT count(*) AS statement_attempts, count(*) FILTER (WHERE state = '39P01') AS refused
  FROM fired;

-- and with a real row of complaint.cases or complaint.time_limit_rule, the
-- wrong timing or event
SELECT x.fn, s.spec, pg_temp.fire(x.fn, x.tab, x.timing, 'ROW', x.event, x.stmt) AS outcome
  FROM (VALUES
	('case_register', 'complaint.cases', 'AFTER', 'INSERT', $$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', 'x')$$),
	('case_register', 'complaint.cases', 'BEFORE', 'UPDATE', $$UPDATE complaint.cases SET matter = 'y' WHERE id = 1$$),
	('case_guard', 'complaint.cases', 'BEFORE', 'INSERT', $$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', 'x')$$),
	('case_guard', 'complaint.cases', 'AFTER', 'UPDATE', $$UPDATE complaint.cases SET matter = 'y' WHERE id = 1$$),
	('case_guard', 'complaint.cases', 'BEFORE', 'DELETE', $$DELETE FROM complaint.cases WHERE id = 1$$),
	('case_history', 'complaint.cases', 'BEFORE', 'UPDATE', $$UPDATE complaint.cases SET matter = 'y' WHERE id = 1$$),
	('case_history', 'complaint.time_limit_rule', 'AFTER', 'UPDATE', $$UPDATE complaint.time_limit_rule SET note = note WHERE name = 'general complaint (default)'$$),
	('escalation_watch_sync', 'complaint.cases', 'BEFORE', 'INSERT', $$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', 'x')$$),
	('history_guard', 'complaint.cases', 'AFTER', 'UPDATE', $$UPDATE complaint.cases SET matter = 'y' WHERE id = 1$$),
	('reproject_rule', 'complaint.cases', 'AFTER', 'UPDATE', $$UPDATE complaint.cases SET matter = 'y' WHERE id = 1$$),
	('reproject_rule', 'complaint.time_limit_rule', 'BEFORE', 'UPDATE', $$UPDATE complaint.time_limit_rule SET lim = '1 minute' WHERE name = 'general complaint (default)'$$),
	('reproject_calendar', 'complaint.calendar', 'AFTER', 'UPDATE', $$UPDATE complaint.calendar SET name = name WHERE name = 'CN'$$),
	('org_changed', 'complaint.unit', 'AFTER', 'UPDATE', $$UPDATE complaint.unit SET name = name WHERE code = 'HQ'$$)
	) AS x(fn, tab, timing, event, stmt),
	LATERAL (SELECT x.timing || ' ' || x.event || ' ROW on ' || x.tab AS spec) s;

-- not callable as ordinary functions either
SELECT fn, (pg_temp.attempt(format('SELECT complaint.%I()::text', fn))).state FROM trigger_fn ORDER BY fn;

DROP VIEW hostile_view;
DROP TABLE hostile_wrong, public.cases, public.calendar, public.time_limit_rule, trigger_fn;
SELECT pg_temp.fingerprint() = :'before_all' AS nothing_written;

-- ===========================================================================
-- (b) NULLs and values out of range
-- ===========================================================================

-- every column of complaint.cases NULL in a new case's INSERT, and set to
-- NULL by an UPDATE of a registered case (1) and of a case in progress (2)
CREATE TEMP TABLE outcome (what text, state text, message text, leaks boolean);
DO $$
DECLARE
	col record;
	base text[] := ARRAY['kind', 'channel', 'matter', 'complainant_name', 'complainant_contact'];
	vals text[] := ARRAY['''petition''', '''letter''', '''新来件''', 'pg_temp.marker()', 'pg_temp.marker()'];
	cols text;
	vs text;
	r record;
BEGIN
	FOR col IN SELECT column_name::text AS name, is_nullable::text AS nullable
				 FROM information_schema.columns
				WHERE table_schema = 'complaint' AND table_name = 'cases'
				ORDER BY ordinal_position LOOP
		SELECT string_agg(quote_ident(b), ', '), string_agg(v, ', ') INTO cols, vs
		  FROM unnest(base, vals) AS u(b, v) WHERE b <> col.name;
		r := pg_temp.attempt(format('INSERT INTO complaint.cases (%s, %I) VALUES (%s, NULL) RETURNING %I::text',
									cols, col.name, vs, col.name));
		INSERT INTO outcome VALUES ('insert ' || col.name, r.state,
									CASE WHEN r.state = 'ok' THEN coalesce('filled: ' || r.message, 'NULL') ELSE r.message END,
									r.leaks);
		FOR i IN 1 .. 2 LOOP
			r := pg_temp.attempt(format('UPDATE complaint.cases SET %I = NULL WHERE id = %s RETURNING %I::text',
										col.name, i, col.name));
			INSERT INTO outcome VALUES (format('update case %s %s', i, col.name), r.state,
										CASE WHEN r.state = 'ok' THEN coalesce(r.message, 'NULL') ELSE r.message END,
										r.leaks);
		END LOOP;
	END LOOP;
END
$$;
SELECT what, state, message FROM outcome WHERE what LIKE 'insert %' ORDER BY what COLLATE "C";
SELECT what, state, message FROM outcome WHERE what LIKE 'update %' ORDER BY what COLLATE "C";

-- each step function with each argument NULL (on a case the step applies to)
DELETE FROM outcome;
INSERT INTO outcome
SELECT call, (a).state, (a).message, (a).leaks
  FROM (VALUES
	('accept(NULL)', 'SELECT status::text FROM complaint.accept(NULL)'),
	('transfer(NULL, ...)', $$SELECT status::text FROM complaint.transfer(NULL, 'HQ-B')$$),
	('transfer(1, NULL)', 'SELECT status::text FROM complaint.transfer(1, NULL)'),
	('transfer(1, HQ-B, NULL, NULL)', $$SELECT handler_unit FROM complaint.transfer(1, 'HQ-B', NULL, NULL)$$),
	('assign(NULL, ...)', $$SELECT handler_staff FROM complaint.assign(NULL, 'a2')$$),
	('assign(1, NULL)', 'SELECT coalesce(handler_staff, ''(unassigned)'') FROM complaint.assign(1, NULL)'),
	('start(NULL)', 'SELECT status::text FROM complaint.start(NULL)'),
	('request_materials(NULL, ...)', $$SELECT status::text FROM complaint.request_materials(NULL, ARRAY['合同'])$$),
	('request_materials(2, NULL)', 'SELECT status::text FROM complaint.request_materials(2, NULL)'),
	('request_materials(2, {NULL})', 'SELECT status::text FROM complaint.request_materials(2, ARRAY[NULL]::text[])'),
	('materials_received(NULL)', 'SELECT status::text FROM complaint.materials_received(NULL)'),
	('extend(NULL, ...)', $$SELECT deadline::text FROM complaint.extend(NULL, '10 working days', 'hq-boss', '复杂')$$),
	('extend(2, NULL, ...)', $$SELECT deadline::text FROM complaint.extend(2, NULL, 'hq-boss', '复杂')$$),
	('extend(2, ..., NULL, ...)', $$SELECT deadline::text FROM complaint.extend(2, '10 working days', NULL, '复杂')$$),
	('extend(2, ..., NULL)', $$SELECT deadline::text FROM complaint.extend(2, '10 working days', 'hq-boss', NULL)$$),
	('answer(NULL, ...)', $$SELECT status::text FROM complaint.answer(NULL, '答复')$$),
	('answer(2, NULL)', 'SELECT status::text FROM complaint.answer(2, NULL)'),
	('record_feedback(NULL, ...)', $$SELECT status::text FROM complaint.record_feedback(NULL, 'satisfied')$$),
	('record_feedback(4, NULL)', 'SELECT status::text FROM complaint.record_feedback(4, NULL)'),
	('record_feedback(4, satisfied, NULL)', $$SELECT satisfaction::text FROM complaint.record_feedback(4, 'satisfied', NULL)$$),
	('close(NULL)', 'SELECT status::text FROM complaint.close(NULL)'),
	('refer_out(NULL, ...)', $$SELECT status::text FROM complaint.refer_out(NULL, '法院', ARRAY['判决书'])$$),
	('refer_out(1, NULL, ...)', $$SELECT status::text FROM complaint.refer_out(1, NULL, ARRAY['判决书'])$$),
	('refer_out(1, ..., NULL)', $$SELECT status::text FROM complaint.refer_out(1, '法院', NULL)$$),
	('reopen(NULL, ...)', $$SELECT status::text FROM complaint.reopen(NULL, '再次投诉')$$),
	('reopen(6, NULL)', 'SELECT status::text FROM complaint.reopen(6, NULL)'),
	('reopen(6, ..., NULL)', $$SELECT status::text FROM complaint.reopen(6, '再次投诉', NULL)$$)
	) AS x(call, stmt),
	LATERAL (SELECT pg_temp.attempt(x.stmt) AS a) y;
SELECT what AS call, state, message FROM outcome ORDER BY what COLLATE "C";

-- values out of range: INSERT, UPDATE and step functions
DELETE FROM outcome;
INSERT INTO outcome
SELECT what, (a).state, (a).message, (a).leaks
  FROM (VALUES
	('insert id -1', $$INSERT INTO complaint.cases (id, channel, matter, complainant_name) VALUES (-1, 'visit', 'x', pg_temp.marker()) RETURNING id::text$$),
	('insert matter empty', $$INSERT INTO complaint.cases (channel, matter, complainant_name) VALUES ('visit', '', pg_temp.marker()) RETURNING id::text$$),
	('insert matter blank', $$INSERT INTO complaint.cases (channel, matter, complainant_name) VALUES ('visit', E' \t ', pg_temp.marker()) RETURNING id::text$$),
	('insert received_at infinity', $$INSERT INTO complaint.cases (channel, matter, complainant_name, received_at) VALUES ('visit', 'x', pg_temp.marker(), 'infinity') RETURNING id::text$$),
	('insert received_at -infinity', $$INSERT INTO complaint.cases (channel, matter, complainant_name, received_at) VALUES ('visit', 'x', pg_temp.marker(), '-infinity') RETURNING deadline::text$$),
	('insert received_at 4713 BC', $$INSERT INTO complaint.cases (channel, matter, complainant_name, received_at) VALUES ('visit', 'x', pg_temp.marker(), '4713-01-01 00:00+00 BC') RETURNING (deadline > received_at)::text$$),
	('insert received_at 294276 AD', $$INSERT INTO complaint.cases (channel, matter, complainant_name, received_at) VALUES ('visit', 'x', pg_temp.marker(), '294276-12-31 00:00+00') RETURNING id::text$$),
	('insert received_at tomorrow', $$INSERT INTO complaint.cases (channel, matter, complainant_name, received_at) VALUES ('visit', 'x', pg_temp.marker(), '2025-03-04 10:00+08') RETURNING id::text$$),
	('insert imposed_limit 0 days', $$INSERT INTO complaint.cases (channel, matter, complainant_name, imposed_limit) VALUES ('visit', 'x', pg_temp.marker(), '0 days') RETURNING deadline::text$$),
	('insert imposed_limit max days', $$INSERT INTO complaint.cases (channel, matter, complainant_name, imposed_limit) VALUES ('visit', 'x', pg_temp.marker(), '1000000 days') RETURNING deadline::text$$),
	('insert imposed_limit max working days', $$INSERT INTO complaint.cases (channel, matter, complainant_name, imposed_limit) VALUES ('visit', 'x', pg_temp.marker(), '1000000 working days') RETURNING deadline::text$$),
	('insert imposed_limit max minutes', $$INSERT INTO complaint.cases (channel, matter, complainant_name, imposed_limit) VALUES ('visit', 'x', pg_temp.marker(), '1000000 working minutes') RETURNING deadline::text$$),
	('insert extension_count -1', $$INSERT INTO complaint.cases (channel, matter, complainant_name, extension_count) VALUES ('visit', 'x', pg_temp.marker(), -1) RETURNING id::text$$),
	('insert extension_count max', $$INSERT INTO complaint.cases (channel, matter, complainant_name, extension_count) VALUES ('visit', 'x', pg_temp.marker(), 2147483647) RETURNING id::text$$),
	('insert reopen_count -1', $$INSERT INTO complaint.cases (channel, matter, complainant_name, reopen_count) VALUES ('visit', 'x', pg_temp.marker(), -1) RETURNING id::text$$),
	('insert paused_total -1 day', $$INSERT INTO complaint.cases (channel, matter, complainant_name, paused_total) VALUES ('visit', 'x', pg_temp.marker(), '-1 day') RETURNING paused_total::text$$),
	('insert handler_unit empty', $$INSERT INTO complaint.cases (channel, matter, complainant_name, handler_unit) VALUES ('visit', 'x', pg_temp.marker(), '') RETURNING id::text$$),
	('insert handler_unit unknown', $$INSERT INTO complaint.cases (channel, matter, complainant_name, handler_unit) VALUES ('visit', 'x', pg_temp.marker(), 'NOSUCH') RETURNING id::text$$),
	('insert handler_staff unknown', $$INSERT INTO complaint.cases (channel, matter, complainant_name, handler_staff) VALUES ('visit', 'x', pg_temp.marker(), 'nosuch') RETURNING id::text$$),
	('insert handler_staff other unit', $$INSERT INTO complaint.cases (channel, matter, complainant_name, handler_staff) VALUES ('visit', 'x', pg_temp.marker(), 'b1') RETURNING id::text$$),
	('insert first_responder other', $$INSERT INTO complaint.cases (channel, matter, complainant_name, first_responder) VALUES ('visit', 'x', pg_temp.marker(), 'a2') RETURNING id::text$$),
	('insert calendar empty', $$INSERT INTO complaint.cases (channel, matter, complainant_name, calendar) VALUES ('visit', 'x', pg_temp.marker(), '') RETURNING id::text$$),
	('insert calendar unknown', $$INSERT INTO complaint.cases (channel, matter, complainant_name, calendar) VALUES ('visit', 'x', pg_temp.marker(), 'NOSUCH') RETURNING id::text$$),
	('insert category empty', $$INSERT INTO complaint.cases (channel, matter, complainant_name, category) VALUES ('visit', 'x', pg_temp.marker(), '') RETURNING id::text$$),
	('insert rule_id -1', $$INSERT INTO complaint.cases (channel, matter, complainant_name, rule_id) VALUES ('visit', 'x', pg_temp.marker(), -1) RETURNING id::text$$),
	('insert rule_id max', $$INSERT INTO complaint.cases (channel, matter, complainant_name, rule_id) VALUES ('visit', 'x', pg_temp.marker(), 9223372036854775807) RETURNING id::text$$),
	('insert repeat_of -1', $$INSERT INTO complaint.cases (channel, matter, complainant_name, repeat_of) VALUES ('visit', 'x', pg_temp.marker(), -1) RETURNING id::text$$),
	('insert repeat_of max', $$INSERT INTO complaint.cases (channel, matter, complainant_name, repeat_of) VALUES ('visit', 'x', pg_temp.marker(), 9223372036854775807) RETURNING id::text$$),
	('insert status closed', $$INSERT INTO complaint.cases (channel, matter, complainant_name, status) VALUES ('visit', 'x', pg_temp.marker(), 'closed') RETURNING id::text$$),
	('insert deadline', $$INSERT INTO complaint.cases (channel, matter, complainant_name, deadline) VALUES ('visit', 'x', pg_temp.marker(), 'infinity') RETURNING id::text$$),
	('update id -1', 'UPDATE complaint.cases SET id = -1 WHERE id = 1 RETURNING id::text'),
	('update status registered', $$UPDATE complaint.cases SET status = 'registered' WHERE id = 2 RETURNING id::text$$),
	('update status closed', $$UPDATE complaint.cases SET status = 'closed' WHERE id = 2 RETURNING id::text$$),
	('update deadline infinity', $$UPDATE complaint.cases SET deadline = 'infinity' WHERE id = 2 RETURNING id::text$$),
	('update received_at -infinity', $$UPDATE complaint.cases SET received_at = '-infinity' WHERE id = 2 RETURNING id::text$$),
	('update extension_count max', 'UPDATE complaint.cases SET extension_count = 2147483647 WHERE id = 2 RETURNING id::text'),
	('update extension_count -1', 'UPDATE complaint.cases SET extension_count = -1 WHERE id = 2 RETURNING id::text'),
	('update reopen_count -1', 'UPDATE complaint.cases SET reopen_count = -1 WHERE id = 2 RETURNING id::text'),
	('update paused_total -1 day', $$UPDATE complaint.cases SET paused_total = '-1 day' WHERE id = 2 RETURNING id::text$$),
	('update imposed_limit 0 days', $$UPDATE complaint.cases SET imposed_limit = '0 days' WHERE id = 2 RETURNING deadline::text$$),
	('update imposed_limit max working days', $$UPDATE complaint.cases SET imposed_limit = '1000000 working days' WHERE id = 2 RETURNING deadline::text$$),
	('update matter empty', $$UPDATE complaint.cases SET matter = '' WHERE id = 2 RETURNING id::text$$),
	('update handler_staff unknown', $$UPDATE complaint.cases SET handler_staff = 'nosuch' WHERE id = 2 RETURNING id::text$$),
	('update handler_unit without transfer', $$UPDATE complaint.cases SET handler_unit = 'HQ-B' WHERE id = 2 RETURNING id::text$$),
	('update upgraded true', $$UPDATE complaint.cases SET upgraded = true WHERE id = 2 RETURNING upgraded::text$$),
	('update category unknown', $$UPDATE complaint.cases SET category = 'nosuch' WHERE id = 2 RETURNING id::text$$),
	('update missing_items 2-D', $$UPDATE complaint.cases SET status = 'waiting_materials', missing_items = ARRAY[['a'], ['b']] WHERE id = 2 RETURNING id::text$$),
	('accept(-1)', 'SELECT status::text FROM complaint.accept(-1)'),
	('accept(max bigint)', 'SELECT status::text FROM complaint.accept(9223372036854775807)'),
	('transfer(1, empty)', $$SELECT status::text FROM complaint.transfer(1, '')$$),
	('transfer(1, unknown unit)', $$SELECT status::text FROM complaint.transfer(1, 'NOSUCH')$$),
	('transfer(1, HQ-B, unknown staff)', $$SELECT status::text FROM complaint.transfer(1, 'HQ-B', 'nosuch')$$),
	('transfer(1, own unit)', $$SELECT status::text FROM complaint.transfer(1, 'HQ-A')$$),
	('assign(1, empty)', $$SELECT handler_staff FROM complaint.assign(1, '')$$),
	('assign(1, other unit)', $$SELECT handler_staff FROM complaint.assign(1, 'b1')$$),
	('request_materials(2, {})', $$SELECT status::text FROM complaint.request_materials(2, '{}')$$),
	('request_materials(2, {"", ""})', $$SELECT status::text FROM complaint.request_materials(2, ARRAY['', ''])$$),
	('request_materials(2, {a, a})', $$SELECT status::text FROM complaint.request_materials(2, ARRAY['合同', '合同'])$$),
	('extend(2, 0 working days)', $$SELECT deadline::text FROM complaint.extend(2, '0 working days', 'hq-boss', '复杂')$$),
	('extend(2, max working days)', $$SELECT deadline::text FROM complaint.extend(2, '1000000 working days', 'hq-boss', '复杂')$$),
	('extend(2, 10 days)', $$SELECT deadline::text FROM complaint.extend(2, '10 days', 'hq-boss', '复杂')$$),
	('extend(2, unknown approver)', $$SELECT deadline::text FROM complaint.extend(2, '10 working days', 'nosuch', '复杂')$$),
	('extend(2, not a leader)', $$SELECT deadline::text FROM complaint.extend(2, '10 working days', 'a2', '复杂')$$),
	('extend(2, empty reason)', $$SELECT deadline::text FROM complaint.extend(2, '10 working days', 'hq-boss', '')$$),
	('answer(2, blank)', $$SELECT status::text FROM complaint.answer(2, '   ')$$),
	('refer_out(1, empty)', $$SELECT status::text FROM complaint.refer_out(1, '', '{}')$$),
	('reopen(6, empty)', $$SELECT status::text FROM complaint.reopen(6, '')$$),
	('close(2) before answer', 'SELECT status::text FROM complaint.close(2)')
	) AS x(what, stmt),
	LATERAL (SELECT pg_temp.attempt(x.stmt) AS a) y;
SELECT what, state, message FROM outcome ORDER BY what COLLATE "C";

-- no internal error, no complainant data in any message, nothing written
SELECT count(*) FILTER (WHERE state = 'XX000') AS internal_errors,
	   count(*) FILTER (WHERE leaks) AS messages_with_personal_data
  FROM outcome;
SELECT pg_temp.fingerprint() = :'before_all' AS nothing_written;

-- ===========================================================================
-- (c) an extension in working days, then a limit imposed in calendar days
-- ===========================================================================
SELECT status, clock_limit, extended_by, deadline
  FROM complaint.extend(2, '10 working days', 'hq-boss', '情况复杂');
-- the extension stays granted: counted from the end of the new 20-day limit
WITH c AS (UPDATE complaint.cases SET imposed_limit = '20 days' WHERE id = 2 RETURNING *)
SELECT c.clock_limit, c.extended_by, c.original_deadline, c.deadline,
	   c.original_deadline = complaint.deadline(c.clock_from, '20 days', c.calendar) AS original_right,
	   c.deadline = complaint.deadline(c.original_deadline - interval '1 microsecond', '10 working days', c.calendar) AS deadline_right
  FROM c;
SELECT kind, detail->>'limit' AS lim, detail->>'deadline_before' AS before, detail->>'deadline' AS deadline
  FROM complaint.event WHERE case_id = 2 ORDER BY id DESC LIMIT 1;
-- back to the rule's limit (imposed_limit NULL): counted from the end of that
WITH c AS (UPDATE complaint.cases SET imposed_limit = NULL WHERE id = 2 RETURNING *)
SELECT c.clock_limit, c.extended_by, c.deadline,
	   c.deadline = complaint.deadline(c.original_deadline - interval '1 microsecond', '10 working days', c.calendar) AS deadline_right
  FROM c;

RESET complaint.staff;
RESET complaint.now;
SELECT pg_temp.reset_register();
