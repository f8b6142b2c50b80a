/*-------------------------------------------------------------------------
 *
 * src/worker.c
 *	  A complaint database worker: runs complaint.sweep() by itself in one
 *	  database named in complaint.database (the launcher, launcher.c,
 *	  starts one per database).
 *
 * It connects to its database, pins search_path, and once per
 * complaint.sweep_interval runs "SELECT complaint.sweep()" in batches of
 * complaint.batch_size cases, each batch its own transaction, until a batch
 * comes back not full.  It stays idle while the server is in recovery (and
 * starts sweeping after promotion), while complaint.worker_enabled is off,
 * and while the extension is not installed in its database.  An ERROR in a
 * batch is logged and counted, and the next pass starts at the next
 * interval; a FATAL (pg_terminate_backend) ends the worker and the launcher
 * starts a new one.  The sweep itself records each step exactly once, so a
 * worker killed at any point loses and duplicates nothing.  It leaves when
 * the launcher or a DROP DATABASE (worker_release.c) asks it to.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <signal.h>

#include "access/xact.h"
#include "access/xlog.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "tcop/tcopprot.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "complaint.h"
#include "report_refresh.h"	/* reports: the summaries' refresh */
#include "sweep.h"
#include "worker.h"
#include "worker_shmem.h"

#define SWEEP_QUERY				"SELECT complaint.sweep()"

/* a worker in recovery checks for promotion this often, in milliseconds */
#define STANDBY_POLL			1000

/* this worker's slot */
static WorkerSlot *MySlot = NULL;

static void WorkerDetach(int code, Datum arg);
static void WorkerSetState(WorkerState state);
static bool WorkerStopRequested(void);
static bool WorkerExtensionPresent(void);
static void WorkerSweepPass(MemoryContext loopcxt);
static void WorkerRecordError(const char *message, int64 count);


/*
 * complaint_worker_main --- entry point of a database worker.  The launcher
 * passes the slot number in bgw_main_arg and the database and slot
 * generation in bgw_extra.
 */
