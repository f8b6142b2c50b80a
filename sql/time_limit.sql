--
-- complaint.time_limit: text and binary I/O, accessors, constructor,
-- comparisons, ordering, btree and hash operator classes
--
-- Operators live in schema complaint; the first part of this file uses
-- only casts and functions, so it runs with the default search_path.
--

--
-- Accepted literals, one SELECT each, showing the canonical output
--

-- English
SELECT '30 minutes'::complaint.time_limit;
SELECT '1 minute'::complaint.time_limit;
SELECT '30 min'::complaint.time_limit;
SELECT '2 mins'::complaint.time_limit;
SELECT '90 minutes'::complaint.time_limit;
SELECT '120 minutes'::complaint.time_limit;
SELECT '1440 minutes'::complaint.time_limit;
SELECT '2 hours'::complaint.time_limit;
SELECT '1 hour'::complaint.time_limit;
SELECT '4 working hours'::complaint.time_limit;
SELECT '1 working hour'::complaint.time_limit;
SELECT '90 working minutes'::complaint.time_limit;
SELECT '1 working minute'::complaint.time_limit;
SELECT '120 working minutes'::complaint.time_limit;
SELECT '2 working days'::complaint.time_limit;
SELECT '1 working day'::complaint.time_limit;
SELECT '30 days'::complaint.time_limit;
SELECT '1 day'::complaint.time_limit;
SELECT '30 calendar days'::complaint.time_limit;
SELECT '1 calendar day'::complaint.time_limit;
SELECT '1 week'::complaint.time_limit;
SELECT '2 weeks'::complaint.time_limit;
-- zero shows in the stored unit
SELECT '0 minutes'::complaint.time_limit;
SELECT '0 hours'::complaint.time_limit;
SELECT '0 working hours'::complaint.time_limit;
SELECT '0 working days'::complaint.time_limit;
SELECT '0 weeks'::complaint.time_limit;
-- case, white space (also inside "working days"), no space before the unit
SELECT '30 MINUTES'::complaint.time_limit;
SELECT '  2   Working    Days  '::complaint.time_limit;
SELECT E'\t2 hours\n'::complaint.time_limit;
SELECT '30min'::complaint.time_limit;
SELECT '2weeks'::complaint.time_limit;
SELECT '007 days'::complaint.time_limit;
-- the largest amounts
SELECT '1000000 minutes'::complaint.time_limit;
SELECT '16666 hours'::complaint.time_limit;
SELECT '1000000 working days'::complaint.time_limit;
SELECT '142857 weeks'::complaint.time_limit;

-- Chinese
SELECT '30分钟'::complaint.time_limit;
SELECT '2小时'::complaint.time_limit;
SELECT '2个小时'::complaint.time_limit;
SELECT '4个工作小时'::complaint.time_limit;
SELECT '4工作小时'::complaint.time_limit;
SELECT '90工作分钟'::complaint.time_limit;
SELECT '2个工作日'::complaint.time_limit;
SELECT '2工作日'::complaint.time_limit;
SELECT '30日'::complaint.time_limit;
SELECT '30天'::complaint.time_limit;
SELECT '30个自然日'::complaint.time_limit;
SELECT '30自然日'::complaint.time_limit;
SELECT '30个日历日'::complaint.time_limit;
SELECT '1周'::complaint.time_limit;
SELECT '1个星期'::complaint.time_limit;
SELECT '2个礼拜'::complaint.time_limit;
SELECT '2 个 工作 日'::complaint.time_limit;
SELECT '　30　天　'::complaint.time_limit;	-- ideographic spaces U+3000
SELECT E'30\u00a0days'::complaint.time_limit;	-- no-break space U+00A0
-- Chinese numerals
SELECT '一周'::complaint.time_limit;
SELECT '两周'::complaint.time_limit;
SELECT '十天'::complaint.time_limit;
SELECT '一十天'::complaint.time_limit;
SELECT '十五日'::complaint.time_limit;
SELECT '二十五日'::complaint.time_limit;
SELECT '六十日'::complaint.time_limit;
SELECT '三十天'::complaint.time_limit;
SELECT '两个工作日'::complaint.time_limit;
SELECT '两个小时'::complaint.time_limit;
SELECT '一百二十分钟'::complaint.time_limit;
SELECT '两百天'::complaint.time_limit;
SELECT '一百零五天'::complaint.time_limit;
SELECT '一千零五十分钟'::complaint.time_limit;
SELECT '两千两百分钟'::complaint.time_limit;
SELECT '九千九百九十九日'::complaint.time_limit;
SELECT '零分钟'::complaint.time_limit;
SELECT '九千九百九十九周'::complaint.time_limit;
-- full-width digits
SELECT '３０天'::complaint.time_limit;
SELECT '１２０分钟'::complaint.time_limit;
SELECT '２ working days'::complaint.time_limit;

