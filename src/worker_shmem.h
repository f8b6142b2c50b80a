/*-------------------------------------------------------------------------
 *
 * src/worker_shmem.h
 *	  The shared state of the complaint launcher and its database workers,
 *	  private to worker_shmem.c, launcher.c, worker.c, worker_release.c
 *	  and worker_status.c.
 *
 * WorkerShmem holds one WorkerSlot per configured database.  It exists only
 * when the library is in shared_preload_libraries (otherwise WorkerShmem
 * stays NULL and complaint.worker_status() returns no rows).  Every field of
 * WorkerShmem and its slots is read and written under WorkerShmem->lock; a
 * slot's "in_use", "dbname" and "generation" change only in the launcher,
 * and "pid"/"latch" only in the worker that owns the slot.  Latches are set
 * after the lock is released.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_WORKER_SHMEM_H
#define COMPLAINT_WORKER_SHMEM_H

#include "storage/latch.h"
#include "storage/lwlock.h"
#include "utils/timestamp.h"

#include "sweep.h"

/* what a worker is doing, as complaint.worker_status() shows it */
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

#define WORKER_STATE_COUNT		(WS_STOPPED + 1)

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

/* worker_shmem.c: NULL unless the library was preloaded */
extern WorkerSharedState *WorkerShmem;

/* worker_release.c: install the ProcessUtility hook (from WorkerRegister) */
extern void WorkerInstallReleaseHook(void);

#endif							/* COMPLAINT_WORKER_SHMEM_H */
