/*-------------------------------------------------------------------------
 *
 * src/worker.c
 *	  Background workers that run complaint.sweep() by themselves: one
 *	  launcher, and one worker per database named in complaint.database.
 *
 * The launcher (a static worker, connected to no database, so it never
 * blocks DROP DATABASE) reads complaint.database, looks each name up in the
 * shared catalog pg_database and starts one dynamic worker per existing
 * database.  It restarts a worker that exits (with a back-off when it keeps
 * failing), stops the workers of databases removed from the list on SIGHUP,
 * and on its own start stops the workers a previous launcher left behind.
 *
 * A database worker connects to its database, pins search_path, and once
 * per complaint.sweep_interval runs "SELECT complaint.sweep()" in batches of
 * complaint.batch_size cases, each batch its own transaction, until a batch
 * comes back not full.  It stays idle while the server is in recovery (and
 * starts sweeping after promotion), while complaint.worker_enabled is off,
 * and while the extension is not installed in its database.  An ERROR in a
 * batch is logged and counted, and the next pass starts at the next
 * interval; a FATAL (pg_terminate_backend) ends the worker and the launcher
 * starts a new one.  The sweep itself records each step exactly once, so a
 * worker killed at any point loses and duplicates nothing.
 *
 * DROP DATABASE, ALTER DATABASE ... RENAME / SET TABLESPACE and CREATE
 * DATABASE ... TEMPLATE refuse to run while another backend is connected to
 * the database.  A ProcessUtility hook therefore asks the worker of that
 * database to leave (and terminates it if it has not left within two
 * seconds), and holds the launcher off that database until the statement's
 * transaction ends.  It does so only for a statement that is known to be
 * permitted: the hook runs before PostgreSQL's own permission checks, so it
 * makes the same ones first (the database exists and is not the current
 * one, the caller owns it, CREATEDB for a rename or a copy, CREATE on the
 * new tablespace, top level outside a transaction block where PostgreSQL
 * demands it); anyone else's statement fails without touching the worker.
 * If a permitted statement fails anyway (another session is connected, say),
 * the end of its transaction lifts the hold and the launcher starts the
 * worker again at once, without the back-off of a failing worker.
 *
 * Shared state: WorkerShmem, one WorkerSlot per configured database, exists
 * only when the library is in shared_preload_libraries (otherwise
 * WorkerShmem stays NULL and complaint.worker_status() returns no rows).
 * Every field of WorkerShmem and its slots is read and written under
 * WorkerShmem->lock; a slot's "in_use", "dbname" and "generation" change
 * only in the launcher, and "pid"/"latch" only in the worker that owns the
 * slot.  Latches are set after the lock is released.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <signal.h>
#include <unistd.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/pg_database.h"
#include "commands/dbcommands.h"
#include "commands/defrem.h"
#include "commands/extension.h"
#include "commands/tablespace.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/varlena.h"

#include "complaint.h"
#include "report_refresh.h"	/* reports: the summaries' refresh */
#include "sweep.h"
#include "worker.h"

#define WORKER_SHMEM_NAME		"complaint worker state"
#define WORKER_TRANCHE_NAME		"complaint worker"
#define SWEEP_QUERY				"SELECT complaint.sweep()"

/* launcher timing, in milliseconds */
#define LAUNCHER_NAPTIME		10000	/* longest sleep between checks */
#define RESTART_DELAY_MIN		1000	/* first restart of a failed worker */
#define RESTART_DELAY_MAX		60000	/* back-off cap */
#define HEALTHY_RUN				10000	/* a run this long resets the back-off */
#define RECHECK_MISSING_DB		10000	/* look for a missing database again */
#define ORPHAN_WAIT				10000	/* then terminate orphans by signal */

/* a DROP DATABASE etc. holds the launcher off for at most this long */
#define RELEASE_HOLD			60000
/* how long such a statement waits for the worker to leave, then to die */
#define RELEASE_ASK_WAIT		2000
#define RELEASE_KILL_WAIT		3000

/* a worker in recovery checks for promotion this often */
#define STANDBY_POLL			1000

