-- complaint 0.1.0 -> 0.2.0: ALTER EXTENSION complaint UPDATE TO '0.2.0'

-- reports: summaries and speed (issue 10)
-- The report summaries and the views the reports read them through
-- (src/sql/install/76_report_summary.sql, whole); report_recount (the former
-- one-statement report_figures), the new report_figures and unit_scorecard
-- (75_reports.sql); create_roles() with the reports' new grants
-- (90_roles.sql), run again for existing roles.  The summaries start stale
-- (every case read from the raw rows) until the first refresh, which the
-- background worker runs after its next sweep pass.

-- the percentile aggregate ---------------------------------------------------

CREATE FUNCTION complaint.report_days_trans(internal, bigint[], double precision, double precision[])
	RETURNS internal
	AS 'MODULE_PATHNAME', 'complaint_report_days_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.report_days_trans(internal, bigint[], double precision, double precision[]) IS
	'transition function of complaint.report_days';
CREATE FUNCTION complaint.report_days_final(internal) RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'complaint_report_days_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.report_days_final(internal) IS
	'final function of complaint.report_days';
CREATE AGGREGATE complaint.report_days(work_us bigint[], day_secs double precision, fractions double precision[]) (
	SFUNC = complaint.report_days_trans,
	STYPE = internal,
	FINALFUNC = complaint.report_days_final,
	FINALFUNC_MODIFY = READ_WRITE
);
COMMENT ON AGGREGATE complaint.report_days(bigint[], double precision, double precision[]) IS
	'percentile_cont at each of fractions over the working days work_us / 1e6 / day_secs of every element of every row (NULL elements, and rows without a positive day_secs, left out); NULL when there is none';

-- the summaries ----------------------------------------------------------------

CREATE TABLE complaint.report_state (
	one					boolean PRIMARY KEY DEFAULT true CONSTRAINT report_state_one CHECK (one),
	event_id			bigint NOT NULL DEFAULT 0,
	stale				boolean NOT NULL DEFAULT true,
	refreshed_at		timestamptz
);
COMMENT ON TABLE complaint.report_state IS
	'how far the report summaries go (one row, written by complaint.report_refresh)';
COMMENT ON COLUMN complaint.report_state.one IS 'always true: the table has one row';
COMMENT ON COLUMN complaint.report_state.event_id IS
	'every case whose history (complaint.event) has no event after this id is in the summaries as it is now';
COMMENT ON COLUMN complaint.report_state.stale IS
	'true until the first refresh, and after a write with the workflow triggers off (complaint.report_mark_stale): the reports then read every case from the raw rows, and the next refresh rebuilds the summaries';
COMMENT ON COLUMN complaint.report_state.refreshed_at IS 'when the last refresh committed (now(), not the workflow clock)';
INSERT INTO complaint.report_state DEFAULT VALUES;

CREATE TABLE complaint.report_unit_state (
	unit				text PRIMARY KEY,
	calendar			text NOT NULL,
	fingerprint			text NOT NULL
);
COMMENT ON TABLE complaint.report_unit_state IS
	'the calendar each unit''s summary rows were computed on, and its fingerprint then (complaint.report_calendar_print); a unit whose calendar or fingerprint differs now is read from the raw rows until the next refresh';
COMMENT ON COLUMN complaint.report_unit_state.unit IS 'unit code (complaint.unit.code)';
COMMENT ON COLUMN complaint.report_unit_state.calendar IS 'the unit''s calendar at the last refresh';
COMMENT ON COLUMN complaint.report_unit_state.fingerprint IS 'that calendar''s fingerprint at the last refresh';

CREATE TABLE complaint.report_case (
	case_id				bigint PRIMARY KEY,
	unit				text NOT NULL,
	day					date NOT NULL,
	channel				complaint.case_channel NOT NULL,
	category			text,
	region				text,
	overdue_at			timestamptz,
	referred_out		boolean NOT NULL,
	completed			boolean NOT NULL,
	on_time				boolean NOT NULL,
	first_inquiry		boolean NOT NULL,
	work_us				bigint,
	feedback			boolean NOT NULL,
	satisfied			boolean NOT NULL,
	is_repeat			boolean NOT NULL,
	upgraded			boolean NOT NULL,
	reopened			boolean NOT NULL,
	esc_warning			integer NOT NULL,
	esc_handler			integer NOT NULL,
	esc_unit_head		integer NOT NULL,
	esc_supervising_leader integer NOT NULL,
	esc_accountability_office integer NOT NULL,
	esc_handover_overdue integer NOT NULL,
	esc_handover_report_overdue integer NOT NULL
);
CREATE INDEX report_case_unit_day_idx ON complaint.report_case (unit, day);
COMMENT ON TABLE complaint.report_case IS
	'the report figures of each case as of the last refresh; derived data (complaint.report_refresh), never dumped';
COMMENT ON COLUMN complaint.report_case.case_id IS 'the case (complaint.cases.id)';
COMMENT ON COLUMN complaint.report_case.unit IS 'its first-inquiry unit: the from_unit of its first transfer, else its handling unit';
COMMENT ON COLUMN complaint.report_case.day IS 'local date of receipt in the time zone of that unit''s calendar';
COMMENT ON COLUMN complaint.report_case.channel IS 'how it came in';
COMMENT ON COLUMN complaint.report_case.category IS 'its category';
COMMENT ON COLUMN complaint.report_case.region IS 'its region';
COMMENT ON COLUMN complaint.report_case.overdue_at IS
	'while it is open with a running clock (registered, accepted, transferred, in progress, reopened): its deadline, after which it counts as overdue; else NULL';
COMMENT ON COLUMN complaint.report_case.referred_out IS 'status referred_out';
COMMENT ON COLUMN complaint.report_case.completed IS 'status closed (办结)';
COMMENT ON COLUMN complaint.report_case.on_time IS 'closed, and answered by its deadline';
COMMENT ON COLUMN complaint.report_case.first_inquiry IS 'closed without a transfer';
COMMENT ON COLUMN complaint.report_case.work_us IS
	'working microseconds on the unit''s calendar from receipt to the answer, the working time of its pauses for materials taken off; NULL when not answered';
COMMENT ON COLUMN complaint.report_case.feedback IS 'the complainant''s satisfaction is recorded';
COMMENT ON COLUMN complaint.report_case.satisfied IS 'satisfied or basically satisfied';
COMMENT ON COLUMN complaint.report_case.is_repeat IS 'a repeat complaint (repeat_of set)';
COMMENT ON COLUMN complaint.report_case.upgraded IS 'an upgraded complaint';
COMMENT ON COLUMN complaint.report_case.reopened IS 'reopened at least once';
COMMENT ON COLUMN complaint.report_case.esc_warning IS 'escalation steps recorded: warning';
COMMENT ON COLUMN complaint.report_case.esc_handler IS 'escalation steps recorded: handler';
COMMENT ON COLUMN complaint.report_case.esc_unit_head IS 'escalation steps recorded: unit head';
COMMENT ON COLUMN complaint.report_case.esc_supervising_leader IS 'escalation steps recorded: supervising leader';
COMMENT ON COLUMN complaint.report_case.esc_accountability_office IS 'escalation steps recorded: accountability office';
COMMENT ON COLUMN complaint.report_case.esc_handover_overdue IS 'escalation steps recorded: hand-over overdue';
COMMENT ON COLUMN complaint.report_case.esc_handover_report_overdue IS 'escalation steps recorded: hand-over report overdue';

