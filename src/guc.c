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

#include <limits.h>

#include "access/xact.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/varlena.h"
#include "utils/timestamp.h"

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

/* workflow: the workflow's clock (src/trg_case.c) and the repeat window
 * (src/trg_case_register.c) */
char	   *complaint_now = NULL;
int			complaint_repeat_window = 30 * 24 * 60;
static bool complaint_now_is_set = false;
static TimestampTz complaint_now_value = 0;

/*
 * CheckNow --- complaint.now must be empty or a timestamp with a date.
 * Parsed with the datetime decoder, which reports instead of raising.
 */
static bool
CheckNow(char **newval, void **extra, GucSource source)
{
	char		workbuf[MAXDATELEN + MAXDATEFIELDS];
	char	   *field[MAXDATEFIELDS];
	int			ftype[MAXDATEFIELDS];
	int			nf;
	int			dtype;
	struct pg_tm tt;
	fsec_t		fsec;
	int			tz;
	int			dterr;
	TimestampTz ts;
	TimestampTz *copy;

	if (*newval == NULL || (*newval)[0] == '\0')
		return true;
	dterr = ParseDateTime(*newval, workbuf, sizeof(workbuf), field, ftype,
						  MAXDATEFIELDS, &nf);
	if (dterr == 0)
		dterr = DecodeDateTime(field, ftype, nf, &dtype, &tt, &fsec, &tz);
	if (dterr != 0 || dtype != DTK_DATE || tm2timestamp(&tt, fsec, &tz, &ts) != 0)
	{
		GUC_check_errdetail("complaint.now must be empty or a timestamp with time zone, such as '2025-09-30 20:00+08'.");
		return false;
	}
	copy = malloc(sizeof(TimestampTz));
	if (copy == NULL)
		return false;
	*copy = ts;
	*extra = copy;
	return true;
}

/* AssignNow --- remember the parsed value (NULL extra: not set) */
static void
AssignNow(const char *newval, void *extra)
{
	complaint_now_is_set = (extra != NULL);
	complaint_now_value = extra != NULL ? *(TimestampTz *) extra : 0;
}

/*
 * ComplaintNow --- the instant the workflow records steps at: complaint.now
 * when a superuser set it (tests, replaying a paper register), else the
 * start of the transaction, like now().
 */
TimestampTz
ComplaintNow(void)
{
	return complaint_now_is_set ? complaint_now_value : GetCurrentTransactionStartTimestamp();
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

	DefineCustomStringVariable("complaint.now",
							   "Instant at which the case workflow records steps (empty: now()).",
							   "For tests and for replaying a paper register; superuser only.",
							   &complaint_now,
							   "",
							   PGC_SUSET,
							   0,
							   CheckNow, AssignNow, NULL);

	DefineCustomIntVariable("complaint.repeat_window",
							"0 turns repeat complaint detection off.",
							"Any other value leaves it on; the window is the time-limit rule of matter repeat.",
							&complaint_repeat_window,
							30 * 24 * 60,
							0, INT_MAX,
							PGC_SUSET,
							GUC_UNIT_MIN,
							NULL, NULL, NULL);

	MarkGUCPrefixReserved("complaint");
}
