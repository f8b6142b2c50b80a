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
#include "utils/varlena.h"

#include "compat.h"
#include "complaint.h"

char	   *complaint_staff = NULL;

/* background worker settings (worker.c, sweep.c); all PGC_SIGHUP */
char	   *complaint_database = NULL;
int			complaint_sweep_interval = 60000;
int			complaint_batch_size = 500;
bool		complaint_worker_enabled = true;

static bool CheckDatabaseList(char **newval, void **extra, GucSource source);

/*
 * CheckDatabaseList --- complaint.database must be a comma-separated list of
 * database names (quoted like identifiers when they need it).
 */
static bool
CheckDatabaseList(char **newval, void **extra, GucSource source)
{
	char	   *copy = pstrdup(*newval);
	List	   *names = NIL;
	bool		ok = SplitIdentifierString(copy, ',', &names);

	if (!ok)
		GUC_check_errdetail("List syntax is invalid.");
	list_free(names);
	pfree(copy);
	return ok;
}

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

	DefineCustomStringVariable("complaint.database",
							   "Databases whose escalations the background worker sweeps.",
							   "A comma-separated list; one worker runs per database. Needs shared_preload_libraries.",
							   &complaint_database,
							   "postgres",
							   PGC_SIGHUP,
							   GUC_LIST_INPUT,
							   CheckDatabaseList, NULL, NULL);

	DefineCustomIntVariable("complaint.sweep_interval",
							"Time between the starts of two sweeps of one database.",
							NULL,
							&complaint_sweep_interval,
							60000, 100, 24 * 3600 * 1000,
							PGC_SIGHUP,
							GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomIntVariable("complaint.batch_size",
							"Most cases the background worker handles in one transaction.",
							NULL,
							&complaint_batch_size,
							500, 1, 1000000,
							PGC_SIGHUP,
							0,
							NULL, NULL, NULL);

	DefineCustomBoolVariable("complaint.worker_enabled",
							 "Whether the background worker sweeps at all.",
							 "When off, the workers stay connected but idle.",
							 &complaint_worker_enabled,
							 true,
							 PGC_SIGHUP,
							 0,
							 NULL, NULL, NULL);

	MarkGUCPrefixReserved("complaint");
}
