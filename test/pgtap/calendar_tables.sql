-- test/pgtap/calendar_tables.sql
--	  The calendar tables: their structure, the built-in CN calendar, calendars
--	  users create with plain SQL (a 24/7 hospital desk, a branch that works
--	  Saturdays, Hong Kong, a calendar with no working weekday) and every bad
--	  input, each shown with its SQLSTATE and with proof that nothing was
--	  written.  Everything runs in one transaction that is rolled back.
--
--	  Run from the repository root (make pgtap): it reads data/cn_holidays.csv
--	  with \copy to compare the loaded CN rows with the data file.
--
--	  Expected values were worked out by hand and checked with an independent
--	  Python model of the calendar rule over data/cn_holidays.csv.

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL timezone = 'UTC';

SELECT plan(198);

-- ---------------------------------------------------------------------------
-- structure
-- ---------------------------------------------------------------------------
SELECT has_schema('complaint');
SELECT has_table('complaint', 'calendar', 'table complaint.calendar exists');
SELECT has_table('complaint', 'calendar_hours', 'table complaint.calendar_hours exists');
SELECT has_table('complaint', 'calendar_day', 'table complaint.calendar_day exists');
SELECT has_table('complaint', 'calendar_day_hours', 'table complaint.calendar_day_hours exists');

SELECT has_column('complaint', 'calendar', c, 'calendar.' || c || ' exists')
  FROM unnest(ARRAY['name', 'time_zone', 'work_weekdays', 'official_from', 'official_until', 'description']) c;
SELECT has_column('complaint', 'calendar_hours', c, 'calendar_hours.' || c || ' exists')
  FROM unnest(ARRAY['calendar', 'isodow', 'starts', 'ends']) c;
SELECT has_column('complaint', 'calendar_day', c, 'calendar_day.' || c || ' exists')
  FROM unnest(ARRAY['calendar', 'day', 'kind', 'name']) c;
SELECT has_column('complaint', 'calendar_day_hours', c, 'calendar_day_hours.' || c || ' exists')
  FROM unnest(ARRAY['calendar', 'day', 'starts', 'ends']) c;

SELECT col_type_is('complaint', 'calendar', 'time_zone', 'text', 'calendar.time_zone is text');
SELECT col_type_is('complaint', 'calendar', 'work_weekdays', 'smallint[]', 'calendar.work_weekdays is smallint[]');
SELECT col_type_is('complaint', 'calendar', 'official_from', 'date', 'calendar.official_from is date');
SELECT col_type_is('complaint', 'calendar', 'official_until', 'date', 'calendar.official_until is date');
SELECT col_type_is('complaint', 'calendar_hours', 'isodow', 'smallint', 'calendar_hours.isodow is smallint');
SELECT col_type_is('complaint', 'calendar_hours', 'starts', 'time without time zone', 'calendar_hours.starts is time');
SELECT col_type_is('complaint', 'calendar_hours', 'ends', 'time without time zone', 'calendar_hours.ends is time');
SELECT col_type_is('complaint', 'calendar_day', 'day', 'date', 'calendar_day.day is date');
SELECT col_type_is('complaint', 'calendar_day', 'kind', 'complaint.day_kind', 'calendar_day.kind is complaint.day_kind');
SELECT col_type_is('complaint', 'calendar_day_hours', 'starts', 'time without time zone', 'calendar_day_hours.starts is time');

SELECT col_is_pk('complaint', 'calendar', ARRAY['name'], 'calendar: primary key (name)');
SELECT col_is_pk('complaint', 'calendar_hours', ARRAY['calendar', 'isodow', 'starts'], 'calendar_hours: primary key (calendar, isodow, starts)');
SELECT col_is_pk('complaint', 'calendar_day', ARRAY['calendar', 'day'], 'calendar_day: primary key (calendar, day)');
SELECT col_is_pk('complaint', 'calendar_day_hours', ARRAY['calendar', 'day', 'starts'], 'calendar_day_hours: primary key (calendar, day, starts)');

