/*-------------------------------------------------------------------------
 *
 * src/privacy.c
 *	  complaint.case_visible(case_id, first_responder, handler_unit): the
 *	  row rule of complaint.cases for a staff member (the policies
 *	  cases_staff_read and cases_staff_step, and complaint.register).
 *
 * A staff member S (the acting staff member of the current user) sees a
 * case when S is its first responder, when its handling unit is S's unit
 * or lies in the subtree of a unit S heads, or when S -- or such a unit --
 * holds or held any responsibility on it.  The first tests use the
 * organisation cache; only a case they do not decide costs one indexed
 * read of complaint.responsibility.
 *
 * Why C: the policies are one small function call, so that the statements
 * of the roles that see every row (the application above all), for which
 * the planner folds the policies to true, pay almost nothing to rewrite and
 * plan them; and the staff's per-row test stays cheap.
 *
 * Trust boundary: the function answers only for the current user (never
 * for a staff member named by the caller), reads the responsibility rows
 * as their owner (the register calls it for readers who may not read that
 * table) and returns a boolean; executable by the roles that read cases or
 * the register.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "complaint.h"
#include "orgcache.h"
#include "spi_util.h"
#include "staff.h"

PG_FUNCTION_INFO_V1(complaint_case_visible);

/* the staff and units holding or having held a responsibility on a case */
static SpiCachedPlan holders_plan = {
	"SELECT staff_code, unit_code FROM complaint.responsibility WHERE case_id = $1",
	1, {INT8OID}, NULL
};

/*
 * UnitInScope --- unit is the staff member's own unit, or it or one of its
 * ancestors is headed by them (at most 64 levels, as unit_ancestors)
 */
static bool
UnitInScope(const char *unit, const StaffInfo *who)
{
	const OrgUnit *u;
	int			depth;

	if (unit == NULL)
		return false;
	if (strcmp(unit, who->unit_code) == 0)
		return true;
	u = OrgUnitFind(unit);
	for (depth = 0; u != NULL && depth <= 64; depth++)
	{
		if (u->head_staff != NULL && strcmp(u->head_staff, who->code) == 0)
			return true;
		u = u->parent_code != NULL ? OrgUnitFind(u->parent_code) : NULL;
	}
	return false;
}

/*
 * complaint_case_visible --- SQL complaint.case_visible(case_id bigint,
 * first_responder text, handler_unit text) → boolean.
 */
Datum
complaint_case_visible(PG_FUNCTION_ARGS)
{
	StaffInfo	who;
	SpiSession	session;
	Datum		v[1];
	char		n[1] = {' '};
	uint64		rows;
	uint64		i;
	char	  **staff;
	char	  **units;

	OrgCacheBegin();
	if (!StaffActing(GetUserId(), true, &who))
		PG_RETURN_BOOL(false);
	if (!PG_ARGISNULL(1) && strcmp(text_to_cstring(PG_GETARG_TEXT_PP(1)), who.code) == 0)
		PG_RETURN_BOOL(true);
	if (!PG_ARGISNULL(2) && UnitInScope(text_to_cstring(PG_GETARG_TEXT_PP(2)), &who))
		PG_RETURN_BOOL(true);
	if (PG_ARGISNULL(0))
		PG_RETURN_BOOL(false);

	/* who holds or held a responsibility (copied out: SPI may reload the cache) */
	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, "responsibility"));
	v[0] = PG_GETARG_DATUM(0);
	rows = SpiRun(&holders_plan, v, n, true, 0, SPI_OK_SELECT);
	staff = SPI_palloc(sizeof(char *) * (rows + 1));
	units = SPI_palloc(sizeof(char *) * (rows + 1));
	for (i = 0; i < rows; i++)
	{
		staff[i] = SpiGetTextCopy(i, 1);
		units[i] = SpiGetTextCopy(i, 2);
	}
	SpiEnd(&session);

	OrgCacheBegin();
	for (i = 0; i < rows; i++)
	{
		if ((staff[i] != NULL && strcmp(staff[i], who.code) == 0) || UnitInScope(units[i], &who))
			PG_RETURN_BOOL(true);
	}
	PG_RETURN_BOOL(false);
}