-- NULL and arrays
SELECT NULL::complaint.time_limit IS NULL AS is_null;
SELECT '{"2 hours","120 minutes",2个工作日,NULL}'::complaint.time_limit[];

--
-- Rejected literals: SQLSTATE, message and detail of each
--
CREATE FUNCTION pg_temp.tl_try(lit text, OUT state text, OUT msg text, OUT det text)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM lit::complaint.time_limit;
	state := '00000';
	msg := 'accepted';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL;
END
$$;

-- 22P02: empty, sign, fraction, malformed numeral, unit, trailing text
SELECT lit, (pg_temp.tl_try(lit)).*
FROM (VALUES (''), ('   '), ('30'), ('30 '), ('minutes'), ('days 30'), ('x30 days'),
			 ('-1 days'), ('-0 days'), ('－1天'), ('+30 days'),
			 ('1.5 hours'), ('1,000 minutes'), ('1/2 day'), ('一点五小时'), ('一个半小时'),
			 ('半小时'), ('2个半小时'), ('1．5天'),
			 ('30 fortnights'), ('30 seconds'), ('30 working weeks'), ('30 calendar hours'),
			 ('30 calendar weeks'), ('30 workingdays'), ('30 working-days'), ('30 working'),
			 ('30 minutesx'), ('30 min.'), ('2 hours 30 minutes'), ('30 days ago'),
			 ('30分'), ('30工作'), ('30日历'), ('30 天 天'), ('30日后'), ('3十天'),
			 ('30个天'), ('30个日'), ('30个分钟'), ('1个周'),
			 ('30个 days'), ('三十 days'), ('三十'), ('二三天'), ('一百五天'), ('一百十天'),
			 ('十十天'), ('两十天'), ('十两天'), ('零五天'), ('一百零天'), ('一零天'),
			 ('一百零零五天'), ('一千零五百天'), ('百天'), ('1 2 days'), ('thirty days')) AS t(lit);

-- 22003: well formed, amount too large after conversion
SELECT lit, (pg_temp.tl_try(lit)).*
FROM (VALUES ('1000001 minutes'), ('16667 hours'), ('1000001 working days'),
			 ('142858 weeks'), ('99999999999999999999 days'), ('２０００００１天')) AS t(lit);

-- the same errors as psql shows them
SELECT ''::complaint.time_limit;
SELECT 'two days'::complaint.time_limit;
SELECT '30 fortnights'::complaint.time_limit;
SELECT '1.5 hours'::complaint.time_limit;
SELECT '1000001 days'::complaint.time_limit;

-- a failed INSERT or COPY of a bad literal writes nothing
CREATE TEMP TABLE tl_insert (id integer, tl complaint.time_limit);
INSERT INTO tl_insert VALUES (1, '2 working days'), (2, '2 working weeks');
INSERT INTO tl_insert VALUES (1, '2 working days'), (2, '2000000 working days');
COPY tl_insert FROM STDIN;
1	30 days
2	30 dayz
\.
SELECT count(*) AS rows_written FROM tl_insert;
DROP TABLE tl_insert;

