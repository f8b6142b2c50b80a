-- test/pgtap/cn_calendar.sql
--	  Oracle test of the built-in CN calendar over every date from 2004-01-01
--	  to 2027-12-31 (the official years plus one year of weekly pattern only).
--
--	  The oracle is computed here in plain SQL from the rows of
--	  data/cn_holidays.csv (read with \copy, so run this from the repository
--	  root), without calling the extension's functions:
--		working day <=> listed as 'workday'
--						OR (Monday-Friday AND not listed as 'holiday')
--	  and a running count of working days (an ordinal) gives the expected
--	  add_workdays and workdays_between results.  The yearly totals written
--	  out as numbers were counted independently with a Python model of the
--	  same rule over the same file.

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;

CREATE TEMP TABLE csv (day date, kind text, name text) ON COMMIT DROP;
\copy csv FROM 'data/cn_holidays.csv' WITH (FORMAT csv, HEADER true)

-- oracle over 2003 .. 2028 so that +-30 working days from any tested date stay inside
CREATE TEMP TABLE oracle ON COMMIT DROP AS
	SELECT g::date AS day,
		   (c.kind = 'workday'
			OR (extract(isodow FROM g) BETWEEN 1 AND 5 AND c.kind IS DISTINCT FROM 'holiday')) IS TRUE AS work
	  FROM generate_series(date '2003-01-01', date '2028-12-31', interval '1 day') g
	  LEFT JOIN csv c ON c.day = g::date;
ALTER TABLE oracle ADD COLUMN ord integer;
UPDATE oracle o SET ord = x.ord
  FROM (SELECT day, count(*) FILTER (WHERE work) OVER (ORDER BY day) AS ord FROM oracle) x
 WHERE x.day = o.day;
CREATE UNIQUE INDEX ON oracle (day);
CREATE INDEX ON oracle (ord) WHERE work;
ANALYZE oracle;

-- expected add_workdays(d, n) from the ordinal of d (working days <= d):
--	n > 0: the working day with ordinal ord(d) + n
--	n <= 0: the working day with ordinal ord(d) + n when d works (n = 0: d
--	itself), ord(d) + n + 1 when it does not
CREATE FUNCTION pg_temp.expected_add(d date, n integer) RETURNS date LANGUAGE sql STABLE AS $$
	SELECT w.day FROM oracle o JOIN oracle w
		ON w.work AND w.ord = o.ord + n + CASE WHEN n <= 0 AND NOT o.work THEN 1 ELSE 0 END
	 WHERE o.day = d
$$;

SELECT plan(23);

SELECT is((SELECT count(*) FROM csv), 768::bigint, 'data/cn_holidays.csv has 768 rows');

-- every single date
SELECT results_eq(
	$$SELECT day, complaint.is_workday(day) FROM oracle WHERE day BETWEEN '2004-01-01' AND '2027-12-31' ORDER BY day$$,
	$$SELECT day, work FROM oracle WHERE day BETWEEN '2004-01-01' AND '2027-12-31' ORDER BY day$$,
	'is_workday matches the rule on every date 2004-01-01 .. 2027-12-31');
SELECT results_eq(
	$$SELECT day, complaint.is_workday(day, 'CN') FROM oracle WHERE day < '2004-01-01' OR day > '2027-12-31' ORDER BY day$$,
	$$SELECT day, extract(isodow FROM day) <= 5 FROM oracle WHERE day < '2004-01-01' OR day > '2027-12-31' ORDER BY day$$,
	'outside the data (2003, 2028) only the weekly pattern applies');

-- every year and every month
SELECT results_eq(
	$$SELECT y, complaint.workdays_between(make_date(y - 1, 12, 31), make_date(y, 12, 31)) FROM generate_series(2003, 2028) y ORDER BY y$$,
	$$SELECT extract(year FROM day)::integer, (count(*) FILTER (WHERE work))::integer FROM oracle GROUP BY 1 ORDER BY 1$$,
	'workdays_between over each year 2003 .. 2028 equals the number of working days counted from the rule');
SELECT results_eq(
	$$SELECT m::date, complaint.workdays_between((m - interval '1 day')::date, (m + interval '1 month' - interval '1 day')::date)
		FROM generate_series(date '2004-01-01', date '2027-12-01', interval '1 month') m ORDER BY 1$$,
	$$SELECT date_trunc('month', day)::date, (count(*) FILTER (WHERE work))::integer FROM oracle
		WHERE day BETWEEN '2004-01-01' AND '2027-12-31' GROUP BY 1 ORDER BY 1$$,
	'workdays_between over each month 2004-01 .. 2027-12 equals the count from the rule');
