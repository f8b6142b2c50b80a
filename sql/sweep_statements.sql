--
-- sweep_statements: the SQL statements of complaint.sweep(), one file each
-- under src/sql/sweep/ (the build turns them into the C constants of
-- src/sweep_statements.h), read as the files stand and prepared with the
-- parameter types sweep.c binds: a file that stops parsing or no longer
-- matches the schema fails here; psql's \gdesc shows the result sweep.c
-- reads.  Each is also planned (EXPLAIN, which runs nothing) and the
-- claims, plain reads, are run on a small register.  The
-- test runs in a database of its own, so that its ids do not depend on the
-- other tests, and drops it at the end.  pg_regress runs psql in the tree's
-- top directory, so the files are read with a backquoted cat; each file
-- ends with the semicolon that ends its PREPARE.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_sweep_statements;
CREATE DATABASE regress_sweep_statements;
\set regress_db :DBNAME
\c regress_sweep_statements
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';

-- the statement files: a new one must be prepared below too
\set files `cd src/sql/sweep && LC_ALL=C ls *.sql | tr '\n' ' '`
SELECT unnest(string_to_array(trim(:'files'), ' ')) AS statement_file;

-- claims: $1 at, $2 the most rows, $3 ids to leave alone; one bigint column
\set sql `cat src/sql/sweep/ladder_claim.sql`
PREPARE ladder_claim (timestamptz, bigint, bigint[]) AS :sql
EXECUTE ladder_claim('2025-03-10', 100, '{}') \gdesc
\set sql `cat src/sql/sweep/handover_claim.sql`
PREPARE handover_claim (timestamptz, bigint, bigint[]) AS :sql
EXECUTE handover_claim('2025-03-10', 100, '{}') \gdesc
\set sql `cat src/sql/sweep/self_check_claim.sql`
PREPARE self_check_claim (timestamptz, bigint, bigint[]) AS :sql
EXECUTE self_check_claim('2025-03-10', 100, '{}') \gdesc
\set sql `cat src/sql/sweep/grading_claim.sql`
PREPARE grading_claim (timestamptz, bigint, bigint[]) AS :sql
EXECUTE grading_claim('2025-03-10', 100, '{}') \gdesc
\set sql `cat src/sql/sweep/appeal_claim.sql`
PREPARE appeal_claim (timestamptz, bigint, bigint[]) AS :sql
EXECUTE appeal_claim('2025-03-10', 100, '{}') \gdesc

-- processes: $1 at, $2 the claimed ids; one row of two bigints (records
-- written, rows locked)
\set sql `cat src/sql/sweep/ladder_process.sql`
PREPARE ladder_process (timestamptz, bigint[]) AS :sql
EXECUTE ladder_process('2025-03-10', '{1,2}') \gdesc
\set sql `cat src/sql/sweep/handover_process.sql`
PREPARE handover_process (timestamptz, bigint[]) AS :sql
EXECUTE handover_process('2025-03-10', '{1,2}') \gdesc
\set sql `cat src/sql/sweep/self_check_process.sql`
PREPARE self_check_process (timestamptz, bigint[]) AS :sql
EXECUTE self_check_process('2025-03-10', '{1,2}') \gdesc
\set sql `cat src/sql/sweep/grading_process.sql`
PREPARE grading_process (timestamptz, bigint[]) AS :sql
EXECUTE grading_process('2025-03-10', '{1,2}') \gdesc
\set sql `cat src/sql/sweep/appeal_process.sql`
PREPARE appeal_process (timestamptz, bigint[]) AS :sql
EXECUTE appeal_process('2025-03-10', '{1,2}') \gdesc

-- the ladder's note of a failing case: $1 at, $2 the case, $3 the error;
-- no result
\set sql `cat src/sql/sweep/ladder_fail.sql`
PREPARE ladder_fail (timestamptz, bigint, text) AS :sql
EXECUTE ladder_fail('2025-03-10', 1, 'an error') \gdesc

-- one prepared statement per file, each with the parameters sweep.c binds
-- (a $n more would show here)
SELECT name || '.sql' AS file, parameter_types FROM pg_prepared_statements ORDER BY name;
SELECT count(*) = cardinality(string_to_array(trim(:'files'), ' ')) AS every_file_prepared
  FROM pg_prepared_statements;

