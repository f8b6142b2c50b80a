/*-------------------------------------------------------------------------
 *
 * src/sweep.h
 *	  The escalation sweep (complaint.sweep) as seen by the background
 *	  worker.
 *
 * These variables are backend-local.  Only a complaint background worker
 * sets SweepBatchMode; then sweep() handles at most complaint.batch_size
 * cases per call, only tries the sweep lock instead of waiting for it, and
 * leaves behind whether more work may be due.  A manual call (any other
 * backend) sweeps everything due in the caller's transaction.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_SWEEP_H
#define COMPLAINT_SWEEP_H

#include "fmgr.h"

/*
 * The lock that serialises sweeps of one database: a lock on the complaint
 * extension's pg_extension row with this objsubid.  PostgreSQL itself locks
 * an extension only with objsubid 0, and no SQL command (advisory locks
 * included) can take an object lock of its choosing, so only sweep() can
 * hold it.  pg_locks shows it as locktype "object", classid pg_extension,
 * objid the extension's OID, objsubid SWEEP_LOCK_OBJSUBID.
 */
#define SWEEP_LOCK_OBJSUBID		1

/*
 * How far past the workflow clock a caller other than a superuser may ask
 * sweep() to look (milliseconds): room for clients whose clock runs a
 * little ahead, not enough to record a step that is not yet due.
 */
#define SWEEP_FUTURE_TOLERANCE_MS	1000

#define SWEEP_ERROR_LEN			256

/* set by the worker before it calls sweep() */
extern bool SweepBatchMode;

/* left behind by the last sweep() call of this backend */
extern bool SweepMorePending;	/* the batch was full: call again */
extern bool SweepLockBusy;		/* another sweep held the lock: nothing done */
extern int	SweepCaseErrors;	/* cases skipped because they raised an error */
extern char SweepLastCaseError[SWEEP_ERROR_LEN];

extern void SweepResetResults(void);
extern bool SweepLockAcquire(bool wait);

extern Datum complaint_sweep(PG_FUNCTION_ARGS);

/* sweep_json.c: the NOTIFY payload and history detail of a record */
extern Datum complaint_sweep_notify(PG_FUNCTION_ARGS);
extern Datum complaint_sweep_event_detail(PG_FUNCTION_ARGS);

#endif							/* COMPLAINT_SWEEP_H */
