--
-- roles: the group roles complaint.create_roles() makes and the privileges
-- it grants; what a role with nothing but the schema's USAGE can execute;
-- who may name the acting staff member; the staff mapping follows the
-- role's OID; the owner-rights complaint.add_co_handler checks its caller
-- first; DROP EXTENSION leaves no privilege behind, so the roles can be
-- dropped.  Every refusal is followed by a check that nothing was written.
--
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';

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

CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(coalesce((SELECT string_agg(c::text, '|' ORDER BY c.id) FROM complaint.cases c), '')
			|| coalesce((SELECT string_agg(e::text, '|' ORDER BY e.id) FROM complaint.event e), '')
			|| coalesce((SELECT string_agg(r::text, '|' ORDER BY r.id) FROM complaint.responsibility r), ''))
$$;

-- every privilege held on an object of schema complaint, as text
CREATE FUNCTION pg_temp.acls() RETURNS text LANGUAGE sql AS $$
	SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
		SELECT c.oid::regclass::text || coalesce(c.relacl::text, '') FROM pg_class c
		 WHERE c.relnamespace = 'complaint'::regnamespace
		UNION ALL
		SELECT a.attrelid::regclass::text || a.attname || a.attacl::text FROM pg_attribute a
		  JOIN pg_class c ON c.oid = a.attrelid
		 WHERE c.relnamespace = 'complaint'::regnamespace AND a.attacl IS NOT NULL
		UNION ALL
		SELECT p.oid::regprocedure::text || coalesce(p.proacl::text, '') FROM pg_proc p
		 WHERE p.pronamespace = 'complaint'::regnamespace) s(x)
$$;

-- ---------------------------------------------------------------------------
-- create_roles(): six NOLOGIN group roles, once
-- ---------------------------------------------------------------------------
SELECT count(*) >= 0 AS roles_ready FROM complaint.create_roles();
SELECT pg_temp.acls() AS acls \gset
-- a second call creates nothing and changes no privilege
SELECT * FROM complaint.create_roles();
SELECT pg_temp.acls() = :'acls' AS same_privileges;
SELECT rolname, rolcanlogin, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolbypassrls,
	   shobj_description(oid, 'pg_authid') AS comment
  FROM pg_roles WHERE rolname LIKE 'complaint\_%' ORDER BY rolname;
SELECT r.rolname AS role, m.rolname AS member
  FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
 WHERE r.rolname LIKE 'complaint\_%' ORDER BY 1, 2;
-- a privilege added by hand is taken away again: the set is exactly the documented one
GRANT INSERT ON complaint.event TO complaint_analyst;
SELECT count(*) FROM complaint.create_roles();
SELECT has_table_privilege('complaint_analyst', 'complaint.event', 'INSERT') AS analyst_inserts_events,
	   pg_temp.acls() = :'acls' AS same_privileges;

-- only a superuser (or a role with CREATEROLE owning the objects) may run it
CREATE ROLE regress_roles_creator CREATEROLE;
SET ROLE regress_roles_creator;
SELECT pg_temp.try($$SELECT complaint.create_roles()$$);
RESET ROLE;
GRANT EXECUTE ON FUNCTION complaint.create_roles() TO regress_roles_creator;
SET ROLE regress_roles_creator;
SELECT pg_temp.try($$SELECT complaint.create_roles()$$);
RESET ROLE;
REVOKE EXECUTE ON FUNCTION complaint.create_roles() FROM regress_roles_creator;
DROP ROLE regress_roles_creator;

-- ---------------------------------------------------------------------------
-- a role with USAGE on the schema and nothing else
-- ---------------------------------------------------------------------------
CREATE ROLE regress_roles_nobody;
-- the functions it can execute: exactly the allow-list of 90_roles.sql
SELECT p.oid::regprocedure AS executable_by_public
  FROM pg_proc p
 WHERE p.pronamespace = 'complaint'::regnamespace
   AND has_function_privilege('regress_roles_nobody', p.oid, 'EXECUTE')
 ORDER BY p.oid::regprocedure::text;
