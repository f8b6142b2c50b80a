--
-- calendar: the calendar tables, the built-in CN calendar and calendars made
-- with plain SQL; every refused input with its SQLSTATE and the proof that
-- nothing was written.  (Also read as documentation: see docs/calendar_tests.md.)
--
SET timezone = 'Asia/Shanghai';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
\set SHOW_CONTEXT never

-- the built-in calendar
SELECT name, time_zone, work_weekdays, official_from, official_until
  FROM complaint.calendar WHERE name = 'CN';
SELECT isodow, starts, ends FROM complaint.calendar_hours WHERE calendar = 'CN' ORDER BY 1, 2;
SELECT kind, count(*) FROM complaint.calendar_day WHERE calendar = 'CN' GROUP BY kind ORDER BY kind;
-- exceptions per year (2027 and later: none, the weekly pattern only)
SELECT extract(year FROM day)::int AS year,
	   count(*) FILTER (WHERE kind = 'holiday') AS holidays,
	   count(*) FILTER (WHERE kind = 'workday') AS makeup_days
  FROM complaint.calendar_day WHERE calendar = 'CN' GROUP BY 1 ORDER BY 1;
-- Spring Festival 2024 as stored
SELECT day, to_char(day, 'Dy') AS dow, kind, name
  FROM complaint.calendar_day
 WHERE calendar = 'CN' AND day BETWEEN '2024-02-01' AND '2024-02-29' ORDER BY day;

-- a branch that also works Saturday mornings, with one holiday and one
-- make-up Sunday that works shorter hours
INSERT INTO complaint.calendar (name, time_zone, work_weekdays, description)
	VALUES ('BRANCH', 'Asia/Shanghai', '{1,2,3,4,5,6}', 'branch open Saturday mornings');
INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
	SELECT 'BRANCH', d, time '09:00', time '17:00' FROM generate_series(1, 5) d
	UNION ALL SELECT 'BRANCH', 6, '09:00', '12:00';
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES
	('BRANCH', '2025-06-02', 'holiday', 'branch anniversary'),
	('BRANCH', '2025-06-08', 'workday', 'stock-taking Sunday');
INSERT INTO complaint.calendar_day_hours (calendar, day, starts, ends) VALUES
	('BRANCH', '2025-06-08', '10:00', '12:00');
SELECT d::date AS day, to_char(d, 'Dy') AS dow,
	   complaint.is_workday(d::date, 'BRANCH') AS works,
	   complaint.day_end(d::date, 'BRANCH') AS ends
  FROM generate_series(date '2025-05-30', date '2025-06-09', interval '1 day') d;
-- a 24/7 desk in Hong Kong: every weekday, around the clock
INSERT INTO complaint.calendar (name, time_zone, work_weekdays)
	VALUES ('HK247', 'Asia/Hong_Kong', '{1,2,3,4,5,6,7}');
INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
	SELECT 'HK247', d, '00:00', '24:00' FROM generate_series(1, 7) d;
SELECT complaint.add_workdays(date '2025-05-30', 2, 'HK247') AS friday_plus_2,
	   complaint.add_worktime('2025-05-31 22:00+08', '5 hours', 'HK247') AS saturday_2200_plus_5h;

-- row counts before the refused statements
CREATE TEMP TABLE before AS
	SELECT (SELECT count(*) FROM complaint.calendar) AS calendars,
		   (SELECT count(*) FROM complaint.calendar_hours) AS hours,
		   (SELECT count(*) FROM complaint.calendar_day) AS days,
		   (SELECT count(*) FROM complaint.calendar_day_hours) AS day_hours;

-- unknown time zone
INSERT INTO complaint.calendar (name, time_zone) VALUES ('MOON', 'Moon/Tranquillity');
\echo :SQLSTATE
-- empty name
INSERT INTO complaint.calendar (name) VALUES ('');
\echo :SQLSTATE
-- weekday 0 and weekday 8
INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('BAD', '{0,1,2,3,4}');
\echo :SQLSTATE
INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('BAD', '{1,2,3,4,5,8}');
\echo :SQLSTATE
-- inverted hours
INSERT INTO complaint.calendar_hours VALUES ('BRANCH', 7, '17:00', '09:00');
\echo :SQLSTATE
-- overlapping hours on a weekday and on an exception day
INSERT INTO complaint.calendar_hours VALUES ('BRANCH', 6, '11:00', '13:00');
\echo :SQLSTATE
INSERT INTO complaint.calendar_day_hours VALUES ('BRANCH', '2025-06-08', '11:00', '15:00');
\echo :SQLSTATE
UPDATE complaint.calendar_hours SET ends = '18:00' WHERE calendar = 'CN' AND starts = '09:00';
\echo :SQLSTATE
-- a day listed twice
INSERT INTO complaint.calendar_day VALUES ('CN', '2024-02-12', 'holiday', 'again');
\echo :SQLSTATE
-- hours for an unknown calendar
INSERT INTO complaint.calendar_hours VALUES ('NOWHERE', 1, '09:00', '17:00');
\echo :SQLSTATE
-- nothing was written
SELECT (SELECT count(*) FROM complaint.calendar) = calendars AS calendars_unchanged,
	   (SELECT count(*) FROM complaint.calendar_hours) = hours AS hours_unchanged,
	   (SELECT count(*) FROM complaint.calendar_day) = days AS days_unchanged,
	   (SELECT count(*) FROM complaint.calendar_day_hours) = day_hours AS day_hours_unchanged
  FROM before;
SELECT starts, ends FROM complaint.calendar_hours WHERE calendar = 'CN' AND isodow = 1 ORDER BY 1;

-- a calendar with no working weekday is allowed; arithmetic that needs a
-- working day it does not have is refused
INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('CLOSED', '{}');
SELECT complaint.is_workday('2025-06-02', 'CLOSED') AS monday_works,
	   complaint.workdays_between('2025-01-01', '2026-01-01', 'CLOSED') AS days_in_2025;
SELECT complaint.add_workdays(date '2025-06-02', 1, 'CLOSED');
\echo :SQLSTATE

-- unknown calendar
SELECT complaint.is_workday('2025-06-02', 'ATLANTIS');
\echo :SQLSTATE

-- a change is seen by the next statement
SELECT complaint.is_workday('2025-06-03', 'BRANCH') AS tuesday_before;
INSERT INTO complaint.calendar_day VALUES ('BRANCH', '2025-06-03', 'holiday', 'extra day off');
SELECT complaint.is_workday('2025-06-03', 'BRANCH') AS tuesday_after;

-- clean up
DELETE FROM complaint.calendar WHERE name IN ('BRANCH', 'HK247', 'CLOSED');
SELECT count(*) AS user_calendars_left FROM complaint.calendar WHERE name <> 'CN';
