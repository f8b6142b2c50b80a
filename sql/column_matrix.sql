--
-- column_matrix: every column of every table the extension owns, set to
-- NULL and to out-of-range values, by UPDATE of an existing row and by
-- INSERT of a copy of it, as the superuser (the triggers' C code sees every
-- attempt) and as the shipped roles that may write the table (the
-- application role for the register, the administrator for the
-- organisation, calendars, rules and policies).  Each attempt runs in a
-- subtransaction that is always rolled back, and its outcome is counted by
-- SQLSTATE: an accepted change shows as "accepted" (and is rolled back), a
-- refusal as its SQLSTATE.  What must hold: no attempt crashes the server
-- (the file would end early), none is an internal error (XX000), no message
-- carries the complainant data placed in the register, and the tables are
-- exactly as before.  Runs in a database of its own and drops it.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_column_matrix;
CREATE DATABASE regress_column_matrix;
\set regress_db :DBNAME
\c regress_column_matrix
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SELECT count(*) > 0 AS roles_ready FROM (SELECT complaint.create_roles()) r;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;

-- a register with a row in every table: organisation, cases at every stage,
-- the sweep's escalations, violations, sanctions and self-checks, a decided
-- and appealed sanction, an explanation, an identity read on the record
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, interface_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0', NULL), ('D1', 'city', 'HQ', NULL, NULL, NULL),
	   ('D2', 'district', 'HQ', NULL, NULL, 'I2'), ('ACC', 'office', NULL, 'A1', NULL, NULL);
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', 'head', 'HQ'), ('L0', 'leader', 'HQ'), ('A1', 'auditor', 'ACC'), ('S1', 'responder', 'D1'),
	   ('S2', 'handler', 'D1'), ('I2', 'interface', 'D2'), ('S3', 'district', 'D2');
COMMIT;
INSERT INTO complaint.category (code, name) VALUES ('billing', 'billing');
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES ('HQ', 'billing', 'D1');
INSERT INTO complaint.calendar (name, time_zone) VALUES ('TEST', 'Asia/Shanghai');
INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends) VALUES ('TEST', 1, '09:00', '17:00');
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('TEST', '2025-03-08', 'workday', 'make-up');
INSERT INTO complaint.calendar_day_hours (calendar, day, starts, ends) VALUES ('TEST', '2025-03-08', '09:00', '12:00');
INSERT INTO complaint.sanction_variant (unit_code, variant) VALUES ('D2', 'telecom');
UPDATE complaint.escalation_policy SET office_unit = 'ACC' WHERE rule_id IS NULL;
INSERT INTO complaint.time_limit_rule (name, matter, lim, extension_cap, source)
VALUES ('matrix 2 wd', 'answer', '2 working days', '5 working days', 'test');
SELECT id AS rule FROM complaint.time_limit_rule WHERE name = 'matrix 2 wd' \gset

SET complaint.staff = 'S1';
SET complaint.now = '2025-03-03 09:00+08';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id, category, complainant_name, complainant_contact)
SELECT 'phone', 'matter ' || g, 'S2', :rule, 'billing', 'MARKER 李四', '139MARKER' FROM generate_series(1, 4) g;
SELECT status FROM complaint.accept(2);
SELECT status FROM complaint.transfer(3, 'D2', NULL, 'to the district');
SELECT status FROM complaint.request_materials(4, ARRAY['receipt']);
SELECT complaint.sweep('2025-03-20 12:00+08') > 0 AS swept;
SET complaint.staff = 'A1';
SELECT complaint.record_explanation(1, 'explained late') > 0 AS explained;
SELECT complaint.record_hearing(min(id), 'heard') FROM complaint.sanction;
SET complaint.staff = 'H0';
SELECT complaint.decide_sanction(min(id)) IS NOT NULL AS decided FROM complaint.sanction;
SET complaint.staff = 'S2';
SELECT complaint.file_appeal(min(id), 'unfair') > 0 AS appealed FROM complaint.sanction WHERE decided_at IS NOT NULL;
SELECT complaint.set_circumstances(min(id), '{}', '{harm_prevented}') > 0 AS circumstances FROM complaint.violation;
RESET complaint.staff;
SELECT complaint.sweep('2025-03-21 12:00+08') >= 0 AS swept_again;
SELECT complaint.feed_register('matrix', 'beginning') = 0 AS feed_consumer;
SELECT count(*) > 0 AS feed_numbered FROM complaint.feed_read('matrix');
SELECT name IS NOT NULL AS identity_read FROM complaint.reveal_complainant(1, 'hearing');

