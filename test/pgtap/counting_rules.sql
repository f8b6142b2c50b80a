-- test/pgtap/counting_rules.sql
--	  Dated examples of every SPEC section 4 counting rule, on the built-in CN
--	  calendar unless a line names another: the day of receipt is not counted,
--	  the N-th working day, Spring Festival, National Day, make-up Saturdays
--	  and Sundays, year ends, n = 0, negative n, the timestamptz form across
--	  time zones, and working-hours arithmetic across lunch, night, weekend,
--	  holiday and on exception days with their own hours.  (deadline() and the
--	  time-limit type have their own tests.)
--
--	  Every expected value was computed by an independent Python model of the
--	  rule "calendar_day kind = workday, or a working weekday not listed as a
--	  holiday" over data/cn_holidays.csv, and the dated ones were checked by
--	  hand against the CSV.  Working time follows the contract: add_worktime
--	  returns the smallest instant x at which the working time between the
--	  start and x equals the amount (so a result never lands at the opening of
--	  an interval when the close of the previous one has the same count).

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL timezone = 'UTC';

-- a Berlin office, Monday-Friday 09:00-17:00, no holidays (DST in spring and autumn)
INSERT INTO complaint.calendar (name, time_zone) VALUES ('DE', 'Europe/Berlin');
INSERT INTO complaint.calendar_hours SELECT 'DE', d, '09:00', '17:00' FROM generate_series(1, 5) d;
-- an office working Monday-Friday with hours Monday-Thursday only: Friday is a
-- working day without working hours
INSERT INTO complaint.calendar (name) VALUES ('NOFRI');
INSERT INTO complaint.calendar_hours SELECT 'NOFRI', d, '09:00', '17:00' FROM generate_series(1, 4) d;
-- a Berlin desk open around the clock: the DST changes fall inside working hours
INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES ('BER247', 'Europe/Berlin', '{1,2,3,4,5,6,7}');
INSERT INTO complaint.calendar_hours SELECT 'BER247', d, '00:00', '24:00' FROM generate_series(1, 7) d;

SELECT plan(192);

-- ---------------------------------------------------------------------------
-- the day of receipt is not counted; a limit of N working days ends on the N-th working day after it
-- ---------------------------------------------------------------------------
SELECT is(complaint.add_workdays(date '2024-03-04', 1), date '2024-03-05', 'received Monday 2024-03-04: 1 working day ends Tuesday 03-05 (the Monday itself does not count)');
SELECT is(complaint.add_workdays(date '2024-03-04', 2), date '2024-03-06', '2 working days (web complaint) from Monday end Wednesday 03-06');
SELECT is(complaint.add_workdays(date '2024-03-04', 3), date '2024-03-07', '3 working days (one department) end Thursday 03-07');
SELECT is(complaint.add_workdays(date '2024-03-04', 7), date '2024-03-13', '7 working days (several departments) end Wednesday 03-13');
SELECT is(complaint.add_workdays(date '2024-03-04', 10), date '2024-03-18', '10 working days (leadership) end Monday 03-18');
SELECT is(complaint.add_workdays(date '2024-03-07', 3), date '2024-03-12', '3 working days from Thursday 03-07 skip the weekend: Tuesday 03-12');
SELECT is(complaint.add_workdays(date '2024-03-09', 1), date '2024-03-11', 'received on Saturday 03-09: 1 working day ends Monday 03-11');
SELECT is(complaint.add_workdays(date '2024-03-09', 2), date '2024-03-12', 'received on Saturday: 2 working days end Tuesday 03-12');
SELECT is(complaint.add_workdays(date '2024-03-04', 15), date '2024-03-25', '15 working days (investigation) from 2024-03-04 end 2024-03-25');
SELECT is(complaint.workdays_between(date '2024-03-04', date '2024-03-06'), 2, 'workdays_between counts (a, b]: Mon -> Wed is 2');
SELECT is(complaint.workdays_between(date '2024-03-04', date '2024-03-04'), 0, 'workdays_between(d, d) = 0');
SELECT is(complaint.workdays_between(date '2024-03-08', date '2024-03-10'), 0, 'Friday -> Sunday: 0 working days');
SELECT is(complaint.workdays_between(date '2024-03-08', date '2024-03-11'), 1, 'Friday -> Monday: 1 working day');
SELECT is(complaint.workdays_between(date '2024-03-06', date '2024-03-04'), -2, 'negative when b < a: Wed -> Mon is -2');
SELECT is(complaint.workdays_between(date '2024-03-11', date '2024-03-08'), -1, 'Monday -> previous Friday: -1 (the Monday is in (b, a])');
SELECT is(complaint.next_workday(date '2024-03-08'), date '2024-03-11', 'next_workday(Friday) = Monday');
SELECT is(complaint.next_workday(date '2024-03-04'), date '2024-03-05', 'next_workday(Monday) = Tuesday');
SELECT is(complaint.next_workday(date '2024-03-09'), date '2024-03-11', 'next_workday(Saturday) = Monday');