SELECT fk_ok('complaint', 'calendar_hours', ARRAY['calendar'], 'complaint', 'calendar', ARRAY['name'],
			 'calendar_hours.calendar references calendar.name');
SELECT fk_ok('complaint', 'calendar_day', ARRAY['calendar'], 'complaint', 'calendar', ARRAY['name'],
			 'calendar_day.calendar references calendar.name');
SELECT fk_ok('complaint', 'calendar_day_hours', ARRAY['calendar', 'day'], 'complaint', 'calendar_day', ARRAY['calendar', 'day'],
			 'calendar_day_hours (calendar, day) references calendar_day');

SELECT has_enum('complaint', 'day_kind', 'enum complaint.day_kind exists');
SELECT enum_has_labels('complaint', 'day_kind', ARRAY['holiday', 'workday'], 'day_kind is holiday, workday');

SELECT has_function('complaint', 'is_workday', ARRAY['date', 'text']);
SELECT has_function('complaint', 'add_workdays', ARRAY['date', 'integer', 'text']);
SELECT has_function('complaint', 'add_workdays', ARRAY['timestamp with time zone', 'integer', 'text']);
SELECT has_function('complaint', 'workdays_between', ARRAY['date', 'date', 'text']);
SELECT has_function('complaint', 'next_workday', ARRAY['date', 'text']);
SELECT has_function('complaint', 'add_worktime', ARRAY['timestamp with time zone', 'interval', 'text']);
SELECT has_function('complaint', 'worktime_between', ARRAY['timestamp with time zone', 'timestamp with time zone', 'text']);
SELECT has_function('complaint', 'day_end', ARRAY['date', 'text']);
SELECT function_returns('complaint', 'add_workdays', ARRAY['date', 'integer', 'text'], 'date');
SELECT function_returns('complaint', 'add_workdays', ARRAY['timestamp with time zone', 'integer', 'text'], 'timestamp with time zone');
SELECT function_returns('complaint', 'worktime_between', ARRAY['timestamp with time zone', 'timestamp with time zone', 'text'], 'interval');

-- the calendar argument defaults to CN
SELECT is(complaint.is_workday('2024-02-12'), complaint.is_workday('2024-02-12', 'CN'), 'is_workday defaults to CN');
SELECT is(complaint.add_workdays(date '2024-02-09', 1), date '2024-02-18', 'add_workdays defaults to CN');

-- ---------------------------------------------------------------------------
-- the built-in CN calendar
-- ---------------------------------------------------------------------------
SELECT is((SELECT time_zone FROM complaint.calendar WHERE name = 'CN'), 'Asia/Shanghai', 'CN is in Asia/Shanghai');
SELECT is((SELECT work_weekdays FROM complaint.calendar WHERE name = 'CN'), '{1,2,3,4,5}'::smallint[], 'CN works Monday to Friday');
SELECT is((SELECT official_from FROM complaint.calendar WHERE name = 'CN'), date '2004-01-01', 'CN is official from 2004-01-01');
SELECT is((SELECT official_until FROM complaint.calendar WHERE name = 'CN'), date '2026-12-31', 'CN is official until 2026-12-31');
SELECT results_eq(
	$$SELECT isodow::int, starts, ends FROM complaint.calendar_hours WHERE calendar = 'CN' ORDER BY 1, 2$$,
	$$SELECT d, s::time, e::time FROM generate_series(1, 5) d,
			 (VALUES ('09:00', '12:00'), ('13:30', '17:30')) h(s, e) ORDER BY 1, 2$$,
	'CN works 09:00-12:00 and 13:30-17:30, Monday to Friday, and no other hours');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'CN'), 768::bigint, 'CN has 768 dated exceptions');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'CN' AND kind = 'holiday'), 617::bigint, '617 of them are holidays');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'CN' AND kind = 'workday'), 151::bigint, '151 of them are make-up working days');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'CN' AND kind = 'holiday'
			AND extract(isodow FROM day) <= 5), 407::bigint, '407 holidays fall on Monday to Friday');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'CN' AND kind = 'workday'
			AND extract(isodow FROM day) <= 5), 0::bigint, 'every make-up working day is a Saturday or a Sunday');