-- no table, view or sequence
SELECT c.oid::regclass AS readable_by_public
  FROM pg_class c
 WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND (has_any_column_privilege('regress_roles_nobody', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
		OR (c.relkind <> 'S' AND has_table_privilege('regress_roles_nobody', c.oid, 'DELETE, TRUNCATE, TRIGGER'))
		OR (c.relkind = 'S' AND has_sequence_privilege('regress_roles_nobody', c.oid, 'USAGE, SELECT, UPDATE')));

INSERT INTO complaint.unit (code, name) VALUES ('R', '受理科'), ('R2', '业务科');
INSERT INTO complaint.staff (code, name, unit_code, db_role) VALUES
	('alice', '甲', 'R', NULL), ('bob', '乙', 'R', NULL), ('carol', '丙', 'R2', NULL);
SET complaint.now = '2025-03-03 10:00+08';
SET complaint.staff = 'bob';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '一号') RETURNING id;
RESET complaint.staff;
SELECT pg_temp.snapshot() AS snap \gset

SET ROLE regress_roles_nobody;
SELECT complaint.is_workday('2025-10-01') AS national_day_is_workday, '3 working days'::complaint.time_limit;
SELECT pg_temp.try($$SELECT complaint.accept(1)$$);
SELECT pg_temp.try($$SELECT complaint.case_for_step(1)$$);
SELECT pg_temp.try($$SELECT complaint.add_co_handler(1, 'R2')$$);
SELECT pg_temp.try($$SELECT complaint.sweep()$$);
SELECT pg_temp.try($$SELECT complaint.match_rule('answer', NULL, NULL, NULL, NULL, 'R')$$);
SELECT pg_temp.try($$SELECT count(*) FROM complaint.cases$$);
SELECT pg_temp.try($$SELECT count(*) FROM complaint.worker_status$$);
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', 'x')$$);
-- no trigger function of the extension on a table of its own
CREATE TEMP TABLE mine (id bigint, lim integer);
SELECT p.proname, pg_temp.try(format('CREATE TRIGGER t AFTER UPDATE ON mine FOR EACH ROW EXECUTE FUNCTION %s()',
									 p.oid::regproc)) AS create_trigger
  FROM pg_proc p
 WHERE p.pronamespace = 'complaint'::regnamespace AND p.prorettype = 'trigger'::regtype
 ORDER BY 1;
DROP TABLE mine;
RESET ROLE;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- ---------------------------------------------------------------------------
-- who may name the acting staff member
-- ---------------------------------------------------------------------------
CREATE ROLE regress_roles_alice IN ROLE complaint_staff;
CREATE ROLE regress_roles_clerk IN ROLE complaint_staff;
CREATE ROLE regress_roles_app IN ROLE complaint_application;
UPDATE complaint.staff SET db_role = 'regress_roles_alice' WHERE code = 'alice';

-- a staff role mapped to nobody may not name anyone, whether the code exists or not
SET ROLE regress_roles_clerk;
SET complaint.staff = 'bob';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '冒名')$$);
SELECT pg_temp.try($$SELECT complaint.accept(1)$$);
SET complaint.staff = 'zed';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '冒名')$$);
SELECT pg_temp.try($$SELECT complaint.acting_staff(missing_ok => true)$$);
RESET complaint.staff;
SELECT complaint.acting_staff(missing_ok => true) IS NULL AS nobody_acts;
RESET ROLE;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;

-- a mapped role acts as its staff member, and only as them
SET ROLE regress_roles_alice;
SELECT complaint.acting_staff();
SET complaint.staff = 'bob';
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '冒名')$$);
SET complaint.staff = 'alice';
INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '二号') RETURNING id, first_responder;
RESET complaint.staff;
RESET ROLE;
-- even when it is an application too
GRANT complaint_application TO regress_roles_alice;
SET ROLE regress_roles_alice;
SET complaint.staff = 'bob';
SELECT pg_temp.try($$SELECT complaint.acting_staff()$$);
RESET complaint.staff;
RESET ROLE;
REVOKE complaint_application FROM regress_roles_alice;

-- the application names anyone who exists
SET ROLE regress_roles_app;
SET complaint.staff = 'carol';
INSERT INTO complaint.cases (channel, matter) VALUES ('web', '三号') RETURNING id, first_responder, handler_unit;
SELECT status, handler_unit FROM complaint.transfer(1, 'R2', 'carol', '转业务科');
SET complaint.staff = 'zed';
SELECT pg_temp.try($$SELECT complaint.acting_staff()$$);
RESET complaint.staff;
RESET ROLE;