-- ---------------------------------------------------------------------------
-- n = 0 and negative n
-- ---------------------------------------------------------------------------
SELECT is(complaint.add_workdays(date '2024-03-04', 0), date '2024-03-04', 'n = 0 on a working day gives the day itself');
SELECT is(complaint.add_workdays(date '2024-03-09', 0), date '2024-03-11', 'n = 0 on a Saturday gives Monday');
SELECT is(complaint.add_workdays(date '2024-02-12', 0), date '2024-02-18', 'n = 0 on a Spring Festival holiday gives the make-up Sunday 2024-02-18');
SELECT is(complaint.add_workdays(date '2024-02-18', 0), date '2024-02-18', 'n = 0 on the make-up Sunday 2024-02-18 gives that Sunday');
SELECT is(complaint.add_workdays(date '2025-10-01', 0), date '2025-10-09', 'n = 0 on National Day 2025 gives 2025-10-09');
SELECT is(complaint.add_workdays(date '2024-03-05', -1), date '2024-03-04', 'n = -1 from Tuesday: Monday (the last working day strictly before)');
SELECT is(complaint.add_workdays(date '2024-03-04', -1), date '2024-03-01', 'n = -1 from Monday: previous Friday');
SELECT is(complaint.add_workdays(date '2024-03-10', -1), date '2024-03-08', 'n = -1 from Sunday: Friday');
SELECT is(complaint.add_workdays(date '2024-03-04', -5), date '2024-02-26', 'n = -5 from Monday 2024-03-04: Monday 2024-02-26');
SELECT is(complaint.add_workdays(date '2024-02-19', -1), date '2024-02-18', 'n = -1 from Monday 2024-02-19: the make-up Sunday 2024-02-18');
SELECT is(complaint.add_workdays(date '2024-02-19', -2), date '2024-02-09', 'n = -2 from 2024-02-19: Friday 2024-02-09, across Spring Festival');
SELECT is(complaint.add_workdays(date '2024-02-14', -1), date '2024-02-09', 'n = -1 from a Spring Festival holiday: 2024-02-09');
SELECT is(complaint.add_workdays(date '2025-10-09', -1), date '2025-09-30', 'n = -1 from 2025-10-09: 2025-09-30, across National Day');
SELECT is(complaint.add_workdays(date '2025-10-09', -3), date '2025-09-28', 'n = -3 from 2025-10-09: the make-up Sunday 2025-09-28');

-- ---------------------------------------------------------------------------
-- Spring Festival 2024: 02-10 .. 02-17 off; Sundays 02-04 and 02-18 are working days
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2024-02-03'), false, 'Saturday 2024-02-03 is not a working day');
SELECT is(complaint.is_workday(date '2024-02-04'), true, 'Sunday 2024-02-04 is a make-up working day');
SELECT is(complaint.is_workday(date '2024-02-09'), true, 'Friday 2024-02-09 (New Year''s Eve) is a working day');
SELECT is(complaint.is_workday(date '2024-02-10'), false, '2024-02-10 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-11'), false, '2024-02-11 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-12'), false, '2024-02-12 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-13'), false, '2024-02-13 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-14'), false, '2024-02-14 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-15'), false, '2024-02-15 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-16'), false, '2024-02-16 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-17'), false, '2024-02-17 is a Spring Festival holiday');
SELECT is(complaint.is_workday(date '2024-02-18'), true, 'Sunday 2024-02-18 is a make-up working day');
SELECT is(complaint.is_workday(date '2024-02-19'), true, 'Monday 2024-02-19 is a working day');
SELECT is(complaint.add_workdays(date '2024-02-02', 1), date '2024-02-04', 'Friday 2024-02-02 + 1 working day = Sunday 2024-02-04 (make-up)');
SELECT is(complaint.add_workdays(date '2024-02-03', 1), date '2024-02-04', 'Saturday 2024-02-03 + 1 = Sunday 2024-02-04');
SELECT is(complaint.add_workdays(date '2024-02-08', 1), date '2024-02-09', 'Thursday 2024-02-08 + 1 = Friday 2024-02-09');
SELECT is(complaint.add_workdays(date '2024-02-08', 2), date '2024-02-18', 'Thursday 2024-02-08 + 2 working days (web complaint) = Sunday 2024-02-18');
SELECT is(complaint.add_workdays(date '2024-02-09', 1), date '2024-02-18', 'Friday 2024-02-09 + 1 = Sunday 2024-02-18');
SELECT is(complaint.add_workdays(date '2024-02-09', 2), date '2024-02-19', 'Friday 2024-02-09 + 2 = Monday 2024-02-19');
SELECT is(complaint.add_workdays(date '2024-02-09', 7), date '2024-02-26', 'Friday 2024-02-09 + 7 working days = 2024-02-26');
SELECT is(complaint.add_workdays(date '2024-02-11', 3), date '2024-02-20', 'received on Sunday 2024-02-11 (holiday): + 3 = 2024-02-20');
SELECT is(complaint.next_workday(date '2024-02-09'), date '2024-02-18', 'next_workday(2024-02-09) = 2024-02-18');
SELECT is(complaint.workdays_between(date '2024-02-09', date '2024-02-18'), 1, 'one working day in (2024-02-09, 2024-02-18]');
SELECT is(complaint.workdays_between(date '2024-01-31', date '2024-02-29'), 18, 'working days in February 2024');
SELECT is(complaint.workdays_between(date '2024-02-29', date '2024-01-31'), -18, '... and backwards');