CREATE TABLE complaint.report_day (
	unit				text NOT NULL,
	day					date NOT NULL,
	received			integer NOT NULL,
	referred_out		integer NOT NULL,
	completed			integer NOT NULL,
	on_time				integer NOT NULL,
	first_inquiry		integer NOT NULL,
	answered			integer NOT NULL,
	sum_us				bigint NOT NULL,
	work_us				bigint[] NOT NULL,
	overdue_at			timestamptz[] NOT NULL,
	feedback			integer NOT NULL,
	satisfied			integer NOT NULL,
	repeats				integer NOT NULL,
	upgraded			integer NOT NULL,
	reopened			integer NOT NULL,
	esc_warning			integer NOT NULL,
	esc_handler			integer NOT NULL,
	esc_unit_head		integer NOT NULL,
	esc_supervising_leader integer NOT NULL,
	esc_accountability_office integer NOT NULL,
	esc_handover_overdue integer NOT NULL,
	esc_handover_report_overdue integer NOT NULL,
	PRIMARY KEY (unit, day)
);
COMMENT ON TABLE complaint.report_day IS
	'the sums of complaint.report_case per unit and local day of receipt: counts of each indicator, sum_us and the sorted handling times work_us; derived data';
COMMENT ON COLUMN complaint.report_day.unit IS 'first-inquiry unit';
COMMENT ON COLUMN complaint.report_day.day IS 'local date of receipt';
COMMENT ON COLUMN complaint.report_day.received IS 'cases received that day';
COMMENT ON COLUMN complaint.report_day.referred_out IS 'of which referred out';
COMMENT ON COLUMN complaint.report_day.completed IS 'of which closed';
COMMENT ON COLUMN complaint.report_day.on_time IS 'of which closed and answered by the deadline';
COMMENT ON COLUMN complaint.report_day.first_inquiry IS 'of which closed without a transfer';
COMMENT ON COLUMN complaint.report_day.answered IS 'of which answered (work_us not NULL)';
COMMENT ON COLUMN complaint.report_day.sum_us IS 'sum of their working microseconds';
COMMENT ON COLUMN complaint.report_day.work_us IS 'their working microseconds, sorted (for the percentiles)';
COMMENT ON COLUMN complaint.report_day.overdue_at IS 'the deadlines of those open with a running clock, sorted (overdue after them)';
COMMENT ON COLUMN complaint.report_day.feedback IS 'of which with the complainant''s satisfaction recorded';
COMMENT ON COLUMN complaint.report_day.satisfied IS 'of which satisfied or basically satisfied';
COMMENT ON COLUMN complaint.report_day.repeats IS 'of which repeat complaints';
COMMENT ON COLUMN complaint.report_day.upgraded IS 'of which upgraded';
COMMENT ON COLUMN complaint.report_day.reopened IS 'of which reopened at least once';
COMMENT ON COLUMN complaint.report_day.esc_warning IS 'their escalation steps: warning';
COMMENT ON COLUMN complaint.report_day.esc_handler IS 'their escalation steps: handler';
COMMENT ON COLUMN complaint.report_day.esc_unit_head IS 'their escalation steps: unit head';
COMMENT ON COLUMN complaint.report_day.esc_supervising_leader IS 'their escalation steps: supervising leader';
COMMENT ON COLUMN complaint.report_day.esc_accountability_office IS 'their escalation steps: accountability office';
COMMENT ON COLUMN complaint.report_day.esc_handover_overdue IS 'their escalation steps: hand-over overdue';
COMMENT ON COLUMN complaint.report_day.esc_handover_report_overdue IS 'their escalation steps: hand-over report overdue';

CREATE TABLE complaint.report_day_key (
	dimension			text NOT NULL
						CONSTRAINT report_day_key_dimension_valid CHECK (dimension IN ('channel', 'category', 'region')),
	unit				text NOT NULL,
	day					date NOT NULL,
	key					text NOT NULL,
	received			integer NOT NULL,
	referred_out		integer NOT NULL,
	completed			integer NOT NULL,
	on_time				integer NOT NULL,
	first_inquiry		integer NOT NULL,
	answered			integer NOT NULL,
	sum_us				bigint NOT NULL,
	work_us				bigint[] NOT NULL,
	overdue_at			timestamptz[] NOT NULL,
	feedback			integer NOT NULL,
	satisfied			integer NOT NULL,
	repeats				integer NOT NULL,
	upgraded			integer NOT NULL,
	reopened			integer NOT NULL,
	esc_warning			integer NOT NULL,
	esc_handler			integer NOT NULL,
	esc_unit_head		integer NOT NULL,
	esc_supervising_leader integer NOT NULL,
	esc_accountability_office integer NOT NULL,
	esc_handover_overdue integer NOT NULL,
	esc_handover_report_overdue integer NOT NULL,
	PRIMARY KEY (dimension, unit, day, key)
);
COMMENT ON TABLE complaint.report_day_key IS
	'the sums of complaint.report_case per unit, local day of receipt and channel, category or region (key; ''(none)'' for no category or region), the same columns as complaint.report_day; derived data';
COMMENT ON COLUMN complaint.report_day_key.dimension IS 'channel, category or region';
COMMENT ON COLUMN complaint.report_day_key.unit IS 'first-inquiry unit';
COMMENT ON COLUMN complaint.report_day_key.day IS 'local date of receipt';
COMMENT ON COLUMN complaint.report_day_key.key IS 'the channel, category or region (''(none)'' when the case has none)';
COMMENT ON COLUMN complaint.report_day_key.received IS 'cases received that day';
COMMENT ON COLUMN complaint.report_day_key.referred_out IS 'of which referred out';
COMMENT ON COLUMN complaint.report_day_key.completed IS 'of which closed';
COMMENT ON COLUMN complaint.report_day_key.on_time IS 'of which closed and answered by the deadline';
COMMENT ON COLUMN complaint.report_day_key.first_inquiry IS 'of which closed without a transfer';
COMMENT ON COLUMN complaint.report_day_key.answered IS 'of which answered (work_us not NULL)';
COMMENT ON COLUMN complaint.report_day_key.sum_us IS 'sum of their working microseconds';
COMMENT ON COLUMN complaint.report_day_key.work_us IS 'their working microseconds, sorted (for the percentiles)';
COMMENT ON COLUMN complaint.report_day_key.overdue_at IS 'the deadlines of those open with a running clock, sorted (overdue after them)';
COMMENT ON COLUMN complaint.report_day_key.feedback IS 'of which with the complainant''s satisfaction recorded';
COMMENT ON COLUMN complaint.report_day_key.satisfied IS 'of which satisfied or basically satisfied';
COMMENT ON COLUMN complaint.report_day_key.repeats IS 'of which repeat complaints';
COMMENT ON COLUMN complaint.report_day_key.upgraded IS 'of which upgraded';
COMMENT ON COLUMN complaint.report_day_key.reopened IS 'of which reopened at least once';
COMMENT ON COLUMN complaint.report_day_key.esc_warning IS 'their escalation steps: warning';
COMMENT ON COLUMN complaint.report_day_key.esc_handler IS 'their escalation steps: handler';
COMMENT ON COLUMN complaint.report_day_key.esc_unit_head IS 'their escalation steps: unit head';
COMMENT ON COLUMN complaint.report_day_key.esc_supervising_leader IS 'their escalation steps: supervising leader';
COMMENT ON COLUMN complaint.report_day_key.esc_accountability_office IS 'their escalation steps: accountability office';
COMMENT ON COLUMN complaint.report_day_key.esc_handover_overdue IS 'their escalation steps: hand-over overdue';
COMMENT ON COLUMN complaint.report_day_key.esc_handover_report_overdue IS 'their escalation steps: hand-over report overdue';

-- the figures of a case, computed from the raw rows ---------------------------

