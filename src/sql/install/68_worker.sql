-- ---------------------------------------------------------------------------
-- src/sql/install/68_worker.sql
--   The sweep entry point and the background worker's status view.  The
--   worker itself needs shared_preload_libraries = 'complaint'; without it
--   the view is empty and complaint.sweep() still works when called by hand.
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.sweep("at" timestamptz DEFAULT pg_catalog.now()) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_sweep'
	LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION complaint.sweep(timestamptz) IS
	'one escalation pass as of at: records every escalation step, violation, sanction and appeal deadline due by then that is not recorded yet, and returns how many it recorded; waits for a sweep already running in this database';
REVOKE ALL ON FUNCTION complaint.sweep(timestamptz) FROM PUBLIC;

-- what the sweep says about each record (C, src/sweep_json.c): the same
-- text and jsonb as json_build_object / jsonb_build_object, built without
-- looking the argument types up again for every row (the history detail;
-- the NOTIFY payload of release 0.1.0, kept for callers of its own)
CREATE FUNCTION complaint.sweep_notify(VARIADIC "any") RETURNS void
	AS 'MODULE_PATHNAME', 'complaint_sweep_notify'
	LANGUAGE C VOLATILE;
COMMENT ON FUNCTION complaint.sweep_notify("any") IS
	'sends NOTIFY complaint_escalation with the JSON object of the key/value pairs (the text of json_build_object) as payload; complaint.sweep() no longer calls it (its records go to the delivery feed)';
REVOKE ALL ON FUNCTION complaint.sweep_notify("any") FROM PUBLIC;
CREATE FUNCTION complaint.sweep_event_detail(VARIADIC "any") RETURNS jsonb
	AS 'MODULE_PATHNAME', 'complaint_sweep_event_detail'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.sweep_event_detail("any") IS
	'used by complaint.sweep(): the jsonb object of the key/value pairs whose value is not null (as jsonb_strip_nulls(jsonb_build_object(...))), the detail of a history event';

CREATE FUNCTION complaint.worker_status(
	OUT database name,
	OUT pid integer,
	OUT state text,
	OUT last_sweep_start timestamptz,
	OUT last_sweep_end timestamptz,
	OUT last_sweep_steps bigint,
	OUT total_steps bigint,
	OUT sweeps bigint,
	OUT errors bigint,
	OUT last_error text,
	OUT last_error_at timestamptz)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'complaint_worker_status'
	LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION complaint.worker_status() IS
	'one row per database served by the background worker (none without shared_preload_libraries)';
REVOKE ALL ON FUNCTION complaint.worker_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION complaint.worker_status() TO pg_monitor;

CREATE VIEW complaint.worker_status AS
	SELECT * FROM complaint.worker_status();
COMMENT ON VIEW complaint.worker_status IS
	'state of each database''s background worker: pid, state, last sweep start and end, steps recorded by the last sweep and in all, errors and the last error';
REVOKE ALL ON complaint.worker_status FROM PUBLIC;
GRANT SELECT ON complaint.worker_status TO pg_monitor;