-- ---------------------------------------------------------------------------
-- National Day 2025: 10-01 .. 10-08 off; Sunday 09-28 and Saturday 10-11 are working days
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2025-09-27'), false, 'Saturday 2025-09-27 is not a working day');
SELECT is(complaint.is_workday(date '2025-09-28'), true, 'Sunday 2025-09-28 is a make-up working day');
SELECT is(complaint.is_workday(date '2025-09-30'), true, 'Tuesday 2025-09-30 is a working day');
SELECT is(complaint.is_workday(date '2025-10-01'), false, '2025-10-01 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-02'), false, '2025-10-02 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-03'), false, '2025-10-03 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-04'), false, '2025-10-04 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-05'), false, '2025-10-05 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-06'), false, '2025-10-06 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-07'), false, '2025-10-07 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-08'), false, '2025-10-08 is a National Day holiday');
SELECT is(complaint.is_workday(date '2025-10-09'), true, 'Thursday 2025-10-09 is a working day');
SELECT is(complaint.is_workday(date '2025-10-11'), true, 'Saturday 2025-10-11 is a make-up working day');
SELECT is(complaint.is_workday(date '2025-10-12'), false, 'Sunday 2025-10-12 is not a working day');
SELECT is(complaint.add_workdays(date '2025-09-26', 1), date '2025-09-28', 'Friday 2025-09-26 + 1 = Sunday 2025-09-28');
SELECT is(complaint.add_workdays(date '2025-09-26', 2), date '2025-09-29', 'Friday 2025-09-26 + 2 = Monday 2025-09-29');
SELECT is(complaint.add_workdays(date '2025-09-30', 1), date '2025-10-09', 'Tuesday 2025-09-30 + 1 = Thursday 2025-10-09');
SELECT is(complaint.add_workdays(date '2025-09-30', 3), date '2025-10-11', '2025-09-30 + 3 = Saturday 2025-10-11 (make-up)');
SELECT is(complaint.add_workdays(date '2025-09-30', 4), date '2025-10-13', '2025-09-30 + 4 = Monday 2025-10-13');
SELECT is(complaint.add_workdays(date '2025-10-03', 2), date '2025-10-10', 'received during the break (2025-10-03): + 2 = 2025-10-10');
SELECT is(complaint.workdays_between(date '2025-09-25', date '2025-10-15'), 10, 'working days in (2025-09-25, 2025-10-15]');
SELECT is(complaint.workdays_between(date '2025-09-30', date '2025-10-08'), 0, 'no working day in (2025-09-30, 2025-10-08]');

-- ---------------------------------------------------------------------------
-- National Day 2023: 09-29 .. 10-06 off; Saturday 10-07 and Sunday 10-08 are working days
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2023-09-29'), false, 'Friday 2023-09-29 (Mid-Autumn) is a holiday');
SELECT is(complaint.is_workday(date '2023-10-07'), true, 'Saturday 2023-10-07 is a make-up working day');
SELECT is(complaint.is_workday(date '2023-10-08'), true, 'Sunday 2023-10-08 is a make-up working day');
SELECT is(complaint.add_workdays(date '2023-09-28', 1), date '2023-10-07', 'Thursday 2023-09-28 + 1 = Saturday 2023-10-07');
SELECT is(complaint.add_workdays(date '2023-09-28', 2), date '2023-10-08', '2023-09-28 + 2 = Sunday 2023-10-08');
SELECT is(complaint.add_workdays(date '2023-09-28', 3), date '2023-10-09', '2023-09-28 + 3 = Monday 2023-10-09');
SELECT is(complaint.workdays_between(date '2023-10-06', date '2023-10-13'), 7, 'seven working days in a row: (2023-10-06, 2023-10-13]');
SELECT is(complaint.add_workdays(date '2023-10-08', -1), date '2023-10-07', 'n = -1 from Sunday 2023-10-08: Saturday 2023-10-07');
SELECT is(complaint.add_workdays(date '2023-10-07', -1), date '2023-09-28', 'n = -1 from Saturday 2023-10-07: 2023-09-28');

