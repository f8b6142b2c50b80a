--
-- accountability: violations, hearings, decisions, appeals, self-checks and
-- explanations take their instant from the workflow clock
-- (complaint.clock_now()) and their actor from the acting staff member
-- (complaint.acting_staff()), never from the caller; the records are
-- append-only (no DELETE, no TRUNCATE, an UPDATE only fills the columns of
-- a later step, once).  The accountability office acts as a role of its
-- own with only the column privileges complaint.create_roles() grants to
-- complaint_accountability; the superuser fixes the clock (complaint.now)
-- so that the times are the same on every run.  Runs in a database of its
-- own (ids, counts) and drops it and its roles at the end.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_accountability;
CREATE DATABASE regress_accountability;
\set regress_db :DBNAME
\c regress_accountability
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;
\set SHOW_CONTEXT never

-- a statement's outcome: "ok", or its SQLSTATE and message
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ': ' || msg;
END
$$;

-- every row of every accountability table, as one checksum
CREATE FUNCTION pg_temp.records() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT count(*) || string_agg(x::text, ',' ORDER BY x.id) FROM complaint.violation x),
		(SELECT count(*) || string_agg(x::text, ',' ORDER BY x.id) FROM complaint.violation_circumstance x),
		(SELECT count(*) || string_agg(x::text, ',' ORDER BY x.id) FROM complaint.sanction x),
		(SELECT count(*) || string_agg(x::text, ',' ORDER BY x.id) FROM complaint.appeal x),
		(SELECT count(*) || string_agg(x::text, ',' ORDER BY x.id) FROM complaint.self_check x),
		(SELECT count(*) || string_agg(x::text, ',' ORDER BY x.id) FROM complaint.explanation x)))
$$;
GRANT EXECUTE ON FUNCTION pg_temp.try(text), pg_temp.records() TO PUBLIC;

-- organisation: HQ (head H0), city D1 (S1, S2), the accountability office ACC (A1)
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, interface_staff)
VALUES ('HQ', 'province', NULL, 'H0', NULL, NULL),
	   ('D1', 'city', 'HQ', NULL, NULL, NULL),
	   ('ACC', 'accountability office', NULL, 'A1', NULL, NULL);
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', 'head', 'HQ'), ('A1', 'auditor', 'ACC'), ('S1', 'first responder', 'D1'), ('S2', 'handler', 'D1');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source)
VALUES ('accountability test 2 wd', 'answer', '2 working days', 'test');

-- the office acts as a role mapped to A1; S2 has a role of its own with the
-- same rights (to show that nobody decides their own sanction)
DROP ROLE IF EXISTS regress_acct_office;
DROP ROLE IF EXISTS regress_acct_s2;
CREATE ROLE regress_acct_office;
CREATE ROLE regress_acct_s2;
UPDATE complaint.staff SET db_role = 'regress_acct_office' WHERE code = 'A1';
UPDATE complaint.staff SET db_role = 'regress_acct_s2' WHERE code = 'S2';
-- exactly the rights complaint.create_roles() gives complaint_accountability
-- on these tables and functions
DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['regress_acct_office', 'regress_acct_s2'] LOOP
		EXECUTE format('GRANT USAGE ON SCHEMA complaint TO %I', r);
		EXECUTE format('GRANT SELECT ON complaint.violation, complaint.violation_circumstance, complaint.sanction,'
					   ' complaint.appeal, complaint.self_check, complaint.explanation, complaint.violation_grade,'
					   ' complaint.sanction_policy, complaint.sanction_variant TO %I', r);
		EXECUTE format('GRANT INSERT (case_id, staff_code, unit_code, kind, occurred_at, detail, aggravating, mitigating)'
					   ' ON complaint.violation TO %I', r);
		EXECUTE format('GRANT INSERT (violation_id, aggravating, mitigating) ON complaint.violation_circumstance TO %I', r);
		EXECUTE format('GRANT UPDATE (hearing_note, decided_measures) ON complaint.sanction TO %I', r);
		EXECUTE format('GRANT INSERT (sanction_id, reason), UPDATE (outcome, note) ON complaint.appeal TO %I', r);
		EXECUTE format('GRANT UPDATE (report) ON complaint.self_check TO %I', r);
		EXECUTE format('GRANT INSERT (case_id, text) ON complaint.explanation TO %I', r);
		EXECUTE format('GRANT EXECUTE ON FUNCTION complaint.record_hearing(bigint, text),'
					   ' complaint.decide_sanction(bigint, text[]), complaint.file_appeal(bigint, text),'
					   ' complaint.decide_appeal(bigint, text, text), complaint.submit_self_check(bigint, text),'
					   ' complaint.record_explanation(bigint, text),'
					   ' complaint.open_violation(complaint.violation_kind, text, text, bigint, timestamptz, text, text[], text[]),'
					   ' complaint.set_circumstances(bigint, text[], text[]) TO %I', r);
	END LOOP;