-- Internal (granted to nobody): the refresh reads it, and the granted views
-- below read it with their owner's rights.  The same definitions as the
-- raw recount (complaint.report_recount), written independently: the
-- regress test report_summary compares the two.
CREATE VIEW complaint.report_case_figures AS
	SELECT c.id AS case_id,
		   u.code AS unit,
		   (c.received_at AT TIME ZONE k.time_zone)::date AS day,
		   c.channel,
		   c.category,
		   c.region,
		   CASE WHEN c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
				THEN c.deadline END AS overdue_at,
		   c.status = 'referred_out' AS referred_out,
		   c.status = 'closed' AS completed,
		   coalesce(c.status = 'closed' AND c.answered_at <= c.deadline, false) AS on_time,
		   c.status = 'closed' AND t.unit IS NULL AS first_inquiry,
		   CASE WHEN c.answered_at IS NOT NULL THEN
				(extract(epoch FROM complaint.worktime_between(c.received_at, c.answered_at, u.calendar)) * 1000000)::bigint
				- CASE WHEN c.paused_total > interval '0' THEN
					   (SELECT coalesce(sum((extract(epoch FROM complaint.worktime_between(p.at, p.resumed, u.calendar))
											 * 1000000)::bigint), 0)
						  FROM (SELECT e.at, e.kind, lead(e.at) OVER (ORDER BY e.id) AS resumed
								  FROM complaint.event e
								 WHERE e.case_id = c.id
								   AND e.kind IN ('materials_requested', 'materials_received')) p
						 WHERE p.kind = 'materials_requested' AND p.resumed <= c.answered_at)
				  ELSE 0 END
		   END::bigint AS work_us,
		   c.satisfaction IS NOT NULL AS feedback,
		   coalesce(c.satisfaction IN ('satisfied', 'basically_satisfied'), false) AS satisfied,
		   c.repeat_of IS NOT NULL AS is_repeat,
		   c.upgraded,
		   c.reopen_count > 0 AS reopened,
		   x.warning AS esc_warning, x.handler AS esc_handler, x.unit_head AS esc_unit_head,
		   x.supervising_leader AS esc_supervising_leader, x.accountability_office AS esc_accountability_office,
		   x.handover_overdue AS esc_handover_overdue, x.handover_report_overdue AS esc_handover_report_overdue
	  FROM complaint.cases c
	  -- the unit that had it first: its first transfer's from_unit (event_transferred_idx)
	  LEFT JOIN LATERAL (SELECT e.detail ->> 'from_unit' AS unit
						   FROM complaint.event e
						  WHERE e.case_id = c.id AND e.kind = 'transferred'
						  ORDER BY e.id LIMIT 1) t ON true
	  JOIN complaint.unit u ON u.code = coalesce(t.unit, c.handler_unit)
	  JOIN complaint.calendar k ON k.name = u.calendar
	  CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE e.step = 'warning')::integer AS warning,
								 count(*) FILTER (WHERE e.step = 'handler')::integer AS handler,
								 count(*) FILTER (WHERE e.step = 'unit_head')::integer AS unit_head,
								 count(*) FILTER (WHERE e.step = 'supervising_leader')::integer AS supervising_leader,
								 count(*) FILTER (WHERE e.step = 'accountability_office')::integer AS accountability_office,
								 count(*) FILTER (WHERE e.step = 'handover_overdue')::integer AS handover_overdue,
								 count(*) FILTER (WHERE e.step = 'handover_report_overdue')::integer AS handover_report_overdue
							FROM complaint.escalation e
						   WHERE e.case_id = c.id) x;
COMMENT ON VIEW complaint.report_case_figures IS
	'internal: the report figures of every case computed from the raw rows (first-inquiry unit, local day of receipt, deadline while open, indicators, working microseconds to the answer without pauses, escalations); read by complaint.report_refresh and, for the cases the summaries do not hold as they are now, by complaint.report_cases';

-- the sums of report_case rows per unit and day, and per unit, day and key
CREATE VIEW complaint.report_case_sums AS
	SELECT rc.unit, rc.day,
		   count(*)::integer AS received,
		   count(*) FILTER (WHERE rc.referred_out)::integer AS referred_out,
		   count(*) FILTER (WHERE rc.completed)::integer AS completed,
		   count(*) FILTER (WHERE rc.on_time)::integer AS on_time,
		   count(*) FILTER (WHERE rc.first_inquiry)::integer AS first_inquiry,
		   count(rc.work_us)::integer AS answered,
		   coalesce(sum(rc.work_us), 0)::bigint AS sum_us,
		   coalesce(array_agg(rc.work_us ORDER BY rc.work_us) FILTER (WHERE rc.work_us IS NOT NULL), '{}') AS work_us,
		   coalesce(array_agg(rc.overdue_at ORDER BY rc.overdue_at) FILTER (WHERE rc.overdue_at IS NOT NULL), '{}')
			   AS overdue_at,
		   count(*) FILTER (WHERE rc.feedback)::integer AS feedback,
		   count(*) FILTER (WHERE rc.satisfied)::integer AS satisfied,
		   count(*) FILTER (WHERE rc.is_repeat)::integer AS repeats,
		   count(*) FILTER (WHERE rc.upgraded)::integer AS upgraded,
		   count(*) FILTER (WHERE rc.reopened)::integer AS reopened,
		   sum(rc.esc_warning)::integer AS esc_warning,
		   sum(rc.esc_handler)::integer AS esc_handler,
		   sum(rc.esc_unit_head)::integer AS esc_unit_head,
		   sum(rc.esc_supervising_leader)::integer AS esc_supervising_leader,
		   sum(rc.esc_accountability_office)::integer AS esc_accountability_office,
		   sum(rc.esc_handover_overdue)::integer AS esc_handover_overdue,
		   sum(rc.esc_handover_report_overdue)::integer AS esc_handover_report_overdue
	  FROM complaint.report_case rc
	 GROUP BY rc.unit, rc.day;
COMMENT ON VIEW complaint.report_case_sums IS
	'internal: complaint.report_case summed per unit and day (what complaint.report_day holds)';

CREATE VIEW complaint.report_case_key_sums AS
	SELECT d.dimension, rc.unit, rc.day, d.key,
		   count(*)::integer AS received,
		   count(*) FILTER (WHERE rc.referred_out)::integer AS referred_out,
		   count(*) FILTER (WHERE rc.completed)::integer AS completed,
		   count(*) FILTER (WHERE rc.on_time)::integer AS on_time,
		   count(*) FILTER (WHERE rc.first_inquiry)::integer AS first_inquiry,
		   count(rc.work_us)::integer AS answered,
		   coalesce(sum(rc.work_us), 0)::bigint AS sum_us,
		   coalesce(array_agg(rc.work_us ORDER BY rc.work_us) FILTER (WHERE rc.work_us IS NOT NULL), '{}') AS work_us,
		   coalesce(array_agg(rc.overdue_at ORDER BY rc.overdue_at) FILTER (WHERE rc.overdue_at IS NOT NULL), '{}')
			   AS overdue_at,
		   count(*) FILTER (WHERE rc.feedback)::integer AS feedback,
		   count(*) FILTER (WHERE rc.satisfied)::integer AS satisfied,
		   count(*) FILTER (WHERE rc.is_repeat)::integer AS repeats,
		   count(*) FILTER (WHERE rc.upgraded)::integer AS upgraded,
		   count(*) FILTER (WHERE rc.reopened)::integer AS reopened,
		   sum(rc.esc_warning)::integer AS esc_warning,
		   sum(rc.esc_handler)::integer AS esc_handler,
		   sum(rc.esc_unit_head)::integer AS esc_unit_head,
		   sum(rc.esc_supervising_leader)::integer AS esc_supervising_leader,
		   sum(rc.esc_accountability_office)::integer AS esc_accountability_office,
		   sum(rc.esc_handover_overdue)::integer AS esc_handover_overdue,
		   sum(rc.esc_handover_report_overdue)::integer AS esc_handover_report_overdue
	  FROM complaint.report_case rc
	 CROSS JOIN LATERAL (VALUES ('channel', rc.channel::text),
								('category', coalesce(rc.category, '(none)')),
								('region', coalesce(rc.region, '(none)'))) d (dimension, key)
	 GROUP BY d.dimension, rc.unit, rc.day, d.key;
