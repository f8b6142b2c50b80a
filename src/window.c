/*-------------------------------------------------------------------------
 *
 * src/window.c
 *	  complaint.window_end(matter, start, unit): the end of a window that a
 *	  time-limit rule of that matter sets (the appeal window, the
 *	  self-check notice and report, the repeat window, ...): the best
 *	  enabled rule of the matter for the unit (complaint.match_rule with no
 *	  case criteria), counted by the deadline arithmetic (deadline.c) on the
 *	  unit's calendar.  Every window of the extension is counted this way,
 *	  so a DBA changes one with SQL on complaint.time_limit_rule.
 *
 *	  Apart from deadline.c because it reads the organisation cache, which
 *	  the pure counting rules do not need.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "deadline.h"
#include "orgcache.h"

PG_FUNCTION_INFO_V1(complaint_window_end);

/*
 * WindowEnd --- see deadline.h.  The organisation cache must have been
 * entered (OrgCacheBegin) by the caller.
 */
bool
WindowEnd(const char *matter, TimestampTz start, const char *unit, TimestampTz *end)
{
	const OrgRule *rule;
	const OrgUnit *u = NULL;

	if (unit != NULL && (u = OrgUnitFind(unit)) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("unit \"%s\" does not exist", unit),
				 errhint("Units are rows of complaint.unit.")));
	rule = OrgRuleMatch(matter, NULL, NULL, NULL, NULL, unit);
	if (rule == NULL)
		return false;
	*end = DeadlineCompute(start, &rule->lim, u != NULL ? u->calendar : "CN");
	return true;
}

/*
 * complaint.window_end(matter text, start timestamptz, unit text) →
 * timestamptz: NULL when matter or start is NULL or no enabled rule of the
 * matter applies; unit NULL: rules without unit criteria, calendar CN.
 */
Datum
complaint_window_end(PG_FUNCTION_ARGS)
{
	TimestampTz end;
	char	   *matter;
	char	   *unit;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	matter = text_to_cstring(PG_GETARG_TEXT_PP(0));
	unit = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	OrgCacheBegin();
	if (!WindowEnd(matter, PG_GETARG_TIMESTAMPTZ(1), unit, &end))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(end);
}
