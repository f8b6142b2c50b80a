/*-------------------------------------------------------------------------
 *
 * src/worker_status.c
 *	  complaint.worker_status(): what the launcher's workers are doing, one
 *	  row per database served, read from the shared state (worker_shmem.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "complaint.h"
#include "worker.h"
#include "worker_shmem.h"

/* the state column's text, indexed by WorkerState */
static const char *const WorkerStateNames[WORKER_STATE_COUNT] = {
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
