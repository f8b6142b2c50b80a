--
-- workdays: is_workday, add_workdays (date and timestamptz), workdays_between
-- and next_workday on the built-in CN calendar, with the counting rules shown
-- on dated examples.  (Also read as documentation: see docs/calendar_tests.md.)
--
SET timezone = 'Asia/Shanghai';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
\set SHOW_CONTEXT never

-- Spring Festival 2024: 02-10 .. 02-17 off, Sundays 02-04 and 02-18 worked
SELECT d::date AS day, to_char(d, 'Dy') AS dow, complaint.is_workday(d::date) AS works
  FROM generate_series(date '2024-02-02', date '2024-02-19', interval '1 day') d;

-- the day of receipt is not counted: N working days end on the N-th working
-- day after it
SELECT n, complaint.add_workdays(date '2024-02-07', n) AS deadline
  FROM generate_series(1, 5) n;

-- n = 0: the day itself if it works, else the next working day
SELECT d AS day, complaint.add_workdays(d, 0) AS n_0
  FROM unnest(ARRAY[date '2024-02-09', '2024-02-10', '2024-02-18']) d;

-- negative n counts backwards: n = -1 is the last working day strictly before
SELECT d AS day, complaint.add_workdays(d, -1) AS n_minus_1, complaint.add_workdays(d, -2) AS n_minus_2
  FROM unnest(ARRAY[date '2024-02-19', '2024-02-18', '2024-02-14']) d;

-- National Day 2025: 10-01 .. 10-08 off, Sunday 09-28 and Saturday 10-11 worked
SELECT n, complaint.add_workdays(date '2025-09-26', n) AS from_friday_0926
  FROM generate_series(1, 6) n;

-- year ends with make-up Saturdays, and the 2020 extended break
SELECT complaint.add_workdays(date '2018-12-28', 1) AS after_2018_12_28,
	   complaint.add_workdays(date '2005-12-30', 2) AS after_2005_12_30,
	   complaint.is_workday('2020-02-01') AS works_2020_02_01;

-- beyond 2026 only the weekly pattern applies
SELECT complaint.is_workday('2027-01-01') AS works_2027_01_01,
	   complaint.workdays_between('2026-12-31', '2027-12-31') AS days_in_2027;

-- workdays_between counts (a, b]; negative when b < a
SELECT complaint.workdays_between('2024-02-09', '2024-02-19') AS forward,
	   complaint.workdays_between('2024-02-19', '2024-02-09') AS backward,
	   complaint.workdays_between('2024-02-09', '2024-02-09') AS same_day;
SELECT y AS year, complaint.workdays_between(make_date(y - 1, 12, 31), make_date(y, 12, 31)) AS working_days
  FROM generate_series(2023, 2027) y;

-- next_workday: the first working day strictly after
SELECT complaint.next_workday('2024-02-09') AS after_2024_02_09,
	   complaint.next_workday('2025-09-30') AS after_2025_09_30;

-- the timestamptz form works on the calendar's local date and keeps the
-- local time of day: 20:00 UTC on 02-08 is already 04:00 on 02-09 in Shanghai
SELECT complaint.add_workdays(timestamptz '2024-02-08 20:00+00', 1) AS from_utc_evening,
	   complaint.add_workdays(timestamptz '2024-02-08 15:00+00', 1) AS from_utc_afternoon;

-- errors
SELECT complaint.add_workdays(date '2024-02-09', 1, 'MARS');
\echo :SQLSTATE
SELECT complaint.add_workdays(date '5874897-12-31', 1);
\echo :SQLSTATE
SELECT complaint.add_workdays(date '2024-01-01', -2147483648);
\echo :SQLSTATE
SELECT complaint.next_workday('5874897-12-31');
\echo :SQLSTATE
-- NULL in, NULL out
SELECT complaint.add_workdays(NULL::date, 1) IS NULL AS null_day,
	   complaint.add_workdays(date '2024-01-01', NULL) IS NULL AS null_n,
	   complaint.is_workday('2024-01-01', NULL) IS NULL AS null_calendar;
