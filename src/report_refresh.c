/*-------------------------------------------------------------------------
 *
 * src/report_refresh.c
 *	  ReportRefreshPass(): the database worker's call of
 *	  complaint.report_refresh() after each sweep pass, so that the report
 *	  summaries (src/sql/install/76_report_summary.sql) stay close to the
 *	  history and the reports read few cases from the raw rows.
 *
 * One transaction of its own.  The refresh waits for the transactions that
 * write history, units or calendars, and while it waits its lock request
 * holds every new step back; lock_timeout (REPORT_REFRESH_LOCK_TIMEOUT)
 * bounds that: when it cannot have its locks in time, the refresh gives up
 * and the next pass tries again (the reports are exact however far the
 * summaries lag; they only read more cases from the raw rows).  Any error
 * is logged and rolled back and never stops the worker.  Nothing happens
 * where the installed version of the extension has no
 * complaint.report_refresh(boolean) (an update not yet run).
 *
 * Runs only in the database worker (worker.c), outside any transaction.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "nodes/makefuncs.h"
#include "nodes/pg_list.h"
#include "parser/parse_func.h"
#include "pgstat.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "complaint.h"
#include "report_refresh.h"

#define REPORT_REFRESH_QUERY		"SELECT " COMPLAINT_SCHEMA ".report_refresh()"
#define REPORT_REFRESH_LOCK_TIMEOUT	"1s"

/* RefreshFunctionExists --- is complaint.report_refresh(boolean) installed? */
static bool
RefreshFunctionExists(void)
{
	Oid			argtypes[1] = {BOOLOID};
	List	   *name = list_make2(makeString(COMPLAINT_SCHEMA), makeString("report_refresh"));

	return OidIsValid(LookupFuncName(name, 1, argtypes, true));
}

/*
 * ReportRefreshPass --- one refresh in a transaction of its own; errors
 * are logged and swallowed
 */
void
ReportRefreshPass(void)
{
	MemoryContext oldcxt = CurrentMemoryContext;

	PG_TRY();
	{
		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		SPI_connect();
		PushActiveSnapshot(GetTransactionSnapshot());
		if (RefreshFunctionExists())
		{
			(void) set_config_option("lock_timeout", REPORT_REFRESH_LOCK_TIMEOUT, PGC_USERSET, PGC_S_SESSION,
									 GUC_ACTION_LOCAL, true, 0, false);
			pgstat_report_activity(STATE_RUNNING, REPORT_REFRESH_QUERY);
			if (SPI_execute(REPORT_REFRESH_QUERY, false, 0) != SPI_OK_SELECT)
				elog(ERROR, "unexpected result of %s", REPORT_REFRESH_QUERY);	/* internal error */
		}
		SPI_finish();
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		/* log it, roll back, and leave it to the next pass */
		ErrorData  *edata;

		HOLD_INTERRUPTS();
		MemoryContextSwitchTo(oldcxt);
		edata = CopyErrorData();
		FlushErrorState();
		AbortCurrentTransaction();
		RESUME_INTERRUPTS();
		/* busy tables (lock_timeout) are expected under load: no ERROR in the log */
		if (edata->sqlerrcode == ERRCODE_LOCK_NOT_AVAILABLE)
			ereport(DEBUG1,
					(errmsg_internal("complaint worker: report summaries busy, refreshed at the next pass")));
		else
			ereport(LOG,
					(errcode(edata->sqlerrcode),
					 errmsg("complaint worker could not refresh the report summaries: %s", edata->message)));
		FreeErrorData(edata);
	}
	PG_END_TRY();
	MemoryContextSwitchTo(oldcxt);
	pgstat_report_activity(STATE_IDLE, NULL);
}
