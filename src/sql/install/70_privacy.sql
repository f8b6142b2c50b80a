-- ---------------------------------------------------------------------------
-- src/sql/install/70_privacy.sql
--   Who sees a complainant's identity (SPEC section 7, 银行 第六条).
--
--   * Masking: complaint.mask_name, mask_contact, mask_text (pure, PUBLIC).
--   * Row-level security on complaint.cases: its policies name the group
--     roles, which complaint.create_roles() makes, so that function
--     switches RLS on and creates them (block "-- privacy" of
--     90_roles.sql).  The table's owner is exempt (no FORCE): the
--     triggers' owner-rights SPI, the sweep, re-projection and foreign-key
--     checks read every row.
--   * complaint.register (首问登记本): one row per case, owned by the
--     extension's owner so that roles without SELECT on the complainant_*
--     columns (analysts, the accountability office) can read it; it applies
--     the same row visibility as the policies itself and masks the
--     complainant's identity unless the reader may see it.
--   * complaint.may_see_identity(case_id): the register's decision for one
--     case.
--   * complaint.reveal_complainant(case_id, reason): the one audited way to
--     read an identity outside one's own cases; every call that returns an
--     identity leaves a row in complaint.identity_access (append-only).
-- ---------------------------------------------------------------------------

-- masking ------------------------------------------------------------------

