--
-- privacy: masking; who sees a complainant's identity (may_see_identity and
-- the register); row-level security on complaint.cases over a unit tree,
-- every cell of the matrix role x case; the complainant's columns withheld
-- from every role but the administrator (the staff read the identity in
-- the register), steps returning no identity; reading an identity on the
-- record (complaint.reveal_complainant) and its append-only access record.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_privacy;
CREATE DATABASE regress_privacy;
\set regress_db :DBNAME
\c regress_privacy
SET client_min_messages = warning;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
CREATE EXTENSION complaint;

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

-- the case ids a query returns, as text ('' for none, the error otherwise)
CREATE FUNCTION pg_temp.ids(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE format('SELECT coalesce(string_agg(x.id::text, '','' ORDER BY x.id), '''') FROM (%s) x', q) INTO r;
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.ids(text) TO PUBLIC;

-- ---------------------------------------------------------------------------
-- masking
-- ---------------------------------------------------------------------------
SELECT v, complaint.mask_name(v) AS name, complaint.mask_contact(v) AS contact, complaint.mask_text(v) AS text
  FROM (VALUES ('张三丰'), ('Li Lei'), ('张'), ('李四'), (''), ('13812345678'), ('+86 138 1234 5678'),
			   ('8765432'), ('0755-1234567'), ('zhang@example.com'), ('湖北省武汉市洪山区'), ('北京'),
			   (NULL)) t (v);
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict,
	   has_function_privilege('public', p.oid, 'EXECUTE') AS public_executes
  FROM pg_proc p WHERE p.pronamespace = 'complaint'::regnamespace AND p.proname LIKE 'mask\_%' ORDER BY 1;

-- ---------------------------------------------------------------------------
-- a unit tree, its staff and their roles
--   P (head HP)
--   +-- C1 (head HC1)
--   |   +-- D1: S1, S2
--   |   +-- D2: S3
--   +-- C2 (head HC2)
--       +-- D3: S4, S5
-- ---------------------------------------------------------------------------
SELECT count(*) >= 0 AS roles_ready FROM complaint.create_roles();
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff) VALUES
	('P', '省公司', NULL, 'HP'), ('C1', '甲市分公司', 'P', 'HC1'), ('C2', '乙市分公司', 'P', 'HC2'),
	('D1', '甲市客服部', 'C1', NULL), ('D2', '甲市网络部', 'C1', NULL), ('D3', '乙市客服部', 'C2', NULL);
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('HP', '省长', 'P'), ('HC1', '甲市长', 'C1'), ('HC2', '乙市长', 'C2'),
	('S1', '首问一', 'D1'), ('S2', '承办二', 'D1'), ('S3', '网络三', 'D2'), ('S4', '乙市四', 'D3'), ('S5', '协办五', 'D3');
COMMIT;
CREATE ROLE regress_priv_s1 IN ROLE complaint_staff;
CREATE ROLE regress_priv_s2 IN ROLE complaint_staff;
CREATE ROLE regress_priv_s3 IN ROLE complaint_staff;
CREATE ROLE regress_priv_s4 IN ROLE complaint_staff;
CREATE ROLE regress_priv_s5 IN ROLE complaint_staff;
CREATE ROLE regress_priv_hp IN ROLE complaint_staff;
CREATE ROLE regress_priv_hc1 IN ROLE complaint_staff;
CREATE ROLE regress_priv_hc2 IN ROLE complaint_staff;
CREATE ROLE regress_priv_unmapped IN ROLE complaint_staff;
CREATE ROLE regress_priv_app IN ROLE complaint_application;
CREATE ROLE regress_priv_admin IN ROLE complaint_admin;
CREATE ROLE regress_priv_analyst IN ROLE complaint_analyst;
CREATE ROLE regress_priv_office IN ROLE complaint_accountability;
CREATE ROLE regress_priv_monitor IN ROLE complaint_monitor;
CREATE ROLE regress_priv_nobody;
UPDATE complaint.staff s SET db_role = ('regress_priv_' || lower(s.code))::regrole;

SET complaint.now = '2025-03-03 10:00+08';
-- the cases, registered as the application does (complaint.staff names who acts)
SET ROLE regress_priv_app;
--   1: S1 registers, D1 handles, S2 the handler
SET complaint.staff = 'S1';
INSERT INTO complaint.cases (channel, matter, handler_unit, handler_staff,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES ('phone', '一号: 话费', 'D1', 'S2', '张三丰', '武汉钢铁厂', '湖北省武汉市青山区', '13812345678');
--   2: S4 (in D3) registers, D1 handles: S4 is first responder in another unit
SET complaint.staff = 'S4';
INSERT INTO complaint.cases (channel, matter, handler_unit,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES ('web', '二号: 网速', 'D1', '李四', '乙市中学', '乙市解放路1号', '13900001111');
--   3: S3 registers, D2 handles, D3 (S5) co-handles
SET complaint.staff = 'S3';
INSERT INTO complaint.cases (channel, matter, handler_unit, handler_staff,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES ('visit', '三号: 基站', 'D2', 'S3', '王五', '甲市医院', '甲市建设路2号', 'wang5@example.com');
SELECT complaint.add_co_handler(3, 'D3', 'S5') IS NOT NULL AS co_handler_added;
--   4: S4 registers, D3 handles
SET complaint.staff = 'S4';
INSERT INTO complaint.cases (channel, matter, handler_unit, handler_staff,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES ('letter', '四号: 服务', 'D3', 'S4', '赵六', '乙市政府', '乙市人民路3号', '02787654321');
--   5: S1 registers, D1 handles, then transferred to D3 (S4)
SET complaint.staff = 'S1';
INSERT INTO complaint.cases (channel, matter, handler_unit,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES ('phone', '五号: 转办', 'D1', '孙七', '甲市商场', '甲市中山路5号', '13700002222');
SET complaint.staff = 'S1';
SELECT (complaint.transfer(5, 'D3', 'S4')).handler_unit AS transferred_to;
RESET complaint.staff;
RESET ROLE;
SELECT id, first_responder, handler_unit, handler_staff, status FROM complaint.cases ORDER BY id;
SELECT case_id, role, unit_code, staff_code, until IS NOT NULL AS ended FROM complaint.responsibility ORDER BY id;

-- ---------------------------------------------------------------------------
-- the matrix: which case ids each role reads from complaint.cases and from
-- the register, and for which the identity is in clear
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE matrix (who text, cases text, register text, identity text, may_see text);
GRANT INSERT ON matrix TO PUBLIC;
CREATE FUNCTION pg_temp.row_for(who text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO pg_temp.matrix VALUES (who,
		pg_temp.ids('SELECT id FROM complaint.cases'),
		pg_temp.ids('SELECT id FROM complaint.register'),
		pg_temp.ids('SELECT id FROM complaint.register WHERE identity_shown'),
		pg_temp.ids('SELECT i AS id FROM generate_series(1, 6) i WHERE complaint.may_see_identity(i)'));
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.row_for(text) TO PUBLIC;
SET ROLE regress_priv_s1;		SELECT pg_temp.row_for('S1: first responder of 1, 5; D1 staff');
SET ROLE regress_priv_s2;		SELECT pg_temp.row_for('S2: handler of 1; D1 staff');
SET ROLE regress_priv_s3;		SELECT pg_temp.row_for('S3: handler of 3; D2 staff');
SET ROLE regress_priv_s4;		SELECT pg_temp.row_for('S4: first responder of 2, 4; D3 staff; handler of 4, 5');
SET ROLE regress_priv_s5;		SELECT pg_temp.row_for('S5: co-handler of 3; D3 staff');
SET ROLE regress_priv_hc1;		SELECT pg_temp.row_for('HC1: head of C1 (D1, D2)');
SET ROLE regress_priv_hc2;		SELECT pg_temp.row_for('HC2: head of C2 (D3)');
SET ROLE regress_priv_hp;		SELECT pg_temp.row_for('HP: head of P (all)');
SET ROLE regress_priv_unmapped;	SELECT pg_temp.row_for('staff role mapped to nobody');
SET ROLE regress_priv_app;		SELECT pg_temp.row_for('application, nobody acting');
SET complaint.staff = 'S3';		SELECT pg_temp.row_for('application acting as S3');
RESET complaint.staff;
SET ROLE regress_priv_admin;	SELECT pg_temp.row_for('administrator');
SET ROLE regress_priv_analyst;	SELECT pg_temp.row_for('analyst');
SET ROLE regress_priv_office;	SELECT pg_temp.row_for('accountability office');
SET ROLE regress_priv_monitor;	SELECT pg_temp.row_for('monitor');
SET ROLE regress_priv_nobody;	SELECT pg_temp.row_for('PUBLIC only');
RESET ROLE;
SELECT pg_temp.row_for('superuser');
SELECT * FROM matrix;
-- may_see_identity agrees with the register's identity_shown wherever both answer
SELECT who FROM matrix WHERE may_see NOT LIKE 'ERROR%' AND may_see <> identity;

-- what the analyst reads: masked identities, times in the calendar's zone
SET ROLE regress_priv_analyst;
SELECT id, received_at, channel, complainant_name, complainant_unit, complainant_address, complainant_contact,
	   identity_shown, first_responder, first_responder_name, handler_unit, handler_unit_name, handler_staff,
	   handler_name, status, deadline, workdays_used, workdays_left, closed_at, satisfaction, time_zone
  FROM complaint.register ORDER BY id;
-- and the table itself still refuses the complainant's columns
SELECT pg_temp.try($$SELECT complainant_name FROM complaint.cases$$);
RESET ROLE;
-- the handler reads case 1 in clear, a colleague of the unit masked
SET ROLE regress_priv_s2;
SELECT id, complainant_name, complainant_contact, identity_shown FROM complaint.register WHERE id = 1;
SET ROLE regress_priv_s1;
SELECT id, complainant_name, complainant_contact, identity_shown FROM complaint.register WHERE id IN (1, 2) ORDER BY id;
RESET ROLE;
-- later: working days used and left move with the clock
SET complaint.now = '2025-03-10 10:00+08';
SELECT id, workdays_used, workdays_left FROM complaint.register ORDER BY id;
RESET complaint.now;
SET complaint.now = '2025-03-03 10:00+08';

-- a reader's own function never sees rows the register hides (security_barrier)
CREATE FUNCTION pg_temp.peek(t text) RETURNS boolean LANGUAGE plpgsql COST 0.0001 AS $$
BEGIN
	RAISE WARNING 'peeked at %', t;
	RETURN true;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.peek(text) TO PUBLIC;
SET ROLE regress_priv_s3;
SET client_min_messages = warning;
SELECT id FROM complaint.register WHERE pg_temp.peek(matter) ORDER BY id;
SELECT id FROM complaint.cases WHERE pg_temp.peek(matter) ORDER BY id;
RESET ROLE;

-- ---------------------------------------------------------------------------
-- the complainant's columns of complaint.cases: the staff and the application
-- read the table without them, like analysts and the accountability office;
-- the identity is read in the register, in clear only for those handling
-- the case (a colleague of the handling unit sees it masked)
-- ---------------------------------------------------------------------------
SELECT r.rolname, string_agg(a.attname, ', ' ORDER BY a.attnum) AS withheld
  FROM pg_roles r, pg_attribute a
 WHERE r.rolname LIKE 'complaint\_%' AND a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
   AND NOT a.attisdropped AND NOT has_column_privilege(r.oid, a.attrelid, a.attnum, 'SELECT')
   AND has_any_column_privilege(r.oid, a.attrelid, 'SELECT')
 GROUP BY r.rolname ORDER BY r.rolname;
-- S2 handles case 1; case 2 is handled by S2's unit D1, by nobody yet
SET ROLE regress_priv_s2;
SELECT pg_temp.try($$SELECT complainant_name FROM complaint.cases WHERE id = 1$$);
SELECT pg_temp.try($$SELECT * FROM complaint.cases WHERE id = 1$$);
SELECT pg_temp.try($$SELECT c FROM complaint.cases c WHERE id = 1$$);
SELECT pg_temp.try($$SELECT id FROM complaint.cases WHERE complainant_contact = '13900001111'$$);
SELECT id, matter, handler_unit, handler_staff FROM complaint.cases WHERE id IN (1, 2) ORDER BY id;
SELECT id, complainant_name, complainant_unit, complainant_address, complainant_contact, identity_shown
  FROM complaint.register WHERE id IN (1, 2) ORDER BY id;
-- the staff still write the complainant's columns (a correction rides
-- along with a step or alone), without reading them back
BEGIN;
UPDATE complaint.cases SET complainant_contact = '13812340000' WHERE id = 1;
SELECT pg_temp.try($$UPDATE complaint.cases SET complainant_contact = '13812340001' WHERE id = 1 RETURNING complainant_contact$$);
SELECT id, complainant_contact, identity_shown FROM complaint.register WHERE id = 1;
ROLLBACK;
-- a step's result carries no identity: the complainant's columns are NULL
SELECT id, status, handler_unit, complainant_name, complainant_unit, complainant_address, complainant_contact
  FROM complaint.case_for_step(2);
RESET ROLE;
-- the application reads the table without them too, and the register as
-- the staff member it names
SET ROLE regress_priv_app;
SELECT pg_temp.try($$SELECT complainant_name FROM complaint.cases WHERE id = 3$$);
SET complaint.staff = 'S3';
SELECT id, complainant_name, complainant_contact, identity_shown FROM complaint.register ORDER BY id;
RESET complaint.staff;
RESET ROLE;
-- the step functions read every other column: for every case, the
-- superuser's row and case_for_step()'s result differ in the complainant's
-- columns only (a column added to complaint.cases and not to
-- case_for_step() would show here)
SELECT count(*) AS cases,
	   count(*) FILTER (WHERE to_jsonb(complaint.case_for_step(c.id))
							  = to_jsonb(c) || '{"complainant_name": null, "complainant_unit": null,
												 "complainant_address": null, "complainant_contact": null}') AS same_but_identity
  FROM complaint.cases c;

-- ---------------------------------------------------------------------------
-- steps by staff under row-level security
-- ---------------------------------------------------------------------------
-- S3 (D2) cannot step on case 1 (D1): it is not among its rows
SET ROLE regress_priv_s3;
SELECT pg_temp.try($$SELECT complaint.accept(1)$$);
SELECT pg_temp.try($$UPDATE complaint.cases SET status = 'accepted' WHERE id = 1$$);
SELECT status FROM complaint.cases WHERE id = 3;
RESET ROLE;
SELECT status FROM complaint.cases WHERE id = 1;
-- S2 (D1) accepts case 1 and transfers it out to D2; it still reads it, and a
-- colleague of the unit that first received case 6 transfers it out too
-- (the new row stays readable through the unit's responsibility)
SET ROLE regress_priv_s2;
SELECT (complaint.accept(1)).status;
SELECT handler_unit, handler_staff, status, complainant_name IS NULL AS no_identity FROM complaint.transfer(1, 'D2', 'S3');
SELECT pg_temp.ids('SELECT id FROM complaint.cases') AS s2_reads;
-- a staff member registers a case as its own first responder
INSERT INTO complaint.cases (channel, matter, handler_unit) VALUES ('visit', '六号: 柜台', 'D1') RETURNING id, first_responder;
RESET ROLE;
SET ROLE regress_priv_s1;
SELECT (complaint.transfer(6, 'D3')).handler_unit;
SELECT pg_temp.ids('SELECT id FROM complaint.cases') AS s1_reads;
RESET ROLE;
-- the head of C1 accepts a case of D2 (in its subtree)
SET ROLE regress_priv_hc1;
SELECT (complaint.accept(3)).status;
RESET ROLE;
-- S4 (D3) does not read case 1: D3 never held it
SET ROLE regress_priv_s4;
SELECT pg_temp.ids('SELECT id FROM complaint.cases') AS s4_reads;
RESET ROLE;

-- ---------------------------------------------------------------------------
-- reading an identity on the record
-- ---------------------------------------------------------------------------
SELECT count(*) AS access_records FROM complaint.identity_access;
-- the caller is the session's login role (session_user: inside the owner-rights
-- function current_user is the owner), so these run under SET SESSION AUTHORIZATION
-- refused: the caller first (42501, by privilege or by the function's own check), then the reason (22023)
SET SESSION AUTHORIZATION regress_priv_analyst;
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(1, 'curious')$$);
SET SESSION AUTHORIZATION regress_priv_s2;
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(1, 'curious')$$);
RESET SESSION AUTHORIZATION;
-- a role that got EXECUTE by hand is still refused by the function's own check
CREATE ROLE regress_priv_curious;
GRANT USAGE ON SCHEMA complaint TO regress_priv_curious;
GRANT EXECUTE ON FUNCTION complaint.reveal_complainant(bigint, text) TO regress_priv_curious;
SET SESSION AUTHORIZATION regress_priv_curious;
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(1, '')$$);
RESET SESSION AUTHORIZATION;
DROP OWNED BY regress_priv_curious;
DROP ROLE regress_priv_curious;
SET SESSION AUTHORIZATION regress_priv_admin;
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(1, '  ')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(1, NULL)$$);
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(NULL, 'x')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(424242, 'x')$$);
-- the administrator is mapped to no staff member and may not name one
SET complaint.staff = 'HP';
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(1, 'x')$$);
RESET complaint.staff;
-- the accountability office asks an administrator: it has no EXECUTE, and a
-- grant by hand would still meet the function's own check
SET SESSION AUTHORIZATION regress_priv_office;
SELECT pg_temp.try($$SELECT * FROM complaint.reveal_complainant(4, '听证')$$);
RESET SESSION AUTHORIZATION;
SELECT count(*) AS access_records FROM complaint.identity_access;
-- allowed: the administrator, a superuser naming a staff member
SET SESSION AUTHORIZATION regress_priv_admin;
SELECT * FROM complaint.reveal_complainant(2, '投诉人要求查询本人登记信息');
SELECT * FROM complaint.reveal_complainant(4, '第九条(五) 听证 (责任追究办公室申请)');
RESET SESSION AUTHORIZATION;
SET complaint.staff = 'HP';
SELECT * FROM complaint.reveal_complainant(5, '督办');
RESET complaint.staff;
-- a staff member mapped to a login role that is also in complaint_admin is recorded as that staff member
GRANT complaint_admin TO regress_priv_hp;
SET SESSION AUTHORIZATION regress_priv_hp;
SELECT name FROM complaint.reveal_complainant(3, '复核');
RESET SESSION AUTHORIZATION;
REVOKE complaint_admin FROM regress_priv_hp;
-- the record: who (acting staff, login role), when (the workflow clock), which case, why
SELECT case_id, at, staff_code, login_role, basis, reason FROM complaint.identity_access ORDER BY id;
-- append-only: no update, delete or truncate, not even for a superuser; nobody inserts by hand
SELECT pg_temp.try($$UPDATE complaint.identity_access SET reason = 'other' WHERE case_id = 2$$);
SELECT pg_temp.try($$DELETE FROM complaint.identity_access$$);
SELECT pg_temp.try($$TRUNCATE complaint.identity_access$$);
SET ROLE regress_priv_admin;
SELECT pg_temp.try($$INSERT INTO complaint.identity_access (case_id, at, login_role, basis, reason) VALUES (1, now(), 'x', 'administrator', 'forged')$$);
SELECT count(*) AS admin_reads_records FROM complaint.identity_access;
SET ROLE regress_priv_analyst;
SELECT pg_temp.try($$SELECT count(*) FROM complaint.identity_access$$);
RESET ROLE;
SELECT count(*) AS access_records FROM complaint.identity_access;

-- ---------------------------------------------------------------------------
-- the objects and their privileges
-- ---------------------------------------------------------------------------
SELECT polname, polcmd, polroles::regrole[]::text[] AS roles, polpermissive
  FROM pg_policy WHERE polrelid = 'complaint.cases'::regclass ORDER BY polname;
SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'complaint.cases'::regclass;
SELECT obj_description('complaint.register'::regclass, 'pg_class') IS NOT NULL AS register_commented,
	   (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = 'complaint.register'::regclass AND a.attnum > 0
		   AND col_description(a.attrelid, a.attnum) IS NULL) AS uncommented_columns,
	   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = 'complaint.cases'::regclass
		   AND obj_description(p.oid, 'pg_policy') IS NULL) AS uncommented_policies;

-- the register stays; the test's database and roles go
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_privacy;
DROP ROLE regress_priv_s1, regress_priv_s2, regress_priv_s3, regress_priv_s4, regress_priv_s5,
	regress_priv_hp, regress_priv_hc1, regress_priv_hc2, regress_priv_unmapped, regress_priv_app,
	regress_priv_admin, regress_priv_analyst, regress_priv_office, regress_priv_monitor, regress_priv_nobody;
