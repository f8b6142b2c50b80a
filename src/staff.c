/*-------------------------------------------------------------------------
 *
 * src/staff.c
 *	  Resolve the staff member acting in this session (SPEC section 8):
 *	  SET complaint.staff = '<code>' names them; without it the staff row
 *	  whose db_role is the current user acts.  A role mapped to a staff
 *	  member may act as nobody else, so complaint.staff is a convenience
 *	  for shared application roles, not a way to impersonate colleagues.
 *
 * No state is kept: every call reads complaint.staff (one cached plan).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"

#include "complaint.h"
#include "spi_util.h"
#include "staff.h"

PG_FUNCTION_INFO_V1(complaint_acting_staff);

/*
 * Columns: 1 code, 2 unit, 3 active, 4 code of the staff member mapped to
 * the role (if any).  With $1 NULL, the mapped staff member is the answer.
 */
static SpiCachedPlan staff_plan = {
	"SELECT s.code, s.unit_code, s.active, m.code"
	"  FROM (SELECT 1) AS one"
	"  LEFT JOIN complaint.staff AS m ON m.db_role = $2::pg_catalog.name"
	"  LEFT JOIN complaint.staff AS s ON s.code = coalesce($1, m.code)",
	2, {TEXTOID, TEXTOID}, NULL
};

bool
StaffActing(Oid roleid, bool missing_ok, StaffInfo *who)
{
	const char *named = (complaint_staff != NULL && complaint_staff[0] != '\0')
		? complaint_staff : NULL;
	char	   *rolename = GetUserNameFromId(roleid, false);
	Datum		values[2];
	char		nulls[2];
	bool		isnull;
	bool		active;
	char	   *mapped;

	values[0] = SpiTextArg(named, nulls, 0);
	values[1] = SpiTextArg(rolename, nulls, 1);
	SpiRun(&staff_plan, values, nulls, true, 1, SPI_OK_SELECT);

	who->code = SpiGetTextCopy(0, 1);
	who->unit_code = SpiGetTextCopy(0, 2);
	mapped = SpiGetTextCopy(0, 4);

	if (who->code == NULL)
	{
		if (named != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("staff member \"%s\" does not exist", named),
					 errhint("Set complaint.staff to the code of a row of complaint.staff.")));
		if (missing_ok)
			return false;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION),
				 errmsg("no staff member acts for role \"%s\"", rolename),
				 errdetail("complaint.staff is not set and no row of complaint.staff has db_role \"%s\".",
						   rolename),
				 errhint("Set complaint.staff to the acting staff code, or map the role with complaint.staff.db_role.")));
	}

	if (mapped != NULL && strcmp(mapped, who->code) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("role \"%s\" may act only as staff member \"%s\"",
						rolename, mapped),
				 errdetail("complaint.staff is set to \"%s\", but role \"%s\" is mapped to staff member \"%s\".",
						   who->code, rolename, mapped)));

	active = DatumGetBool(SpiGetDatum(0, 3, &isnull));
	if (!isnull && !active)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("staff member \"%s\" is inactive", who->code),
				 errhint("Only active staff members can act on cases.")));
	return true;
}

/*
 * complaint_acting_staff --- SQL complaint.acting_staff(missing_ok boolean):
 * the acting staff code, NULL when nobody acts and missing_ok.
 */
Datum
complaint_acting_staff(PG_FUNCTION_ARGS)
{
	bool		missing_ok = PG_ARGISNULL(0) ? false : PG_GETARG_BOOL(0);
	Oid			roleid = GetUserId();
	SpiSession	session;
	StaffInfo	who;
	bool		found;

	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, "staff"));
	found = StaffActing(roleid, missing_ok, &who);
	SpiEnd(&session);

	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(who.code));
}
