/*-------------------------------------------------------------------------
 *
 * src/worker.h
 *	  Background workers of the complaint extension: a launcher and one
 *	  sweeping worker per database listed in complaint.database.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_WORKER_H
#define COMPLAINT_WORKER_H

#include "fmgr.h"

/* entry points named in BackgroundWorker.bgw_function_name */
extern PGDLLEXPORT void complaint_launcher_main(Datum main_arg);
extern PGDLLEXPORT void complaint_worker_main(Datum main_arg);

/* SQL-callable: one row per database served (complaint.worker_status) */
extern Datum complaint_worker_status(PG_FUNCTION_ARGS);

#endif							/* COMPLAINT_WORKER_H */
