-- ---------------------------------------------------------------------------
-- src/sql/install/76_report_summary.sql
--   The summaries the reports read (issue 10, Scale and speed), and the
--   views through which a caller reads them for the units they answer for.
--
--   * complaint.report_case: one row per case with the figures it brings to
--     the reports: its first-inquiry unit, the local day of receipt on that
--     unit's calendar, channel, category, region, the deadline it is
--     overdue after while open, the yes/no indicators, its handling time in
--     working microseconds on the unit's calendar (pauses taken off) and
--     its escalations by rung.
--   * complaint.report_day (per unit and day) and complaint.report_day_key
--     (per unit, day and channel, category or region): the sums of those
--     rows, the sorted array of their handling times, so that a median or
--     90th percentile over any period stays exact (complaint.report_days,
--     src/report_days.c), and the sorted deadlines of the open ones, so
--     that "overdue" is counted at the moment of the report.
--   * complaint.report_state: every history event up to event_id is
--     folded in; complaint.report_unit_state: the calendar (and its
--     fingerprint) each unit's rows were computed on.
--
--   Nothing on the workflow's path writes them: complaint.report_refresh()
--   (the background worker calls it after each sweep pass; an owner may
--   call it) computes again the cases whose history grew since the last
--   refresh,
--   refolds every case of a unit whose calendar changed (a holiday added, a
--   time zone changed, the unit moved to another calendar: re-projection
--   of the working time of closed cases too) and rebuilds everything after
--   writes made with the workflow triggers off.
--
--   The reports are exact at every moment, however long ago the last
--   refresh was: complaint.report_groups gives the groups that nothing
--   changed since, complaint.report_cases the rest case by case -- the
--   cases with newer history (a registration, a transfer, a reopening, an
--   edit, a re-projected deadline, an escalation: each writes an event)
--   computed from the raw rows, the other cases of the groups those belong
--   to, and every case of a unit whose calendar changed, or of all units
--   while the summaries are stale.
--
--   Who sees what: both views (security_barrier, owned by the extension's
--   owner, like complaint.register) return only the units of
--   complaint.report_scope(): every unit for the owner, superusers and the
--   members of complaint_admin, complaint_application, complaint_analyst
--   and complaint_accountability; for a staff member their own unit and
--   the subtrees of the units they head (the unit part of the row rule of
--   complaint.cases: every case counted for such a unit is one the
--   policies show them).  README.md "Reports" explains the one difference
--   with reading the raw rows under row-level security.
-- ---------------------------------------------------------------------------

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
		-- DELETE, not TRUNCATE: a TRUNCATE rewrites the tables' pg_class rows,
		-- and a GRANT at the same time (create_roles) would fail with
		-- "tuple concurrently updated"
		DELETE FROM complaint.report_case;
		DELETE FROM complaint.report_day;
		DELETE FROM complaint.report_day_key;
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