COMMENT ON VIEW complaint.report_case_key_sums IS
	'internal: complaint.report_case summed per unit, day and channel, category or region (what complaint.report_day_key holds)';

-- a calendar's fingerprint: everything the working time depends on
CREATE VIEW complaint.report_calendar_print AS
	SELECT k.name AS calendar,
		   md5(concat_ws('|', k.time_zone, k.work_weekdays::text,
						 k.official_from - date '2000-01-01', k.official_until - date '2000-01-01',
						 (SELECT string_agg(concat_ws(' ', h.isodow, extract(epoch FROM h.starts), extract(epoch FROM h.ends)),
											',' ORDER BY h.isodow, h.starts)
							FROM complaint.calendar_hours h WHERE h.calendar = k.name),
						 (SELECT string_agg(concat_ws(' ', d.day - date '2000-01-01', d.kind), ',' ORDER BY d.day)
							FROM complaint.calendar_day d WHERE d.calendar = k.name),
						 (SELECT string_agg(concat_ws(' ', x.day - date '2000-01-01', extract(epoch FROM x.starts),
													  extract(epoch FROM x.ends)), ',' ORDER BY x.day, x.starts)
							FROM complaint.calendar_day_hours x WHERE x.calendar = k.name))) AS fingerprint
	  FROM complaint.calendar k;
COMMENT ON VIEW complaint.report_calendar_print IS
	'internal: an md5 of everything a calendar''s working time depends on (time zone, working weekdays, official period, weekly hours, dated days and their hours); a change of it makes the summaries of the units on that calendar stale';

-- what the summaries do not hold as it is now
CREATE VIEW complaint.report_pending AS
	SELECT s.stale OR s.refreshed_at IS NULL AS stale_all,
		   s.event_id,
		   ARRAY(WITH prints AS MATERIALIZED (SELECT * FROM complaint.report_calendar_print)	-- once per calendar
				 SELECT u.code
				   FROM complaint.unit u
				   LEFT JOIN complaint.report_unit_state us ON us.unit = u.code
				   LEFT JOIN prints p ON p.calendar = u.calendar
				  WHERE us.unit IS NULL OR us.calendar <> u.calendar OR us.fingerprint IS DISTINCT FROM p.fingerprint
				  ORDER BY u.code) AS stale_units
	  FROM complaint.report_state s;
COMMENT ON VIEW complaint.report_pending IS
	'internal: whether the summaries are stale as a whole, the history event they go to, and the units whose calendar changed since (or that are new)';

-- the units a caller answers for ----------------------------------------------

CREATE FUNCTION complaint.report_scope() RETURNS text[]
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	me text;
BEGIN
	IF coalesce((SELECT a.rolsuper FROM pg_catalog.pg_roles a WHERE a.rolname OPERATOR(pg_catalog.=) CURRENT_USER), false)
	   OR pg_catalog.pg_has_role(CURRENT_USER, (SELECT c.relowner FROM pg_catalog.pg_class c
												 WHERE c.oid OPERATOR(pg_catalog.=) 'complaint.cases'::pg_catalog.regclass),
								 'USAGE')
	   OR EXISTS (SELECT FROM pg_catalog.pg_roles g
				   WHERE g.rolname OPERATOR(pg_catalog.=) ANY (ARRAY['complaint_admin', 'complaint_application',
																	 'complaint_analyst', 'complaint_accountability'])
					 AND pg_catalog.pg_has_role(CURRENT_USER, g.oid, 'USAGE')) THEN
		RETURN NULL;
	END IF;
	me := complaint.acting_staff(true);
	RETURN (SELECT coalesce(pg_catalog.array_agg(DISTINCT x.code ORDER BY x.code), '{}')
			  FROM (SELECT s.unit_code AS code FROM complaint.staff s WHERE s.code OPERATOR(pg_catalog.=) me
					UNION ALL
					SELECT pg_catalog.unnest(complaint.headed_units(me))) x);
END
$$;
COMMENT ON FUNCTION complaint.report_scope() IS
	'the units whose figures the caller reads in the reports: NULL (every unit) for the owner of the extension''s tables, superusers and members of complaint_admin, complaint_application, complaint_analyst and complaint_accountability; otherwise the acting staff member''s own unit and every unit of the subtrees they head; empty when nobody acts';

-- the summaries as a caller may read them --------------------------------------

-- The cases whose history has an event after a given one.  PL/pgSQL, so
-- that each call plans the range scan of complaint.event's primary key for
-- the id it is given (in a view's plan the id is unknown, and a third of
-- the history is assumed to follow it).
CREATE FUNCTION complaint.report_newer_cases(after_event bigint) RETURNS bigint[]
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN ARRAY(SELECT DISTINCT e.case_id FROM complaint.event e WHERE e.id > after_event ORDER BY 1);
END
$$;
COMMENT ON FUNCTION complaint.report_newer_cases(bigint) IS
	'the cases (ids, ascending) whose history has an event after after_event: those the report summaries do not hold as they are now; with the caller''s rights (who reads complaint.event)';

-- The groups nothing changed since: rows of report_day (dimension unit,
-- key the unit) and report_day_key of the caller's units, without the
-- groups a case with newer history belongs to and without the units whose
-- calendar changed; nothing while the summaries are stale.
CREATE VIEW complaint.report_groups WITH (security_barrier) AS
	WITH p AS MATERIALIZED (
		SELECT x.stale_all, x.stale_units, complaint.report_scope() AS scope,
			   CASE WHEN NOT x.stale_all THEN complaint.report_newer_cases(x.event_id) END AS newer
		  FROM complaint.report_pending x
	), touched AS MATERIALIZED (
		SELECT DISTINCT rc.unit, rc.day
		  FROM complaint.report_case rc
		 WHERE rc.case_id = ANY ((SELECT p.newer FROM p)::bigint[])
	)
	SELECT 'unit'::text AS dimension, d.unit AS key, d.unit, d.day,
		   d.received, d.referred_out, d.completed, d.on_time, d.first_inquiry, d.answered, d.sum_us, d.work_us,
		   d.overdue_at, d.feedback, d.satisfied, d.repeats, d.upgraded, d.reopened,
		   d.esc_warning, d.esc_handler, d.esc_unit_head, d.esc_supervising_leader, d.esc_accountability_office,
		   d.esc_handover_overdue, d.esc_handover_report_overdue
	  FROM complaint.report_day d, p
	 WHERE NOT p.stale_all
	   AND NOT d.unit = ANY (p.stale_units)
	   AND (p.scope IS NULL OR d.unit = ANY (p.scope))
	   AND (d.unit, d.day) NOT IN (SELECT t.unit, t.day FROM touched t)
	UNION ALL
	SELECT k.dimension, k.key, k.unit, k.day,
		   k.received, k.referred_out, k.completed, k.on_time, k.first_inquiry, k.answered, k.sum_us, k.work_us,
		   k.overdue_at, k.feedback, k.satisfied, k.repeats, k.upgraded, k.reopened,
		   k.esc_warning, k.esc_handler, k.esc_unit_head, k.esc_supervising_leader, k.esc_accountability_office,
		   k.esc_handover_overdue, k.esc_handover_report_overdue
	  FROM complaint.report_day_key k, p
	 WHERE NOT p.stale_all
	   AND NOT k.unit = ANY (p.stale_units)
	   AND (p.scope IS NULL OR k.unit = ANY (p.scope))
	   AND (k.unit, k.day) NOT IN (SELECT t.unit, t.day FROM touched t);