END
$$;

-- two cases: received Monday 2025-03-03 09:00, due Wednesday 17:30
SET complaint.staff = 'S1';
SET complaint.now = '2025-03-03 09:00';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'late, explained in time', 'S2', r.id FROM complaint.time_limit_rule r
 WHERE r.name = 'accountability test 2 wd' RETURNING id AS c1 \gset
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'late, explained too late', 'S2', r.id FROM complaint.time_limit_rule r
 WHERE r.name = 'accountability test 2 wd' RETURNING id AS c2 \gset
SELECT deadline FROM complaint.cases WHERE id = :c1;
RESET complaint.staff;

-- the old signatures, which took the instant and the actor from the caller, are gone
SELECT to_regprocedure('complaint.record_hearing(bigint, timestamptz, text)') AS record_hearing_at,
	   to_regprocedure('complaint.decide_sanction(bigint, timestamptz, text, text[])') AS decide_sanction_at_by,
	   to_regprocedure('complaint.file_appeal(bigint, timestamptz, text)') AS file_appeal_at,
	   to_regprocedure('complaint.submit_self_check(bigint, timestamptz, text)') AS submit_self_check_at;
SELECT pg_temp.try($$SELECT complaint.record_hearing(1, '2025-01-01', 'back-dated')$$) AS old_hearing;
SELECT pg_temp.try($$SELECT complaint.decide_sanction(1, '2025-01-01', 'A1')$$) AS old_decision;
-- the new ones and what they return; none is for PUBLIC
SELECT p.oid::regprocedure AS step, p.prorettype::regtype AS returns, p.prosecdef AS owner_rights,
	   has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_call
  FROM pg_proc p
 WHERE p.pronamespace = 'complaint'::regnamespace
   AND p.proname IN ('record_hearing', 'decide_sanction', 'file_appeal', 'decide_appeal', 'submit_self_check',
					 'record_explanation', 'open_violation', 'set_circumstances',
					 'accountability_guard', 'appeal_closes_window')
 ORDER BY p.proname;

