--
-- search_path_trojan: functions and operators in a schema that comes before
-- pg_catalog in the caller's search_path, shadowing built-ins the extension
-- uses (text and integer comparison, timestamp arithmetic, now(), lower(),
-- coalesce-like helpers, jsonb builders), are never called by the
-- extension: not while CREATE EXTENSION runs, not by the triggers, the step
-- functions, the calendar arithmetic, the re-projection or the sweep.  Each
-- trojan records its call in trojan.calls and then behaves like the
-- built-in, so a call would show up as a row, not as a failure.
--
-- Runs in a database of its own: the trojans must exist before CREATE
-- EXTENSION.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_trojan;
CREATE DATABASE regress_trojan;
\set regress_db :DBNAME
\c regress_trojan
SET client_min_messages = warning;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;

CREATE SCHEMA trojan;
CREATE TABLE trojan.calls (what text);
GRANT USAGE ON SCHEMA trojan TO PUBLIC;
GRANT INSERT, SELECT ON trojan.calls TO PUBLIC;

-- trojan_op(name, type, result, body): a function trojan.<fn> that logs and
-- computes like the built-in, and the operator over it
CREATE FUNCTION pg_temp.trojan_op(op text, typ text, fn text, result text, expr text)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
	EXECUTE format('CREATE FUNCTION trojan.%I(a %s, b %s) RETURNS %s '
				   'LANGUAGE plpgsql SET search_path = pg_catalog AS %L',
				   fn, typ, typ, result,
				   format('BEGIN INSERT INTO trojan.calls VALUES (%L); RETURN %s; END', op || ' ' || typ, expr));
	EXECUTE format('CREATE OPERATOR trojan.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = trojan.%I)',
				   op, typ, typ, fn);
END
$fn$;
SELECT pg_temp.trojan_op(o.op, t.typ, o.fn || '_' || replace(t.typ, ' ', '_'), 'boolean',
						 format('a OPERATOR(pg_catalog.%s) b', o.op))
  FROM (VALUES ('=', 'eq'), ('<>', 'ne'), ('<', 'lt'), ('<=', 'le'), ('>', 'gt'), ('>=', 'ge')) o (op, fn),
	   (VALUES ('text'), ('integer'), ('bigint'), ('timestamptz'), ('date'), ('interval')) t (typ);
SELECT pg_temp.trojan_op('||', 'text', 'cat_text', 'text', 'a OPERATOR(pg_catalog.||) b');

CREATE FUNCTION trojan.tsplus(a timestamptz, b interval) RETURNS timestamptz
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('timestamptz + interval'); RETURN a OPERATOR(pg_catalog.+) b; END $$;
CREATE OPERATOR trojan.+ (LEFTARG = timestamptz, RIGHTARG = interval, FUNCTION = trojan.tsplus);
CREATE FUNCTION trojan.tsminus(a timestamptz, b timestamptz) RETURNS interval
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('timestamptz - timestamptz'); RETURN a OPERATOR(pg_catalog.-) b; END $$;
CREATE OPERATOR trojan.- (LEFTARG = timestamptz, RIGHTARG = timestamptz, FUNCTION = trojan.tsminus);
CREATE FUNCTION trojan.now() RETURNS timestamptz
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('now()'); RETURN pg_catalog.now(); END $$;
CREATE FUNCTION trojan.lower(a text) RETURNS text
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('lower(text)'); RETURN pg_catalog.lower(a); END $$;
CREATE FUNCTION trojan.btrim(a text) RETURNS text
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('btrim(text)'); RETURN pg_catalog.btrim(a); END $$;
CREATE FUNCTION trojan.length(a text) RETURNS integer
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('length(text)'); RETURN pg_catalog.length(a); END $$;
CREATE FUNCTION trojan.array_length(a anyarray, d integer) RETURNS integer
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('array_length'); RETURN pg_catalog.array_length(a, d); END $$;
CREATE FUNCTION trojan.format(f text, VARIADIC a text[]) RETURNS text
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('format'); RETURN pg_catalog.format(f, VARIADIC a); END $$;
CREATE FUNCTION trojan.pg_notify(c text, p text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog AS
	$$ BEGIN INSERT INTO trojan.calls VALUES ('pg_notify'); PERFORM pg_catalog.pg_notify(c, p); END $$;
SELECT count(*) AS trojans FROM pg_proc WHERE pronamespace = 'trojan'::regnamespace;

-- the trojans work: called through this search_path, each is logged
SET search_path = trojan, pg_catalog, public;
SELECT 'a' = 'a', 1 < 2, now() IS NOT NULL, lower('A');
SELECT count(*) AS calls_by_the_test_itself FROM trojan.calls;
TRUNCATE trojan.calls;

-- a complaint schema that another role owns is refused: it could hold
-- objects of that role's choosing
CREATE ROLE regress_squatter;
CREATE SCHEMA complaint AUTHORIZATION regress_squatter;
\set VERBOSITY default
CREATE EXTENSION complaint;
\set VERBOSITY terse
DROP SCHEMA complaint;
DROP ROLE regress_squatter;
SELECT count(*) AS calls_after_refused_install FROM trojan.calls;

-- install with the trojans first in the path
CREATE EXTENSION complaint;
RESET search_path;
SELECT count(*) AS calls_during_install FROM trojan.calls;

-- an organisation, written with the ordinary search_path
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, interface_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0', NULL),
	   ('D1', 'city', 'HQ', NULL, NULL, NULL),
	   ('D2', 'district', 'HQ', NULL, NULL, 'I2');
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', 'head', 'HQ'), ('L0', 'leader', 'HQ'), ('S1', 'first responder', 'D1'),
	   ('S2', 'handler', 'D1'), ('I2', 'interface', 'D2'), ('S3', 'district handler', 'D2');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, extension_cap, source)
