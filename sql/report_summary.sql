--
-- report_summary: the summaries behind the reports (76_report_summary.sql)
-- always give the figures a recount from the raw rows gives
-- (complaint.report_recount, one statement over the tables): before the
-- first refresh, after it, after steps taken since (registration, transfer,
-- pause, answer, feedback, closing, reopening, referral, escalations by the
-- sweep), after a calendar edit that re-projects the working time (a
-- holiday added, a unit moved to another calendar), after an edit of an open
-- case and after a DBA's direct fix with the workflow triggers off; for
-- every dimension, the whole organisation and a subtree; and for a unit
-- head under row-level security, who reads exactly the units they answer
-- for.  Also the percentile aggregate against percentile_cont, and the
-- refresh's and the aggregate's errors.  Runs in a database of its own.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_report_summary;
CREATE DATABASE regress_report_summary;
\set regress_db :DBNAME
\c regress_report_summary
SET client_min_messages = warning;
CREATE EXTENSION complaint;
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;

INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES ('H24', 'Asia/Shanghai', '{1,2,3,4,5,6,7}');
INSERT INTO complaint.calendar_hours SELECT 'H24', d, '00:00', '24:00' FROM generate_series(1, 7) d;
-- P > A, B, C, X; A > E.  B counts on H24, the others on CN.
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, calendar) VALUES
	('P', '省公司', NULL, 'PH', 'PH', 'CN'),
	('A', '甲分公司', 'P', 'AH', NULL, 'CN'),
	('B', '乙分公司', 'P', 'BH', NULL, 'H24'),
	('C', '丙分公司', 'P', 'CH', NULL, 'CN'),
	('E', '甲分公司营业部', 'A', 'EH', NULL, 'CN'),
	('X', '监察室', 'P', 'XH', NULL, 'CN');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('PH', '省负责人', 'P'), ('XH', '监察室主任', 'X'),
	('AH', '甲负责人', 'A'), ('A1', '甲受理员', 'A'), ('BH', '乙负责人', 'B'), ('B1', '乙受理员', 'B'),
	('CH', '丙负责人', 'C'), ('C1', '丙受理员', 'C'), ('EH', '营业部负责人', 'E'), ('E1', '营业部受理员', 'E');
COMMIT;
UPDATE complaint.escalation_policy SET office_unit = 'X' WHERE rule_id IS NULL;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('summary 2 wd', 'answer', '2 working days', 'test');
INSERT INTO complaint.category (code, name) VALUES ('billing', '资费'), ('network', '网络');

CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text;
BEGIN
	EXECUTE stmt;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN st || ': ' || msg;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.try(text) TO PUBLIC;