typedef enum WorkerState
{
	WS_STARTING = 0,
	WS_IDLE,
	WS_SWEEPING,
	WS_STANDBY,
	WS_DISABLED,
	WS_NO_EXTENSION,
	WS_NO_DATABASE,
	WS_NO_CONNECTIONS,
	WS_RELEASED,
	WS_STOPPED
} WorkerState;

static const char *const WorkerStateNames[] = {
	"starting",
	"idle",
	"sweeping",
	"standby",
	"disabled",
	"no extension",
	"no database",
	"not accepting connections",
	"released",
	"stopped"
};

typedef struct WorkerSlot
{
	bool		in_use;
	char		dbname[NAMEDATALEN];
	Oid			dboid;			/* as of the last start */
	uint32		generation;		/* bumped by each start; a stale worker leaves */
	pid_t		pid;			/* 0 when no worker runs for the slot */
	Latch	   *latch;			/* the running worker's latch, or NULL */
	bool		stop_requested; /* the worker should leave at its next check */
	TimestampTz hold_until;		/* don't start a worker before this */
	pid_t		hold_pid;		/* backend whose statement holds the slot */
	bool		released;		/* the worker left for such a statement */
	WorkerState state;
	TimestampTz last_sweep_start;
	TimestampTz last_sweep_end;
	int64		last_sweep_steps;
	int64		total_steps;
	int64		sweeps;
	int64		errors;
	TimestampTz last_error_at;
	char		last_error[SWEEP_ERROR_LEN];
} WorkerSlot;

typedef struct WorkerSharedState
{
	LWLock	   *lock;
	pid_t		launcher_pid;
	Latch	   *launcher_latch;
	int			nslots;
	WorkerSlot	slots[FLEXIBLE_ARRAY_MEMBER];
} WorkerSharedState;

/* what a database worker gets in bgw_extra */
typedef struct WorkerArgs
{
	Oid			dboid;
	uint32		generation;
} WorkerArgs;

static WorkerSharedState *WorkerShmem = NULL;

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;
static ProcessUtility_hook_type prev_ProcessUtility_hook = NULL;

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

/* database worker: its slot */
static WorkerSlot *MySlot = NULL;

/* statement-holding backend: the databases it holds, released at xact end */
#define MAX_HELD 4
static Oid	held_dbs[MAX_HELD];
static int	nheld = 0;
static bool xact_callback_registered = false;

static Size WorkerShmemSize(void);
static void WorkerShmemRequest(void);
static void WorkerShmemStartup(void);
static void WorkerProcessUtility(PlannedStmt *pstmt, const char *queryString,
								 bool readOnlyTree,
								 ProcessUtilityContext context,
								 ParamListInfo params,
								 QueryEnvironment *queryEnv,
								 DestReceiver *dest, QueryCompletion *qc);
static void LauncherDetach(int code, Datum arg);
static void LauncherStopOrphans(void);
static long LauncherReconcile(void);
static bool LauncherLookupDatabase(const char *dbname, Oid *dboid, bool *allowconn);
static bool LauncherStartWorker(int slotno);
static void WorkerDetach(int code, Datum arg);
static void WorkerSetState(WorkerState state);
static bool WorkerStopRequested(void);
static bool WorkerExtensionPresent(void);
static void WorkerSweepPass(MemoryContext loopcxt);
static void WorkerRecordError(const char *message, int64 count);
static Oid	ReleaseTarget(Node *parsetree, ProcessUtilityContext context);
static bool OutsideTransactionBlock(ProcessUtilityContext context);
static void ReleaseDatabase(Oid dboid);
static void ReleaseXactCallback(XactEvent event, void *arg);

/*
 * WorkerRegister --- called from _PG_init.  Only while the postmaster loads
 * shared_preload_libraries (and not in pg_upgrade's binary-upgrade mode)
 * does it ask for shared memory, install the hooks and register the
 * launcher; a library loaded any other way has no worker.
 */