SELECT results_eq(
	$$SELECT y, complaint.workdays_between(make_date(y, 12, 31), make_date(y - 1, 12, 31)) FROM generate_series(2004, 2027) y ORDER BY y$$,
	$$SELECT extract(year FROM day)::integer, -(count(*) FILTER (WHERE work))::integer FROM oracle
		WHERE day BETWEEN '2004-01-01' AND '2027-12-31' GROUP BY 1 ORDER BY 1$$,
	'workdays_between backwards over each year is the negated count');

-- yearly totals counted by hand / by the Python model
SELECT is(complaint.workdays_between('2003-12-31', '2004-12-31'), 252, '2004 has 252 working days');
SELECT is(complaint.workdays_between('2019-12-31', '2020-12-31'), 249, '2020 has 249 working days');
SELECT is(complaint.workdays_between('2022-12-31', '2023-12-31'), 249, '2023 has 249 working days');
SELECT is(complaint.workdays_between('2023-12-31', '2024-12-31'), 251, '2024 has 251 working days');
SELECT is(complaint.workdays_between('2024-12-31', '2025-12-31'), 248, '2025 has 248 working days');
SELECT is(complaint.workdays_between('2025-12-31', '2026-12-31'), 248, '2026 has 248 working days');
SELECT is(complaint.workdays_between('2026-12-31', '2027-12-31'), 261, '2027 (no data) has 261 Monday-Friday days');
SELECT is(complaint.workdays_between('2003-12-31', '2026-12-31'), 5745, '2004 .. 2026 together have 5745 working days');

-- add_workdays and next_workday on every date, for several n
SELECT is((SELECT count(*) FROM oracle o, unnest(ARRAY[-30, -5, -2, -1, 0, 1, 2, 3, 7, 10, 30]) n
			WHERE o.day BETWEEN '2004-01-01' AND '2027-12-31'
			  AND complaint.add_workdays(o.day, n) IS DISTINCT FROM pg_temp.expected_add(o.day, n)), 0::bigint,
		  'add_workdays(d, n) matches the ordinal oracle for every d in 2004 .. 2027 and n in -30, -5, -2, -1, 0, 1, 2, 3, 7, 10, 30');
SELECT is((SELECT count(*) FROM oracle o WHERE o.day BETWEEN '2004-01-01' AND '2027-12-31'
			  AND complaint.next_workday(o.day) IS DISTINCT FROM (SELECT min(w.day) FROM oracle w WHERE w.work AND w.day > o.day)), 0::bigint,
		  'next_workday(d) is the first working day after d, for every d in 2004 .. 2027');
SELECT is((SELECT count(*) FROM oracle a JOIN oracle b ON b.day = a.day + 40
			WHERE a.day BETWEEN '2004-01-01' AND '2027-11-01'
			  AND complaint.workdays_between(a.day, b.day) <> b.ord - a.ord), 0::bigint,
		  'workdays_between(d, d + 40) = difference of ordinals, for every d');
-- a self-check of the oracle function on dates checked by hand
SELECT is(pg_temp.expected_add('2024-02-09', 1), date '2024-02-18', 'oracle self-check: 2024-02-09 + 1 = 2024-02-18');
SELECT is(pg_temp.expected_add('2024-02-12', 0), date '2024-02-18', 'oracle self-check: 2024-02-12 + 0 = 2024-02-18');
SELECT is(pg_temp.expected_add('2024-02-12', -1), date '2024-02-09', 'oracle self-check: 2024-02-12 - 1 = 2024-02-09');

-- the whole date range: Monday-Friday days in (4714-11-24 BC, 5874897-12-31],
-- minus the 407 holidays on weekdays, plus the 151 make-up days.  The first date is
-- a Monday, so day j after it is Monday-Friday when j % 7 is 0 .. 4.
SELECT is(extract(isodow FROM date '4714-11-24 BC')::integer, 1, '4714-11-24 BC is a Monday (premise of the count below)');
SELECT is(complaint.workdays_between(date '4714-11-24 BC', date '5874897-12-31'),
		  (SELECT (n / 7) * 5 + least(n % 7, 4) - 407 + 151
			 FROM (SELECT date '5874897-12-31' - date '4714-11-24 BC' AS n) j),
		  'workdays_between over the whole date range (no overflow, no loop)');
SELECT is(complaint.workdays_between(date '5874897-12-31', date '4714-11-24 BC'),
		  -complaint.workdays_between(date '4714-11-24 BC', date '5874897-12-31'),
		  '... and backwards');

SELECT * FROM finish();
ROLLBACK;