COMMENT ON VIEW complaint.report_groups IS
	'the summary rows the reports may use as they are, of the units of complaint.report_scope(): per unit and day (dimension unit, key the unit) and per unit, day and channel, category or region; without the groups of a case whose history grew since the last refresh, the units whose calendar changed, and anything while the summaries are stale (complaint.report_cases then gives those cases one by one); no complainant data';

-- Everything else, one row per case: the cases with newer history and
-- every case of a unit whose calendar changed (or every case while the
-- summaries are stale) computed from the raw rows, and the other cases of
-- the groups of the former (from report_case); of the caller's units.
CREATE VIEW complaint.report_cases WITH (security_barrier) AS
	WITH p AS MATERIALIZED (
		SELECT x.stale_all, x.stale_units, complaint.report_scope() AS scope,
			   CASE WHEN NOT x.stale_all THEN complaint.report_newer_cases(x.event_id) END AS newer
		  FROM complaint.report_pending x
	), touched AS MATERIALIZED (
		SELECT DISTINCT rc.unit, rc.day
		  FROM complaint.report_case rc
		 WHERE rc.case_id = ANY ((SELECT p.newer FROM p)::bigint[])
	), live AS (
		-- every case while the summaries are stale
		SELECT c.id FROM complaint.cases c WHERE (SELECT p.stale_all FROM p)
		UNION
		SELECT pg_catalog.unnest((SELECT p.newer FROM p))
		UNION
		SELECT rc.case_id FROM complaint.report_case rc
		 WHERE rc.unit = ANY ((SELECT p.stale_units FROM p)::text[]) AND NOT (SELECT p.stale_all FROM p)
	)
	SELECT f.case_id, f.unit, f.day, f.channel, f.category, f.region, f.overdue_at,
		   f.referred_out, f.completed, f.on_time, f.first_inquiry, f.work_us,
		   f.feedback, f.satisfied, f.is_repeat, f.upgraded, f.reopened,
		   f.esc_warning, f.esc_handler, f.esc_unit_head, f.esc_supervising_leader, f.esc_accountability_office,
		   f.esc_handover_overdue, f.esc_handover_report_overdue
	  FROM live l
	  -- case by case through the primary key (OFFSET 0 keeps it a subquery:
	  -- joined, it was planned as a pass over every case)
	  CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_figures f1 WHERE f1.case_id = l.id OFFSET 0) f
	 WHERE (SELECT p.scope FROM p) IS NULL OR f.unit = ANY ((SELECT p.scope FROM p)::text[])
	UNION ALL
	SELECT rc.case_id, rc.unit, rc.day, rc.channel, rc.category, rc.region, rc.overdue_at,
		   rc.referred_out, rc.completed, rc.on_time, rc.first_inquiry, rc.work_us,
		   rc.feedback, rc.satisfied, rc.is_repeat, rc.upgraded, rc.reopened,
		   rc.esc_warning, rc.esc_handler, rc.esc_unit_head, rc.esc_supervising_leader, rc.esc_accountability_office,
		   rc.esc_handover_overdue, rc.esc_handover_report_overdue
	  FROM touched t
	  JOIN complaint.report_case rc ON rc.unit = t.unit AND rc.day = t.day, p
	 WHERE NOT rc.case_id = ANY (p.newer)
	   AND NOT rc.unit = ANY (p.stale_units)
	   AND (p.scope IS NULL OR rc.unit = ANY (p.scope));
COMMENT ON VIEW complaint.report_cases IS
	'the cases complaint.report_groups leaves out, one row each with its figures, of the units of complaint.report_scope(): cases whose history grew since the last refresh and every case of a unit whose calendar changed (or every case while the summaries are stale), computed from the raw rows, and the other cases of the unit and day of the former (from complaint.report_case); no complainant data';

-- violations and their sanctions, by the unit they are counted for
CREATE VIEW complaint.report_violations WITH (security_barrier) AS
	SELECT v.id AS violation_id,
		   coalesce(v.unit_code, st.unit_code) AS unit,
		   (v.occurred_at AT TIME ZONE k.time_zone)::date AS day,
		   v.case_id IS NOT NULL AS of_case,
		   c.channel, c.category, c.region,
		   s.decided_at IS NOT NULL AS sanctioned
	  FROM complaint.violation v
	  LEFT JOIN complaint.staff st ON st.code = v.staff_code
	  JOIN complaint.unit u ON u.code = coalesce(v.unit_code, st.unit_code)
	  JOIN complaint.calendar k ON k.name = u.calendar
	  -- the case of each violation through the primary key (a join reads every case)
	  LEFT JOIN LATERAL (SELECT c1.channel, c1.category, c1.region FROM complaint.cases c1
						  WHERE c1.id = v.case_id OFFSET 0) c ON true
	  LEFT JOIN complaint.sanction s ON s.violation_id = v.id
	 WHERE (SELECT complaint.report_scope()) IS NULL
		OR coalesce(v.unit_code, st.unit_code) = ANY ((SELECT complaint.report_scope())::text[]);
COMMENT ON VIEW complaint.report_violations IS
	'violations (complaint.violation) of the units of complaint.report_scope(), counted for the unit recorded on them, else the violator''s unit: local date on that unit''s calendar, whether of a case (and its channel, category and region), whether a sanction was decided; no names';

-- keeping them current ------------------------------------------------------------

-- Not SECURITY DEFINER: the refresh writes the summaries as their owner;
-- the background worker runs it as a superuser, and it is granted to
-- nobody.
CREATE FUNCTION complaint.report_refresh(rebuild boolean DEFAULT false) RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	-- a rebuild reads a year in one pass
	SET jit = off
	AS $$
DECLARE
	st record;
	upto bigint;
	stale_units text[];
	ids bigint[];
	g_units text[];
	g_days date[];
	n bigint;