-- === explanations =========================================================
-- S2 explains case 1 on Wednesday 10:00, before the deadline: recorded at
-- the workflow clock, by the acting staff member (the role's mapping)
SET complaint.now = '2025-03-05 10:00';
SET ROLE regress_acct_s2;
SELECT complaint.acting_staff() AS acting, complaint.clock_now() AS clock;
SELECT complaint.record_explanation(:c1, 'waiting for the supplier') AS x1 \gset
-- a back-dated explanation for case 2 is impossible: given_at and given_by
-- cannot be named (no privilege), and the function takes no instant
SELECT pg_temp.try(format($$INSERT INTO complaint.explanation (case_id, given_at, text) VALUES (%s, '2025-03-04 10:00', 'back-dated')$$, :c2)) AS insert_given_at;
SELECT pg_temp.try(format($$INSERT INTO complaint.explanation (case_id, given_by, text) VALUES (%s, 'A1', 'as someone else')$$, :c2)) AS insert_given_by;
SELECT pg_temp.try($$SELECT complaint.record_explanation(1, 'x', '2025-03-04 10:00')$$) AS explanation_with_time;
RESET ROLE;
-- not even the superuser supplies them
SELECT pg_temp.try(format($$INSERT INTO complaint.explanation (case_id, given_at, given_by, text) VALUES (%s, '2025-03-04 10:00', 'S2', 'back-dated')$$, :c2)) AS superuser_given_at;
-- case 2's explanation comes Thursday, after the deadline
SET complaint.now = '2025-03-06 09:00';
SET ROLE regress_acct_s2;
-- a plain INSERT naming only the text is stamped the same way
SELECT pg_temp.try(format($$INSERT INTO complaint.explanation (case_id, text) VALUES (%s, 'sorry, late')$$, :c2)) AS plain_insert;
RESET ROLE;
SELECT case_id = :c1 AS case1, given_at, given_by, text FROM complaint.explanation ORDER BY id;
-- the sweep at Thursday: case 1 was explained by its deadline (no
-- violation), case 2 was not (violation of S2)
SELECT complaint.sweep('2025-03-06 09:00') > 0 AS swept;
SELECT c.id = :c1 AS case1, count(v.id) AS violations
  FROM complaint.cases c LEFT JOIN complaint.violation v ON v.case_id = c.id
 WHERE c.id IN (:c1, :c2) GROUP BY c.id ORDER BY c.id;
SELECT id AS v2 FROM complaint.violation WHERE case_id = :c2 \gset
SELECT kind, staff_code, occurred_at, recorded_at, recorded_by IS NULL AS by_the_system, origin
  FROM complaint.violation WHERE id = :v2;

-- === violations opened by a person, circumstances =========================
SET complaint.now = '2025-03-07 11:00';
SET ROLE regress_acct_office;
SELECT complaint.open_violation('bad_attitude', 'S1', case_id => :c1, occurred_at => '2025-03-06 15:00',
								detail => 'shouted at the complainant') AS v1 \gset
SELECT kind, staff_code, unit_code, occurred_at, recorded_at, recorded_by, origin, graded_at
  FROM complaint.violation WHERE id = :v1;
-- a violation cannot be recorded ahead of the clock, nor name its recorder
SELECT pg_temp.try($$SELECT complaint.open_violation('refusal', 'S1', occurred_at => '2025-03-08 09:00')$$) AS occurred_later;
SELECT pg_temp.try($$INSERT INTO complaint.violation (staff_code, kind, occurred_at, recorded_at) VALUES ('S1', 'refusal', '2025-03-01', '2025-03-01')$$) AS insert_recorded_at;
SELECT pg_temp.try($$INSERT INTO complaint.violation (staff_code, kind, occurred_at, origin) VALUES ('S1', 'refusal', '2025-03-01', 'deadline:99')$$) AS insert_origin;
SELECT pg_temp.try($$UPDATE complaint.violation SET kind = 'other'$$) AS update_violation;
RESET ROLE;
-- the sweep grades it (bad_attitude: minor) and sends D1 its self-check notice
SELECT complaint.sweep('2025-03-07 12:00') > 0 AS swept;
SELECT id AS s1, grade, aggravating, mitigating, proposed_at FROM complaint.sanction WHERE violation_id = :v1 \gset
SELECT :'grade' AS grade, :'aggravating' AS aggravating, :'mitigating' AS mitigating, :'proposed_at' AS proposed_at;
-- circumstances change by new rows: obstruction raises the grade
SET complaint.now = '2025-03-10 09:00';
SET ROLE regress_acct_office;
SELECT complaint.set_circumstances(:v1, '{obstructed_investigation}', '{}') > 0 AS recorded;
RESET ROLE;
SELECT complaint.sweep('2025-03-10 09:30') > 0 AS regraded;
SELECT complaint.sweep('2025-03-10 09:30') AS again;
SELECT grade, aggravating, proposed_at FROM complaint.sanction WHERE id = :s1;
-- and a later change, the apology, brings it back down; both rows stay
SET complaint.now = '2025-03-10 10:00';
SET ROLE regress_acct_office;
SELECT complaint.set_circumstances(:v1, '{obstructed_investigation}', '{apologised_and_forgiven}') > 0 AS recorded;
SELECT pg_temp.try($$UPDATE complaint.violation_circumstance SET mitigating = '{}'$$) AS update_circumstance;
RESET ROLE;
SELECT complaint.sweep('2025-03-10 10:30') > 0 AS regraded;
SELECT grade, aggravating, mitigating FROM complaint.sanction WHERE id = :s1;
SELECT aggravating, mitigating, recorded_at, recorded_by, graded_at
  FROM complaint.violation_circumstance WHERE violation_id = :v1 ORDER BY id;
SELECT graded_at FROM complaint.violation WHERE id = :v1;

-- === hearing, decision, appeal ============================================
SET ROLE regress_acct_office;
-- not before the hearing
SELECT pg_temp.try(format('SELECT complaint.decide_sanction(%s)', :s1)) AS decide_unheard;
-- the office cannot move the clock: complaint.now is for superusers
SELECT pg_temp.try($$SET complaint.now = '2025-01-01'$$) AS office_sets_clock;
RESET ROLE;
SET complaint.now = '2025-03-11 10:00';
SET ROLE regress_acct_office;
SELECT complaint.record_hearing(:s1, 'S1 heard in person');
SELECT pg_temp.try(format($$SELECT complaint.record_hearing(%s, 'heard again')$$, :s1)) AS second_hearing;
RESET ROLE;
SET complaint.now = '2025-03-12 16:00';
SET ROLE regress_acct_office;
SELECT complaint.decide_sanction(:s1, '{warning, written self-examination}') AS appeal_until;
SELECT heard_at, heard_by, hearing_note, decided_at, decided_by, decided_measures, appeal_until, appeal_closed_at
  FROM complaint.sanction WHERE id = :s1;
-- a decided sanction cannot be changed, decided again or re-dated, directly either
SELECT pg_temp.try(format('SELECT complaint.decide_sanction(%s)', :s1)) AS decide_again;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET decided_measures = '{nothing}' WHERE id = %s$$, :s1)) AS update_measures;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET hearing_note = 'rewritten' WHERE id = %s$$, :s1)) AS update_note;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET decided_at = '2025-03-01' WHERE id = %s$$, :s1)) AS update_decided_at;
RESET ROLE;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET decided_at = '2025-03-01' WHERE id = %s$$, :s1)) AS superuser_decided_at;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET appeal_until = 'infinity' WHERE id = %s$$, :s1)) AS superuser_appeal_until;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET grade = 'severe' WHERE id = %s$$, :s1)) AS superuser_regrade_decided;
SELECT pg_temp.try(format($$UPDATE complaint.sanction SET appeal_closed_at = '2025-03-13' WHERE id = %s$$, :s1)) AS superuser_close_early;
-- what a refusal says: which columns, and which step writes them
UPDATE complaint.sanction SET decided_measures = '{nothing}', grade = 'severe' WHERE id = :s1;
INSERT INTO complaint.explanation (case_id, given_at, given_by, text) VALUES (:c2, '2025-03-04', 'S2', 'back-dated');
DELETE FROM complaint.sanction WHERE id = :s1;
-- S1 appeals on 03-20 (inside the window): filed now, by the acting staff
-- member, and the window closes at the filing
SET complaint.now = '2025-03-20 09:00';
SET complaint.staff = 'S1';
SELECT complaint.file_appeal(:s1, 'the complainant provoked it') AS a1 \gset
SELECT filed_at, filed_by, reason, decided_at FROM complaint.appeal WHERE id = :a1;
SELECT appeal_closed_at FROM complaint.sanction WHERE id = :s1;
SELECT pg_temp.try(format($$SELECT complaint.file_appeal(%s, 'again')$$, :s1)) AS second_appeal;
RESET complaint.staff;
-- the office decides the appeal
SET complaint.now = '2025-03-25 11:00';
SET ROLE regress_acct_office;
SELECT pg_temp.try(format($$SELECT complaint.decide_appeal(%s, 'overturned', 'x')$$, :a1)) AS unknown_outcome;
SELECT complaint.decide_appeal(:a1, 'upheld', 'the recording shows no provocation');
SELECT decided_at, decided_by, outcome, note FROM complaint.appeal WHERE id = :a1;
SELECT pg_temp.try(format($$SELECT complaint.decide_appeal(%s, 'revoked', 'changed my mind')$$, :a1)) AS decide_again;
SELECT pg_temp.try(format($$UPDATE complaint.appeal SET note = 'rewritten' WHERE id = %s$$, :a1)) AS update_appeal;
RESET ROLE;