-- every table of the extension has rows to try
SELECT c.relname, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text::int > 0 AS has_rows
  FROM pg_class c WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind = 'r' ORDER BY 1;

-- the fingerprint of every table
CREATE FUNCTION pg_temp.fingerprint() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r record;
	acc text := '';
	part text;
BEGIN
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind = 'r' ORDER BY c.relname LOOP
		EXECUTE format('SELECT md5(coalesce(string_agg(t::text, ''|'' ORDER BY t::text), '''')) FROM %s t', r.rel) INTO part;
		acc := acc || part;
	END LOOP;
	RETURN md5(acc);
END
$$;
SELECT pg_temp.fingerprint() AS before \gset

-- out-of-range values per column type (besides NULL)
CREATE FUNCTION pg_temp.odd_values(typ regtype) RETURNS text[] LANGUAGE sql AS $$
	SELECT CASE typ
		WHEN 'text'::regtype THEN ARRAY['''''', quote_literal(repeat('长', 100000)), quote_literal(E'\u00e9\u0301\ufeff\u202e')]
		WHEN 'integer'::regtype THEN ARRAY['-2147483648', '2147483647', '0']
		WHEN 'bigint'::regtype THEN ARRAY['-9223372036854775808', '9223372036854775807', '0']
		WHEN 'timestamp with time zone'::regtype THEN ARRAY['''infinity''', '''-infinity''', '''4713-01-01 BC''', '''294276-12-31''']
		WHEN 'date'::regtype THEN ARRAY['''infinity''', '''-infinity''', '''4713-01-01 BC''']
		WHEN 'interval'::regtype THEN ARRAY['''-178000000 years''', '''178000000 years''']
		WHEN 'time without time zone'::regtype THEN ARRAY['''24:00''', '''00:00''']
		WHEN 'text[]'::regtype THEN ARRAY['''{}''', '''{NULL}''', quote_literal(ARRAY[repeat('x', 10000)])]
		WHEN 'smallint[]'::regtype THEN ARRAY['''{}''', '''{0,8,-1}''']
		WHEN 'integer[]'::regtype THEN ARRAY['''{}''', '''{0,8,-1}''']
		WHEN 'numeric'::regtype THEN ARRAY['''-1''', '''NaN''', '''1e100''']
		WHEN 'jsonb'::regtype THEN ARRAY['''null''', '''[]''']
		WHEN 'complaint.time_limit'::regtype THEN ARRAY['''0 minutes''', '''2147483647 working days''']
		ELSE ARRAY[]::text[] END
$$;

-- try every column of every table the role may touch; one row per table and outcome
CREATE FUNCTION pg_temp.matrix(only_privileged boolean)
RETURNS TABLE (tab name, outcome text, attempts bigint) LANGUAGE plpgsql AS $$
DECLARE
	c record;
	v text;
	vals text[];
	stmt text;
	st text;
	msg text;
	det text;
	hnt text;
	key text;
	counts jsonb := '{}';
	leaks integer := 0;
	internal integer := 0;
	pick text;
	src text;
BEGIN
	FOR c IN SELECT k.oid AS relid, k.relname, a.attname, a.atttypid::regtype AS typ, a.attgenerated <> '' AS generated,
					a.attidentity <> '' AS identity
			   FROM pg_class k JOIN pg_attribute a ON a.attrelid = k.oid
			  WHERE k.relnamespace = 'complaint'::regnamespace AND k.relkind = 'r'
				AND a.attnum > 0 AND NOT a.attisdropped
			  ORDER BY k.relname, a.attnum LOOP
		CONTINUE WHEN c.generated;
		CONTINUE WHEN only_privileged
			AND NOT has_table_privilege(c.relid, 'UPDATE') AND NOT has_table_privilege(c.relid, 'INSERT');
		vals := ARRAY['NULL'] || pg_temp.odd_values(c.typ);
		-- the row tried: the first one; a role that reads only some columns
		-- (the application: complaint.cases without complainant_*) picks it
		-- by id and copies the columns it reads
		IF has_table_privilege(c.relid, 'SELECT') THEN
			pick := format('ctid = (SELECT min(ctid) FROM %s)', c.relid::regclass);
			src := 't';
		ELSE
			pick := format('id = (SELECT min(id) FROM %s)', c.relid::regclass);
			src := (SELECT string_agg(quote_ident(b.attname), ', ' ORDER BY b.attnum) FROM pg_attribute b
					 WHERE b.attrelid = c.relid AND b.attnum > 0 AND NOT b.attisdropped
					   AND has_column_privilege(c.relid, b.attnum, 'SELECT'));
		END IF;
		FOREACH v IN ARRAY vals LOOP
			FOREACH stmt IN ARRAY ARRAY[
				format('UPDATE %s SET %I = %s WHERE %s',
					   c.relid::regclass, c.attname, v, pick),
				CASE WHEN src = 't' THEN
					format('INSERT INTO %s SELECT (jsonb_populate_record(t, jsonb_build_object(%L, %s::%s))).* FROM %s t WHERE %s',
						   c.relid::regclass, c.attname, v, c.typ, c.relid::regclass, pick)
				ELSE
					format('INSERT INTO %s SELECT (jsonb_populate_record(NULL::%s, to_jsonb(t) || jsonb_build_object(%L, %s::%s))).* FROM (SELECT %s FROM %s WHERE %s) t',
						   c.relid::regclass, c.relid::regclass, c.attname, v, c.typ, src, c.relid::regclass, pick)
				END] LOOP
				BEGIN
					EXECUTE stmt;
					RAISE EXCEPTION USING ERRCODE = 'CMX01', MESSAGE = 'accepted';	-- roll it back
				EXCEPTION WHEN OTHERS THEN
					GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
											det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
					key := c.relname || ' ' || CASE WHEN st = 'CMX01' THEN 'accepted' ELSE st END;
					counts := jsonb_set(counts, ARRAY[key], to_jsonb(coalesce((counts->>key)::int, 0) + 1));
					IF concat(msg, det, hnt) LIKE '%MARKER%' THEN leaks := leaks + 1; END IF;
					IF st = 'XX000' THEN
						internal := internal + 1;
						RAISE WARNING 'internal error: % -- %', stmt, msg;
					END IF;
				END;
			END LOOP;
		END LOOP;
	END LOOP;
	RETURN QUERY SELECT split_part(k, ' ', 1)::name, split_part(k, ' ', 2), v2::text::bigint
				   FROM jsonb_each(counts) AS e(k, v2) ORDER BY 1, 2;
	RETURN QUERY SELECT 'ALL'::name, 'internal errors (XX000)', internal::bigint;
	RETURN QUERY SELECT 'ALL'::name, 'messages with complainant data', leaks::bigint;
END
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pg_temp TO PUBLIC;

-- the superuser: every table, every column
SET complaint.staff = 'S1';
SET complaint.now = '2025-03-22 10:00+08';
SELECT * FROM pg_temp.matrix(false);
RESET complaint.staff;
SELECT pg_temp.fingerprint() = :'before' AS nothing_changed_superuser;

-- the application role on the tables it may write (the register)
CREATE ROLE regress_matrix_app LOGIN IN ROLE complaint_application;
SET ROLE regress_matrix_app;
SET complaint.staff = 'S1';
SELECT * FROM pg_temp.matrix(true);
RESET complaint.staff;
RESET ROLE;
SELECT pg_temp.fingerprint() = :'before' AS nothing_changed_application;

-- the administrator on the organisation, calendars, rules and policies
CREATE ROLE regress_matrix_admin LOGIN IN ROLE complaint_admin;
SET ROLE regress_matrix_admin;
SELECT * FROM pg_temp.matrix(true);
RESET ROLE;
SELECT pg_temp.fingerprint() = :'before' AS nothing_changed_administrator;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_column_matrix;
DROP ROLE regress_matrix_app, regress_matrix_admin;