BEGIN
	IF rebuild IS NULL THEN
		RAISE EXCEPTION 'rebuild must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- one refresh at a time
	SELECT * INTO st FROM complaint.report_state FOR UPDATE;
	-- Wait for the transactions writing history, calendars or units and hold
	-- them off until this one commits: every event up to upto is then
	-- committed and visible, and no calendar changes under the computation.
	-- (A step writes its event holding ROW EXCLUSIVE on complaint.event
	-- from before it draws the event's id.)
	LOCK TABLE complaint.event, complaint.unit, complaint.calendar, complaint.calendar_hours,
		complaint.calendar_day, complaint.calendar_day_hours IN SHARE MODE;
	upto := coalesce((SELECT max(e.id) FROM complaint.event e), 0);

	IF rebuild OR st.stale OR st.refreshed_at IS NULL THEN
		TRUNCATE complaint.report_case, complaint.report_day, complaint.report_day_key;
		INSERT INTO complaint.report_case
			(case_id, unit, day, channel, category, region, overdue_at, referred_out, completed, on_time,
			 first_inquiry, work_us, feedback, satisfied, is_repeat, upgraded, reopened,
			 esc_warning, esc_handler, esc_unit_head, esc_supervising_leader, esc_accountability_office,
			 esc_handover_overdue, esc_handover_report_overdue)
		SELECT f.case_id, f.unit, f.day, f.channel, f.category, f.region, f.overdue_at, f.referred_out, f.completed,
			   f.on_time, f.first_inquiry, f.work_us, f.feedback, f.satisfied, f.is_repeat, f.upgraded, f.reopened,
			   f.esc_warning, f.esc_handler, f.esc_unit_head, f.esc_supervising_leader, f.esc_accountability_office,
			   f.esc_handover_overdue, f.esc_handover_report_overdue
		  FROM complaint.report_case_figures f;
		GET DIAGNOSTICS n = ROW_COUNT;
		INSERT INTO complaint.report_day SELECT * FROM complaint.report_case_sums;
		INSERT INTO complaint.report_day_key SELECT * FROM complaint.report_case_key_sums;
	ELSE
		SELECT x.stale_units INTO stale_units FROM complaint.report_pending x;
		-- the cases whose history grew, and every case of a unit whose calendar changed
		ids := ARRAY(SELECT e.case_id FROM complaint.event e WHERE e.id > st.event_id AND e.id <= upto
					 UNION
					 SELECT rc.case_id FROM complaint.report_case rc WHERE rc.unit = ANY (stale_units));
		n := cardinality(ids);
		WITH gone AS (
			DELETE FROM complaint.report_case rc WHERE rc.case_id = ANY (ids) RETURNING rc.unit, rc.day
		)
		SELECT array_agg(g.unit), array_agg(g.day) INTO g_units, g_days FROM (SELECT DISTINCT * FROM gone) g;
		WITH made AS (
			INSERT INTO complaint.report_case
				(case_id, unit, day, channel, category, region, overdue_at, referred_out, completed, on_time,
				 first_inquiry, work_us, feedback, satisfied, is_repeat, upgraded, reopened,
				 esc_warning, esc_handler, esc_unit_head, esc_supervising_leader, esc_accountability_office,
				 esc_handover_overdue, esc_handover_report_overdue)
			SELECT f.case_id, f.unit, f.day, f.channel, f.category, f.region, f.overdue_at, f.referred_out,
				   f.completed, f.on_time, f.first_inquiry, f.work_us, f.feedback, f.satisfied, f.is_repeat,
				   f.upgraded, f.reopened, f.esc_warning, f.esc_handler, f.esc_unit_head, f.esc_supervising_leader,
				   f.esc_accountability_office, f.esc_handover_overdue, f.esc_handover_report_overdue
			  FROM unnest(ids) i (id)
			 CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_figures f1 WHERE f1.case_id = i.id OFFSET 0) f
			RETURNING unit, day
		)
		SELECT coalesce(g_units, '{}') || coalesce(array_agg(m.unit), '{}'),
			   coalesce(g_days, '{}') || coalesce(array_agg(m.day), '{}')
		  INTO g_units, g_days
		  FROM (SELECT DISTINCT * FROM made) m;
		-- the groups those cases left or joined, summed again
		DELETE FROM complaint.report_day d
		 USING unnest(g_units, g_days) g (unit, day)
		 WHERE d.unit = g.unit AND d.day = g.day;
		DELETE FROM complaint.report_day_key d
		 USING unnest(g_units, g_days) g (unit, day)
		 WHERE d.unit = g.unit AND d.day = g.day;
		INSERT INTO complaint.report_day
		SELECT s.* FROM (SELECT DISTINCT * FROM unnest(g_units, g_days)) g (unit, day)
		 CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_sums s1
							  WHERE s1.unit = g.unit AND s1.day = g.day OFFSET 0) s;
		INSERT INTO complaint.report_day_key
		SELECT s.* FROM (SELECT DISTINCT * FROM unnest(g_units, g_days)) g (unit, day)
		 CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_key_sums s1
							  WHERE s1.unit = g.unit AND s1.day = g.day OFFSET 0) s;
	END IF;

	-- the calendars the rows are now computed on
	DELETE FROM complaint.report_unit_state;
	INSERT INTO complaint.report_unit_state (unit, calendar, fingerprint)
	SELECT u.code, u.calendar, p.fingerprint
	  FROM complaint.unit u JOIN complaint.report_calendar_print p ON p.calendar = u.calendar;
	UPDATE complaint.report_state SET event_id = upto, stale = false, refreshed_at = now();
	RETURN n;
END
$$;
COMMENT ON FUNCTION complaint.report_refresh(boolean) IS
	'brings the report summaries up to date: the cases whose history grew since the last refresh, and every case of a unit whose calendar changed, are computed again and their days summed again; everything is rebuilt when rebuild is true, before the first refresh and after a write with the workflow triggers off; waits for the transactions writing history, units or calendars and holds them off while it runs; returns how many cases it computed; run by the background worker after each sweep pass, or by the extension''s owner';

