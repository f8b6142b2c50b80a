/*-------------------------------------------------------------------------
 *
 * src/worker_shmem.c
 *	  Registration of the complaint background workers and their shared
 *	  memory: _PG_init calls WorkerRegister, which (only while the
 *	  postmaster preloads the library) reserves the shared state, installs
 *	  the ProcessUtility hook of worker_release.c and registers the launcher.
 *
 * The parts of the worker machinery, one file each:
 *	  worker_shmem.c	registration and shared state (this file)
 *	  launcher.c		the launcher: one database worker per database named
 *						in complaint.database, restarted with a back-off
 *	  worker.c			a database worker: runs complaint.sweep() in batches
 *						once per complaint.sweep_interval
 *	  worker_release.c	the utility hook that makes a worker leave its
 *						database for DROP DATABASE and friends
 *	  worker_status.c	complaint.worker_status()
 * The shared state itself is described in worker_shmem.h.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/shmem.h"

#include "complaint.h"
#include "worker_shmem.h"

#define WORKER_SHMEM_NAME		"complaint worker state"
#define WORKER_TRANCHE_NAME		"complaint worker"

WorkerSharedState *WorkerShmem = NULL;

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

static Size WorkerShmemSize(void);
static void WorkerShmemRequest(void);
static void WorkerShmemStartup(void);

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
	WorkerInstallReleaseHook();

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