-- ---------------------------------------------------------------------------
-- the mapping follows the role, not its name
-- ---------------------------------------------------------------------------
ALTER ROLE regress_roles_alice RENAME TO regress_roles_alicia;
SELECT code, db_role FROM complaint.staff WHERE db_role IS NOT NULL;
SET ROLE regress_roles_alicia;
SELECT complaint.acting_staff();
RESET ROLE;
-- a role dropped and created again under the same name is somebody else
DROP ROLE regress_roles_alicia;
CREATE ROLE regress_roles_alicia IN ROLE complaint_staff;
SELECT code, db_role = 'regress_roles_alicia'::regrole AS mapped_to_new_role,
	   EXISTS (SELECT FROM pg_roles r WHERE r.oid = db_role) AS role_exists
  FROM complaint.staff WHERE db_role IS NOT NULL;
SELECT pg_temp.snapshot() AS snap \gset
SET ROLE regress_roles_alicia;
SELECT complaint.acting_staff(missing_ok => true) IS NULL AS nobody_acts;
SELECT pg_temp.try($$INSERT INTO complaint.cases (channel, matter) VALUES ('visit', '冒名')$$);
RESET ROLE;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
-- until it is mapped again; a name that is no role is refused
UPDATE complaint.staff SET db_role = 'regress_roles_alicia' WHERE code = 'alice';
SET ROLE regress_roles_alicia;
SELECT complaint.acting_staff();
RESET ROLE;
SELECT pg_temp.try($$UPDATE complaint.staff SET db_role = 'regress_roles_no_such_role' WHERE code = 'bob'$$);

-- ---------------------------------------------------------------------------
-- complaint.add_co_handler: runs as the owner, so it asks who calls first
-- ---------------------------------------------------------------------------
CREATE ROLE regress_roles_exec;
GRANT EXECUTE ON FUNCTION complaint.add_co_handler(bigint, text, text) TO regress_roles_exec;
SET ROLE regress_roles_exec;
SET complaint.staff = 'bob';
-- the same refusal for a case that exists and one that does not
SELECT pg_temp.try($$SELECT complaint.add_co_handler(1, 'R')$$);
SELECT pg_temp.try($$SELECT complaint.add_co_handler(424242, 'R')$$);
RESET complaint.staff;
RESET ROLE;
SELECT pg_temp.snapshot() = :'snap' AS nothing_written;
SET ROLE regress_roles_app;
SET complaint.staff = 'bob';
SELECT pg_temp.try($$SELECT complaint.add_co_handler(NULL, 'R')$$);
SELECT pg_temp.try($$SELECT complaint.add_co_handler(1, NULL)$$);
SELECT pg_temp.try($$SELECT complaint.add_co_handler(424242, 'R')$$);
SELECT complaint.add_co_handler(1, 'R');
RESET complaint.staff;
RESET ROLE;
SELECT unit_code, role, staff_code FROM complaint.responsibility WHERE case_id = 1 AND role = 'co_handler';

-- ---------------------------------------------------------------------------
-- DROP EXTENSION takes every grant with it: the roles can then be dropped
-- ---------------------------------------------------------------------------
DROP ROLE regress_roles_nobody, regress_roles_alicia, regress_roles_clerk, regress_roles_app;
DROP EXTENSION complaint;
SELECT count(*) AS dependencies_left
  FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid
 WHERE d.refclassid = 'pg_authid'::regclass AND r.rolname LIKE 'complaint\_%';
DROP ROLE regress_roles_exec;
DROP ROLE complaint_admin, complaint_application, complaint_staff, complaint_accountability,
	complaint_analyst, complaint_monitor;

-- an existing role of one of the names must be a plain group role
CREATE EXTENSION complaint;
CREATE ROLE complaint_monitor LOGIN;
SELECT pg_temp.try($$SELECT complaint.create_roles()$$);
SELECT count(*) AS roles FROM pg_roles WHERE rolname LIKE 'complaint\_%';
DROP ROLE complaint_monitor;