-- ---------------------------------------------------------------------------
-- New Year 2024: 01-01 off, joined to the weekend
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2023-12-30'), false, 'Saturday 2023-12-30 is not a working day');
SELECT is(complaint.is_workday(date '2024-01-01'), false, 'Monday 2024-01-01 is a holiday');
SELECT is(complaint.add_workdays(date '2023-12-29', 1), date '2024-01-02', 'Friday 2023-12-29 + 1 = Tuesday 2024-01-02');
SELECT is(complaint.workdays_between(date '2023-12-29', date '2024-01-05'), 4, 'working days in (2023-12-29, 2024-01-05]');

-- ---------------------------------------------------------------------------
-- year ends with make-up Saturdays: 2018-12-29 and 2005-12-31
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2018-12-29'), true, 'Saturday 2018-12-29 is a make-up working day');
SELECT is(complaint.is_workday(date '2018-12-31'), false, 'Monday 2018-12-31 is a holiday');
SELECT is(complaint.is_workday(date '2019-01-01'), false, '2019-01-01 is a holiday');
SELECT is(complaint.add_workdays(date '2018-12-28', 1), date '2018-12-29', 'Friday 2018-12-28 + 1 = Saturday 2018-12-29');
SELECT is(complaint.add_workdays(date '2018-12-28', 2), date '2019-01-02', '2018-12-28 + 2 = Wednesday 2019-01-02');
SELECT is(complaint.add_workdays(date '2018-12-29', -1), date '2018-12-28', 'n = -1 from 2018-12-29: 2018-12-28');
SELECT is(complaint.add_workdays(date '2019-01-02', -1), date '2018-12-29', 'n = -1 from 2019-01-02: Saturday 2018-12-29');
SELECT is(complaint.workdays_between(date '2018-12-28', date '2019-01-02'), 2, 'working days in (2018-12-28, 2019-01-02]');
SELECT is(complaint.is_workday(date '2005-12-31'), true, 'Saturday 2005-12-31 is a make-up working day (set by the 2006 notice)');
SELECT is(complaint.add_workdays(date '2005-12-30', 1), date '2005-12-31', 'Friday 2005-12-30 + 1 = Saturday 2005-12-31');
SELECT is(complaint.add_workdays(date '2005-12-31', 1), date '2006-01-04', '2005-12-31 + 1 = Wednesday 2006-01-04');
SELECT is(complaint.workdays_between(date '2005-12-25', date '2006-01-08'), 9, 'working days in (2005-12-25, 2006-01-08]');

-- ---------------------------------------------------------------------------
-- 2020: the extended Spring Festival break (Saturday 02-01 is not a working day); 2015-09-06
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2020-01-19'), true, 'Sunday 2020-01-19 is still a make-up working day');
SELECT is(complaint.is_workday(date '2020-02-01'), false, 'Saturday 2020-02-01 is NOT a working day (break extended)');
SELECT is(complaint.is_workday(date '2020-02-03'), true, 'Monday 2020-02-03 is an ordinary working day');
SELECT is(complaint.add_workdays(date '2020-01-17', 1), date '2020-01-19', 'Friday 2020-01-17 + 1 = Sunday 2020-01-19');
SELECT is(complaint.add_workdays(date '2020-01-23', 1), date '2020-02-03', 'Thursday 2020-01-23 + 1 = Monday 2020-02-03');
SELECT is(complaint.workdays_between(date '2020-01-23', date '2020-02-03'), 1, 'one working day in (2020-01-23, 2020-02-03]');
SELECT is(complaint.is_workday(date '2015-09-03'), false, 'Thursday 2015-09-03 (Victory Day) is a holiday');
SELECT is(complaint.is_workday(date '2015-09-06'), true, 'Sunday 2015-09-06 is a make-up working day');
SELECT is(complaint.add_workdays(date '2015-09-02', 1), date '2015-09-06', 'Wednesday 2015-09-02 + 1 = Sunday 2015-09-06');