VALUES ('trojan 2 wd', 'answer', '2 working days', '5 working days', 'test');
INSERT INTO complaint.escalation_policy (rule_id) SELECT id FROM complaint.time_limit_rule WHERE name = 'trojan 2 wd';
SELECT id AS rule FROM complaint.time_limit_rule WHERE name = 'trojan 2 wd' \gset

-- every path of the extension, with the trojans first in the path
SET search_path = trojan, pg_catalog, public;
SET complaint.staff = 'S1';
SET complaint.now = '2025-03-03 09:00+08';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id, complainant_contact, category)
VALUES ('phone', 'one', 'S2', :rule, '13800000001', NULL),
	   ('web', 'two', NULL, :rule, '13800000002', NULL),
	   ('phone', 'three', 'S2', :rule, '13800000001', NULL);
SET complaint.now = '2025-03-03 10:00+08';
SELECT status FROM complaint.accept(1);
SELECT status FROM complaint.start(1);
SELECT status FROM complaint.request_materials(1, ARRAY['id card', 'receipt']);
SET complaint.now = '2025-03-04 10:00+08';
SELECT status FROM complaint.materials_received(1);
SELECT status FROM complaint.extend(1, '2 working days', 'H0', 'complex');
SELECT status FROM complaint.transfer(2, 'D2', NULL, 'to the district');
SELECT status FROM complaint.assign(2, 'S3');
SELECT complaint.add_co_handler(1, 'D2', 'S3');
SELECT status FROM complaint.answer(1, 'answered');
SELECT status FROM complaint.record_feedback(1, 'satisfied');
SELECT status FROM complaint.close(1);
SELECT status FROM complaint.reopen(1, 'not solved', true);
SELECT status FROM complaint.refer_out(3, 'city bureau', ARRAY['letter']);
-- calendar and rule changes re-project the running cases
RESET complaint.staff;
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('CN', '2025-03-05', 'holiday', 'trojan day');
UPDATE complaint.time_limit_rule SET lim = '3 working days' WHERE id = :rule;
-- calendar arithmetic and the sweep
SELECT complaint.is_workday('2025-03-05'), complaint.add_workdays(date '2025-03-03', 5),
	   complaint.workdays_between('2025-03-01', '2025-03-31'),
	   complaint.add_worktime('2025-03-03 09:00+08', '4 hours'),
	   complaint.worktime_between('2025-03-03 09:00+08', '2025-03-04 09:00+08'),
	   complaint.deadline('2025-03-03 09:00+08', '2个工作日'), complaint.day_end('2025-03-03');
SELECT complaint.sweep('2025-04-30 12:00+08') AS swept \gset
RESET search_path;
RESET complaint.now;
SELECT :swept > 0 AS the_sweep_recorded_steps;

SELECT count(*) AS calls_by_the_extension, string_agg(DISTINCT what, ', ') AS which FROM trojan.calls;
SELECT count(*) AS events, count(DISTINCT case_id) AS cases FROM complaint.event;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_trojan;
