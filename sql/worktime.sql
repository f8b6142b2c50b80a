--
-- worktime: add_worktime, worktime_between and day_end on the built-in CN
-- calendar (working hours 09:00-12:00 and 13:30-17:30, Asia/Shanghai; a
-- make-up weekend day works Monday's hours).  (Also read as documentation:
-- see docs/calendar_tests.md.)
--
SET timezone = 'Asia/Shanghai';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
\set SHOW_CONTEXT never

-- working time is counted inside working hours only; the result is the
-- first instant at which the amount is reached (09:00 + 3 h = 12:00)
SELECT s AS start, a AS amount, complaint.add_worktime(s, a) AS reached
  FROM (VALUES (timestamptz '2024-03-04 09:00', interval '3 hours'),
			   ('2024-03-04 11:00', '2 hours'),
			   ('2024-03-04 12:30', '1 hour'),
			   ('2024-03-04 09:00', '7 hours'),
			   ('2024-03-05 17:00', '1 hour'),
			   ('2024-03-01 16:00', '4 hours'),
			   ('2024-02-09 16:00', '4 hours'),
			   ('2025-09-30 17:00', '1 hour'),
			   ('2024-03-04 10:00', '0')) v(s, a);

-- negative amounts count backwards, to the earliest instant with that much
-- working time before the start (Monday 10:00 - 1 h = Monday 09:00, the opening)
SELECT s AS start, a AS amount, complaint.add_worktime(s, a) AS reached
  FROM (VALUES (timestamptz '2024-03-04 10:30', interval '-1 hour'),
			   ('2024-03-04 14:00', '-1 hour'),
			   ('2024-03-04 10:00', '-1 hour'),
			   ('2024-02-19 10:00', '-3 hours')) v(s, a);

-- worktime_between: hours, minutes and seconds (never days); negative when b < a
SELECT complaint.worktime_between('2024-03-01 16:00', '2024-03-04 11:30') AS fri_to_mon,
	   complaint.worktime_between('2024-03-04 11:30', '2024-03-01 16:00') AS backwards,
	   complaint.worktime_between('2024-03-04 00:00', '2024-03-11 00:00') AS one_week,
	   complaint.worktime_between('2024-02-09 00:00', '2024-02-19 00:00') AS spring_festival;

-- day_end: close of the last working interval, or 24:00 on a day without hours
SELECT d AS day, complaint.day_end(d) AS ends
  FROM unnest(ARRAY[date '2024-03-04', '2024-03-02', '2024-02-12', '2024-02-18']) d;

-- an exception day with its own hours (make-up Sunday 2024-02-04: 09:00-12:00)
INSERT INTO complaint.calendar_day_hours VALUES ('CN', '2024-02-04', '09:00', '12:00');
SELECT complaint.add_worktime('2024-02-02 17:00', '1 hour') AS fri_1700_plus_1h,
	   complaint.worktime_between('2024-02-04 00:00', '2024-02-05 00:00') AS hours_on_0204,
	   complaint.day_end('2024-02-04') AS ends_0204;
DELETE FROM complaint.calendar_day_hours WHERE calendar = 'CN' AND day = '2024-02-04';
SELECT complaint.day_end('2024-02-04') AS ends_0204_again;

-- time zones: the calendar's zone decides what "working hours" are
SELECT complaint.add_worktime(timestamptz '2024-03-04 01:00+00', '1 hour') AS from_0100_utc,
	   complaint.add_workdays(timestamptz '2024-03-04 10:30', 1) AS next_day_same_time;

-- errors
SELECT complaint.add_worktime('2024-03-04 09:00', '1 day');
\echo :SQLSTATE
SELECT complaint.add_worktime('2024-03-04 09:00', '1 month');
\echo :SQLSTATE
SELECT complaint.worktime_between('2024-03-04 09:00', '2024-03-05 09:00', 'MARS');
\echo :SQLSTATE
SELECT complaint.day_end('2024-03-04', 'MARS');
\echo :SQLSTATE
SELECT complaint.add_worktime('2024-03-04 09:00', '2000000000 hours');
\echo :SQLSTATE

-- a calendar that works one microsecond a week (Mondays 00:00 UTC): an
-- amount of working time that ends beyond any date is 22008, also where
-- seven times the week number would overflow 64 bits (once an internal
-- error, found by test/fuzz/run.sh)
INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES ('TINY', 'UTC', '{1}');
INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends) VALUES ('TINY', 1, '00:00', '00:00:00.000001');
SELECT complaint.add_worktime('2000-01-03 00:00+00', '00:00:00.000002', 'TINY') AT TIME ZONE 'UTC' AS second_microsecond;
SELECT complaint.add_worktime('2000-01-01 00:00+00', '732013653:43:07.078804', 'TINY');
\echo :SQLSTATE
SELECT complaint.add_worktime('2000-01-01 00:00+00', '-732013653:43:07.078804', 'TINY');
\echo :SQLSTATE
SELECT complaint.add_worktime('2000-01-01 00:00+00', '2562047788:00:54.775807', 'TINY');
\echo :SQLSTATE
DELETE FROM complaint.calendar WHERE name = 'TINY';