CREATE FUNCTION complaint.mask_name(name text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE WHEN pg_catalog.length($1) <= 1 THEN pg_catalog.repeat('*', pg_catalog.length($1))
				ELSE pg_catalog.left($1, 1) OPERATOR(pg_catalog.||) pg_catalog.repeat('*', pg_catalog.length($1) - 1) END
$$;
COMMENT ON FUNCTION complaint.mask_name(text) IS
	'a person''s name masked: its first character, then one * per further character (张三丰 -> 张**, Li Lei -> L*****); a one-character name is *; NULL for NULL';

CREATE FUNCTION complaint.mask_contact(contact text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE
		WHEN $1 OPERATOR(pg_catalog.~) '^[0-9+() -]*$' THEN
			CASE WHEN pg_catalog.length($1) >= 11
				 THEN pg_catalog.left($1, 3) OPERATOR(pg_catalog.||) pg_catalog.repeat('*', pg_catalog.length($1) - 7)
					  OPERATOR(pg_catalog.||) pg_catalog.right($1, 4)
				 ELSE pg_catalog.repeat('*', pg_catalog.length($1)) END
		WHEN pg_catalog.length($1) > 2 THEN pg_catalog.left($1, 2) OPERATOR(pg_catalog.||) '***'
		ELSE '***' END
$$;
COMMENT ON FUNCTION complaint.mask_contact(text) IS
	'a contact masked: a phone-like value (digits, spaces, + - and parentheses) of 11 characters or more keeps its first 3 and last 4 characters (13812345678 -> 138****5678), a shorter one is all *; anything else (e-mail, handle) keeps its first 2 characters, then *** (like complaint.mask_text); NULL for NULL';

CREATE FUNCTION complaint.mask_text(value text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE WHEN pg_catalog.length($1) > 2 THEN pg_catalog.left($1, 2) OPERATOR(pg_catalog.||) '***'
				ELSE '***' END
$$;
COMMENT ON FUNCTION complaint.mask_text(text) IS
	'an address or a complainant''s unit masked: its first 2 characters, then *** (湖北省武汉市 -> 湖北***); a value of 2 characters or fewer is ***; NULL for NULL';

-- the organisation a staff member answers for -------------------------------

-- Owner's rights: reads only complaint.unit (not confidential), for
-- readers of the register that may not read it (the accountability office).
CREATE FUNCTION complaint.headed_units(staff text) RETURNS text[]
	LANGUAGE sql STABLE STRICT SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH RECURSIVE down (code, depth) AS (
		SELECT u.code, 0 FROM complaint.unit u WHERE u.head_staff OPERATOR(pg_catalog.=) $1
		UNION
		SELECT c.code, down.depth + 1
		  FROM down JOIN complaint.unit c ON c.parent_code OPERATOR(pg_catalog.=) down.code
		 WHERE down.depth < 64
	)
	SELECT coalesce(pg_catalog.array_agg(DISTINCT down.code), '{}') FROM down
$$;
COMMENT ON FUNCTION complaint.headed_units(text) IS
	'the units a staff member heads (complaint.unit.head_staff) and every unit below them (at most 64 levels); empty when they head none';

-- the row rule for a staff member (src/privacy.c): the policies of
-- complaint.cases and the register call it
CREATE FUNCTION complaint.case_visible(case_id bigint, first_responder text, handler_unit text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_case_visible'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.case_visible(bigint, text, text) IS
	'whether the acting staff member of the current user sees a case: its first responder; its handling unit is their unit or in the subtree of a unit they head; or they, or such a unit, hold or held any responsibility on it (the unit that received it first, a co-handler, a unit that transferred it on); false when nobody acts';

-- the register ---------------------------------------------------------------

-- Row visibility (the same rule as the policies on complaint.cases, through
-- the same complaint.case_visible()): every row for superusers and the
-- members of complaint_application, complaint_admin, complaint_analyst and
-- complaint_accountability; for
-- anyone else the rows of the acting staff member: cases they are first
-- responder on, cases their unit or a unit of a subtree they head handles,
-- and cases in which they, their unit or such a unit holds or held any
-- responsibility (the unit that received it first, a co-handler, a unit
-- that transferred the case on: a step's new row stays readable, so a
-- transfer out passes the policies' check).
--
-- Identity (name, unit, address, contact) in clear for superusers and
-- members of complaint_admin, and for the acting staff member who is the
-- case's first responder, its handler (handler_staff, or an open handler or
-- co-handler responsibility) or the head of the handling unit or of one of
-- its ancestors; masked for everyone else.
--
-- security_barrier: a reader's own conditions (a function that raises or
-- notices) run after the row filter, never on rows the reader may not see.
CREATE VIEW complaint.register WITH (security_barrier) AS
	WITH w AS MATERIALIZED (
		SELECT x.me,
			   coalesce(complaint.headed_units(x.me), '{}') AS headed,
			   x.su OR x.g[1] AS identity_all,
			   x.su OR x.g[1] OR x.g[2] OR x.g[3] OR x.g[4] AS rows_all
		  FROM (SELECT complaint.acting_staff(true) AS me,
					   coalesce((SELECT a.rolsuper FROM pg_catalog.pg_roles a
								  WHERE a.rolname OPERATOR(pg_catalog.=) CURRENT_USER), false) AS su,
					   ARRAY(SELECT EXISTS (SELECT FROM pg_catalog.pg_roles g
											 WHERE g.rolname OPERATOR(pg_catalog.=) n.name
											   AND pg_catalog.pg_has_role(CURRENT_USER, g.oid, 'USAGE'))
							   FROM pg_catalog.unnest(ARRAY['complaint_admin', 'complaint_application', 'complaint_analyst',
												 'complaint_accountability']) WITH ORDINALITY n (name, i)
							  ORDER BY n.i) AS g) x
	)
	SELECT c.id,
		   (c.received_at AT TIME ZONE k.time_zone) AS received_at,
		   c.channel, c.kind, c.category, c.region, c.matter,
		   CASE WHEN v.shown THEN c.complainant_name ELSE complaint.mask_name(c.complainant_name) END AS complainant_name,
		   CASE WHEN v.shown THEN c.complainant_unit ELSE complaint.mask_text(c.complainant_unit) END AS complainant_unit,
		   CASE WHEN v.shown THEN c.complainant_address ELSE complaint.mask_text(c.complainant_address) END AS complainant_address,
		   CASE WHEN v.shown THEN c.complainant_contact ELSE complaint.mask_contact(c.complainant_contact) END AS complainant_contact,
		   v.shown AS identity_shown,
		   c.first_responder, fr.name AS first_responder_name,
		   c.handler_unit, hu.name AS handler_unit_name,
		   c.handler_staff, hs.name AS handler_name,
		   c.status,
		   (c.deadline AT TIME ZONE k.time_zone) AS deadline,
		   complaint.workdays_between((c.received_at AT TIME ZONE k.time_zone)::date,
									  (coalesce(c.closed_at, c.referred_at, complaint.clock_now()) AT TIME ZONE k.time_zone)::date,
									  c.calendar) AS workdays_used,
		   CASE WHEN c.closed_at IS NULL AND c.referred_at IS NULL THEN
				complaint.workdays_between((coalesce(c.paused_at, complaint.clock_now()) AT TIME ZONE k.time_zone)::date,
										   (c.deadline AT TIME ZONE k.time_zone)::date, c.calendar) END AS workdays_left,
		   (c.closed_at AT TIME ZONE k.time_zone) AS closed_at,
		   c.satisfaction,
		   k.time_zone
	  FROM w
	  JOIN complaint.cases c
		ON w.rows_all OR complaint.case_visible(c.id, c.first_responder, c.handler_unit)
	  JOIN complaint.calendar k ON k.name OPERATOR(pg_catalog.=) c.calendar
	  JOIN complaint.staff fr ON fr.code OPERATOR(pg_catalog.=) c.first_responder
	  JOIN complaint.unit hu ON hu.code OPERATOR(pg_catalog.=) c.handler_unit
	  LEFT JOIN complaint.staff hs ON hs.code OPERATOR(pg_catalog.=) c.handler_staff
	  -- the one per-row probe of the identity rule, made only for an acting staff member
	  LEFT JOIN LATERAL (SELECT true AS yes FROM complaint.responsibility r
						  WHERE w.me IS NOT NULL AND NOT w.identity_all
							AND r.case_id OPERATOR(pg_catalog.=) c.id AND r.until IS NULL
							AND r.role IN ('handler', 'co_handler')
							AND r.staff_code OPERATOR(pg_catalog.=) w.me
						  LIMIT 1) h ON true
	  CROSS JOIN LATERAL (SELECT w.identity_all
								 OR coalesce(c.first_responder OPERATOR(pg_catalog.=) w.me
											 OR c.handler_staff OPERATOR(pg_catalog.=) w.me
											 OR c.handler_unit OPERATOR(pg_catalog.=) ANY (w.headed)
											 OR h.yes, false) AS shown) v;
COMMENT ON VIEW complaint.register IS
	'首问登记本: one row per case the reader may see (everything for the application, administrator, analysts and the accountability office; otherwise the acting staff member''s cases: first responder, own unit, units they head and their subtrees, responsibilities held), times in the case calendar''s time zone, working days used and left; the complainant''s name, unit, address and contact in clear only where complaint.may_see_identity() is true, else masked';
COMMENT ON COLUMN complaint.register.id IS 'case number (complaint.cases.id)';
COMMENT ON COLUMN complaint.register.received_at IS 'when the case was received, local time of the case''s calendar (time_zone)';
COMMENT ON COLUMN complaint.register.channel IS 'how it came in (phone, web, letter, visit, ...)';
COMMENT ON COLUMN complaint.register.kind IS 'inquiry, complaint, report, petition, ...';
COMMENT ON COLUMN complaint.register.category IS 'complaint category (complaint.category.code)';
COMMENT ON COLUMN complaint.register.region IS 'region the matter concerns';
COMMENT ON COLUMN complaint.register.matter IS 'the matter as registered';
COMMENT ON COLUMN complaint.register.complainant_name IS 'complainant''s name; masked (complaint.mask_name) unless identity_shown';
COMMENT ON COLUMN complaint.register.complainant_unit IS 'complainant''s unit (employer, organisation); masked (complaint.mask_text) unless identity_shown';
COMMENT ON COLUMN complaint.register.complainant_address IS 'complainant''s address; masked (complaint.mask_text) unless identity_shown';
COMMENT ON COLUMN complaint.register.complainant_contact IS 'complainant''s contact; masked (complaint.mask_contact) unless identity_shown';
COMMENT ON COLUMN complaint.register.identity_shown IS 'true when the four complainant columns are in clear for this reader (complaint.may_see_identity)';
COMMENT ON COLUMN complaint.register.first_responder IS '首问责任人: staff code';
COMMENT ON COLUMN complaint.register.first_responder_name IS 'the first responder''s name';
COMMENT ON COLUMN complaint.register.handler_unit IS 'unit handling the case now';
COMMENT ON COLUMN complaint.register.handler_unit_name IS 'name of the handling unit';
COMMENT ON COLUMN complaint.register.handler_staff IS 'staff code of the person handling it now; NULL while the ticket waits at the unit';
COMMENT ON COLUMN complaint.register.handler_name IS 'name of the person handling it now';
COMMENT ON COLUMN complaint.register.status IS 'workflow status';
COMMENT ON COLUMN complaint.register.deadline IS 'current deadline (extensions included), local time of the case''s calendar';
COMMENT ON COLUMN complaint.register.workdays_used IS
	'working days of the case''s calendar from the day of receipt (not counted) to the day it was closed or referred out, else to today (complaint.workdays_between)';
COMMENT ON COLUMN complaint.register.workdays_left IS
	'open cases: working days from today (the day the clock stopped, while waiting for materials) to the deadline''s day; negative when overdue; NULL once closed or referred out';
COMMENT ON COLUMN complaint.register.closed_at IS 'when it was closed, local time of the case''s calendar';
COMMENT ON COLUMN complaint.register.satisfaction IS 'the complainant''s answer when asked';
COMMENT ON COLUMN complaint.register.time_zone IS 'time zone of the case''s calendar, in which the times of this row are given';

CREATE FUNCTION complaint.may_see_identity(case_id bigint) RETURNS boolean
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce((SELECT r.identity_shown FROM complaint.register r WHERE r.id OPERATOR(pg_catalog.=) $1), false)
$$;
COMMENT ON FUNCTION complaint.may_see_identity(bigint) IS
	'whether the caller may see the complainant''s identity of a case: superusers and complaint_admin members always; the acting staff member (complaint.acting_staff(true)) when first responder, handler (or open handler or co-handler responsibility) or head of the handling unit or of an ancestor; false for a case the caller may not see or that does not exist';

-- reading an identity on the record -----------------------------------------

CREATE TABLE complaint.identity_access (
	id					bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id				bigint NOT NULL,
	at					timestamptz NOT NULL,
	staff_code			text,
	login_role			text NOT NULL,
	basis				text NOT NULL
						CONSTRAINT identity_access_basis_known CHECK (basis IN ('superuser', 'administrator')),
	reason				text NOT NULL
						CONSTRAINT identity_access_reason_given CHECK (pg_catalog.btrim(reason) <> '')
);
COMMENT ON TABLE complaint.identity_access IS
	'every reading of a complainant''s identity through complaint.reveal_complainant(): who, when, which case, on what basis and why; append-only (complaint.history_guard refuses update, delete and truncate), written only by that function';
COMMENT ON COLUMN complaint.identity_access.case_id IS 'the case whose complainant was read (no foreign key: cases are never deleted)';
COMMENT ON COLUMN complaint.identity_access.at IS 'when (the workflow clock, complaint.clock_now())';
COMMENT ON COLUMN complaint.identity_access.staff_code IS 'the staff member acting for the login role (its complaint.staff.db_role mapping, or complaint.staff for an application or superuser); NULL when nobody acts';
COMMENT ON COLUMN complaint.identity_access.login_role IS 'the session''s login role (session_user)';
COMMENT ON COLUMN complaint.identity_access.basis IS 'why the reader was allowed: superuser, or administrator (a member of complaint_admin)';
COMMENT ON COLUMN complaint.identity_access.reason IS 'the reason the reader gave (a hearing, a request of the complainant, ...)';
CREATE INDEX identity_access_case_idx ON complaint.identity_access (case_id);

CREATE TRIGGER history_guard BEFORE UPDATE OR DELETE ON complaint.identity_access
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER history_guard_truncate BEFORE TRUNCATE ON complaint.identity_access
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();

SELECT pg_catalog.pg_extension_config_dump('complaint.identity_access', '');

-- The caller is the session's login role (session_user): inside a SECURITY
-- DEFINER function current_user is the owner.  A login role has at least
-- the privileges of every role it may SET ROLE to, so checking it grants
-- nothing more than the session already has.  The acting staff member is
-- resolved for the login role as complaint.acting_staff() does for the
-- current role (db_role mapping; complaint.staff only for superusers and
-- members of complaint_application).
CREATE FUNCTION complaint.reveal_complainant(case_id bigint, reason text)
	RETURNS TABLE (name text, unit text, address text, contact text)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	login constant text := SESSION_USER;
	login_oid oid;
	login_super boolean;
	basis text;
	mapped text;
	named text;
	who text;
BEGIN
	SELECT a.oid, a.rolsuper INTO login_oid, login_super FROM pg_catalog.pg_roles a WHERE a.rolname = login;
	-- who asks, before anything is looked at
	IF login_super THEN
		basis := 'superuser';
	ELSIF EXISTS (SELECT FROM pg_catalog.pg_roles g WHERE g.rolname = 'complaint_admin'
					 AND pg_catalog.pg_has_role(login_oid, g.oid, 'USAGE')) THEN
		basis := 'administrator';
	ELSE
		RAISE EXCEPTION 'permission denied for complaint.reveal_complainant'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = pg_catalog.format('Role "%s" is not a member of complaint_admin.', login),
				  HINT = 'The staff handling a case read its complainant in complaint.register; anyone else asks an administrator, who gives the reason.';
	END IF;
	IF $1 IS NULL THEN
		RAISE EXCEPTION 'case_id of complaint.reveal_complainant must not be null'
			USING ERRCODE = 'not_null_violation';
	END IF;
	IF $2 IS NULL OR pg_catalog.btrim($2) = '' THEN
		RAISE EXCEPTION 'a reason is required to read a complainant''s identity'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Say why (a hearing, a request of the complainant, ...): the reason is kept in complaint.identity_access.';
	END IF;
	IF NOT EXISTS (SELECT FROM complaint.cases c WHERE c.id = $1) THEN
		RAISE EXCEPTION 'case % does not exist', $1
			USING ERRCODE = 'undefined_object',
				  HINT = 'Cases are rows of complaint.cases.';
	END IF;

	-- the acting staff member of the login role
	mapped := (SELECT s.code FROM complaint.staff s WHERE s.db_role::oid = login_oid);
	named := NULLIF(pg_catalog.current_setting('complaint.staff', true), '');
	IF mapped IS NOT NULL THEN
		IF named IS NOT NULL AND named <> mapped THEN
			RAISE EXCEPTION 'role "%" may act only as staff member "%"', login, mapped
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		who := mapped;
	ELSIF named IS NOT NULL THEN
		IF NOT (login_super OR EXISTS (SELECT FROM pg_catalog.pg_roles g WHERE g.rolname = 'complaint_application'
										  AND pg_catalog.pg_has_role(login_oid, g.oid, 'USAGE'))) THEN
			RAISE EXCEPTION 'role "%" may not name the acting staff member', login
				USING ERRCODE = 'insufficient_privilege';
		END IF;
		IF NOT EXISTS (SELECT FROM complaint.staff s WHERE s.code = named) THEN
			RAISE EXCEPTION 'staff member "%" does not exist', named
				USING ERRCODE = 'undefined_object';
		END IF;
		who := named;
	END IF;

	INSERT INTO complaint.identity_access (case_id, at, staff_code, login_role, basis, reason)
	VALUES ($1, complaint.clock_now(), who, login, basis, $2);
	-- also in the server log, which a rolled-back transaction does not undo
	-- (identifiers only: the reason may name people)
	RAISE LOG 'complaint: complainant of case % read by role "%" (staff %, %)', $1, login, coalesce(who, '-'), basis;
	RETURN QUERY
		SELECT c.complainant_name, c.complainant_unit, c.complainant_address, c.complainant_contact
		  FROM complaint.cases c WHERE c.id = $1;
END
$$;
COMMENT ON FUNCTION complaint.reveal_complainant(bigint, text) IS
	'the complainant''s name, unit, address and contact of one case, for a superuser or a member of complaint_admin (42501 otherwise, checked first, on the session''s login role); refuses an empty reason (22023); records who, when, which case, on what basis and why in complaint.identity_access and in the server log';
