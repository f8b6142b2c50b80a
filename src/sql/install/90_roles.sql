-- ---------------------------------------------------------------------------
-- src/sql/install/90_roles.sql
--   Who may do what.  Sorts after every file that creates a function, so
--   that the REVOKE at the end of this file sees them all.
--
--   1. Nothing is executable by PUBLIC but the functions that are safe for
--      any caller (the allow-list below: the time_limit type's I/O,
--      operators and accessors, calendar arithmetic, the workflow clock,
--      acting_staff, the ladder readers and the row check of
--      complaint.cases).  Every other function -- steps, trigger functions,
--      the sweep and its helpers, readers of the organisation,
--      accountability, worker status, create_roles itself -- is private by
--      default: a new function is private until it is added to the
--      allow-list (an update script must REVOKE for its own new functions).
--      No table, view or sequence is granted to PUBLIC.
--   2. complaint.create_roles(), run once by an administrator after CREATE
--      EXTENSION (roles are cluster-wide, so the install script does not
--      create them silently), creates the six NOLOGIN group roles and grants
--      them their privileges in this database.  Every grant is on an object
--      of the extension, so DROP EXTENSION takes the grants with it, and the
--      roles can then be dropped.  The schema complaint itself outlives DROP
--      EXTENSION (CREATE EXTENSION made it, it is not a member), so it is
--      granted USAGE to PUBLIC, not to the roles: USAGE only lets a role
--      look names up; every object in it is protected by its own
--      privileges.
--   Grants made by create_roles() on the extension's objects are dumped by
--   pg_dump (as differences from pg_init_privs) and restored with the dump.
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.create_roles() RETURNS SETOF text
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
		'complaint: monitor: background worker status; delivers the escalation feed (complaint-notify)'];
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

	-- the delivery feed (src/sql/install/66_feed.sql): the monitor delivers
	-- (complaint-notify reads and acknowledges through owner-rights
	-- functions and needs nothing else); the administrator registers the
	-- consumers; both see the lag
	GRANT EXECUTE ON FUNCTION complaint.feed_read(text, integer, bigint), complaint.feed_ack(text, bigint)
		TO complaint_monitor;
	GRANT EXECUTE ON FUNCTION complaint.feed_register(text, text), complaint.feed_unregister(text)
		TO complaint_admin;
	GRANT SELECT ON complaint.feed_lag TO complaint_monitor, complaint_admin;

	-- reports (src/sql/install/75_reports.sql and 76_report_summary.sql).
	-- They run with the caller's rights.  The scorecard, the ranking and the
	-- breakdowns read the summaries through the views report_groups,
	-- report_cases and report_violations, which show each caller the units
	-- complaint.report_scope() gives them (every unit for the analyst, the
	-- administrator, the accountability office and the application; a staff
	-- member's own unit and the subtrees they head), so staff run them too.
	-- report_recount counts the same figures from the raw tables, with the
	-- caller's rights: for those who read them all (the analyst and the
	-- administrator read all of that already; the accountability office
	-- -- 张榜/通报 and the ranking are its work -- gets the reading the reports
	-- need).  The public notice is the office's, the administrator's and the
	-- analyst's; staff (and the application) also get the morning list of
	-- cases due soon.  The ranking weights are the administrator's to change.
	-- The refresh of the summaries is granted to nobody (the owner and the
	-- worker run it).
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_accountability',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
	GRANT SELECT ON complaint.event, complaint.escalation, complaint.unit, complaint.staff, complaint.calendar,
		complaint.calendar_hours, complaint.ranking_weight TO complaint_accountability;
	GRANT INSERT, UPDATE, DELETE ON complaint.ranking_weight TO complaint_admin;
	GRANT SELECT ON complaint.ranking_weight TO complaint_staff;
	GRANT SELECT ON complaint.report_groups, complaint.report_cases, complaint.report_violations
		TO complaint_admin, complaint_analyst, complaint_accountability, complaint_staff;
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace
				AND p.proname IN ('report_check', 'report_figures', 'report_recount', 'unit_scorecard', 'unit_ranking',
								  'scorecard_by', 'public_notice', 'due_soon', 'report_scope', 'report_newer_cases',
								  'report_days') LOOP
		EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_admin, complaint_analyst, complaint_accountability', r.fn);
		IF r.proname NOT IN ('public_notice', 'report_recount') THEN
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

-- nothing internal for PUBLIC (see the header); this block must stay last
DO $$
DECLARE
	public_functions constant text[] := ARRAY[
		-- the time_limit type: I/O, operators, hashing, accessors
		'time_limit_in', 'time_limit_out', 'time_limit_recv', 'time_limit_send',
		'time_limit', 'time_limit_amount', 'time_limit_unit', 'time_limit_chinese',
		'time_limit_cmp', 'time_limit_eq', 'time_limit_ne', 'time_limit_lt', 'time_limit_le',
		'time_limit_gt', 'time_limit_ge', 'time_limit_hash', 'time_limit_hash_extended',
		-- calendar arithmetic (reads only calendars, which are not confidential)
		'is_valid_time_zone', 'is_workday', 'add_workdays', 'workdays_between', 'next_workday',
		'add_worktime', 'worktime_between', 'day_end', 'deadline',
		-- the end of a window set by a rule (reads rules, units and calendars,
		-- not confidential; the accountability guard runs as its writer)
		'window_end',
		-- the workflow clock, who acts, reading a ladder array
		'clock_now', 'acting_staff', 'ladder_next', 'ladder_reached',
		-- the row check of complaint.cases (a CHECK constraint: whoever writes a case runs it)
		'case_row_valid',
		-- pure helpers of the accountability guard, which runs with the writer's rights
		'check_circumstances', 'accountability_step_hint',
		-- masking (pure)
		'mask_name', 'mask_contact', 'mask_text',
		-- drawing a bar of block characters (reports)
		'bar'];
	saved_path constant text := pg_catalog.current_setting('search_path');
	r record;
BEGIN
	-- names below print schema-qualified
	PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
	FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_catalog.pg_proc p
			  WHERE p.pronamespace = 'complaint'::pg_catalog.regnamespace
				AND NOT p.proname = ANY (public_functions) LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON ROUTINE %s FROM PUBLIC', r.fn);
	END LOOP;
	FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_catalog.pg_class c
			  WHERE c.relnamespace = 'complaint'::pg_catalog.regnamespace
				AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON %s %s FROM PUBLIC',
								  CASE WHEN r.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.rel);
	END LOOP;
	PERFORM pg_catalog.set_config('search_path', saved_path, true);
END
$$;