void
WorkerRegister(void)
{
	BackgroundWorker worker;

	if (!process_shared_preload_libraries_in_progress || IsBinaryUpgrade)
		return;

	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = WorkerShmemRequest;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = WorkerShmemStartup;
	prev_ProcessUtility_hook = ProcessUtility_hook;
	ProcessUtility_hook = WorkerProcessUtility;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	/* start on a hot standby too, so that its workers show "standby" */
	worker.bgw_start_time = BgWorkerStart_ConsistentState;
	worker.bgw_restart_time = 5;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "complaint");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "complaint_launcher_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "complaint launcher");
	snprintf(worker.bgw_type, BGW_MAXLEN, "complaint launcher");
	worker.bgw_main_arg = (Datum) 0;
	worker.bgw_notify_pid = 0;
	RegisterBackgroundWorker(&worker);
}

/* ---------------------------------------------------------------------
 * shared memory
 * ---------------------------------------------------------------------
 */

/* WorkerShmemSize --- one slot per possible background worker */
static Size
WorkerShmemSize(void)
{
	return add_size(offsetof(WorkerSharedState, slots),
					mul_size(max_worker_processes, sizeof(WorkerSlot)));
}

/* WorkerShmemRequest --- shmem_request_hook: reserve the state and a lock */
static void
WorkerShmemRequest(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(WorkerShmemSize());
	RequestNamedLWLockTranche(WORKER_TRANCHE_NAME, 1);
}

/* WorkerShmemStartup --- shmem_startup_hook: attach, initialise once */
static void
WorkerShmemStartup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();

	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	WorkerShmem = ShmemInitStruct(WORKER_SHMEM_NAME, WorkerShmemSize(), &found);
	if (!found)
	{
		memset(WorkerShmem, 0, WorkerShmemSize());
		WorkerShmem->lock = &(GetNamedLWLockTranche(WORKER_TRANCHE_NAME))->lock;
		WorkerShmem->nslots = max_worker_processes;
	}
	LWLockRelease(AddinShmemInitLock);
}

/* ---------------------------------------------------------------------
 * the launcher
 * ---------------------------------------------------------------------
 */

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

/* ---------------------------------------------------------------------
 * the database worker
 * ---------------------------------------------------------------------
 */

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

/* ---------------------------------------------------------------------
 * getting out of the way of DROP DATABASE and friends
 * ---------------------------------------------------------------------
 */

/*
 * WorkerProcessUtility --- ProcessUtility_hook: before a permitted statement
 * that needs a database without other connections, make our worker leave
 * it.  The end of the statement's transaction (commit or abort, including
 * an error in the statement) lifts the hold (ReleaseXactCallback).
 */
static void
WorkerProcessUtility(PlannedStmt *pstmt, const char *queryString,
					 bool readOnlyTree, ProcessUtilityContext context,
					 ParamListInfo params, QueryEnvironment *queryEnv,
					 DestReceiver *dest, QueryCompletion *qc)
{
	if (WorkerShmem != NULL)
	{
		Oid			dboid = ReleaseTarget(pstmt->utilityStmt, context);

		if (OidIsValid(dboid))
			ReleaseDatabase(dboid);
	}

	if (prev_ProcessUtility_hook)
		prev_ProcessUtility_hook(pstmt, queryString, readOnlyTree, context,
								 params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context,
								params, queryEnv, dest, qc);
}

/*
 * OutsideTransactionBlock --- would PreventInTransactionBlock let the
 * statement run?  DROP DATABASE, CREATE DATABASE and ALTER DATABASE ... SET
 * TABLESPACE demand it.
 */
static bool
OutsideTransactionBlock(ProcessUtilityContext context)
{
	return context == PROCESS_UTILITY_TOPLEVEL &&
		!IsTransactionBlock() && !IsSubTransaction();
}

/*
 * ReleaseTarget --- the database that parsetree needs without other
 * connections, when the statement is one of those and is known to be
 * permitted to the current user; else InvalidOid.  The checks are the ones
 * dropdb, RenameDatabase, movedb and createdb make before they look for
 * other connections, so that nobody can make the worker leave with a
 * statement that is bound to fail for want of a privilege.  (A superuser
 * passes every ownership and privilege check.)
 */
