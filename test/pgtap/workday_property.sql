-- test/pgtap/workday_property.sql
--	  Property tests of the working-day and working-time arithmetic on the
--	  built-in CN calendar, over pseudo-random inputs (setseed makes every run
--	  draw the same ones):
--
--	  20,000 (d, n), d in 2000 .. 2035, n in -400 .. 400, plus 2,000 with n in
--	  -3 .. 3 so that n = 0 and n = +-1 are well covered.  With e =
--	  add_workdays(d, n) and w(d) = 1 when d is a working day, else 0:
--		n > 0:	workdays_between(d, e) = n
--		n = 0:	workdays_between(d, e) = 1 - w(d)			(e is d or the next working day)
--		n < 0:	workdays_between(d, e) = n + 1 - w(d)		(d itself is in (e, d])
--		is_workday(e); e > d for n > 0, e < d for n < 0, e >= d for n = 0
--		add_workdays(e, -n) = d when d works; otherwise the last working day
--		before d (n > 0) or the first one after d (n < 0)
--		add_workdays(d, n + 1) > add_workdays(d, n) for n <> 0; equal for n = 0
--		exactly when d does not work; add_workdays(d + 1, n) >= add_workdays(d, n)
--		add_workdays(add_workdays(d, n), m) = add_workdays(d, n + m) for n, m > 0
--		workdays_between is antisymmetric and additive
--	  and e equals an ordinal oracle computed in SQL from data/cn_holidays.csv
--	  (run from the repository root).
--
--	  2,000 (ts, amount), ts in 2000 .. 2035 on whole minutes, amount a
--	  non-zero number of seconds in -300 h .. 300 h.  With x =
--	  add_worktime(ts, amount) and working intervals computed in SQL from the
--	  CSV and the CN hours (a make-up day works Monday's hours):
--		worktime_between(ts, x) = amount, with no day or month part
--		the working time in [ts, x] from the interval oracle = |amount|
--		x is inside a working interval or at its close (x is the smallest
--		such instant), and a minute more moves it later
--		add_worktime(x, -amount) = ts when ts is inside a working interval or
--		at its close, else the close of the working interval before ts
--		worktime_between(a, b) equals the interval oracle for random pairs
--		(b within 60 days of a, either side)

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS complaint;
SET LOCAL timezone = 'Asia/Shanghai';

SELECT plan(25);

-- ---------------------------------------------------------------------------
-- oracles from the CSV
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE csv (day date, kind text, name text) ON COMMIT DROP;
\copy csv FROM 'data/cn_holidays.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE oracle ON COMMIT DROP AS
	SELECT g::date AS day,
		   (c.kind = 'workday'
			OR (extract(isodow FROM g) BETWEEN 1 AND 5 AND c.kind IS DISTINCT FROM 'holiday')) IS TRUE AS work
	  FROM generate_series(date '1998-01-01', date '2038-12-31', interval '1 day') g
	  LEFT JOIN csv c ON c.day = g::date;
ALTER TABLE oracle ADD COLUMN ord integer;
UPDATE oracle o SET ord = x.ord
  FROM (SELECT day, count(*) FILTER (WHERE work) OVER (ORDER BY day) AS ord FROM oracle) x
 WHERE x.day = o.day;
CREATE UNIQUE INDEX ON oracle (day);
CREATE INDEX ON oracle (ord) WHERE work;

-- working intervals in Shanghai time (UTC+8 all year, no DST since 1991)
CREATE TEMP TABLE iv ON COMMIT DROP AS
	SELECT tstzrange((o.day + h.s)::timestamp AT TIME ZONE 'Asia/Shanghai',
					 (o.day + h.e)::timestamp AT TIME ZONE 'Asia/Shanghai') AS r
	  FROM oracle o, (VALUES (time '09:00', time '12:00'), (time '13:30', time '17:30')) h(s, e)
	 WHERE o.work;
-- rc: the same interval open at its start and closed at its end, (starts, ends]
ALTER TABLE iv ADD COLUMN rc tstzrange;
UPDATE iv SET rc = tstzrange(lower(r), upper(r), '(]');
CREATE INDEX ON iv USING gist (r);
CREATE INDEX ON iv USING gist (rc);
CREATE INDEX ON iv (upper(r));
CREATE INDEX ON iv (lower(r));
ANALYZE oracle;
ANALYZE iv;

-- working seconds in [a, b] by the interval oracle
CREATE FUNCTION pg_temp.oracle_secs(a timestamptz, b timestamptz) RETURNS numeric LANGUAGE sql STABLE AS $$
	SELECT coalesce(sum(extract(epoch FROM upper(r * x) - lower(r * x))), 0)
	  FROM iv, tstzrange(least(a, b), greatest(a, b)) x
	 WHERE r && x
$$;

-- ---------------------------------------------------------------------------
-- working days
-- ---------------------------------------------------------------------------
SELECT setseed(0.2024);
CREATE TEMP TABLE r ON COMMIT DROP AS
	SELECT i, date '2000-01-01' + floor(random() * (date '2036-01-01' - date '2000-01-01'))::integer AS d,
		   CASE WHEN i <= 20000 THEN floor(random() * 801)::integer - 400
				ELSE floor(random() * 7)::integer - 3 END AS n,
		   floor(random() * 121)::integer - 60 AS m
	  FROM generate_series(1, 22000) i;
ALTER TABLE r ADD COLUMN e date, ADD COLUMN w boolean;
UPDATE r SET e = complaint.add_workdays(d, n), w = complaint.is_workday(d);

SELECT cmp_ok((SELECT count(*) FROM r WHERE n = 0), '>', 300::bigint, 'the sample has n = 0 cases');
SELECT is((SELECT count(*) FROM r WHERE e IS NULL), 0::bigint, 'add_workdays never returns NULL');
SELECT is((SELECT count(*) FROM r JOIN oracle o ON o.day = r.d WHERE r.w <> o.work), 0::bigint,
		  'is_workday(d) agrees with the oracle on every sampled d');
SELECT is((SELECT count(*) FROM r WHERE n > 0 AND complaint.workdays_between(d, e) <> n), 0::bigint,
		  'n > 0: workdays_between(d, add_workdays(d, n)) = n');
SELECT is((SELECT count(*) FROM r WHERE n = 0 AND complaint.workdays_between(d, e) <> 1 - w::integer), 0::bigint,
		  'n = 0: workdays_between(d, add_workdays(d, 0)) = 0 on a working day, 1 otherwise');
SELECT is((SELECT count(*) FROM r WHERE n < 0 AND complaint.workdays_between(d, e) <> n + 1 - w::integer), 0::bigint,
		  'n < 0: workdays_between(d, add_workdays(d, n)) = n + 1 - (1 if d works)');
SELECT is((SELECT count(*) FROM r WHERE NOT complaint.is_workday(e)), 0::bigint,
		  'add_workdays always lands on a working day');
SELECT is((SELECT count(*) FROM r WHERE NOT CASE WHEN n > 0 THEN e > d WHEN n < 0 THEN e < d ELSE e >= d END), 0::bigint,
		  'add_workdays moves forward for n > 0, backward for n < 0, not backward for n = 0');
SELECT is((SELECT count(*) FROM r WHERE n <> 0 AND complaint.add_workdays(e, -n) <>
			CASE WHEN w THEN d WHEN n > 0 THEN complaint.add_workdays(d, -1) ELSE complaint.add_workdays(d, 0) END), 0::bigint,
		  'add_workdays(add_workdays(d, n), -n) = d on working days, else the neighbouring working day');
SELECT is((SELECT count(*) FROM r WHERE n <> 0 AND NOT complaint.add_workdays(d, n + 1) > e), 0::bigint,
		  'strictly increasing in n (n <> 0)');
SELECT is((SELECT count(*) FROM r WHERE n = 0 AND (complaint.add_workdays(d, 1) = e) = w), 0::bigint,
		  'add_workdays(d, 1) = add_workdays(d, 0) exactly when d is not a working day');
SELECT is((SELECT count(*) FROM r WHERE complaint.add_workdays(d + 1, n) < e), 0::bigint,
		  'non-decreasing in d');
SELECT is((SELECT count(*) FROM r WHERE n > 0 AND m > 0 AND complaint.add_workdays(e, m) <> complaint.add_workdays(d, n + m)), 0::bigint,
		  'add_workdays(add_workdays(d, n), m) = add_workdays(d, n + m) for n, m > 0');
SELECT is((SELECT count(*) FROM r WHERE n > 0 AND complaint.next_workday(d) <> complaint.add_workdays(d, 1)), 0::bigint,
		  'next_workday(d) = add_workdays(d, 1)');
SELECT is((SELECT count(*) FROM r WHERE complaint.workdays_between(d, d + m) <> -complaint.workdays_between(d + m, d)), 0::bigint,
		  'workdays_between is antisymmetric');
SELECT is((SELECT count(*) FROM r WHERE complaint.workdays_between(d, e) + complaint.workdays_between(e, d + m)
											<> complaint.workdays_between(d, d + m)), 0::bigint,
		  'workdays_between is additive: (d, e] + (e, f] = (d, f]');
SELECT is((SELECT count(*) FROM r JOIN oracle o ON o.day = r.d
			WHERE r.e IS DISTINCT FROM (SELECT x.day FROM oracle x WHERE x.work
										 AND x.ord = o.ord + r.n + CASE WHEN r.n <= 0 AND NOT o.work THEN 1 ELSE 0 END)), 0::bigint,
		  'add_workdays(d, n) equals the ordinal oracle computed from the CSV, for all 22,000 samples');

-- ---------------------------------------------------------------------------
-- working time
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE t ON COMMIT DROP AS
	SELECT i, timestamptz '2000-01-01 00:00+08' + floor(random() * 36 * 365 * 1440) * interval '1 minute' AS ts,
		   make_interval(secs => coalesce(nullif(floor(random() * 2 * 300 * 3600)::integer - 300 * 3600, 0), 1)) AS amount,
		   floor(random() * 2 * 60 * 86400 - 60 * 86400) * interval '1 second' AS b_offset
	  FROM generate_series(1, 2000) i;
ALTER TABLE t ADD COLUMN b timestamptz, ADD COLUMN x timestamptz, ADD COLUMN back timestamptz, ADD COLUMN wt interval;
UPDATE t SET b = ts + b_offset, x = complaint.add_worktime(ts, amount);
UPDATE t SET back = complaint.add_worktime(x, -amount), wt = complaint.worktime_between(ts, x);

SELECT is((SELECT count(*) FROM t WHERE wt IS DISTINCT FROM amount), 0::bigint,
		  'worktime_between(ts, add_worktime(ts, amount)) = amount');
SELECT is((SELECT count(*) FROM t WHERE extract(day FROM wt) <> 0 OR extract(month FROM wt) <> 0), 0::bigint,
		  'worktime_between gives hours, minutes and seconds only (no day or month part)');
SELECT is((SELECT count(*) FROM t WHERE pg_temp.oracle_secs(ts, x) <> abs(extract(epoch FROM amount))), 0::bigint,
		  'the interval oracle finds exactly |amount| of working time between ts and add_worktime(ts, amount)');
SELECT is((SELECT count(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM iv WHERE rc @> x)), 0::bigint,
		  'add_worktime lands inside a working interval or at its close (the smallest such instant)');
SELECT is((SELECT count(*) FROM t WHERE NOT complaint.add_worktime(ts, amount + interval '1 minute') > x), 0::bigint,
		  'add_worktime is strictly increasing in the amount');
-- Forwards, add_worktime lands on the close of an interval when the target
-- falls on it; backwards, on the opening of the next one (README).  So the
-- round trip gives ts back when working time is running at ts in the
-- direction of the return trip, else the nearest instant where it does.
SELECT is((SELECT count(*) FROM t
			WHERE amount > interval '0'
			  AND back IS DISTINCT FROM
				  CASE WHEN EXISTS (SELECT 1 FROM iv WHERE r @> ts) THEN ts
					   ELSE (SELECT min(lower(r)) FROM iv WHERE lower(r) > ts) END), 0::bigint,
		  'a > 0: add_worktime(add_worktime(ts, a), -a) = ts inside [opening, close), else the next opening');
SELECT is((SELECT count(*) FROM t
			WHERE amount < interval '0'
			  AND back IS DISTINCT FROM
				  CASE WHEN EXISTS (SELECT 1 FROM iv WHERE rc @> ts) THEN ts
					   ELSE (SELECT max(upper(r)) FROM iv WHERE upper(r) <= ts) END), 0::bigint,
		  'a < 0: add_worktime(add_worktime(ts, a), -a) = ts inside (opening, close], else the previous close');
SELECT is((SELECT count(*) FROM t
			WHERE extract(epoch FROM complaint.worktime_between(ts, b))
				  <> sign(extract(epoch FROM b - ts)) * pg_temp.oracle_secs(ts, b)), 0::bigint,
		  'worktime_between(a, b) equals the interval oracle for 2,000 random pairs up to 60 days apart (signed)');

SELECT * FROM finish();
ROLLBACK;