SELECT is((SELECT min(day) || ' .. ' || max(day) FROM complaint.calendar_day WHERE calendar = 'CN'),
		  '2004-01-01 .. 2026-10-10', 'CN exceptions run from 2004-01-01 to 2026-10-10');
SELECT is((SELECT count(*) FROM complaint.calendar_day_hours WHERE calendar = 'CN'), 0::bigint,
		  'CN has no special hours on exception days');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'CN' AND builtin), 768::bigint,
		  'the 768 CN exceptions are marked builtin (pg_dump leaves them to CREATE EXTENSION)');
SELECT ok((SELECT builtin FROM complaint.calendar WHERE name = 'CN')
		  AND (SELECT bool_and(builtin) FROM complaint.calendar_hours WHERE calendar = 'CN'),
		  'the CN calendar row and its hours are marked builtin');

CREATE TEMP TABLE csv (day date, kind text, name text) ON COMMIT DROP;
\copy csv FROM 'data/cn_holidays.csv' WITH (FORMAT csv, HEADER true)
SELECT set_eq(
	$$SELECT day, kind::text, name FROM complaint.calendar_day WHERE calendar = 'CN'$$,
	$$SELECT day, kind, name FROM csv$$,
	'CN calendar_day rows are exactly the rows of data/cn_holidays.csv');

-- ---------------------------------------------------------------------------
-- calendars users create with plain SQL
-- ---------------------------------------------------------------------------

-- a hospital emergency desk: every day, around the clock, no holidays
SELECT lives_ok($$
	INSERT INTO complaint.calendar (name, time_zone, work_weekdays, description)
		VALUES ('ER', 'Asia/Shanghai', '{1,2,3,4,5,6,7}', 'emergency desk, 24/7');
	INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
		SELECT 'ER', d, '00:00', '24:00' FROM generate_series(1, 7) d;
$$, 'a 24/7 emergency desk calendar is created with plain SQL');
SELECT is(complaint.is_workday('2024-02-12', 'ER'), true, 'ER: Spring Festival Monday is a working day');
SELECT is(complaint.add_workdays(date '2024-02-09', 1, 'ER'), date '2024-02-10', 'ER: the day after Friday is Saturday');
SELECT is(complaint.add_worktime('2024-02-10 23:00+08', '2 hours', 'ER'), '2024-02-11 01:00+08'::timestamptz,
		  'ER: working time runs through midnight');
SELECT is(complaint.worktime_between('2024-02-09 00:00+08', '2024-02-12 06:00+08', 'ER'), interval '78:00:00',
		  'ER: working time is elapsed time (78 hours, not 3 days 6 hours)');
SELECT is(complaint.day_end('2024-02-10', 'ER'), '2024-02-11 00:00+08'::timestamptz, 'ER: a day ends at 24:00');

-- a branch that also works Saturday mornings and keeps the official holidays
-- from 2024 but none of the make-up working days
SELECT lives_ok($$
	INSERT INTO complaint.calendar (name, time_zone, work_weekdays, description)
		VALUES ('SAT', 'Asia/Shanghai', '{1,2,3,4,5,6}', 'branch open Saturday mornings');
	INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
		SELECT 'SAT', d, time '09:00', time '17:00' FROM generate_series(1, 5) d
		UNION ALL SELECT 'SAT', 6, '09:00', '12:00';
	INSERT INTO complaint.calendar_day (calendar, day, kind, name)
		SELECT 'SAT', day, kind, name FROM complaint.calendar_day
		 WHERE calendar = 'CN' AND kind = 'holiday' AND day >= '2024-01-01';
$$, 'a branch working Saturday mornings is created with plain SQL');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'SAT'), 89::bigint, 'SAT: 89 holidays copied from CN');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'SAT' AND builtin), 0::bigint,
		  'SAT: rows users add are not builtin, even when copied from CN');