--
-- Canonical English and Chinese output, accessors and round trips over
-- every unit and the amounts around the hour boundaries and the maximum
--
CREATE TEMP TABLE tl_all AS
SELECT complaint.time_limit(a, u) AS tl
FROM unnest(ARRAY['minutes', 'working minutes', 'working days', 'days']) WITH ORDINALITY AS us(u, uo),
	 unnest(ARRAY[0, 1, 2, 59, 60, 61, 120, 1440, 999960, 1000000]) WITH ORDINALITY AS am(a, ao)
ORDER BY uo, ao;

SELECT tl, complaint.time_limit_chinese(tl) AS chinese,
	   complaint.time_limit_amount(tl) AS amount, complaint.time_limit_unit(tl) AS unit
FROM tl_all;

-- text out -> in, Chinese out -> in, (amount, unit) -> constructor
SELECT count(*) AS n,
	   bool_and(tl::text::complaint.time_limit OPERATOR(complaint.=) tl) AS english_round_trip,
	   bool_and(complaint.time_limit_chinese(tl)::complaint.time_limit OPERATOR(complaint.=) tl) AS chinese_round_trip,
	   bool_and(complaint.time_limit(complaint.time_limit_amount(tl), complaint.time_limit_unit(tl))
				OPERATOR(complaint.=) tl) AS constructor_round_trip
FROM tl_all;

-- every amount 0..3000 in every unit: English and Chinese output parse back
SELECT count(*) AS n,
	   count(*) FILTER (WHERE tl::text::complaint.time_limit OPERATOR(complaint.<>) tl) AS english_mismatches,
	   count(*) FILTER (WHERE complaint.time_limit_chinese(tl)::complaint.time_limit OPERATOR(complaint.<>) tl) AS chinese_mismatches
FROM (SELECT complaint.time_limit(a, u) AS tl
	  FROM generate_series(0, 3000) AS a,
		   unnest(ARRAY['minutes', 'working minutes', 'working days', 'days']) AS u) AS t;

