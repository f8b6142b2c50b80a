/*-------------------------------------------------------------------------
 *
 * src/staff.h
 *	  Who is acting: the staff member named by complaint.staff, else the
 *	  staff member whose db_role is the current user.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_STAFF_H
#define COMPLAINT_STAFF_H

#include "postgres.h"

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
 *   42704 complaint.staff names no staff member,
 *   42501 the staff member is inactive, or the role is mapped to another one,
 *   28000 complaint.staff is empty and no staff member is mapped to the role.
 */
extern bool StaffActing(Oid roleid, bool missing_ok, StaffInfo *who);

#endif							/* COMPLAINT_STAFF_H */
