-- complaint extension install script (generated from src/sql/install/*.sql; do not edit the generated file)

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION complaint" to load this file. \quit

-- ---------------------------------------------------------------------------
-- src/sql/install/00_guard.sql
--   Install-script hygiene (PostgreSQL's "Security Considerations for
--   Extension Scripts").  Every object below is created schema-qualified and
--   every function body pins search_path = pg_catalog, pg_temp, so neither
--   the installer's search_path nor objects in other schemas are ever used.
--   What remains is the schema itself: CREATE EXTENSION uses a schema named
--   complaint when one already exists, and whoever owns it could have left
--   objects in it or add some later.  So a pre-existing complaint schema must
--   belong to the role installing the extension.
-- ---------------------------------------------------------------------------
DO $guard$
DECLARE
	owner_name name;
BEGIN
	SELECT r.rolname INTO owner_name
	  FROM pg_catalog.pg_namespace n
	  JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
	 WHERE n.nspname OPERATOR(pg_catalog.=) 'complaint';
	IF owner_name IS DISTINCT FROM CURRENT_USER THEN
		RAISE EXCEPTION 'schema "complaint" is owned by role "%", not by the installing role "%"',
			owner_name, CURRENT_USER
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Another role could have placed objects in the schema, or add them later.',
				  HINT = 'Drop the schema, or have its owner give it to the installing role (ALTER SCHEMA complaint OWNER TO ...), after checking what it contains.';
	END IF;
END
$guard$;

-- ---------------------------------------------------------------------------
-- src/sql/install/20_time_limit.sql
--   The complaint.time_limit base type (C, src/timelimit.c): a time limit as
--   the regulations write it, '30 minutes', '2 working days', '2个工作日',
--   '30日'.  Stored as (amount, unit); hours become minutes and weeks days.
--   Order: by unit (minutes < working minutes < working days < days), then by
--   amount.  Operators live in schema complaint: put it on search_path or
--   write OPERATOR(complaint.<).
-- ---------------------------------------------------------------------------

-- types
CREATE TYPE complaint.time_limit;

CREATE FUNCTION complaint.time_limit_in(cstring) RETURNS complaint.time_limit
	AS 'MODULE_PATHNAME', 'complaint_time_limit_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_in(cstring) IS
	'text input of complaint.time_limit: an amount (digits, full-width digits or Chinese numerals) and an English or Chinese unit';

CREATE FUNCTION complaint.time_limit_out(complaint.time_limit) RETURNS cstring
	AS 'MODULE_PATHNAME', 'complaint_time_limit_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_out(complaint.time_limit) IS
	'canonical English text of a time limit: ''2 hours'', ''90 minutes'', ''4 working hours'', ''2 working days'', ''30 days''';

CREATE FUNCTION complaint.time_limit_recv(internal) RETURNS complaint.time_limit
	AS 'MODULE_PATHNAME', 'complaint_time_limit_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_recv(internal) IS
	'binary input of complaint.time_limit: int32 amount, int32 unit (0 minutes, 1 working minutes, 2 working days, 3 days), both checked';

CREATE FUNCTION complaint.time_limit_send(complaint.time_limit) RETURNS bytea
	AS 'MODULE_PATHNAME', 'complaint_time_limit_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_send(complaint.time_limit) IS
	'binary output of complaint.time_limit: int32 amount, int32 unit, network byte order';

CREATE TYPE complaint.time_limit (
	INPUT = complaint.time_limit_in,
	OUTPUT = complaint.time_limit_out,
	RECEIVE = complaint.time_limit_recv,
	SEND = complaint.time_limit_send,
	INTERNALLENGTH = 8,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE complaint.time_limit IS
	'a time limit as regulations write it (''30 minutes'', ''2 working days'', ''2个工作日'', ''30日''): an amount in minutes, working minutes, working days or calendar days';

-- functions
CREATE FUNCTION complaint.time_limit(amount integer, unit text) RETURNS complaint.time_limit
	AS 'MODULE_PATHNAME', 'complaint_time_limit'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit(integer, text) IS
	'builds a time limit from an amount and a unit word as in the text input (''hours'', ''working days'', ''工作日'', ''天''); 22023 for an unknown unit, 22003 when out of range';

CREATE FUNCTION complaint.time_limit_amount(complaint.time_limit) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_time_limit_amount'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_amount(complaint.time_limit) IS
	'the stored amount, in the unit given by time_limit_unit (hours are counted in minutes, weeks in days)';

CREATE FUNCTION complaint.time_limit_unit(complaint.time_limit) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_time_limit_unit'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_unit(complaint.time_limit) IS
	'the stored unit: ''minutes'', ''working minutes'', ''working days'' or ''days''';

CREATE FUNCTION complaint.time_limit_chinese(complaint.time_limit) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_time_limit_chinese'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_chinese(complaint.time_limit) IS
	'canonical Chinese text of a time limit: ''30分钟'', ''2小时'', ''90工作分钟'', ''4个工作小时'', ''2个工作日'', ''30日''';

-- comparison and hashing support
CREATE FUNCTION complaint.time_limit_cmp(complaint.time_limit, complaint.time_limit) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_time_limit_cmp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_cmp(complaint.time_limit, complaint.time_limit) IS
	'btree support: -1, 0 or 1 comparing by unit (minutes, working minutes, working days, days), then amount';

CREATE FUNCTION complaint.time_limit_eq(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_eq(complaint.time_limit, complaint.time_limit) IS
	'implementation of the = operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_ne(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_ne(complaint.time_limit, complaint.time_limit) IS
	'implementation of the <> operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_lt(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_lt'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_lt(complaint.time_limit, complaint.time_limit) IS
	'implementation of the < operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_le(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_le'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_le(complaint.time_limit, complaint.time_limit) IS
	'implementation of the <= operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_gt(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_gt'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_gt(complaint.time_limit, complaint.time_limit) IS
	'implementation of the > operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_ge(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_ge'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_ge(complaint.time_limit, complaint.time_limit) IS
	'implementation of the >= operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_hash(complaint.time_limit) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_time_limit_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_hash(complaint.time_limit) IS
	'hash support: 32-bit hash of a time limit, equal for equal values';

CREATE FUNCTION complaint.time_limit_hash_extended(complaint.time_limit, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'complaint_time_limit_hash_extended'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_hash_extended(complaint.time_limit, bigint) IS
	'hash support: seeded 64-bit hash of a time limit (hash partitioning)';

-- operators
CREATE OPERATOR complaint.= (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_eq,
	COMMUTATOR = OPERATOR(complaint.=), NEGATOR = OPERATOR(complaint.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR complaint.= (complaint.time_limit, complaint.time_limit) IS
	'same unit and same amount (''2 hours'' = ''120 minutes''; ''1 week'' = ''7 days''; ''1 day'' <> ''1 working day'')';

CREATE OPERATOR complaint.<> (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_ne,
	COMMUTATOR = OPERATOR(complaint.<>), NEGATOR = OPERATOR(complaint.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR complaint.<> (complaint.time_limit, complaint.time_limit) IS
	'not equal: a different unit or a different amount';

CREATE OPERATOR complaint.< (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_lt,
	COMMUTATOR = OPERATOR(complaint.>), NEGATOR = OPERATOR(complaint.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR complaint.< (complaint.time_limit, complaint.time_limit) IS
	'sorts before: smaller unit (minutes < working minutes < working days < days), or same unit and smaller amount';

CREATE OPERATOR complaint.<= (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_le,
	COMMUTATOR = OPERATOR(complaint.>=), NEGATOR = OPERATOR(complaint.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR complaint.<= (complaint.time_limit, complaint.time_limit) IS
	'sorts before or equal (unit first, then amount)';

CREATE OPERATOR complaint.> (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_gt,
	COMMUTATOR = OPERATOR(complaint.<), NEGATOR = OPERATOR(complaint.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR complaint.> (complaint.time_limit, complaint.time_limit) IS
	'sorts after (unit first, then amount)';

CREATE OPERATOR complaint.>= (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_ge,
	COMMUTATOR = OPERATOR(complaint.<=), NEGATOR = OPERATOR(complaint.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR complaint.>= (complaint.time_limit, complaint.time_limit) IS
	'sorts after or equal (unit first, then amount)';

-- operator classes: btree for ORDER BY, indexes and merge joins; hash for
-- hash joins, hash aggregation and hash partitioning
CREATE OPERATOR CLASS complaint.time_limit_ops
	DEFAULT FOR TYPE complaint.time_limit USING btree AS
	OPERATOR 1 complaint.<,
	OPERATOR 2 complaint.<=,
	OPERATOR 3 complaint.=,
	OPERATOR 4 complaint.>=,
	OPERATOR 5 complaint.>,
	FUNCTION 1 complaint.time_limit_cmp(complaint.time_limit, complaint.time_limit);
COMMENT ON OPERATOR CLASS complaint.time_limit_ops USING btree IS
	'default btree operator class for complaint.time_limit: unit, then amount';
COMMENT ON OPERATOR FAMILY complaint.time_limit_ops USING btree IS
	'btree operator family of complaint.time_limit';

CREATE OPERATOR CLASS complaint.time_limit_hash_ops
	DEFAULT FOR TYPE complaint.time_limit USING hash AS
	OPERATOR 1 complaint.=,
	FUNCTION 1 complaint.time_limit_hash(complaint.time_limit),
	FUNCTION 2 complaint.time_limit_hash_extended(complaint.time_limit, bigint);
COMMENT ON OPERATOR CLASS complaint.time_limit_hash_ops USING hash IS
	'default hash operator class for complaint.time_limit';
COMMENT ON OPERATOR FAMILY complaint.time_limit_hash_ops USING hash IS
	'hash operator family of complaint.time_limit';

-- ---------------------------------------------------------------------------
-- src/sql/install/30_calendar.sql
--   Working-day calendars: weekly pattern, working hours, time zone and dated
--   exceptions (holidays, make-up working days).  The C engine (calendar.c)
--   compiles these rows into a per-backend cache; the statement trigger below
--   validates every change by compiling it and tells every backend to reload.
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.is_valid_time_zone(tz text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_is_valid_time_zone'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.is_valid_time_zone(text) IS
	'true when PostgreSQL knows the time zone; raises 22023 otherwise (used by CHECK constraints)';

CREATE TYPE complaint.day_kind AS ENUM ('holiday', 'workday');
COMMENT ON TYPE complaint.day_kind IS
	'kind of a dated calendar exception: a holiday (no work) or a working day (e.g. a make-up weekend day, 调休)';

CREATE TABLE complaint.calendar (
	name			text PRIMARY KEY
					CONSTRAINT calendar_name_not_empty CHECK (name <> ''),
	time_zone		text NOT NULL DEFAULT 'Asia/Shanghai'
					CONSTRAINT calendar_time_zone_valid CHECK (complaint.is_valid_time_zone(time_zone)),
	work_weekdays	smallint[] NOT NULL DEFAULT '{1,2,3,4,5}'
					CONSTRAINT calendar_work_weekdays_valid
					CHECK (array_ndims(work_weekdays) IS NULL
						   OR (array_ndims(work_weekdays) = 1
							   AND 1 <= ALL (work_weekdays) AND 7 >= ALL (work_weekdays)
							   AND array_position(work_weekdays, NULL) IS NULL)),
	official_from	date,
	official_until	date,
	description		text,
	builtin			boolean NOT NULL DEFAULT false,
	CONSTRAINT calendar_official_range CHECK (official_from <= official_until)
);
COMMENT ON TABLE complaint.calendar IS
	'working-day calendars: time zone, working weekdays (ISO 1 = Monday .. 7 = Sunday) and the years whose exceptions are official';

CREATE TABLE complaint.calendar_hours (
	calendar		text NOT NULL REFERENCES complaint.calendar (name) ON UPDATE CASCADE ON DELETE CASCADE,
	isodow			smallint NOT NULL CONSTRAINT calendar_hours_isodow_valid CHECK (isodow BETWEEN 1 AND 7),
	starts			time NOT NULL,
	ends			time NOT NULL,
	builtin			boolean NOT NULL DEFAULT false,
	PRIMARY KEY (calendar, isodow, starts),
	CONSTRAINT calendar_hours_not_inverted CHECK (starts < ends)
);
COMMENT ON TABLE complaint.calendar_hours IS
	'working hours per ISO weekday, one row per interval (e.g. 09:00-12:00 and 13:30-17:30); intervals of one day must not overlap';

CREATE TABLE complaint.calendar_day (
	calendar		text NOT NULL REFERENCES complaint.calendar (name) ON UPDATE CASCADE ON DELETE CASCADE,
	day				date NOT NULL CONSTRAINT calendar_day_finite CHECK (isfinite(day)),
	kind			complaint.day_kind NOT NULL,
	name			text,
	builtin			boolean NOT NULL DEFAULT false,
	PRIMARY KEY (calendar, day)
);
COMMENT ON TABLE complaint.calendar_day IS
	'dated exceptions to the weekly pattern: holidays on working weekdays and working days on rest days (调休)';

CREATE TABLE complaint.calendar_day_hours (
	calendar		text NOT NULL,
	day				date NOT NULL,
	starts			time NOT NULL,
	ends			time NOT NULL,
	PRIMARY KEY (calendar, day, starts),
	FOREIGN KEY (calendar, day) REFERENCES complaint.calendar_day (calendar, day) ON UPDATE CASCADE ON DELETE CASCADE,
	CONSTRAINT calendar_day_hours_not_inverted CHECK (starts < ends)
);
COMMENT ON TABLE complaint.calendar_day_hours IS
	'working hours of one exceptional working day, when they differ from the hours of its weekday';

-- validation and cache invalidation: compile every changed calendar, then
-- tell every backend (including this one) to drop its compiled copies
CREATE FUNCTION complaint.calendar_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_calendar_changed'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.calendar_changed() IS
	'statement trigger on the calendar tables: validates the calendars and invalidates every backend''s calendar cache';

CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.calendar_changed();
CREATE TRIGGER calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.calendar_changed();

-- pg_dump keeps the rows users add (builtin = false), also those they add to
-- CN; the built-in rows are recreated by CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('complaint.calendar', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('complaint.calendar_hours', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('complaint.calendar_day', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('complaint.calendar_day_hours', '');

-- ---------------------------------------------------------------------------
-- working-day arithmetic (C, src/workday_fn.c); SPEC section 8 names
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.is_workday(day date, calendar text DEFAULT 'CN') RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_is_workday'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.is_workday(date, text) IS
	'true when day is a working day of the calendar';

CREATE FUNCTION complaint.add_workdays(day date, n integer, calendar text DEFAULT 'CN') RETURNS date
	AS 'MODULE_PATHNAME', 'complaint_add_workdays_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.add_workdays(date, integer, text) IS
	'the n-th working day after day (day itself not counted); n = 0 gives day or the next working day; negative n counts backwards';

CREATE FUNCTION complaint.add_workdays(ts timestamptz, n integer, calendar text DEFAULT 'CN') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_add_workdays_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.add_workdays(timestamptz, integer, text) IS
	'add_workdays on the date of ts in the calendar''s time zone, keeping the local time of day';

CREATE FUNCTION complaint.workdays_between(a date, b date, calendar text DEFAULT 'CN') RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_workdays_between'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.workdays_between(date, date, text) IS
	'number of working days in (a, b]; negative when b < a';

CREATE FUNCTION complaint.next_workday(day date, calendar text DEFAULT 'CN') RETURNS date
	AS 'MODULE_PATHNAME', 'complaint_next_workday'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.next_workday(date, text) IS
	'the first working day strictly after day';

CREATE FUNCTION complaint.add_worktime(ts timestamptz, amount interval, calendar text DEFAULT 'CN') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_add_worktime'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.add_worktime(timestamptz, interval, text) IS
	'the instant at which amount of working time (counted inside working hours only) has passed since ts; negative amounts count backwards';

CREATE FUNCTION complaint.worktime_between(a timestamptz, b timestamptz, calendar text DEFAULT 'CN') RETURNS interval
	AS 'MODULE_PATHNAME', 'complaint_worktime_between'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.worktime_between(timestamptz, timestamptz, text) IS
	'working time inside working hours between a and b (hours, minutes, seconds); negative when b < a';

CREATE FUNCTION complaint.day_end(day date, calendar text DEFAULT 'CN') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_day_end'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.day_end(date, text) IS
	'when a time limit ending on day ends: the close of its last working interval, or 24:00 local time when the day has no working hours';

-- ---------------------------------------------------------------------------
-- src/sql/install/31_calendar_cn.sql
--   The built-in CN calendar (SPEC section 8): Monday to Friday, Asia/Shanghai,
--   09:00-12:00 and 13:30-17:30.  Its dated exceptions (official holidays and
--   make-up working days 2004-2026, data/cn_holidays.csv) are appended to the
--   generated install script by src/sql/cn_holidays.awk.
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.calendar_cache_size(calendar text DEFAULT 'CN') RETURNS bigint
	AS 'MODULE_PATHNAME', 'complaint_calendar_cache_size'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.calendar_cache_size(text) IS
	'bytes this backend''s compiled copy of the calendar takes (compiling it if needed)';

INSERT INTO complaint.calendar (name, time_zone, work_weekdays, official_from, official_until, description, builtin)
VALUES ('CN', 'Asia/Shanghai', '{1,2,3,4,5}', '2004-01-01', '2026-12-31',
		'Mainland China: Monday to Friday with the State Council''s official holidays and make-up working days (调休) 2004-2026; later years follow the weekly pattern only', true);

INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends, builtin)
SELECT 'CN', d, h.starts, h.ends, true
FROM generate_series(1, 5) AS d,
	 (VALUES (time '09:00', time '12:00'), (time '13:30', time '17:30')) AS h(starts, ends);

-- ---------------------------------------------------------------------------
-- src/sql/install/36_deadline.sql
--   complaint.deadline: SPEC section 4's counting rules (src/deadline.c)
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.deadline(start timestamptz, lim complaint.time_limit, calendar text DEFAULT 'CN')
	RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_deadline'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.deadline(timestamptz, complaint.time_limit, text) IS
	'when a time limit received at start ends: day of receipt not counted; end of the N-th working day; a calendar-day limit ending on a non-working day moves to the next working day; minutes and hours elapsed; working hours counted inside working hours only';
-- ---------------------------------------------------------------------------
-- src/sql/install/40_org.sql
--   The organisation: units (a tree with head, supervising leader, interface
--   person, jurisdiction region, sector and calendar), the staff who act in
--   it, and the complaint categories used for routing.
--
--   unit <-> staff references go both ways (a unit has a head, a staff
--   member belongs to a unit), so the references from unit to staff are
--   DEFERRABLE INITIALLY DEFERRED: a unit and its head can be inserted in
--   either order inside one transaction.
-- ---------------------------------------------------------------------------

CREATE TABLE complaint.unit (
	code				text PRIMARY KEY
						CONSTRAINT unit_code_not_empty CHECK (code <> ''),
	name				text NOT NULL,
	parent_code			text REFERENCES complaint.unit (code) ON UPDATE CASCADE,
	head_staff			text,
	supervisor_staff	text,
	interface_staff		text,
	region				text,
	sector				text,
	calendar			text NOT NULL DEFAULT 'CN'
						REFERENCES complaint.calendar (name) ON UPDATE CASCADE,
	description			text,
	CONSTRAINT unit_not_own_parent CHECK (parent_code IS DISTINCT FROM code)
);
COMMENT ON TABLE complaint.unit IS
	'organisation tree (province -> city -> department/window): head, supervising leader, interface person (接口人), jurisdiction region, sector and working-day calendar';
COMMENT ON COLUMN complaint.unit.head_staff IS 'head of the unit (单位负责人)';
COMMENT ON COLUMN complaint.unit.supervisor_staff IS 'supervising leader (分管领导) told when a hand-over or a case is late';
COMMENT ON COLUMN complaint.unit.interface_staff IS 'interface person (投诉处理接口人) who receives tickets sent to the unit and must hand them over within the hand-over limit; NULL when tickets go straight to the unit';
COMMENT ON COLUMN complaint.unit.region IS 'jurisdiction region of the unit (属地), free text matched by complaint.route';
COMMENT ON COLUMN complaint.unit.sector IS 'sector whose national time limits apply (enterprise, government, banking, insurance, telecom, health, ...); inherited from the nearest ancestor when NULL';
COMMENT ON COLUMN complaint.unit.calendar IS 'working-day calendar the unit counts its time limits on';

CREATE INDEX unit_parent_idx ON complaint.unit (parent_code);

CREATE TABLE complaint.staff (
	code				text PRIMARY KEY
						CONSTRAINT staff_code_not_empty CHECK (code <> ''),
	name				text NOT NULL,
	unit_code			text NOT NULL REFERENCES complaint.unit (code) ON UPDATE CASCADE,
	supervisor_code		text REFERENCES complaint.staff (code) ON UPDATE CASCADE,
	db_role				pg_catalog.regrole UNIQUE,
	title				text,
	active				boolean NOT NULL DEFAULT true,
	CONSTRAINT staff_not_own_supervisor CHECK (supervisor_code IS DISTINCT FROM code)
);
COMMENT ON TABLE complaint.staff IS
	'staff members: code, name, unit, supervisor and the database role that acts for them';
COMMENT ON COLUMN complaint.staff.db_role IS
	'database role mapped to this staff member (by OID: a role dropped and created again under the same name is not mapped; pg_dump writes the name): it acts as them and may act as nobody else';
COMMENT ON COLUMN complaint.staff.active IS 'false once the person has left: they can no longer act or be assigned';

CREATE INDEX staff_unit_idx ON complaint.staff (unit_code);

ALTER TABLE complaint.unit
	ADD CONSTRAINT unit_head_staff_fkey FOREIGN KEY (head_staff)
		REFERENCES complaint.staff (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
	ADD CONSTRAINT unit_supervisor_staff_fkey FOREIGN KEY (supervisor_staff)
		REFERENCES complaint.staff (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
	ADD CONSTRAINT unit_interface_staff_fkey FOREIGN KEY (interface_staff)
		REFERENCES complaint.staff (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE complaint.category (
	code				text PRIMARY KEY
						CONSTRAINT category_code_not_empty CHECK (code <> ''),
	name				text NOT NULL,
	parent_code			text REFERENCES complaint.category (code) ON UPDATE CASCADE,
	description			text
);
COMMENT ON TABLE complaint.category IS
	'complaint categories (medical, nursing, billing, service attitude, ...) used for routing, rules and statistics';

-- unit_ancestors: the unit itself (depth 0), its parent (1), ...; UNION
-- stops on a cycle instead of looping
CREATE FUNCTION complaint.unit_ancestors(unit text)
	RETURNS TABLE (code text, depth integer)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH RECURSIVE up (code, parent_code, depth) AS (
		SELECT u.code, u.parent_code, 0 FROM complaint.unit u WHERE u.code = $1
		UNION
		SELECT p.code, p.parent_code, up.depth + 1
		  FROM up JOIN complaint.unit p ON p.code = up.parent_code
		 WHERE up.depth < 64
	)
	SELECT code, min(depth)::integer FROM up GROUP BY code ORDER BY 2
$$;
COMMENT ON FUNCTION complaint.unit_ancestors(text) IS
	'the unit and its ancestors with their distance (0 = the unit itself); at most 64 levels';

-- the sector of a unit: its own, else the nearest ancestor's
CREATE FUNCTION complaint.unit_sector(unit text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT u.sector FROM complaint.unit_ancestors($1) a
	  JOIN complaint.unit u ON u.code = a.code
	 WHERE u.sector IS NOT NULL ORDER BY a.depth LIMIT 1
$$;
COMMENT ON FUNCTION complaint.unit_sector(text) IS
	'effective sector of a unit: its own sector, else the nearest ancestor''s';

SELECT pg_catalog.pg_extension_config_dump('complaint.unit', '');
SELECT pg_catalog.pg_extension_config_dump('complaint.staff', '');
SELECT pg_catalog.pg_extension_config_dump('complaint.category', '');
-- ---------------------------------------------------------------------------
-- src/sql/install/41_case_types.sql
--   Closed sets of the case workflow, as enum types.  The C triggers compare
--   these by label, never by OID or sort order, so values may be added at
--   the end by later versions.
-- ---------------------------------------------------------------------------

CREATE TYPE complaint.case_status AS ENUM (
	'registered',			-- 登记: written down by the first responder
	'accepted',				-- 受理: taken on by the organisation
	'transferred',			-- 转办: handed to another unit, which has not started yet
	'in_progress',			-- 办理中
	'waiting_materials',	-- 一次性告知: missing papers requested, the clock stops
	'answered',				-- 答复: answer given, waiting for the complainant's feedback
	'closed',				-- 办结: feedback and satisfaction recorded
	'referred_out',			-- 告知有管辖权的机关: outside the organisation's competence
	'reopened'				-- 重复/升级投诉: handling starts again
);
COMMENT ON TYPE complaint.case_status IS
	'lifecycle of a case: registered -> accepted -> (transferred)* -> in_progress <-> waiting_materials -> answered -> closed, plus referred_out and reopened';

CREATE TYPE complaint.case_kind AS ENUM (
	'inquiry',				-- 咨询
	'complaint',			-- 投诉
	'report',				-- 举报
	'suggestion',			-- 意见建议
	'petition',				-- 信访 (letters and visits under the petition rules)
	'appeal'				-- 申诉 (a user's appeal to a regulator)
);
COMMENT ON TYPE complaint.case_kind IS
	'what the complainant brings: inquiry, complaint, report, suggestion, petition (信访), appeal (申诉)';

CREATE TYPE complaint.case_channel AS ENUM (
	'visit',				-- 现场 / 来访
	'phone',				-- 电话 / 热线
	'letter',				-- 来信 / 信函
	'web',					-- 网站 / 网上
	'email',
	'sms',
	'app',					-- 手机银行, 微信, ...
	'media',				-- 媒体
	'superior',				-- 上级转办 / 领导交办
	'regulator',			-- 监管机构 / 政府部门转办
	'other'
);
COMMENT ON TYPE complaint.case_channel IS
	'how the case arrived; superior and regulator mean a transfer from above (such cases are upgraded complaints)';

CREATE TYPE complaint.case_complexity AS ENUM (
	'own_duty',				-- 属于工作人员自身职责范围 (第七条(一))
	'one_department',		-- 本部门共同协商办理 (第七条(二))
	'several_departments',	-- 几个部门共同协商办理 (第七条(三))
	'leadership'			-- 需要办公会研究或报上级审批 (第七条(四))
);
COMMENT ON TYPE complaint.case_complexity IS
	'how much of the organisation a case involves; chooses among the working-day limits of 限时办结制 第七条';

CREATE TYPE complaint.satisfaction AS ENUM (
	'satisfied',
	'basically_satisfied',
	'dissatisfied'
);
COMMENT ON TYPE complaint.satisfaction IS
	'the complainant''s answer when asked after the case was answered';

CREATE TYPE complaint.responsibility_role AS ENUM (
	'first_responder',		-- 首问责任人: accountable from registration to closing
	'handler',				-- 承办: the unit (and person) handling it now
	'co_handler',			-- 协办
	'supervisor',			-- 分管领导 / 督办
	'interface'				-- 接口人: must hand the ticket over within the hand-over limit
);
COMMENT ON TYPE complaint.responsibility_role IS
	'roles people and units hold on a case';

CREATE TYPE complaint.event_kind AS ENUM (
	'registered',
	'accepted',
	'transferred',
	'handed_over',
	'assigned',
	'started',
	'materials_requested',
	'materials_received',
	'extended',
	'answered',
	'feedback',
	'closed',
	'referred_out',
	'reopened',
	'repeat_received',
	'reclassified',
	'edited',
	'reprojected',
	'co_handler_added',
	'warned',
	'escalated'
);
COMMENT ON TYPE complaint.event_kind IS
	'kinds of steps recorded in the append-only case history (complaint.event)';

CREATE TYPE complaint.clock_start AS ENUM ('receipt', 'acceptance');
COMMENT ON TYPE complaint.clock_start IS
	'when a time limit starts counting: on the day of receipt or on the day of acceptance (受理之日起)';
-- ---------------------------------------------------------------------------
-- src/sql/install/45_rules.sql
--   Time-limit rules (限时办结制): which limit applies to which matter, kind,
--   channel, complexity, category, sector and unit.  The presets shipped with
--   the extension are rows with builtin = true (58_presets.sql); users add
--   and change rules with plain SQL.
--
--   Matching (complaint.match_rule, and the registration trigger): every
--   non-NULL criterion of a rule must equal the case's value (unit_code must
--   be the unit or one of its ancestors, sector the unit's effective
--   sector).  Among the rules that match, the highest priority wins, then
--   the most specific (most non-NULL criteria), then the nearest unit, then
--   the lowest id.
-- ---------------------------------------------------------------------------

CREATE TABLE complaint.time_limit_rule (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name			text NOT NULL UNIQUE,
	matter			text NOT NULL
					CONSTRAINT time_limit_rule_matter_not_empty CHECK (matter <> ''),
	kind			complaint.case_kind,
	channel			complaint.case_channel,
	complexity		complaint.case_complexity,
	category		text REFERENCES complaint.category (code) ON UPDATE CASCADE,
	sector			text,
	unit_code		text REFERENCES complaint.unit (code) ON UPDATE CASCADE,
	lim				complaint.time_limit NOT NULL,
	extension_cap	complaint.time_limit,
	total_cap		complaint.time_limit,
	counts_from		complaint.clock_start NOT NULL DEFAULT 'receipt',
	priority		integer NOT NULL DEFAULT 0,
	enabled			boolean NOT NULL DEFAULT true,
	builtin			boolean NOT NULL DEFAULT false,
	source			text NOT NULL
					CONSTRAINT time_limit_rule_source_not_empty CHECK (source <> ''),
	note			text
);
COMMENT ON TABLE complaint.time_limit_rule IS
	'time limits (限时办结制): which limit applies to which matter, kind, channel, complexity, category, sector and unit; NULL criteria match anything';
COMMENT ON COLUMN complaint.time_limit_rule.matter IS
	'what is timed: answer (the case itself), acceptance (deciding whether to accept), transfer (a unit a case is transferred to), handover, handover_report, on_site, self_check_notice, self_check_report, accountability_acceptance, investigation, appeal, or any key of your own';
COMMENT ON COLUMN complaint.time_limit_rule.lim IS 'the time limit';
COMMENT ON COLUMN complaint.time_limit_rule.extension_cap IS
	'most that approved extensions may add in all; NULL: the limit cannot be extended';
COMMENT ON COLUMN complaint.time_limit_rule.total_cap IS
	'most the limit and its extensions may amount to together, when counted in the same unit; NULL: no overall cap';
COMMENT ON COLUMN complaint.time_limit_rule.counts_from IS
	'receipt: counted from the day of receipt; acceptance: counted again from the day the case is accepted';
COMMENT ON COLUMN complaint.time_limit_rule.priority IS 'higher wins over specificity; use it to override a preset';
COMMENT ON COLUMN complaint.time_limit_rule.builtin IS
	'true for the presets created by CREATE EXTENSION; pg_dump keeps only rows with builtin = false, so change presets by adding rules of your own';
COMMENT ON COLUMN complaint.time_limit_rule.source IS 'the regulation (and article) the limit comes from';

CREATE INDEX time_limit_rule_matter_idx ON complaint.time_limit_rule (matter) WHERE enabled;

-- the best rule for a matter and a case's attributes (see header)
CREATE FUNCTION complaint.match_rule(
	matter text,
	kind complaint.case_kind,
	channel complaint.case_channel,
	complexity complaint.case_complexity,
	category text,
	unit text)
	RETURNS bigint
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT r.id
	  FROM complaint.time_limit_rule r
	  LEFT JOIN complaint.unit_ancestors($6) a ON a.code = r.unit_code
	 WHERE r.enabled AND r.matter = $1
	   AND (r.kind IS NULL OR r.kind = $2)
	   AND (r.channel IS NULL OR r.channel = $3)
	   AND (r.complexity IS NULL OR r.complexity = $4)
	   AND (r.category IS NULL OR r.category = $5)
	   AND (r.sector IS NULL OR r.sector = complaint.unit_sector($6))
	   AND (r.unit_code IS NULL OR a.code IS NOT NULL)
	 ORDER BY r.priority DESC,
		   (r.kind IS NOT NULL)::int + (r.channel IS NOT NULL)::int
		   + (r.complexity IS NOT NULL)::int + (r.category IS NOT NULL)::int
		   + (r.sector IS NOT NULL)::int + (r.unit_code IS NOT NULL)::int DESC,
		   a.depth ASC NULLS LAST,
		   r.id ASC
	 LIMIT 1
$$;
COMMENT ON FUNCTION complaint.match_rule(text, complaint.case_kind, complaint.case_channel, complaint.case_complexity, text, text) IS
	'id of the time-limit rule for a matter and a case''s kind, channel, complexity, category and unit: highest priority, then most specific, then nearest unit, then lowest id; NULL when none matches';

SELECT pg_catalog.pg_extension_config_dump('complaint.time_limit_rule', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.time_limit_rule', 'id'), '');
-- ---------------------------------------------------------------------------
-- src/sql/install/50_cases.sql
--   Cases (首问登记), who is responsible for them (responsibility) and their
--   append-only history (event).
--
--   Columns of complaint.cases fall in three groups:
--   * given by the application at registration and editable later:
--     complainant_*, matter, kind, channel, complexity, category, region,
--     handover_note;
--   * step inputs, written together with a status change or by the step
--     functions (complaint.transfer, complaint.extend, ...): handler_*,
--     missing_items, extension_*, answer, satisfaction, feedback_note,
--     referred_to, referral_papers, reopen_reason;
--   Foreign keys from these tables do not cascade updates: a staff code,
--   unit code or calendar name that the register refers to cannot be
--   renamed, because the register itself never changes.
--
--   * owned by the workflow triggers (an UPDATE that changes them directly
--     is refused): id, first_responder, received_at, status stamps,
--     calendar, rule_id, clock_*, deadline, original_deadline, paused_*,
--     extended_by, upgraded (may only be set), repeat_of.
-- ---------------------------------------------------------------------------

-- the workflow's clock: complaint.now when a superuser set it, else now()
CREATE FUNCTION complaint.clock_now() RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_clock_now'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.clock_now() IS
	'the instant the case workflow records steps at: the setting complaint.now when a superuser set it (tests, replaying a paper register), else now()';

-- The invariants of a case row, whoever writes it (the workflow triggers, or
-- a restore that runs without them): the matter is not empty; a closed case
-- has the complainant's feedback and satisfaction; a case waiting for
-- materials has its clock stopped and lists the items; a case referred out
-- names the authority; a case is not a repeat of itself.  One C function
-- rather than a CHECK per rule because PostgreSQL re-reads and re-plans
-- every CHECK expression of a table for each statement that writes it (five
-- readable CHECKs cost a fifth of a plain one-row UPDATE).  A broken rule
-- raises check_violation naming the rule, never the row (which holds the
-- complainant's personal data).
CREATE FUNCTION complaint.case_row_valid(id bigint, status complaint.case_status, matter text,
										 feedback_at timestamptz, satisfaction complaint.satisfaction,
										 paused_at timestamptz, missing_items text[], referred_to text,
										 repeat_of bigint)
	RETURNS boolean LANGUAGE C IMMUTABLE PARALLEL SAFE
	AS 'MODULE_PATHNAME', 'complaint_case_row_valid';
COMMENT ON FUNCTION complaint.case_row_valid(bigint, complaint.case_status, text, timestamptz, complaint.satisfaction,
											 timestamptz, text[], text, bigint) IS
	'the invariants of a complaint.cases row (constraint cases_consistent): true, or check_violation naming the broken rule';

CREATE TABLE complaint.cases (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	status				complaint.case_status NOT NULL DEFAULT 'registered',
	kind				complaint.case_kind NOT NULL DEFAULT 'complaint',
	channel				complaint.case_channel NOT NULL,
	complexity			complaint.case_complexity,
	category			text REFERENCES complaint.category (code),
	region				text,
	matter				text NOT NULL,

	-- the complainant (personal data: confidential, SPEC section 7)
	complainant_name	text,
	complainant_unit	text,
	complainant_address	text,
	complainant_contact	text,

	-- who
	received_at			timestamptz NOT NULL DEFAULT complaint.clock_now(),
	first_responder		text NOT NULL REFERENCES complaint.staff (code),
	handler_unit		text NOT NULL REFERENCES complaint.unit (code),
	handler_staff		text REFERENCES complaint.staff (code),
	handover_note		text,

	-- time limit
	clock_start			complaint.clock_start NOT NULL DEFAULT 'receipt',
	rule_id				bigint REFERENCES complaint.time_limit_rule (id),
	imposed_limit		complaint.time_limit,
	calendar			text NOT NULL REFERENCES complaint.calendar (name),
	clock_from			timestamptz NOT NULL,
	clock_limit			complaint.time_limit NOT NULL,
	deadline			timestamptz NOT NULL,
	original_deadline	timestamptz NOT NULL,
	acceptance_due		timestamptz,
	acceptance_from		timestamptz,
	acceptance_limit	complaint.time_limit,
	acceptance_rule_id	bigint,
	paused_at			timestamptz,
	paused_total		interval NOT NULL DEFAULT '0',

	-- extensions
	extension_count		integer NOT NULL DEFAULT 0,
	extension_last		complaint.time_limit,
	extension_approver	text REFERENCES complaint.staff (code),
	extension_reason	text,
	extended_by			complaint.time_limit,

	-- steps
	accepted_at			timestamptz,
	started_at			timestamptz,
	missing_items		text[],
	answer				text,
	answered_at			timestamptz,
	satisfaction		complaint.satisfaction,
	feedback_note		text,
	feedback_at			timestamptz,
	closed_at			timestamptz,
	referred_to			text,
	referral_papers		text[],
	referred_at			timestamptz,
	reopen_reason		text,
	reopened_at			timestamptz,
	reopen_count		integer NOT NULL DEFAULT 0,

	-- repeat and upgraded complaints (银行 第三条)
	upgraded			boolean NOT NULL DEFAULT false,
	repeat_of			bigint REFERENCES complaint.cases (id),

	-- one CHECK through a C function, not one per rule: see case_row_valid
	CONSTRAINT cases_consistent CHECK (complaint.case_row_valid(id, status, matter, feedback_at, satisfaction,
															   paused_at, missing_items, referred_to, repeat_of))
) WITH (fillfactor = 90);	-- room on each page for HOT updates (see the indexes below)
COMMENT ON TABLE complaint.cases IS
	'one inquiry, complaint, report or petition (首问登记): complainant, matter, first responder, current handler, status, time limit and deadline; rows are written through the workflow triggers';
COMMENT ON COLUMN complaint.cases.first_responder IS
	'首问责任人: the staff member acting when the case was registered; never changes';
COMMENT ON COLUMN complaint.cases.received_at IS 'when the case was received (never in the future, never changes)';
COMMENT ON COLUMN complaint.cases.handler_unit IS 'unit handling the case now (routing chooses it when the application does not)';
COMMENT ON COLUMN complaint.cases.handler_staff IS 'person handling the case now; NULL while the ticket waits at the unit (or its interface person)';
COMMENT ON COLUMN complaint.cases.rule_id IS 'time-limit rule in force (matter answer), chosen at registration';
COMMENT ON COLUMN complaint.cases.imposed_limit IS
	'a limit imposed by whoever transferred the case (上级转办 with its own limit); replaces the rule''s limit';
COMMENT ON COLUMN complaint.cases.calendar IS 'calendar the limit is counted on: the handling unit''s at registration';
COMMENT ON COLUMN complaint.cases.clock_from IS
	'origin of the running clock: received_at (or accepted_at), moved later by pauses and re-projections; deadline = complaint.deadline(clock_from, clock_limit, calendar) extended by extended_by';
COMMENT ON COLUMN complaint.cases.clock_start IS 'whether the rule counts from receipt or from acceptance (then clock_from is set again on acceptance)';
COMMENT ON COLUMN complaint.cases.clock_limit IS 'the limit the clock counts (the rule''s or the imposed one)';
COMMENT ON COLUMN complaint.cases.deadline IS 'current deadline, extensions included; while waiting for materials it is the deadline as it stood when the clock stopped';
COMMENT ON COLUMN complaint.cases.original_deadline IS 'deadline before any extension';
COMMENT ON COLUMN complaint.cases.acceptance_due IS 'when the decision to accept is due (rules with matter acceptance), else NULL';
COMMENT ON COLUMN complaint.cases.acceptance_from IS
	'origin of the acceptance clock: received_at, moved by a calendar change so that the time already used stays the same';
COMMENT ON COLUMN complaint.cases.acceptance_limit IS 'the acceptance limit acceptance_due is counted with';
COMMENT ON COLUMN complaint.cases.acceptance_rule_id IS
	'the acceptance rule (complaint.time_limit_rule.id) the limit came from, so that a change of its limit re-projects the case; no foreign key: the value records where the limit came from and must not stop a rule from being deleted';
COMMENT ON COLUMN complaint.cases.paused_at IS 'when the clock stopped for missing materials; NULL while it runs';
COMMENT ON COLUMN complaint.cases.paused_total IS 'elapsed time spent waiting for materials, all pauses together';
COMMENT ON COLUMN complaint.cases.extension_count IS 'number of approved extensions; complaint.extend() increments it';
COMMENT ON COLUMN complaint.cases.extended_by IS 'all approved extensions together';
COMMENT ON COLUMN complaint.cases.missing_items IS 'the one-time notice (一次性告知): every missing item, listed once';
COMMENT ON COLUMN complaint.cases.upgraded IS 'an upgraded complaint (from a regulator or a superior): jumps the escalation ladder; once set it stays set';
COMMENT ON COLUMN complaint.cases.repeat_of IS 'earlier case of the same complainant contact and category within complaint.repeat_window';

-- The open cases (not closed, not referred out) are told apart by
-- closed_at and referred_at, which the workflow sets on closing and
-- referring out and clears on reopening, not by status: no index refers to
-- status, so a step that changes only status and unindexed columns
-- (accept, start, wait for materials, answer, feedback ...) is a HOT update
-- that writes no index entry (with the page room fillfactor keeps).
CREATE INDEX cases_status_deadline_idx ON complaint.cases (deadline)
	WHERE closed_at IS NULL AND referred_at IS NULL;
CREATE INDEX cases_handler_unit_idx ON complaint.cases (handler_unit);
CREATE INDEX cases_first_responder_idx ON complaint.cases (first_responder);
CREATE INDEX cases_contact_idx ON complaint.cases (complainant_contact, category, received_at, id)
	WHERE complainant_contact IS NOT NULL;
CREATE INDEX cases_rule_idx ON complaint.cases (rule_id);
CREATE INDEX cases_calendar_idx ON complaint.cases (calendar) WHERE closed_at IS NULL AND referred_at IS NULL;

CREATE TABLE complaint.responsibility (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id				bigint NOT NULL,
	staff_code			text REFERENCES complaint.staff (code),
	unit_code			text NOT NULL REFERENCES complaint.unit (code),
	role				complaint.responsibility_role NOT NULL,
	since				timestamptz NOT NULL,
	until				timestamptz,
	due					timestamptz,
	report_due			timestamptz,
	-- due while the role lasts: what the hand-over sweep's index holds
	open_due			timestamptz GENERATED ALWAYS AS (CASE WHEN until IS NULL THEN due END) STORED,
	CONSTRAINT responsibility_person_roles
		CHECK (staff_code IS NOT NULL OR role IN ('handler', 'co_handler')),
	CONSTRAINT responsibility_period CHECK (until IS NULL OR until >= since)
) WITH (fillfactor = 90);	-- room on each page for HOT role endings (see the indexes below)
COMMENT ON TABLE complaint.responsibility IS
	'who holds which role on a case and since when (first responder, handler, co-handler, supervisor, interface person); rows are only added, and closed once by setting until';
COMMENT ON COLUMN complaint.responsibility.case_id IS
	'the case (complaint.cases.id); no foreign key is declared because only the extension writes these rows, for the case it is writing, and cases are never deleted';
COMMENT ON COLUMN complaint.responsibility.staff_code IS 'the person; NULL for a handler or co-handler unit nobody in it has taken yet';
COMMENT ON COLUMN complaint.responsibility.until IS 'when the role ended (hand-over, transfer, closing); NULL while it lasts';
COMMENT ON COLUMN complaint.responsibility.due IS
	'interface: when the ticket must have reached the handler (hand-over limit); handler of a transfer: the unit''s own limit when a transfer rule applies';
COMMENT ON COLUMN complaint.responsibility.report_due IS
	'interface: when the supervising leader must have been told of a hand-over that did not happen in time';

COMMENT ON COLUMN complaint.responsibility.open_due IS
	'due while the role lasts, NULL once it ended (generated): the running hand-over timers the sweep looks at';

-- No index refers to until: ending a role without a timer (first responder,
-- handler) changes no indexed value (open_due stays NULL), so it is a HOT
-- update that writes no index entry.  The sweep's running timers are the
-- rows with an open_due.
CREATE INDEX responsibility_case_idx ON complaint.responsibility (case_id);
CREATE INDEX responsibility_open_due_idx ON complaint.responsibility (open_due) WHERE open_due IS NOT NULL;

CREATE TABLE complaint.event (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id				bigint NOT NULL,
	at					timestamptz NOT NULL,
	kind				complaint.event_kind NOT NULL,
	actor				text,
	from_status			complaint.case_status,
	to_status			complaint.case_status,
	detail				jsonb NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE complaint.event IS
	'append-only history of every step of every case (资料保存完整): written only by the extension, never updated, deleted or truncated';
COMMENT ON COLUMN complaint.event.case_id IS
	'the case (complaint.cases.id); no foreign key is declared because only the extension writes these rows, for the case it is writing, and cases are never deleted';
COMMENT ON COLUMN complaint.event.actor IS
	'code of the staff member who took the step (complaint.staff.code, checked when the step is taken; kept as text without a foreign key: history outlives staff rows); NULL for steps taken by the system (re-projection, sweep)';
COMMENT ON COLUMN complaint.event.detail IS 'what the step changed (old and new values; names, not values, of edited personal data)';

CREATE INDEX event_case_idx ON complaint.event (case_id, id);

SELECT pg_catalog.pg_extension_config_dump('complaint.cases', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.cases', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.responsibility', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.responsibility', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.event', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.event', 'id'), '');
-- ---------------------------------------------------------------------------
-- src/sql/install/55_routing.sql
--   Routing: which unit handles a case when the application does not say.
--   A route maps a category, a region, or both, to a unit; scope_unit limits
--   it to cases registered by staff of that unit's subtree (so that several
--   organisations can share one database).
--
--   Choice (complaint.route_case, and the registration trigger):
--   routes whose scope contains the first responder's unit and whose
--   non-NULL category and region equal the case's; the one with both
--   category and region wins over category only, which wins over region
--   only; then the nearest scope, then the lowest id.  No route: the first
--   responder's own unit handles the case (it is theirs to handle or hand on).
-- ---------------------------------------------------------------------------

CREATE TABLE complaint.route (
	id				bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	scope_unit		text REFERENCES complaint.unit (code) ON UPDATE CASCADE ON DELETE CASCADE,
	category		text REFERENCES complaint.category (code) ON UPDATE CASCADE ON DELETE CASCADE,
	region			text,
	unit_code		text NOT NULL REFERENCES complaint.unit (code) ON UPDATE CASCADE ON DELETE CASCADE,
	note			text,
	CONSTRAINT route_has_criterion CHECK (category IS NOT NULL OR region IS NOT NULL)
);
COMMENT ON TABLE complaint.route IS
	'routing of new cases: category and/or region -> handling unit, within the subtree of scope_unit (NULL: everywhere)';

CREATE UNIQUE INDEX route_unique_idx ON complaint.route
	(coalesce(scope_unit, ''), coalesce(category, ''), coalesce(region, ''));

-- the unit routing chooses for a case registered by staff of from_unit
CREATE FUNCTION complaint.route_case(from_unit text, category text, region text)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT coalesce(
		(SELECT r.unit_code
		   FROM complaint.route r
		   LEFT JOIN complaint.unit_ancestors($1) a ON a.code = r.scope_unit
		  WHERE (r.scope_unit IS NULL OR a.code IS NOT NULL)
			AND (r.category IS NULL OR r.category = $2)
			AND (r.region IS NULL OR r.region = $3)
		  ORDER BY (r.category IS NOT NULL)::int * 2 + (r.region IS NOT NULL)::int DESC,
				a.depth ASC NULLS LAST, r.id
		  LIMIT 1),
		$1)
$$;
COMMENT ON FUNCTION complaint.route_case(text, text, text) IS
	'handling unit for a new case of a category and region registered by staff of from_unit: the best route, else from_unit itself';

SELECT pg_catalog.pg_extension_config_dump('complaint.route', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.route', 'id'), '');
-- ---------------------------------------------------------------------------
-- src/sql/install/56_steps.sql
--   Step functions: conveniences over UPDATE complaint.cases.  The rules
--   live in the C triggers (59_triggers.sql), which check and record any
--   UPDATE the same way; these functions only name the steps, lock the
--   case and say clearly when it does not exist.  Each returns the case as
--   it is after the step.
-- ---------------------------------------------------------------------------

-- case_for_step: lock a case for a step; 42704 when there is none
CREATE FUNCTION complaint.case_for_step(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases;
BEGIN
	SELECT * INTO c FROM complaint.cases WHERE id = case_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'case % does not exist', case_id
			USING ERRCODE = 'undefined_object',
				  HINT = 'Cases are rows of complaint.cases.';
	END IF;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.case_for_step(bigint) IS
	'the case, locked FOR NO KEY UPDATE for a step (new cases may still refer to it); raises 42704 when it does not exist';

CREATE FUNCTION complaint.accept(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'accepted' WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.accept(bigint) IS
	'受理: the organisation takes the case on (registered or reopened -> accepted); a limit counted from acceptance starts again';

CREATE FUNCTION complaint.transfer(case_id bigint, to_unit text, to_staff text DEFAULT NULL, note text DEFAULT NULL)
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
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.transfer(bigint, text, text, text) IS
	'转办: hand the case to another unit (and person); the first responder stays accountable; a unit with an interface person gets the hand-over timer';

CREATE FUNCTION complaint.assign(case_id bigint, to_staff text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET handler_staff = to_staff WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.assign(bigint, text) IS
	'a person of the handling unit takes the case; when the ticket waited with the interface person this is the hand-over (交办)';

CREATE FUNCTION complaint.start(case_id bigint)
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
	UPDATE complaint.cases SET status = 'in_progress' WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.start(bigint) IS
	'办理: the handler starts (or resumes after an unsatisfactory answer) working on the case';

CREATE FUNCTION complaint.request_materials(case_id bigint, items text[])
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'waiting_materials', missing_items = items
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.request_materials(bigint, text[]) IS
	'一次性告知: tell the complainant every missing item, once; the clock stops until complaint.materials_received()';

CREATE FUNCTION complaint.materials_received(case_id bigint)
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
	UPDATE complaint.cases SET status = 'in_progress' WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.materials_received(bigint) IS
	'the missing materials arrived: the clock runs again and the deadline moves by exactly the time paused';

CREATE FUNCTION complaint.extend(case_id bigint, "by" complaint.time_limit, approver text, reason text)
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
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.extend(bigint, complaint.time_limit, text, text) IS
	'延期: an extension approved by a leader of the handling unit, with its reason; capped by the rule; the original deadline is kept';

CREATE FUNCTION complaint.answer(case_id bigint, answer text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'answered', answer = $2
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.answer(bigint, text) IS
	'答复: the answer given to the complainant; feedback is asked next';

CREATE FUNCTION complaint.record_feedback(case_id bigint, satisfaction complaint.satisfaction, note text DEFAULT NULL)
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
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.record_feedback(bigint, complaint.satisfaction, text) IS
	'反馈: the answer was fed back to the complainant; records their satisfaction (satisfied, basically_satisfied or dissatisfied; needed to close)';

CREATE FUNCTION complaint.close(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'closed' WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.close(bigint) IS
	'办结: close an answered case whose feedback and satisfaction are recorded; every responsibility ends';

CREATE FUNCTION complaint.refer_out(case_id bigint, authority text, required_papers text[])
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'referred_out', referred_to = $2, referral_papers = $3
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.refer_out(bigint, text, text[]) IS
	'outside the organisation''s competence: tell the complainant once which authority is competent and which papers it needs (天津 二(一))';

CREATE FUNCTION complaint.reopen(case_id bigint, reason text, upgraded boolean DEFAULT false)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET status = 'reopened', reopen_reason = $2, upgraded = c.upgraded OR $3
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.reopen(bigint, text, boolean) IS
	'a repeat or upgraded complaint about a closed or referred-out case: handling starts again with a new clock';

CREATE FUNCTION complaint.add_co_handler(case_id bigint, unit text, staff text DEFAULT NULL)
	RETURNS void
	AS 'MODULE_PATHNAME', 'complaint_add_co_handler'
	LANGUAGE C VOLATILE;
COMMENT ON FUNCTION complaint.add_co_handler(bigint, text, text) IS
	'协办: another unit (and person) helps the handling unit; the first responder coordinates (天津 二(一)); recorded as a co_handler responsibility and an event';
-- ---------------------------------------------------------------------------
-- src/sql/install/58_presets.sql
--   Time limits shipped with the extension (builtin = true): every limit of
--   the seed regulations (SPEC section 4) and the national ones for
--   petitions, banking and insurance consumer complaints and telecom user
--   appeals.  They are not dumped by pg_dump (CREATE EXTENSION recreates
--   them); to change one, disable it or add a rule with a higher priority.
-- ---------------------------------------------------------------------------

INSERT INTO complaint.time_limit_rule
	(name, matter, kind, channel, complexity, sector, lim, extension_cap, total_cap, counts_from, builtin, source, note)
VALUES
	('interface hand-over', 'handover', NULL, NULL, NULL, NULL,
	 '30 minutes', NULL, NULL, 'receipt', true,
	 '湖北移动 鄂市通〔2011〕331号 四(一): 投诉处理接口人接到投诉处理工单后30分钟内要以各种方式向首问责任人交办',
	 'interface person -> first responder (handler)'),
	('hand-over report to supervising leader', 'handover_report', NULL, NULL, NULL, NULL,
	 '30 minutes', NULL, NULL, 'receipt', true,
	 '湖北移动 鄂市通〔2011〕331号 四(一): 无法按时交办的,要在30分钟内向首问责任人分管领导汇报',
	 'counted from the end of the hand-over limit'),
	('on-duty manager on site', 'on_site', NULL, NULL, NULL, NULL,
	 '10 minutes', NULL, NULL, 'receipt', true,
	 '医院 首诉负责制度 二(二)3(1): 总值班接到电话……必须在10分钟内赶到现场',
	 NULL),
	('web inquiry or complaint', 'answer', NULL, 'web', NULL, NULL,
	 '2 working days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第五条(五): 网上咨询或投诉事项……一般应在2个工作日内答复',
	 NULL),
	('own duty', 'answer', NULL, NULL, 'own_duty', NULL,
	 '2 working days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第七条(一): 属于工作人员自身职责范围内的工作……最迟不得超过2个工作日办结',
	 NULL),
	('inside one department', 'answer', NULL, NULL, 'one_department', NULL,
	 '3 working days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第七条(二): 本部门共同协商办理的……3个工作日内办结; 医院投诉管理制度 一.1: 一般性投诉处理不超过三个工作日',
	 NULL),
	('several departments', 'answer', NULL, NULL, 'several_departments', NULL,
	 '7 working days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第七条(三): 几个部门共同协商办理的……7个工作日内办结; 医院投诉管理制度 一.1: 牵涉到多科室、多部门的……不超过一周',
	 NULL),
	('leadership meeting or approval', 'answer', NULL, NULL, 'leadership', NULL,
	 '10 working days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第七条(四): 需要总经理办公会或党委会研究后办理或需报上级机关审批的事项,应在10个工作日内办结',
	 NULL),
	('letters and visits (enterprise)', 'answer', 'petition', NULL, NULL, 'enterprise',
	 '30 days', '60 working days', NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第五条(六)1: 直接受理的来信来访,应自受理之日起30日内办结……延长期限不得超过60个工作日',
	 'extension needs the approval of a leader and the petitioner is told why'),
	('letters and visits transferred to a subsidiary', 'transfer', 'petition', NULL, NULL, 'enterprise',
	 '15 days', '30 days', NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第五条(六)2: 移交所属企业办理的来信来访……在15日内办结……企业延长期限不得超过30日',
	 'the limit of the unit a petition is transferred to, counted from the transfer'),
	('transferred from above without a limit', 'answer', NULL, 'superior', NULL, NULL,
	 '7 working days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 二 第五条(六)5: 上级转办或领导交办的信访件……没有明确时限要求、情况不复杂的,应在收件之日起7个工作日办结',
	 'a limit given by the superior goes into cases.imposed_limit instead'),
	('self-check notice', 'self_check_notice', NULL, NULL, NULL, NULL,
	 '2 working days', NULL, NULL, 'receipt', true,
	 '湖北移动 鄂市通〔2011〕331号 六(二): 于2个工作日内以OA文件形式通知相关单位进行内部自查',
	 NULL),
	('self-check report', 'self_check_report', NULL, NULL, NULL, NULL,
	 '5 working days', NULL, NULL, 'receipt', true,
	 '湖北移动 鄂市通〔2011〕331号 六(二): 于接到通知的5个工作日内提供自查报告……逾期不报的,视为该单位违反“首问责任制”',
	 'a missing report is itself a violation'),
	('accountability report acceptance', 'accountability_acceptance', NULL, NULL, NULL, NULL,
	 '5 days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 三 第九条(二): 应当在5日内审查是否有事实依据并根据决定是否受理',
	 NULL),
	('accountability investigation', 'investigation', NULL, NULL, NULL, NULL,
	 '15 working days', '15 working days', NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 三 第九条(三): 应当在15个工作日内调查处理完毕,情况复杂的,经领导批准可延长15个工作日',
	 NULL),
	('appeal against a sanction', 'appeal', NULL, NULL, NULL, NULL,
	 '15 days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 三 第十条: 可自收到处理决定之日起15日内……提出复核申诉',
	 'counted from the decision'),
	('letters and visits (信访工作条例)', 'answer', 'petition', NULL, NULL, NULL,
	 '60 days', '30 days', NULL, 'acceptance', true,
	 '信访工作条例 (2022): 信访事项应当自受理之日起60日内办结;情况复杂的,经批准可以适当延长办理期限,但延长期限不得超过30日',
	 'counted from acceptance'),
	('banking consumer complaint', 'answer', 'complaint', NULL, NULL, 'banking',
	 '15 days', '45 days', '60 days', 'receipt', true,
	 '银行保险机构消费投诉处理管理办法 (银保监会令2020年第3号): 15日内作出处理决定;情况复杂的可以延长至30日;情况特别复杂的,经审批可以再延长30日',
	 'the first extension (to 30 days) and the second (to 60) need different approvers; the caps allow 60 days in all'),
	('insurance consumer complaint', 'answer', 'complaint', NULL, NULL, 'insurance',
	 '15 days', '45 days', '60 days', 'receipt', true,
	 '银行保险机构消费投诉处理管理办法 (银保监会令2020年第3号): 15日内作出处理决定;情况复杂的可以延长至30日;情况特别复杂的,经审批可以再延长30日',
	 'the first extension (to 30 days) and the second (to 60) need different approvers; the caps allow 60 days in all'),
	('telecom user appeal: acceptance', 'acceptance', 'appeal', NULL, NULL, 'telecom',
	 '5 working days', NULL, NULL, 'receipt', true,
	 '电信用户申诉处理办法 (工业和信息化部令第35号): 申诉受理机构应当自收到申诉材料之日起5个工作日内决定是否受理',
	 NULL),
	('telecom user appeal: reply', 'answer', 'appeal', NULL, NULL, 'telecom',
	 '30 days', NULL, NULL, 'acceptance', true,
	 '电信用户申诉处理办法 (工业和信息化部令第35号): 申诉受理机构应当自受理之日起30日内向申诉人作出答复',
	 'counted from acceptance'),
	('general complaint (default)', 'answer', NULL, NULL, NULL, NULL,
	 '3 working days', NULL, NULL, 'receipt', true,
	 '医院投诉管理制度 一.1: 一般性投诉处理不超过三个工作日; 首问责任制限时办结制责任追究制 二 第七条(二)',
	 'applies when no more specific rule does');
-- ---------------------------------------------------------------------------
-- src/sql/install/59_triggers.sql
--   The C triggers that enforce the workflow (src/trg_case.c), keep the
--   history append-only (src/trg_history.c) and re-project open cases when
--   a calendar or a rule changes (src/reproject.c).
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.case_register() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_case_register'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.case_register() IS
	'BEFORE INSERT trigger on complaint.cases: the acting staff member is the first responder; routing, calendar, rule and deadline are filled in';

CREATE FUNCTION complaint.case_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_case_guard'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.case_guard() IS
	'BEFORE UPDATE trigger on complaint.cases: lifecycle transitions, immutable first responder and receipt time, one step per update';

CREATE FUNCTION complaint.case_history() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_case_history'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.case_history() IS
	'AFTER INSERT OR UPDATE trigger on complaint.cases: writes the step''s responsibility rows and event';

CREATE FUNCTION complaint.history_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_history_guard'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.history_guard() IS
	'BEFORE trigger making a table append-only history: inserts by the extension only, no update (but filling the columns named as arguments, once, by the extension), no delete, no truncate';

CREATE FUNCTION complaint.reproject_snapshot() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_reproject_snapshot'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.reproject_snapshot() IS
	'BEFORE statement trigger on the calendar tables: measures the time running cases have used on the calendar before the change';

CREATE FUNCTION complaint.reproject_calendar() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_reproject_calendar'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.reproject_calendar() IS
	'AFTER statement trigger on the calendar tables: re-projects running cases onto the changed calendar, keeping the time used';

CREATE FUNCTION complaint.reproject_rule() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_reproject_rule'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.reproject_rule() IS
	'AFTER UPDATE trigger on complaint.time_limit_rule: running cases under the rule get its new limit from the same origin';

-- cases
CREATE TRIGGER case_register BEFORE INSERT ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.case_register();
CREATE TRIGGER case_guard BEFORE UPDATE ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.case_guard();
CREATE TRIGGER case_history AFTER INSERT OR UPDATE ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.case_history();
CREATE TRIGGER case_keep BEFORE DELETE ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER case_keep_truncate BEFORE TRUNCATE ON complaint.cases
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();

-- history
CREATE TRIGGER history_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.event
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER history_guard_truncate BEFORE TRUNCATE ON complaint.event
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER history_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.responsibility
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard('until');
CREATE TRIGGER history_guard_truncate BEFORE TRUNCATE ON complaint.responsibility
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();

-- re-projection (calendar_reproject sorts after calendar_changed, which
-- validates the change and invalidates the calendar cache first)
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();

CREATE TRIGGER rule_reproject AFTER UPDATE OF lim ON complaint.time_limit_rule
	FOR EACH ROW WHEN (OLD.lim IS DISTINCT FROM NEW.lim)
	EXECUTE FUNCTION complaint.reproject_rule();

CREATE FUNCTION complaint.acting_staff(missing_ok boolean DEFAULT false) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_acting_staff'
	LANGUAGE C STABLE;
COMMENT ON FUNCTION complaint.acting_staff(boolean) IS
	'code of the staff member acting in this session (complaint.staff, else the one mapped to current_user); NULL when nobody acts and missing_ok';

-- the per-backend organisation cache (src/orgcache.c) reloads after any
-- change to the tables it copies
CREATE FUNCTION complaint.org_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_org_changed'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.org_changed() IS
	'AFTER statement trigger on unit, staff, category, route and time_limit_rule: makes every backend reload its organisation cache';

CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.unit
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.staff
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.category
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.route
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.time_limit_rule
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
-- ---------------------------------------------------------------------------
-- src/sql/install/60_escalation.sql
--   The escalation ladder (SPEC section 5, 湖北移动 §四(一)): policy, the
--   steps recorded by complaint.sweep(), and the watch list that keeps the
--   sweep's cost proportional to the work that is due.
--
--   Every open case has one row in complaint.escalation_watch saying when
--   the sweep must look at it next (due_at).  A trigger on complaint.cases
--   sets it when a case is registered or its status, deadline or upgraded
--   flag changes; the sweep moves it to the case's next rung, or to NULL
--   when nothing more can fall due until the case changes again.  The
--   sweep reads only watch rows with due_at <= its "at" (a partial index).
-- ---------------------------------------------------------------------------

CREATE TYPE complaint.escalation_step AS ENUM (
	'warning',					-- 1: before the deadline, share of the time used
	'handler',					-- 2: at the deadline: the handler (first responder informed)
	'unit_head',				-- 3: the head of the handling unit
	'supervising_leader',		-- 4: the unit's supervising leader (分管领导)
	'accountability_office',	-- 5: the accountability office (责任追究)
	'handover_overdue',			-- interface person did not hand over in time: supervising leader told
	'handover_report_overdue'	-- still not handed over when the report was due: accountability office
);
COMMENT ON TYPE complaint.escalation_step IS
	'rungs of the escalation ladder (warning, handler, unit_head, supervising_leader, accountability_office) and the two hand-over timer steps';

CREATE TABLE complaint.escalation_policy (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	rule_id				bigint UNIQUE REFERENCES complaint.time_limit_rule (id) ON DELETE CASCADE,
	warn_share			double precision DEFAULT 0.8
						CONSTRAINT escalation_policy_warn_share_valid CHECK (warn_share > 0 AND warn_share < 1),
	head_delay			integer NOT NULL DEFAULT 1
						CONSTRAINT escalation_policy_head_delay_valid CHECK (head_delay BETWEEN 0 AND 1000000),
	leader_delay		integer NOT NULL DEFAULT 1
						CONSTRAINT escalation_policy_leader_delay_valid CHECK (leader_delay BETWEEN 0 AND 1000000),
	office_delay		integer NOT NULL DEFAULT 1
						CONSTRAINT escalation_policy_office_delay_valid CHECK (office_delay BETWEEN 0 AND 1000000),
	upgraded_start		complaint.escalation_step NOT NULL DEFAULT 'unit_head'
						CONSTRAINT escalation_policy_upgraded_start_valid
						CHECK (upgraded_start IN ('handler', 'unit_head', 'supervising_leader', 'accountability_office')),
	office_unit			text REFERENCES complaint.unit (code) ON UPDATE CASCADE ON DELETE SET NULL,
	builtin				boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX escalation_policy_one_default ON complaint.escalation_policy ((true)) WHERE rule_id IS NULL;
COMMENT ON TABLE complaint.escalation_policy IS
	'how a case escalates: the row of its time-limit rule, else the default row (rule_id NULL)';
COMMENT ON COLUMN complaint.escalation_policy.warn_share IS
	'the warning falls due when this share of the time between receipt and deadline has passed; NULL: no warning';
COMMENT ON COLUMN complaint.escalation_policy.head_delay IS
	'from the deadline to the unit head, in units of the rule''s limit (working days, days, minutes, working minutes)';
COMMENT ON COLUMN complaint.escalation_policy.leader_delay IS
	'from the unit head to the supervising leader, in units of the rule''s limit';
COMMENT ON COLUMN complaint.escalation_policy.office_delay IS
	'from the supervising leader to the accountability office, in units of the rule''s limit';
COMMENT ON COLUMN complaint.escalation_policy.upgraded_start IS
	'the rung an upgraded complaint (from a regulator or a superior) reaches at the deadline; the rungs below it are skipped';
COMMENT ON COLUMN complaint.escalation_policy.office_unit IS
	'the unit acting as accountability office; its head receives the last rung';

INSERT INTO complaint.escalation_policy (rule_id, builtin) VALUES (NULL, true);

CREATE TABLE complaint.escalation (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id				bigint NOT NULL,
	round				integer NOT NULL DEFAULT 0,
	step				complaint.escalation_step NOT NULL,
	responsibility_id	bigint NOT NULL DEFAULT 0,
	due_at				timestamptz NOT NULL,
	recorded_at			timestamptz NOT NULL,
	to_staff			text,
	to_unit				text,
	cc_staff			text,
	reason				text NOT NULL,
	CONSTRAINT escalation_once UNIQUE (case_id, round, step, responsibility_id)
);
COMMENT ON TABLE complaint.escalation IS
	'each escalation step taken for a case, recorded once by complaint.sweep(): when it fell due, when it was recorded, to whom and why; append-only (complaint.history_guard)';
COMMENT ON COLUMN complaint.escalation.case_id IS
	'the case (complaint.cases.id); no foreign key is declared because only the sweep writes these rows, for cases it has just read, and cases are never deleted';
COMMENT ON COLUMN complaint.escalation.round IS
	'the case''s reopen_count when the step was recorded: a reopened case (new clock) climbs the ladder again';
COMMENT ON COLUMN complaint.escalation.responsibility_id IS
	'hand-over steps: the interface responsibility they concern; 0 for the rungs of the ladder';
COMMENT ON COLUMN complaint.escalation.recorded_at IS 'the "at" of the sweep that recorded the step';
COMMENT ON COLUMN complaint.escalation.to_staff IS
	'staff code escalated to (kept as text: history outlives staff rows); NULL when the unit has nobody in that role';
COMMENT ON COLUMN complaint.escalation.cc_staff IS 'also told: the first responder, who keeps tracking a transferred case';

CREATE INDEX escalation_to_staff_idx ON complaint.escalation (to_staff, recorded_at);

-- the escalation steps are records of accountability: append-only like the
-- history (inserted by the sweep only, never updated, deleted or truncated)
CREATE TRIGGER history_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.escalation
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER history_guard_truncate BEFORE TRUNCATE ON complaint.escalation
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();

-- the sweep appends each step to the case history (complaint.event, kind
-- warned or escalated, detail naming the escalation row) in the statement
-- that records it; this index is the final guard against a second event
CREATE UNIQUE INDEX event_escalation_once ON complaint.event (((detail ->> 'escalation_id')::bigint))
	WHERE kind IN ('warned', 'escalated');
COMMENT ON INDEX complaint.event_escalation_once IS
	'each escalation step appears once in the case history';

CREATE TABLE complaint.escalation_watch (
	case_id				bigint PRIMARY KEY,
	due_at				timestamptz,
	round				integer NOT NULL DEFAULT 0,
	recorded			smallint NOT NULL DEFAULT 0,
	failures			integer NOT NULL DEFAULT 0,
	last_error			text
);
COMMENT ON TABLE complaint.escalation_watch IS
	'when the sweep must look at each case next (NULL: not until the case changes); maintained by a trigger on cases and by the sweep';
COMMENT ON COLUMN complaint.escalation_watch.case_id IS
	'the case (complaint.cases.id); no foreign key is declared because only the workflow''s trigger writes these rows, for the case it is writing, and cases are never deleted';
COMMENT ON COLUMN complaint.escalation_watch.round IS
	'the case''s reopen_count the sweep last looked at: a new round starts the ladder again';
COMMENT ON COLUMN complaint.escalation_watch.recorded IS
	'the highest rung of the ladder (1 warning .. 5 accountability office) recorded in this round; the sweep records only the rungs above it';
COMMENT ON COLUMN complaint.escalation_watch.failures IS
	'times the sweep failed on this case; a failing case is skipped for an hour and logged';

CREATE INDEX escalation_watch_due_idx ON complaint.escalation_watch (due_at) WHERE due_at IS NOT NULL;

-- the ladder's rungs (C, src/ladder.c)
CREATE FUNCTION complaint.escalation_ladder(
	received_at timestamptz, deadline timestamptz, lim complaint.time_limit, calendar text,
	warn_share double precision, head_delay integer, leader_delay integer, office_delay integer,
	upgraded boolean, upgraded_start integer)
	RETURNS timestamptz[]
	AS 'MODULE_PATHNAME', 'complaint_escalation_ladder'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.escalation_ladder(timestamptz, timestamptz, complaint.time_limit, text, double precision, integer, integer, integer, boolean, integer) IS
	'when the five rungs (warning, handler, unit head, supervising leader, accountability office) fall due; NULL for skipped rungs';

-- reading a ladder array for the sweep (C, src/ladder.c)
CREATE FUNCTION complaint.ladder_next(rungs timestamptz[], done integer, after timestamptz)
	RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_ladder_next'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.ladder_next(timestamptz[], integer, timestamptz) IS
	'the earliest rung of a ladder (complaint.escalation_ladder) above rung number done that falls due after after; NULL when none does';
CREATE FUNCTION complaint.ladder_reached(rungs timestamptz[], at timestamptz)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_ladder_reached'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.ladder_reached(timestamptz[], timestamptz) IS
	'the number (1 warning .. 5 accountability office) of the highest rung of a ladder due by at; 0 when none is';

-- the nearest unit officer up the tree: the unit's own, else its parent's
CREATE FUNCTION complaint.unit_officer(unit text, officer text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH RECURSIVE up (code, parent_code, head_staff, supervisor_staff, depth) AS (
		SELECT u.code, u.parent_code, u.head_staff, u.supervisor_staff, 0
		  FROM complaint.unit u WHERE u.code = $1
		UNION ALL
		SELECT p.code, p.parent_code, p.head_staff, p.supervisor_staff, up.depth + 1
		  FROM up JOIN complaint.unit p ON p.code = up.parent_code
		 WHERE up.depth < 64
	)
	SELECT CASE $2 WHEN 'head' THEN head_staff ELSE supervisor_staff END
	  FROM up
	 WHERE CASE $2 WHEN 'head' THEN head_staff ELSE supervisor_staff END IS NOT NULL
	 ORDER BY depth LIMIT 1
$$;
COMMENT ON FUNCTION complaint.unit_officer(text, text) IS
	'head (officer = ''head'') or supervising leader (otherwise) of the unit, else of its nearest ancestor that has one; NULL when none has';

-- keep the watch row of a case in step with the case (C, src/trg_watch.c;
-- it writes the watch row as the owner of the watch table, so the
-- applications that write cases need no privilege on the watch list)
CREATE FUNCTION complaint.escalation_watch_sync() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_escalation_watch_sync'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.escalation_watch_sync() IS
	'trigger on cases: tells the sweep when to look at a case again after it was registered or its status, deadline or upgraded flag changed';

CREATE TRIGGER escalation_watch_sync AFTER INSERT ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.escalation_watch_sync();
CREATE TRIGGER escalation_watch_sync_update AFTER UPDATE ON complaint.cases
	FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deadline IS DISTINCT FROM NEW.deadline
		  OR OLD.upgraded IS DISTINCT FROM NEW.upgraded OR OLD.clock_from IS DISTINCT FROM NEW.clock_from)
	EXECUTE FUNCTION complaint.escalation_watch_sync();

SELECT pg_catalog.pg_extension_config_dump('complaint.escalation_policy', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.escalation_policy', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.escalation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.escalation', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.escalation_watch', '');
-- ---------------------------------------------------------------------------
-- src/sql/install/62_accountability.sql
--   Responsibility pursuit (责任追究制 第五至十条, 湖北移动 §六): violations,
--   their grading into proposed sanctions, the hearing, the decision, the
--   15-day appeal window and its appeal, the unit self-check loop, and the
--   explanations that keep a late case from being a violation.
--   complaint.sweep() opens the violations it can see (no answer by the
--   deadline, hand-over not in time, self-check report missing), grades
--   every new violation and every change of circumstances, sends the
--   self-check notices and closes lapsed appeal windows; people record the
--   rest with the functions below.
--
--   The records are append-only, like the case history: the guard trigger
--   complaint.accountability_guard() refuses every DELETE and TRUNCATE and
--   lets an UPDATE only fill, once, the columns of a later step (see the
--   table below it).  The instant and the actor of a person's step are the
--   server's: complaint.clock_now() and complaint.acting_staff(), stamped
--   by the guard whatever statement wrote the row; a caller cannot supply
--   them (428C9).  Who may write which column is a matter of column
--   privileges (granted by complaint.create_roles()); the guard holds for
--   every writer, the extension's own sweep included.
-- ---------------------------------------------------------------------------

CREATE TYPE complaint.violation_kind AS ENUM (
	'refusal',						-- 推诿、拒绝 (第五条(一))
	'late_handover',				-- 未及时转交 (湖北移动 §四(一))
	'bad_attitude',					-- 态度恶劣 (第五条(三))
	'no_answer_in_time',			-- 超过时限未答复又无说明 (第五条(四))
	'dereliction',					-- 失职、渎职 (第五条(五))
	'missing_self_check_report',	-- 未按时报送自查报告, deemed a violation (湖北移动 §六(二))
	'other'
);
COMMENT ON TYPE complaint.violation_kind IS
	'kinds of breach of the first-inquiry regime (责任追究制 第五条)';

CREATE TYPE complaint.sanction_grade AS ENUM ('minor', 'serious', 'severe');
COMMENT ON TYPE complaint.sanction_grade IS 'grades of a violation (责任追究制 第六条)';

CREATE TABLE complaint.violation (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id				bigint REFERENCES complaint.cases (id),
	staff_code			text REFERENCES complaint.staff (code),
	unit_code			text REFERENCES complaint.unit (code),
	kind				complaint.violation_kind NOT NULL,
	occurred_at			timestamptz NOT NULL,
	recorded_at			timestamptz NOT NULL,
	recorded_by			text REFERENCES complaint.staff (code),
	origin				text UNIQUE,
	detail				text,
	aggravating			text[] NOT NULL DEFAULT '{}'
						CONSTRAINT violation_aggravating_valid
						CHECK (aggravating <@ ARRAY['obstructed_investigation', 'decision_not_carried_out']),
	mitigating			text[] NOT NULL DEFAULT '{}'
						CONSTRAINT violation_mitigating_valid
						CHECK (mitigating <@ ARRAY['apologised_and_forgiven', 'harm_prevented', 'loss_recovered']),
	graded_at			timestamptz,
	CONSTRAINT violation_has_someone CHECK (staff_code IS NOT NULL OR unit_code IS NOT NULL),
	CONSTRAINT violation_opened_once CHECK ((origin IS NULL) = (recorded_by IS NOT NULL)),
	CONSTRAINT violation_occurred_before_recorded CHECK (occurred_at <= recorded_at)
);
COMMENT ON TABLE complaint.violation IS
	'recorded breaches (责任追究制 第五条): who, which case, what kind, when; opened by the sweep (origin) or by a person (recorded_by, complaint.open_violation); append-only';
COMMENT ON COLUMN complaint.violation.occurred_at IS
	'when the breach happened: the deadline or hand-over time the sweep saw, or the time a person reported (never after recorded_at)';
COMMENT ON COLUMN complaint.violation.recorded_at IS
	'when it was recorded: the sweep''s time, or the workflow clock (complaint.clock_now()) when a person opened it';
COMMENT ON COLUMN complaint.violation.recorded_by IS
	'the acting staff member who opened it (complaint.acting_staff()); NULL for violations the sweep opened';
COMMENT ON COLUMN complaint.violation.origin IS
	'for violations opened by the sweep, what opened it (deadline:<case>, handover:<responsibility>, self_check:<id>); unique, so each is opened once';
COMMENT ON COLUMN complaint.violation.aggravating IS
	'aggravating circumstances known when the violation was opened (第七条): obstructed_investigation, decision_not_carried_out; later changes are rows of complaint.violation_circumstance; two or more violations within 365 days are counted by the grading itself';
COMMENT ON COLUMN complaint.violation.mitigating IS
	'mitigating circumstances known when the violation was opened (第八条): apologised_and_forgiven, harm_prevented, loss_recovered';
COMMENT ON COLUMN complaint.violation.graded_at IS
	'when the sweep first proposed a sanction for it (filled once); later changes of circumstances are graded through complaint.violation_circumstance.graded_at';

CREATE INDEX violation_ungraded_idx ON complaint.violation (id) WHERE graded_at IS NULL;
CREATE INDEX violation_staff_idx ON complaint.violation (staff_code, occurred_at);
CREATE INDEX violation_case_idx ON complaint.violation (case_id);

-- changes of circumstances: one row per change, the newest in force
CREATE TABLE complaint.violation_circumstance (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	violation_id		bigint NOT NULL REFERENCES complaint.violation (id),
	aggravating			text[] NOT NULL
						CONSTRAINT violation_circumstance_aggravating_valid
						CHECK (aggravating <@ ARRAY['obstructed_investigation', 'decision_not_carried_out']),
	mitigating			text[] NOT NULL
						CONSTRAINT violation_circumstance_mitigating_valid
						CHECK (mitigating <@ ARRAY['apologised_and_forgiven', 'harm_prevented', 'loss_recovered']),
	recorded_at			timestamptz NOT NULL,
	recorded_by			text NOT NULL REFERENCES complaint.staff (code),
	graded_at			timestamptz
);
COMMENT ON TABLE complaint.violation_circumstance IS
	'the aggravating and mitigating circumstances of a violation as recorded by people (第七、八条), one row per change (complaint.set_circumstances); the newest row is in force; append-only';
COMMENT ON COLUMN complaint.violation_circumstance.graded_at IS
	'when the sweep graded the violation with this row in view (filled once); a sanction already decided is not graded again';

CREATE INDEX violation_circumstance_violation_idx ON complaint.violation_circumstance (violation_id, id);
CREATE INDEX violation_circumstance_ungraded_idx ON complaint.violation_circumstance (violation_id)
	WHERE graded_at IS NULL;

CREATE TABLE complaint.violation_grade (
	kind				complaint.violation_kind PRIMARY KEY,
	grade				complaint.sanction_grade NOT NULL,
	builtin				boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE complaint.violation_grade IS
	'the grade of each kind of violation before aggravating and mitigating circumstances';
INSERT INTO complaint.violation_grade (kind, grade, builtin) VALUES
	('refusal', 'serious', true),
	('late_handover', 'minor', true),
	('bad_attitude', 'minor', true),
	('no_answer_in_time', 'minor', true),
	('dereliction', 'serious', true),
	('missing_self_check_report', 'minor', true),
	('other', 'minor', true);

CREATE TABLE complaint.sanction_policy (
	variant				text NOT NULL,
	grade				complaint.sanction_grade NOT NULL,
	measures			text[] NOT NULL CONSTRAINT sanction_policy_measures_not_empty CHECK (cardinality(measures) > 0),
	bonus_months		integer CONSTRAINT sanction_policy_bonus_months_valid CHECK (bonus_months BETWEEN 1 AND 12),
	also_supervisor		boolean NOT NULL DEFAULT false,
	source				text NOT NULL,
	builtin				boolean NOT NULL DEFAULT false,
	PRIMARY KEY (variant, grade)
);
COMMENT ON TABLE complaint.sanction_policy IS
	'measures proposed for each grade, per variant: general (责任追究制 第六条) and telecom (湖北移动 §六(四): bonus deduction for the first responder and the supervising leader)';
COMMENT ON COLUMN complaint.sanction_policy.bonus_months IS 'months of performance bonus deducted (telecom variant)';
COMMENT ON COLUMN complaint.sanction_policy.also_supervisor IS 'the violator''s supervising leader is sanctioned too';
INSERT INTO complaint.sanction_policy (variant, grade, measures, bonus_months, also_supervisor, source, builtin) VALUES
	('general', 'minor', ARRAY['written self-examination', 'rectification within a time limit', 'warning'],
	 NULL, false, '责任追究制 第六条(一)', true),
	('general', 'serious', ARRAY['excluded from this year''s awards', 'warning to the unit head', 'may be moved to another post'],
	 NULL, false, '责任追究制 第六条(二)', true),
	('general', 'severe', ARRAY['circulated criticism', 'major demerit', 'post change', 'pay cut'],
	 NULL, false, '责任追究制 第六条(三)', true),
	('telecom', 'minor', ARRAY['deduct 1 month of performance bonus from the first responder and the supervising leader', 'circulated criticism of them and of the unit'],
	 1, true, '湖北移动 §六(四)', true),
	('telecom', 'serious', ARRAY['deduct 2 months of performance bonus from the first responder and the supervising leader', 'circulated criticism of them and of the unit'],
	 2, true, '湖北移动 §六(四)', true),
	('telecom', 'severe', ARRAY['deduct 3 months of performance bonus from the first responder and the supervising leader', 'circulated criticism of them and of the unit'],
	 3, true, '湖北移动 §六(四)', true);

CREATE TABLE complaint.sanction_variant (
	unit_code			text PRIMARY KEY REFERENCES complaint.unit (code) ON UPDATE CASCADE ON DELETE CASCADE,
	variant				text NOT NULL
);
COMMENT ON TABLE complaint.sanction_variant IS
	'which sanction_policy variant a unit and its subtree use; units not covered use ''general''';

CREATE TABLE complaint.sanction (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	violation_id		bigint NOT NULL UNIQUE REFERENCES complaint.violation (id),
	staff_code			text,
	unit_code			text,
	variant				text NOT NULL,
	base_grade			complaint.sanction_grade NOT NULL,
	grade				complaint.sanction_grade NOT NULL,
	prior_violations	integer NOT NULL,
	aggravating			text[] NOT NULL,
	mitigating			text[] NOT NULL,
	measures			text[] NOT NULL,
	bonus_months		integer,
	supervisor_staff	text,
	proposed_at			timestamptz NOT NULL,
	heard_at			timestamptz,
	hearing_note		text,
	heard_by			text REFERENCES complaint.staff (code),
	decided_at			timestamptz,
	decided_by			text REFERENCES complaint.staff (code),
	decided_measures	text[],
	appeal_until		timestamptz,
	appeal_closed_at	timestamptz,
	CONSTRAINT sanction_hearing_complete CHECK ((heard_at IS NULL) = (hearing_note IS NULL)
											   AND (heard_at IS NULL) = (heard_by IS NULL)),
	CONSTRAINT sanction_decision_complete CHECK ((decided_at IS NULL) = (decided_by IS NULL)
												AND (decided_at IS NULL) = (decided_measures IS NULL)
												AND (decided_at IS NULL) = (appeal_until IS NULL)),
	CONSTRAINT sanction_heard_before_decision CHECK (decided_at IS NULL OR (heard_at IS NOT NULL AND heard_at <= decided_at)),
	CONSTRAINT sanction_window_after_decision CHECK (appeal_until IS NULL OR decided_at IS NOT NULL),
	CONSTRAINT sanction_closed_after_decision CHECK (appeal_closed_at IS NULL OR appeal_until IS NOT NULL)
);
COMMENT ON TABLE complaint.sanction IS
	'the sanction proposed for a violation (grade after circumstances, measures), the hearing of the accused, the decision and its 15-day appeal window; append-only: a later step fills its columns once';
COMMENT ON COLUMN complaint.sanction.prior_violations IS 'other violations of the same person within the 365 days before this one, counted up to 10';
COMMENT ON COLUMN complaint.sanction.aggravating IS 'circumstances that raised the grade, two_or_more_in_a_year included';
COMMENT ON COLUMN complaint.sanction.proposed_at IS 'when the sweep last graded the proposal (graded again when circumstances change, until the decision)';
COMMENT ON COLUMN complaint.sanction.heard_at IS 'when the hearing was recorded (complaint.record_hearing): the workflow clock';
COMMENT ON COLUMN complaint.sanction.heard_by IS 'the acting staff member who recorded the hearing';
COMMENT ON COLUMN complaint.sanction.decided_at IS 'when the sanction was decided (complaint.decide_sanction): the workflow clock';
COMMENT ON COLUMN complaint.sanction.decided_by IS 'the acting staff member who decided it (never the accused)';
COMMENT ON COLUMN complaint.sanction.appeal_until IS 'end of the appeal window: the decision plus 15 days (责任追究制 第十条)';
COMMENT ON COLUMN complaint.sanction.appeal_closed_at IS
	'when the window closed: at its end with no appeal (recorded by the sweep), or when an appeal was filed';

CREATE INDEX sanction_appeal_open_idx ON complaint.sanction (appeal_until)
	WHERE appeal_closed_at IS NULL AND appeal_until IS NOT NULL;

CREATE TABLE complaint.appeal (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	sanction_id			bigint NOT NULL UNIQUE REFERENCES complaint.sanction (id),
	filed_at			timestamptz NOT NULL,
	filed_by			text NOT NULL REFERENCES complaint.staff (code),
	reason				text NOT NULL CONSTRAINT appeal_reason_not_empty CHECK (reason <> ''),
	decided_at			timestamptz,
	decided_by			text REFERENCES complaint.staff (code),
	outcome				text CONSTRAINT appeal_outcome_valid CHECK (outcome IN ('upheld', 'changed', 'revoked')),
	note				text,
	CONSTRAINT appeal_outcome_with_decision CHECK ((decided_at IS NULL) = (outcome IS NULL)
												  AND (decided_at IS NULL) = (decided_by IS NULL)
												  AND (decided_at IS NULL) = (note IS NULL))
);
COMMENT ON TABLE complaint.appeal IS
	'appeal of the accused against a decided sanction, filed within its window (complaint.file_appeal), and its outcome (complaint.decide_appeal); append-only';
COMMENT ON COLUMN complaint.appeal.filed_at IS 'when it was filed: the workflow clock';
COMMENT ON COLUMN complaint.appeal.filed_by IS 'the acting staff member who filed it';
COMMENT ON COLUMN complaint.appeal.decided_by IS 'the acting staff member who decided the appeal (never the accused)';

CREATE TABLE complaint.self_check (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	violation_id		bigint NOT NULL UNIQUE REFERENCES complaint.violation (id),
	unit_code			text NOT NULL,
	notice_due			timestamptz NOT NULL,
	notified_at			timestamptz NOT NULL,
	report_due			timestamptz NOT NULL,
	reported_at			timestamptz,
	report				text,
	reported_by			text REFERENCES complaint.staff (code),
	overdue_violation_id bigint REFERENCES complaint.violation (id),
	CONSTRAINT self_check_report_complete CHECK ((reported_at IS NULL) = (report IS NULL)
												AND (reported_at IS NULL) = (reported_by IS NULL))
);
COMMENT ON TABLE complaint.self_check IS
	'self-check loop (湖北移动 §六(二)): the unit is told within 2 working days, reports within 5 working days of the notice, and a missing report is itself a violation; append-only';
COMMENT ON COLUMN complaint.self_check.notified_at IS 'when the sweep sent the notice (no later than notice_due unless the sweep was not running)';
COMMENT ON COLUMN complaint.self_check.reported_at IS 'when the report was submitted (complaint.submit_self_check): the workflow clock';
COMMENT ON COLUMN complaint.self_check.reported_by IS 'the acting staff member who submitted it';
COMMENT ON COLUMN complaint.self_check.overdue_violation_id IS 'the violation opened because the report did not come in time';

CREATE INDEX self_check_report_due_idx ON complaint.self_check (report_due)
	WHERE reported_at IS NULL AND overdue_violation_id IS NULL;

CREATE TABLE complaint.explanation (
	id					bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	case_id				bigint NOT NULL REFERENCES complaint.cases (id),
	given_at			timestamptz NOT NULL,
	given_by			text NOT NULL REFERENCES complaint.staff (code),
	text				text NOT NULL CONSTRAINT explanation_text_not_empty CHECK (text <> '')
);
COMMENT ON TABLE complaint.explanation IS
	'explanation given to the complainant for not answering by the deadline (第五条(四) "又无说明"), recorded by complaint.record_explanation; one given by the deadline keeps the sweep from opening a no_answer_in_time violation; append-only';
COMMENT ON COLUMN complaint.explanation.given_at IS 'when it was recorded: the workflow clock, never a time the caller names';
COMMENT ON COLUMN complaint.explanation.given_by IS 'the acting staff member who recorded it';
CREATE INDEX explanation_case_idx ON complaint.explanation (case_id, given_at);

-- which variant applies to a unit: its own, else its nearest ancestor's
CREATE FUNCTION complaint.unit_sanction_variant(unit text) RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH RECURSIVE up (code, parent_code, depth) AS (
		SELECT u.code, u.parent_code, 0 FROM complaint.unit u WHERE u.code = $1
		UNION ALL
		SELECT p.code, p.parent_code, up.depth + 1
		  FROM up JOIN complaint.unit p ON p.code = up.parent_code
		 WHERE up.depth < 64
	)
	SELECT COALESCE((SELECT v.variant FROM up JOIN complaint.sanction_variant v ON v.unit_code = up.code
					  ORDER BY up.depth LIMIT 1), 'general')
$$;
COMMENT ON FUNCTION complaint.unit_sanction_variant(text) IS
	'sanction_policy variant of a unit: from sanction_variant for the unit or its nearest ancestor, else general';

-- the guard: append-only records, server time and server identity -------
--
-- Per table, what a statement may write (everything else is refused):
--
--   table                   INSERT                          UPDATE (fills once, from NULL)
--   violation               the sweep (origin) or a person  graded_at (the sweep)
--                           (recorded_at/_by stamped)
--   violation_circumstance  a person (recorded_at/_by       graded_at (the sweep)
--                           stamped)
--   sanction                the sweep: a proposal           the proposal again (the sweep, until the
--                                                           decision); hearing_note (heard_at/_by
--                                                           stamped); decided_measures (decided_at/_by,
--                                                           appeal_until stamped); appeal_closed_at (at
--                                                           appeal_until, or at the appeal's filed_at)
--   appeal                  a person, inside the window     outcome and note (decided_at/_by stamped)
--                           (filed_at/_by stamped)
--   self_check              the sweep: a notice             report (reported_at/_by stamped);
--                                                           overdue_violation_id (the sweep)
--   explanation             a person (given_at/_by          nothing
--                           stamped)
--
-- DELETE and TRUNCATE: refused, whoever asks (23001).  A column stamped
-- by the server or filled by a later step cannot be supplied (428C9); an
-- UPDATE of anything else, or of a filled column, is refused (23001).
-- Stamps: complaint.clock_now() and complaint.acting_staff(), evaluated as
-- the writer; the sweep, which runs as the tables' owner, names no actor.

CREATE FUNCTION complaint.accountability_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	kept		record;		-- NEW with the columns this update may fill put back
	bad			text;		-- a column the writer may not supply
	s			complaint.sanction;
	accused		text;
	cols		text;
BEGIN
	IF TG_WHEN IS DISTINCT FROM 'BEFORE' OR TG_TABLE_SCHEMA IS DISTINCT FROM 'complaint'
	   OR TG_TABLE_NAME NOT IN ('violation', 'violation_circumstance', 'sanction', 'appeal',
								'self_check', 'explanation') THEN
		RAISE EXCEPTION 'complaint.accountability_guard() must be fired BEFORE, on an accountability table of schema complaint'
			USING ERRCODE = '39P01';
	END IF;
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'cannot truncate complaint.%', TG_TABLE_NAME
			USING ERRCODE = '23001',
				  DETAIL = format('complaint.%s keeps accountability records, which are never removed.', TG_TABLE_NAME);
	END IF;
	IF TG_LEVEL IS DISTINCT FROM 'ROW' THEN
		RAISE EXCEPTION 'complaint.accountability_guard() must be fired FOR EACH ROW, or BEFORE TRUNCATE'
			USING ERRCODE = '39P01';
	END IF;
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'cannot delete rows of complaint.%', TG_TABLE_NAME
			USING ERRCODE = '23001',
				  DETAIL = format('complaint.%s keeps accountability records, which are never removed.', TG_TABLE_NAME),
				  HINT = 'Record a correction as a new step.';
	END IF;

	IF TG_OP = 'INSERT' THEN
		CASE TG_TABLE_NAME
		WHEN 'violation' THEN
			bad := CASE WHEN NEW.graded_at IS NOT NULL THEN 'graded_at'
						WHEN NEW.recorded_by IS NOT NULL THEN 'recorded_by'
						WHEN NEW.origin IS NULL AND NEW.recorded_at IS NOT NULL THEN 'recorded_at' END;
			IF bad IS NULL AND NEW.origin IS NULL THEN
				-- opened by a person: recorded now, by the acting staff member
				NEW.recorded_at := complaint.clock_now();
				NEW.recorded_by := complaint.acting_staff();
				NEW.occurred_at := COALESCE(NEW.occurred_at, NEW.recorded_at);
				IF NEW.occurred_at > NEW.recorded_at THEN
					RAISE EXCEPTION 'a violation cannot have occurred after it is recorded'
						USING ERRCODE = '22023',
							  DETAIL = format('occurred_at is %s, the workflow clock says %s.', NEW.occurred_at, NEW.recorded_at);
				END IF;
			END IF;
		WHEN 'violation_circumstance' THEN
			bad := CASE WHEN NEW.recorded_at IS NOT NULL THEN 'recorded_at'
						WHEN NEW.recorded_by IS NOT NULL THEN 'recorded_by'
						WHEN NEW.graded_at IS NOT NULL THEN 'graded_at' END;
			IF bad IS NULL THEN
				NEW.recorded_at := complaint.clock_now();
				NEW.recorded_by := complaint.acting_staff();
			END IF;
		WHEN 'sanction' THEN
			-- a new sanction is a proposal: the later steps are not taken yet
			bad := CASE WHEN NEW.heard_at IS NOT NULL THEN 'heard_at'
						WHEN NEW.hearing_note IS NOT NULL THEN 'hearing_note'
						WHEN NEW.heard_by IS NOT NULL THEN 'heard_by'
						WHEN NEW.decided_at IS NOT NULL THEN 'decided_at'
						WHEN NEW.decided_by IS NOT NULL THEN 'decided_by'
						WHEN NEW.decided_measures IS NOT NULL THEN 'decided_measures'
						WHEN NEW.appeal_until IS NOT NULL THEN 'appeal_until'
						WHEN NEW.appeal_closed_at IS NOT NULL THEN 'appeal_closed_at' END;
		WHEN 'self_check' THEN
			bad := CASE WHEN NEW.reported_at IS NOT NULL THEN 'reported_at'
						WHEN NEW.report IS NOT NULL THEN 'report'
						WHEN NEW.reported_by IS NOT NULL THEN 'reported_by'
						WHEN NEW.overdue_violation_id IS NOT NULL THEN 'overdue_violation_id' END;
		WHEN 'appeal' THEN
			bad := CASE WHEN NEW.filed_at IS NOT NULL THEN 'filed_at'
						WHEN NEW.filed_by IS NOT NULL THEN 'filed_by'
						WHEN NEW.decided_at IS NOT NULL THEN 'decided_at'
						WHEN NEW.decided_by IS NOT NULL THEN 'decided_by'
						WHEN NEW.outcome IS NOT NULL THEN 'outcome'
						WHEN NEW.note IS NOT NULL THEN 'note' END;
			IF bad IS NULL THEN
				NEW.filed_at := complaint.clock_now();
				NEW.filed_by := complaint.acting_staff();
				-- only inside the window (complaint.appeal_closes_window then closes it)
				SELECT * INTO s FROM complaint.sanction t WHERE t.id = NEW.sanction_id;
				IF FOUND AND s.decided_at IS NULL THEN
					RAISE EXCEPTION 'sanction % is not decided yet', s.id
						USING ERRCODE = '55000',
							  HINT = 'An appeal is filed against a decided sanction (complaint.decide_sanction).';
				END IF;
				IF FOUND AND (s.appeal_closed_at IS NOT NULL OR NEW.filed_at > s.appeal_until
							  OR NEW.filed_at < s.decided_at) THEN
					RAISE EXCEPTION 'the appeal window of sanction % is closed', s.id
						USING ERRCODE = '55000',
							  DETAIL = format('Appeals were open from %s until %s%s.', s.decided_at, s.appeal_until,
											  CASE WHEN s.appeal_closed_at IS NOT NULL
												   THEN format(' and the window was closed at %s', s.appeal_closed_at)
												   ELSE '' END);
				END IF;
			END IF;
		WHEN 'explanation' THEN
			bad := CASE WHEN NEW.given_at IS NOT NULL THEN 'given_at'
						WHEN NEW.given_by IS NOT NULL THEN 'given_by' END;
			IF bad IS NULL THEN
				NEW.given_at := complaint.clock_now();
				NEW.given_by := complaint.acting_staff();
			END IF;
		END CASE;
		IF bad IS NOT NULL THEN
			RAISE EXCEPTION 'column "%" of complaint.% cannot be supplied', bad, TG_TABLE_NAME
				USING ERRCODE = '428C9',
					  DETAIL = 'It is recorded by the server (the workflow clock, the acting staff member) or filled by a later step.',
					  HINT = complaint.accountability_step_hint(TG_TABLE_NAME);
		END IF;
		RETURN NEW;
	END IF;

	-- UPDATE: "kept" is NEW with every column this update may fill set back
	-- to its old value; anything still different is refused at the end
	kept := NEW;
	CASE TG_TABLE_NAME
	WHEN 'violation', 'violation_circumstance' THEN
		IF OLD.graded_at IS NULL THEN
			kept.graded_at := NULL;
		END IF;
	WHEN 'sanction' THEN
		bad := CASE WHEN NEW.heard_at IS DISTINCT FROM OLD.heard_at THEN 'heard_at'
					WHEN NEW.heard_by IS DISTINCT FROM OLD.heard_by THEN 'heard_by'
					WHEN NEW.decided_at IS DISTINCT FROM OLD.decided_at THEN 'decided_at'
					WHEN NEW.decided_by IS DISTINCT FROM OLD.decided_by THEN 'decided_by'
					WHEN NEW.appeal_until IS DISTINCT FROM OLD.appeal_until THEN 'appeal_until' END;
		IF bad IS NULL AND OLD.hearing_note IS NULL AND NEW.hearing_note IS NOT NULL THEN
			-- the hearing (第九条(五))
			NEW.heard_at := complaint.clock_now();
			NEW.heard_by := complaint.acting_staff();
			IF NEW.heard_by = OLD.staff_code THEN
				RAISE EXCEPTION 'staff member "%" cannot record the hearing of their own sanction', NEW.heard_by
					USING ERRCODE = '42501';
			END IF;
			kept.hearing_note := NULL;
		END IF;
		IF bad IS NULL AND OLD.decided_measures IS NULL AND NEW.decided_measures IS NOT NULL THEN
			-- the decision and its appeal window (第十条)
			IF OLD.heard_at IS NULL THEN
				RAISE EXCEPTION 'sanction % cannot be decided before the accused is heard', OLD.id
					USING ERRCODE = '55000', HINT = 'Record the hearing with complaint.record_hearing first.';
			END IF;
			IF pg_catalog.cardinality(NEW.decided_measures) = 0
			   OR pg_catalog.array_position(NEW.decided_measures, NULL) IS NOT NULL
			   OR '' = ANY (NEW.decided_measures) THEN
				RAISE EXCEPTION 'decided measures must be a non-empty list of non-empty texts'
					USING ERRCODE = '22023';
			END IF;
			NEW.decided_at := complaint.clock_now();
			NEW.decided_by := complaint.acting_staff();
			IF NEW.decided_by = OLD.staff_code THEN
				RAISE EXCEPTION 'staff member "%" cannot decide their own sanction', NEW.decided_by
					USING ERRCODE = '42501';
			END IF;
			NEW.appeal_until := NEW.decided_at + interval '15 days';
			kept.decided_measures := NULL;
		END IF;
		IF OLD.decided_at IS NULL AND NEW.decided_at IS NULL THEN
			-- the proposal, graded again by the sweep until the decision
			kept.variant := OLD.variant;
			kept.base_grade := OLD.base_grade;
			kept.grade := OLD.grade;
			kept.prior_violations := OLD.prior_violations;
			kept.aggravating := OLD.aggravating;
			kept.mitigating := OLD.mitigating;
			kept.measures := OLD.measures;
			kept.bonus_months := OLD.bonus_months;
			kept.supervisor_staff := OLD.supervisor_staff;
			kept.proposed_at := OLD.proposed_at;
		END IF;
		IF bad IS NULL AND OLD.appeal_closed_at IS NULL AND NEW.appeal_closed_at IS NOT NULL THEN
			-- the window closes at its end (the sweep) or when an appeal is filed
			IF NEW.appeal_closed_at IS DISTINCT FROM OLD.appeal_until
			   AND NOT EXISTS (SELECT 1 FROM complaint.appeal a
								WHERE a.sanction_id = OLD.id AND a.filed_at = NEW.appeal_closed_at) THEN
				RAISE EXCEPTION 'the appeal window of sanction % closes at its end or when an appeal is filed', OLD.id
					USING ERRCODE = '55000',
						  DETAIL = format('The window ends at %s.', coalesce(OLD.appeal_until::text, 'its decision plus 15 days'));
			END IF;
			kept.appeal_closed_at := NULL;
		END IF;
	WHEN 'appeal' THEN
		bad := CASE WHEN NEW.decided_at IS DISTINCT FROM OLD.decided_at THEN 'decided_at'
					WHEN NEW.decided_by IS DISTINCT FROM OLD.decided_by THEN 'decided_by' END;
		IF bad IS NULL AND OLD.outcome IS NULL AND NEW.outcome IS NOT NULL THEN
			NEW.decided_at := complaint.clock_now();
			NEW.decided_by := complaint.acting_staff();
			SELECT t.staff_code INTO accused FROM complaint.sanction t WHERE t.id = OLD.sanction_id;
			IF NEW.decided_by = accused THEN
				RAISE EXCEPTION 'staff member "%" cannot decide their own appeal', NEW.decided_by
					USING ERRCODE = '42501';
			END IF;
			kept.outcome := NULL;
			IF OLD.note IS NULL THEN
				kept.note := NULL;
			END IF;
		END IF;
	WHEN 'self_check' THEN
		bad := CASE WHEN NEW.reported_at IS DISTINCT FROM OLD.reported_at THEN 'reported_at'
					WHEN NEW.reported_by IS DISTINCT FROM OLD.reported_by THEN 'reported_by' END;
		IF bad IS NULL AND OLD.report IS NULL AND NEW.report IS NOT NULL THEN
			NEW.reported_at := complaint.clock_now();
			NEW.reported_by := complaint.acting_staff();
			kept.report := NULL;
		END IF;
		IF OLD.overdue_violation_id IS NULL THEN
			kept.overdue_violation_id := NULL;
		END IF;
	WHEN 'explanation' THEN
		NULL;
	END CASE;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'column "%" of complaint.% cannot be supplied', bad, TG_TABLE_NAME
			USING ERRCODE = '428C9',
				  DETAIL = 'It is recorded by the server (the workflow clock, the acting staff member) when its step is taken.',
				  HINT = complaint.accountability_step_hint(TG_TABLE_NAME);
	END IF;
	IF kept IS DISTINCT FROM OLD THEN
		SELECT pg_catalog.string_agg(pg_catalog.quote_ident(n.key), ', ' ORDER BY n.key) INTO cols
		  FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(kept)) n
		  JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) o ON o.key = n.key
		 WHERE n.value IS DISTINCT FROM o.value;
		RAISE EXCEPTION 'cannot update rows of complaint.%', TG_TABLE_NAME
			USING ERRCODE = '23001',
				  DETAIL = format('Accountability records are append-only: a later step fills its own columns once, and %s cannot be changed.',
								  CASE WHEN cols LIKE '%,%' THEN 'columns ' ELSE 'column ' END || cols),
				  HINT = complaint.accountability_step_hint(TG_TABLE_NAME);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION complaint.accountability_guard() IS
	'BEFORE trigger on the accountability tables: no delete or truncate; an update only fills the columns of a later step, once; the instant and the actor of a person''s step are stamped from complaint.clock_now() and complaint.acting_staff()';

-- the step functions that write a table, for the guard's hints
CREATE FUNCTION complaint.accountability_step_hint(tab text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT 'Use ' || CASE $1
		WHEN 'violation' THEN 'complaint.open_violation() (and complaint.set_circumstances() for its circumstances)'
		WHEN 'violation_circumstance' THEN 'complaint.set_circumstances()'
		WHEN 'sanction' THEN 'complaint.record_hearing() and complaint.decide_sanction()'
		WHEN 'appeal' THEN 'complaint.file_appeal() and complaint.decide_appeal()'
		WHEN 'self_check' THEN 'complaint.submit_self_check()'
		ELSE 'complaint.record_explanation()' END
		|| '; a correction is a new step.'
$$;
COMMENT ON FUNCTION complaint.accountability_step_hint(text) IS
	'the hint of the accountability guard''s refusals: which step functions write a table';

-- filing an appeal closes the window: the only write a person's step makes
-- with the owner's rights, because nobody else may set appeal_closed_at
CREATE FUNCTION complaint.appeal_closes_window() RETURNS trigger
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF TG_WHEN IS DISTINCT FROM 'AFTER' OR TG_LEVEL IS DISTINCT FROM 'ROW' OR TG_OP IS DISTINCT FROM 'INSERT'
	   OR TG_RELID IS DISTINCT FROM 'complaint.appeal'::regclass THEN
		RAISE EXCEPTION 'complaint.appeal_closes_window() must be fired AFTER INSERT FOR EACH ROW on complaint.appeal'
			USING ERRCODE = '39P01';
	END IF;
	-- NEW passed the guard: filed_at is the workflow clock, inside the window
	UPDATE complaint.sanction t SET appeal_closed_at = NEW.filed_at
	 WHERE t.id = NEW.sanction_id AND t.appeal_closed_at IS NULL;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'the appeal window of sanction % is closed', NEW.sanction_id
			USING ERRCODE = '55000', DETAIL = 'It closed while the appeal was being filed.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION complaint.appeal_closes_window() IS
	'AFTER INSERT trigger on complaint.appeal, with the owner''s rights: closes the sanction''s appeal window at the filing time the guard stamped';

CREATE TRIGGER accountability_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.violation
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard_truncate BEFORE TRUNCATE ON complaint.violation
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.violation_circumstance
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard_truncate BEFORE TRUNCATE ON complaint.violation_circumstance
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.sanction
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard_truncate BEFORE TRUNCATE ON complaint.sanction
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.appeal
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard_truncate BEFORE TRUNCATE ON complaint.appeal
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER appeal_closes_window AFTER INSERT ON complaint.appeal
	FOR EACH ROW EXECUTE FUNCTION complaint.appeal_closes_window();
CREATE TRIGGER accountability_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.self_check
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard_truncate BEFORE TRUNCATE ON complaint.self_check
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.explanation
	FOR EACH ROW EXECUTE FUNCTION complaint.accountability_guard();
CREATE TRIGGER accountability_guard_truncate BEFORE TRUNCATE ON complaint.explanation
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.accountability_guard();

-- people's steps ----------------------------------------------------------
--
-- Each takes what only a person knows (a note, a reason, a report, an
-- outcome); the instant is the workflow clock and the actor the acting
-- staff member, both stamped by the guard.  They run with the caller's
-- rights: the caller needs the column privileges that
-- complaint.create_roles() grants to complaint_accountability.  Refusals:
-- 23502 (a null argument), 22023 (an empty or unknown value), 42704 (no
-- such record), 55000 (wrong state: already heard, decided, reported,
-- window closed, not heard yet), 42501 (deciding one's own sanction).

CREATE FUNCTION complaint.record_hearing(sanction_id bigint, note text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	s complaint.sanction;
BEGIN
	IF record_hearing.sanction_id IS NULL OR record_hearing.note IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN record_hearing.sanction_id IS NULL THEN 'sanction_id' ELSE 'note' END
			USING ERRCODE = '23502';
	END IF;
	IF record_hearing.note = '' THEN
		RAISE EXCEPTION 'a hearing needs a note' USING ERRCODE = '22023';
	END IF;
	SELECT * INTO s FROM complaint.sanction t WHERE t.id = record_hearing.sanction_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'sanction % does not exist', record_hearing.sanction_id USING ERRCODE = '42704';
	END IF;
	IF s.decided_at IS NOT NULL THEN
		RAISE EXCEPTION 'sanction % is already decided', s.id USING ERRCODE = '55000';
	END IF;
	IF s.heard_at IS NOT NULL THEN
		RAISE EXCEPTION 'the hearing of sanction % is already recorded', s.id
			USING ERRCODE = '55000', DETAIL = format('It was recorded at %s by %s.', s.heard_at, s.heard_by);
	END IF;
	UPDATE complaint.sanction t SET hearing_note = record_hearing.note WHERE t.id = s.id;
END
$$;
COMMENT ON FUNCTION complaint.record_hearing(bigint, text) IS
	'records that the accused was heard (责任追究制 第九条(五)), now and by the acting staff member; required before the decision; once';

CREATE FUNCTION complaint.decide_sanction(sanction_id bigint, measures text[] DEFAULT NULL) RETURNS timestamptz
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	s complaint.sanction;
	window_end timestamptz;
BEGIN
	IF decide_sanction.sanction_id IS NULL THEN
		RAISE EXCEPTION 'sanction_id must not be null' USING ERRCODE = '23502';
	END IF;
	SELECT * INTO s FROM complaint.sanction t WHERE t.id = decide_sanction.sanction_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'sanction % does not exist', decide_sanction.sanction_id USING ERRCODE = '42704';
	END IF;
	IF s.decided_at IS NOT NULL THEN
		RAISE EXCEPTION 'sanction % is already decided', s.id
			USING ERRCODE = '55000', DETAIL = format('It was decided at %s by %s.', s.decided_at, s.decided_by);
	END IF;
	-- the guard stamps decided_at and decided_by and opens the window
	UPDATE complaint.sanction t SET decided_measures = COALESCE(decide_sanction.measures, s.measures)
	 WHERE t.id = s.id
	RETURNING t.appeal_until INTO window_end;
	RETURN window_end;
END
$$;
COMMENT ON FUNCTION complaint.decide_sanction(bigint, text[]) IS
	'decides a heard sanction now, as the acting staff member (the proposed measures unless others are given), and opens its 15-day appeal window (责任追究制 第十条); returns the window''s end';

CREATE FUNCTION complaint.file_appeal(sanction_id bigint, reason text) RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	new_id bigint;
BEGIN
	IF file_appeal.sanction_id IS NULL OR file_appeal.reason IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN file_appeal.sanction_id IS NULL THEN 'sanction_id' ELSE 'reason' END
			USING ERRCODE = '23502';
	END IF;
	IF file_appeal.reason = '' THEN
		RAISE EXCEPTION 'an appeal needs a reason' USING ERRCODE = '22023';
	END IF;
	-- the sanction's lock orders this filing against the sweep closing the window
	PERFORM FROM complaint.sanction t WHERE t.id = file_appeal.sanction_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'sanction % does not exist', file_appeal.sanction_id USING ERRCODE = '42704';
	END IF;
	-- the guard stamps filed_at and filed_by and checks the window
	INSERT INTO complaint.appeal AS a (sanction_id, reason) VALUES (file_appeal.sanction_id, file_appeal.reason)
	RETURNING a.id INTO new_id;
	RETURN new_id;
END
$$;
COMMENT ON FUNCTION complaint.file_appeal(bigint, text) IS
	'files the accused''s appeal now, as the acting staff member, inside the 15-day window; closes the window; returns the appeal''s id';

CREATE FUNCTION complaint.decide_appeal(appeal_id bigint, outcome text, note text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	a complaint.appeal;
BEGIN
	IF decide_appeal.appeal_id IS NULL OR decide_appeal.outcome IS NULL OR decide_appeal.note IS NULL THEN
		RAISE EXCEPTION '% must not be null',
			CASE WHEN decide_appeal.appeal_id IS NULL THEN 'appeal_id'
				 WHEN decide_appeal.outcome IS NULL THEN 'outcome' ELSE 'note' END
			USING ERRCODE = '23502';
	END IF;
	IF decide_appeal.outcome NOT IN ('upheld', 'changed', 'revoked') THEN
		RAISE EXCEPTION 'unknown appeal outcome "%"', decide_appeal.outcome
			USING ERRCODE = '22023', HINT = 'An appeal is upheld, changed or revoked.';
	END IF;
	IF decide_appeal.note = '' THEN
		RAISE EXCEPTION 'an appeal decision needs a note' USING ERRCODE = '22023';
	END IF;
	SELECT * INTO a FROM complaint.appeal x WHERE x.id = decide_appeal.appeal_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'appeal % does not exist', decide_appeal.appeal_id USING ERRCODE = '42704';
	END IF;
	IF a.decided_at IS NOT NULL THEN
		RAISE EXCEPTION 'appeal % is already decided', a.id
			USING ERRCODE = '55000', DETAIL = format('It was decided at %s by %s.', a.decided_at, a.decided_by);
	END IF;
	UPDATE complaint.appeal x SET outcome = decide_appeal.outcome, note = decide_appeal.note WHERE x.id = a.id;
END
$$;
COMMENT ON FUNCTION complaint.decide_appeal(bigint, text, text) IS
	'records the outcome of an appeal (upheld, changed or revoked) and its reasons, now and by the acting staff member; once';

CREATE FUNCTION complaint.submit_self_check(self_check_id bigint, report text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.self_check;
BEGIN
	IF submit_self_check.self_check_id IS NULL OR submit_self_check.report IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN submit_self_check.self_check_id IS NULL THEN 'self_check_id' ELSE 'report' END
			USING ERRCODE = '23502';
	END IF;
	IF submit_self_check.report = '' THEN
		RAISE EXCEPTION 'a self-check report must not be empty' USING ERRCODE = '22023';
	END IF;
	SELECT * INTO c FROM complaint.self_check k WHERE k.id = submit_self_check.self_check_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'self-check % does not exist', submit_self_check.self_check_id USING ERRCODE = '42704';
	END IF;
	IF c.reported_at IS NOT NULL THEN
		RAISE EXCEPTION 'self-check % is already reported', c.id
			USING ERRCODE = '55000', DETAIL = format('It was reported at %s by %s.', c.reported_at, c.reported_by);
	END IF;
	UPDATE complaint.self_check k SET report = submit_self_check.report WHERE k.id = c.id;
END
$$;
COMMENT ON FUNCTION complaint.submit_self_check(bigint, text) IS
	'records the unit''s self-check report now, as the acting staff member; a report after report_due still counts as a report, but the violation for lateness stays if the sweep opened it';

CREATE FUNCTION complaint.record_explanation(case_id bigint, text text) RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	new_id bigint;
BEGIN
	IF record_explanation.case_id IS NULL OR record_explanation.text IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN record_explanation.case_id IS NULL THEN 'case_id' ELSE 'text' END
			USING ERRCODE = '23502';
	END IF;
	IF record_explanation.text = '' THEN
		RAISE EXCEPTION 'an explanation must not be empty' USING ERRCODE = '22023';
	END IF;
	BEGIN
		-- the guard stamps given_at and given_by
		INSERT INTO complaint.explanation AS x (case_id, text)
		VALUES (record_explanation.case_id, record_explanation.text)
		RETURNING x.id INTO new_id;
	EXCEPTION WHEN foreign_key_violation THEN
		RAISE EXCEPTION 'case % does not exist', record_explanation.case_id USING ERRCODE = '42704';
	END;
	RETURN new_id;
END
$$;
COMMENT ON FUNCTION complaint.record_explanation(bigint, text) IS
	'records, now and as the acting staff member, the explanation given to the complainant for a late answer (第五条(四)); one recorded by the deadline keeps the sweep from opening a no_answer_in_time violation; returns its id';

-- the circumstances people may record (第七、八条); the sweep adds
-- two_or_more_in_a_year itself
CREATE FUNCTION complaint.check_circumstances(aggravating text[], mitigating text[]) RETURNS void
	LANGUAGE plpgsql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF aggravating IS NULL OR mitigating IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN aggravating IS NULL THEN 'aggravating' ELSE 'mitigating' END
			USING ERRCODE = '23502', HINT = 'An empty list is ''{}''.';
	END IF;
	IF pg_catalog.array_position(aggravating, NULL) IS NOT NULL
	   OR NOT aggravating <@ ARRAY['obstructed_investigation', 'decision_not_carried_out'] THEN
		RAISE EXCEPTION 'unknown aggravating circumstance in %', aggravating
			USING ERRCODE = '22023', HINT = 'Aggravating circumstances are obstructed_investigation and decision_not_carried_out.';
	END IF;
	IF pg_catalog.array_position(mitigating, NULL) IS NOT NULL
	   OR NOT mitigating <@ ARRAY['apologised_and_forgiven', 'harm_prevented', 'loss_recovered'] THEN
		RAISE EXCEPTION 'unknown mitigating circumstance in %', mitigating
			USING ERRCODE = '22023', HINT = 'Mitigating circumstances are apologised_and_forgiven, harm_prevented and loss_recovered.';
	END IF;
END
$$;
COMMENT ON FUNCTION complaint.check_circumstances(text[], text[]) IS
	'refuses circumstance lists that are null or name an unknown circumstance (22023)';

CREATE FUNCTION complaint.open_violation(kind complaint.violation_kind, staff_code text, unit_code text DEFAULT NULL,
										 case_id bigint DEFAULT NULL, occurred_at timestamptz DEFAULT NULL,
										 detail text DEFAULT NULL, aggravating text[] DEFAULT '{}',
										 mitigating text[] DEFAULT '{}')
	RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	new_id bigint;
BEGIN
	IF open_violation.kind IS NULL THEN
		RAISE EXCEPTION 'kind must not be null' USING ERRCODE = '23502';
	END IF;
	IF open_violation.staff_code IS NULL AND open_violation.unit_code IS NULL THEN
		RAISE EXCEPTION 'staff_code and unit_code must not both be null'
			USING ERRCODE = '23502', HINT = 'A violation is of a staff member, of a unit, or of both.';
	END IF;
	PERFORM complaint.check_circumstances(open_violation.aggravating, open_violation.mitigating);
	-- the guard stamps recorded_at and recorded_by (occurred_at: now unless given, never later)
	INSERT INTO complaint.violation AS v (case_id, staff_code, unit_code, kind, occurred_at, detail, aggravating, mitigating)
	VALUES (open_violation.case_id, open_violation.staff_code, open_violation.unit_code, open_violation.kind,
			open_violation.occurred_at, open_violation.detail, open_violation.aggravating, open_violation.mitigating)
	RETURNING v.id INTO new_id;
	RETURN new_id;
END
$$;
COMMENT ON FUNCTION complaint.open_violation(complaint.violation_kind, text, text, bigint, timestamptz, text, text[], text[]) IS
	'opens a violation found by a person (责任追究制 第五条), recorded now and by the acting staff member; the next sweep grades it; returns its id';

CREATE FUNCTION complaint.set_circumstances(violation_id bigint, aggravating text[], mitigating text[]) RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	new_id bigint;
BEGIN
	IF set_circumstances.violation_id IS NULL THEN
		RAISE EXCEPTION 'violation_id must not be null' USING ERRCODE = '23502';
	END IF;
	PERFORM complaint.check_circumstances(set_circumstances.aggravating, set_circumstances.mitigating);
	PERFORM FROM complaint.violation v WHERE v.id = set_circumstances.violation_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'violation % does not exist', set_circumstances.violation_id USING ERRCODE = '42704';
	END IF;
	-- the guard stamps recorded_at and recorded_by; the next sweep grades again
	INSERT INTO complaint.violation_circumstance AS c (violation_id, aggravating, mitigating)
	VALUES (set_circumstances.violation_id, set_circumstances.aggravating, set_circumstances.mitigating)
	RETURNING c.id INTO new_id;
	RETURN new_id;
END
$$;
COMMENT ON FUNCTION complaint.set_circumstances(bigint, text[], text[]) IS
	'records, now and as the acting staff member, the aggravating and mitigating circumstances of a violation (replacing the ones in force, as a new row of complaint.violation_circumstance); the next sweep grades the violation again unless its sanction is decided; returns the row''s id';

-- nothing here is for PUBLIC: complaint.create_roles() grants the steps to
-- complaint_accountability; the trigger functions are for the triggers
REVOKE ALL ON FUNCTION complaint.accountability_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.appeal_closes_window() FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.record_hearing(bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.decide_sanction(bigint, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.file_appeal(bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.decide_appeal(bigint, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.submit_self_check(bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.record_explanation(bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.open_violation(complaint.violation_kind, text, text, bigint, timestamptz, text, text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION complaint.set_circumstances(bigint, text[], text[]) FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('complaint.violation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.violation', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.violation_circumstance', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.violation_circumstance', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.violation_grade', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('complaint.sanction_policy', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('complaint.sanction_variant', '');
SELECT pg_catalog.pg_extension_config_dump('complaint.sanction', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.sanction', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.appeal', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.appeal', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.self_check', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.self_check', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.explanation', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.explanation', 'id'), '');
-- ---------------------------------------------------------------------------
-- src/sql/install/68_worker.sql
--   The sweep entry point and the background worker's status view.  The
--   worker itself needs shared_preload_libraries = 'complaint'; without it
--   the view is empty and complaint.sweep() still works when called by hand.
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.sweep("at" timestamptz DEFAULT pg_catalog.now()) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_sweep'
	LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION complaint.sweep(timestamptz) IS
	'one escalation pass as of at: records every escalation step, violation, sanction and appeal deadline due by then that is not recorded yet, and returns how many it recorded; waits for a sweep already running in this database';
REVOKE ALL ON FUNCTION complaint.sweep(timestamptz) FROM PUBLIC;

-- what the sweep says about each record (C, src/sweep_json.c): the same
-- text and jsonb as json_build_object / jsonb_build_object, built without
-- looking the argument types up again for every row
CREATE FUNCTION complaint.sweep_notify(VARIADIC "any") RETURNS void
	AS 'MODULE_PATHNAME', 'complaint_sweep_notify'
	LANGUAGE C VOLATILE;
COMMENT ON FUNCTION complaint.sweep_notify("any") IS
	'used by complaint.sweep(): sends NOTIFY complaint_escalation with the JSON object of the key/value pairs (the text of json_build_object) as payload';
REVOKE ALL ON FUNCTION complaint.sweep_notify("any") FROM PUBLIC;
CREATE FUNCTION complaint.sweep_event_detail(VARIADIC "any") RETURNS jsonb
	AS 'MODULE_PATHNAME', 'complaint_sweep_event_detail'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.sweep_event_detail("any") IS
	'used by complaint.sweep(): the jsonb object of the key/value pairs whose value is not null (as jsonb_strip_nulls(jsonb_build_object(...))), the detail of a history event';

CREATE FUNCTION complaint.worker_status(
	OUT database name,
	OUT pid integer,
	OUT state text,
	OUT last_sweep_start timestamptz,
	OUT last_sweep_end timestamptz,
	OUT last_sweep_steps bigint,
	OUT total_steps bigint,
	OUT sweeps bigint,
	OUT errors bigint,
	OUT last_error text,
	OUT last_error_at timestamptz)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'complaint_worker_status'
	LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION complaint.worker_status() IS
	'one row per database served by the background worker (none without shared_preload_libraries)';
REVOKE ALL ON FUNCTION complaint.worker_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION complaint.worker_status() TO pg_monitor;

CREATE VIEW complaint.worker_status AS
	SELECT * FROM complaint.worker_status();
COMMENT ON VIEW complaint.worker_status IS
	'state of each database''s background worker: pid, state, last sweep start and end, steps recorded by the last sweep and in all, errors and the last error';
REVOKE ALL ON complaint.worker_status FROM PUBLIC;
GRANT SELECT ON complaint.worker_status TO pg_monitor;
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
-- ---------------------------------------------------------------------------
-- src/sql/install/75_reports.sql
--   What managers and analysts read (SPEC section 6): the unit scorecard and
--   its ranking with the bottom three flagged (湖北移动 §六(三)), the same
--   indicators by channel, category, region and month (with a bar drawn in
--   block characters), the morning list of cases due soon, and the public
--   notice (张榜/通报) of a period.  README.md, "Reports", defines every
--   indicator exactly.
--
--   Every report runs with the caller's rights (no SECURITY DEFINER): what a
--   caller may not read, a report does not read for them.  No report reads
--   or returns a complainant_* column: figures are aggregates, lists carry
--   case ids, codes and times only.
--
--   The figures come from one statement over the raw tables
--   (complaint.report_figures); the unit a case counts for is its
--   first-inquiry unit: the unit it was given to at registration (the
--   first responder's own unit, or the one routing chose), i.e. the
--   from_unit of its first transfer, else its handling unit.  The partial
--   index below keeps that look-up to the transferred cases.
-- ---------------------------------------------------------------------------

-- the transfers of each case, in order: the first one names the unit that
-- first had the case (complaint.report_figures); only transfer events are
-- indexed, so other steps write no entry
CREATE INDEX event_transferred_idx ON complaint.event (case_id, id) WHERE kind = 'transferred';
COMMENT ON INDEX complaint.event_transferred_idx IS
	'the transfer events of each case in order (reports: the first transfer''s from_unit is the case''s first-inquiry unit)';

-- weights of the composite score of complaint.unit_ranking
CREATE TABLE complaint.ranking_weight (
	indicator			text NOT NULL
						CONSTRAINT ranking_weight_indicator_valid
						CHECK (indicator IN ('first_inquiry_pct', 'on_time_pct', 'satisfaction_pct', 'completion_pct')),
	weight				numeric NOT NULL
						CONSTRAINT ranking_weight_weight_valid CHECK (weight >= 0 AND weight <= 1000),
	builtin				boolean NOT NULL DEFAULT false,
	description			text,
	PRIMARY KEY (indicator, builtin)
);
COMMENT ON TABLE complaint.ranking_weight IS
	'weights of the composite score of complaint.unit_ranking, one row per indicator; a row of your own (builtin false) replaces the shipped one (builtin true), which CREATE EXTENSION recreates';
COMMENT ON COLUMN complaint.ranking_weight.indicator IS
	'a percentage column of complaint.unit_scorecard: first_inquiry_pct, on_time_pct, satisfaction_pct or completion_pct';
COMMENT ON COLUMN complaint.ranking_weight.weight IS
	'relative weight (0 leaves the indicator out); the score is the weighted mean of the unit''s rounded percentages over the indicators it has';
COMMENT ON COLUMN complaint.ranking_weight.builtin IS
	'true for the shipped defaults (not dumped); insert a row with builtin false to change a weight (dumped and restored)';
INSERT INTO complaint.ranking_weight (indicator, weight, builtin, description) VALUES
	('first_inquiry_pct', 40, true, '首问解决率: 湖北移动 §六(三) ranks units by it'),
	('on_time_pct', 30, true, '按时办结率 (限时办结制)'),
	('satisfaction_pct', 20, true, '满意率 (closed to the complainant''s satisfaction)'),
	('completion_pct', 10, true, '办结率');
SELECT pg_catalog.pg_extension_config_dump('complaint.ranking_weight', 'WHERE NOT builtin');

-- a bar of block characters for a terminal
CREATE FUNCTION complaint.bar(value numeric, maximum numeric, width integer DEFAULT 20) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	-- the block characters by code point (U+2588 full block, U+2589..U+258F the
	-- eighths), so that the install script holds none: a database whose
	-- encoding has no block characters (EUC_CN) gets a bar of '#' instead
	SELECT CASE WHEN $1 IS NULL OR $2 IS NULL OR $3 IS NULL OR $1 <= 0 OR $2 <= 0 OR $3 <= 0 THEN ''
				WHEN getdatabaseencoding() NOT IN ('UTF8', 'SQL_ASCII') THEN repeat('#', greatest(1, round(x.eighths / 8.0))::integer)
				ELSE repeat(chr(9608), x.eighths / 8)
					 || CASE WHEN x.eighths % 8 > 0 THEN chr(9616 - x.eighths % 8) ELSE '' END
		   END
	  FROM (SELECT greatest(1, round(least($1, $2) / nullif($2, 0) * least(greatest($3, 0), 1000) * 8))::integer AS eighths) x
$$;
COMMENT ON FUNCTION complaint.bar(numeric, numeric, integer) IS
	'a horizontal bar of block characters (U+2588 and the eighths U+258F to U+2589) whose length is value / maximum of width characters, to the nearest eighth; at least one eighth for a positive value, '''' for zero, NULL or a non-positive maximum; in a database whose encoding has no block characters, # per character';

-- arguments every report checks
CREATE FUNCTION complaint.report_check(from_date date, to_date date, root_unit text DEFAULT NULL) RETURNS void
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF from_date IS NULL OR to_date IS NULL THEN
		RAISE EXCEPTION 'a report needs a period: from_date and to_date must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT (isfinite(from_date) AND isfinite(to_date)) THEN
		RAISE EXCEPTION 'a report period must have finite dates'
			USING ERRCODE = 'datetime_field_overflow';
	END IF;
	IF from_date > to_date THEN
		RAISE EXCEPTION 'empty report period: % is after %', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The period is from_date to to_date, both included.';
	END IF;
	IF root_unit IS NOT NULL AND NOT EXISTS (SELECT FROM complaint.unit u WHERE u.code = root_unit) THEN
		RAISE EXCEPTION 'unit "%" does not exist', root_unit
			USING ERRCODE = 'undefined_object';
	END IF;
END
$$;
COMMENT ON FUNCTION complaint.report_check(date, date, text) IS
	'checks the arguments of a report: a period (22004 when a date is null, 22008 when infinite, 22023 when from_date > to_date) and an existing root unit (42704)';

-- the raw figures of every report, grouped by one dimension
CREATE FUNCTION complaint.report_figures(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, referred_out bigint, completed bigint, on_time bigint,
				   first_inquiry bigint, overdue_open bigint, answered bigint, days_mean double precision,
				   days_median double precision, days_p90 double precision, feedback bigint, satisfied bigint,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	-- one pass over a year costs far less than compiling it
	SET jit = off
	AS $$
#variable_conflict use_column
DECLARE
	now_ constant timestamptz := complaint.clock_now();
BEGIN
	PERFORM complaint.report_check(report_figures.from_date, report_figures.to_date, report_figures.root_unit);
	IF dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF dimension NOT IN ('unit', 'channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The dimensions are unit, channel, category, region and month.';
	END IF;
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = report_figures.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	), units AS MATERIALIZED (
		-- the units in scope, their calendar, its time zone and the length of
		-- its working day (the hours of its first working weekday)
		SELECT u.code, u.calendar, k.time_zone AS tz,
			   (SELECT sum(date_part('epoch', h.ends - h.starts)) FROM complaint.calendar_hours h
				 WHERE h.calendar = k.name
				   AND h.isodow = (SELECT min(w) FROM unnest(k.work_weekdays) w)) AS day_secs
		  FROM complaint.unit u JOIN complaint.calendar k ON k.name = u.calendar
		 WHERE report_figures.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s)
	), firsts AS (
		-- the unit that had a transferred case first: its first transfer's from_unit
		SELECT DISTINCT ON (e.case_id) e.case_id, e.detail ->> 'from_unit' AS unit
		  FROM complaint.event e
		 WHERE e.kind = 'transferred'
		 ORDER BY e.case_id, e.id
	), esc AS (
		SELECT x.case_id,
			   count(*) FILTER (WHERE x.step = 'warning') AS warning,
			   count(*) FILTER (WHERE x.step = 'handler') AS handler,
			   count(*) FILTER (WHERE x.step = 'unit_head') AS unit_head,
			   count(*) FILTER (WHERE x.step = 'supervising_leader') AS supervising_leader,
			   count(*) FILTER (WHERE x.step = 'accountability_office') AS accountability_office,
			   count(*) FILTER (WHERE x.step = 'handover_overdue') AS handover_overdue,
			   count(*) FILTER (WHERE x.step = 'handover_report_overdue') AS handover_report_overdue
		  FROM complaint.escalation x
		 GROUP BY x.case_id
	), f AS (
		-- a subquery kept whole (OFFSET 0), so that each case's working time
		-- is computed once, not once per aggregate that reads it
		SELECT * FROM (
		SELECT CASE report_figures.dimension
					WHEN 'unit' THEN u.code
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(c.received_at AT TIME ZONE u.tz, 'YYYY-MM') END AS key,
			   c.status,
			   c.answered_at <= c.deadline AS in_time,
			   t.case_id IS NOT NULL AS transferred,
			   c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
				   AND c.deadline < now_ AS overdue,
			   -- working days from receipt to the answer on the unit's calendar,
			   -- the working time of every pause for materials taken off
			   CASE WHEN c.answered_at IS NOT NULL AND u.day_secs > 0 THEN
					(date_part('epoch', complaint.worktime_between(c.received_at, c.answered_at, u.calendar))
					 - CASE WHEN c.paused_total > interval '0' THEN
						   (SELECT coalesce(sum(date_part('epoch', complaint.worktime_between(p.at, p.resumed, u.calendar))), 0)
							  FROM (SELECT e.at, e.kind, lead(e.at) OVER (ORDER BY e.id) AS resumed
									  FROM complaint.event e
									 WHERE e.case_id = c.id
									   AND e.kind IN ('materials_requested', 'materials_received')) p
							 WHERE p.kind = 'materials_requested' AND p.resumed <= c.answered_at)
					   ELSE 0 END) / u.day_secs
			   END AS days,
			   c.satisfaction,
			   c.repeat_of IS NOT NULL AS is_repeat,
			   c.upgraded,
			   c.reopen_count > 0 AS was_reopened,
			   x.warning, x.handler, x.unit_head, x.supervising_leader, x.accountability_office,
			   x.handover_overdue, x.handover_report_overdue
		  FROM complaint.cases c
		  LEFT JOIN firsts t ON t.case_id = c.id
		  JOIN units u ON u.code = coalesce(t.unit, c.handler_unit)
		  LEFT JOIN esc x ON x.case_id = c.id
		 -- a coarse bound in UTC first (local dates are within a day of it)
		 WHERE c.received_at >= (report_figures.from_date - 1)::timestamp AT TIME ZONE 'UTC'
		   AND c.received_at < (report_figures.to_date + 2)::timestamp AT TIME ZONE 'UTC'
		   AND (c.received_at AT TIME ZONE u.tz)::date BETWEEN report_figures.from_date AND report_figures.to_date
		OFFSET 0) f0
	), a AS (
		SELECT f.key,
			   count(*) AS received,
			   count(*) FILTER (WHERE f.status = 'referred_out') AS referred_out,
			   count(*) FILTER (WHERE f.status = 'closed') AS completed,
			   count(*) FILTER (WHERE f.status = 'closed' AND f.in_time) AS on_time,
			   count(*) FILTER (WHERE f.status = 'closed' AND NOT f.transferred) AS first_inquiry,
			   count(*) FILTER (WHERE f.overdue) AS overdue_open,
			   count(f.days) AS answered,
			   avg(f.days) AS days_mean,
			   percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) AS days_median,
			   percentile_cont(0.9) WITHIN GROUP (ORDER BY f.days) AS days_p90,
			   count(f.satisfaction) AS feedback,
			   count(*) FILTER (WHERE f.satisfaction IN ('satisfied', 'basically_satisfied')) AS satisfied,
			   count(*) FILTER (WHERE f.is_repeat) AS repeats,
			   count(*) FILTER (WHERE f.upgraded) AS upgraded,
			   count(*) FILTER (WHERE f.was_reopened) AS reopened,
			   coalesce(sum(f.warning), 0)::bigint AS esc_warning,
			   coalesce(sum(f.handler), 0)::bigint AS esc_handler,
			   coalesce(sum(f.unit_head), 0)::bigint AS esc_unit_head,
			   coalesce(sum(f.supervising_leader), 0)::bigint AS esc_supervising_leader,
			   coalesce(sum(f.accountability_office), 0)::bigint AS esc_accountability_office,
			   coalesce(sum(f.handover_overdue), 0)::bigint AS esc_handover_overdue,
			   coalesce(sum(f.handover_report_overdue), 0)::bigint AS esc_handover_report_overdue
		  FROM f
		 GROUP BY f.key
	), v AS (
		-- violations that occurred in the period (local date of the unit),
		-- counted for the unit recorded on them, else the violator's unit;
		-- by channel, category and region only those of a case
		SELECT CASE report_figures.dimension
					WHEN 'unit' THEN u.code
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(v.occurred_at AT TIME ZONE u.tz, 'YYYY-MM') END AS key,
			   count(*) AS violations,
			   count(s.decided_at) AS sanctions
		  FROM complaint.violation v
		  LEFT JOIN complaint.staff st ON st.code = v.staff_code
		  JOIN units u ON u.code = coalesce(v.unit_code, st.unit_code)
		  LEFT JOIN complaint.cases c ON c.id = v.case_id
		  LEFT JOIN complaint.sanction s ON s.violation_id = v.id
		 WHERE (v.occurred_at AT TIME ZONE u.tz)::date BETWEEN report_figures.from_date AND report_figures.to_date
		   AND (report_figures.dimension IN ('unit', 'month') OR v.case_id IS NOT NULL)
		 GROUP BY 1
	)
	SELECT coalesce(a.key, v.key),
		   coalesce(a.received, 0), coalesce(a.referred_out, 0), coalesce(a.completed, 0), coalesce(a.on_time, 0),
		   coalesce(a.first_inquiry, 0), coalesce(a.overdue_open, 0), coalesce(a.answered, 0),
		   a.days_mean, a.days_median, a.days_p90,
		   coalesce(a.feedback, 0), coalesce(a.satisfied, 0),
		   coalesce(a.repeats, 0), coalesce(a.upgraded, 0), coalesce(a.reopened, 0),
		   coalesce(a.esc_warning, 0), coalesce(a.esc_handler, 0), coalesce(a.esc_unit_head, 0),
		   coalesce(a.esc_supervising_leader, 0), coalesce(a.esc_accountability_office, 0),
		   coalesce(a.esc_handover_overdue, 0), coalesce(a.esc_handover_report_overdue, 0),
		   coalesce(v.violations, 0), coalesce(v.sanctions, 0)
	  FROM a FULL JOIN v ON v.key = a.key;
END
$$;
COMMENT ON FUNCTION complaint.report_figures(text, date, date, text) IS
	'the raw counts behind every report for the cases received in a period (local date on the calendar of the case''s first-inquiry unit), grouped by unit, channel, category, region or month (YYYY-MM); used by complaint.unit_scorecard and complaint.scorecard_by';

-- one row per unit
CREATE FUNCTION complaint.unit_scorecard(from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (unit text, unit_name text, received bigint, referred_out bigint,
				   completed bigint, completion_pct numeric, on_time bigint, on_time_pct numeric,
				   first_inquiry bigint, first_inquiry_pct numeric, overdue_open bigint,
				   answered bigint, days_mean numeric, days_median numeric, days_p90 numeric,
				   feedback bigint, satisfied bigint, satisfaction_pct numeric,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
BEGIN
	PERFORM complaint.report_check(unit_scorecard.from_date, unit_scorecard.to_date, unit_scorecard.root_unit);
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = unit_scorecard.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	)
	SELECT u.code, u.name, coalesce(r.received, 0), coalesce(r.referred_out, 0),
		   coalesce(r.completed, 0), round(100.0 * r.completed / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.on_time, 0), round(100.0 * r.on_time / nullif(r.completed, 0), 1),
		   coalesce(r.first_inquiry, 0), round(100.0 * r.first_inquiry / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.overdue_open, 0),
		   coalesce(r.answered, 0), round(r.days_mean::numeric, 1), round(r.days_median::numeric, 1),
		   round(r.days_p90::numeric, 1),
		   coalesce(r.feedback, 0), coalesce(r.satisfied, 0), round(100.0 * r.satisfied / nullif(r.feedback, 0), 1),
		   coalesce(r.repeats, 0), coalesce(r.upgraded, 0), coalesce(r.reopened, 0),
		   coalesce(r.esc_warning, 0), coalesce(r.esc_handler, 0), coalesce(r.esc_unit_head, 0),
		   coalesce(r.esc_supervising_leader, 0), coalesce(r.esc_accountability_office, 0),
		   coalesce(r.esc_handover_overdue, 0), coalesce(r.esc_handover_report_overdue, 0),
		   coalesce(r.violations, 0), coalesce(r.sanctions, 0)
	  FROM complaint.unit u
	  LEFT JOIN complaint.report_figures('unit', unit_scorecard.from_date, unit_scorecard.to_date,
										 unit_scorecard.root_unit) r ON r.key = u.code
	 WHERE unit_scorecard.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s)
	 ORDER BY u.code;
END
$$;
COMMENT ON FUNCTION complaint.unit_scorecard(date, date, text) IS
	'scorecard of every unit (or of root_unit''s subtree) for the cases received from from_date to to_date (local dates, both included): received, completion, on-time, first-inquiry and satisfaction rates, overdue open cases, handling time in working days (mean, median, 90th percentile), repeats, upgraded, reopened, escalations by rung, violations and decided sanctions; README.md "Reports" defines each column';

-- the ranking by the composite score, with the bottom three flagged
CREATE FUNCTION complaint.unit_ranking(from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE ("rank" bigint, unit text, unit_name text, received bigint,
				   first_inquiry_pct numeric, on_time_pct numeric, satisfaction_pct numeric, completion_pct numeric,
				   score numeric, award_eligible boolean)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH w AS (
		-- the weight in force for each indicator: one's own row, else the shipped one
		SELECT DISTINCT ON (rw.indicator) rw.indicator, rw.weight
		  FROM complaint.ranking_weight rw
		 ORDER BY rw.indicator, rw.builtin
	), k AS (
		SELECT coalesce(max(w.weight) FILTER (WHERE w.indicator = 'first_inquiry_pct'), 0) AS fi,
			   coalesce(max(w.weight) FILTER (WHERE w.indicator = 'on_time_pct'), 0) AS ot,
			   coalesce(max(w.weight) FILTER (WHERE w.indicator = 'satisfaction_pct'), 0) AS sa,
			   coalesce(max(w.weight) FILTER (WHERE w.indicator = 'completion_pct'), 0) AS co
		  FROM w
	), s AS (
		SELECT c.unit, c.unit_name, c.received, c.first_inquiry_pct, c.on_time_pct, c.satisfaction_pct,
			   c.completion_pct,
			   round((coalesce(k.fi * c.first_inquiry_pct, 0) + coalesce(k.ot * c.on_time_pct, 0)
					  + coalesce(k.sa * c.satisfaction_pct, 0) + coalesce(k.co * c.completion_pct, 0))
					 / nullif(CASE WHEN c.first_inquiry_pct IS NULL THEN 0 ELSE k.fi END
							  + CASE WHEN c.on_time_pct IS NULL THEN 0 ELSE k.ot END
							  + CASE WHEN c.satisfaction_pct IS NULL THEN 0 ELSE k.sa END
							  + CASE WHEN c.completion_pct IS NULL THEN 0 ELSE k.co END, 0), 1) AS score
		  FROM complaint.unit_scorecard($1, $2, $3) c, k
	), r AS (
		SELECT s.*,
			   rank() OVER (PARTITION BY s.score IS NULL ORDER BY s.score DESC) AS from_top,
			   rank() OVER (PARTITION BY s.score IS NULL ORDER BY s.score) AS from_bottom,
			   count(s.score) OVER () AS ranked
		  FROM s
	)
	SELECT CASE WHEN r.score IS NOT NULL THEN r.from_top END,
		   r.unit, r.unit_name, r.received,
		   r.first_inquiry_pct, r.on_time_pct, r.satisfaction_pct, r.completion_pct, r.score,
		   CASE WHEN r.score IS NOT NULL THEN NOT (r.ranked >= 4 AND r.from_bottom <= 3 AND r.from_top > 1) END
	  FROM r
	 ORDER BY r.score IS NULL, r.from_top, r.unit
$$;
COMMENT ON FUNCTION complaint.unit_ranking(date, date, text) IS
	'units ranked by the composite score (weighted mean of their rounded first-inquiry, on-time, satisfaction and completion percentages, weights in complaint.ranking_weight), rounded to 0.1; equal scores share a rank (1, 2, 2, 4); award_eligible is false for the bottom three (湖北移动 §六(三)): every unit whose rank counted from the bottom is 3 or less, ties included, when at least four units are ranked, never a unit sharing the top rank; NULL rank and award_eligible for a unit without a score';

-- the same indicators by channel, category, region or month
CREATE FUNCTION complaint.scorecard_by(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, bar text, referred_out bigint,
				   completed bigint, completion_pct numeric, on_time bigint, on_time_pct numeric,
				   first_inquiry bigint, first_inquiry_pct numeric, overdue_open bigint,
				   answered bigint, days_mean numeric, days_median numeric, days_p90 numeric,
				   feedback bigint, satisfied bigint, satisfaction_pct numeric,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
BEGIN
	IF dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF dimension NOT IN ('channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'scorecard_by takes channel, category, region or month; complaint.unit_scorecard gives the units.';
	END IF;
	PERFORM complaint.report_check(scorecard_by.from_date, scorecard_by.to_date, scorecard_by.root_unit);
	RETURN QUERY
	WITH r AS MATERIALIZED (
		SELECT * FROM complaint.report_figures(scorecard_by.dimension, scorecard_by.from_date, scorecard_by.to_date,
											   scorecard_by.root_unit)
	), keys AS (
		-- every month of the period, also those without cases
		SELECT r.key FROM r
		UNION
		SELECT to_char(m, 'YYYY-MM')
		  FROM generate_series(date_trunc('month', scorecard_by.from_date::timestamp),
							   scorecard_by.to_date::timestamp, interval '1 month') m
		 WHERE scorecard_by.dimension = 'month'
	)
	SELECT k.key, coalesce(r.received, 0),
		   complaint.bar(coalesce(r.received, 0), max(r.received) OVER (), 20),
		   coalesce(r.referred_out, 0),
		   coalesce(r.completed, 0), round(100.0 * r.completed / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.on_time, 0), round(100.0 * r.on_time / nullif(r.completed, 0), 1),
		   coalesce(r.first_inquiry, 0), round(100.0 * r.first_inquiry / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.overdue_open, 0),
		   coalesce(r.answered, 0), round(r.days_mean::numeric, 1), round(r.days_median::numeric, 1),
		   round(r.days_p90::numeric, 1),
		   coalesce(r.feedback, 0), coalesce(r.satisfied, 0), round(100.0 * r.satisfied / nullif(r.feedback, 0), 1),
		   coalesce(r.repeats, 0), coalesce(r.upgraded, 0), coalesce(r.reopened, 0),
		   coalesce(r.esc_warning, 0), coalesce(r.esc_handler, 0), coalesce(r.esc_unit_head, 0),
		   coalesce(r.esc_supervising_leader, 0), coalesce(r.esc_accountability_office, 0),
		   coalesce(r.esc_handover_overdue, 0), coalesce(r.esc_handover_report_overdue, 0),
		   coalesce(r.violations, 0), coalesce(r.sanctions, 0)
	  FROM keys k LEFT JOIN r ON r.key = k.key
	 ORDER BY k.key;
END
$$;
COMMENT ON FUNCTION complaint.scorecard_by(text, date, date, text) IS
	'the indicators of complaint.unit_scorecard by channel, category, region or month (YYYY-MM of the local date of receipt; every month of the period is listed) for the cases received in the period, optionally of root_unit''s subtree, ordered by key; bar draws received scaled to the largest row (20 characters)';

-- the morning list: open cases whose deadline is near
CREATE FUNCTION complaint.due_soon(within_working_hours integer DEFAULT 8, unit text DEFAULT NULL,
								   staff text DEFAULT NULL)
	RETURNS TABLE (case_id bigint, status complaint.case_status, kind complaint.case_kind,
				   channel complaint.case_channel, category text, handler_unit text, handler_staff text,
				   first_responder text, calendar text, deadline timestamptz, deadline_local timestamp,
				   working_hours_left numeric, overdue boolean)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
DECLARE
	now_ constant timestamptz := complaint.clock_now();
	within constant interval := make_interval(hours => within_working_hours);
BEGIN
	IF within_working_hours IS NULL THEN
		RAISE EXCEPTION 'within_working_hours must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF within_working_hours < 0 OR within_working_hours > 100000 THEN
		RAISE EXCEPTION 'within_working_hours must be between 0 and 100000, not %', within_working_hours
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF due_soon.unit IS NOT NULL AND NOT EXISTS (SELECT FROM complaint.unit u WHERE u.code = due_soon.unit) THEN
		RAISE EXCEPTION 'unit "%" does not exist', due_soon.unit USING ERRCODE = 'undefined_object';
	END IF;
	IF due_soon.staff IS NOT NULL AND NOT EXISTS (SELECT FROM complaint.staff s WHERE s.code = due_soon.staff) THEN
		RAISE EXCEPTION 'staff member "%" does not exist', due_soon.staff USING ERRCODE = 'undefined_object';
	END IF;
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = due_soon.unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	), open AS (
		-- running clocks only: not answered, not waiting for materials
		SELECT c.id, c.status, c.kind, c.channel, c.category, c.handler_unit, c.handler_staff, c.first_responder,
			   c.calendar, c.deadline
		  FROM complaint.cases c
		 WHERE c.closed_at IS NULL AND c.referred_at IS NULL
		   AND c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
		   AND (due_soon.unit IS NULL OR c.handler_unit IN (SELECT s.code FROM sub s))
		   AND (due_soon.staff IS NULL OR c.handler_staff = due_soon.staff OR c.first_responder = due_soon.staff)
	)
	SELECT o.id, o.status, o.kind, o.channel, o.category, o.handler_unit, o.handler_staff, o.first_responder,
		   o.calendar, o.deadline, o.deadline AT TIME ZONE k.time_zone,
		   round((date_part('epoch', complaint.worktime_between(now_, o.deadline, o.calendar)) / 3600)::numeric, 1),
		   o.deadline < now_
	  FROM open o JOIN complaint.calendar k ON k.name = o.calendar
	 WHERE o.deadline <= complaint.add_worktime(now_, within, o.calendar)
	 ORDER BY o.deadline, o.id;
END
$$;
COMMENT ON FUNCTION complaint.due_soon(integer, text, text) IS
	'open cases with a running clock (not answered, not waiting for materials) whose deadline falls within the next within_working_hours working hours on the case''s calendar, overdue ones included (negative hours left), of unit''s subtree (handling unit) and of staff (handler or first responder) when given, ordered by deadline; no complainant data';

-- the public notice of a period (张榜/通报)
CREATE FUNCTION complaint.public_notice(from_date date, to_date date) RETURNS text
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	kinds constant text[] := ARRAY['refusal', 'late_handover', 'bad_attitude', 'no_answer_in_time', 'dereliction',
								   'missing_self_check_report', 'other'];
	kind_names constant text[] := ARRAY['推诿、拒绝', '未及时转交', '态度恶劣', '超过时限未答复又未说明原因', '失职、渎职',
										'未按时报送自查报告', '其他'];
	r record;
	t text;
	line text;
	n_units bigint;
	n_received bigint;
	n_completed bigint;
	n_ranked bigint;
	weights text;
	listed integer;
	praise text;
	blame text;
BEGIN
	PERFORM complaint.report_check(from_date, to_date);
	SELECT count(*), coalesce(sum(c.received), 0), coalesce(sum(c.completed), 0)
	  INTO n_units, n_received, n_completed
	  FROM complaint.unit_scorecard(from_date, to_date) c;
	SELECT string_agg(format('%s %s', x.name, trim(to_char(x.weight, 'FM999990.##'), '.')), '、' ORDER BY x.ord)
	  INTO weights
	  FROM (SELECT DISTINCT ON (w.indicator) w.indicator, w.weight,
				   array_position(ARRAY['first_inquiry_pct', 'on_time_pct', 'satisfaction_pct', 'completion_pct'],
								  w.indicator) AS ord,
				   CASE w.indicator WHEN 'first_inquiry_pct' THEN '首问解决率' WHEN 'on_time_pct' THEN '按时办结率'
									WHEN 'satisfaction_pct' THEN '满意率' ELSE '办结率' END AS name
			  FROM complaint.ranking_weight w
			 ORDER BY w.indicator, w.builtin) x
	 WHERE x.weight > 0;

	t := format(E'首问责任制执行情况通报\n（%s 至 %s）\n\n', to_char(from_date, 'YYYY"年"FMMM"月"FMDD"日"'),
				to_char(to_date, 'YYYY"年"FMMM"月"FMDD"日"'));
	t := t || format(E'本期 %s 个单位共受理 %s 件，办结 %s 件。排名依据综合得分（%s 加权，按首办单位统计）。\n\n',
					 n_units, n_received, n_completed, coalesce(weights, '无权重'));

	-- 一、表扬 and 二、通报批评, from the ranking
	n_ranked := 0;
	praise := '';
	blame := '';
	FOR r IN SELECT * FROM complaint.unit_ranking(from_date, to_date) LOOP
		CONTINUE WHEN r.score IS NULL;
		n_ranked := n_ranked + 1;
		line := format(E'  第%s名  %s（%s）：综合得分 %s；首问解决率 %s，按时办结率 %s，满意率 %s，办结率 %s\n',
					   r.rank, r.unit_name, r.unit, r.score,
					   coalesce(r.first_inquiry_pct || '%', '无'), coalesce(r.on_time_pct || '%', '无'),
					   coalesce(r.satisfaction_pct || '%', '无'), coalesce(r.completion_pct || '%', '无'));
		IF r.rank <= 3 AND r.award_eligible THEN
			praise := praise || line;
		END IF;
		IF NOT r.award_eligible THEN
			blame := blame || line;
		END IF;
	END LOOP;
	t := t || E'一、表扬（综合得分前三名）\n'
		   || CASE WHEN praise = '' THEN E'  本期无参加排名的单位。\n' ELSE praise END || E'\n';
	t := t || E'二、通报批评（综合得分后三名，不得参加年度优秀单位评比）\n'
		   || CASE WHEN n_ranked < 4 THEN format(E'  参加排名的单位不足四个（%s 个），本期不列后三名。\n', n_ranked)
				   WHEN blame = '' THEN E'  无。\n'
				   ELSE blame END || E'\n';

	-- 三、违规情况: every violation that occurred in the period, by unit and kind
	t := t || E'三、本期违反首问责任制情况\n';
	listed := 0;
	FOR r IN
		SELECT u.code, u.name,
			   string_agg(format('%s %s 起', kind_names[array_position(kinds, x.kind::text)], x.n), '，'
						  ORDER BY array_position(kinds, x.kind::text)) AS what,
			   sum(x.n) AS total
		  FROM (SELECT coalesce(v.unit_code, st.unit_code) AS unit, v.kind, count(*) AS n
				  FROM complaint.violation v
				  LEFT JOIN complaint.staff st ON st.code = v.staff_code
				  JOIN complaint.unit vu ON vu.code = coalesce(v.unit_code, st.unit_code)
				  JOIN complaint.calendar k ON k.name = vu.calendar
				 WHERE (v.occurred_at AT TIME ZONE k.time_zone)::date BETWEEN from_date AND to_date
				 GROUP BY 1, 2) x
		  JOIN complaint.unit u ON u.code = x.unit
		 GROUP BY u.code, u.name
		 ORDER BY u.code
	LOOP
		t := t || format(E'  %s（%s）：%s，共 %s 起\n', r.name, r.code, r.what, r.total);
		listed := listed + 1;
	END LOOP;
	IF listed = 0 THEN
		t := t || E'  本期未发现违反首问责任制的情况。\n';
	END IF;
	RETURN t;
END
$$;
COMMENT ON FUNCTION complaint.public_notice(date, date) IS
	'the public notice (张榜/通报) of a period, in Chinese, ready to paste: the period, cases received and completed, the weights, the commendation list (the top three of complaint.unit_ranking that are award eligible), the criticism list (the bottom three, not eligible for the annual excellence award) and the violations that occurred in the period by unit and kind; units and figures only, no personal data';
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
	-- register and the audited identity reading
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

-- built-in CN calendar: official holidays and make-up working days (data/cn_holidays.csv)
INSERT INTO complaint.calendar_day (calendar, day, kind, name, builtin) VALUES
  ('CN', '2004-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2004-01-17', 'workday', 'Spring Festival 春节', true),
  ('CN', '2004-01-18', 'workday', 'Spring Festival 春节', true),
  ('CN', '2004-01-22', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-01-23', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-01-24', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-01-25', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-01-26', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-01-27', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-01-28', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2004-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-06', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-07', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-08', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2004-05-09', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2004-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2004-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2004-10-10', 'workday', 'National Day 国庆节', true),
  ('CN', '2005-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2005-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2005-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2005-02-05', 'workday', 'Spring Festival 春节', true),
  ('CN', '2005-02-06', 'workday', 'Spring Festival 春节', true),
  ('CN', '2005-02-09', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-02-10', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-02-11', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-02-12', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-02-13', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-02-14', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2005-04-30', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-06', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-07', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2005-05-08', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2005-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2005-10-08', 'workday', 'National Day 国庆节', true),
  ('CN', '2005-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2005-12-31', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2006-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2006-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2006-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2006-01-28', 'workday', 'Spring Festival 春节', true),
  ('CN', '2006-01-29', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-01-30', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-02-01', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-02-03', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-02-04', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2006-02-05', 'workday', 'Spring Festival 春节', true),
  ('CN', '2006-04-29', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2006-04-30', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-06', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-05-07', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2006-09-30', 'workday', 'National Day 国庆节', true),
  ('CN', '2006-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2006-10-08', 'workday', 'National Day 国庆节', true),
  ('CN', '2006-12-30', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2006-12-31', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2007-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2007-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2007-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2007-02-17', 'workday', 'Spring Festival 春节', true),
  ('CN', '2007-02-18', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-19', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-20', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-21', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-22', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-23', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-24', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2007-02-25', 'workday', 'Spring Festival 春节', true),
  ('CN', '2007-04-28', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2007-04-29', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-06', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-05-07', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2007-09-29', 'workday', 'National Day 国庆节', true),
  ('CN', '2007-09-30', 'workday', 'National Day 国庆节', true),
  ('CN', '2007-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2007-12-29', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2007-12-30', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2007-12-31', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2008-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2008-02-02', 'workday', 'Spring Festival 春节', true),
  ('CN', '2008-02-03', 'workday', 'Spring Festival 春节', true),
  ('CN', '2008-02-06', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-02-07', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-02-08', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-02-09', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-02-10', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-02-11', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-02-12', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2008-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2008-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2008-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2008-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2008-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2008-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2008-05-04', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2008-06-07', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2008-06-08', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2008-06-09', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2008-09-13', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2008-09-14', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2008-09-15', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2008-09-27', 'workday', 'National Day 国庆节', true),
  ('CN', '2008-09-28', 'workday', 'National Day 国庆节', true),
  ('CN', '2008-09-29', 'holiday', 'National Day 国庆节', true),
  ('CN', '2008-09-30', 'holiday', 'National Day 国庆节', true),
  ('CN', '2008-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2008-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2008-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2008-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2008-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2009-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2009-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2009-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2009-01-04', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2009-01-24', 'workday', 'Spring Festival 春节', true),
  ('CN', '2009-01-25', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-01-26', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-01-27', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-01-28', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-01-29', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-01-30', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2009-02-01', 'workday', 'Spring Festival 春节', true),
  ('CN', '2009-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2009-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2009-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2009-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2009-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2009-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2009-05-28', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2009-05-29', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2009-05-30', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2009-05-31', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2009-09-27', 'workday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-01', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-02', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-03', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-04', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-05', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-06', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-07', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-08', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2009-10-10', 'workday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2010-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2010-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2010-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2010-02-13', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-14', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-16', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-17', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-18', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-19', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2010-02-20', 'workday', 'Spring Festival 春节', true),
  ('CN', '2010-02-21', 'workday', 'Spring Festival 春节', true),
  ('CN', '2010-04-03', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2010-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2010-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2010-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2010-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2010-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2010-06-12', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2010-06-13', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2010-06-14', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2010-06-15', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2010-06-16', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2010-09-19', 'workday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2010-09-22', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2010-09-23', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2010-09-24', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2010-09-25', 'workday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2010-09-26', 'workday', 'National Day 国庆节', true),
  ('CN', '2010-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2010-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2011-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2011-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2011-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2011-01-30', 'workday', 'Spring Festival 春节', true),
  ('CN', '2011-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-03', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-04', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-05', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-06', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-07', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-08', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2011-02-12', 'workday', 'Spring Festival 春节', true),
  ('CN', '2011-04-02', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2011-04-03', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2011-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2011-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2011-04-30', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2011-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2011-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2011-06-04', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2011-06-05', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2011-06-06', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2011-09-10', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2011-09-11', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2011-09-12', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2011-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2011-10-08', 'workday', 'National Day 国庆节', true),
  ('CN', '2011-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2011-12-31', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2012-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2012-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2012-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2012-01-21', 'workday', 'Spring Festival 春节', true),
  ('CN', '2012-01-22', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-23', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-24', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-25', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-26', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-27', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-28', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2012-01-29', 'workday', 'Spring Festival 春节', true),
  ('CN', '2012-03-31', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2012-04-01', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2012-04-02', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2012-04-03', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2012-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2012-04-28', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2012-04-29', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2012-04-30', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2012-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2012-06-22', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2012-06-23', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2012-06-24', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2012-09-29', 'workday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-09-30', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-01', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-02', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-03', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-04', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-05', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-06', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2012-10-07', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2013-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2013-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2013-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2013-01-05', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2013-01-06', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2013-02-09', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-10', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-11', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-12', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-13', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-14', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2013-02-16', 'workday', 'Spring Festival 春节', true),
  ('CN', '2013-02-17', 'workday', 'Spring Festival 春节', true),
  ('CN', '2013-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2013-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2013-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2013-04-07', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2013-04-27', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2013-04-28', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2013-04-29', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2013-04-30', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2013-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2013-06-08', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2013-06-09', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2013-06-10', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2013-06-11', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2013-06-12', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2013-09-19', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2013-09-20', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2013-09-21', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2013-09-22', 'workday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2013-09-29', 'workday', 'National Day 国庆节', true),
  ('CN', '2013-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2013-10-12', 'workday', 'National Day 国庆节', true),
  ('CN', '2014-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2014-01-26', 'workday', 'Spring Festival 春节', true),
  ('CN', '2014-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-01', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-03', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-04', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-05', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-06', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2014-02-08', 'workday', 'Spring Festival 春节', true),
  ('CN', '2014-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2014-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2014-04-07', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2014-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2014-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2014-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2014-05-04', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2014-06-02', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2014-09-08', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2014-09-28', 'workday', 'National Day 国庆节', true),
  ('CN', '2014-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2014-10-11', 'workday', 'National Day 国庆节', true),
  ('CN', '2015-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2015-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2015-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2015-01-04', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2015-02-15', 'workday', 'Spring Festival 春节', true),
  ('CN', '2015-02-18', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-19', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-20', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-21', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-22', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-23', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-24', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2015-02-28', 'workday', 'Spring Festival 春节', true),
  ('CN', '2015-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2015-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2015-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2015-06-20', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2015-06-21', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2015-06-22', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2015-09-03', 'holiday', 'Victory Day 70th Anniversary 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
  ('CN', '2015-09-04', 'holiday', 'Victory Day 70th Anniversary 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
  ('CN', '2015-09-05', 'holiday', 'Victory Day 70th Anniversary 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
  ('CN', '2015-09-06', 'workday', 'Victory Day 70th Anniversary 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
  ('CN', '2015-09-27', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2015-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2015-10-10', 'workday', 'National Day 国庆节', true),
  ('CN', '2016-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2016-02-06', 'workday', 'Spring Festival 春节', true),
  ('CN', '2016-02-07', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-08', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-09', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-10', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-11', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-12', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-13', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2016-02-14', 'workday', 'Spring Festival 春节', true),
  ('CN', '2016-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2016-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2016-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2016-06-09', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2016-06-10', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2016-06-11', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2016-06-12', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2016-09-15', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2016-09-16', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2016-09-17', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2016-09-18', 'workday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2016-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2016-10-08', 'workday', 'National Day 国庆节', true),
  ('CN', '2016-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2017-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2017-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2017-01-22', 'workday', 'Spring Festival 春节', true),
  ('CN', '2017-01-27', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-01-28', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-01-29', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-01-30', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-02-01', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2017-02-04', 'workday', 'Spring Festival 春节', true),
  ('CN', '2017-04-01', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2017-04-02', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2017-04-03', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2017-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2017-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2017-05-27', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2017-05-28', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2017-05-29', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2017-05-30', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2017-09-30', 'workday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-01', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-02', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-03', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-04', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-05', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-06', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-07', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2017-10-08', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2018-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2018-02-11', 'workday', 'Spring Festival 春节', true),
  ('CN', '2018-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-16', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-17', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-18', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-19', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-20', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-21', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2018-02-24', 'workday', 'Spring Festival 春节', true),
  ('CN', '2018-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2018-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2018-04-07', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2018-04-08', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2018-04-28', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2018-04-29', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2018-04-30', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2018-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2018-06-18', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2018-09-24', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2018-09-29', 'workday', 'National Day 国庆节', true),
  ('CN', '2018-09-30', 'workday', 'National Day 国庆节', true),
  ('CN', '2018-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2018-12-29', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2018-12-30', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2018-12-31', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2019-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2019-02-02', 'workday', 'Spring Festival 春节', true),
  ('CN', '2019-02-03', 'workday', 'Spring Festival 春节', true),
  ('CN', '2019-02-04', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-02-05', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-02-06', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-02-07', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-02-08', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-02-09', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-02-10', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2019-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2019-04-28', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2019-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2019-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2019-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2019-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2019-05-05', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2019-06-07', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2019-09-13', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2019-09-29', 'workday', 'National Day 国庆节', true),
  ('CN', '2019-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2019-10-12', 'workday', 'National Day 国庆节', true),
  ('CN', '2020-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2020-01-19', 'workday', 'Spring Festival 春节', true),
  ('CN', '2020-01-24', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-25', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-26', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-27', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-28', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-29', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-30', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-02-01', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2020-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2020-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2020-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2020-04-26', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2020-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2020-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2020-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2020-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2020-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2020-05-09', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2020-06-25', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2020-06-26', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2020-06-27', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2020-06-28', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2020-09-27', 'workday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-01', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-02', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-03', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-04', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-05', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-06', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-07', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-08', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2020-10-10', 'workday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2021-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2021-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2021-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2021-02-07', 'workday', 'Spring Festival 春节', true),
  ('CN', '2021-02-11', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-12', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-13', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-14', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-16', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-17', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2021-02-20', 'workday', 'Spring Festival 春节', true),
  ('CN', '2021-04-03', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2021-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2021-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2021-04-25', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2021-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2021-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2021-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2021-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2021-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2021-05-08', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2021-06-12', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2021-06-13', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2021-06-14', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2021-09-18', 'workday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2021-09-19', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2021-09-20', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2021-09-21', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2021-09-26', 'workday', 'National Day 国庆节', true),
  ('CN', '2021-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2021-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2022-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2022-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2022-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2022-01-29', 'workday', 'Spring Festival 春节', true),
  ('CN', '2022-01-30', 'workday', 'Spring Festival 春节', true),
  ('CN', '2022-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-02-01', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-02-03', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-02-04', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-02-05', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-02-06', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2022-04-02', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2022-04-03', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2022-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2022-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2022-04-24', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2022-04-30', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2022-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2022-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2022-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2022-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2022-05-07', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2022-06-03', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2022-06-04', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2022-06-05', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2022-09-10', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2022-09-11', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2022-09-12', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2022-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2022-10-08', 'workday', 'National Day 国庆节', true),
  ('CN', '2022-10-09', 'workday', 'National Day 国庆节', true),
  ('CN', '2022-12-31', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2023-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2023-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2023-01-21', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-22', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-23', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-24', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-25', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-26', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-27', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2023-01-28', 'workday', 'Spring Festival 春节', true),
  ('CN', '2023-01-29', 'workday', 'Spring Festival 春节', true),
  ('CN', '2023-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2023-04-23', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2023-04-29', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2023-04-30', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2023-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2023-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2023-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2023-05-06', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2023-06-22', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2023-06-23', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2023-06-24', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2023-06-25', 'workday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2023-09-29', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-09-30', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-01', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-02', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-03', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-04', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-05', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-06', 'holiday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-07', 'workday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2023-10-08', 'workday', 'Mid-Autumn Festival and National Day 中秋节、国庆节', true),
  ('CN', '2024-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2024-02-04', 'workday', 'Spring Festival 春节', true),
  ('CN', '2024-02-10', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-11', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-12', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-13', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-14', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-16', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-17', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2024-02-18', 'workday', 'Spring Festival 春节', true),
  ('CN', '2024-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2024-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2024-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2024-04-07', 'workday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2024-04-28', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2024-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2024-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2024-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2024-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2024-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2024-05-11', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2024-06-10', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2024-09-14', 'workday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2024-09-15', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2024-09-16', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2024-09-17', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2024-09-29', 'workday', 'National Day 国庆节', true),
  ('CN', '2024-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2024-10-12', 'workday', 'National Day 国庆节', true),
  ('CN', '2025-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2025-01-26', 'workday', 'Spring Festival 春节', true),
  ('CN', '2025-01-28', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-01-29', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-01-30', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-01-31', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-02-01', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-02-02', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-02-03', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-02-04', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2025-02-08', 'workday', 'Spring Festival 春节', true),
  ('CN', '2025-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2025-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2025-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2025-04-27', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2025-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2025-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2025-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2025-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2025-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2025-05-31', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2025-06-01', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2025-06-02', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2025-09-28', 'workday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-01', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-02', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-03', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-04', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-05', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-06', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-07', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-08', 'holiday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2025-10-11', 'workday', 'National Day and Mid-Autumn Festival 国庆节、中秋节', true),
  ('CN', '2026-01-01', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2026-01-02', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2026-01-03', 'holiday', 'New Year''s Day 元旦', true),
  ('CN', '2026-01-04', 'workday', 'New Year''s Day 元旦', true),
  ('CN', '2026-02-14', 'workday', 'Spring Festival 春节', true),
  ('CN', '2026-02-15', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-16', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-17', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-18', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-19', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-20', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-21', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-22', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-23', 'holiday', 'Spring Festival 春节', true),
  ('CN', '2026-02-28', 'workday', 'Spring Festival 春节', true),
  ('CN', '2026-04-04', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2026-04-05', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2026-04-06', 'holiday', 'Tomb-sweeping Day 清明节', true),
  ('CN', '2026-05-01', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2026-05-02', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2026-05-03', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2026-05-04', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2026-05-05', 'holiday', 'Labour Day 劳动节', true),
  ('CN', '2026-05-09', 'workday', 'Labour Day 劳动节', true),
  ('CN', '2026-06-19', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2026-06-20', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2026-06-21', 'holiday', 'Dragon Boat Festival 端午节', true),
  ('CN', '2026-09-20', 'workday', 'National Day 国庆节', true),
  ('CN', '2026-09-25', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2026-09-26', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2026-09-27', 'holiday', 'Mid-Autumn Festival 中秋节', true),
  ('CN', '2026-10-01', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-02', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-03', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-04', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-05', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-06', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-07', 'holiday', 'National Day 国庆节', true),
  ('CN', '2026-10-10', 'workday', 'National Day 国庆节', true);