static Oid
ReleaseTarget(Node *parsetree, ProcessUtilityContext context)
{
	Oid			roleid = GetUserId();
	Oid			dboid = InvalidOid;
	ListCell   *lc;

	switch (nodeTag(parsetree))
	{
		case T_DropdbStmt:
			{
				DropdbStmt *stmt = (DropdbStmt *) parsetree;

				dboid = get_database_oid(stmt->dbname, true);
				if (!OidIsValid(dboid) || dboid == MyDatabaseId ||
					!OutsideTransactionBlock(context) ||
					!pg_database_ownercheck(dboid, roleid))
					return InvalidOid;
				return dboid;
			}
		case T_RenameStmt:
			{
				RenameStmt *stmt = (RenameStmt *) parsetree;

				if (stmt->renameType != OBJECT_DATABASE)
					return InvalidOid;
				dboid = get_database_oid(stmt->subname, true);
				if (!OidIsValid(dboid) || dboid == MyDatabaseId ||
					!pg_database_ownercheck(dboid, roleid) ||
					!have_createdb_privilege() ||
					OidIsValid(get_database_oid(stmt->newname, true)))
					return InvalidOid;
				return dboid;
			}
		case T_AlterDatabaseStmt:
			{
				AlterDatabaseStmt *stmt = (AlterDatabaseStmt *) parsetree;

				foreach(lc, stmt->options)
				{
					DefElem    *def = (DefElem *) lfirst(lc);
					Oid			spcoid;

					if (strcmp(def->defname, "tablespace") != 0)
						continue;
					dboid = get_database_oid(stmt->dbname, true);
					spcoid = get_tablespace_oid(defGetString(def), true);
					if (!OidIsValid(dboid) || dboid == MyDatabaseId ||
						!OidIsValid(spcoid) ||
						!OutsideTransactionBlock(context) ||
						!pg_database_ownercheck(dboid, roleid) ||
						pg_tablespace_aclcheck(spcoid, roleid, ACL_CREATE) != ACLCHECK_OK)
						return InvalidOid;
					return dboid;
				}
				return InvalidOid;
			}
		case T_CreatedbStmt:
			{
				CreatedbStmt *stmt = (CreatedbStmt *) parsetree;

				foreach(lc, stmt->options)
				{
					DefElem    *def = (DefElem *) lfirst(lc);
					HeapTuple	tup;
					bool		istemplate;

					if (strcmp(def->defname, "template") != 0 || def->arg == NULL)
						continue;
					dboid = get_database_oid(defGetString(def), true);
					if (!OidIsValid(dboid) || !OutsideTransactionBlock(context) ||
						!have_createdb_privilege())
						return InvalidOid;
					tup = SearchSysCache1(DATABASEOID, ObjectIdGetDatum(dboid));
					if (!HeapTupleIsValid(tup))
						return InvalidOid;
					istemplate = ((Form_pg_database) GETSTRUCT(tup))->datistemplate;
					ReleaseSysCache(tup);
					/* a database that is not a template: only its owner copies it */
					if (!istemplate && !pg_database_ownercheck(dboid, roleid))
						return InvalidOid;
					return dboid;
				}
				return InvalidOid;
			}
		default:
			return InvalidOid;
	}
}

/*
 * ReleaseDatabase --- hold the launcher off the database until this
 * transaction ends, ask its worker to leave, and wait for it (terminating it
 * after RELEASE_ASK_WAIT).  Returns quietly if nothing serves the database.
 */
