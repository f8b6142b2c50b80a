-- test/bench/workdays.sql
--	  Benchmark of complaint.add_workdays against three references (not a
--	  test; run by hand through test/bench/workdays.sh).  psql variables:
--	  rows (default 1000000), loop_rows (default 20000), runs (default 3).
--
--	  Every timing is the best of :runs rounds; a round runs each statement
--	  once, in turn, so a change in the machine's load hits all methods
--	  alike.  Each statement aggregates the results over the rows of one
--	  table, so the scan and the aggregate are in every figure, the floor
--	  (plain d + n) included.  Parallel query and JIT are off: one core.

\set ON_ERROR_STOP 1
\if :{?rows}
\else
\set rows 1000000
\endif
\if :{?loop_rows}
\else
\set loop_rows 20000
\endif
\if :{?runs}
\else
\set runs 3
\endif

SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_workdays CASCADE;
CREATE SCHEMA bench_workdays;
SET search_path = bench_workdays, pg_catalog;

-- 1,000,000 random (date in 2004 .. 2026, n in 1 .. 60), always the same
SELECT setseed(0.5) AS seeded \gset
CREATE TABLE r AS
	SELECT date '2004-01-01' + floor(random() * (date '2027-01-01' - date '2004-01-01'))::integer AS d,
		   1 + floor(random() * 60)::integer AS n
	  FROM generate_series(1, :rows);
CREATE TABLE r_loop AS SELECT * FROM r LIMIT :loop_rows;
VACUUM ANALYZE r;
VACUUM ANALYZE r_loop;

-- reference 1, the best a SQL user can do without the extension: every date
-- with its working-day ordinal (working days up to and including it), two
-- index look-ups per call
CREATE TABLE ord AS
	SELECT g::date AS day, w AS work, count(*) FILTER (WHERE w) OVER (ORDER BY g)::integer AS ordinal
	  FROM generate_series(date '2000-01-01', date '2050-12-31', interval '1 day') g
	  LEFT JOIN complaint.calendar_day c ON c.calendar = 'CN' AND c.day = g::date
	 CROSS JOIN LATERAL (SELECT (c.kind = 'workday' OR (extract(isodow FROM g) <= 5 AND c.kind IS DISTINCT FROM 'holiday')) IS TRUE) x(w);
ALTER TABLE ord ADD PRIMARY KEY (day);
CREATE UNIQUE INDEX ord_ordinal ON ord (ordinal) WHERE work;
VACUUM ANALYZE ord;
CREATE FUNCTION ord_add(d date, n integer) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT day FROM bench_workdays.ord
	 WHERE work AND ordinal = (SELECT ordinal FROM bench_workdays.ord WHERE day = d) + n
$$;

-- reference 2: a PL/pgSQL day-by-day loop over an indexed exception table
CREATE TABLE exc AS SELECT day, kind::text AS kind FROM complaint.calendar_day WHERE calendar = 'CN';
ALTER TABLE exc ADD PRIMARY KEY (day);
VACUUM ANALYZE exc;
CREATE FUNCTION loop_add(d date, n integer) RETURNS date LANGUAGE plpgsql STABLE AS $$
DECLARE
	x date := d;
	left_ integer := n;
	k text;
BEGIN
	WHILE left_ > 0 LOOP
		x := x + 1;
		SELECT kind INTO k FROM bench_workdays.exc WHERE day = x;
		IF k = 'workday' OR (extract(isodow FROM x) <= 5 AND k IS DISTINCT FROM 'holiday') THEN
			left_ := left_ - 1;
		END IF;
	END LOOP;
	RETURN x;
END
$$;

-- the three methods agree (on a sample)
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM bench_workdays.r_loop
				WHERE complaint.add_workdays(d, n) <> bench_workdays.ord_add(d, n)
				   OR complaint.add_workdays(d, n) <> bench_workdays.loop_add(d, n)) THEN
		RAISE EXCEPTION 'the benchmark methods disagree';
	END IF;
END
$$;

