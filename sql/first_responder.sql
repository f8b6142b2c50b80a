--
-- first_responder: the acting staff member registers the case and stays
-- its first responder; who may act; what a new case may not say about
-- itself; unknown units, categories, calendars and rules.  Every refusal
-- is followed by a check that nothing was written.
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
GRANT EXECUTE ON FUNCTION pg_temp.snapshot() TO PUBLIC;

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
GRANT EXECUTE ON FUNCTION pg_temp.try(text) TO PUBLIC;

-- a social-insurance bureau (天津 人社局): the window that receives
-- complaints, labour inspection, and the fund centre
INSERT INTO complaint.unit (code, name, region) VALUES ('HX', '河西区人社局', '河西区');
INSERT INTO complaint.unit (code, name, parent_code) VALUES
	('HX-WIN', '受理窗口', 'HX'), ('HX-JC', '劳动保障监察大队', 'HX'), ('HX-SB', '社保经办中心', 'HX');
CREATE ROLE regress_fr_alice;
CREATE ROLE regress_fr_app;
INSERT INTO complaint.staff (code, name, unit_code, db_role) VALUES
	('alice', '窗口甲', 'HX-WIN', 'regress_fr_alice'),
	('bob', '窗口乙', 'HX-WIN', NULL),
	('carol', '监察员', 'HX-JC', NULL),
	('dave', '已调离', 'HX-WIN', NULL);
UPDATE complaint.staff SET active = false WHERE code = 'dave';
INSERT INTO complaint.category (code, name) VALUES ('social_insurance', '社会保险'), ('wages', '工资');

GRANT USAGE ON SCHEMA complaint TO regress_fr_alice, regress_fr_app;
GRANT SELECT, INSERT, UPDATE ON complaint.cases TO regress_fr_alice, regress_fr_app;
GRANT USAGE ON SEQUENCE complaint.cases_id_seq TO regress_fr_alice, regress_fr_app;

SET complaint.now = '2025-03-03 10:00+08';

-- ---------------------------------------------------------------------------
-- who acts
-- ---------------------------------------------------------------------------
SELECT pg_temp.snapshot() AS snap \gset
-- nobody: a role mapped to no staff member, without complaint.staff
SET ROLE regress_fr_app;
SELECT complaint.acting_staff(missing_ok => true) IS NULL AS nobody_acts;
SELECT pg_temp.try($$SELECT complaint.acting_staff()$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '匿名登记')$$);
RESET ROLE;
-- a code that names nobody
SET complaint.staff = 'zed';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '查无此人')$$);
-- someone who has left
SET complaint.staff = 'dave';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '已调离')$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- complaint.staff names the actor ...
SET complaint.staff = 'bob';
SELECT complaint.acting_staff();
INSERT INTO complaint.cases (channel, category, matter) VALUES ('phone', 'wages', '拖欠工资')
RETURNING id, first_responder, handler_unit, handler_staff;
SELECT max(id) AS wages FROM complaint.cases \gset
-- ... else the staff member mapped to the current role
RESET complaint.staff;
SET ROLE regress_fr_alice;
SELECT complaint.acting_staff();
INSERT INTO complaint.cases (channel, category, matter) VALUES ('visit', 'social_insurance', '未缴社保')
RETURNING id, first_responder;
-- a mapped role acts only as its own staff member
SET complaint.staff = 'bob';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '冒名')$$);
SET complaint.staff = 'alice';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '本人') RETURNING id, first_responder;
RESET complaint.staff;
-- only a superuser moves the workflow's clock
SELECT pg_temp.try($$SET complaint.now = '2030-01-01'$$);
RESET ROLE;
-- a role mapped to nobody may not name the acting staff member (it would
-- forge the first responder), whether the code exists or not ...
SELECT pg_temp.snapshot() AS snap \gset
SET ROLE regress_fr_app;
SET complaint.staff = 'carol';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('web', '冒名登记')$$);
SET complaint.staff = 'zed';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('web', '冒名登记')$$);
RESET complaint.staff;
RESET ROLE;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
-- ... unless it is an application that authenticates its users itself:
-- then it may name any staff member
SELECT count(*) >= 0 AS roles_ready FROM complaint.create_roles();
GRANT complaint_application TO regress_fr_app;
SET ROLE regress_fr_app;
SET complaint.staff = 'carol';
INSERT INTO complaint.cases (channel, matter) VALUES ('web', '应用代登记') RETURNING id, first_responder, handler_unit;
RESET complaint.staff;
RESET ROLE;

-- ---------------------------------------------------------------------------
-- the first responder is the actor, never what the application says
-- ---------------------------------------------------------------------------
SET complaint.staff = 'bob';
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, first_responder) VALUES ('visit', '代签', 'alice')$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
INSERT INTO complaint.cases (channel, matter, first_responder) VALUES ('visit', '自签', 'bob')
RETURNING id, first_responder;