-- ---------------------------------------------------------------------------
-- outside the official years: the weekly pattern only
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2003-10-01'), true, '2003-10-01 (before the data) is an ordinary Wednesday: a working day');
SELECT is(complaint.add_workdays(date '2003-12-31', 1), date '2004-01-02', '2003-12-31 + 1 = 2004-01-02 (2004-01-01 is the first listed holiday)');
SELECT is(complaint.is_workday(date '2026-12-31'), true, 'Thursday 2026-12-31 is a working day');
SELECT is(complaint.is_workday(date '2027-01-01'), true, 'Friday 2027-01-01: no data, weekly pattern only: a working day');
SELECT is(complaint.is_workday(date '2027-02-08'), true, 'Monday 2027-02-08 (near Spring Festival 2027): a working day, no data');
SELECT is(complaint.is_workday(date '2027-02-06'), false, 'Saturday 2027-02-06 is not');
SELECT is(complaint.add_workdays(date '2026-12-31', 1), date '2027-01-01', '2026-12-31 + 1 = 2027-01-01');
SELECT is(complaint.add_workdays(date '2026-09-30', 1), date '2026-10-08', 'Wednesday 2026-09-30 + 1 = Thursday 2026-10-08');
SELECT is(complaint.workdays_between(date '2026-12-31', date '2027-12-31'), 261, '2027 has 261 working days (Monday-Friday)');