-- text written more than once stays the same: the case-history event of
-- an escalation, in ladder_process.sql and handover_process.sql (which
-- adds the responsibility), and the window of a time-limit rule, three
-- times in grading_process.sql (matter and unit apart)
\set ev_ladder `sed -n '/^), ev AS (/,/^), viol AS (/p' src/sql/sweep/ladder_process.sql | grep -v '^ *--'`
\set ev_handover `sed -n '/^), ev AS (/,/^), viol AS (/p' src/sql/sweep/handover_process.sql | grep -v '^ *--'`
SELECT :'ev_ladder' LIKE '%INSERT INTO complaint.event%'
	   AND replace(:'ev_ladder', '''responsibility_id'', NULL::bigint', '''responsibility_id'', ins.responsibility_id')
		   = :'ev_handover' AS event_inserts_agree;
\set windows `grep -A 3 'SELECT (SELECT r.lim FROM complaint.time_limit_rule r' src/sql/sweep/grading_process.sql`
SELECT count(*) AS windows, count(DISTINCT w) AS different
  FROM (SELECT regexp_replace(regexp_replace(regexp_replace(trim(w), '\s+', ' ', 'g'),
										   'match_rule\(''[a-z_]+''', 'match_rule(MATTER'),
							  'u\.code = .*$', 'u.code = UNIT') AS w
		  FROM regexp_split_to_table(:'windows', E'\n--\n') AS w) AS s;

-- each plans (EXPLAIN plans a statement and runs nothing)
CREATE FUNCTION pg_temp.plans(call text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	line text;
	n integer := 0;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) EXECUTE ' || call LOOP
		n := n + 1;
	END LOOP;
	RETURN n > 0;
END
$$;
SELECT call, pg_temp.plans(call) AS plans
  FROM (VALUES ('ladder_claim(''2025-03-10'', 100, ''{}'')'),
			   ('handover_claim(''2025-03-10'', 100, ''{}'')'),
			   ('self_check_claim(''2025-03-10'', 100, ''{}'')'),
			   ('grading_claim(''2025-03-10'', 100, ''{}'')'),
			   ('appeal_claim(''2025-03-10'', 100, ''{}'')'),
			   ('ladder_process(''2025-03-10'', ''{1,2}'')'),
			   ('handover_process(''2025-03-10'', ''{1,2}'')'),
			   ('self_check_process(''2025-03-10'', ''{1,2}'')'),
			   ('grading_process(''2025-03-10'', ''{1,2}'')'),
			   ('appeal_process(''2025-03-10'', ''{1,2}'')'),
			   ('ladder_fail(''2025-03-10'', 1, ''an error'')')) AS c(call);

-- a small register: two cases received on Monday 2025-03-03 under a rule
-- of 2 working days (deadline Wednesday 17:30), and a violation found by a
-- person
INSERT INTO complaint.unit (code, name) VALUES ('D1', 'unit');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('S1', 'first responder', 'D1');
INSERT INTO complaint.time_limit_rule (name, matter, lim, source)
VALUES ('sweep statements 2 wd', 'answer', '2 working days', 'test');
SET complaint.staff = 'S1';
SET complaint.now = '2025-03-03 09:00';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'test', 'S1', r.id FROM complaint.time_limit_rule r WHERE r.name = 'sweep statements 2 wd';
SET complaint.now = '2025-03-03 10:00';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'test', 'S1', r.id FROM complaint.time_limit_rule r WHERE r.name = 'sweep statements 2 wd';
SET complaint.now = '2025-03-03 12:00';
SELECT complaint.open_violation('no_answer_in_time', 'S1', 'D1', 1, '2025-03-03 11:00');
SELECT id, received_at, deadline FROM complaint.cases ORDER BY id;

-- the claims, run: a new case's watch row is due at its registration (the
-- sweep looks at it once), so the ladder claims nothing before it and then
-- the cases in the order they fall due, leaves alone the ids in $3 and
-- claims no more than $2; the violation is due for grading at once;
-- nothing else is due
EXECUTE ladder_claim('2025-03-03 08:00', 100, '{}');
EXECUTE ladder_claim('2025-03-10', 100, '{}');
EXECUTE ladder_claim('2025-03-10', 100, '{1}');
EXECUTE ladder_claim('2025-03-10', 1, '{}');
EXECUTE grading_claim('2025-03-03 12:00', 100, '{}');
EXECUTE grading_claim('2025-03-03 12:00', 100, '{1}');
EXECUTE handover_claim('2025-03-10', 100, '{}');
EXECUTE self_check_claim('2025-03-10', 100, '{}');
EXECUTE appeal_claim('2025-03-10', 100, '{}');

DEALLOCATE ALL;
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_sweep_statements;
