/*-------------------------------------------------------------------------
 *
 * src/staff.c
 *	  Resolve the staff member acting in this session (SPEC section 8):
 *	  SET complaint.staff = '<code>' names them; without it the staff row
 *	  whose db_role is the current user acts.  A role mapped to a staff
 *	  member may act as nobody else, so complaint.staff is a convenience
 *	  for shared application roles, not a way to impersonate colleagues.
 *
 * No state: the staff rows come from the organisation cache (orgcache.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"

#include "complaint.h"
#include "orgcache.h"
#include "staff.h"

PG_FUNCTION_INFO_V1(complaint_acting_staff);

bool
StaffActing(Oid roleid, bool missing_ok, StaffInfo *who)
{
	const char *named = (complaint_staff != NULL && complaint_staff[0] != '\0')
		? complaint_staff : NULL;
	char	   *rolename = GetUserNameFromId(roleid, false);
	const OrgStaff *mapped = OrgStaffByRole(rolename);
	const OrgStaff *s = named != NULL ? OrgStaffFind(named) : mapped;

	if (s == NULL)
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
	if (mapped != NULL && mapped != s)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("role \"%s\" may act only as staff member \"%s\"",
						rolename, mapped->code),
				 errdetail("complaint.staff is set to \"%s\", but role \"%s\" is mapped to staff member \"%s\".",
						   s->code, rolename, mapped->code)));
	if (!s->active)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("staff member \"%s\" is inactive", s->code),
				 errhint("Only active staff members can act on cases.")));
	who->code = pstrdup(s->code);
	who->unit_code = pstrdup(s->unit_code);
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
	StaffInfo	who;

	OrgCacheBegin();
	if (!StaffActing(GetUserId(), missing_ok, &who))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(who.code));
}
