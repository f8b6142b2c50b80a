/*-------------------------------------------------------------------------
 *
 * src/launcher.c
 *	  The complaint launcher: a static background worker, connected to no
 *	  database (so it never blocks DROP DATABASE), that keeps one database
 *	  worker (worker.c) running per database named in complaint.database.
 *
 * It reads complaint.database, looks each name up in the shared catalog
 * pg_database and starts one dynamic worker per existing database.  It
 * restarts a worker that exits (with a back-off when it keeps failing),
 * stops the workers of databases removed from the list on SIGHUP, and on its
 * own start stops the workers a previous launcher left behind.  A database
 * held by a DROP DATABASE etc. (worker_release.c) is left alone until the
 * statement's transaction ends.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <signal.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_database.h"
#include "commands/dbcommands.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "tcop/tcopprot.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/varlena.h"

#include "complaint.h"
#include "worker.h"
#include "worker_shmem.h"

/* launcher timing, in milliseconds */
#define LAUNCHER_NAPTIME		10000	/* longest sleep between checks */
#define RESTART_DELAY_MIN		1000	/* first restart of a failed worker */
#define RESTART_DELAY_MAX		60000	/* back-off cap */
#define HEALTHY_RUN				10000	/* a run this long resets the back-off */
#define RECHECK_MISSING_DB		10000	/* look for a missing database again */
#define ORPHAN_WAIT				10000	/* then terminate orphans by signal */

/* launcher-local bookkeeping, one entry per slot */
typedef struct LauncherEntry
{
	BackgroundWorkerHandle *handle;
	TimestampTz next_start;
	int			backoff;		/* ms */
	bool		warned;			/* complained about this slot's database */
	bool		stopping;		/* we asked its worker to stop */
} LauncherEntry;

static LauncherEntry *launcher_entries = NULL;

static void LauncherDetach(int code, Datum arg);
static void LauncherStopOrphans(void);
static long LauncherReconcile(void);
static bool LauncherLookupDatabase(const char *dbname, Oid *dboid, bool *allowconn);
static bool LauncherStartWorker(int slotno);


/*
 * complaint_launcher_main --- entry point of the launcher.  It reconciles
 * the running workers with complaint.database whenever its latch is set
 * (SIGHUP, a worker started or stopped, a DROP DATABASE ended) and at least
 * every LAUNCHER_NAPTIME.
 */
void
complaint_launcher_main(Datum main_arg)
{
	MemoryContext loopcxt;

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();

	/* no database: shared catalogs only, and never in DROP DATABASE's way */
	BackgroundWorkerInitializeConnection(NULL, NULL, 0);
	pgstat_report_appname("complaint launcher");

	if (WorkerShmem == NULL)
		elog(FATAL, "complaint launcher started without its shared memory");	/* internal error */

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	WorkerShmem->launcher_pid = MyProcPid;
	WorkerShmem->launcher_latch = MyLatch;
	LWLockRelease(WorkerShmem->lock);
	before_shmem_exit(LauncherDetach, (Datum) 0);

	launcher_entries = MemoryContextAllocZero(TopMemoryContext,
											  sizeof(LauncherEntry) * WorkerShmem->nslots);
	LauncherStopOrphans();

	ereport(LOG,
			(errmsg("complaint launcher started")));

	loopcxt = AllocSetContextCreate(TopMemoryContext,
									"complaint launcher loop",
									ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		MemoryContext oldcxt;
		long		timeout;

		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}

		MemoryContextReset(loopcxt);
		oldcxt = MemoryContextSwitchTo(loopcxt);
		timeout = LauncherReconcile();
		MemoryContextSwitchTo(oldcxt);

		(void) WaitLatch(MyLatch,
						 WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 timeout, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
	}
}

/* LauncherDetach --- the launcher is gone: nobody to wake any more */
static void
LauncherDetach(int code, Datum arg)
{
	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	if (WorkerShmem->launcher_pid == MyProcPid)
	{
		WorkerShmem->launcher_pid = 0;
		WorkerShmem->launcher_latch = NULL;
	}
	LWLockRelease(WorkerShmem->lock);
}