static void
ReleaseDatabase(Oid dboid)
{
	int			slotno = -1;
	TimestampTz start;
	bool		signalled = false;

	if (nheld >= MAX_HELD)
		return;

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		WorkerSlot *slot = &WorkerShmem->slots[i];

		if (slot->in_use && slot->dboid == dboid)
		{
			slotno = i;
			slot->hold_until = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), RELEASE_HOLD);
			slot->hold_pid = MyProcPid;
			slot->stop_requested = true;
			slot->released = true;
			if (slot->latch)
				SetLatch(slot->latch);
		}
	}
	LWLockRelease(WorkerShmem->lock);
	if (slotno < 0)
		return;

	held_dbs[nheld++] = dboid;
	if (!xact_callback_registered)
	{
		RegisterXactCallback(ReleaseXactCallback, NULL);
		xact_callback_registered = true;
	}

	start = GetCurrentTimestamp();
	for (;;)
	{
		pid_t		pid;
		WorkerSlot *slot = &WorkerShmem->slots[slotno];

		LWLockAcquire(WorkerShmem->lock, LW_SHARED);
		pid = slot->dboid == dboid ? slot->pid : 0;
		LWLockRelease(WorkerShmem->lock);
		if (pid == 0)
			break;

		if (!signalled &&
			TimestampDifferenceExceeds(start, GetCurrentTimestamp(), RELEASE_ASK_WAIT))
		{
			/* it is in the middle of a batch: end it, the batch rolls back */
			(void) kill(pid, SIGTERM);
			signalled = true;
		}
		if (TimestampDifferenceExceeds(start, GetCurrentTimestamp(),
									   RELEASE_ASK_WAIT + RELEASE_KILL_WAIT))
			break;				/* let the statement report the busy database */

		(void) WaitLatch(MyLatch,
						 WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 20L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * ReleaseXactCallback --- the statement's transaction ended: lift our holds
 * and wake the launcher, which restarts the worker if the database is still
 * there.
 */
static void
ReleaseXactCallback(XactEvent event, void *arg)
{
	Latch	   *launcher_latch;

	if (nheld == 0)
		return;
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT &&
		event != XACT_EVENT_PREPARE)
		return;

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		WorkerSlot *slot = &WorkerShmem->slots[i];

		if (slot->in_use && slot->hold_pid == MyProcPid)
		{
			slot->hold_until = 0;
			slot->hold_pid = 0;
		}
	}
	launcher_latch = WorkerShmem->launcher_latch;
	LWLockRelease(WorkerShmem->lock);
	nheld = 0;
	if (launcher_latch)
		SetLatch(launcher_latch);
}

/* ---------------------------------------------------------------------
 * complaint.worker_status()
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(complaint_worker_status);

/*
 * complaint_worker_status --- one row per database the launcher serves.
 * Without shared_preload_libraries there is no shared state and no row.
 */
Datum
complaint_worker_status(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	WorkerSlot *copy;
	int			n = 0;

	InitMaterializedSRF(fcinfo, 0);
	if (WorkerShmem == NULL)
		return (Datum) 0;

	copy = palloc(sizeof(WorkerSlot) * WorkerShmem->nslots);
	LWLockAcquire(WorkerShmem->lock, LW_SHARED);
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		if (WorkerShmem->slots[i].in_use)
			copy[n++] = WorkerShmem->slots[i];
	}
	LWLockRelease(WorkerShmem->lock);

	for (int i = 0; i < n; i++)
	{
		WorkerSlot *s = &copy[i];
		Datum		values[11];
		bool		nulls[11];
		NameData	dbname;

		memset(nulls, 0, sizeof(nulls));
		namestrcpy(&dbname, s->dbname);
		values[0] = NameGetDatum(&dbname);
		values[1] = Int32GetDatum(s->pid);
		nulls[1] = (s->pid == 0);
		values[2] = CStringGetTextDatum(WorkerStateNames[s->state]);
		values[3] = TimestampTzGetDatum(s->last_sweep_start);
		nulls[3] = (s->last_sweep_start == 0);
		values[4] = TimestampTzGetDatum(s->last_sweep_end);
		nulls[4] = (s->last_sweep_end == 0);
		values[5] = Int64GetDatum(s->last_sweep_steps);
		nulls[5] = (s->last_sweep_start == 0);
		values[6] = Int64GetDatum(s->total_steps);
		values[7] = Int64GetDatum(s->sweeps);
		values[8] = Int64GetDatum(s->errors);
		values[9] = CStringGetTextDatum(s->last_error);
		nulls[9] = (s->last_error[0] == '\0');
		values[10] = TimestampTzGetDatum(s->last_error_at);
		nulls[10] = (s->last_error_at == 0);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