SELECT is(complaint.is_workday('2024-03-02', 'SAT'), true, 'SAT: an ordinary Saturday is a working day');
SELECT is(complaint.is_workday('2024-02-10', 'SAT'), false, 'SAT: a Saturday holiday is not');
SELECT is(complaint.add_workdays(date '2024-03-01', 1, 'SAT'), date '2024-03-02', 'SAT: Friday + 1 working day = Saturday');
SELECT is(complaint.add_workdays(date '2024-02-09', 1, 'SAT'), date '2024-02-19',
		  'SAT: Sunday 2024-02-18 is not a working day here (only CN holidays were copied)');
SELECT is(complaint.add_worktime('2024-03-01 16:00+08', '2 hours', 'SAT'), '2024-03-02 10:00+08'::timestamptz,
		  'SAT: Friday 16:00 + 2 working hours = Saturday 10:00');
SELECT is(complaint.add_worktime('2024-03-02 11:00+08', '2 hours', 'SAT'), '2024-03-04 10:00+08'::timestamptz,
		  'SAT: Saturday 11:00 + 2 working hours = Monday 10:00');
SELECT is(complaint.day_end('2024-03-02', 'SAT'), '2024-03-02 12:00+08'::timestamptz, 'SAT: Saturday ends at 12:00');

-- Hong Kong: its own time zone, hours and a few 2024 public holidays
SELECT lives_ok($$
	INSERT INTO complaint.calendar (name, time_zone, description)
		VALUES ('HK', 'Asia/Hong_Kong', 'Hong Kong office');
	INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
		SELECT 'HK', d, s::time, e::time FROM generate_series(1, 5) d,
			   (VALUES ('09:00', '13:00'), ('14:00', '18:00')) h(s, e);
	INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES
		('HK', '2024-02-10', 'holiday', 'Lunar New Year''s Day'),
		('HK', '2024-02-12', 'holiday', 'The third day of Lunar New Year'),
		('HK', '2024-02-13', 'holiday', 'The fourth day of Lunar New Year'),
		('HK', '2024-03-29', 'holiday', 'Good Friday'),
		('HK', '2024-03-30', 'holiday', 'The day following Good Friday'),
		('HK', '2024-04-01', 'holiday', 'Easter Monday'),
		('HK', '2024-04-04', 'holiday', 'Ching Ming Festival');
$$, 'a Hong Kong calendar is created with plain SQL');
SELECT is((SELECT work_weekdays FROM complaint.calendar WHERE name = 'HK'), '{1,2,3,4,5}'::smallint[],
		  'work_weekdays defaults to Monday-Friday');
SELECT is(complaint.add_workdays(date '2024-02-09', 1, 'HK'), date '2024-02-14', 'HK: Friday 2024-02-09 + 1 = Wednesday 2024-02-14');
SELECT is(complaint.is_workday('2024-02-18', 'HK'), false, 'HK: Sunday 2024-02-18 is not a make-up day in Hong Kong');
SELECT is(complaint.add_worktime('2024-02-09 17:00+08', '2 hours', 'HK'), '2024-02-14 10:00+08'::timestamptz,
		  'HK: Friday 17:00 + 2 working hours = Wednesday 10:00');
SELECT is(complaint.worktime_between('2024-02-05 00:00+08', '2024-02-19 00:00+08', 'HK'), interval '64:00:00',
		  'HK: 8 working days of 8 hours in 2024-02-05 .. 02-18');

-- no working weekday at all: allowed; arithmetic works inside its exceptions
-- and refuses with 22023 when it would need a working day outside them
SELECT lives_ok($$
	INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('NONE', '{}');
	INSERT INTO complaint.calendar_day (calendar, day, kind) VALUES ('NONE', '2025-05-10', 'workday');
$$, 'a calendar with no working weekday is allowed');
SELECT is(complaint.is_workday('2025-05-12', 'NONE'), false, 'NONE: a Monday is not a working day');
SELECT is(complaint.is_workday('2025-05-10', 'NONE'), true, 'NONE: its one make-up day is');
SELECT is(complaint.add_workdays(date '2025-05-01', 1, 'NONE'), date '2025-05-10', 'NONE: the next working day is the make-up day');
SELECT is(complaint.add_workdays(date '2025-06-01', -1, 'NONE'), date '2025-05-10', 'NONE: and backwards too');
SELECT is(complaint.workdays_between('2000-01-01', '2030-12-31', 'NONE'), 1, 'NONE: one working day in 31 years');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2025-05-01', 2, 'NONE')$$, '22023', NULL,
				 'NONE: a second working day does not exist (22023)');
