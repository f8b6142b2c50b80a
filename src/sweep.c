/*-------------------------------------------------------------------------
 *
 * src/sweep.c
 *	  complaint.sweep(at timestamptz): one escalation pass as of "at".
 *
 * Sweeps of one database are serialised by a transaction-level advisory
 * lock (SWEEP_LOCK_KEY1, SWEEP_LOCK_KEY2).  A manual call waits for it
 * (honouring lock_timeout and statement_timeout) and then sweeps everything
 * due, in the caller's transaction.  The background worker (SweepBatchMode)
 * only tries the lock: when another sweep holds it, the worker's call
 * returns 0 and the worker tries again at its next interval.
 *
 * The results left in the Sweep* variables are backend-local and describe
 * the last call only.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/timestamp.h"

#include "complaint.h"
#include "sweep.h"

bool		SweepBatchMode = false;
bool		SweepMorePending = false;
bool		SweepLockBusy = false;
int			SweepCaseErrors = 0;
char		SweepLastCaseError[SWEEP_ERROR_LEN];

/* SweepResetResults --- forget what the last call left behind */
void
SweepResetResults(void)
{
	SweepMorePending = false;
	SweepLockBusy = false;
	SweepCaseErrors = 0;
	SweepLastCaseError[0] = '\0';
}

/*
 * SweepLockAcquire --- take this database's sweep lock until the end of the
 * transaction; with wait = false, return false at once if it is taken.
 */
bool
SweepLockAcquire(bool wait)
{
	LOCKTAG		tag;

	/* the tag pg_advisory_xact_lock(int4, int4) uses */
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, SWEEP_LOCK_KEY1, SWEEP_LOCK_KEY2, 2);
	return LockAcquire(&tag, ExclusiveLock, false, !wait) != LOCKACQUIRE_NOT_AVAIL;
}

PG_FUNCTION_INFO_V1(complaint_sweep);

/*
 * complaint_sweep --- SQL entry point.
 */
Datum
complaint_sweep(PG_FUNCTION_ARGS)
{
	TimestampTz at;
	int32		steps = 0;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sweep time must not be null")));
	at = PG_GETARG_TIMESTAMPTZ(0);
	if (TIMESTAMP_NOT_FINITE(at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("sweep time must be finite")));

	SweepResetResults();
	if (!SweepLockAcquire(!SweepBatchMode))
	{
		SweepLockBusy = true;
		PG_RETURN_INT32(0);
	}

	/* the escalation ladder comes with the case schema */
	(void) at;

	PG_RETURN_INT32(steps);
}
