-- complaint 0.1.0 -> 0.2.0: what changed in the schema since the first release
-- (ALTER EXTENSION complaint UPDATE TO '0.2.0'; each feature in a section of its own)

-- privacy: complainant columns withheld from the staff -----------------------
-- The staff and the application read complaint.cases without the
-- complainant_* columns (the identity is read in complaint.register, in
-- clear only for those handling the case).  The step functions therefore
-- read the row by name, without those columns, and return them NULL; and
-- complaint.create_roles() grants the staff SELECT on every other column
-- (its block "-- privacy").  complaint.add_co_handler() (C) asks for the
-- columns a step reads instead of SELECT on the whole table: no SQL change.

-- case_for_step: lock a case for a step and return it without the
-- complainant's identity; 42704 when there is none.  Every column of
-- complaint.cases but complainant_* is read by name, in the table's order
-- (the four NULLs stand for them): a column added to the table must be
-- added here too (regress test privacy compares the result with the row).
CREATE OR REPLACE FUNCTION complaint.case_for_step(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases;
BEGIN
	SELECT x.id, x.status, x.kind, x.channel, x.complexity, x.category, x.region, x.matter,
		   NULL, NULL, NULL, NULL,
		   x.received_at, x.first_responder, x.handler_unit, x.handler_staff, x.handover_note,
		   x.clock_start, x.rule_id, x.imposed_limit, x.calendar, x.clock_from, x.clock_limit,
		   x.deadline, x.original_deadline, x.acceptance_due, x.acceptance_from, x.acceptance_limit,
		   x.acceptance_rule_id, x.paused_at, x.paused_total,
		   x.extension_count, x.extension_last, x.extension_approver, x.extension_reason, x.extended_by,
		   x.accepted_at, x.started_at, x.missing_items, x.answer, x.answered_at, x.satisfaction,
		   x.feedback_note, x.feedback_at, x.closed_at, x.referred_to, x.referral_papers, x.referred_at,
		   x.reopen_reason, x.reopened_at, x.reopen_count, x.upgraded, x.repeat_of
	  INTO c
	  FROM complaint.cases x WHERE x.id = case_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'case % does not exist', case_id
			USING ERRCODE = 'undefined_object',
				  HINT = 'Cases are rows of complaint.cases.';
	END IF;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.case_for_step(bigint) IS
	'the case, locked FOR NO KEY UPDATE for a step (new cases may still refer to it), without the complainant''s identity (complainant_* NULL: read it in complaint.register); raises 42704 when it does not exist';

CREATE OR REPLACE FUNCTION complaint.accept(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'accepted' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.accept(bigint) IS
	'受理: the organisation takes the case on (registered or reopened -> accepted); a limit counted from acceptance starts again';

CREATE OR REPLACE FUNCTION complaint.transfer(case_id bigint, to_unit text, to_staff text DEFAULT NULL, note text DEFAULT NULL)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET status = 'transferred', handler_unit = to_unit, handler_staff = to_staff,
		   handover_note = note
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.transfer(bigint, text, text, text) IS
	'转办: hand the case to another unit (and person); the first responder stays accountable; a unit with an interface person gets the hand-over timer';

CREATE OR REPLACE FUNCTION complaint.assign(case_id bigint, to_staff text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET handler_staff = to_staff WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.assign(bigint, text) IS
	'a person of the handling unit takes the case; when the ticket waited with the interface person this is the hand-over (交办)';

CREATE OR REPLACE FUNCTION complaint.start(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	IF c.status = 'waiting_materials' THEN
		RAISE EXCEPTION 'case % is waiting for materials', case_id
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Use complaint.materials_received() when they arrive.';
	END IF;
	UPDATE complaint.cases SET status = 'in_progress' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.start(bigint) IS
	'办理: the handler starts (or resumes after an unsatisfactory answer) working on the case';

CREATE OR REPLACE FUNCTION complaint.request_materials(case_id bigint, items text[])
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'waiting_materials', missing_items = items
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.request_materials(bigint, text[]) IS
	'一次性告知: tell the complainant every missing item, once; the clock stops until complaint.materials_received()';

CREATE OR REPLACE FUNCTION complaint.materials_received(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	IF c.status <> 'waiting_materials' THEN
		RAISE EXCEPTION 'case % is not waiting for materials', case_id
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('Case %s is %s.', case_id, c.status);
	END IF;
	UPDATE complaint.cases SET status = 'in_progress' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.materials_received(bigint) IS
	'the missing materials arrived: the clock runs again and the deadline moves by exactly the time paused';

CREATE OR REPLACE FUNCTION complaint.extend(case_id bigint, "by" complaint.time_limit, approver text, reason text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET extension_count = extension_count + 1, extension_last = $2,
		   extension_approver = $3, extension_reason = $4
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.extend(bigint, complaint.time_limit, text, text) IS
	'延期: an extension approved by a leader of the handling unit, with its reason; capped by the rule; the original deadline is kept';

CREATE OR REPLACE FUNCTION complaint.answer(case_id bigint, answer text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'answered', answer = $2
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.answer(bigint, text) IS
	'答复: the answer given to the complainant; feedback is asked next';

CREATE OR REPLACE FUNCTION complaint.record_feedback(case_id bigint, satisfaction complaint.satisfaction, note text DEFAULT NULL)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	IF $2 IS NULL THEN
		RAISE EXCEPTION 'feedback on case % needs the complainant''s satisfaction', case_id
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	UPDATE complaint.cases SET satisfaction = $2, feedback_note = $3
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.record_feedback(bigint, complaint.satisfaction, text) IS
	'反馈: the answer was fed back to the complainant; records their satisfaction (satisfied, basically_satisfied or dissatisfied; needed to close)';

CREATE OR REPLACE FUNCTION complaint.close(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'closed' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.close(bigint) IS
	'办结: close an answered case whose feedback and satisfaction are recorded; every responsibility ends';

CREATE OR REPLACE FUNCTION complaint.refer_out(case_id bigint, authority text, required_papers text[])
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'referred_out', referred_to = $2, referral_papers = $3
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.refer_out(bigint, text, text[]) IS
	'outside the organisation''s competence: tell the complainant once which authority is competent and which papers it needs (天津 二(一))';

CREATE OR REPLACE FUNCTION complaint.reopen(case_id bigint, reason text, upgraded boolean DEFAULT false)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET status = 'reopened', reopen_reason = $2, upgraded = c.upgraded OR $3
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.reopen(bigint, text, boolean) IS
	'a repeat or upgraded complaint about a closed or referred-out case: handling starts again with a new clock';


CREATE OR REPLACE FUNCTION complaint.create_roles() RETURNS SETOF text
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	roles constant text[] := ARRAY['complaint_admin', 'complaint_application', 'complaint_staff',
								   'complaint_accountability', 'complaint_analyst', 'complaint_monitor'];
	comments constant text[] := ARRAY[
		'complaint: administrator: units, staff, calendars, rules, presets and policies (write); reads every table',
		'complaint: application: registers cases and takes steps for the staff members it authenticates; may SET complaint.staff to any of them',
		'complaint: staff: registers cases and takes steps as the one staff member mapped to the login role (complaint.staff.db_role)',
		'complaint: accountability office: hearings, decisions, appeals, self-checks, explanations; reads the accountability tables',
		'complaint: analyst: reads every table (complaint.cases without its complainant_* columns)',
		'complaint: monitor: background worker status'];
	-- the organisation, its calendars and rules: what the administrator writes
	org_tables constant text[] := ARRAY['unit', 'staff', 'category', 'route', 'time_limit_rule',
										'calendar', 'calendar_hours', 'calendar_day', 'calendar_day_hours'];
	admin_tables constant text[] := org_tables || ARRAY['escalation_policy', 'sanction_policy',
														'sanction_variant', 'violation_grade'];
	-- what the staff (and the application) read besides the cases
	staff_read constant text[] := org_tables || ARRAY['responsibility', 'event'];
	accountability_tables constant text[] := ARRAY['violation', 'violation_circumstance', 'violation_grade',
												   'sanction_policy', 'sanction_variant', 'sanction', 'appeal',
												   'self_check', 'explanation'];
	steps constant text[] := ARRAY['case_for_step', 'accept', 'transfer', 'assign', 'start',
								   'request_materials', 'materials_received', 'extend', 'answer',
								   'record_feedback', 'close', 'refer_out', 'reopen', 'add_co_handler'];
	-- readers of the organisation and rules (invoker's rights)
	readers constant text[] := ARRAY['unit_ancestors', 'unit_sector', 'match_rule', 'route_case',
									 'unit_officer', 'unit_sanction_variant', 'escalation_ladder'];
	accountability_functions constant text[] := ARRAY['record_hearing', 'decide_sanction', 'file_appeal',
													  'submit_self_check', 'record_explanation',
													  'decide_appeal', 'open_violation', 'set_circumstances'];
	me record;
	owner oid;
	r record;
	i integer;
	grantees text;
BEGIN
	-- who may: someone who can create roles and grant on the extension's objects
	SELECT a.rolsuper, a.rolcreaterole INTO me FROM pg_roles a WHERE a.rolname = current_user;
	SELECT c.relowner INTO owner FROM pg_class c WHERE c.oid = 'complaint.cases'::regclass;
	IF NOT (me.rolsuper OR (me.rolcreaterole AND pg_has_role(current_user, owner, 'USAGE'))) THEN
		RAISE EXCEPTION 'permission denied to create the complaint roles'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'complaint.create_roles() creates roles and grants privileges on the objects of the extension.',
				  HINT = 'Run it as a superuser, or as a role with CREATEROLE that owns the extension''s objects.';
	END IF;

	-- the roles: created when missing; an existing one must be a plain group role
	FOR i IN 1 .. cardinality(roles) LOOP
		SELECT * INTO r FROM pg_roles a WHERE a.rolname = roles[i];
		IF NOT FOUND THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', roles[i]);
			EXECUTE format('COMMENT ON ROLE %I IS %L', roles[i], comments[i]);
			RETURN NEXT roles[i];
		ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb
			  OR r.rolreplication OR r.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" exists and is not a plain NOLOGIN group role', roles[i]
				USING ERRCODE = 'duplicate_object',
					  DETAIL = 'complaint.create_roles() grants the privileges of the complaint extension to it.',
					  HINT = format('Rename or drop that role, or make it NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS (ALTER ROLE %I ...).', roles[i]);
		END IF;
	END LOOP;

	-- start from nothing, so that running it again gives exactly the documented set
	grantees := (SELECT string_agg(quote_ident(x), ', ') FROM unnest(roles) x);
	EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA complaint FROM %s', grantees);
	EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA complaint FROM %s', grantees);
	EXECUTE format('REVOKE ALL ON ALL ROUTINES IN SCHEMA complaint FROM %s', grantees);
	GRANT USAGE ON SCHEMA complaint TO PUBLIC;

	-- staff (and the application, a member of it)
	GRANT SELECT, INSERT, UPDATE ON complaint.cases TO complaint_staff;
	FOR r IN SELECT d.objid::regclass AS seq FROM pg_depend d
			  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
				AND d.refobjid = 'complaint.cases'::regclass AND d.deptype IN ('a', 'i')
				AND (SELECT s.relkind FROM pg_class s WHERE s.oid = d.objid) = 'S' LOOP
		EXECUTE format('GRANT USAGE ON SEQUENCE %s TO complaint_staff', r.seq);
	END LOOP;
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relname = ANY (staff_read)
				AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_staff', r.rel);
	END LOOP;
	IF NOT EXISTS (SELECT FROM pg_auth_members m
					WHERE m.roleid = (SELECT a.oid FROM pg_roles a WHERE a.rolname = 'complaint_staff')
					  AND m.member = (SELECT a.oid FROM pg_roles a WHERE a.rolname = 'complaint_application')) THEN
		GRANT complaint_staff TO complaint_application;
	END IF;

	-- administrator: writes the organisation, calendars, rules and policies; reads every table
	FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_admin', r.rel);
		IF r.relname = ANY (admin_tables) THEN
			EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO complaint_admin', r.rel);
		END IF;
	END LOOP;
	-- the identity sequences of the tables it writes
	FOR r IN SELECT d.objid::regclass AS seq FROM pg_depend d
			   JOIN pg_class t ON t.oid = d.refobjid
			  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
				AND t.relnamespace = 'complaint'::regnamespace AND t.relname = ANY (admin_tables)
				AND d.deptype IN ('a', 'i')
				AND (SELECT s.relkind FROM pg_class s WHERE s.oid = d.objid) = 'S' LOOP
		EXECUTE format('GRANT USAGE ON SEQUENCE %s TO complaint_admin', r.seq);
	END LOOP;

	-- accountability office: reads its tables, records through its functions
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relname = ANY (accountability_tables)
				AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_accountability', r.rel);
	END LOOP;
	-- the columns its steps write; complaint.accountability_guard() stamps
	-- the instants and the actor and refuses every other change
	GRANT INSERT (case_id, staff_code, unit_code, kind, occurred_at, detail, aggravating, mitigating)
		ON complaint.violation TO complaint_accountability;
	GRANT INSERT (violation_id, aggravating, mitigating) ON complaint.violation_circumstance TO complaint_accountability;
	GRANT UPDATE (hearing_note, decided_measures) ON complaint.sanction TO complaint_accountability;
	GRANT INSERT (sanction_id, reason), UPDATE (outcome, note) ON complaint.appeal TO complaint_accountability;
	GRANT UPDATE (report) ON complaint.self_check TO complaint_accountability;
	GRANT INSERT (case_id, text) ON complaint.explanation TO complaint_accountability;

	-- analyst: reads every table, complaint.cases without the complainant's personal data
	FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p')
				AND c.relname <> 'cases' LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_analyst', r.rel);
	END LOOP;
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_analyst',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));

	-- monitor: the background worker's status
	GRANT SELECT ON complaint.worker_status TO complaint_monitor;

	-- reports (src/sql/install/75_reports.sql).  They run with the caller's
	-- rights and read the register without its complainant_* columns, the
	-- history, the escalations, the violations and sanctions, the
	-- organisation and the calendars.  The analyst and the administrator
	-- read all of that already; the accountability office (张榜/通报 and the
	-- ranking are its work) gets the reading the reports need; staff (and the
	-- application) get the morning list of cases due soon.  The ranking
	-- weights are the administrator's to change.
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_accountability',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
	GRANT SELECT ON complaint.event, complaint.escalation, complaint.unit, complaint.staff, complaint.calendar,
		complaint.calendar_hours, complaint.ranking_weight TO complaint_accountability;
	GRANT INSERT, UPDATE, DELETE ON complaint.ranking_weight TO complaint_admin;
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace
				AND p.proname IN ('report_check', 'report_figures', 'unit_scorecard', 'unit_ranking',
								  'scorecard_by', 'public_notice', 'due_soon') LOOP
		EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_admin, complaint_analyst, complaint_accountability', r.fn);
		IF r.proname = 'due_soon' THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff', r.fn);
		END IF;
	END LOOP;

	-- functions, by name (every signature of a name gets the same grant)
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace LOOP
		IF r.proname = ANY (steps) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff', r.fn);
		END IF;
		IF r.proname = ANY (readers) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff, complaint_admin, complaint_analyst', r.fn);
		END IF;
		IF r.proname = ANY (accountability_functions) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_accountability', r.fn);
		END IF;
		IF r.proname IN ('worker_status', 'calendar_cache_size') THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_monitor', r.fn);
		END IF;
	END LOOP;
	-- privacy: row-level security on complaint.cases (the policies name
	-- these roles, so RLS is switched on here with them, replacing whatever
	-- policies the table has; the owner stays exempt: no FORCE), the
	-- complainant's columns withheld from the staff, the register and the
	-- audited identity reading
	DECLARE
		-- the rows of complaint.cases a staff member sees
		staff_rows constant text := 'complaint.case_visible(id, first_responder, handler_unit)';
	BEGIN
		ALTER TABLE complaint.cases ENABLE ROW LEVEL SECURITY;
		FOR r IN SELECT p.polname FROM pg_policy p WHERE p.polrelid = 'complaint.cases'::regclass LOOP
			EXECUTE format('DROP POLICY %I ON complaint.cases', r.polname);
		END LOOP;
		EXECUTE 'CREATE POLICY cases_application ON complaint.cases FOR ALL TO complaint_application'
			' USING (true) WITH CHECK (true)';
		EXECUTE 'CREATE POLICY cases_read_all ON complaint.cases FOR SELECT'
			' TO complaint_admin, complaint_analyst, complaint_accountability USING (true)';
		EXECUTE format('CREATE POLICY cases_staff_read ON complaint.cases FOR SELECT TO complaint_staff USING (%s)',
					   staff_rows);
		EXECUTE 'CREATE POLICY cases_staff_register ON complaint.cases FOR INSERT TO complaint_staff'
			' WITH CHECK (first_responder OPERATOR(pg_catalog.=) (SELECT complaint.acting_staff(true)))';
		EXECUTE format('CREATE POLICY cases_staff_step ON complaint.cases FOR UPDATE TO complaint_staff'
					   ' USING (%s) WITH CHECK (true)', staff_rows);
		EXECUTE format('COMMENT ON POLICY cases_application ON complaint.cases IS %L',
					   'complaint_application sees and writes every case (it names the acting staff member itself)');
		EXECUTE format('COMMENT ON POLICY cases_read_all ON complaint.cases IS %L',
					   'the administrator, analysts (without the complainant_* columns) and the accountability office read every case');
		EXECUTE format('COMMENT ON POLICY cases_staff_read ON complaint.cases IS %L',
					   'a staff member reads the cases complaint.case_visible() shows them: first responder; handled by their unit or a unit of a subtree they head; or held, now or before, by them or such a unit (first received, co-handled, transferred on)');
		EXECUTE format('COMMENT ON POLICY cases_staff_register ON complaint.cases IS %L',
					   'a staff member registers cases as their own first responder');
		EXECUTE format('COMMENT ON POLICY cases_staff_step ON complaint.cases IS %L',
					   'a staff member takes steps on the cases they read; where the step may take the case (a transfer out) is the workflow triggers'' business, and the case stays readable through the responsibility the unit held');
		-- the staff (and the application, a member) read complaint.cases
		-- without the complainant's identity: the policies choose rows, not
		-- columns, and a staff member reads every case of the unit, while the
		-- identity belongs to those handling the case (SPEC section 7).  They
		-- read it in the register, which masks it per row
		-- (complaint.may_see_identity); they still write it (INSERT, UPDATE).
		REVOKE SELECT ON complaint.cases FROM complaint_staff;
		EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_staff',
					   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
						  FROM pg_attribute a
						 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
						   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
		GRANT SELECT ON complaint.register TO complaint_staff, complaint_admin, complaint_analyst, complaint_accountability;
		REVOKE SELECT ON complaint.identity_access FROM complaint_analyst;
		GRANT EXECUTE ON FUNCTION complaint.may_see_identity(bigint), complaint.headed_units(text),
			complaint.case_visible(bigint, text, text)
			TO complaint_staff, complaint_admin, complaint_analyst, complaint_accountability;
		GRANT EXECUTE ON FUNCTION complaint.reveal_complainant(bigint, text) TO complaint_admin;
	END;
	RETURN;
END
$$;
COMMENT ON FUNCTION complaint.create_roles() IS
	'creates the NOLOGIN group roles complaint_admin, complaint_application, complaint_staff, complaint_accountability, complaint_analyst and complaint_monitor when missing, and sets their privileges in this database to exactly the documented ones (README.md, Roles); returns the roles it created; superuser (or CREATEROLE and owner of the extension''s objects) only';

-- the roles of an existing installation get the new privileges now
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'complaint_admin') THEN
		PERFORM complaint.create_roles();
	END IF;
END
$$;