-- the statements timed; each aggregates over all rows of its table
CREATE TABLE q (id integer, method text, rows bigint, sql text);
INSERT INTO q VALUES
	(1, 'complaint.add_workdays(d, n)', :rows,
	 'SELECT sum(complaint.add_workdays(d, n) - date ''2000-01-01'') FROM bench_workdays.r'),
	(2, 'ordinal table, SQL function (2 index look-ups)', :rows,
	 'SELECT sum(bench_workdays.ord_add(d, n) - date ''2000-01-01'') FROM bench_workdays.r'),
	(3, 'PL/pgSQL day-by-day loop', :loop_rows,
	 'SELECT sum(bench_workdays.loop_add(d, n) - date ''2000-01-01'') FROM bench_workdays.r_loop'),
	(4, 'floor: d + n', :rows,
	 'SELECT sum((d + n) - date ''2000-01-01'') FROM bench_workdays.r'),
	(5, 'add_workdays(d, 1)', :rows,
	 'SELECT sum(complaint.add_workdays(d, 1) - date ''2000-01-01'') FROM bench_workdays.r'),
	(6, 'add_workdays(d, 3650)', :rows,
	 'SELECT sum(complaint.add_workdays(d, 3650) - date ''2000-01-01'') FROM bench_workdays.r'),
	-- for information: the ordinal table used set-wise (a join, not a per-call function)
	(7, 'info: ordinal table as a hash join (set-wise)', :rows,
	 'SELECT sum(w.day - date ''2000-01-01'') FROM bench_workdays.r JOIN bench_workdays.ord o ON o.day = r.d
		 JOIN bench_workdays.ord w ON w.work AND w.ordinal = o.ordinal + r.n');

-- runs rounds; each round times every statement once, in turn, so that a
-- change in the machine's load hits all methods alike; keep the best time
CREATE TABLE result AS SELECT id, method, rows, 'infinity'::float8 AS seconds FROM q;
CREATE FUNCTION run_rounds(runs integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	stmt record;
BEGIN
	FOR i IN 1 .. runs LOOP
		FOR stmt IN SELECT id, sql FROM bench_workdays.q ORDER BY id LOOP
			t0 := clock_timestamp();
			EXECUTE stmt.sql;
			UPDATE bench_workdays.result
			   SET seconds = least(seconds, extract(epoch FROM clock_timestamp() - t0)::float8)
			 WHERE id = stmt.id;
		END LOOP;
	END LOOP;
END
$$;
SELECT run_rounds(:runs) AS done \gset

\pset footer off
SELECT method, rows, round(seconds::numeric, 3) AS best_s,
	   round((seconds * 1e6 / rows)::numeric, 3) AS us_per_call
  FROM result ORDER BY id;

SELECT 'ordinal table / ours' AS ratio, round((o.seconds / o.rows / (a.seconds / a.rows))::numeric, 1) AS value, '>= 10' AS target
  FROM result a, result o WHERE a.id = 1 AND o.id = 2
UNION ALL
SELECT 'PL/pgSQL loop / ours', round((l.seconds / l.rows / (a.seconds / a.rows))::numeric, 1), ''
  FROM result a, result l WHERE a.id = 1 AND l.id = 3
UNION ALL
SELECT 'ours / floor', round((a.seconds / f.seconds)::numeric, 2), '<= 2'
  FROM result a, result f WHERE a.id = 1 AND f.id = 4
UNION ALL
SELECT 'n = 3650 / n = 1', round((b.seconds / s.seconds)::numeric, 2), '<= 1.2'
  FROM result s, result b WHERE s.id = 5 AND b.id = 6;

-- the per-backend cache of the CN calendar, when the extension reports it
SELECT to_regprocedure('complaint.calendar_cache_size(text)') IS NOT NULL AS has_cache_size \gset
\if :has_cache_size
SELECT complaint.add_workdays(date '2024-01-01', 1) IS NOT NULL AS cn_loaded \gset
SELECT complaint.calendar_cache_size('CN') AS cache_bytes,
	   complaint.calendar_cache_size('CN') < 1024 * 1024 AS under_1_mib;
\else
\echo 'complaint.calendar_cache_size(text) does not exist: cache size not measured'
\endif

RESET search_path;
DROP SCHEMA bench_workdays CASCADE;
