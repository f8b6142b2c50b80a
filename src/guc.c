/*-------------------------------------------------------------------------
 *
 * src/guc.c
 *	  Every complaint.* configuration parameter, defined in one place.
 *
 * The prefix is reserved, so a misspelt complaint.* name is an error
 * instead of a silently ignored placeholder.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/guc.h"

#include "compat.h"
#include "complaint.h"

char	   *complaint_staff = NULL;

/*
 * GucInit --- define the GUCs; runs in every backend that loads the library.
 */
void
GucInit(void)
{
	DefineCustomStringVariable("complaint.staff",
							   "Staff code of the person acting in this session.",
							   "When empty, the staff member mapped to current_user acts.",
							   &complaint_staff,
							   "",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	MarkGUCPrefixReserved("complaint");
}