/*
 * LauncherStopOrphans --- a new launcher has no handles for the workers a
 * previous launcher started; ask them to leave, and after ORPHAN_WAIT
 * terminate the ones still there.  Slots (and their statistics) are kept.
 */
static void
LauncherStopOrphans(void)
{
	TimestampTz start = GetCurrentTimestamp();
	bool		signalled = false;

	for (;;)
	{
		int			alive = 0;
		Latch	   *latches[64];
		int			nlatches = 0;
		pid_t		pids[64];

		LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
		for (int i = 0; i < WorkerShmem->nslots; i++)
		{
			WorkerSlot *slot = &WorkerShmem->slots[i];

			if (!slot->in_use || slot->pid == 0)
				continue;
			slot->stop_requested = true;
			if (nlatches < (int) lengthof(latches))
			{
				latches[nlatches] = slot->latch;
				pids[nlatches] = slot->pid;
				nlatches++;
			}
			alive++;
		}
		LWLockRelease(WorkerShmem->lock);

		if (alive == 0)
			return;

		for (int i = 0; i < nlatches; i++)
		{
			if (latches[i])
				SetLatch(latches[i]);
			if (signalled)
				(void) kill(pids[i], SIGTERM);
		}

		if (!signalled &&
			TimestampDifferenceExceeds(start, GetCurrentTimestamp(), ORPHAN_WAIT))
			signalled = true;

		(void) WaitLatch(MyLatch,
						 WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 100L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * LauncherReconcile --- one look at complaint.database and the slots:
 * free the slots of databases no longer listed (once their worker left),
 * give each listed database a slot, start the workers that should run.
 * Returns how long the launcher may sleep, in milliseconds.
 */
static long
LauncherReconcile(void)
{
	char	   *rawnames = pstrdup(complaint_database ? complaint_database : "");
	List	   *names = NIL;
	ListCell   *lc;
	TimestampTz now = GetCurrentTimestamp();
	long		wake = LAUNCHER_NAPTIME;
	static bool warned_full = false;

	if (!SplitIdentifierString(rawnames, ',', &names))
		names = NIL;			/* cannot happen: the GUC check hook parsed it */

	/* 1. slots of databases no longer listed: stop their worker, then free */
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		WorkerSlot *slot = &WorkerShmem->slots[i];
		LauncherEntry *entry = &launcher_entries[i];
		bool		listed = false;
		pid_t		pid;
		BgwHandleStatus status = BGWH_STOPPED;
		Latch	   *latch = NULL;

		if (!slot->in_use)
			continue;
		foreach(lc, names)
		{
			if (strcmp((char *) lfirst(lc), slot->dbname) == 0)
				listed = true;
		}
		if (listed)
		{
			/* listed again before its worker left: it will be restarted */
			entry->stopping = false;
			continue;
		}

		if (entry->handle)
			status = GetBackgroundWorkerPid(entry->handle, &pid);

		LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
		if (status == BGWH_STOPPED && slot->pid == 0)
		{
			ereport(LOG,
					(errmsg("complaint launcher no longer serves database \"%s\"",
							slot->dbname)));
			memset(slot, 0, sizeof(WorkerSlot));
			if (entry->handle)
				pfree(entry->handle);
			memset(entry, 0, sizeof(LauncherEntry));
		}
		else
		{
			slot->stop_requested = true;
			latch = slot->latch;
			entry->stopping = true;
			wake = Min(wake, 100);
		}
		LWLockRelease(WorkerShmem->lock);
		if (latch)
			SetLatch(latch);
	}

	/* 2. listed databases without a slot get one */
	foreach(lc, names)
	{
		char	   *name = (char *) lfirst(lc);
		int			found = -1;
		int			freeslot = -1;

		LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
		for (int i = 0; i < WorkerShmem->nslots; i++)
		{
			if (WorkerShmem->slots[i].in_use)
			{
				if (strcmp(WorkerShmem->slots[i].dbname, name) == 0)
					found = i;
			}
			else if (freeslot < 0)
				freeslot = i;
		}
		if (found < 0 && freeslot >= 0)
		{
			WorkerSlot *slot = &WorkerShmem->slots[freeslot];

			memset(slot, 0, sizeof(WorkerSlot));
			slot->in_use = true;
			strlcpy(slot->dbname, name, NAMEDATALEN);
			slot->state = WS_STARTING;
			memset(&launcher_entries[freeslot], 0, sizeof(LauncherEntry));
			launcher_entries[freeslot].backoff = RESTART_DELAY_MIN;
		}
		LWLockRelease(WorkerShmem->lock);

		if (found < 0 && freeslot < 0 && !warned_full)
		{
			ereport(WARNING,
					(errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
					 errmsg("complaint launcher cannot serve database \"%s\"", name),
					 errdetail("complaint.database lists more databases than max_worker_processes."),
					 errhint("Shorten complaint.database or raise max_worker_processes.")));
			warned_full = true;
		}
	}

	/* 3. start every listed database's worker that should run and doesn't */
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		WorkerSlot *slot = &WorkerShmem->slots[i];
		LauncherEntry *entry = &launcher_entries[i];
		BgwHandleStatus status = BGWH_STOPPED;
		pid_t		pid;
		pid_t		slotpid;
		TimestampTz hold_until;
		bool		in_use;
		bool		released;
		char		dbname[NAMEDATALEN];
		Oid			dboid;
		bool		allowconn;

		LWLockAcquire(WorkerShmem->lock, LW_SHARED);
		in_use = slot->in_use && !entry->stopping;
		slotpid = slot->pid;
		hold_until = slot->hold_until;
		released = slot->released;
		strlcpy(dbname, slot->dbname, NAMEDATALEN);
		LWLockRelease(WorkerShmem->lock);
		if (!in_use)
			continue;

		if (entry->handle)
		{
			status = GetBackgroundWorkerPid(entry->handle, &pid);
			if (status != BGWH_STOPPED)
				continue;		/* running, or about to */

			/*
			 * It stopped: back off when it did not live long, unless it left
			 * for a DROP DATABASE etc. (the hold below keeps it off while
			 * that statement runs; if the statement failed, it comes back at
			 * once).
			 */
			pfree(entry->handle);
			entry->handle = NULL;
			if (released)
			{
				entry->backoff = RESTART_DELAY_MIN;
				entry->next_start = now;
			}
			else if (TimestampDifferenceExceeds(entry->next_start, now, HEALTHY_RUN))
				entry->backoff = RESTART_DELAY_MIN;
			else
				entry->backoff = Min(Max(entry->backoff * 2, RESTART_DELAY_MIN),
									 RESTART_DELAY_MAX);
			if (!released)
				entry->next_start = TimestampTzPlusMilliseconds(now, entry->backoff);
		}
		if (slotpid != 0)
		{
			/* its process is still on its way out */
			wake = Min(wake, 100);
			continue;
		}
		if (hold_until > now)
		{
			wake = Min(wake, (long) ((hold_until - now) / 1000) + 1);
			continue;
		}
		if (entry->next_start > now)
		{
			wake = Min(wake, (long) ((entry->next_start - now) / 1000) + 1);
			continue;
		}

		if (!LauncherLookupDatabase(dbname, &dboid, &allowconn) || !allowconn)
		{
			bool		missing = !OidIsValid(dboid);

			LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
			slot->state = missing ? WS_NO_DATABASE : WS_NO_CONNECTIONS;
			slot->dboid = dboid;
			LWLockRelease(WorkerShmem->lock);
			if (!entry->warned)
				ereport(WARNING,
						(errcode(missing ? ERRCODE_UNDEFINED_DATABASE : ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 missing ?
						 errmsg("database \"%s\" named in complaint.database does not exist", dbname) :
						 errmsg("database \"%s\" named in complaint.database does not accept connections", dbname),
						 errdetail("The complaint launcher checks again every %d seconds.",
								   RECHECK_MISSING_DB / 1000)));
			entry->warned = true;
			entry->next_start = TimestampTzPlusMilliseconds(now, RECHECK_MISSING_DB);
			wake = Min(wake, RECHECK_MISSING_DB);
			continue;
		}
		entry->warned = false;

		LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
		slot->dboid = dboid;
		slot->generation++;
		slot->stop_requested = false;
		slot->released = false;
		slot->state = WS_STARTING;
		LWLockRelease(WorkerShmem->lock);

		if (!LauncherStartWorker(i))
		{
			entry->next_start = TimestampTzPlusMilliseconds(now, RECHECK_MISSING_DB);
			wake = Min(wake, RECHECK_MISSING_DB);
		}
		else
			entry->next_start = now;	/* start time, for the back-off */
	}

	return wake;
}

/*
 * LauncherLookupDatabase --- find a database by name in pg_database (a
 * shared catalog, readable without a database connection).  Returns true
 * when it exists and is valid; *dboid is InvalidOid when it does not.
 */
static bool
LauncherLookupDatabase(const char *dbname, Oid *dboid, bool *allowconn)
{
	Relation	rel;
	SysScanDesc scan;
	ScanKeyData key;
	HeapTuple	tuple;
	bool		found = false;

	*dboid = InvalidOid;
	*allowconn = false;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	ScanKeyInit(&key, Anum_pg_database_datname,
				BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum(dbname));
	rel = table_open(DatabaseRelationId, AccessShareLock);
	/* no index: its relcache entry needs pg_class, which we cannot read */
	scan = systable_beginscan(rel, DatabaseNameIndexId, false, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (HeapTupleIsValid(tuple))
	{
		Form_pg_database form = (Form_pg_database) GETSTRUCT(tuple);

		/* a database whose DROP was interrupted is unusable (15.4+) */
		if (!database_is_invalid_form(form))
		{
			*dboid = form->oid;
			*allowconn = form->datallowconn;
			found = true;
		}
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	CommitTransactionCommand();

	return found;
}

/* LauncherStartWorker --- register the dynamic worker of one slot */
static bool
LauncherStartWorker(int slotno)
{
	WorkerSlot *slot = &WorkerShmem->slots[slotno];
	BackgroundWorker worker;
	WorkerArgs	args;
	MemoryContext oldcxt;
	bool		ok;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_ConsistentState;
	/* the launcher restarts it, with its own back-off */
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "complaint");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "complaint_worker_main");
	LWLockAcquire(WorkerShmem->lock, LW_SHARED);
	snprintf(worker.bgw_name, BGW_MAXLEN, "complaint worker for database %s", slot->dbname);
	args.dboid = slot->dboid;
	args.generation = slot->generation;
	LWLockRelease(WorkerShmem->lock);
	snprintf(worker.bgw_type, BGW_MAXLEN, "complaint worker");
	worker.bgw_main_arg = Int32GetDatum(slotno);
	memcpy(worker.bgw_extra, &args, sizeof(args));
	worker.bgw_notify_pid = MyProcPid;

	/* the handle outlives the loop context */
	oldcxt = MemoryContextSwitchTo(TopMemoryContext);
	ok = RegisterDynamicBackgroundWorker(&worker, &launcher_entries[slotno].handle);
	MemoryContextSwitchTo(oldcxt);

	if (!ok)
	{
		launcher_entries[slotno].handle = NULL;
		ereport(WARNING,
				(errcode(ERRCODE_INSUFFICIENT_RESOURCES),
				 errmsg("could not start the complaint worker for database \"%s\"",
						slot->dbname),
				 errhint("You may need to increase max_worker_processes.")));
	}
	return ok;
}
