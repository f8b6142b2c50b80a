/*-------------------------------------------------------------------------
 *
 * src/staff.h
 *	  Who is acting: the staff member mapped to the current user
 *	  (complaint.staff.db_role), else the one complaint.staff names when
 *	  the user may name one (superuser, member of complaint_application).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_STAFF_H
#define COMPLAINT_STAFF_H

#include "postgres.h"

/* the group role whose members may name the acting staff member */
#define APPLICATION_ROLE	"complaint_application"

typedef struct StaffInfo
{
	char	   *code;			/* staff code */
	char	   *unit_code;		/* their unit */
} StaffInfo;

/*
 * StaffActing --- fill *who with the acting staff member of role roleid
 * (the current user, captured before any user switch), from the
 * organisation cache (call OrgCacheBegin() first); results are palloc'd.  Returns
 * false when nobody acts and missing_ok; otherwise raises:
 *   42501 the role is mapped to another staff member than complaint.staff
 *         names, or is mapped to nobody and may not name anyone
 *         (StaffMayName), or the staff member is inactive,
 *   42704 complaint.staff names no staff member,
 *   28000 complaint.staff is empty and no staff member is mapped to the role.
 */
extern bool StaffActing(Oid roleid, bool missing_ok, StaffInfo *who);

/*
 * StaffMayName --- may role roleid name the acting staff member with
 * complaint.staff: a superuser, or a role with the privileges of
 * complaint_application (a missing role has no members).  The role's OID
 * is cached until pg_authid changes.
 */
extern bool StaffMayName(Oid roleid);

#endif							/* COMPLAINT_STAFF_H */
