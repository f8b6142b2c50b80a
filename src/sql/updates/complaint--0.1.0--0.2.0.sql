-- complaint 0.1.0 -> 0.2.0: ALTER EXTENSION complaint UPDATE TO '0.2.0' (each feature in its own section)

-- delivery feed (issue 11): complaint.feed and its consumers, the capture
-- trigger, feed_register / feed_unregister / feed_read / feed_ack, the view
-- feed_lag (src/sql/install/66_feed.sql); the sweep's per-record NOTIFY
-- becomes the feed's wake-up; complaint_monitor delivers, complaint_admin
-- registers (src/sql/install/90_roles.sql)

CREATE TYPE complaint.feed_kind AS ENUM (
	'escalation',				-- complaint.escalation: a ladder rung or a hand-over step
	'violation',				-- complaint.violation opened (by the sweep or a person)
	'self_check_notice',		-- complaint.self_check: the unit is told to check itself
	'sanction_proposed',		-- complaint.sanction proposed by the sweep
	'sanction_decided',			-- complaint.sanction decided: the appeal window opens
	'appeal_window_closed'		-- complaint.sanction: window lapsed, or an appeal was filed
);
COMMENT ON TYPE complaint.feed_kind IS
	'what a row of the delivery feed points at: escalation, violation, self_check_notice, sanction_proposed, sanction_decided, appeal_window_closed';

CREATE TABLE complaint.feed (
	id					bigint GENERATED ALWAYS AS IDENTITY,
	seq					bigint,
	kind				complaint.feed_kind NOT NULL,
	ref_id				bigint NOT NULL
);
COMMENT ON TABLE complaint.feed IS
	'the delivery feed: one row per step a person must be told of, pointing at the row that records it; written by complaint.feed_capture(), numbered (seq) by complaint.feed_read()';
COMMENT ON COLUMN complaint.feed.id IS
	'taken when the row is written; ids commit out of order, so consumers never see them';
COMMENT ON COLUMN complaint.feed.seq IS
	'the notice''s number in the feed: dense, given to committed rows in id order by one reader at a time; NULL until then';
COMMENT ON COLUMN complaint.feed.ref_id IS
	'id of the escalation, violation, self_check or sanction row (by kind)';

-- the rows still to number, and the numbered rows by number; no other
-- index, so that the step's writer pays one heap row and one index entry
CREATE INDEX feed_unnumbered_idx ON complaint.feed (id) WHERE seq IS NULL;
CREATE UNIQUE INDEX feed_seq_idx ON complaint.feed (seq) WHERE seq IS NOT NULL;
COMMENT ON INDEX complaint.feed_unnumbered_idx IS 'feed rows not numbered yet, in id order';
COMMENT ON INDEX complaint.feed_seq_idx IS 'each number once';

CREATE TABLE complaint.feed_state (
	one					boolean PRIMARY KEY DEFAULT true CONSTRAINT feed_state_one_row CHECK (one)
);
COMMENT ON TABLE complaint.feed_state IS
	'one row, never changed: complaint.feed_read() locks it while it numbers feed rows, so that numbers are given by one transaction at a time (not dumped: CREATE EXTENSION makes it)';
INSERT INTO complaint.feed_state DEFAULT VALUES;

