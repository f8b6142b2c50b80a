
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