-- and it never changes, nor does the receipt time; not even for a superuser
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$UPDATE complaint.cases SET first_responder = 'alice' WHERE id = $$ || :wages);
SELECT pg_temp.try($$UPDATE complaint.cases SET first_responder = NULL WHERE id = $$ || :wages);
SELECT pg_temp.try($$UPDATE complaint.cases SET received_at = received_at - interval '1 day' WHERE id = $$ || :wages);
SELECT pg_temp.try($$UPDATE complaint.cases SET id = 100 WHERE id = $$ || :wages);
SELECT pg_temp.try($$UPDATE complaint.cases SET matter = ' ' WHERE id = $$ || :wages);
-- nor the staff codes the register refers to
SELECT pg_temp.try($$UPDATE complaint.staff SET code = 'robert' WHERE code = 'bob'$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- transfers hand the handling on; the first responder stays and keeps tracking
SET complaint.now = '2025-03-04 09:00+08';
SELECT status, first_responder, handler_unit FROM complaint.transfer(:wages, 'HX-JC', 'carol', '属劳动监察');
SELECT status, first_responder, handler_unit FROM complaint.transfer(:wages, 'HX-SB', NULL, '涉及社保补缴');
SELECT staff_code, unit_code, role, since, until FROM complaint.responsibility WHERE case_id = :wages ORDER BY id;

-- ---------------------------------------------------------------------------
-- what a new case may not say about itself
-- ---------------------------------------------------------------------------
SELECT pg_temp.snapshot() AS snap \gset
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, status) VALUES ('visit', 'x', 'closed')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, deadline) VALUES ('visit', 'x', '2030-01-01')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, accepted_at) VALUES ('visit', 'x', now())$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, answer) VALUES ('visit', 'x', '已答复')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, extension_count) VALUES ('visit', 'x', 3)$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, received_at) VALUES ('visit', 'x', '2025-03-05 10:00+08')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel) VALUES ('visit')$$);
-- unknown or unsuitable references: clear errors, not bare key violations
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, category) VALUES ('visit', 'x', 'pensions')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, handler_unit) VALUES ('visit', 'x', 'HX-NONE')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, calendar) VALUES ('visit', 'x', 'MARS')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, rule_id) VALUES ('visit', 'x', 1)$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, rule_id) VALUES ('visit', 'x', 9999)$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, handler_unit, handler_staff) VALUES ('visit', 'x', 'HX-JC', 'alice')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, handler_unit, handler_staff) VALUES ('visit', 'x', 'HX-WIN', 'dave')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, handler_staff) VALUES ('visit', 'x', 'ghost')$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, repeat_of) VALUES ('visit', 'x', 4242)$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter, kind) VALUES ('visit', 'x', 'rumour')$$);
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- no rule at all: the default preset is the safety net; without it, a clear error
UPDATE complaint.time_limit_rule SET enabled = false WHERE name = 'general complaint (default)';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '无规则')$$);
UPDATE complaint.time_limit_rule SET enabled = true WHERE name = 'general complaint (default)';
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- an explicit rule, calendar and imposed limit are honoured
INSERT INTO complaint.cases (channel, matter, rule_id, calendar, imposed_limit)
VALUES ('superior', '市局转办, 限5日', 8, 'CN', '5 days')
RETURNING id, rule_id, clock_limit, deadline, upgraded;

-- ---------------------------------------------------------------------------
-- changes to the organisation are seen at once (the per-backend cache)
-- ---------------------------------------------------------------------------
UPDATE complaint.staff SET active = false WHERE code = 'bob';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '刚离职')$$);
UPDATE complaint.staff SET active = true WHERE code = 'bob';
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('erin', '新来的', 'HX-WIN');
SET complaint.staff = 'erin';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '新人登记') RETURNING first_responder;
-- a route added inside a transaction applies to the next statement of it
BEGIN;
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES ('HX', 'social_insurance', 'HX-SB');
INSERT INTO complaint.cases (channel, category, matter) VALUES ('visit', 'social_insurance', '断缴')
RETURNING handler_unit;
ROLLBACK;
INSERT INTO complaint.cases (channel, category, matter) VALUES ('visit', 'social_insurance', '断缴')
RETURNING handler_unit;

RESET complaint.staff;
SELECT pg_temp.reset_register();
REVOKE ALL ON complaint.cases FROM regress_fr_alice, regress_fr_app;
REVOKE ALL ON SEQUENCE complaint.cases_id_seq FROM regress_fr_alice, regress_fr_app;
REVOKE ALL ON SCHEMA complaint FROM regress_fr_alice, regress_fr_app;
DROP ROLE regress_fr_alice;
DROP ROLE regress_fr_app;