SELECT throws_ok($$SELECT complaint.next_workday('2025-05-10', 'NONE')$$, '22023', NULL,
				 'NONE: no working day after the last exception (22023)');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2025-05-10', -1, 'NONE')$$, '22023', NULL,
				 'NONE: no working day before the first exception (22023)');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2025-05-11', -2, 'NONE')$$, '22023', NULL,
				 'NONE: only one working day before 2025-05-11, so n = -2 has none (22023)');
SELECT throws_ok($$SELECT complaint.add_worktime('2025-05-01 10:00+08', '1 hour', 'NONE')$$, '22023', NULL,
				 'NONE: no working hours at all, forwards (22023)');
SELECT throws_ok($$SELECT complaint.add_worktime('2025-05-01 10:00+08', '-1 hour', 'NONE')$$, '22023', NULL,
				 'NONE: no working hours at all, backwards (22023)');
SELECT is(complaint.day_end('2025-05-10', 'NONE'), '2025-05-11 00:00+08'::timestamptz,
		  'NONE: its make-up day has no hours to borrow (no weekday has any): it ends at 24:00');

-- working weekdays but no working hours: days count, hours do not
SELECT lives_ok($$INSERT INTO complaint.calendar (name) VALUES ('NOHOURS')$$, 'a calendar without working hours is allowed');
SELECT is(complaint.add_workdays(date '2025-05-01', 3, 'NOHOURS'), date '2025-05-06', 'NOHOURS: working days still count');
SELECT is(complaint.worktime_between('2025-05-01 10:00+08', '2025-06-01 10:00+08', 'NOHOURS'), interval '0',
		  'NOHOURS: no working time in a month');
SELECT throws_ok($$SELECT complaint.add_worktime('2025-05-01 10:00+08', '1 hour', 'NOHOURS')$$, '22023', NULL,
				 'NOHOURS: add_worktime forwards (22023)');
SELECT throws_ok($$SELECT complaint.add_worktime('2025-05-01 10:00+08', '-1 hour', 'NOHOURS')$$, '22023', NULL,
				 'NOHOURS: add_worktime backwards (22023)');
SELECT lives_ok($$
	INSERT INTO complaint.calendar_day VALUES ('NOHOURS', '2025-05-10', 'workday', 'one hour of work');
	INSERT INTO complaint.calendar_day_hours VALUES ('NOHOURS', '2025-05-10', '09:00', '10:00');
$$, 'NOHOURS: one exception day with one working hour');
SELECT is(complaint.add_worktime('2025-05-01 10:00+08', '1 hour', 'NOHOURS'), '2025-05-10 10:00+08'::timestamptz,
		  'NOHOURS: the one working hour is found forwards');
SELECT is(complaint.add_worktime('2025-05-11 09:30+08', '-30 minutes', 'NOHOURS'), '2025-05-10 09:30+08'::timestamptz,
		  'NOHOURS: and backwards');
SELECT throws_ok($$SELECT complaint.add_worktime('2025-05-10 09:30+08', '-1 hour', 'NOHOURS')$$, '22023', NULL,
				 'NOHOURS: only 30 working minutes lie before 2025-05-10 09:30 (22023)');
SELECT throws_ok($$SELECT complaint.add_worktime('2025-05-01 10:00+08', '-1 hour', 'NOHOURS')$$, '22023', NULL,
				 'NOHOURS: no working time at all before 2025-05-01 (22023)');

-- renaming cascades and the new name works at once; the old one is gone
SELECT lives_ok($$UPDATE complaint.calendar SET name = 'HKG' WHERE name = 'HK'$$, 'a calendar can be renamed');
SELECT is(complaint.add_workdays(date '2024-02-09', 1, 'HKG'), date '2024-02-14', 'the renamed calendar keeps its days');
SELECT throws_ok($$SELECT complaint.is_workday('2024-02-09', 'HK')$$, '42704', 'calendar "HK" does not exist',
				 'the old name is unknown after a rename');