void
complaint_worker_main(Datum main_arg)
{
	int			slotno = DatumGetInt32(main_arg);
	WorkerArgs	args;
	MemoryContext loopcxt;
	TimestampTz last_pass = 0;
	bool		mine = false;

	memcpy(&args, MyBgworkerEntry->bgw_extra, sizeof(args));

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();

	if (WorkerShmem == NULL || slotno < 0 || slotno >= WorkerShmem->nslots)
		elog(FATAL, "complaint worker started with a bad slot");	/* internal error */

	/* claim the slot, unless the launcher has moved on meanwhile */
	MySlot = &WorkerShmem->slots[slotno];
	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	if (MySlot->in_use && MySlot->generation == args.generation &&
		MySlot->pid == 0 && !MySlot->stop_requested)
	{
		MySlot->pid = MyProcPid;
		MySlot->latch = MyLatch;
		MySlot->state = WS_STARTING;
		mine = true;
	}
	LWLockRelease(WorkerShmem->lock);
	if (!mine)
		proc_exit(0);
	before_shmem_exit(WorkerDetach, (Datum) 0);

	BackgroundWorkerInitializeConnectionByOid(args.dboid, InvalidOid, 0);
	pgstat_report_appname("complaint worker");

	/* our queries are schema-qualified; nobody's search_path may redirect them */
	SetConfigOption("search_path", "pg_catalog, pg_temp", PGC_SUSET, PGC_S_OVERRIDE);

	/* sweep() in this process works in batches and never waits for the lock */
	SweepBatchMode = true;

	/* the launcher changes our slot's name only after we left it */
	ereport(LOG,
			(errmsg("complaint worker started for database \"%s\"",
					MySlot->dbname)));

	loopcxt = AllocSetContextCreate(TopMemoryContext,
									"complaint worker loop",
									ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		long		timeout;
		TimestampTz now;

		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
		if (WorkerStopRequested())
		{
			WorkerSetState(WS_RELEASED);
			proc_exit(0);
		}

		MemoryContextReset(loopcxt);
		MemoryContextSwitchTo(loopcxt);
		now = GetCurrentTimestamp();
		timeout = complaint_sweep_interval;

		if (!complaint_worker_enabled)
			WorkerSetState(WS_DISABLED);
		else if (RecoveryInProgress())
		{
			WorkerSetState(WS_STANDBY);
			timeout = Min(timeout, STANDBY_POLL);
		}
		else if (last_pass != 0 &&
				 !TimestampDifferenceExceeds(last_pass, now, complaint_sweep_interval))
		{
			/* woken early (SIGHUP, say): wait out the rest of the interval */
			long		secs;
			int			usecs;

			TimestampDifference(last_pass, now, &secs, &usecs);
			timeout = complaint_sweep_interval - (secs * 1000 + usecs / 1000);
		}
		else
		{
			last_pass = now;
			if (!WorkerExtensionPresent())
				WorkerSetState(WS_NO_EXTENSION);
			else
			{
				long		secs;
				int			usecs;

				WorkerSweepPass(loopcxt);
				ReportRefreshPass();	/* reports: fold the new history into the summaries */
				TimestampDifference(last_pass, GetCurrentTimestamp(), &secs, &usecs);
				timeout = Max(complaint_sweep_interval - (secs * 1000 + usecs / 1000), 0);
			}
		}

		(void) WaitLatch(MyLatch,
						 WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 Max(timeout, 1), PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
	}
}

/* WorkerDetach --- before_shmem_exit: free our slot's pid for the launcher */
static void
WorkerDetach(int code, Datum arg)
{
	Latch	   *launcher_latch;

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	if (MySlot->pid == MyProcPid)
	{
		MySlot->pid = 0;
		MySlot->latch = NULL;
		if (MySlot->state != WS_RELEASED)
			MySlot->state = WS_STOPPED;
	}
	launcher_latch = WorkerShmem->launcher_latch;
	LWLockRelease(WorkerShmem->lock);
	if (launcher_latch)
		SetLatch(launcher_latch);
}

/* WorkerSetState --- publish what this worker is doing */
static void
WorkerSetState(WorkerState state)
{
	WorkerState old;

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	old = MySlot->state;
	MySlot->state = state;
	LWLockRelease(WorkerShmem->lock);

	if (old == state)
		return;
	/* say so once per change, not once per interval */
	if (state == WS_NO_EXTENSION)
		ereport(LOG,
				(errmsg("complaint worker waits for the complaint extension in database \"%s\"",
						MySlot->dbname)));
	else if (old == WS_NO_EXTENSION && state == WS_SWEEPING)
		ereport(LOG,
				(errmsg("complaint worker found the complaint extension in database \"%s\"",
						MySlot->dbname)));
	else if (old == WS_STANDBY)
		ereport(LOG,
				(errmsg("complaint worker for database \"%s\" left standby mode",
						MySlot->dbname)));
}

/* WorkerStopRequested --- did the launcher or a DROP DATABASE ask us to go? */
static bool
WorkerStopRequested(void)
{
	bool		stop;

	LWLockAcquire(WorkerShmem->lock, LW_SHARED);
	stop = MySlot->stop_requested;
	LWLockRelease(WorkerShmem->lock);
	return stop;
}

/*
 * WorkerExtensionPresent --- is the complaint extension installed in this
 * database?  A short transaction of its own.
 */
static bool
WorkerExtensionPresent(void)
{
	bool		present;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	present = OidIsValid(get_extension_oid(COMPLAINT_EXTENSION, true));
	CommitTransactionCommand();
	return present;
}

/*
 * WorkerSweepPass --- one pass: batches of SELECT complaint.sweep(), each
 * its own transaction, until one comes back not full, another sweep holds
 * the lock, an error happens or we are asked to stop.
 */
static void
WorkerSweepPass(MemoryContext loopcxt)
{
	volatile int64 pass_steps = 0;
	volatile int batches = 0;

	WorkerSetState(WS_SWEEPING);
	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	MySlot->last_sweep_start = GetCurrentTimestamp();
	MySlot->last_sweep_steps = 0;
	LWLockRelease(WorkerShmem->lock);

	for (;;)
	{
		volatile bool failed = false;
		volatile bool present = true;
		volatile int32 steps = 0;
		bool		more;
		bool		busy;
		int			case_errors;

		CHECK_FOR_INTERRUPTS();
		if (WorkerStopRequested())
			break;

		SweepResetResults();
		PG_TRY();
		{
			bool		isnull;
			Datum		d;

			SetCurrentStatementStartTimestamp();
			StartTransactionCommand();
			SPI_connect();
			PushActiveSnapshot(GetTransactionSnapshot());

			/* the extension may have been dropped since we looked */
			if (!OidIsValid(get_extension_oid(COMPLAINT_EXTENSION, true)))
				present = false;
			else
			{
				pgstat_report_activity(STATE_RUNNING, SWEEP_QUERY);
				if (SPI_execute(SWEEP_QUERY, false, 0) != SPI_OK_SELECT ||
					SPI_processed != 1)
					elog(ERROR, "unexpected result of %s", SWEEP_QUERY);	/* internal error */
				d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
				steps = isnull ? 0 : DatumGetInt32(d);
			}

			SPI_finish();
			PopActiveSnapshot();
			CommitTransactionCommand();
		}
		PG_CATCH();
		{
			ErrorData  *edata;

			/* log it, count it, roll back, and leave the rest to next time */
			HOLD_INTERRUPTS();
			MemoryContextSwitchTo(loopcxt);
			edata = CopyErrorData();
			EmitErrorReport();
			FlushErrorState();
			AbortCurrentTransaction();
			RESUME_INTERRUPTS();
			WorkerRecordError(edata->message, 1);
			failed = true;
		}
		PG_END_TRY();
		MemoryContextSwitchTo(loopcxt);
		pgstat_report_stat(true);
		pgstat_report_activity(STATE_IDLE, NULL);

		if (failed)
			break;
		if (!present)
		{
			WorkerSetState(WS_NO_EXTENSION);
			break;
		}

		more = SweepMorePending;
		busy = SweepLockBusy;
		case_errors = SweepCaseErrors;
		if (case_errors > 0)
			WorkerRecordError(SweepLastCaseError, case_errors);

		pass_steps += steps;
		batches++;
		LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
		MySlot->total_steps += steps;
		MySlot->last_sweep_steps = pass_steps;
		LWLockRelease(WorkerShmem->lock);

		if (busy || !more)
			break;
	}

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	MySlot->last_sweep_end = GetCurrentTimestamp();
	MySlot->sweeps++;
	if (MySlot->state == WS_SWEEPING)
		MySlot->state = WS_IDLE;
	LWLockRelease(WorkerShmem->lock);

	if (pass_steps > 0)
		ereport(DEBUG1,
				(errmsg_internal("complaint worker recorded " INT64_FORMAT " escalation steps in %d batches",
								 (int64) pass_steps, batches)));
}

/* WorkerRecordError --- count errors and keep the last message */
static void
WorkerRecordError(const char *message, int64 count)
{
	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	MySlot->errors += count;
	MySlot->last_error_at = GetCurrentTimestamp();
	strlcpy(MySlot->last_error, message ? message : "", SWEEP_ERROR_LEN);
	LWLockRelease(WorkerShmem->lock);
}
