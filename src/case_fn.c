/*-------------------------------------------------------------------------
 *
 * src/case_fn.c
 *	  Steps that write only the history, not the case row:
 *	  complaint.add_co_handler(case_id, unit, staff) adds a co-handling unit
 *	  (协办: 需两个部门配合办理的事项, 由首问部门负责协调处理), so it is
 *	  written here, by the extension's own code, instead of by a trigger.
 *
 * Trust boundary: the function writes the history as the owner of the
 * tables, so before anything else (before it looks at its arguments, the
 * organisation or the case) it checks that the caller could take the step
 * by hand: UPDATE on complaint.cases and SELECT on the columns a step
 * reads (id, status, handler_unit: the staff read the table without the
 * complainant's columns), 42501 otherwise, and an acting staff member
 * (StaffActing).  Only then does it lock the case and tell whether it
 * exists.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "complaint.h"
#include "json_util.h"
#include "orgcache.h"
#include "spi_util.h"
#include "staff.h"
#include "trg_history.h"

PG_FUNCTION_INFO_V1(complaint_add_co_handler);

/* the case, locked like the step functions lock it */
static SpiCachedPlan lock_plan = {
	"SELECT status::text, handler_unit FROM complaint.cases WHERE id = $1 FOR NO KEY UPDATE",
	1, {INT8OID}, NULL
};

/* $1 case, $2 unit, $3 staff, $4 at */
static SpiCachedPlan co_handler_plan = {
	"WITH dup AS ("
	"  SELECT 1 FROM complaint.responsibility"
	"   WHERE case_id = $1 AND role = 'co_handler' AND until IS NULL"
	"     AND unit_code = $2 AND staff_code IS NOT DISTINCT FROM $3),"
	" ins AS ("
	"  INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since)"
	"  SELECT $1, $3, $2, 'co_handler', $4 WHERE NOT EXISTS (SELECT 1 FROM dup)"
	"  RETURNING id)"
	" SELECT count(*) FROM ins",
	4, {INT8OID, TEXTOID, TEXTOID, TIMESTAMPTZOID}, NULL
};

/* the columns a step reads: its WHERE clause and the lock's result */
static const char *const step_columns[] = {"id", "status", "handler_unit"};

/*
 * MaySelectColumn --- the role may SELECT the column by a column privilege
 * (pg_attribute_aclcheck looks at the column's own ACL only: the caller
 * checks the table privilege first); false for a column the table lacks
 */
static bool
MaySelectColumn(Oid relid, const char *column, Oid roleid)
{
	AttrNumber	attnum = get_attnum(relid, column);

	return attnum != InvalidAttrNumber &&
		pg_attribute_aclcheck(relid, attnum, roleid, ACL_SELECT) == ACLCHECK_OK;
}

/*
 * CheckStepPrivilege --- the caller may update complaint.cases and read the
 * columns a step reads, as a step taken by hand needs; 42501 otherwise
 */
static void
CheckStepPrivilege(Oid roleid, const char *step)
{
	Oid			relid = get_relname_relid(CASES_TABLE,
										  get_namespace_oid(COMPLAINT_SCHEMA, false));
	bool		ok;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist", COMPLAINT_SCHEMA, CASES_TABLE)));
	ok = pg_class_aclcheck(relid, roleid, ACL_UPDATE) == ACLCHECK_OK;
	if (ok && pg_class_aclcheck(relid, roleid, ACL_SELECT) != ACLCHECK_OK)
	{
		for (size_t i = 0; ok && i < lengthof(step_columns); i++)
			ok = MaySelectColumn(relid, step_columns[i], roleid);
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied for %s", step),
				 errdetail("A step on a case needs UPDATE on %s.%s and SELECT on its columns id, status and handler_unit.",
						   COMPLAINT_SCHEMA, CASES_TABLE),
				 errhint("Grant the role complaint_staff (or complaint_application).")));
}

/*
 * complaint_add_co_handler --- SQL complaint.add_co_handler(case_id bigint,
 * unit text, staff text DEFAULT NULL) → void.
 */
Datum
complaint_add_co_handler(PG_FUNCTION_ARGS)
{
	int64		case_id;
	char	   *unit;
	char	   *staff;
	Oid			roleid = GetUserId();
	TimestampTz now = ComplaintNow();
	SpiSession	session;
	StaffInfo	who;
	const OrgUnit *u;
	char	   *status;
	char	   *handler_unit;
	Datum		v[4];
	char		n[4] = {' ', ' ', ' ', ' '};
	bool		isnull;
	int64		added;
	JsonObj		d;

	/* who asks, before anything is looked at */
	CheckStepPrivilege(roleid, "complaint.add_co_handler");
	OrgCacheBegin();
	StaffActing(roleid, false, &who);

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("case_id of complaint.add_co_handler must not be null")));
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("unit of complaint.add_co_handler must not be null"),
				 errhint("A co-handler is a unit, optionally with a staff member of it.")));
	case_id = PG_GETARG_INT64(0);
	unit = text_to_cstring(PG_GETARG_TEXT_PP(1));
	staff = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	u = OrgUnitFind(unit);
	if (u == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("unit \"%s\" does not exist", unit),
				 errhint("Units are rows of complaint.unit.")));
	if (staff != NULL)
	{
		const OrgStaff *s = OrgStaffFind(staff);

		if (s == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("staff member \"%s\" does not exist", staff)));
		if (!s->active)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("staff member \"%s\" is inactive", staff)));
		if (strcmp(s->unit_code, unit) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("staff member \"%s\" does not belong to unit \"%s\"", staff, unit)));
	}

	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, CASES_TABLE));
	v[0] = Int64GetDatum(case_id);
	if (SpiRun(&lock_plan, v, n, false, 1, SPI_OK_SELECT) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("case " INT64_FORMAT " does not exist", case_id),
				 errhint("Cases are rows of complaint.cases.")));
	status = SpiGetTextCopy(0, 1);
	handler_unit = SpiGetTextCopy(0, 2);
	if (strcmp(status, "closed") == 0 || strcmp(status, "referred_out") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("case " INT64_FORMAT " is %s", case_id,
						strcmp(status, "closed") == 0 ? "closed" : "referred out"),
				 errhint("Reopen it with complaint.reopen() first.")));
	if (strcmp(handler_unit, unit) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("unit \"%s\" already handles case " INT64_FORMAT, unit, case_id),
				 errhint("A co-handler is another unit that helps the handling one.")));

	v[1] = CStringGetTextDatum(unit);
	v[2] = SpiTextArg(staff, n, 2);
	v[3] = TimestampTzGetDatum(now);
	JsonObjInit(&d);
	JsonAddText(&d, "unit", unit);
	JsonAddText(&d, "staff", staff);

	HistoryWriteBegin();
	PG_TRY();
	{
		SpiRun(&co_handler_plan, v, n, false, 0, SPI_OK_SELECT);
		added = DatumGetInt64(SpiGetDatum(0, 1, &isnull));
		if (added == 0)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("unit \"%s\" already co-handles case " INT64_FORMAT, unit, case_id)));
		EventAppend(case_id, now, "co_handler_added", who.code, status, status,
					JsonObjFinish(&d));
	}
	PG_FINALLY();
	{
		HistoryWriteEnd();
	}
	PG_END_TRY();
	SpiEnd(&session);
	PG_RETURN_VOID();
}