-- deleting cascades
SELECT lives_ok($$DELETE FROM complaint.calendar WHERE name = 'HKG'$$, 'a calendar can be deleted');
SELECT is((SELECT count(*) FROM complaint.calendar_day WHERE calendar = 'HKG')
		  + (SELECT count(*) FROM complaint.calendar_hours WHERE calendar = 'HKG'), 0::bigint,
		  'its hours and days go with it');
SELECT throws_ok($$SELECT complaint.is_workday('2024-02-09', 'HKG')$$, '42704', 'calendar "HKG" does not exist',
				 'a deleted calendar is unknown');

-- ---------------------------------------------------------------------------
-- bad input: each refused with a precise SQLSTATE, nothing written
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE counts ON COMMIT DROP AS
	SELECT (SELECT count(*) FROM complaint.calendar) AS cal,
		   (SELECT count(*) FROM complaint.calendar_hours) AS hours,
		   (SELECT count(*) FROM complaint.calendar_day) AS days,
		   (SELECT count(*) FROM complaint.calendar_day_hours) AS day_hours;
CREATE FUNCTION pg_temp.unchanged() RETURNS boolean LANGUAGE sql AS $$
	SELECT (SELECT count(*) FROM complaint.calendar) = cal
	   AND (SELECT count(*) FROM complaint.calendar_hours) = hours
	   AND (SELECT count(*) FROM complaint.calendar_day) = days
	   AND (SELECT count(*) FROM complaint.calendar_day_hours) = day_hours
	  FROM counts
$$;

-- unknown time zone
SELECT throws_ok($$INSERT INTO complaint.calendar (name, time_zone) VALUES ('MARS', 'Mars/Olympus_Mons')$$,
				 '22023', NULL, 'unknown time zone on insert: 22023');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$UPDATE complaint.calendar SET time_zone = 'Asia/Beijing' WHERE name = 'CN'$$,
				 '22023', NULL, 'unknown time zone on update: 22023');
SELECT is((SELECT time_zone FROM complaint.calendar WHERE name = 'CN'), 'Asia/Shanghai', '... and CN keeps its zone');
SELECT throws_ok($$INSERT INTO complaint.calendar (name, time_zone) VALUES ('EMPTYTZ', '')$$,
				 '22023', NULL, 'empty time zone: 22023');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');

-- empty name, bad weekdays, inverted official range
SELECT throws_ok($$INSERT INTO complaint.calendar (name) VALUES ('')$$, '23514', NULL, 'empty calendar name: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('W0', '{0,1,2}')$$,
				 '23514', NULL, 'weekday 0 in work_weekdays: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('W8', '{1,8}')$$,
				 '23514', NULL, 'weekday 8 in work_weekdays: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$UPDATE complaint.calendar SET work_weekdays = '{1,2,3,4,5,8}' WHERE name = 'CN'$$,
				 '23514', NULL, 'weekday 8 set on CN: 23514');
SELECT is((SELECT work_weekdays FROM complaint.calendar WHERE name = 'CN'), '{1,2,3,4,5}'::smallint[], '... and CN is unchanged');
SELECT throws_ok($$INSERT INTO complaint.calendar (name, work_weekdays) VALUES ('WNULL', '{1,NULL}')$$,
				 '23514', NULL, 'NULL weekday in work_weekdays: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar (name, official_from, official_until) VALUES ('OFF', '2025-01-01', '2024-12-31')$$,
				 '23514', NULL, 'official_from after official_until: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 0, '09:00', '10:00')$$,
				 '23514', NULL, 'isodow 0 in calendar_hours: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');

-- inverted hours
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 6, '17:00', '09:00')$$,
				 '23514', NULL, 'inverted working hours: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 6, '09:00', '09:00')$$,
				 '23514', NULL, 'empty working hours (starts = ends): 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_day_hours VALUES ('CN', '2024-02-04', '12:00', '08:00')$$,
				 '23514', NULL, 'inverted hours on an exception day: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');