CREATE TABLE complaint.feed_consumer (
	name				text PRIMARY KEY
						CONSTRAINT feed_consumer_name_valid CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
	position			bigint NOT NULL DEFAULT 0 CONSTRAINT feed_consumer_position_valid CHECK (position >= 0),
	registered_at		timestamptz NOT NULL,
	read_at				timestamptz,
	acked_at			timestamptz,
	delivered			bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE complaint.feed_consumer IS
	'named consumers of the delivery feed (complaint.feed_register) and the number of the last notice each acknowledged';
COMMENT ON COLUMN complaint.feed_consumer.position IS
	'the last notice (complaint.feed.seq) acknowledged; complaint.feed_read() returns the notices after it';
COMMENT ON COLUMN complaint.feed_consumer.read_at IS 'when the consumer last read the feed (noted at most once a second)';
COMMENT ON COLUMN complaint.feed_consumer.acked_at IS 'when it last acknowledged a notice';
COMMENT ON COLUMN complaint.feed_consumer.delivered IS 'notices acknowledged since registration';

SELECT pg_catalog.pg_extension_config_dump('complaint.feed', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.feed', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.feed_consumer', '');

-- C helpers (src/feed.c)
CREATE FUNCTION complaint.feed_notice(
	seq bigint, kind text, ref_id bigint, step text, case_id bigint, staff text, staff_name text,
	unit text, unit_name text, time_zone text, deadline timestamptz, due_at timestamptz, recorded_at timestamptz,
	escalation_id bigint, round integer, cc_staff text, reason text, responsibility_id bigint,
	violation_id bigint, violation_kind text, opened_by text, self_check_id bigint, sanction_id bigint,
	grade text, measures text[], appealed boolean) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_feed_notice'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.feed_notice(bigint, text, bigint, text, bigint, text, text, text, text, text, timestamptz, timestamptz, timestamptz, bigint, integer, text, text, bigint, bigint, text, text, bigint, bigint, text, text[], boolean) IS
	'one notice of the delivery feed as a one-line JSON object: key (kind:ref_id), seq, kind, step, case_id, who must act (staff, staff_name, unit, unit_name), time_zone, deadline, due_at and recorded_at in that time zone, and the detail fields that are not null';
CREATE FUNCTION complaint.feed_time(ts timestamptz, time_zone text) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_feed_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.feed_time(timestamptz, text) IS
	'ts in ISO 8601 with the offset the time zone has at that instant (a notice''s times, in the unit''s time zone)';
CREATE FUNCTION complaint.feed_check_autocommit() RETURNS void
	AS 'MODULE_PATHNAME', 'complaint_feed_check_autocommit'
	LANGUAGE C VOLATILE;
COMMENT ON FUNCTION complaint.feed_check_autocommit() IS
	'refuses (25001) inside a transaction block: complaint.feed_read() must commit the numbers it gives before the notices are delivered';

-- the capture: statement-level, from the rows the statement wrote ---------
CREATE FUNCTION complaint.feed_capture() RETURNS trigger
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	n bigint := 0;
BEGIN
	IF TG_WHEN IS DISTINCT FROM 'AFTER' OR TG_LEVEL IS DISTINCT FROM 'STATEMENT'
	   OR TG_TABLE_SCHEMA IS DISTINCT FROM 'complaint'
	   OR NOT (TG_TABLE_NAME = ANY (ARRAY['escalation', 'violation', 'self_check', 'sanction']))
	   OR TG_OP NOT IN ('INSERT', 'UPDATE') OR (TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'sanction') THEN
		RAISE EXCEPTION 'complaint.feed_capture() must be fired AFTER INSERT ... FOR EACH STATEMENT on complaint.escalation, violation, self_check or sanction, or AFTER UPDATE on complaint.sanction'
			USING ERRCODE = '39P01';
	END IF;
	IF TG_OP = 'INSERT' THEN
		INSERT INTO complaint.feed (kind, ref_id)
		SELECT CASE TG_TABLE_NAME WHEN 'escalation' THEN 'escalation'
								  WHEN 'violation' THEN 'violation'
								  WHEN 'self_check' THEN 'self_check_notice'
								  ELSE 'sanction_proposed' END::complaint.feed_kind, f.id
		  FROM feed_new f ORDER BY f.id;
	ELSE
		INSERT INTO complaint.feed (kind, ref_id)
		SELECT x.kind, x.id
		  FROM feed_old o JOIN feed_new f ON f.id = o.id,
			   LATERAL (VALUES (1, 'sanction_decided'::complaint.feed_kind, f.id,
								o.decided_at IS NULL AND f.decided_at IS NOT NULL),
							   (2, 'appeal_window_closed', f.id,
								o.appeal_closed_at IS NULL AND f.appeal_closed_at IS NOT NULL)) AS x(ord, kind, id, happened)
		 WHERE x.happened
		 ORDER BY f.id, x.ord;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n > 0 THEN
		PERFORM pg_catalog.pg_notify('complaint_escalation', '{"type" : "feed"}');
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION complaint.feed_capture() IS
	'statement-level AFTER trigger on escalation, violation, self_check and sanction, with the owner''s rights: appends a feed row for each step written (a sanction''s decision and the closing of its appeal window too) and sends the wake-up NOTIFY complaint_escalation';

CREATE TRIGGER feed_capture AFTER INSERT ON complaint.escalation
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture AFTER INSERT ON complaint.violation
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture AFTER INSERT ON complaint.self_check
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture AFTER INSERT ON complaint.sanction
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture_update AFTER UPDATE ON complaint.sanction
	REFERENCING OLD TABLE AS feed_old NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();

-- consumers ---------------------------------------------------------------

-- the consumer row, or 42704 (22023 for a malformed name, 23502 for NULL)
CREATE FUNCTION complaint.feed_consumer_row(consumer text, lock boolean) RETURNS complaint.feed_consumer
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.feed_consumer;
BEGIN
	IF consumer IS NULL THEN
		RAISE EXCEPTION 'consumer name must not be null' USING ERRCODE = '23502';
	END IF;
	IF consumer !~ '^[a-z][a-z0-9_-]{0,62}$' THEN
		RAISE EXCEPTION 'invalid consumer name "%"', pg_catalog.left(consumer, 80)
			USING ERRCODE = '22023',
				  DETAIL = 'A consumer name is 1 to 63 characters: lower-case letters, digits, "_" and "-", beginning with a letter.';
	END IF;
	IF lock THEN
		SELECT * INTO c FROM complaint.feed_consumer f WHERE f.name = consumer FOR NO KEY UPDATE;
	ELSE
		SELECT * INTO c FROM complaint.feed_consumer f WHERE f.name = consumer;
	END IF;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feed consumer "%" is not registered', consumer
			USING ERRCODE = '42704',
				  HINT = format('An administrator registers it: SELECT complaint.feed_register(%L);', consumer);
	END IF;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.feed_consumer_row(text, boolean) IS
	'the named feed consumer (locked when lock): 23502 for a null name, 22023 for a malformed one, 42704 when it is not registered';

-- the last number given (0 for an empty feed).  The feed is a queue: its
-- statistics are always behind (rows are numbered between two ANALYZEs),
-- and the planner, believing them, would scan the whole table where the
-- small partial indexes answer at once.  The feed's own queries therefore
-- run with enable_seqscan = off.
CREATE FUNCTION complaint.feed_end() RETURNS bigint
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off
	AS $$ SELECT COALESCE((SELECT f.seq FROM complaint.feed f WHERE f.seq IS NOT NULL ORDER BY f.seq DESC LIMIT 1), 0) $$;
COMMENT ON FUNCTION complaint.feed_end() IS
	'the last number given to a feed row (complaint.feed.seq), 0 for an empty feed';

-- number the committed rows that have none yet, in id order, at most lim;
-- returns how many.  Another transaction numbering at the same time: none
-- (it does it).  Runs in the caller's transaction, which holds the lock on
-- feed_state until it ends.
CREATE FUNCTION complaint.feed_number(lim integer) RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off
	AS $$
DECLARE
	base bigint;
	n bigint;
BEGIN
	-- (a plain index scan, not an index-only one: it marks the entries of
	-- rows numbered earlier as dead, so that the next look skips them)
	IF NOT EXISTS (SELECT f.kind FROM complaint.feed f WHERE f.seq IS NULL ORDER BY f.id LIMIT 1) THEN
		RETURN 0;
	END IF;
	PERFORM FROM complaint.feed_state s FOR UPDATE SKIP LOCKED;
	IF NOT FOUND THEN
		RETURN 0;
	END IF;
	base := complaint.feed_end();
	WITH c AS (
		SELECT f.id, pg_catalog.row_number() OVER (ORDER BY f.id) AS rn
		  FROM (SELECT f.id, f.kind FROM complaint.feed f WHERE f.seq IS NULL ORDER BY f.id LIMIT lim) f
	)
	UPDATE complaint.feed f SET seq = base + c.rn FROM c WHERE f.id = c.id AND f.seq IS NULL;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
COMMENT ON FUNCTION complaint.feed_number(integer) IS
	'numbers up to lim committed feed rows that have no number yet (seq), in id order after the last number, under the lock of complaint.feed_state; returns how many (0 when another transaction is numbering)';

CREATE FUNCTION complaint.feed_register(consumer text, start text DEFAULT 'end') RETURNS bigint
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	pos bigint;
BEGIN
	IF consumer IS NULL OR start IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN consumer IS NULL THEN 'consumer name' ELSE 'start' END
			USING ERRCODE = '23502';
	END IF;
	IF consumer !~ '^[a-z][a-z0-9_-]{0,62}$' THEN
		RAISE EXCEPTION 'invalid consumer name "%"', pg_catalog.left(consumer, 80)
			USING ERRCODE = '22023',
				  DETAIL = 'A consumer name is 1 to 63 characters: lower-case letters, digits, "_" and "-", beginning with a letter.';
	END IF;
	IF start NOT IN ('end', 'beginning') THEN
		RAISE EXCEPTION 'invalid start "%"', pg_catalog.left(start, 80)
			USING ERRCODE = '22023',
				  HINT = 'Start at ''end'' (the notices recorded from now on) or ''beginning'' (every notice in the feed).';
	END IF;
	IF EXISTS (SELECT FROM complaint.feed_consumer f WHERE f.name = consumer) THEN
		RAISE EXCEPTION 'feed consumer "%" is already registered', consumer
			USING ERRCODE = '42710',
				  HINT = 'Unregister it first (complaint.feed_unregister) to start it again.';
	END IF;
	IF start = 'end' THEN
		-- number what is committed, so that it counts as before the start
		PERFORM complaint.feed_number(2147483647);
		pos := complaint.feed_end();
	ELSE
		pos := 0;
	END IF;
	INSERT INTO complaint.feed_consumer (name, position, registered_at)
	VALUES (consumer, pos, pg_catalog.now())
	ON CONFLICT (name) DO NOTHING;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feed consumer "%" is already registered', consumer USING ERRCODE = '42710';
	END IF;
	RETURN pos;
END
$$;
COMMENT ON FUNCTION complaint.feed_register(text, text) IS
	'registers a consumer of the delivery feed, starting at the end (notices recorded from now on; the default) or at the beginning; returns its position';

CREATE FUNCTION complaint.feed_unregister(consumer text) RETURNS void
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM complaint.feed_consumer_row(consumer, true);
	DELETE FROM complaint.feed_consumer f WHERE f.name = consumer;
END
$$;
COMMENT ON FUNCTION complaint.feed_unregister(text) IS
	'forgets a consumer of the delivery feed and its position';

-- reading -------------------------------------------------------------------

-- the notices after a position: each a one-line JSON object without any
-- complainant data; every numbered row gives a notice, also one whose
-- record is gone (only a superuser bypassing the guards removes records):
-- its fields are null, so that a consumer can acknowledge past it.  Who must act: the staff member addressed (escalation),
-- the violator (violation), the unit head (self-check notice), the accused
-- (sanction steps).  Times in the time zone of that person's unit.
CREATE FUNCTION complaint.feed_notices(after bigint, lim integer)
	RETURNS TABLE (seq bigint, key text, notice text)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off
	SET plan_cache_mode = force_generic_plan
	AS $$
BEGIN
	-- PL/pgSQL, not SQL, and a generic plan: the plan is made once for the
	-- session, not again for every batch (with the indexes only, one plan
	-- fits every position and batch size)
	RETURN QUERY
	WITH f AS MATERIALIZED (
		SELECT f.seq, f.kind::text AS kind, f.ref_id FROM complaint.feed f
		 WHERE f.seq > after AND f.seq IS NOT NULL ORDER BY f.seq LIMIT lim
	), n (seq, kind, ref_id, step, case_id, staff, unit, deadline, due_at, calendar, recorded_at,
		  escalation_id, round, cc_staff, reason, responsibility_id, violation_id, violation_kind, opened_by,
		  self_check_id, sanction_id, grade, measures, appealed) AS (
		-- escalation steps: the staff member addressed
		SELECT f.seq, f.kind, f.ref_id, e.step::text, e.case_id, e.to_staff, e.to_unit,
			   c.deadline, e.due_at, c.calendar, e.recorded_at,
			   e.id, e.round, e.cc_staff, e.reason, NULLIF(e.responsibility_id, 0), NULL::bigint, NULL::text, NULL::text,
			   NULL::bigint, NULL::bigint, NULL::text, NULL::text[], NULL::boolean
		  FROM f LEFT JOIN complaint.escalation e ON e.id = f.ref_id
		  LEFT JOIN complaint.cases c ON c.id = e.case_id
		 WHERE f.kind = 'escalation'
		UNION ALL
		-- violations: the violator
		SELECT f.seq, f.kind, f.ref_id, 'violation', v.case_id, v.staff_code, COALESCE(v.unit_code, st.unit_code),
			   NULL, v.occurred_at, c.calendar, v.recorded_at,
			   NULL, NULL, NULL, NULL, NULL, v.id, v.kind::text, COALESCE(v.recorded_by, 'sweep'),
			   NULL, NULL, NULL, NULL, NULL
		  FROM f LEFT JOIN complaint.violation v ON v.id = f.ref_id
		  LEFT JOIN complaint.staff st ON st.code = v.staff_code
		  LEFT JOIN complaint.cases c ON c.id = v.case_id
		 WHERE f.kind = 'violation'
		UNION ALL
		-- self-check notices: the unit head must report by report_due
		SELECT f.seq, f.kind, f.ref_id, 'self_check_notice', v.case_id, complaint.unit_officer(k.unit_code, 'head'),
			   k.unit_code, k.report_due, k.notice_due, NULL, k.notified_at,
			   NULL, NULL, NULL, NULL, NULL, k.violation_id, NULL, NULL,
			   k.id, NULL, NULL, NULL, NULL
		  FROM f LEFT JOIN complaint.self_check k ON k.id = f.ref_id
		  LEFT JOIN complaint.violation v ON v.id = k.violation_id
		 WHERE f.kind = 'self_check_notice'
		UNION ALL
		-- sanction steps: the accused; decisions and closed windows with the
		-- end of the appeal window
		SELECT f.seq, f.kind, f.ref_id, f.kind, v.case_id, t.staff_code, t.unit_code,
			   CASE WHEN f.kind = 'sanction_proposed' THEN NULL ELSE t.appeal_until END, NULL, NULL,
			   CASE f.kind WHEN 'sanction_proposed' THEN t.proposed_at WHEN 'sanction_decided' THEN t.decided_at
						   ELSE t.appeal_closed_at END,
			   NULL, NULL, NULL, NULL, NULL, t.violation_id, NULL, NULL,
			   NULL, t.id, t.grade::text, CASE WHEN f.kind = 'sanction_proposed' THEN t.measures ELSE t.decided_measures END,
			   CASE WHEN f.kind = 'appeal_window_closed'
					THEN EXISTS (SELECT FROM complaint.appeal a WHERE a.sanction_id = t.id) END
		  FROM f LEFT JOIN complaint.sanction t ON t.id = f.ref_id
		  LEFT JOIN complaint.violation v ON v.id = t.violation_id
		 WHERE f.kind IN ('sanction_proposed', 'sanction_decided', 'appeal_window_closed')
	)
	SELECT n.seq, n.kind || ':' || n.ref_id,
		   complaint.feed_notice(n.seq, n.kind, n.ref_id, n.step, n.case_id, n.staff, s.name, n.unit, u.name,
				COALESCE(uc.time_zone, cc.time_zone, 'Asia/Shanghai'), n.deadline, n.due_at, n.recorded_at,
				n.escalation_id, n.round, n.cc_staff, n.reason, n.responsibility_id, n.violation_id, n.violation_kind,
				n.opened_by, n.self_check_id, n.sanction_id, n.grade, n.measures, n.appealed)
	  FROM n
	  LEFT JOIN complaint.staff s ON s.code = n.staff
	  LEFT JOIN complaint.unit u ON u.code = n.unit
	  LEFT JOIN complaint.calendar uc ON uc.name = u.calendar
	  LEFT JOIN complaint.calendar cc ON cc.name = n.calendar
	 ORDER BY n.seq;
END
$$;
COMMENT ON FUNCTION complaint.feed_notices(bigint, integer) IS
	'the notices numbered after a position, at most lim, in order: number, idempotency key and a one-line JSON object (no complainant data)';

CREATE FUNCTION complaint.feed_read(consumer text, max_notices integer DEFAULT 1000, ack_upto bigint DEFAULT NULL)
	RETURNS TABLE (seq bigint, key text, notice text)
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.feed_consumer;
BEGIN
	IF max_notices IS NULL THEN
		RAISE EXCEPTION 'max_notices must not be null' USING ERRCODE = '23502';
	END IF;
	IF max_notices < 1 OR max_notices > 100000 THEN
		RAISE EXCEPTION 'max_notices must be between 1 and 100000' USING ERRCODE = '22023';
	END IF;
	PERFORM complaint.feed_check_autocommit();
	-- the previous batch's acknowledgement, in the same transaction: one
	-- round trip and one commit per batch
	IF ack_upto IS NOT NULL THEN
		PERFORM complaint.feed_ack(consumer, ack_upto);
	END IF;
	c := complaint.feed_consumer_row(consumer, false);
	PERFORM complaint.feed_number(max_notices);
	-- (at most once a second: a write makes the call wait for its commit)
	IF c.read_at IS NULL OR c.read_at < pg_catalog.now() - interval '1 second' THEN
		UPDATE complaint.feed_consumer f SET read_at = pg_catalog.now() WHERE f.name = c.name;
	END IF;
	RETURN QUERY SELECT x.seq, x.key, x.notice FROM complaint.feed_notices(c.position, max_notices) x;
END
$$;
COMMENT ON FUNCTION complaint.feed_read(text, integer, bigint) IS
	'the next notices (at most max_notices) of a feed consumer after its position, in the order recorded, each with its number (seq), its idempotency key and a one-line JSON object; call it in autocommit mode; delivered notices are acknowledged with complaint.feed_ack, or with ack_upto at the next read (acknowledged first)';

CREATE FUNCTION complaint.feed_ack(consumer text, upto bigint) RETURNS bigint
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.feed_consumer;
	last bigint;
BEGIN
	IF upto IS NULL THEN
		RAISE EXCEPTION 'notice number must not be null' USING ERRCODE = '23502';
	END IF;
	c := complaint.feed_consumer_row(consumer, true);
	last := complaint.feed_end();
	IF upto < 0 OR upto > last THEN
		RAISE EXCEPTION 'cannot acknowledge notice % of feed consumer "%"', upto, c.name
			USING ERRCODE = '22023',
				  DETAIL = format('The feed holds notices 1 to %s.', last),
				  HINT = 'Acknowledge the seq of a notice complaint.feed_read() returned.';
	END IF;
	IF upto <= c.position THEN
		RETURN c.position;		-- acknowledged already: at-least-once delivery acknowledges again
	END IF;
	UPDATE complaint.feed_consumer f
	   SET position = upto, acked_at = pg_catalog.now(), delivered = f.delivered + (upto - f.position)
	 WHERE f.name = c.name;
	RETURN upto;
END
$$;
COMMENT ON FUNCTION complaint.feed_ack(text, bigint) IS
	'acknowledges that a feed consumer delivered every notice up to number upto; returns its new position (acknowledging again is harmless; beyond the end is 22023)';

CREATE VIEW complaint.feed_lag AS
	SELECT c.name AS consumer, c.position,
		   e.feed_end,
		   e.feed_end - c.position AS behind,
		   (SELECT pg_catalog.count(*) FROM complaint.feed f WHERE f.seq IS NULL) AS not_numbered,
		   c.delivered, c.registered_at, c.read_at, c.acked_at
	  FROM complaint.feed_consumer c
	 CROSS JOIN (SELECT COALESCE(pg_catalog.max(f.seq), 0) AS feed_end FROM complaint.feed f WHERE f.seq IS NOT NULL) e;
COMMENT ON VIEW complaint.feed_lag IS
	'each feed consumer''s position, how many numbered notices it has still to deliver (behind), the notices not numbered yet (they come after), and when it last read and acknowledged';

-- the new functions are private, like every function not on the allow-list
REVOKE ALL ON FUNCTION complaint.feed_time(timestamptz, text), complaint.feed_check_autocommit(),
	complaint.feed_capture(), complaint.feed_consumer_row(text, boolean), complaint.feed_end(), complaint.feed_number(integer),
	complaint.feed_notice(bigint, text, bigint, text, bigint, text, text, text, text, text, timestamptz, timestamptz, timestamptz, bigint, integer, text, text, bigint, bigint, text, text, bigint, bigint, text, text[], boolean),
	complaint.feed_register(text, text), complaint.feed_unregister(text), complaint.feed_notices(bigint, integer),
	complaint.feed_read(text, integer, bigint), complaint.feed_ack(text, bigint) FROM PUBLIC;
REVOKE ALL ON TABLE complaint.feed, complaint.feed_state, complaint.feed_consumer, complaint.feed_lag FROM PUBLIC;
REVOKE ALL ON SEQUENCE complaint.feed_id_seq FROM PUBLIC;

-- the sweep no longer sends a payload per record (src/sweep_sql.h)
COMMENT ON FUNCTION complaint.sweep_notify("any") IS
	'sends NOTIFY complaint_escalation with the JSON object of the key/value pairs (the text of json_build_object) as payload; complaint.sweep() no longer calls it (its records go to the delivery feed)';

-- create_roles(): the feed's grants (src/sql/install/90_roles.sql)
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
		'complaint: monitor: background worker status; delivers the escalation feed (complaint-notify)'];
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

	-- the delivery feed (src/sql/install/66_feed.sql): the monitor delivers
	-- (complaint-notify reads and acknowledges through owner-rights
	-- functions and needs nothing else); the administrator registers the
	-- consumers; both see the lag
	GRANT EXECUTE ON FUNCTION complaint.feed_read(text, integer, bigint), complaint.feed_ack(text, bigint)
		TO complaint_monitor;
	GRANT EXECUTE ON FUNCTION complaint.feed_register(text, text), complaint.feed_unregister(text)
		TO complaint_admin;
	GRANT SELECT ON complaint.feed_lag TO complaint_monitor, complaint_admin;

	-- reports (src/sql/install/75_reports.sql).  They run with the caller's
	-- rights and read the register without its complainant_* columns, the
	-- history, the escalations, the violations and sanctions, the
	-- organisation and the calendars.  The analyst and the administrator
	-- read all of that already; the accountability office (张榜/通报 and the
	-- ranking are its work) gets the reading the reports need; staff (and the
	-- application) get the morning list of cases due soon.  The ranking
	-- weights are the administrator's to change.
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_accountability',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
	GRANT SELECT ON complaint.event, complaint.escalation, complaint.unit, complaint.staff, complaint.calendar,
		complaint.calendar_hours, complaint.ranking_weight TO complaint_accountability;
	GRANT INSERT, UPDATE, DELETE ON complaint.ranking_weight TO complaint_admin;
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace
				AND p.proname IN ('report_check', 'report_figures', 'unit_scorecard', 'unit_ranking',
								  'scorecard_by', 'public_notice', 'due_soon') LOOP
		EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_admin, complaint_analyst, complaint_accountability', r.fn);
		IF r.proname = 'due_soon' THEN
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

-- the roles' privileges again, where the roles exist
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'complaint_admin') THEN
		PERFORM complaint.create_roles();
	END IF;
END
$$;
-- end of delivery feed (issue 11)
