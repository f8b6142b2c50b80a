-- ---------------------------------------------------------------------------
-- src/sql/install/59_triggers.sql
--   The C triggers that enforce the workflow (src/trg_case*.c), keep the
--   history append-only (src/trg_history.c) and re-project open cases when
--   a calendar or a rule changes (src/reproject.c).
-- ---------------------------------------------------------------------------

CREATE FUNCTION complaint.case_register() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_case_register'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.case_register() IS
	'BEFORE INSERT trigger on complaint.cases: the acting staff member is the first responder; routing, calendar, rule and deadline are filled in';

CREATE FUNCTION complaint.case_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_case_guard'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.case_guard() IS
	'BEFORE UPDATE trigger on complaint.cases: lifecycle transitions, immutable first responder and receipt time, one step per update';

CREATE FUNCTION complaint.case_history() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_case_history'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.case_history() IS
	'AFTER INSERT OR UPDATE trigger on complaint.cases: writes the step''s responsibility rows and event';

CREATE FUNCTION complaint.history_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_history_guard'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.history_guard() IS
	'BEFORE trigger making a table append-only history: inserts by the extension only, no update (but filling the columns named as arguments, once, by the extension), no delete, no truncate';

CREATE FUNCTION complaint.reproject_snapshot() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_reproject_snapshot'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.reproject_snapshot() IS
	'BEFORE statement trigger on the calendar tables: measures the time running cases have used on the calendar before the change';

CREATE FUNCTION complaint.reproject_calendar() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_reproject_calendar'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.reproject_calendar() IS
	'AFTER statement trigger on the calendar tables: re-projects running cases onto the changed calendar, keeping the time used';

CREATE FUNCTION complaint.reproject_rule() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_reproject_rule'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.reproject_rule() IS
	'AFTER UPDATE trigger on complaint.time_limit_rule: running cases under the rule get its new limit from the same origin';

-- cases
CREATE TRIGGER case_register BEFORE INSERT ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.case_register();
CREATE TRIGGER case_guard BEFORE UPDATE ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.case_guard();
CREATE TRIGGER case_history AFTER INSERT OR UPDATE ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.case_history();
CREATE TRIGGER case_keep BEFORE DELETE ON complaint.cases
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER case_keep_truncate BEFORE TRUNCATE ON complaint.cases
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();

-- history
CREATE TRIGGER history_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.event
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER history_guard_truncate BEFORE TRUNCATE ON complaint.event
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();
CREATE TRIGGER history_guard BEFORE INSERT OR UPDATE OR DELETE ON complaint.responsibility
	FOR EACH ROW EXECUTE FUNCTION complaint.history_guard('until');
CREATE TRIGGER history_guard_truncate BEFORE TRUNCATE ON complaint.responsibility
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.history_guard();

-- re-projection (calendar_reproject sorts after calendar_changed, which
-- validates the change and invalidates the calendar cache first)
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();
CREATE TRIGGER calendar_reproject_snapshot BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_snapshot();
CREATE TRIGGER calendar_reproject AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.calendar_day_hours
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.reproject_calendar();

CREATE TRIGGER rule_reproject AFTER UPDATE OF lim ON complaint.time_limit_rule
	FOR EACH ROW WHEN (OLD.lim IS DISTINCT FROM NEW.lim)
	EXECUTE FUNCTION complaint.reproject_rule();

CREATE FUNCTION complaint.acting_staff(missing_ok boolean DEFAULT false) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_acting_staff'
	LANGUAGE C STABLE;
COMMENT ON FUNCTION complaint.acting_staff(boolean) IS
	'code of the staff member acting in this session (complaint.staff, else the one mapped to current_user); NULL when nobody acts and missing_ok';

-- the per-backend organisation cache (src/orgcache.c) reloads after any
-- change to the tables it copies
CREATE FUNCTION complaint.org_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'complaint_org_changed'
	LANGUAGE C;
COMMENT ON FUNCTION complaint.org_changed() IS
	'AFTER statement trigger on unit, staff, category, route and time_limit_rule: makes every backend reload its organisation cache';

CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.unit
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.staff
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.category
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.route
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON complaint.time_limit_rule
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.org_changed();