-- overlapping hours, on a weekday and on an exception day, by insert and update
SELECT throws_like($$INSERT INTO complaint.calendar_hours VALUES ('CN', 1, '11:00', '14:00')$$,
				   '%overlapping working hours%', 'hours overlapping both CN Monday intervals are refused');
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 1, '11:00', '14:00')$$,
				 '22023', NULL, '... with 22023');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 2, '17:00', '18:00')$$,
				 '22023', NULL, 'hours overlapping the end of an interval: 22023');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 3, '10:00', '11:00')$$,
				 '22023', NULL, 'hours inside another interval: 22023');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('CN', 1, '09:00', '10:00')$$,
				 '23505', NULL, 'a second interval starting at the same time: 23505');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$UPDATE complaint.calendar_hours SET ends = '14:00' WHERE calendar = 'CN' AND isodow = 4 AND starts = '09:00'$$,
				 '22023', NULL, 'an update that makes two intervals overlap: 22023');
SELECT is((SELECT ends FROM complaint.calendar_hours WHERE calendar = 'CN' AND isodow = 4 AND starts = '09:00'), time '12:00',
		  '... and the row is unchanged');
SELECT throws_like($$
	INSERT INTO complaint.calendar (name) VALUES ('OVL');
	INSERT INTO complaint.calendar_hours VALUES ('OVL', 1, '08:00', '12:00'), ('OVL', 1, '11:59', '18:00');
$$, '%overlapping working hours%', 'overlapping intervals inserted by one statement are refused');
SELECT ok(pg_temp.unchanged(), '... and nothing was written, not even the calendar row of the same block');
SELECT throws_ok($$
	INSERT INTO complaint.calendar_day_hours VALUES ('CN', '2024-02-04', '09:00', '12:00'), ('CN', '2024-02-04', '10:00', '11:00')
$$, '22023', NULL, 'overlapping hours on one exception day: 22023');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT lives_ok($$INSERT INTO complaint.calendar_day_hours VALUES ('CN', '2024-02-04', '09:00', '12:00'), ('CN', '2024-02-04', '12:00', '13:00')$$,
				'touching intervals (09:00-12:00, 12:00-13:00) do not overlap');
SELECT is(complaint.worktime_between('2024-02-04 00:00+08', '2024-02-05 00:00+08'), interval '04:00:00',
		  '... and count as 4 working hours');
DELETE FROM complaint.calendar_day_hours WHERE calendar = 'CN';

-- a day listed twice
SELECT throws_ok($$INSERT INTO complaint.calendar_day VALUES ('CN', '2024-02-12', 'workday', 'twice')$$,
				 '23505', NULL, 'a day listed twice: 23505');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_day VALUES ('SAT', '2030-01-01', 'holiday'), ('SAT', '2030-01-01', 'workday')$$,
				 '23505', NULL, 'a day listed twice in one statement: 23505');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_day VALUES ('CN', 'infinity', 'holiday')$$,
				 '23514', NULL, 'an infinite day: 23514');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');

-- rows for calendars or days that do not exist
SELECT throws_ok($$INSERT INTO complaint.calendar_hours VALUES ('XX', 1, '09:00', '10:00')$$,
				 '23503', NULL, 'hours for an unknown calendar: 23503');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');
SELECT throws_ok($$INSERT INTO complaint.calendar_day_hours VALUES ('CN', '2024-03-04', '09:00', '10:00')$$,
				 '23503', NULL, 'hours for a day that is not an exception: 23503');
SELECT ok(pg_temp.unchanged(), '... and nothing was written');

