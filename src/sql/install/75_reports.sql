-- ---------------------------------------------------------------------------
-- src/sql/install/75_reports.sql
--   What managers and analysts read (SPEC section 6): the unit scorecard and
--   its ranking with the bottom three flagged (湖北移动 §六(三)), the same
--   indicators by channel, category, region and month (with a bar drawn in
--   block characters), the morning list of cases due soon, and the public
--   notice (张榜/通报) of a period.  README.md, "Reports", defines every
--   indicator exactly.
--
--   Every report runs with the caller's rights (no SECURITY DEFINER): what a
--   caller may not read, a report does not read for them.  No report reads
--   or returns a complainant_* column: figures are aggregates, lists carry
--   case ids, codes and times only.
--
--   The figures come from one statement over the raw tables
--   (complaint.report_figures); the unit a case counts for is its
--   first-inquiry unit: the unit it was given to at registration (the
--   first responder's own unit, or the one routing chose), i.e. the
--   from_unit of its first transfer, else its handling unit.  The partial
--   index below keeps that look-up to the transferred cases.
-- ---------------------------------------------------------------------------

-- the transfers of each case, in order: the first one names the unit that
-- first had the case (complaint.report_figures); only transfer events are
-- indexed, so other steps write no entry
CREATE INDEX event_transferred_idx ON complaint.event (case_id, id) WHERE kind = 'transferred';
COMMENT ON INDEX complaint.event_transferred_idx IS
	'the transfer events of each case in order (reports: the first transfer''s from_unit is the case''s first-inquiry unit)';

-- weights of the composite score of complaint.unit_ranking
CREATE TABLE complaint.ranking_weight (
	indicator			text NOT NULL
						CONSTRAINT ranking_weight_indicator_valid
						CHECK (indicator IN ('first_inquiry_pct', 'on_time_pct', 'satisfaction_pct', 'completion_pct')),
	weight				numeric NOT NULL
						CONSTRAINT ranking_weight_weight_valid CHECK (weight >= 0 AND weight <= 1000),
	builtin				boolean NOT NULL DEFAULT false,
	description			text,
	PRIMARY KEY (indicator, builtin)
);
COMMENT ON TABLE complaint.ranking_weight IS
	'weights of the composite score of complaint.unit_ranking, one row per indicator; a row of your own (builtin false) replaces the shipped one (builtin true), which CREATE EXTENSION recreates';
COMMENT ON COLUMN complaint.ranking_weight.indicator IS
	'a percentage column of complaint.unit_scorecard: first_inquiry_pct, on_time_pct, satisfaction_pct or completion_pct';
COMMENT ON COLUMN complaint.ranking_weight.weight IS
	'relative weight (0 leaves the indicator out); the score is the weighted mean of the unit''s rounded percentages over the indicators it has';
COMMENT ON COLUMN complaint.ranking_weight.builtin IS
	'true for the shipped defaults (not dumped); insert a row with builtin false to change a weight (dumped and restored)';
INSERT INTO complaint.ranking_weight (indicator, weight, builtin, description) VALUES
	('first_inquiry_pct', 40, true, '首问解决率: 湖北移动 §六(三) ranks units by it'),
	('on_time_pct', 30, true, '按时办结率 (限时办结制)'),
	('satisfaction_pct', 20, true, '满意率 (closed to the complainant''s satisfaction)'),
	('completion_pct', 10, true, '办结率');
SELECT pg_catalog.pg_extension_config_dump('complaint.ranking_weight', 'WHERE NOT builtin');

-- a bar of block characters for a terminal
CREATE FUNCTION complaint.bar(value numeric, maximum numeric, width integer DEFAULT 20) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	-- the block characters by code point (U+2588 full block, U+2589..U+258F the
	-- eighths), so that the install script holds none: a database whose
	-- encoding has no block characters (EUC_CN) gets a bar of '#' instead
	SELECT CASE WHEN $1 IS NULL OR $2 IS NULL OR $3 IS NULL OR $1 <= 0 OR $2 <= 0 OR $3 <= 0 THEN ''
				WHEN getdatabaseencoding() NOT IN ('UTF8', 'SQL_ASCII') THEN repeat('#', greatest(1, round(x.eighths / 8.0))::integer)
				ELSE repeat(chr(9608), x.eighths / 8)
					 || CASE WHEN x.eighths % 8 > 0 THEN chr(9616 - x.eighths % 8) ELSE '' END
		   END
	  FROM (SELECT greatest(1, round(least($1, $2) / nullif($2, 0) * least(greatest($3, 0), 1000) * 8))::integer AS eighths) x
$$;
COMMENT ON FUNCTION complaint.bar(numeric, numeric, integer) IS
	'a horizontal bar of block characters (U+2588 and the eighths U+258F to U+2589) whose length is value / maximum of width characters, to the nearest eighth; at least one eighth for a positive value, '''' for zero, NULL or a non-positive maximum; in a database whose encoding has no block characters, # per character';

-- arguments every report checks
CREATE FUNCTION complaint.report_check(from_date date, to_date date, root_unit text DEFAULT NULL) RETURNS void
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF from_date IS NULL OR to_date IS NULL THEN
		RAISE EXCEPTION 'a report needs a period: from_date and to_date must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT (isfinite(from_date) AND isfinite(to_date)) THEN
		RAISE EXCEPTION 'a report period must have finite dates'
			USING ERRCODE = 'datetime_field_overflow';
	END IF;
	IF from_date > to_date THEN
		RAISE EXCEPTION 'empty report period: % is after %', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The period is from_date to to_date, both included.';
	END IF;
	IF root_unit IS NOT NULL AND NOT EXISTS (SELECT FROM complaint.unit u WHERE u.code = root_unit) THEN
		RAISE EXCEPTION 'unit "%" does not exist', root_unit
			USING ERRCODE = 'undefined_object';
	END IF;
END
$$;
COMMENT ON FUNCTION complaint.report_check(date, date, text) IS
	'checks the arguments of a report: a period (22004 when a date is null, 22008 when infinite, 22023 when from_date > to_date) and an existing root unit (42704)';

-- the figures of every report counted again from the raw rows, with the
-- caller's rights: what complaint.report_figures gave before the summaries
-- (76_report_summary.sql), kept as the independent check of them (regress
-- test report_summary) and as the definition in one statement
CREATE FUNCTION complaint.report_recount(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, referred_out bigint, completed bigint, on_time bigint,
				   first_inquiry bigint, overdue_open bigint, answered bigint, days_mean double precision,
				   days_median double precision, days_p90 double precision, feedback bigint, satisfied bigint,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	-- one pass over a year costs far less than compiling it
	SET jit = off
	AS $$
#variable_conflict use_column
DECLARE
	now_ constant timestamptz := complaint.clock_now();
BEGIN
	PERFORM complaint.report_check(report_recount.from_date, report_recount.to_date, report_recount.root_unit);
	IF dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF dimension NOT IN ('unit', 'channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The dimensions are unit, channel, category, region and month.';
	END IF;
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = report_recount.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	), units AS MATERIALIZED (
		-- the units in scope, their calendar, its time zone and the length of
		-- its working day (the hours of its first working weekday)
		SELECT u.code, u.calendar, k.time_zone AS tz,
			   (SELECT sum(date_part('epoch', h.ends - h.starts)) FROM complaint.calendar_hours h
				 WHERE h.calendar = k.name
				   AND h.isodow = (SELECT min(w) FROM unnest(k.work_weekdays) w)) AS day_secs
		  FROM complaint.unit u JOIN complaint.calendar k ON k.name = u.calendar
		 WHERE report_recount.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s)
	), firsts AS (
		-- the unit that had a transferred case first: its first transfer's from_unit
		SELECT DISTINCT ON (e.case_id) e.case_id, e.detail ->> 'from_unit' AS unit
		  FROM complaint.event e
		 WHERE e.kind = 'transferred'
		 ORDER BY e.case_id, e.id
	), esc AS (
		SELECT x.case_id,
			   count(*) FILTER (WHERE x.step = 'warning') AS warning,
			   count(*) FILTER (WHERE x.step = 'handler') AS handler,
			   count(*) FILTER (WHERE x.step = 'unit_head') AS unit_head,
			   count(*) FILTER (WHERE x.step = 'supervising_leader') AS supervising_leader,
			   count(*) FILTER (WHERE x.step = 'accountability_office') AS accountability_office,
			   count(*) FILTER (WHERE x.step = 'handover_overdue') AS handover_overdue,
			   count(*) FILTER (WHERE x.step = 'handover_report_overdue') AS handover_report_overdue
		  FROM complaint.escalation x
		 GROUP BY x.case_id
	), f AS (
		-- a subquery kept whole (OFFSET 0), so that each case's working time
		-- is computed once, not once per aggregate that reads it
		SELECT * FROM (
		SELECT CASE report_recount.dimension
					WHEN 'unit' THEN u.code
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(c.received_at AT TIME ZONE u.tz, 'YYYY-MM') END AS key,
			   c.status,
			   c.answered_at <= c.deadline AS in_time,
			   t.case_id IS NOT NULL AS transferred,
			   c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
				   AND c.deadline < now_ AS overdue,
			   -- working days from receipt to the answer on the unit's calendar,
			   -- the working time of every pause for materials taken off
			   CASE WHEN c.answered_at IS NOT NULL AND u.day_secs > 0 THEN
					(date_part('epoch', complaint.worktime_between(c.received_at, c.answered_at, u.calendar))
					 - CASE WHEN c.paused_total > interval '0' THEN
						   (SELECT coalesce(sum(date_part('epoch', complaint.worktime_between(p.at, p.resumed, u.calendar))), 0)
							  FROM (SELECT e.at, e.kind, lead(e.at) OVER (ORDER BY e.id) AS resumed
									  FROM complaint.event e
									 WHERE e.case_id = c.id
									   AND e.kind IN ('materials_requested', 'materials_received')) p
							 WHERE p.kind = 'materials_requested' AND p.resumed <= c.answered_at)
					   ELSE 0 END) / u.day_secs
			   END AS days,
			   c.satisfaction,
			   c.repeat_of IS NOT NULL AS is_repeat,
			   c.upgraded,
			   c.reopen_count > 0 AS was_reopened,
			   x.warning, x.handler, x.unit_head, x.supervising_leader, x.accountability_office,
			   x.handover_overdue, x.handover_report_overdue
		  FROM complaint.cases c
		  LEFT JOIN firsts t ON t.case_id = c.id
		  JOIN units u ON u.code = coalesce(t.unit, c.handler_unit)
		  LEFT JOIN esc x ON x.case_id = c.id
		 -- a coarse bound in UTC first (local dates are within a day of it)
		 WHERE c.received_at >= (report_recount.from_date - 1)::timestamp AT TIME ZONE 'UTC'
		   AND c.received_at < (report_recount.to_date + 2)::timestamp AT TIME ZONE 'UTC'
		   AND (c.received_at AT TIME ZONE u.tz)::date BETWEEN report_recount.from_date AND report_recount.to_date
		OFFSET 0) f0
	), a AS (
		SELECT f.key,
			   count(*) AS received,
			   count(*) FILTER (WHERE f.status = 'referred_out') AS referred_out,
			   count(*) FILTER (WHERE f.status = 'closed') AS completed,
			   count(*) FILTER (WHERE f.status = 'closed' AND f.in_time) AS on_time,
			   count(*) FILTER (WHERE f.status = 'closed' AND NOT f.transferred) AS first_inquiry,
			   count(*) FILTER (WHERE f.overdue) AS overdue_open,
			   count(f.days) AS answered,
			   avg(f.days) AS days_mean,
			   percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) AS days_median,
			   percentile_cont(0.9) WITHIN GROUP (ORDER BY f.days) AS days_p90,
			   count(f.satisfaction) AS feedback,
			   count(*) FILTER (WHERE f.satisfaction IN ('satisfied', 'basically_satisfied')) AS satisfied,
			   count(*) FILTER (WHERE f.is_repeat) AS repeats,
			   count(*) FILTER (WHERE f.upgraded) AS upgraded,
			   count(*) FILTER (WHERE f.was_reopened) AS reopened,
			   coalesce(sum(f.warning), 0)::bigint AS esc_warning,
			   coalesce(sum(f.handler), 0)::bigint AS esc_handler,
			   coalesce(sum(f.unit_head), 0)::bigint AS esc_unit_head,
			   coalesce(sum(f.supervising_leader), 0)::bigint AS esc_supervising_leader,
			   coalesce(sum(f.accountability_office), 0)::bigint AS esc_accountability_office,
			   coalesce(sum(f.handover_overdue), 0)::bigint AS esc_handover_overdue,
			   coalesce(sum(f.handover_report_overdue), 0)::bigint AS esc_handover_report_overdue
		  FROM f
		 GROUP BY f.key
	), v AS (
		-- violations that occurred in the period (local date of the unit),
		-- counted for the unit recorded on them, else the violator's unit;
		-- by channel, category and region only those of a case
		SELECT CASE report_recount.dimension
					WHEN 'unit' THEN u.code
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(v.occurred_at AT TIME ZONE u.tz, 'YYYY-MM') END AS key,
			   count(*) AS violations,
			   count(s.decided_at) AS sanctions
		  FROM complaint.violation v
		  LEFT JOIN complaint.staff st ON st.code = v.staff_code
		  JOIN units u ON u.code = coalesce(v.unit_code, st.unit_code)
		  LEFT JOIN complaint.cases c ON c.id = v.case_id
		  LEFT JOIN complaint.sanction s ON s.violation_id = v.id
		 WHERE (v.occurred_at AT TIME ZONE u.tz)::date BETWEEN report_recount.from_date AND report_recount.to_date
		   AND (report_recount.dimension IN ('unit', 'month') OR v.case_id IS NOT NULL)
		 GROUP BY 1
	)
	SELECT coalesce(a.key, v.key),
		   coalesce(a.received, 0), coalesce(a.referred_out, 0), coalesce(a.completed, 0), coalesce(a.on_time, 0),
		   coalesce(a.first_inquiry, 0), coalesce(a.overdue_open, 0), coalesce(a.answered, 0),
		   a.days_mean, a.days_median, a.days_p90,
		   coalesce(a.feedback, 0), coalesce(a.satisfied, 0),
		   coalesce(a.repeats, 0), coalesce(a.upgraded, 0), coalesce(a.reopened, 0),
		   coalesce(a.esc_warning, 0), coalesce(a.esc_handler, 0), coalesce(a.esc_unit_head, 0),
		   coalesce(a.esc_supervising_leader, 0), coalesce(a.esc_accountability_office, 0),
		   coalesce(a.esc_handover_overdue, 0), coalesce(a.esc_handover_report_overdue, 0),
		   coalesce(v.violations, 0), coalesce(v.sanctions, 0)
	  FROM a FULL JOIN v ON v.key = a.key;
END
$$;
COMMENT ON FUNCTION complaint.report_recount(text, date, date, text) IS
	'the figures of complaint.report_figures counted again from the raw rows in one statement, with the caller''s rights and row-level security (for a staff member: the cases the policies show them, of any unit); slow (seconds for a year of a province): it checks the summaries, which must always give the same figures';

-- the figures behind every report, grouped by one dimension: the summary
-- rows nothing changed since (complaint.report_groups) plus the rest case
-- by case (complaint.report_cases), of the units the caller answers for
CREATE FUNCTION complaint.report_figures(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, referred_out bigint, completed bigint, on_time bigint,
				   first_inquiry bigint, overdue_open bigint, answered bigint, days_mean double precision,
				   days_median double precision, days_p90 double precision, feedback bigint, satisfied bigint,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	SET jit = off
	AS $$
#variable_conflict use_column
DECLARE
	scope constant text[] := complaint.report_scope();
	now_ constant timestamptz := complaint.clock_now();
	in_units text[];
	group_dimension text;
BEGIN
	PERFORM complaint.report_check(report_figures.from_date, report_figures.to_date, report_figures.root_unit);
	IF report_figures.dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF report_figures.dimension NOT IN ('unit', 'channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', report_figures.dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The dimensions are unit, channel, category, region and month.';
	END IF;
	group_dimension := CASE WHEN report_figures.dimension IN ('unit', 'month') THEN 'unit' ELSE report_figures.dimension END;
	-- root_unit's subtree (every unit without one), of the units the caller answers for
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = report_figures.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	)
	SELECT coalesce(array_agg(u.code), '{}') INTO in_units
	  FROM complaint.unit u
	 WHERE (report_figures.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s))
	   AND (scope IS NULL OR u.code = ANY (scope));
	RETURN QUERY
	WITH units AS MATERIALIZED (
		-- the length of each unit's working day (the hours of its calendar's
		-- first working weekday), which turns working time into working days
		SELECT u.code,
			   (SELECT sum(date_part('epoch', h.ends - h.starts)) FROM complaint.calendar_hours h
				 WHERE h.calendar = k.name
				   AND h.isodow = (SELECT min(w) FROM unnest(k.work_weekdays) w)) AS day_secs
		  FROM complaint.unit u JOIN complaint.calendar k ON k.name = u.calendar
		 WHERE u.code = ANY (in_units)
	), r AS (
		SELECT CASE WHEN report_figures.dimension = 'month' THEN to_char(g.day, 'YYYY-MM') ELSE g.key END AS key,
			   g.unit, g.received, g.referred_out, g.completed, g.on_time, g.first_inquiry,
			   -- open with a running clock and past the deadline now
			   CASE WHEN cardinality(g.overdue_at) = 0 THEN 0
					ELSE (SELECT count(*) FROM unnest(g.overdue_at) d WHERE d < now_) END AS overdue_open,
			   g.answered, g.sum_us, g.work_us, g.feedback, g.satisfied, g.repeats, g.upgraded, g.reopened,
			   g.esc_warning, g.esc_handler, g.esc_unit_head, g.esc_supervising_leader, g.esc_accountability_office,
			   g.esc_handover_overdue, g.esc_handover_report_overdue
		  FROM complaint.report_groups g
		 WHERE g.dimension = group_dimension
		   AND g.day BETWEEN report_figures.from_date AND report_figures.to_date
		   AND g.unit = ANY (in_units)
		UNION ALL
		SELECT CASE report_figures.dimension
					WHEN 'unit' THEN c.unit
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(c.day, 'YYYY-MM') END,
			   c.unit, 1, c.referred_out::integer, c.completed::integer, c.on_time::integer,
			   c.first_inquiry::integer, coalesce(c.overdue_at < now_, false)::integer,
			   (c.work_us IS NOT NULL)::integer, coalesce(c.work_us, 0),
			   CASE WHEN c.work_us IS NULL THEN '{}'::bigint[] ELSE ARRAY[c.work_us] END,
			   c.feedback::integer, c.satisfied::integer, c.is_repeat::integer, c.upgraded::integer,
			   c.reopened::integer,
			   c.esc_warning, c.esc_handler, c.esc_unit_head, c.esc_supervising_leader, c.esc_accountability_office,
			   c.esc_handover_overdue, c.esc_handover_report_overdue
		  FROM complaint.report_cases c
		 WHERE c.day BETWEEN report_figures.from_date AND report_figures.to_date
		   AND c.unit = ANY (in_units)
	), a AS (
		SELECT r.key,
			   sum(r.received)::bigint AS received,
			   sum(r.referred_out)::bigint AS referred_out,
			   sum(r.completed)::bigint AS completed,
			   sum(r.on_time)::bigint AS on_time,
			   sum(r.first_inquiry)::bigint AS first_inquiry,
			   sum(r.overdue_open)::bigint AS overdue_open,
			   coalesce(sum(r.answered) FILTER (WHERE u.day_secs > 0), 0)::bigint AS answered,
			   (sum(r.sum_us::numeric / u.day_secs::numeric) FILTER (WHERE u.day_secs > 0) / 1000000
				/ nullif(sum(r.answered) FILTER (WHERE u.day_secs > 0), 0))::double precision AS days_mean,
			   complaint.report_days(r.work_us, u.day_secs, '{0.5,0.9}') AS pct,
			   sum(r.feedback)::bigint AS feedback,
			   sum(r.satisfied)::bigint AS satisfied,
			   sum(r.repeats)::bigint AS repeats,
			   sum(r.upgraded)::bigint AS upgraded,
			   sum(r.reopened)::bigint AS reopened,
			   sum(r.esc_warning)::bigint AS esc_warning,
			   sum(r.esc_handler)::bigint AS esc_handler,
			   sum(r.esc_unit_head)::bigint AS esc_unit_head,
			   sum(r.esc_supervising_leader)::bigint AS esc_supervising_leader,
			   sum(r.esc_accountability_office)::bigint AS esc_accountability_office,
			   sum(r.esc_handover_overdue)::bigint AS esc_handover_overdue,
			   sum(r.esc_handover_report_overdue)::bigint AS esc_handover_report_overdue
		  FROM r JOIN units u ON u.code = r.unit
		 GROUP BY r.key
	), v AS (
		-- violations that occurred in the period (local date of the unit),
		-- counted for the unit recorded on them, else the violator's unit;
		-- by channel, category and region only those of a case
		SELECT CASE report_figures.dimension
					WHEN 'unit' THEN x.unit
					WHEN 'channel' THEN x.channel::text
					WHEN 'category' THEN coalesce(x.category, '(none)')
					WHEN 'region' THEN coalesce(x.region, '(none)')
					ELSE to_char(x.day, 'YYYY-MM') END AS key,
			   count(*) AS violations,
			   count(*) FILTER (WHERE x.sanctioned) AS sanctions
		  FROM complaint.report_violations x
		 WHERE x.day BETWEEN report_figures.from_date AND report_figures.to_date
		   AND x.unit = ANY (in_units)
		   AND (report_figures.dimension IN ('unit', 'month') OR x.of_case)
		 GROUP BY 1
	)
	SELECT coalesce(a.key, v.key),
		   coalesce(a.received, 0), coalesce(a.referred_out, 0), coalesce(a.completed, 0), coalesce(a.on_time, 0),
		   coalesce(a.first_inquiry, 0), coalesce(a.overdue_open, 0), coalesce(a.answered, 0),
		   a.days_mean, a.pct[1], a.pct[2],
		   coalesce(a.feedback, 0), coalesce(a.satisfied, 0),
		   coalesce(a.repeats, 0), coalesce(a.upgraded, 0), coalesce(a.reopened, 0),
		   coalesce(a.esc_warning, 0), coalesce(a.esc_handler, 0), coalesce(a.esc_unit_head, 0),
		   coalesce(a.esc_supervising_leader, 0), coalesce(a.esc_accountability_office, 0),
		   coalesce(a.esc_handover_overdue, 0), coalesce(a.esc_handover_report_overdue, 0),
		   coalesce(v.violations, 0), coalesce(v.sanctions, 0)
	  FROM a FULL JOIN v ON v.key = a.key;
END
$$;
COMMENT ON FUNCTION complaint.report_figures(text, date, date, text) IS
	'the raw counts behind every report for the cases received in a period (local date on the calendar of the case''s first-inquiry unit), grouped by unit, channel, category, region or month (YYYY-MM), of root_unit''s subtree and of the units the caller answers for (complaint.report_scope); read from the summaries plus the cases they do not hold as they are now, so always the figures complaint.report_recount counts from the raw rows; used by complaint.unit_scorecard and complaint.scorecard_by';

-- one row per unit
CREATE FUNCTION complaint.unit_scorecard(from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (unit text, unit_name text, received bigint, referred_out bigint,
				   completed bigint, completion_pct numeric, on_time bigint, on_time_pct numeric,
				   first_inquiry bigint, first_inquiry_pct numeric, overdue_open bigint,
				   answered bigint, days_mean numeric, days_median numeric, days_p90 numeric,
				   feedback bigint, satisfied bigint, satisfaction_pct numeric,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
DECLARE
	scope constant text[] := complaint.report_scope();
BEGIN
	PERFORM complaint.report_check(unit_scorecard.from_date, unit_scorecard.to_date, unit_scorecard.root_unit);
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = unit_scorecard.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	)
	SELECT u.code, u.name, coalesce(r.received, 0), coalesce(r.referred_out, 0),
		   coalesce(r.completed, 0), round(100.0 * r.completed / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.on_time, 0), round(100.0 * r.on_time / nullif(r.completed, 0), 1),
		   coalesce(r.first_inquiry, 0), round(100.0 * r.first_inquiry / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.overdue_open, 0),
		   coalesce(r.answered, 0), round(r.days_mean::numeric, 1), round(r.days_median::numeric, 1),
		   round(r.days_p90::numeric, 1),
		   coalesce(r.feedback, 0), coalesce(r.satisfied, 0), round(100.0 * r.satisfied / nullif(r.feedback, 0), 1),
		   coalesce(r.repeats, 0), coalesce(r.upgraded, 0), coalesce(r.reopened, 0),
		   coalesce(r.esc_warning, 0), coalesce(r.esc_handler, 0), coalesce(r.esc_unit_head, 0),
		   coalesce(r.esc_supervising_leader, 0), coalesce(r.esc_accountability_office, 0),
		   coalesce(r.esc_handover_overdue, 0), coalesce(r.esc_handover_report_overdue, 0),
		   coalesce(r.violations, 0), coalesce(r.sanctions, 0)
	  FROM complaint.unit u
	  LEFT JOIN complaint.report_figures('unit', unit_scorecard.from_date, unit_scorecard.to_date,
										 unit_scorecard.root_unit) r ON r.key = u.code
	 WHERE (unit_scorecard.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s))
	   AND (scope IS NULL OR u.code = ANY (scope))
	 ORDER BY u.code;
END
$$;
COMMENT ON FUNCTION complaint.unit_scorecard(date, date, text) IS
	'scorecard of every unit (or of root_unit''s subtree) the caller answers for (complaint.report_scope: every unit for analysts, the accountability office and the administrator; a staff member''s own unit and the subtrees they head) for the cases received from from_date to to_date (local dates, both included): received, completion, on-time, first-inquiry and satisfaction rates, overdue open cases, handling time in working days (mean, median, 90th percentile), repeats, upgraded, reopened, escalations by rung, violations and decided sanctions; README.md "Reports" defines each column';

-- the ranking by the composite score, with the bottom three flagged
CREATE FUNCTION complaint.unit_ranking(from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE ("rank" bigint, unit text, unit_name text, received bigint,
				   first_inquiry_pct numeric, on_time_pct numeric, satisfaction_pct numeric, completion_pct numeric,
				   score numeric, award_eligible boolean)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH w AS (
		-- the weight in force for each indicator: one's own row, else the shipped one
		SELECT DISTINCT ON (rw.indicator) rw.indicator, rw.weight
		  FROM complaint.ranking_weight rw
		 ORDER BY rw.indicator, rw.builtin
	), k AS (
		SELECT coalesce(max(w.weight) FILTER (WHERE w.indicator = 'first_inquiry_pct'), 0) AS fi,
			   coalesce(max(w.weight) FILTER (WHERE w.indicator = 'on_time_pct'), 0) AS ot,
			   coalesce(max(w.weight) FILTER (WHERE w.indicator = 'satisfaction_pct'), 0) AS sa,
			   coalesce(max(w.weight) FILTER (WHERE w.indicator = 'completion_pct'), 0) AS co
		  FROM w
	), s AS (
		SELECT c.unit, c.unit_name, c.received, c.first_inquiry_pct, c.on_time_pct, c.satisfaction_pct,
			   c.completion_pct,
			   round((coalesce(k.fi * c.first_inquiry_pct, 0) + coalesce(k.ot * c.on_time_pct, 0)
					  + coalesce(k.sa * c.satisfaction_pct, 0) + coalesce(k.co * c.completion_pct, 0))
					 / nullif(CASE WHEN c.first_inquiry_pct IS NULL THEN 0 ELSE k.fi END
							  + CASE WHEN c.on_time_pct IS NULL THEN 0 ELSE k.ot END
							  + CASE WHEN c.satisfaction_pct IS NULL THEN 0 ELSE k.sa END
							  + CASE WHEN c.completion_pct IS NULL THEN 0 ELSE k.co END, 0), 1) AS score
		  FROM complaint.unit_scorecard($1, $2, $3) c, k
	), r AS (
		SELECT s.*,
			   rank() OVER (PARTITION BY s.score IS NULL ORDER BY s.score DESC) AS from_top,
			   rank() OVER (PARTITION BY s.score IS NULL ORDER BY s.score) AS from_bottom,
			   count(s.score) OVER () AS ranked
		  FROM s
	)
	SELECT CASE WHEN r.score IS NOT NULL THEN r.from_top END,
		   r.unit, r.unit_name, r.received,
		   r.first_inquiry_pct, r.on_time_pct, r.satisfaction_pct, r.completion_pct, r.score,
		   CASE WHEN r.score IS NOT NULL THEN NOT (r.ranked >= 4 AND r.from_bottom <= 3 AND r.from_top > 1) END
	  FROM r
	 ORDER BY r.score IS NULL, r.from_top, r.unit
$$;
COMMENT ON FUNCTION complaint.unit_ranking(date, date, text) IS
	'units ranked by the composite score (weighted mean of their rounded first-inquiry, on-time, satisfaction and completion percentages, weights in complaint.ranking_weight), rounded to 0.1; equal scores share a rank (1, 2, 2, 4); award_eligible is false for the bottom three (湖北移动 §六(三)): every unit whose rank counted from the bottom is 3 or less, ties included, when at least four units are ranked, never a unit sharing the top rank; NULL rank and award_eligible for a unit without a score';

-- the same indicators by channel, category, region or month
CREATE FUNCTION complaint.scorecard_by(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, bar text, referred_out bigint,
				   completed bigint, completion_pct numeric, on_time bigint, on_time_pct numeric,
				   first_inquiry bigint, first_inquiry_pct numeric, overdue_open bigint,
				   answered bigint, days_mean numeric, days_median numeric, days_p90 numeric,
				   feedback bigint, satisfied bigint, satisfaction_pct numeric,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
BEGIN
	IF dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF dimension NOT IN ('channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'scorecard_by takes channel, category, region or month; complaint.unit_scorecard gives the units.';
	END IF;
	PERFORM complaint.report_check(scorecard_by.from_date, scorecard_by.to_date, scorecard_by.root_unit);
	RETURN QUERY
	WITH r AS MATERIALIZED (
		SELECT * FROM complaint.report_figures(scorecard_by.dimension, scorecard_by.from_date, scorecard_by.to_date,
											   scorecard_by.root_unit)
	), keys AS (
		-- every month of the period, also those without cases
		SELECT r.key FROM r
		UNION
		SELECT to_char(m, 'YYYY-MM')
		  FROM generate_series(date_trunc('month', scorecard_by.from_date::timestamp),
							   scorecard_by.to_date::timestamp, interval '1 month') m
		 WHERE scorecard_by.dimension = 'month'
	)
	SELECT k.key, coalesce(r.received, 0),
		   complaint.bar(coalesce(r.received, 0), max(r.received) OVER (), 20),
		   coalesce(r.referred_out, 0),
		   coalesce(r.completed, 0), round(100.0 * r.completed / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.on_time, 0), round(100.0 * r.on_time / nullif(r.completed, 0), 1),
		   coalesce(r.first_inquiry, 0), round(100.0 * r.first_inquiry / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.overdue_open, 0),
		   coalesce(r.answered, 0), round(r.days_mean::numeric, 1), round(r.days_median::numeric, 1),
		   round(r.days_p90::numeric, 1),
		   coalesce(r.feedback, 0), coalesce(r.satisfied, 0), round(100.0 * r.satisfied / nullif(r.feedback, 0), 1),
		   coalesce(r.repeats, 0), coalesce(r.upgraded, 0), coalesce(r.reopened, 0),
		   coalesce(r.esc_warning, 0), coalesce(r.esc_handler, 0), coalesce(r.esc_unit_head, 0),
		   coalesce(r.esc_supervising_leader, 0), coalesce(r.esc_accountability_office, 0),
		   coalesce(r.esc_handover_overdue, 0), coalesce(r.esc_handover_report_overdue, 0),
		   coalesce(r.violations, 0), coalesce(r.sanctions, 0)
	  FROM keys k LEFT JOIN r ON r.key = k.key
	 ORDER BY k.key;
END
$$;
COMMENT ON FUNCTION complaint.scorecard_by(text, date, date, text) IS
	'the indicators of complaint.unit_scorecard by channel, category, region or month (YYYY-MM of the local date of receipt; every month of the period is listed) for the cases received in the period, optionally of root_unit''s subtree, ordered by key; bar draws received scaled to the largest row (20 characters)';

-- the morning list: open cases whose deadline is near
CREATE FUNCTION complaint.due_soon(within_working_hours integer DEFAULT 8, unit text DEFAULT NULL,
								   staff text DEFAULT NULL)
	RETURNS TABLE (case_id bigint, status complaint.case_status, kind complaint.case_kind,
				   channel complaint.case_channel, category text, handler_unit text, handler_staff text,
				   first_responder text, calendar text, deadline timestamptz, deadline_local timestamp,
				   working_hours_left numeric, overdue boolean)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
DECLARE
	now_ constant timestamptz := complaint.clock_now();
	within constant interval := make_interval(hours => within_working_hours);
BEGIN
	IF within_working_hours IS NULL THEN
		RAISE EXCEPTION 'within_working_hours must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF within_working_hours < 0 OR within_working_hours > 100000 THEN
		RAISE EXCEPTION 'within_working_hours must be between 0 and 100000, not %', within_working_hours
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF due_soon.unit IS NOT NULL AND NOT EXISTS (SELECT FROM complaint.unit u WHERE u.code = due_soon.unit) THEN
		RAISE EXCEPTION 'unit "%" does not exist', due_soon.unit USING ERRCODE = 'undefined_object';
	END IF;
	IF due_soon.staff IS NOT NULL AND NOT EXISTS (SELECT FROM complaint.staff s WHERE s.code = due_soon.staff) THEN
		RAISE EXCEPTION 'staff member "%" does not exist', due_soon.staff USING ERRCODE = 'undefined_object';
	END IF;
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = due_soon.unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	), open AS (
		-- running clocks only: not answered, not waiting for materials
		SELECT c.id, c.status, c.kind, c.channel, c.category, c.handler_unit, c.handler_staff, c.first_responder,
			   c.calendar, c.deadline
		  FROM complaint.cases c
		 WHERE c.closed_at IS NULL AND c.referred_at IS NULL
		   AND c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
		   AND (due_soon.unit IS NULL OR c.handler_unit IN (SELECT s.code FROM sub s))
		   AND (due_soon.staff IS NULL OR c.handler_staff = due_soon.staff OR c.first_responder = due_soon.staff)
	)
	SELECT o.id, o.status, o.kind, o.channel, o.category, o.handler_unit, o.handler_staff, o.first_responder,
		   o.calendar, o.deadline, o.deadline AT TIME ZONE k.time_zone,
		   round((date_part('epoch', complaint.worktime_between(now_, o.deadline, o.calendar)) / 3600)::numeric, 1),
		   o.deadline < now_
	  FROM open o JOIN complaint.calendar k ON k.name = o.calendar
	 WHERE o.deadline <= complaint.add_worktime(now_, within, o.calendar)
	 ORDER BY o.deadline, o.id;
END
$$;
COMMENT ON FUNCTION complaint.due_soon(integer, text, text) IS
	'open cases with a running clock (not answered, not waiting for materials) whose deadline falls within the next within_working_hours working hours on the case''s calendar, overdue ones included (negative hours left), of unit''s subtree (handling unit) and of staff (handler or first responder) when given, ordered by deadline; no complainant data';

-- the public notice of a period (张榜/通报)
CREATE FUNCTION complaint.public_notice(from_date date, to_date date) RETURNS text
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	kinds constant text[] := ARRAY['refusal', 'late_handover', 'bad_attitude', 'no_answer_in_time', 'dereliction',
								   'missing_self_check_report', 'other'];
	kind_names constant text[] := ARRAY['推诿、拒绝', '未及时转交', '态度恶劣', '超过时限未答复又未说明原因', '失职、渎职',
										'未按时报送自查报告', '其他'];
	r record;
	t text;
	line text;
	n_units bigint;
	n_received bigint;
	n_completed bigint;
	n_ranked bigint;
	weights text;
	listed integer;
	praise text;
	blame text;
BEGIN
	PERFORM complaint.report_check(from_date, to_date);
	SELECT count(*), coalesce(sum(c.received), 0), coalesce(sum(c.completed), 0)
	  INTO n_units, n_received, n_completed
	  FROM complaint.unit_scorecard(from_date, to_date) c;
	SELECT string_agg(format('%s %s', x.name, trim(to_char(x.weight, 'FM999990.##'), '.')), '、' ORDER BY x.ord)
	  INTO weights
	  FROM (SELECT DISTINCT ON (w.indicator) w.indicator, w.weight,
				   array_position(ARRAY['first_inquiry_pct', 'on_time_pct', 'satisfaction_pct', 'completion_pct'],
								  w.indicator) AS ord,
				   CASE w.indicator WHEN 'first_inquiry_pct' THEN '首问解决率' WHEN 'on_time_pct' THEN '按时办结率'
									WHEN 'satisfaction_pct' THEN '满意率' ELSE '办结率' END AS name
			  FROM complaint.ranking_weight w
			 ORDER BY w.indicator, w.builtin) x
	 WHERE x.weight > 0;

	t := format(E'首问责任制执行情况通报\n（%s 至 %s）\n\n', to_char(from_date, 'YYYY"年"FMMM"月"FMDD"日"'),
				to_char(to_date, 'YYYY"年"FMMM"月"FMDD"日"'));
	t := t || format(E'本期 %s 个单位共受理 %s 件，办结 %s 件。排名依据综合得分（%s 加权，按首办单位统计）。\n\n',
					 n_units, n_received, n_completed, coalesce(weights, '无权重'));

	-- 一、表扬 and 二、通报批评, from the ranking
	n_ranked := 0;
	praise := '';
	blame := '';
	FOR r IN SELECT * FROM complaint.unit_ranking(from_date, to_date) LOOP
		CONTINUE WHEN r.score IS NULL;
		n_ranked := n_ranked + 1;
		line := format(E'  第%s名  %s（%s）：综合得分 %s；首问解决率 %s，按时办结率 %s，满意率 %s，办结率 %s\n',
					   r.rank, r.unit_name, r.unit, r.score,
					   coalesce(r.first_inquiry_pct || '%', '无'), coalesce(r.on_time_pct || '%', '无'),
					   coalesce(r.satisfaction_pct || '%', '无'), coalesce(r.completion_pct || '%', '无'));
		IF r.rank <= 3 AND r.award_eligible THEN
			praise := praise || line;
		END IF;
		IF NOT r.award_eligible THEN
			blame := blame || line;
		END IF;
	END LOOP;
	t := t || E'一、表扬（综合得分前三名）\n'
		   || CASE WHEN praise = '' THEN E'  本期无参加排名的单位。\n' ELSE praise END || E'\n';
	t := t || E'二、通报批评（综合得分后三名，不得参加年度优秀单位评比）\n'
		   || CASE WHEN n_ranked < 4 THEN format(E'  参加排名的单位不足四个（%s 个），本期不列后三名。\n', n_ranked)
				   WHEN blame = '' THEN E'  无。\n'
				   ELSE blame END || E'\n';

	-- 三、违规情况: every violation that occurred in the period, by unit and kind
	t := t || E'三、本期违反首问责任制情况\n';
	listed := 0;
	FOR r IN
		SELECT u.code, u.name,
			   string_agg(format('%s %s 起', kind_names[array_position(kinds, x.kind::text)], x.n), '，'
						  ORDER BY array_position(kinds, x.kind::text)) AS what,
			   sum(x.n) AS total
		  FROM (SELECT coalesce(v.unit_code, st.unit_code) AS unit, v.kind, count(*) AS n
				  FROM complaint.violation v
				  LEFT JOIN complaint.staff st ON st.code = v.staff_code
				  JOIN complaint.unit vu ON vu.code = coalesce(v.unit_code, st.unit_code)
				  JOIN complaint.calendar k ON k.name = vu.calendar
				 WHERE (v.occurred_at AT TIME ZONE k.time_zone)::date BETWEEN from_date AND to_date
				 GROUP BY 1, 2) x
		  JOIN complaint.unit u ON u.code = x.unit
		 GROUP BY u.code, u.name
		 ORDER BY u.code
	LOOP
		t := t || format(E'  %s（%s）：%s，共 %s 起\n', r.name, r.code, r.what, r.total);
		listed := listed + 1;
	END LOOP;
	IF listed = 0 THEN
		t := t || E'  本期未发现违反首问责任制的情况。\n';
	END IF;
	RETURN t;
END
$$;
COMMENT ON FUNCTION complaint.public_notice(date, date) IS
	'the public notice (张榜/通报) of a period, in Chinese, ready to paste: the period, cases received and completed, the weights, the commendation list (the top three of complaint.unit_ranking that are award eligible), the criticism list (the bottom three, not eligible for the annual excellence award) and the violations that occurred in the period by unit and kind; units and figures only, no personal data';
