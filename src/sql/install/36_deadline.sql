
-- ---------------------------------------------------------------------------
-- src/sql/install/36_deadline.sql
--   complaint.deadline: SPEC section 4's counting rules (src/deadline.c)
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.deadline(start timestamptz, lim complaint.time_limit, calendar text DEFAULT 'CN')
	RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_deadline'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.deadline(timestamptz, complaint.time_limit, text) IS
	'when a time limit received at start ends: day of receipt not counted; end of the N-th working day; a calendar-day limit ending on a non-working day moves to the next working day; minutes and hours elapsed; working hours counted inside working hours only';