-- the worker: a sweep at every instant a step is taken, then the step's clock and actor
CREATE FUNCTION pg_temp.at(t timestamptz, staff text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM complaint.sweep(t);
	PERFORM set_config('complaint.now', t::text, false);
	PERFORM set_config('complaint.staff', staff, false);
END
$$;

-- The register: 48 cases received Mon 03-03 .. Fri 03-14 2025 by A, B, C
-- and E (one each per working day), moved through the workflow by the
-- number of the case: a fifth transferred (to the next unit), a sixth
-- paused for materials, most answered the next day, a seventh answered
-- late, feedback 2:1 satisfied, closed; one in eleven referred out; some
-- left open (overdue by the end); one in nine reopened.
CREATE FUNCTION pg_temp.load() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	units constant text[] := ARRAY['A', 'B', 'C', 'E'];
	clerks constant text[] := ARRAY['A1', 'B1', 'C1', 'E1'];
	chans constant complaint.case_channel[] := ARRAY['phone', 'web', 'app', 'letter'];
	d date;
	u integer;
	n integer := 0;
	id bigint;
	t timestamptz;
	next_u integer;
BEGIN
	FOR d IN SELECT g::date FROM generate_series('2025-03-03'::date, '2025-03-14', '1 day') g
			  WHERE extract(isodow FROM g) < 6 LOOP
		FOR u IN 1 .. 4 LOOP
			n := n + 1;
			t := d + time '09:00' + n * interval '7 minutes';
			PERFORM pg_temp.at(t, clerks[u]);
			INSERT INTO complaint.cases AS c (channel, matter, category, region, rule_id, complainant_name, complainant_contact)
			SELECT chans[1 + n % 4], 'summary test', CASE WHEN n % 3 = 0 THEN NULL WHEN n % 3 = 1 THEN 'billing' ELSE 'network' END,
				   CASE WHEN n % 5 = 0 THEN NULL ELSE (ARRAY['武汉', '宜昌'])[1 + n % 2] END, r.id,
				   'CANARY投诉人', 'CANARY-' || n
			  FROM complaint.time_limit_rule r WHERE r.name = 'summary 2 wd'
			RETURNING c.id INTO id;
			PERFORM pg_temp.at(t + interval '10 minutes', clerks[u]);
			IF n % 11 = 4 THEN
				PERFORM complaint.refer_out(id, '市场监管局', ARRAY['身份证明']);
				CONTINUE;
			END IF;
			PERFORM complaint.accept(id);
			next_u := u % 4 + 1;
			IF n % 5 = 2 THEN
				PERFORM pg_temp.at(t + interval '1 hour', clerks[u]);
				PERFORM complaint.transfer(id, units[next_u], clerks[next_u]);
				u := next_u;
				PERFORM pg_temp.at(t + interval '80 minutes', clerks[u]);
				PERFORM complaint.start(id);
			END IF;
			IF n % 6 = 1 THEN
				PERFORM pg_temp.at(t + interval '90 minutes', clerks[u]);
				PERFORM complaint.request_materials(id, ARRAY['发票']);
				PERFORM pg_temp.at(t + interval '1 day 2 hours', clerks[u]);
				PERFORM complaint.materials_received(id);
			END IF;
			CONTINUE WHEN n % 13 = 6;		-- left open
			PERFORM pg_temp.at(t + CASE WHEN n % 7 = 3 THEN interval '4 days 3 hours' ELSE interval '1 day 5 hours' END, clerks[u]);
			PERFORM complaint.answer(id, '已处理');
			CONTINUE WHEN n % 17 = 9;		-- answered, no feedback yet
			PERFORM pg_temp.at(t + interval '5 days', clerks[u]);
			PERFORM complaint.record_feedback(id, CASE WHEN n % 3 = 2 THEN 'dissatisfied' ELSE 'satisfied' END::complaint.satisfaction);
			PERFORM complaint.close(id);
			IF n % 9 = 5 THEN
				PERFORM pg_temp.at(t + interval '6 days', clerks[u]);
				PERFORM complaint.reopen(id, '再次投诉');
			END IF;
		END LOOP;
	END LOOP;
	RETURN n;
END
$$;

-- Every figure of every dimension, for the organisation and for A's
-- subtree, from the summaries and from the raw rows: the number of rows
-- compared and the number that differ (counts exactly; working days to
-- 1e-9: the recount sums floating-point days, the summaries exact
-- microseconds).
CREATE FUNCTION pg_temp.agree(from_date date DEFAULT '2025-03-01', to_date date DEFAULT '2025-03-31')
	RETURNS TABLE (compared bigint, differing bigint) LANGUAGE sql AS $$
	WITH d (dim, root) AS (
		SELECT dim, root FROM unnest(ARRAY['unit', 'channel', 'category', 'region', 'month']) dim,
							  unnest(ARRAY[NULL, 'A']) root
	), s AS (
		SELECT d.dim, d.root, f.*, round(f.days_mean::numeric, 9) AS m, round(f.days_median::numeric, 9) AS md,
			   round(f.days_p90::numeric, 9) AS p9
		  FROM d, complaint.report_figures(d.dim, from_date, to_date, d.root) f
	), r AS (
		SELECT d.dim, d.root, f.*, round(f.days_mean::numeric, 9) AS m, round(f.days_median::numeric, 9) AS md,
			   round(f.days_p90::numeric, 9) AS p9
		  FROM d, complaint.report_recount(d.dim, from_date, to_date, d.root) f
	)
	SELECT count(*),
		   count(*) FILTER (WHERE s.key IS NULL OR r.key IS NULL
							OR (s.received, s.referred_out, s.completed, s.on_time, s.first_inquiry, s.overdue_open,
								s.answered, s.m, s.md, s.p9, s.feedback, s.satisfied, s.repeats, s.upgraded,
								s.reopened, s.esc_warning, s.esc_handler, s.esc_unit_head, s.esc_supervising_leader,
								s.esc_accountability_office, s.esc_handover_overdue, s.esc_handover_report_overdue,
								s.violations, s.sanctions)
							   IS DISTINCT FROM
							   (r.received, r.referred_out, r.completed, r.on_time, r.first_inquiry, r.overdue_open,
								r.answered, r.m, r.md, r.p9, r.feedback, r.satisfied, r.repeats, r.upgraded,
								r.reopened, r.esc_warning, r.esc_handler, r.esc_unit_head, r.esc_supervising_leader,
								r.esc_accountability_office, r.esc_handover_overdue, r.esc_handover_report_overdue,
								r.violations, r.sanctions))
	  FROM s FULL JOIN r ON r.dim = s.dim AND r.root IS NOT DISTINCT FROM s.root AND r.key = s.key
$$;
-- where the reports' figures come from now: summary rows used as they are,
-- and cases read one by one
CREATE FUNCTION pg_temp.paths() RETURNS TABLE (group_rows bigint, case_rows bigint) LANGUAGE sql AS $$
	SELECT (SELECT count(*) FROM complaint.report_groups), (SELECT count(*) FROM complaint.report_cases)
$$;

SELECT pg_temp.load() AS registered;
SELECT pg_temp.at('2025-03-24 09:00', 'A1') \gset
SELECT count(*) AS cases, count(*) FILTER (WHERE status = 'closed') AS closed,
	   count(*) FILTER (WHERE status = 'referred_out') AS referred,
	   count(*) FILTER (WHERE closed_at IS NULL AND referred_at IS NULL) AS open,
	   count(*) FILTER (WHERE reopen_count > 0) AS reopened,
	   (SELECT count(*) FROM complaint.event WHERE kind = 'transferred') AS transfers,
	   (SELECT count(*) FROM complaint.escalation) AS escalations
  FROM complaint.cases;

-- 1. never refreshed: stale as a whole, every case read from the raw rows
SELECT stale, event_id, refreshed_at IS NULL AS never FROM complaint.report_state;
SELECT * FROM pg_temp.paths();
SELECT * FROM pg_temp.agree();

-- 2. refreshed: everything from the summaries, nothing case by case
SELECT complaint.report_refresh() AS computed;
SELECT stale, event_id = (SELECT max(id) FROM complaint.event) AS up_to_date FROM complaint.report_state;
SELECT count(*) AS summary_cases FROM complaint.report_case;
SELECT * FROM pg_temp.paths();
SELECT * FROM pg_temp.agree();
-- the day rows are the sums of the case rows
SELECT count(*) AS day_rows,
	   count(*) FILTER (WHERE (d.received, d.answered, d.sum_us, d.work_us, d.overdue_at)
							  IS DISTINCT FROM (s.received, s.answered, s.sum_us, s.work_us, s.overdue_at)) AS differing
  FROM complaint.report_day d FULL JOIN complaint.report_case_sums s USING (unit, day);
-- an idle refresh computes nothing
SELECT complaint.report_refresh() AS computed;

-- 3. steps taken after the refresh: a new case transferred, answered, closed;
-- an open one answered; the sweep's escalations of the late ones
SELECT pg_temp.at('2025-03-17 10:00', 'C1') \gset
INSERT INTO complaint.cases AS c (channel, matter, category, region, rule_id)
SELECT 'visit', 'summary test late', 'billing', '武汉', r.id FROM complaint.time_limit_rule r WHERE r.name = 'summary 2 wd'
RETURNING c.id AS late \gset
SELECT (complaint.accept(:late)).status;
SELECT pg_temp.at('2025-03-17 11:00', 'C1') \gset
SELECT (complaint.transfer(:late, 'B', 'B1')).status;
SELECT pg_temp.at('2025-03-17 15:00', 'B1') \gset
SELECT (complaint.start(:late)).status;
SELECT pg_temp.at('2025-03-18 16:00', 'B1') \gset
SELECT (complaint.answer(:late, '已处理')).status;
SELECT (complaint.record_feedback(:late, 'satisfied')).status;
SELECT (complaint.close(:late)).status;
SELECT min(id) AS waiting FROM complaint.cases WHERE status = 'answered' \gset
SELECT pg_temp.at('2025-03-26 09:00', 'A1') \gset
SELECT * FROM pg_temp.paths();
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT * FROM pg_temp.paths();
SELECT * FROM pg_temp.agree();

-- 4. reopening a closed case (and closing another that was answered)
SELECT min(id) AS closed_one FROM complaint.cases WHERE status = 'closed' AND reopen_count = 0 \gset
SELECT (complaint.reopen(:closed_one, '再次投诉', true)).status;
SELECT (complaint.record_feedback(:waiting, 'satisfied')).status;
SELECT (complaint.close(:waiting)).status;
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT * FROM pg_temp.agree();

-- 5. an edit of an open case (category and region: an "edited" event),
-- by the administrator in psql with the triggers on
SELECT min(id) AS open_one FROM complaint.cases WHERE closed_at IS NULL AND referred_at IS NULL \gset
UPDATE complaint.cases SET category = 'network', region = '十堰' WHERE id = :open_one;
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT * FROM pg_temp.agree();

-- 6. re-projection: a holiday on Wed 2025-03-05 in CN changes the working
-- time of every CN case that spans it, closed ones included, and moves the
-- deadlines of the open ones.  Before the refresh the CN units are read
-- from the raw rows; the figures did change.
SELECT days_mean AS mean_a_before FROM complaint.report_figures('unit', '2025-03-01', '2025-03-31') WHERE key = 'A' \gset
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('CN', '2025-03-05', 'holiday', '测试假日');
SELECT stale_units FROM complaint.report_pending;
SELECT * FROM pg_temp.agree();
SELECT days_mean < :mean_a_before AS a_is_faster_now FROM complaint.report_figures('unit', '2025-03-01', '2025-03-31') WHERE key = 'A';
SELECT complaint.report_refresh() > 0 AS computed;
SELECT stale_units FROM complaint.report_pending;
SELECT * FROM pg_temp.paths();
SELECT * FROM pg_temp.agree();
-- and back
DELETE FROM complaint.calendar_day WHERE calendar = 'CN' AND day = '2025-03-05';
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT * FROM pg_temp.agree();

-- 7. a unit moved to another calendar (E to the 24/7 desk): its working
-- days and its local dates are counted on H24 now
UPDATE complaint.unit SET calendar = 'H24' WHERE code = 'E';
SELECT stale_units FROM complaint.report_pending;
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT * FROM pg_temp.agree();

-- 8. a DBA's direct fix with the triggers off: no history is written, so
-- the summaries are stale as a whole until the next refresh rebuilds them
SET session_replication_role = replica;
UPDATE complaint.cases SET satisfaction = 'satisfied', region = '荆州' WHERE id = :closed_one + 1;
RESET session_replication_role;
SELECT stale FROM complaint.report_state;
SELECT * FROM pg_temp.paths();
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() AS computed;
SELECT stale FROM complaint.report_state;
SELECT * FROM pg_temp.agree();
-- the same for a direct fix of the history or of an escalation: the
-- trigger that notices fires in replica mode only, so the workflow's own
-- history writes keep their direct path (src/hist_insert.c)
SET session_replication_role = replica;
UPDATE complaint.event SET detail = detail WHERE id = (SELECT max(id) FROM complaint.event);
RESET session_replication_role;
SELECT stale FROM complaint.report_state;
SELECT complaint.report_refresh() > 0 AS computed;
SET session_replication_role = replica;
UPDATE complaint.escalation SET reason = reason WHERE id = (SELECT min(id) FROM complaint.escalation);
RESET session_replication_role;
SELECT stale FROM complaint.report_state;
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT stale FROM complaint.report_state;
-- a rebuild on demand gives the same
SELECT complaint.report_refresh(true) AS computed;
SELECT * FROM pg_temp.agree();
-- other periods: one week, one day, a period without cases
SELECT * FROM pg_temp.agree('2025-03-10', '2025-03-16');
SELECT * FROM pg_temp.agree('2025-03-05', '2025-03-05');
SELECT * FROM pg_temp.agree('2024-01-01', '2024-01-31');

-- 9. the sweep recording escalations long after (no refresh in between)
SELECT pg_temp.at('2025-04-30 09:00', 'A1') \gset
SELECT * FROM pg_temp.agree();
SELECT complaint.report_refresh() > 0 AS computed;
SELECT * FROM pg_temp.agree();

-- ---------------------------------------------------------------------------
-- who reads which units: report_scope, and a unit head under row-level
-- security reads exactly their units' figures
-- ---------------------------------------------------------------------------
SELECT count(*) >= 0 AS roles_ready FROM complaint.create_roles();
RESET complaint.staff;
CREATE ROLE regress_summary_head LOGIN IN ROLE complaint_staff;
CREATE ROLE regress_summary_clerk LOGIN IN ROLE complaint_staff;
CREATE ROLE regress_summary_nobody LOGIN IN ROLE complaint_staff;
UPDATE complaint.staff SET db_role = 'regress_summary_head' WHERE code = 'AH';
UPDATE complaint.staff SET db_role = 'regress_summary_clerk' WHERE code = 'B1';
SELECT complaint.report_scope() IS NULL AS superuser_all;
SET ROLE complaint_analyst;
SELECT complaint.report_scope() IS NULL AS analyst_all;
RESET ROLE;
-- the recount of A's subtree, as the table owner
CREATE TEMP TABLE owner_a AS SELECT * FROM complaint.report_figures('unit', '2025-03-01', '2025-03-31', 'A');
CREATE TEMP TABLE recount_a AS SELECT * FROM complaint.report_recount('unit', '2025-03-01', '2025-03-31', 'A');
GRANT SELECT ON owner_a, recount_a TO PUBLIC;
SET ROLE regress_summary_head;
SELECT complaint.report_scope() AS head_units;
-- the same rows as the owner's and the recount's for A's subtree
SELECT count(*) AS rows,
	   count(*) FILTER (WHERE h IS DISTINCT FROM o) AS differ_from_owner,
	   count(*) FILTER (WHERE (h.received, h.completed, h.on_time, h.overdue_open, h.answered, round(h.days_median::numeric, 9),
							   h.satisfied, h.violations)
							  IS DISTINCT FROM (r.received, r.completed, r.on_time, r.overdue_open, r.answered,
												round(r.days_median::numeric, 9), r.satisfied, r.violations)) AS differ_from_recount
  FROM complaint.report_figures('unit', '2025-03-01', '2025-03-31') h
  FULL JOIN owner_a o ON o.key = h.key
  FULL JOIN recount_a r ON r.key = h.key;
SELECT unit, received, completed FROM complaint.unit_scorecard('2025-03-01', '2025-03-31');
SELECT "rank", unit FROM complaint.unit_ranking('2025-03-01', '2025-03-31');
SELECT count(DISTINCT unit) AS units_in_groups FROM complaint.report_groups;
SELECT pg_temp.try($$SELECT * FROM complaint.report_recount('unit', '2025-03-01', '2025-03-31')$$);
SELECT pg_temp.try($$SELECT * FROM complaint.report_case$$);
SELECT pg_temp.try($$SELECT * FROM complaint.report_case_figures$$);
SELECT pg_temp.try($$SELECT complaint.report_refresh()$$);
RESET ROLE;
SET ROLE regress_summary_clerk;
SELECT complaint.report_scope() AS clerk_units;
SELECT key, received FROM complaint.scorecard_by('month', '2025-03-01', '2025-03-31');
RESET ROLE;
SET ROLE regress_summary_nobody;
SELECT complaint.report_scope() AS nobody_units;
SELECT count(*) AS units FROM complaint.unit_scorecard('2025-03-01', '2025-03-31');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- the percentile aggregate against percentile_cont
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE w (g integer, us bigint, secs double precision);
INSERT INTO w
SELECT g, CASE WHEN i % 17 = 0 THEN NULL ELSE ((i * 7919) % 1000) * 3600000000::bigint / 7 END,
	   CASE g WHEN 4 THEN 86400 ELSE 25200 END
  FROM generate_series(1, 4) g, generate_series(1, 50 * g + g) i;
INSERT INTO w VALUES (5, 25200000000, 25200);
SELECT g, n, p[1] = m AS median_same, p[2] = n9 AS p90_same, p[3] = lo AS min_same, p[4] = hi AS max_same
  FROM (SELECT g, count(us) AS n,
			   complaint.report_days(ARRAY[us], secs, '{0.5,0.9,0,1}') AS p,
			   percentile_cont(0.5) WITHIN GROUP (ORDER BY us::double precision / 1e6::double precision / secs) AS m,
			   percentile_cont(0.9) WITHIN GROUP (ORDER BY us::double precision / 1e6::double precision / secs) AS n9,
			   min(us::double precision / 1e6::double precision / secs) AS lo,
			   max(us::double precision / 1e6::double precision / secs) AS hi
		  FROM w GROUP BY g) x
 ORDER BY g;
-- arrays with NULL elements, several rows, rows without a positive day length
SELECT complaint.report_days(a, s, '{0.5}') AS days
  FROM (VALUES (ARRAY[25200000000, NULL, 50400000000]::bigint[], 25200::double precision),
			   (ARRAY[75600000000]::bigint[], 25200),
			   (ARRAY[1]::bigint[], 0), (ARRAY[1]::bigint[], NULL), (NULL, 25200)) v (a, s);
SELECT complaint.report_days(a, 25200, '{0.5}') IS NULL AS none FROM (VALUES ('{}'::bigint[])) v (a);
SELECT pg_temp.try($$SELECT complaint.report_days(ARRAY[1::bigint], 1, '{1.5}')$$);
SELECT pg_temp.try($$SELECT complaint.report_days(ARRAY[1::bigint], 1, '{NULL}')$$);
SELECT pg_temp.try($$SELECT complaint.report_days(ARRAY[1::bigint], 1, '{{0.5}}')$$);
-- the refresh refuses a NULL and writes nothing
SELECT event_id AS before_event FROM complaint.report_state \gset
SELECT pg_temp.try($$SELECT complaint.report_refresh(NULL)$$);
SELECT event_id = :before_event AS unchanged FROM complaint.report_state;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_report_summary;
DROP ROLE regress_summary_head, regress_summary_clerk, regress_summary_nobody;
