/*-------------------------------------------------------------------------
 *
 * src/staff.c
 *	  Resolve the staff member acting in this session (SPEC section 8).
 *
 *	  - A role mapped to a staff member (complaint.staff.db_role, a regrole:
 *	    the mapping follows the role's OID, not its name) acts as that
 *	    staff member and nobody else; complaint.staff may only repeat it.
 *	  - complaint.staff = '<code>' names the acting staff member for a role
 *	    mapped to nobody, and only superusers and members of the group role
 *	    complaint_application (an application that authenticates its users
 *	    itself) may name one: anybody else would forge the first responder
 *	    and the actor of every step.  The refusal comes before the code is
 *	    looked up, so it tells nothing about which codes exist.
 *	  - Otherwise nobody acts.
 *
 * State: the OID of complaint_application (InvalidOid while there is no
 * such role), looked up once and kept until a syscache invalidation of
 * pg_authid; the staff rows come from the organisation cache (orgcache.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_authid.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/syscache.h"

#include "complaint.h"
#include "orgcache.h"
#include "staff.h"

PG_FUNCTION_INFO_V1(complaint_acting_staff);

static Oid	application_role = InvalidOid;
static bool application_role_valid = false;
static bool application_callback_registered = false;

/* AuthCallback --- pg_authid changed: look the role up again when needed */
static void
AuthCallback(Datum arg, int cacheid, uint32 hashvalue)
{
	application_role_valid = false;
}

/* ApplicationRole --- OID of complaint_application, InvalidOid when missing */
static Oid
ApplicationRole(void)
{
	if (!application_role_valid)
	{
		if (!application_callback_registered)
		{
			CacheRegisterSyscacheCallback(AUTHNAME, AuthCallback, (Datum) 0);
			application_callback_registered = true;
		}
		/* valid from here on unless an invalidation arrives while we look */
		application_role_valid = true;
		application_role = InvalidOid;
		application_role = get_role_oid(APPLICATION_ROLE, true);
	}
	return application_role;
}

bool
StaffMayName(Oid roleid)
{
	Oid			app;

	if (superuser_arg(roleid))
		return true;
	app = ApplicationRole();
	return OidIsValid(app) && has_privs_of_role(roleid, app);
}

bool
StaffActing(Oid roleid, bool missing_ok, StaffInfo *who)
{
	const char *named = (complaint_staff != NULL && complaint_staff[0] != '\0')
		? complaint_staff : NULL;
	const OrgStaff *mapped = OrgStaffByRole(roleid);
	const OrgStaff *s;

	if (mapped != NULL)
	{
		if (named != NULL && strcmp(named, mapped->code) != 0)
		{
			char	   *rolename = GetUserNameFromId(roleid, false);

			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("role \"%s\" may act only as staff member \"%s\"",
							rolename, mapped->code),
					 errdetail("complaint.staff is set to \"%s\", but role \"%s\" is mapped to staff member \"%s\".",
							   named, rolename, mapped->code),
					 errhint("Reset complaint.staff, or act through a role mapped to no staff member.")));
		}
		s = mapped;
	}
	else if (named != NULL)
	{
		if (!StaffMayName(roleid))
		{
			char	   *rolename = GetUserNameFromId(roleid, false);

			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("role \"%s\" may not name the acting staff member", rolename),
					 errdetail("complaint.staff is set, but role \"%s\" is not a member of %s.",
							   rolename, APPLICATION_ROLE),
					 errhint("Map the role to its staff member with complaint.staff.db_role, or grant it %s if it is an application that authenticates its users itself.",
							 APPLICATION_ROLE)));
		}
		s = OrgStaffFind(named);
		if (s == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("staff member \"%s\" does not exist", named),
					 errhint("Set complaint.staff to the code of a row of complaint.staff.")));
	}
	else
	{
		char	   *rolename;

		if (missing_ok)
			return false;
		rolename = GetUserNameFromId(roleid, false);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION),
				 errmsg("no staff member acts for role \"%s\"", rolename),
				 errdetail("complaint.staff is not set and no row of complaint.staff has db_role \"%s\".",
						   rolename),
				 errhint("Set complaint.staff to the acting staff code, or map the role with complaint.staff.db_role.")));
	}
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
