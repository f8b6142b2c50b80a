
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