-- writes with the workflow triggers off (session_replication_role =
-- replica: a bulk load, a DBA's direct fix) leave no history to follow:
-- the summaries are then stale as a whole until the next refresh rebuilds
-- them.  These triggers fire only in that mode (ENABLE REPLICA), once per
-- statement, so that the workflow's own statements do not run them.
CREATE FUNCTION complaint.report_mark_stale() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE complaint.report_state SET stale = true WHERE NOT stale;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION complaint.report_mark_stale() IS
	'statement trigger (replica mode only) on complaint.cases, complaint.event and complaint.escalation: marks the report summaries stale as a whole';
CREATE TRIGGER report_mark_stale AFTER INSERT OR UPDATE OR DELETE ON complaint.cases
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.report_mark_stale();
ALTER TABLE complaint.cases ENABLE REPLICA TRIGGER report_mark_stale;
CREATE TRIGGER report_mark_stale AFTER INSERT OR UPDATE OR DELETE ON complaint.event
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.report_mark_stale();
ALTER TABLE complaint.event ENABLE REPLICA TRIGGER report_mark_stale;
CREATE TRIGGER report_mark_stale AFTER INSERT OR UPDATE OR DELETE ON complaint.escalation
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.report_mark_stale();
ALTER TABLE complaint.escalation ENABLE REPLICA TRIGGER report_mark_stale;

-- the columns of the views ------------------------------------------------------

COMMENT ON COLUMN complaint.report_groups.dimension IS 'unit (a row of complaint.report_day), channel, category or region';
COMMENT ON COLUMN complaint.report_groups.key IS 'the unit, channel, category or region (''(none)'' when the cases have none)';
COMMENT ON COLUMN complaint.report_case_key_sums.dimension IS 'channel, category or region';
COMMENT ON COLUMN complaint.report_case_key_sums.key IS 'the channel, category or region (''(none)'' when the case has none)';
COMMENT ON COLUMN complaint.report_violations.violation_id IS 'the violation (complaint.violation.id)';
COMMENT ON COLUMN complaint.report_violations.unit IS 'the unit it counts for: violation.unit_code, else the violator''s unit';
COMMENT ON COLUMN complaint.report_violations.day IS 'local date of occurred_at on that unit''s calendar';
COMMENT ON COLUMN complaint.report_violations.of_case IS 'the violation is about a case';
COMMENT ON COLUMN complaint.report_violations.channel IS 'that case''s channel';
COMMENT ON COLUMN complaint.report_violations.category IS 'that case''s category';
COMMENT ON COLUMN complaint.report_violations.region IS 'that case''s region';
COMMENT ON COLUMN complaint.report_violations.sanctioned IS 'a sanction was decided on it';
COMMENT ON COLUMN complaint.report_calendar_print.calendar IS 'the calendar (complaint.calendar.name)';
COMMENT ON COLUMN complaint.report_calendar_print.fingerprint IS 'md5 of everything its working time depends on';
COMMENT ON COLUMN complaint.report_pending.stale_all IS 'the summaries are stale as a whole (never refreshed, or written to with the triggers off)';
COMMENT ON COLUMN complaint.report_pending.event_id IS 'the history event the summaries go to (complaint.report_state.event_id)';
COMMENT ON COLUMN complaint.report_pending.stale_units IS 'units whose calendar, or its fingerprint, changed since the last refresh (or that are new)';
-- every other column of the views has the name, and the meaning, of a
-- column of complaint.report_case (per case) or complaint.report_day (per
-- group): the same comment
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT a.attrelid::regclass AS view, a.attname,
			   coalesce(col_description(CASE WHEN c.relname IN ('report_case_figures', 'report_cases')
											 THEN 'complaint.report_case'::regclass
											 ELSE 'complaint.report_day'::regclass END,
										(SELECT b.attnum FROM pg_attribute b
										  WHERE b.attrelid = CASE WHEN c.relname IN ('report_case_figures', 'report_cases')
																  THEN 'complaint.report_case'::regclass
																  ELSE 'complaint.report_day'::regclass END
											AND b.attname = a.attname)),
						col_description('complaint.report_case'::regclass,
										(SELECT b.attnum FROM pg_attribute b
										  WHERE b.attrelid = 'complaint.report_case'::regclass AND b.attname = a.attname)))
				   AS text
		  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		 WHERE c.relnamespace = 'complaint'::regnamespace
		   AND c.relname IN ('report_groups', 'report_cases', 'report_case_figures', 'report_case_sums',
							 'report_case_key_sums')
		   AND a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NULL
	LOOP
		IF r.text IS NULL THEN
			RAISE EXCEPTION 'column %.% has no comment to copy', r.view, r.attname;
		END IF;
		EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', r.view, r.attname, r.text);
	END LOOP;
END
$$;

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

CREATE OR REPLACE FUNCTION complaint.report_figures(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
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

CREATE OR REPLACE FUNCTION complaint.unit_scorecard(from_date date, to_date date, root_unit text DEFAULT NULL)
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

-- new functions are private until create_roles() grants them
REVOKE ALL ON ROUTINE complaint.report_days_trans(internal, bigint[], double precision, double precision[]),
	complaint.report_days_final(internal),
	complaint.report_days(bigint[], double precision, double precision[]),
	complaint.report_scope(), complaint.report_newer_cases(bigint), complaint.report_refresh(boolean),
	complaint.report_mark_stale(), complaint.report_recount(text, date, date, text)
	FROM PUBLIC;

CREATE OR REPLACE FUNCTION complaint.create_roles() RETURNS SETOF text
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	roles constant text[] := ARRAY['complaint_admin', 'complaint_application', 'complaint_staff',
								   'complaint_accountability', 'complaint_analyst', 'complaint_monitor'];
	comments constant text[] := ARRAY[
		'complaint: administrator: units, staff, calendars, rules, presets and policies (write); reads every table',
		'complaint: application: registers cases and takes steps for the staff members it authenticates; may SET complaint.staff to any of them',
		'complaint: staff: registers cases and takes steps as the one staff member mapped to the login role (complaint.staff.db_role)',
		'complaint: accountability office: hearings, decisions, appeals, self-checks, explanations; reads the accountability tables',
		'complaint: analyst: reads every table (complaint.cases without its complainant_* columns)',
		'complaint: monitor: background worker status'];
	-- the organisation, its calendars and rules: what the administrator writes
	org_tables constant text[] := ARRAY['unit', 'staff', 'category', 'route', 'time_limit_rule',
										'calendar', 'calendar_hours', 'calendar_day', 'calendar_day_hours'];
	admin_tables constant text[] := org_tables || ARRAY['escalation_policy', 'sanction_policy',
														'sanction_variant', 'violation_grade'];
	-- what the staff (and the application) read besides the cases
	staff_read constant text[] := org_tables || ARRAY['responsibility', 'event'];
	accountability_tables constant text[] := ARRAY['violation', 'violation_circumstance', 'violation_grade',
												   'sanction_policy', 'sanction_variant', 'sanction', 'appeal',
												   'self_check', 'explanation'];
	steps constant text[] := ARRAY['case_for_step', 'accept', 'transfer', 'assign', 'start',
								   'request_materials', 'materials_received', 'extend', 'answer',
								   'record_feedback', 'close', 'refer_out', 'reopen', 'add_co_handler'];
	-- readers of the organisation and rules (invoker's rights)
	readers constant text[] := ARRAY['unit_ancestors', 'unit_sector', 'match_rule', 'route_case',
									 'unit_officer', 'unit_sanction_variant', 'escalation_ladder'];
	accountability_functions constant text[] := ARRAY['record_hearing', 'decide_sanction', 'file_appeal',
													  'submit_self_check', 'record_explanation',
													  'decide_appeal', 'open_violation', 'set_circumstances'];
	me record;
	owner oid;
	r record;
	i integer;
	grantees text;
BEGIN
	-- who may: someone who can create roles and grant on the extension's objects
	SELECT a.rolsuper, a.rolcreaterole INTO me FROM pg_roles a WHERE a.rolname = current_user;
	SELECT c.relowner INTO owner FROM pg_class c WHERE c.oid = 'complaint.cases'::regclass;
	IF NOT (me.rolsuper OR (me.rolcreaterole AND pg_has_role(current_user, owner, 'USAGE'))) THEN
		RAISE EXCEPTION 'permission denied to create the complaint roles'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'complaint.create_roles() creates roles and grants privileges on the objects of the extension.',
				  HINT = 'Run it as a superuser, or as a role with CREATEROLE that owns the extension''s objects.';
	END IF;

	-- the roles: created when missing; an existing one must be a plain group role
	FOR i IN 1 .. cardinality(roles) LOOP
		SELECT * INTO r FROM pg_roles a WHERE a.rolname = roles[i];
		IF NOT FOUND THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', roles[i]);
			EXECUTE format('COMMENT ON ROLE %I IS %L', roles[i], comments[i]);
			RETURN NEXT roles[i];
		ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb
			  OR r.rolreplication OR r.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" exists and is not a plain NOLOGIN group role', roles[i]
				USING ERRCODE = 'duplicate_object',
					  DETAIL = 'complaint.create_roles() grants the privileges of the complaint extension to it.',
					  HINT = format('Rename or drop that role, or make it NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS (ALTER ROLE %I ...).', roles[i]);
		END IF;
	END LOOP;

	-- start from nothing, so that running it again gives exactly the documented set
	grantees := (SELECT string_agg(quote_ident(x), ', ') FROM unnest(roles) x);
	EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA complaint FROM %s', grantees);
	EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA complaint FROM %s', grantees);
	EXECUTE format('REVOKE ALL ON ALL ROUTINES IN SCHEMA complaint FROM %s', grantees);
	GRANT USAGE ON SCHEMA complaint TO PUBLIC;

	-- staff (and the application, a member of it)
	GRANT SELECT, INSERT, UPDATE ON complaint.cases TO complaint_staff;
	FOR r IN SELECT d.objid::regclass AS seq FROM pg_depend d
			  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
				AND d.refobjid = 'complaint.cases'::regclass AND d.deptype IN ('a', 'i')
				AND (SELECT s.relkind FROM pg_class s WHERE s.oid = d.objid) = 'S' LOOP
		EXECUTE format('GRANT USAGE ON SEQUENCE %s TO complaint_staff', r.seq);
	END LOOP;
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relname = ANY (staff_read)
				AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_staff', r.rel);
	END LOOP;
	IF NOT EXISTS (SELECT FROM pg_auth_members m
					WHERE m.roleid = (SELECT a.oid FROM pg_roles a WHERE a.rolname = 'complaint_staff')
					  AND m.member = (SELECT a.oid FROM pg_roles a WHERE a.rolname = 'complaint_application')) THEN
		GRANT complaint_staff TO complaint_application;
	END IF;

	-- administrator: writes the organisation, calendars, rules and policies; reads every table
	FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_admin', r.rel);
		IF r.relname = ANY (admin_tables) THEN
			EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO complaint_admin', r.rel);
		END IF;
	END LOOP;
	-- the identity sequences of the tables it writes
	FOR r IN SELECT d.objid::regclass AS seq FROM pg_depend d
			   JOIN pg_class t ON t.oid = d.refobjid
			  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
				AND t.relnamespace = 'complaint'::regnamespace AND t.relname = ANY (admin_tables)
				AND d.deptype IN ('a', 'i')
				AND (SELECT s.relkind FROM pg_class s WHERE s.oid = d.objid) = 'S' LOOP
		EXECUTE format('GRANT USAGE ON SEQUENCE %s TO complaint_admin', r.seq);
	END LOOP;

	-- accountability office: reads its tables, records through its functions
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relname = ANY (accountability_tables)
				AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_accountability', r.rel);
	END LOOP;
	-- the columns its steps write; complaint.accountability_guard() stamps
	-- the instants and the actor and refuses every other change
	GRANT INSERT (case_id, staff_code, unit_code, kind, occurred_at, detail, aggravating, mitigating)
		ON complaint.violation TO complaint_accountability;
	GRANT INSERT (violation_id, aggravating, mitigating) ON complaint.violation_circumstance TO complaint_accountability;
	GRANT UPDATE (hearing_note, decided_measures) ON complaint.sanction TO complaint_accountability;
	GRANT INSERT (sanction_id, reason), UPDATE (outcome, note) ON complaint.appeal TO complaint_accountability;
	GRANT UPDATE (report) ON complaint.self_check TO complaint_accountability;
	GRANT INSERT (case_id, text) ON complaint.explanation TO complaint_accountability;

	-- analyst: reads every table, complaint.cases without the complainant's personal data
	FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p')
				AND c.relname <> 'cases' LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_analyst', r.rel);
	END LOOP;
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_analyst',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));

	-- monitor: the background worker's status
	GRANT SELECT ON complaint.worker_status TO complaint_monitor;

	-- reports (src/sql/install/75_reports.sql and 76_report_summary.sql).
	-- They run with the caller's rights.  The scorecard, the ranking and the
	-- breakdowns read the summaries through the views report_groups,
	-- report_cases and report_violations, which show each caller the units
	-- complaint.report_scope() gives them (every unit for the analyst, the
	-- administrator, the accountability office and the application; a staff
	-- member's own unit and the subtrees they head), so staff run them too.
	-- report_recount counts the same figures from the raw tables, with the
	-- caller's rights: for those who read them all (the analyst and the
	-- administrator read all of that already; the accountability office
	-- -- 张榜/通报 and the ranking are its work -- gets the reading the reports
	-- need).  The public notice is the office's, the administrator's and the
	-- analyst's; staff (and the application) also get the morning list of
	-- cases due soon.  The ranking weights are the administrator's to change.
	-- The refresh of the summaries is granted to nobody (the owner and the
	-- worker run it).
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_accountability',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
	GRANT SELECT ON complaint.event, complaint.escalation, complaint.unit, complaint.staff, complaint.calendar,
		complaint.calendar_hours, complaint.ranking_weight TO complaint_accountability;
	GRANT INSERT, UPDATE, DELETE ON complaint.ranking_weight TO complaint_admin;
	GRANT SELECT ON complaint.ranking_weight TO complaint_staff;
	GRANT SELECT ON complaint.report_groups, complaint.report_cases, complaint.report_violations
		TO complaint_admin, complaint_analyst, complaint_accountability, complaint_staff;
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace
				AND p.proname IN ('report_check', 'report_figures', 'report_recount', 'unit_scorecard', 'unit_ranking',
								  'scorecard_by', 'public_notice', 'due_soon', 'report_scope', 'report_newer_cases',
								  'report_days') LOOP
		EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_admin, complaint_analyst, complaint_accountability', r.fn);
		IF r.proname NOT IN ('public_notice', 'report_recount') THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff', r.fn);
		END IF;
	END LOOP;

	-- functions, by name (every signature of a name gets the same grant)
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace LOOP
		IF r.proname = ANY (steps) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff', r.fn);
		END IF;
		IF r.proname = ANY (readers) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff, complaint_admin, complaint_analyst', r.fn);
		END IF;
		IF r.proname = ANY (accountability_functions) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_accountability', r.fn);
		END IF;
		IF r.proname IN ('worker_status', 'calendar_cache_size') THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_monitor', r.fn);
		END IF;
	END LOOP;
	-- privacy: row-level security on complaint.cases (the policies name
	-- these roles, so RLS is switched on here with them, replacing whatever
	-- policies the table has; the owner stays exempt: no FORCE), the
	-- register and the audited identity reading
	DECLARE
		-- the rows of complaint.cases a staff member sees
		staff_rows constant text := 'complaint.case_visible(id, first_responder, handler_unit)';
	BEGIN
		ALTER TABLE complaint.cases ENABLE ROW LEVEL SECURITY;
		FOR r IN SELECT p.polname FROM pg_policy p WHERE p.polrelid = 'complaint.cases'::regclass LOOP
			EXECUTE format('DROP POLICY %I ON complaint.cases', r.polname);
		END LOOP;
		EXECUTE 'CREATE POLICY cases_application ON complaint.cases FOR ALL TO complaint_application'
			' USING (true) WITH CHECK (true)';
		EXECUTE 'CREATE POLICY cases_read_all ON complaint.cases FOR SELECT'
			' TO complaint_admin, complaint_analyst, complaint_accountability USING (true)';
		EXECUTE format('CREATE POLICY cases_staff_read ON complaint.cases FOR SELECT TO complaint_staff USING (%s)',
					   staff_rows);
		EXECUTE 'CREATE POLICY cases_staff_register ON complaint.cases FOR INSERT TO complaint_staff'
			' WITH CHECK (first_responder OPERATOR(pg_catalog.=) (SELECT complaint.acting_staff(true)))';
		EXECUTE format('CREATE POLICY cases_staff_step ON complaint.cases FOR UPDATE TO complaint_staff'
					   ' USING (%s) WITH CHECK (true)', staff_rows);
		EXECUTE format('COMMENT ON POLICY cases_application ON complaint.cases IS %L',
					   'complaint_application sees and writes every case (it names the acting staff member itself)');
		EXECUTE format('COMMENT ON POLICY cases_read_all ON complaint.cases IS %L',
					   'the administrator, analysts (without the complainant_* columns) and the accountability office read every case');
		EXECUTE format('COMMENT ON POLICY cases_staff_read ON complaint.cases IS %L',
					   'a staff member reads the cases complaint.case_visible() shows them: first responder; handled by their unit or a unit of a subtree they head; or held, now or before, by them or such a unit (first received, co-handled, transferred on)');
		EXECUTE format('COMMENT ON POLICY cases_staff_register ON complaint.cases IS %L',
					   'a staff member registers cases as their own first responder');
		EXECUTE format('COMMENT ON POLICY cases_staff_step ON complaint.cases IS %L',
					   'a staff member takes steps on the cases they read; where the step may take the case (a transfer out) is the workflow triggers'' business, and the case stays readable through the responsibility the unit held');
		GRANT SELECT ON complaint.register TO complaint_staff, complaint_admin, complaint_analyst, complaint_accountability;
		REVOKE SELECT ON complaint.identity_access FROM complaint_analyst;
		GRANT EXECUTE ON FUNCTION complaint.may_see_identity(bigint), complaint.headed_units(text),
			complaint.case_visible(bigint, text, text)
			TO complaint_staff, complaint_admin, complaint_analyst, complaint_accountability;
		GRANT EXECUTE ON FUNCTION complaint.reveal_complainant(bigint, text) TO complaint_admin;
	END;
	RETURN;
END
$$;
COMMENT ON FUNCTION complaint.create_roles() IS
	'creates the NOLOGIN group roles complaint_admin, complaint_application, complaint_staff, complaint_accountability, complaint_analyst and complaint_monitor when missing, and sets their privileges in this database to exactly the documented ones (README.md, Roles); returns the roles it created; superuser (or CREATEROLE and owner of the extension''s objects) only';

DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'complaint_admin') THEN
		PERFORM complaint.create_roles();
	END IF;
END
$$;