-- unknown calendar in every function: 42704
SELECT throws_ok($$SELECT complaint.is_workday('2024-01-01', 'XX')$$, '42704', 'calendar "XX" does not exist', 'is_workday: unknown calendar');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2024-01-01', 1, 'XX')$$, '42704', 'calendar "XX" does not exist', 'add_workdays(date): unknown calendar');
SELECT throws_ok($$SELECT complaint.add_workdays(timestamptz '2024-01-01 10:00+08', 1, 'XX')$$, '42704', 'calendar "XX" does not exist', 'add_workdays(timestamptz): unknown calendar');
SELECT throws_ok($$SELECT complaint.workdays_between('2024-01-01', '2024-02-01', 'XX')$$, '42704', 'calendar "XX" does not exist', 'workdays_between: unknown calendar');
SELECT throws_ok($$SELECT complaint.next_workday('2024-01-01', 'XX')$$, '42704', 'calendar "XX" does not exist', 'next_workday: unknown calendar');
SELECT throws_ok($$SELECT complaint.add_worktime('2024-01-01 10:00+08', '1 hour', 'XX')$$, '42704', 'calendar "XX" does not exist', 'add_worktime: unknown calendar');
SELECT throws_ok($$SELECT complaint.worktime_between('2024-01-01 10:00+08', '2024-01-02 10:00+08', 'XX')$$, '42704', 'calendar "XX" does not exist', 'worktime_between: unknown calendar');
SELECT throws_ok($$SELECT complaint.day_end('2024-01-01', 'XX')$$, '42704', 'calendar "XX" does not exist', 'day_end: unknown calendar');
SELECT throws_ok($$SELECT complaint.is_workday('2024-01-01', 'cn')$$, '42704', 'calendar "cn" does not exist', 'calendar names are case-sensitive');
SELECT throws_ok($$SELECT complaint.is_workday('2024-01-01', '')$$, '42704', 'calendar "" does not exist', 'the empty name is unknown');
SELECT is(complaint.is_workday('2024-01-01', NULL), NULL, 'a NULL calendar gives NULL (strict functions)');

-- results outside PostgreSQL's date range: 22008
SELECT throws_ok($$SELECT complaint.add_workdays(date '5874897-12-31', 1)$$, '22008', 'date out of range', 'add_workdays past the last date');
SELECT throws_ok($$SELECT complaint.next_workday(date '5874897-12-31')$$, '22008', 'date out of range', 'next_workday past the last date');
SELECT throws_ok($$SELECT complaint.add_workdays(date '4714-11-24 BC', -1)$$, '22008', 'date out of range', 'add_workdays before the first date');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2024-01-01', 2147483647)$$, '22008', 'date out of range', 'add_workdays with n = 2^31 - 1');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2024-01-01', -2147483648)$$, '22008', 'date out of range', 'add_workdays with n = -2^31');
SELECT throws_ok($$SELECT complaint.add_workdays(date '2024-01-01', 2147483647, 'ER')$$, '22008', 'date out of range', 'add_workdays with n = 2^31 - 1 on a 7-day calendar');
SELECT throws_ok($$SELECT complaint.add_workdays(timestamptz '294276-12-30 10:00+00', 3)$$, '22008', NULL, 'add_workdays(timestamptz) past the last timestamp');
SELECT throws_ok($$SELECT complaint.add_worktime(timestamptz '2024-01-01 10:00+08', '2000000000 hours')$$, '22008', NULL, 'add_worktime past the last timestamp');
SELECT throws_ok($$SELECT complaint.add_worktime(timestamptz '2024-01-01 10:00+08', '-2000000000 hours')$$, '22008', NULL, 'add_worktime before the first timestamp');

-- working time must be given in hours, minutes and seconds: 22023
SELECT throws_ok($$SELECT complaint.add_worktime('2024-03-04 09:00+08', '1 day')$$, '22023', NULL, 'add_worktime with a day component: 22023');
SELECT throws_ok($$SELECT complaint.add_worktime('2024-03-04 09:00+08', '1 mon')$$, '22023', NULL, 'add_worktime with a month component: 22023');
SELECT throws_ok($$SELECT complaint.add_worktime('2024-03-04 09:00+08', '1 day 2 hours')$$, '22023', NULL, 'add_worktime with days and hours: 22023');

-- nothing above changed the calendars
SELECT ok(pg_temp.unchanged(), 'the failed statements left every calendar table as it was');

SELECT * FROM finish();
ROLLBACK;