-- S2's own sanction (the no-answer violation of case 2): S2 cannot record
-- its hearing nor decide it
SELECT id AS s2 FROM complaint.sanction WHERE violation_id = :v2 \gset
SET ROLE regress_acct_s2;
SELECT pg_temp.try(format($$SELECT complaint.record_hearing(%s, 'I heard myself')$$, :s2)) AS own_hearing;
RESET ROLE;
SET complaint.now = '2025-03-12 09:00';
SET ROLE regress_acct_office;
SELECT complaint.record_hearing(:s2, 'S2 heard');
RESET ROLE;
SET ROLE regress_acct_s2;
SELECT pg_temp.try(format('SELECT complaint.decide_sanction(%s)', :s2)) AS own_decision;
RESET ROLE;
SET ROLE regress_acct_office;
SELECT pg_temp.try(format($$SELECT complaint.decide_sanction(%s, '{}')$$, :s2)) AS no_measures;
SELECT complaint.decide_sanction(:s2) AS appeal_until;
RESET ROLE;
-- no appeal: the sweep closes the window at its end, and nobody can appeal
-- after.  Decided Wednesday 03-12: the day of the decision is not counted,
-- day 15 is Thursday 03-27, and the window ends at its close of business
-- (17:30), not 15 x 24 hours after the decision
SELECT complaint.sweep('2025-03-27 17:29') IS NOT NULL AS swept_before_the_end;
SELECT appeal_closed_at IS NULL AS still_open_at_17_29 FROM complaint.sanction WHERE id = :s2;
SELECT complaint.sweep('2025-03-27 17:30') > 0 AS swept;
SELECT appeal_until, appeal_closed_at FROM complaint.sanction WHERE id = :s2;
SET complaint.now = '2025-03-28 09:00';
SET ROLE regress_acct_s2;
SELECT pg_temp.try(format($$SELECT complaint.file_appeal(%s, 'too late')$$, :s2)) AS late_appeal;
RESET ROLE;