-- Chinese numerals 0..9999: an independent renderer of the standard form
-- (零 for skipped places, 十五 for 15), plus 两 for a leading 2 before 百/千
-- and the formal 一十五
CREATE FUNCTION pg_temp.zh_numeral(n integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	digits text[] := ARRAY['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
	places text[] := ARRAY['千', '百', '十', ''];
	d integer;
	result text := '';
	zero boolean := false;
BEGIN
	IF n = 0 THEN
		RETURN '零';
	END IF;
	IF n BETWEEN 10 AND 19 THEN
		RETURN '十' || CASE WHEN n > 10 THEN digits[n - 9] ELSE '' END;
	END IF;
	FOR i IN 1..4 LOOP
		d := (n / (10 ^ (4 - i))::integer) % 10;
		IF d = 0 THEN
			zero := result <> '';
		ELSE
			IF zero THEN
				result := result || '零';
				zero := false;
			END IF;
			result := result || digits[d + 1] || places[i];
		END IF;
	END LOOP;
	RETURN result;
END
$$;
SELECT pg_temp.zh_numeral(n) AS sample
FROM unnest(ARRAY[0, 7, 10, 15, 20, 25, 100, 105, 110, 120, 1000, 1005, 1010, 1050, 1500, 2200, 9999]) AS n;
SELECT count(*) AS n,
	   count(*) FILTER (WHERE (pg_temp.zh_numeral(n) || '天')::complaint.time_limit
						OPERATOR(complaint.<>) complaint.time_limit(n, 'days')) AS standard_mismatches,
	   count(*) FILTER (WHERE (regexp_replace(pg_temp.zh_numeral(n), '^二([百千])', '两\1') || '个工作日')::complaint.time_limit
						OPERATOR(complaint.<>) complaint.time_limit(n, 'working days')) AS liang_mismatches,
	   count(*) FILTER (WHERE n BETWEEN 10 AND 19
						AND ('一' || pg_temp.zh_numeral(n) || '分钟')::complaint.time_limit
							OPERATOR(complaint.<>) complaint.time_limit(n, 'minutes')) AS formal_teens_mismatches
FROM generate_series(0, 9999) AS n;

--
-- Binary send/receive
--
SELECT tl, complaint.time_limit_send(tl)
FROM (VALUES ('0 minutes'::complaint.time_limit), ('2 hours'), ('90 working minutes'),
			 ('2 working days'), ('1000000 days')) AS t(tl);

-- a table round trip through COPY (FORMAT binary), which uses send and recv;
-- the file lives in the data directory (COPY ... PROGRAM runs there)
COPY tl_all TO PROGRAM 'cat > complaint_time_limit_test.copy' (FORMAT binary);
CREATE TEMP TABLE tl_back (tl complaint.time_limit);
COPY tl_back FROM PROGRAM 'cat complaint_time_limit_test.copy && rm -f complaint_time_limit_test.copy' (FORMAT binary);
SELECT (SELECT count(*) FROM tl_back) AS copied,
	   (SELECT count(*) FROM (SELECT tl FROM tl_all EXCEPT ALL SELECT tl FROM tl_back) d) AS missing,
	   (SELECT count(*) FROM (SELECT tl FROM tl_back EXCEPT ALL SELECT tl FROM tl_all) d) AS extra;

-- hand-made binary COPY data: header, one row of one 8-byte field, trailer
CREATE TEMP TABLE tl_bin (tl complaint.time_limit);
-- amount 2, unit 2: accepted
COPY tl_bin FROM PROGRAM 'printf ''PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\010\000\000\000\002\000\000\000\002\377\377''' (FORMAT binary);
SELECT tl FROM tl_bin;
TRUNCATE tl_bin;
-- unit 4: 22P03
COPY tl_bin FROM PROGRAM 'printf ''PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\010\000\000\000\002\000\000\000\004\377\377''' (FORMAT binary);
-- unit -1: 22P03
COPY tl_bin FROM PROGRAM 'printf ''PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\010\000\000\000\002\377\377\377\377\377\377''' (FORMAT binary);
-- amount -1: 22003
COPY tl_bin FROM PROGRAM 'printf ''PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\010\377\377\377\377\000\000\000\003\377\377''' (FORMAT binary);
-- amount 1000001 (0x000F4241): 22003
COPY tl_bin FROM PROGRAM 'printf ''PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\010\000\017\102\101\000\000\000\003\377\377''' (FORMAT binary);
-- a 4-byte field: too short
COPY tl_bin FROM PROGRAM 'printf ''PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\004\000\000\000\002\377\377''' (FORMAT binary);
SELECT count(*) AS rows_written FROM tl_bin;
DROP TABLE tl_back, tl_bin;

--
-- Constructor complaint.time_limit(amount, unit)
--
SELECT complaint.time_limit(2, 'hours') AS hours,
	   complaint.time_limit(90, 'Minutes') AS minutes,
	   complaint.time_limit(4, ' working  hours ') AS working_hours,
	   complaint.time_limit(2, 'working days') AS working_days,
	   complaint.time_limit(30, 'calendar days') AS calendar_days,
	   complaint.time_limit(2, 'weeks') AS weeks;
SELECT complaint.time_limit(2, '工作日') AS a, complaint.time_limit(2, '个工作日') AS b,
	   complaint.time_limit(30, '天') AS c, complaint.time_limit(30, '自然日') AS d,
	   complaint.time_limit(2, '小时') AS e, complaint.time_limit(4, '个工作小时') AS f,
	   complaint.time_limit(1, '星期') AS g, complaint.time_limit(0, 'minutes') AS h;
SELECT complaint.time_limit(1000000, 'days') AS max_days, complaint.time_limit(16666, 'hours') AS max_hours;
SELECT complaint.time_limit(NULL, 'days') IS NULL AS null_amount,
	   complaint.time_limit(1, NULL) IS NULL AS null_unit;
-- 22023: a unit we do not know
SELECT complaint.time_limit(1, 'fortnight');
SELECT complaint.time_limit(1, '');
SELECT complaint.time_limit(1, '2 days');
SELECT complaint.time_limit(1, 'days ago');
SELECT complaint.time_limit(1, '个天');
SELECT complaint.time_limit(1, 'working weeks');
-- 22003: negative or too large after conversion
SELECT complaint.time_limit(-1, 'days');
SELECT complaint.time_limit(1000001, 'days');
SELECT complaint.time_limit(16667, 'hours');
SELECT complaint.time_limit(142858, 'weeks');
SELECT complaint.time_limit(2147483647, 'hours');

--
-- Equality and order (unit first: minutes < working minutes < working days < days)
--
-- without complaint on search_path, the operators are reached with OPERATOR()
SELECT '2 hours'::complaint.time_limit OPERATOR(complaint.=) '120 minutes' AS eq,
	   '1 day'::complaint.time_limit OPERATOR(complaint.<) '1 working day' AS lt;

SET search_path = public, complaint;

SELECT '2 hours'::time_limit = '120 minutes' AS hours_are_minutes,
	   '两个小时'::time_limit = '2 hours' AS chinese_equals_english,
	   '1 week'::time_limit = '7 days' AS week_is_7_days,
	   '一周'::time_limit = '7天' AS chinese_week,
	   '1 working hour'::time_limit = '60 working minutes' AS working_hour,
	   '1 day'::time_limit = '1 working day' AS day_vs_working_day,
	   '1 hour'::time_limit = '1 working hour' AS hour_vs_working_hour,
	   '1 day'::time_limit = '24 hours' AS day_vs_24_hours;

-- every operator on a small matrix, checked against time_limit_cmp
SELECT a, b, time_limit_cmp(a, b) AS cmp, a < b AS lt, a <= b AS le, a = b AS eq,
	   a <> b AS ne, a >= b AS ge, a > b AS gt
FROM (VALUES ('59 minutes'::time_limit), ('1 hour'), ('1 working minute'), ('1 day')) AS x(a),
	 (VALUES ('59 minutes'::time_limit), ('1 hour'), ('1 working minute'), ('1 day')) AS y(b)
ORDER BY a, b;

-- the unit decides before the amount
SELECT '1000000 minutes'::time_limit < '0 working minutes' AS minutes_before_working_minutes,
	   '1000000 working minutes'::time_limit < '0 working days' AS working_minutes_before_working_days,
	   '1000000 working days'::time_limit < '0 days' AS working_days_before_days;

CREATE TEMP TABLE tl_mixed (id integer, tl time_limit);
INSERT INTO tl_mixed VALUES
	(1, '30 days'), (2, '2个工作日'), (3, '30 minutes'), (4, '4 working hours'),
	(5, '1 week'), (6, '15日'), (7, '2 hours'), (8, '两个工作日'), (9, '120 minutes'),
	(10, '90 working minutes'), (11, '7天'), (12, '10 minutes'), (13, '3 working days'),
	(14, '0 days'), (15, NULL);

SELECT id, tl, time_limit_chinese(tl) AS chinese FROM tl_mixed ORDER BY tl, id;
SELECT id, tl FROM tl_mixed ORDER BY tl DESC NULLS LAST, id;

-- DISTINCT and GROUP BY, by sorting and by hashing
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT DISTINCT tl FROM tl_mixed;
SELECT DISTINCT tl FROM tl_mixed ORDER BY tl;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT tl, count(*) FROM tl_mixed GROUP BY tl;
SELECT tl, count(*), array_agg(id ORDER BY id) AS ids FROM tl_mixed GROUP BY tl ORDER BY tl;
RESET enable_sort;

--
-- Indexes and joins
--
CREATE TEMP TABLE tl_big AS
SELECT i AS id, time_limit(i % 50, (ARRAY['minutes', 'working minutes', 'working days', 'days'])[(i / 50) % 4 + 1]) AS tl
FROM generate_series(1, 4000) AS i;
CREATE INDEX tl_big_tl ON tl_big (tl);
ANALYZE tl_big;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM tl_big WHERE tl = '2 working days';
SELECT count(*) FROM tl_big WHERE tl = '2 working days';
EXPLAIN (COSTS OFF) SELECT * FROM tl_big WHERE tl BETWEEN '1 working day' AND '3 working days';
SELECT count(*) FROM tl_big WHERE tl BETWEEN '1 working day' AND '3 working days';
EXPLAIN (COSTS OFF) SELECT * FROM tl_big ORDER BY tl DESC LIMIT 3;
SELECT tl FROM tl_big ORDER BY tl DESC LIMIT 3;
-- the same answers computed without the index or the operators
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT count(*) FILTER (WHERE time_limit_unit(tl) = 'working days' AND time_limit_amount(tl) = 2) AS eq,
	   count(*) FILTER (WHERE time_limit_unit(tl) = 'working days' AND time_limit_amount(tl) BETWEEN 1 AND 3) AS range
FROM tl_big;

-- hash index
CREATE INDEX tl_big_hash ON tl_big USING hash (tl);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
DROP INDEX tl_big_tl;
EXPLAIN (COSTS OFF) SELECT * FROM tl_big WHERE tl = '2 working days';
SELECT count(*) FROM tl_big WHERE tl = '2 working days';
RESET enable_seqscan;
RESET enable_bitmapscan;

-- a unique index treats spellings of the same limit as duplicates; nothing is written
CREATE TEMP TABLE tl_unique (tl time_limit PRIMARY KEY);
INSERT INTO tl_unique VALUES ('2 hours');
INSERT INTO tl_unique VALUES ('120 minutes');
INSERT INTO tl_unique VALUES ('2个小时');
SELECT * FROM tl_unique;
DROP TABLE tl_unique;

-- hash join and merge join
CREATE TEMP TABLE tl_rule (matter text, tl time_limit);
INSERT INTO tl_rule VALUES ('interface handover', '30 minutes'), ('web inquiry', '2 working days'),
	('letters and visits', '30 days'), ('several departments', '一周');
SET enable_nestloop = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT r.matter, m.id FROM tl_rule r JOIN tl_mixed m ON m.tl = r.tl;
SELECT r.matter, m.id, m.tl FROM tl_rule r JOIN tl_mixed m ON m.tl = r.tl ORDER BY r.matter, m.id;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT r.matter, m.id FROM tl_rule r JOIN tl_mixed m ON m.tl = r.tl;
SELECT r.matter, m.id, m.tl FROM tl_rule r JOIN tl_mixed m ON m.tl = r.tl ORDER BY r.matter, m.id;
RESET enable_hashjoin;
RESET enable_nestloop;
DROP TABLE tl_rule, tl_mixed, tl_big, tl_all;

--
-- Catalog checks: type, functions, operators, operator classes, comments
--
SELECT typlen, typbyval, typalign, typstorage, typreceive, typsend
FROM pg_type WHERE oid = 'complaint.time_limit'::regtype;

SELECT proname, provolatile, proisstrict, proparallel, prosrc
FROM pg_proc
WHERE pronamespace = 'complaint'::regnamespace AND proname LIKE 'time\_limit%'
ORDER BY proname;

SELECT oprname, oprcom::regoperator, oprnegate::regoperator, oprrest, oprjoin,
	   oprcanmerge, oprcanhash
FROM pg_operator
WHERE oprleft = 'complaint.time_limit'::regtype
ORDER BY oprname;

SELECT opc.opcname, am.amname, opc.opcdefault, amvalidate(opc.oid) AS valid
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'complaint.time_limit'::regtype
ORDER BY am.amname;

SELECT am.amname, ao.amopstrategy, ao.amopopr::regoperator
FROM pg_amop ao
	JOIN pg_opfamily f ON f.oid = ao.amopfamily
	JOIN pg_am am ON am.oid = f.opfmethod
WHERE f.opfnamespace = 'complaint'::regnamespace AND f.opfname LIKE 'time\_limit%'
ORDER BY am.amname, ao.amopstrategy;

SELECT am.amname, ap.amprocnum, ap.amproc::regprocedure
FROM pg_amproc ap
	JOIN pg_opfamily f ON f.oid = ap.amprocfamily
	JOIN pg_am am ON am.oid = f.opfmethod
WHERE f.opfnamespace = 'complaint'::regnamespace AND f.opfname LIKE 'time\_limit%'
ORDER BY am.amname, ap.amprocnum;

-- every object of the type has a comment
SELECT 'type' AS kind, count(*) FILTER (WHERE obj_description('complaint.time_limit'::regtype, 'pg_type') IS NULL) AS uncommented
UNION ALL
SELECT 'function', count(*) FILTER (WHERE obj_description(oid, 'pg_proc') IS NULL)
FROM pg_proc WHERE pronamespace = 'complaint'::regnamespace AND proname LIKE 'time\_limit%'
UNION ALL
SELECT 'operator', count(*) FILTER (WHERE obj_description(oid, 'pg_operator') IS NULL)
FROM pg_operator WHERE oprleft = 'complaint.time_limit'::regtype
UNION ALL
SELECT 'operator class', count(*) FILTER (WHERE obj_description(oid, 'pg_opclass') IS NULL)
FROM pg_opclass WHERE opcintype = 'complaint.time_limit'::regtype
UNION ALL
SELECT 'operator family', count(*) FILTER (WHERE obj_description(oid, 'pg_opfamily') IS NULL)
FROM pg_opfamily WHERE opfnamespace = 'complaint'::regnamespace AND opfname LIKE 'time\_limit%';

RESET search_path;

--
-- Arbitrary bytes: a SQL_ASCII database passes any byte to the input
-- function, so truncated and invalid UTF-8 sequences reach the parser
--
SELECT current_database() AS regress_db \gset
CREATE DATABASE complaint_tl_sql_ascii TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';
\c complaint_tl_sql_ascii
CREATE EXTENSION complaint;
CREATE FUNCTION pg_temp.tl_state(lit text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	RETURN lit::complaint.time_limit::text;
EXCEPTION WHEN others THEN
	RETURN SQLSTATE;
END
$$;
-- 天 is E5 A4 A9, 一 E4 B8 80, full-width 3 EF BC 93, ideographic space E3 80 80
SELECT n, pg_temp.tl_state(lit) AS result
FROM (VALUES (1, E'30\xe5\xa4\xa9'), (2, E'\xe4\xb8\x80\xe5\xa4\xa9'), (3, E'\xef\xbc\x93 days'),
			 (4, E'30\xe5'), (5, E'30\xe5\xa4'), (6, E'\xe4\xb8'), (7, E'\xe4'),
			 (8, E'\xef\xbc'), (9, E'\xef'), (10, E'30 days\xe3\x80'), (11, E'30 days\xe3'),
			 (12, E'30\xc2'), (13, E'30 \xff\xfe days'), (14, E'\x80\x80'), (15, E'30\xe4\xb8\x80'))
	 AS t(n, lit)
ORDER BY n;
SELECT complaint.time_limit(2, E'\xe5\xb7\xa5\xe4\xbd\x9c\xe6\x97\xa5') AS working_days_from_raw_bytes;
DO $$
BEGIN
	PERFORM complaint.time_limit(2, E'\xe5\xb7\xa5\xe4\xbd');
EXCEPTION WHEN others THEN
	RAISE NOTICE 'constructor on a truncated unit: %', SQLSTATE;
END
$$;
\c :regress_db
DROP DATABASE complaint_tl_sql_ascii;
