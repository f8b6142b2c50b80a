-- ---------------------------------------------------------------------------
-- src/sql/install/66_feed.sql
--   The delivery feed: every step a person must be told of (a warning, an
--   escalation, an overdue hand-over, a violation opened, a sanction
--   proposed or decided, a self-check notice, an appeal window closed),
--   readable in order by named consumers that acknowledge what they have
--   delivered (the program complaint-notify, src/client/).
--
--   The feed holds no copy of a step: a row of complaint.feed is a pointer
--   (kind, id of the escalation, violation, self-check or sanction row),
--   appended by the statement-level trigger complaint.feed_capture() from
--   the rows the statement wrote (transition tables), in the writer's
--   transaction.  The notice itself is read from those rows when it is
--   delivered.
--
--   Order and nothing skipped.  The identity id of a feed row is taken
--   when the row is written, so ids commit out of order: a reader that had
--   delivered id 11 could miss id 10 committed a moment later.  Consumers
--   therefore never see ids.  complaint.feed_read() first numbers the
--   committed rows that have no number yet (seq = last number + 1, 2, ...
--   in id order), under a row lock on complaint.feed_state held until its
--   transaction commits (the last number is the feed's highest seq, so a
--   restored dump goes on after its own), so that numbers are given out by one reader at a
--   time and become visible in the order given.  A row committed late gets
--   a later number, never one a consumer has passed.  Numbers are dense;
--   a consumer's position is the last number it acknowledged.  Within one
--   case the order is the order of recording: a step that follows another
--   was written after the other committed, so it has a higher id, and it
--   can be numbered no earlier than the other.
--
--   NOTIFY complaint_escalation '{"type" : "feed"}' (sent at commit, once
--   per transaction: PostgreSQL folds equal payloads) is the wake-up; the
--   notices are read from the feed.
-- ---------------------------------------------------------------------------

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