-- === the self-check report ================================================
SELECT id AS k1, report_due FROM complaint.self_check WHERE violation_id = :v1 \gset
SET complaint.now = '2025-03-13 15:00';
SET ROLE regress_acct_office;
SELECT complaint.submit_self_check(:k1, 'training held');
SELECT reported_at, reported_by, report FROM complaint.self_check WHERE id = :k1;
SELECT pg_temp.try(format($$SELECT complaint.submit_self_check(%s, 'again')$$, :k1)) AS report_again;
SELECT pg_temp.try(format($$UPDATE complaint.self_check SET report = 'rewritten' WHERE id = %s$$, :k1)) AS update_report;
SELECT pg_temp.try(format($$UPDATE complaint.self_check SET reported_at = '2025-03-01' WHERE id = %s$$, :k1)) AS update_reported_at;
RESET ROLE;

-- === refusals: nothing is written ==========================================
SELECT pg_temp.records() AS before \gset
-- null arguments (23502), empty or unknown values (22023), unknown ids (42704)
SET complaint.staff = 'A1';
SELECT pg_temp.try('SELECT complaint.record_hearing(NULL, ''x'')') AS hearing_null_id,
	   pg_temp.try('SELECT complaint.record_hearing(1, NULL)') AS hearing_null_note,
	   pg_temp.try('SELECT complaint.record_hearing(1, '''')') AS hearing_empty_note,
	   pg_temp.try('SELECT complaint.record_hearing(-1, ''x'')') AS hearing_unknown;
SELECT pg_temp.try('SELECT complaint.decide_sanction(NULL)') AS decide_null,
	   pg_temp.try('SELECT complaint.decide_sanction(-1)') AS decide_unknown;
SELECT pg_temp.try('SELECT complaint.file_appeal(NULL, ''x'')') AS appeal_null_id,
	   pg_temp.try('SELECT complaint.file_appeal(1, NULL)') AS appeal_null_reason,
	   pg_temp.try('SELECT complaint.file_appeal(1, '''')') AS appeal_empty_reason,
	   pg_temp.try('SELECT complaint.file_appeal(-1, ''x'')') AS appeal_unknown;
SELECT pg_temp.try('SELECT complaint.decide_appeal(NULL, ''upheld'', ''x'')') AS decide_appeal_null_id,
	   pg_temp.try('SELECT complaint.decide_appeal(1, NULL, ''x'')') AS decide_appeal_null_outcome,
	   pg_temp.try('SELECT complaint.decide_appeal(1, ''upheld'', NULL)') AS decide_appeal_null_note,
	   pg_temp.try('SELECT complaint.decide_appeal(-1, ''upheld'', ''x'')') AS decide_appeal_unknown;
SELECT pg_temp.try('SELECT complaint.submit_self_check(NULL, ''x'')') AS self_check_null_id,
	   pg_temp.try('SELECT complaint.submit_self_check(1, NULL)') AS self_check_null_report,
	   pg_temp.try('SELECT complaint.submit_self_check(1, '''')') AS self_check_empty_report;
SELECT pg_temp.try('SELECT complaint.record_explanation(NULL, ''x'')') AS explanation_null_case,
	   pg_temp.try('SELECT complaint.record_explanation(1, NULL)') AS explanation_null_text,
	   pg_temp.try('SELECT complaint.record_explanation(1, '''')') AS explanation_empty,
	   pg_temp.try('SELECT complaint.record_explanation(-1, ''x'')') AS explanation_unknown_case;