-- ---------------------------------------------------------------------------
-- add_workdays(timestamptz): the calendar's local date, the same local time of day
-- ---------------------------------------------------------------------------
SELECT is(complaint.add_workdays('2024-03-04 10:30:00+08'::timestamptz, 1), '2024-03-05 10:30:00+08'::timestamptz, 'Monday 10:30 in Shanghai + 1 working day = Tuesday 10:30');
SELECT is(complaint.add_workdays('2024-02-08 20:00:00+00'::timestamptz, 1), '2024-02-18 04:00:00+08'::timestamptz, '2024-02-08 20:00 UTC is already Friday 2024-02-09 04:00 in Shanghai: + 1 = 2024-02-18 04:00+08');
SELECT is(complaint.add_workdays('2024-02-08 15:59:00+00'::timestamptz, 1), '2024-02-09 23:59:00+08'::timestamptz, '2024-02-08 15:59 UTC is still Thursday 23:59 in Shanghai: + 1 = 2024-02-09 23:59+08');
SELECT is(complaint.add_workdays('2025-09-30 16:30:00+00'::timestamptz, 1), '2025-10-09 00:30:00+08'::timestamptz, '2025-09-30 16:30 UTC is 2025-10-01 00:30 in Shanghai (holiday): + 1 = 2025-10-09 00:30+08');
SELECT is(complaint.add_workdays('2025-09-30 16:30:00+00'::timestamptz, 0), '2025-10-09 00:30:00+08'::timestamptz, 'n = 0 on the same instant: 2025-10-09 00:30+08');
SELECT is(complaint.add_workdays('2024-02-19 09:00:00+08'::timestamptz, -2), '2024-02-09 09:00:00+08'::timestamptz, 'Monday 2024-02-19 09:00 - 2 working days = Friday 2024-02-09 09:00');
SELECT is(complaint.add_workdays('2024-02-18 10:00:00-05'::timestamptz, 1), '2024-02-19 23:00:00+08'::timestamptz, 'Sunday 10:00 in New York is Sunday 23:00 in Shanghai (make-up day 2024-02-18): + 1 = 2024-02-19 23:00+08');
-- DE: a Berlin calendar (Monday-Friday, 09:00-17:00, no holidays) across the spring DST change
SELECT is(complaint.add_workdays('2025-03-28 10:00:00+01'::timestamptz, 1, 'DE'), '2025-03-31 10:00:00+02'::timestamptz, 'Berlin Friday 2025-03-28 10:00 CET + 1 = Monday 10:00 CEST (23 hours + 2 days later)');
SELECT is(complaint.add_workdays('2025-10-24 10:00:00+02'::timestamptz, 1, 'DE'), '2025-10-27 10:00:00+01'::timestamptz, 'Berlin Friday 2025-10-24 10:00 CEST + 1 = Monday 10:00 CET');
SELECT is(complaint.add_worktime('2025-03-28 16:00:00+01'::timestamptz, interval '02:00:00', 'DE'), '2025-03-31 10:00:00+02'::timestamptz, 'Berlin Friday 16:00 + 2 working hours = Monday 10:00 CEST');
SELECT is(complaint.worktime_between('2025-03-28 00:00:00+01'::timestamptz, '2025-03-31 12:00:00+02'::timestamptz, 'DE'), interval '11:00:00', 'Berlin: 8 + 3 working hours over the DST weekend');
-- BER247: working time is counted on the local wall clock (README, "Working
-- hours and daylight saving"): a 24/7 desk counts 24 working hours on the
-- spring DST day (23 real hours pass) and on the autumn one (25 pass).
-- (2025-03-30 00:00 CET = 03-29 23:00 UTC, 2025-03-31 00:00 CEST = 03-30 22:00 UTC)
SELECT is(complaint.worktime_between('2025-03-30 00:00+01', '2025-03-31 00:00+02', 'BER247'), interval '24:00:00',
		  'BER247: the spring DST day counts 24 wall-clock working hours');
SELECT is(complaint.worktime_between('2025-10-26 00:00+02', '2025-10-27 00:00+01', 'BER247'), interval '24:00:00',
		  'BER247: the autumn DST day counts 24 wall-clock working hours');
SELECT is(complaint.add_worktime('2025-03-30 00:00+01', '24 hours', 'BER247'), '2025-03-31 00:00+02'::timestamptz,
		  'BER247: 24 working hours from 2025-03-30 00:00 end at the next local midnight');
SELECT is(complaint.add_workdays('2025-03-29 02:30+01'::timestamptz, 1, 'BER247'),
		  '2025-03-30 02:30'::timestamp AT TIME ZONE 'Europe/Berlin',
		  'BER247: a local time that does not exist on the target day (02:30 on 2025-03-30) is read as PostgreSQL reads it');
SELECT is(complaint.worktime_between('2025-04-01 00:00+02', '2025-04-02 00:00+02', 'BER247'),
		  '2025-04-02 00:00+02'::timestamptz - '2025-04-01 00:00+02'::timestamptz,
		  'BER247: on a day without a DST change worktime_between equals elapsed time on a 24/7 calendar');

-- ---------------------------------------------------------------------------
-- working hours (CN: 09:00-12:00 and 13:30-17:30, Shanghai time)
-- ---------------------------------------------------------------------------
SELECT is(complaint.add_worktime('2024-03-04 09:00:00+08'::timestamptz, interval '03:00:00'), '2024-03-04 12:00:00+08'::timestamptz, '09:00 + 3 working hours = 12:00 (not 13:30)');
SELECT is(complaint.add_worktime('2024-03-04 11:00:00+08'::timestamptz, interval '02:00:00'), '2024-03-04 14:30:00+08'::timestamptz, '11:00 + 2 hours = 14:30, across lunch');
SELECT is(complaint.add_worktime('2024-03-04 12:30:00+08'::timestamptz, interval '01:00:00'), '2024-03-04 14:30:00+08'::timestamptz, 'starting during lunch: 12:30 + 1 hour = 14:30');
SELECT is(complaint.add_worktime('2024-03-04 12:00:00+08'::timestamptz, interval '00:01:00'), '2024-03-04 13:31:00+08'::timestamptz, '12:00 + 1 minute = 13:31');
SELECT is(complaint.add_worktime('2024-03-04 09:00:00+08'::timestamptz, interval '07:00:00'), '2024-03-04 17:30:00+08'::timestamptz, '09:00 + 7 hours = 17:30 the same day (a full working day)');
SELECT is(complaint.add_worktime('2024-03-04 12:00:00+08'::timestamptz, interval '07:00:00'), '2024-03-05 12:00:00+08'::timestamptz, '12:00 + 7 hours = 12:00 next day');
SELECT is(complaint.add_worktime('2024-03-05 17:00:00+08'::timestamptz, interval '01:00:00'), '2024-03-06 09:30:00+08'::timestamptz, 'overnight: Tuesday 17:00 + 1 hour = Wednesday 09:30');
SELECT is(complaint.add_worktime('2024-03-05 07:00:00+08'::timestamptz, interval '00:30:00'), '2024-03-05 09:30:00+08'::timestamptz, 'before opening: 07:00 + 30 minutes = 09:30');
SELECT is(complaint.add_worktime('2024-03-05 20:00:00+08'::timestamptz, interval '00:30:00'), '2024-03-06 09:30:00+08'::timestamptz, 'after closing: 20:00 + 30 minutes = next day 09:30');
SELECT is(complaint.add_worktime('2024-03-01 16:00:00+08'::timestamptz, interval '04:00:00'), '2024-03-04 11:30:00+08'::timestamptz, 'weekend: Friday 16:00 + 4 hours = Monday 11:30 (1.5 h Friday, 2.5 h Monday)');
SELECT is(complaint.add_worktime('2024-03-02 10:00:00+08'::timestamptz, interval '01:00:00'), '2024-03-04 10:00:00+08'::timestamptz, 'starting on Saturday: + 1 hour = Monday 10:00');
SELECT is(complaint.add_worktime('2024-03-04 09:00:00+08'::timestamptz, interval '35:00:00'), '2024-03-08 17:30:00+08'::timestamptz, 'Monday 09:00 + 35 hours = Friday 17:30');
SELECT is(complaint.add_worktime('2024-02-09 16:00:00+08'::timestamptz, interval '04:00:00'), '2024-02-18 11:30:00+08'::timestamptz, 'Spring Festival: Friday 2024-02-09 16:00 + 4 hours = make-up Sunday 2024-02-18 11:30 (Monday hours)');
SELECT is(complaint.add_worktime('2025-09-30 17:00:00+08'::timestamptz, interval '01:00:00'), '2025-10-09 09:30:00+08'::timestamptz, 'National Day: 2025-09-30 17:00 + 1 hour = 2025-10-09 09:30');
SELECT is(complaint.add_worktime('2025-10-10 17:00:00+08'::timestamptz, interval '01:00:00'), '2025-10-11 09:30:00+08'::timestamptz, 'Friday 2025-10-10 17:00 + 1 hour = make-up Saturday 2025-10-11 09:30');
SELECT is(complaint.add_worktime('2024-03-04 10:15:00+08'::timestamptz, interval '00:01:30'), '2024-03-04 10:16:30+08'::timestamptz, 'seconds count: 10:15 + 90 seconds = 10:16:30');
SELECT is(complaint.add_worktime('2024-03-04 10:00:00+08'::timestamptz, interval '00:00:00'), '2024-03-04 10:00:00+08'::timestamptz, 'amount 0 gives the start itself');
SELECT is(complaint.add_worktime('2024-03-09 10:00:00+08'::timestamptz, interval '00:00:00'), '2024-03-09 10:00:00+08'::timestamptz, 'amount 0 on a Saturday gives the start itself');
SELECT is(complaint.add_worktime('2024-03-04 01:00:00+00'::timestamptz, interval '01:00:00'), '2024-03-04 10:00:00+08'::timestamptz, '01:00 UTC is 09:00 in Shanghai: + 1 hour = 10:00+08');
-- negative amounts: the smallest instant with that much working time before the start
SELECT is(complaint.add_worktime('2024-03-04 10:30:00+08'::timestamptz, interval '-01:00:00'), '2024-03-04 09:30:00+08'::timestamptz, 'Monday 10:30 - 1 hour = 09:30');
SELECT is(complaint.add_worktime('2024-03-04 14:00:00+08'::timestamptz, interval '-01:00:00'), '2024-03-04 11:30:00+08'::timestamptz, '14:00 - 1 hour = 11:30, across lunch');
SELECT is(complaint.add_worktime('2024-03-04 14:30:00+08'::timestamptz, interval '-01:00:00'), '2024-03-04 13:30:00+08'::timestamptz, '14:30 - 1 hour = 13:30 (backwards lands on the opening, not the 12:00 close)');
SELECT is(complaint.add_worktime('2024-03-04 10:00:00+08'::timestamptz, interval '-01:00:00'), '2024-03-04 09:00:00+08'::timestamptz, 'Monday 10:00 - 1 hour = Monday 09:00 (the opening, not Friday 17:30)');
SELECT is(complaint.add_worktime('2024-03-04 09:30:00+08'::timestamptz, interval '-01:00:00'), '2024-03-01 17:00:00+08'::timestamptz, 'Monday 09:30 - 1 hour = Friday 17:00');
SELECT is(complaint.add_worktime('2024-03-04 08:00:00+08'::timestamptz, interval '-00:30:00'), '2024-03-01 17:00:00+08'::timestamptz, 'Monday 08:00 - 30 minutes = Friday 17:00');
SELECT is(complaint.add_worktime('2024-02-19 10:00:00+08'::timestamptz, interval '-03:00:00'), '2024-02-18 15:30:00+08'::timestamptz, 'Monday 2024-02-19 10:00 - 3 hours = make-up Sunday 2024-02-18 16:00');
-- worktime_between: hours, minutes and seconds only; negative when b < a
SELECT is(complaint.worktime_between('2024-03-01 16:00:00+08'::timestamptz, '2024-03-04 11:30:00+08'::timestamptz), interval '04:00:00', 'Friday 16:00 -> Monday 11:30: 4 hours');
SELECT is(complaint.worktime_between('2024-03-04 11:30:00+08'::timestamptz, '2024-03-01 16:00:00+08'::timestamptz), interval '-04:00:00', '... and -4 hours backwards');
SELECT is(complaint.worktime_between('2024-03-04 00:00:00+08'::timestamptz, '2024-03-11 00:00:00+08'::timestamptz), interval '35:00:00', 'a full week: 35 hours (not 1 day 11 hours)');
SELECT is(complaint.worktime_between('2024-03-04 00:00+08', '2024-03-11 00:00+08')::text, '35:00:00',
		  '... written as 35:00:00 (interval equality alone would accept 1 day 11:00:00)');
SELECT is(complaint.worktime_between('2024-03-11 00:00+08', '2024-03-04 00:00+08')::text, '-35:00:00',
		  '... and -35:00:00 backwards');
SELECT is(complaint.worktime_between('2024-03-04 12:00:00+08'::timestamptz, '2024-03-04 13:30:00+08'::timestamptz), interval '00:00:00', 'lunch has no working time');
SELECT is(complaint.worktime_between('2024-03-04 11:00:00+08'::timestamptz, '2024-03-04 14:00:00+08'::timestamptz), interval '01:30:00', '11:00 -> 14:00: 1.5 hours');
SELECT is(complaint.worktime_between('2024-03-09 00:00:00+08'::timestamptz, '2024-03-11 00:00:00+08'::timestamptz), interval '00:00:00', 'a weekend has no working time');
SELECT is(complaint.worktime_between('2024-02-09 00:00:00+08'::timestamptz, '2024-02-19 00:00:00+08'::timestamptz), interval '14:00:00', '2024-02-09 .. 02-18: two working days, 14 hours');
SELECT is(complaint.worktime_between('2025-10-01 00:00:00+08'::timestamptz, '2025-10-09 00:00:00+08'::timestamptz), interval '00:00:00', 'National Day 2025 break: no working time');
SELECT is(complaint.worktime_between('2024-01-01 00:00:00+08'::timestamptz, '2025-01-01 00:00:00+08'::timestamptz), interval '1757:00:00', 'all of 2024: 251 working days x 7 hours');
SELECT is(complaint.worktime_between('2024-03-04 10:00:00+08'::timestamptz, '2024-03-04 10:00:00+08'::timestamptz), interval '00:00:00', 'a = b: zero');
SELECT is(complaint.worktime_between('2024-03-04 10:00:00+08'::timestamptz, '2024-03-04 10:00:01+08'::timestamptz), interval '00:00:01', 'one second');

-- ---------------------------------------------------------------------------
-- day_end: the close of the last working interval, or 24:00 on a day without working hours
-- ---------------------------------------------------------------------------
SELECT is(complaint.day_end(date '2024-03-04'), '2024-03-04 17:30:00+08'::timestamptz, 'Monday 2024-03-04 ends at 17:30');
SELECT is(complaint.day_end(date '2024-03-02'), '2024-03-03 00:00:00+08'::timestamptz, 'Saturday 2024-03-02 has no working hours: 24:00');
SELECT is(complaint.day_end(date '2024-02-12'), '2024-02-13 00:00:00+08'::timestamptz, 'holiday 2024-02-12: 24:00');
SELECT is(complaint.day_end(date '2024-02-18'), '2024-02-18 17:30:00+08'::timestamptz, 'make-up Sunday 2024-02-18 works Monday''s hours: 17:30');
SELECT is(complaint.day_end(date '2027-03-01'), '2027-03-01 17:30:00+08'::timestamptz, 'beyond the data, Monday 2027-03-01: 17:30');

-- ---------------------------------------------------------------------------
-- exception days with their own hours: make-up Sunday 2024-02-04 works
-- 09:00-12:00 only (rolled back with the rest of this file)
-- ---------------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO complaint.calendar_day_hours (calendar, day, starts, ends) VALUES ('CN', '2024-02-04', '09:00', '12:00')$$,
				'give the make-up Sunday 2024-02-04 its own hours');
SELECT is(complaint.add_worktime('2024-02-02 17:00:00+08'::timestamptz, interval '01:00:00'), '2024-02-04 09:30:00+08'::timestamptz, 'Friday 2024-02-02 17:00 + 1 hour = make-up Sunday 09:30');
SELECT is(complaint.add_worktime('2024-02-04 11:00:00+08'::timestamptz, interval '02:00:00'), '2024-02-05 10:00:00+08'::timestamptz, '2024-02-04 11:00 + 2 hours = Monday 2024-02-05 10:00 (the Sunday closes at 12:00)');
SELECT is(complaint.worktime_between('2024-02-04 00:00:00+08'::timestamptz, '2024-02-05 00:00:00+08'::timestamptz), interval '03:00:00', '2024-02-04 has 3 working hours');
SELECT is(complaint.day_end(date '2024-02-04'), '2024-02-04 12:00:00+08'::timestamptz, '... and ends at 12:00');
SELECT is(complaint.day_end(date '2024-02-18'), '2024-02-18 17:30:00+08'::timestamptz, 'the other make-up Sunday still works Monday''s hours');

-- ---------------------------------------------------------------------------
-- a working weekday without hours rows is a working day without working time
-- ---------------------------------------------------------------------------
SELECT is(complaint.is_workday(date '2024-03-08', 'NOFRI'), true, 'NOFRI: Friday is a working day');
SELECT is(complaint.add_workdays(date '2024-03-07', 1, 'NOFRI'), date '2024-03-08', 'NOFRI: Thursday + 1 working day = Friday');
SELECT is(complaint.add_worktime('2024-03-07 16:00:00+08'::timestamptz, interval '02:00:00', 'NOFRI'), '2024-03-11 10:00:00+08'::timestamptz, 'NOFRI: Thursday 16:00 + 2 working hours = Monday 10:00 (Friday has no hours)');
SELECT is(complaint.day_end(date '2024-03-08', 'NOFRI'), '2024-03-09 00:00:00+08'::timestamptz, 'NOFRI: Friday has no working hours: ends 24:00');

SELECT * FROM finish();
ROLLBACK;