SELECT pg_temp.try('SELECT complaint.open_violation(NULL, ''S1'')') AS open_null_kind,
	   pg_temp.try('SELECT complaint.open_violation(''other'', NULL)') AS open_nobody,
	   pg_temp.try('SELECT complaint.open_violation(''other'', ''nosuch'')') AS open_unknown_staff,
	   pg_temp.try('SELECT complaint.open_violation(''other'', ''S1'', aggravating => NULL)') AS open_null_circumstances;
SELECT pg_temp.try('SELECT complaint.set_circumstances(NULL, ''{}'', ''{}'')') AS circumstances_null_id,
	   pg_temp.try('SELECT complaint.set_circumstances(1, NULL, ''{}'')') AS circumstances_null_list,
	   pg_temp.try('SELECT complaint.set_circumstances(1, ''{bribed}'', ''{}'')') AS circumstances_unknown,
	   pg_temp.try('SELECT complaint.set_circumstances(1, ''{}'', ''{NULL}'')') AS circumstances_null_item,
	   pg_temp.try('SELECT complaint.set_circumstances(-1, ''{}'', ''{}'')') AS circumstances_unknown_violation;
-- nobody acting (the superuser is mapped to no staff member): no record
RESET complaint.staff;
SELECT pg_temp.try(format($$SELECT complaint.record_explanation(%s, 'by nobody')$$, :c2)) AS nobody_acting;
-- DELETE and TRUNCATE: refused to the office (no privilege) and, by the
-- guard, to the superuser
SET ROLE regress_acct_office;
SELECT t AS "table", pg_temp.try(format('DELETE FROM complaint.%I', t)) AS office_delete
  FROM unnest(ARRAY['violation', 'violation_circumstance', 'sanction', 'appeal', 'self_check', 'explanation']) t;
RESET ROLE;
SELECT t AS "table", pg_temp.try(format('DELETE FROM complaint.%I', t)) AS superuser_delete,
	   pg_temp.try(format('TRUNCATE complaint.%I CASCADE', t)) AS superuser_truncate
  FROM unnest(ARRAY['violation', 'violation_circumstance', 'sanction', 'appeal', 'self_check', 'explanation']) t;
-- nor can the superuser write what only the sweep writes, out of turn
SELECT pg_temp.try(format($$UPDATE complaint.violation SET graded_at = now() WHERE id = %s$$, :v1)) AS regrade_by_hand,
	   pg_temp.try(format($$INSERT INTO complaint.sanction (violation_id, variant, base_grade, grade, prior_violations, aggravating, mitigating, measures, proposed_at, decided_at) VALUES (%s, 'general', 'minor', 'minor', 0, '{}', '{}', '{x}', now(), now())$$, :v1)) AS decided_on_insert,
	   pg_temp.try(format($$INSERT INTO complaint.appeal (sanction_id, reason, filed_at, filed_by) VALUES (%s, 'x', now(), 'S2')$$, :s2)) AS appeal_filed_at;
SELECT pg_temp.records() = :'before' AS nothing_written;

-- === the guard and the window trigger are for their tables only ============
CREATE TABLE public.acct_decoy (id bigint, sanction_id bigint, filed_at timestamptz);
CREATE TRIGGER decoy_guard BEFORE INSERT ON public.acct_decoy
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER decoy_window AFTER INSERT ON public.acct_decoy
	FOR EACH ROW EXECUTE FUNCTION complaint.appeal_closes_window();
SELECT pg_temp.try('INSERT INTO public.acct_decoy VALUES (1, 1, now())') AS guard_elsewhere;
DROP TRIGGER decoy_guard ON public.acct_decoy;
SELECT pg_temp.try(format('INSERT INTO public.acct_decoy VALUES (1, %s, now())', :s2)) AS window_elsewhere;
DROP TABLE public.acct_decoy;
CREATE TRIGGER decoy_after AFTER INSERT ON complaint.explanation
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
SET complaint.staff = 'A1';
SELECT pg_temp.try(format($$SELECT complaint.record_explanation(%s, 'guard fired after')$$, :c2)) AS guard_after;
RESET complaint.staff;
DROP TRIGGER decoy_after ON complaint.explanation;
SELECT pg_temp.try('SELECT complaint.accountability_guard()') AS called_directly;
SELECT pg_temp.records() = :'before' AS still_nothing_written;

-- the register stays; the test's database and roles go
\c :regress_db
DROP DATABASE regress_accountability;
DROP ROLE regress_acct_office;
DROP ROLE regress_acct_s2;
