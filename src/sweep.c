/*-------------------------------------------------------------------------
 *
 * src/sweep.c
 *	  complaint.sweep(at timestamptz): one escalation pass as of "at".
 *
 * A pass runs five sections in order, each a pair of SQL statements:
 *	ladder		escalation_watch rows due: record the due rungs, open the
 *				no-answer violation, move the row to the next rung
 *	handover	open interface responsibilities past their hand-over time
 *	self_check	self-check reports overdue: open the deemed violation
 *	grading		violations not graded: propose the sanction, send the
 *				self-check notice
 *	appeal		decided sanctions whose 15-day window has lapsed: close it
 * A "claim" statement picks up to complaint.batch_size due rows (a plain
 * read), then a "process" statement handles them set-based in a
 * subtransaction: it first locks the rows that are still due with FOR
 * UPDATE SKIP LOCKED where the sweep owns the row, so that it never waits
 * for an application's transaction (rows it cannot lock are left for a
 * later sweep), and the lock and the update belong to one subtransaction
 * (no MultiXact).  If the statement fails, each row is handled again alone
 * in its own subtransaction, so that one broken case is logged (WARNING),
 * counted and skipped; the ladder moves a failing case's watch row an hour
 * ahead.
 *
 * Exactly once: every record has a unique key.  The ladder remembers in
 * the watch row which rungs of the case's current round it recorded and
 * inserts only the rungs above them (a duplicate would raise, not pass);
 * the other sections insert with ON CONFLICT DO NOTHING.  Each escalation
 * step is appended to the case history (complaint.event) by the statement
 * that records it, through the history guard's door (trg_history.h), open
 * for that statement only; the delivery feed's trigger appends each
 * record to complaint.feed and sends one wake-up NOTIFY
 * complaint_escalation per transaction (66_feed.sql).  The sweep runs as
 * the owner of the escalation tables with a pinned search_path.
 *
 * Sweeps of one database are serialised by a transaction-level lock on
 * the extension's catalog row with an objsubid of our own (sweep.h), a lock
 * no SQL command can take, so no other session can hold the sweeps up.  A
 * manual call waits for it (honouring lock_timeout and statement_timeout)
 * and then sweeps everything due, in the caller's transaction, in chunks of
 * complaint.batch_size.  The background worker (SweepBatchMode) only tries
 * the lock, handles at most one batch per section per call (the worker
 * commits between calls), and learns from SweepMorePending whether to call
 * again.  Only a superuser may sweep as of a time after the workflow clock
 * (SweepCheckTime).
 *
 * The statements are SQL files, src/sql/sweep/SECTION_claim.sql,
 * SECTION_process.sql and ladder_fail.sql, whose headers say what each
 * does; the build turns them into the constants of the generated header
 * sweep_statements.h (src/sql/sweep_statements.awk), and the regress test
 * sweep_statements prepares each file as it stands.  A claim statement
 * takes $1 at, $2 the most rows to claim and $3 ids to leave alone (rows
 * handled or skipped earlier in this call) and returns one bigint column
 * of ids; it takes no lock.  A process statement takes $1 at and $2 the
 * claimed ids, locks those still due where the sweep owns them (CTE "lk")
 * and returns one row of two bigints: the number of records it wrote and
 * the number of rows it locked.  A fail statement takes $1 at, $2 one id
 * and $3 the error message.
 *
 * Plans are prepared once per backend and kept (SPI_keepplan): the claim
 * statements on the first call, a section's process statement when the
 * section first has work (an idle sweep plans only the five small claims);
 * the plan cache re-analyses them when the tables change.  The Sweep* result
 * variables are backend-local and describe the last call only.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/timestamp.h"

#include "complaint.h"
#include "spi_util.h"
#include "sweep.h"
#include "sweep_statements.h"
#include "trg_history.h"

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
 * The lock is on the complaint extension's own catalog row with an objsubid
 * that PostgreSQL never uses (sweep.h), so no session can take it by SQL.
 * Waiting honours lock_timeout, statement_timeout and deadlock detection
 * like any heavyweight lock.
 */
bool
SweepLockAcquire(bool wait)
{
	LOCKTAG		tag;
	Oid			extoid = get_extension_oid(COMPLAINT_EXTENSION, true);

	if (!OidIsValid(extoid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension \"%s\" is not installed in this database",
						COMPLAINT_EXTENSION)));
	SET_LOCKTAG_OBJECT(tag, MyDatabaseId, ExtensionRelationId, extoid,
					   SWEEP_LOCK_OBJSUBID);
	return LockAcquire(&tag, ExclusiveLock, false, !wait) != LOCKACQUIRE_NOT_AVAIL;
}

/*
 * SweepCheckTime --- a caller other than a superuser may not sweep as of a
 * time later than the workflow clock (complaint.now when it is set, else
 * the present) plus SWEEP_FUTURE_TOLERANCE_MS: the sweep records every step
 * due by "at" as having happened, so a later "at" would record steps before
 * they are due.  Superusers keep the simulated clock tests and replays need.
 */
static void
SweepCheckTime(TimestampTz at)
{
	TimestampTz clock;

	if (superuser())
		return;
	clock = (complaint_now != NULL && complaint_now[0] != '\0') ?
		ComplaintNow() : GetCurrentTimestamp();
	if (at <= TimestampTzPlusMilliseconds(clock, SWEEP_FUTURE_TOLERANCE_MS))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("only a superuser may sweep as of a time after the workflow clock"),
			 errdetail("The sweep time %s is later than the workflow clock %s.",
					   pstrdup(timestamptz_to_str(at)), timestamptz_to_str(clock)),
			 errhint("Omit the argument to sweep as of now: steps are recorded once they are due.")));
}


typedef struct SweepSection
{
	const char *name;
	const char *claim_sql;
	const char *process_sql;
	const char *fail_sql;		/* NULL: nothing to note for a failing row */
	SPIPlanPtr	claim_plan;
	SPIPlanPtr	process_plan;
	SPIPlanPtr	fail_plan;
} SweepSection;

static SweepSection sections[] = {
	{"ladder", SWEEP_LADDER_CLAIM, SWEEP_LADDER_PROCESS, SWEEP_LADDER_FAIL, NULL, NULL, NULL},
	{"handover", SWEEP_HANDOVER_CLAIM, SWEEP_HANDOVER_PROCESS, NULL, NULL, NULL, NULL},
	{"self_check", SWEEP_SELF_CHECK_CLAIM, SWEEP_SELF_CHECK_PROCESS, NULL, NULL, NULL, NULL},
	{"grading", SWEEP_GRADING_CLAIM, SWEEP_GRADING_PROCESS, NULL, NULL, NULL, NULL},
	{"appeal", SWEEP_APPEAL_CLAIM, SWEEP_APPEAL_PROCESS, NULL, NULL, NULL, NULL},
};

/* SweepPrepare --- plan a statement once per backend and keep the plan */
static SPIPlanPtr
SweepPrepare(const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for sweep statement: %s",
			 SPI_result_code_string(SPI_result));	/* internal error */
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");	/* internal error */
	return plan;
}

/* SweepIdArray --- a bigint[] of n ids */
static Datum
SweepIdArray(const int64 *ids, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		elems[i] = Int64GetDatum(ids[i]);
	return PointerGetDatum(construct_array(elems, n, INT8OID, sizeof(int64),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * SweepExecuteProcess --- execute a section's process statement.  The
 * statement appends the steps' events to the case history, so the history
 * guard's door (trg_history.h) is open for this one statement only; an
 * error closes it here, and the end of the transaction would anyway.
 */
static int
SweepExecuteProcess(SweepSection *sec, Datum *values)
{
	volatile int rc = 0;

	HistoryWriteBegin();
	PG_TRY();
	{
		rc = SPI_execute_plan(sec->process_plan, values, NULL, false, 0);
	}
	PG_FINALLY();
	{
		HistoryWriteEnd();
	}
	PG_END_TRY();
	return rc;
}

/*
 * SweepProcess --- run a section's process statement on ids in a
 * subtransaction.  The statement itself locks the rows it handles (FOR
 * UPDATE SKIP LOCKED), so that the lock and the update belong to the same
 * subtransaction.  Returns true, adds to *recorded and sets *locked to the
 * number of rows it could lock on success; on an ordinary error, rolls the
 * subtransaction back, copies the message into errmsg_out and returns
 * false.  A cancel (statement_timeout, pg_cancel_backend) is re-thrown: it
 * must end the sweep, not skip a case.
 */
static bool
SweepProcess(SweepSection *sec, TimestampTz at, const int64 *ids, int n,
			 int64 *recorded, int64 *locked, char *errmsg_out)
{
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	volatile bool ok = true;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcontext);

	PG_TRY();
	{
		Datum		values[2];
		bool		isnull;
		Datum		d;

		values[0] = TimestampTzGetDatum(at);
		values[1] = SweepIdArray(ids, n);
		if (SweepExecuteProcess(sec, values) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "sweep section %s returned no count", sec->name);	/* internal error */
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull)
			*recorded += DatumGetInt64(d);
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
		*locked = isnull ? 0 : DatumGetInt64(d);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcontext);
		CurrentResourceOwner = oldowner;

		if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED)
			ReThrowError(edata);
		strlcpy(errmsg_out, edata->message ? edata->message : "", SWEEP_ERROR_LEN);
		FreeErrorData(edata);
		ok = false;
	}
	PG_END_TRY();

	return ok;
}

/* SweepSkipAdd --- leave ids alone for the rest of this call */
static void
SweepSkipAdd(int64 **skip, int *nskip, int *skipcap, const int64 *ids, int n)
{
	if (*nskip + n > *skipcap)
	{
		*skipcap = Max(Max(16, *skipcap * 2), *nskip + n);
		*skip = *skip ? repalloc(*skip, sizeof(int64) * *skipcap)
			: palloc(sizeof(int64) * *skipcap);
	}
	memcpy(*skip + *nskip, ids, sizeof(int64) * n);
	*nskip += n;
}

/*
 * SweepSectionRun --- claim and process one section's due rows: one batch
 * in batch mode, else batch after batch until none is due.  Rows that fail
 * alone are logged, counted, noted (fail_sql) and left alone for the rest
 * of the call, and so are the rows of a batch that the process statement
 * could not all lock (an application's transaction holds them: a later
 * sweep takes them).
 */
static int64
SweepSectionRun(SweepSection *sec, TimestampTz at, int limit)
{
	int64		recorded = 0;
	int64	   *skip = NULL;
	int			nskip = 0;
	int			skipcap = 0;

	for (;;)
	{
		Datum		values[3];
		int64	   *ids;
		int			n;
		int64		locked = 0;
		char		msg[SWEEP_ERROR_LEN];

		CHECK_FOR_INTERRUPTS();

		values[0] = TimestampTzGetDatum(at);
		values[1] = Int64GetDatum((int64) limit);
		values[2] = SweepIdArray(skip, nskip);
		if (SPI_execute_plan(sec->claim_plan, values, NULL, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "sweep section %s could not claim rows", sec->name);	/* internal error */
		n = (int) SPI_processed;
		if (n == 0)
			break;
		ids = palloc(sizeof(int64) * n);
		for (int i = 0; i < n; i++)
		{
			bool		isnull;

			ids[i] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i],
												 SPI_tuptable->tupdesc, 1, &isnull));
		}
		SPI_freetuptable(SPI_tuptable);

		if (sec->process_plan == NULL)
		{
			Oid			process_types[2] = {TIMESTAMPTZOID, INT8ARRAYOID};
			Oid			fail_types[3] = {TIMESTAMPTZOID, INT8OID, TEXTOID};

			sec->process_plan = SweepPrepare(sec->process_sql, 2, process_types);
			if (sec->fail_sql)
				sec->fail_plan = SweepPrepare(sec->fail_sql, 3, fail_types);
		}

		if (SweepProcess(sec, at, ids, n, &recorded, &locked, msg))
		{
			if (locked < n)
				SweepSkipAdd(&skip, &nskip, &skipcap, ids, n);
		}
		else
		{
			/* find the broken rows: each alone */
			for (int i = 0; i < n; i++)
			{
				if (SweepProcess(sec, at, &ids[i], 1, &recorded, &locked, msg))
					continue;

				ereport(WARNING,
						(errcode(ERRCODE_WARNING),
						 errmsg("sweep skipped %s row " INT64_FORMAT ": %s",
								sec->name, ids[i], msg),
						 errdetail("The row is retried by a later sweep; the rest of the sweep goes on.")));
				SweepCaseErrors++;
				strlcpy(SweepLastCaseError, msg, SWEEP_ERROR_LEN);
				if (sec->fail_plan)
				{
					Datum		fv[3];

					fv[0] = TimestampTzGetDatum(at);
					fv[1] = Int64GetDatum(ids[i]);
					fv[2] = CStringGetTextDatum(msg);
					if (SPI_execute_plan(sec->fail_plan, fv, NULL, false, 0) != SPI_OK_UPDATE)
						elog(ERROR, "sweep could not note a failing row");	/* internal error */
				}
			}
			/* each row was handled, skipped for a lock or noted as failing */
			SweepSkipAdd(&skip, &nskip, &skipcap, ids, n);
		}
		pfree(ids);

		if (n < limit)
			break;
		if (SweepBatchMode)
		{
			SweepMorePending = true;
			break;
		}
	}
	return recorded;
}

PG_FUNCTION_INFO_V1(complaint_sweep);

/*
 * complaint_sweep --- SQL entry point: complaint.sweep(at) → integer, the
 * number of records written (escalation steps, violations, proposed
 * sanctions, self-check notices, closed appeal windows).
 */
Datum
complaint_sweep(PG_FUNCTION_ARGS)
{
	TimestampTz at;
	int64		recorded = 0;
	int			limit = complaint_batch_size;
	SpiSession	session;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sweep time must not be null"),
				 errhint("Omit the argument to sweep as of now.")));
	at = PG_GETARG_TIMESTAMPTZ(0);
	if (TIMESTAMP_NOT_FINITE(at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("sweep time must be finite")));
	SweepCheckTime(at);

	SweepResetResults();
	if (!SweepLockAcquire(!SweepBatchMode))
	{
		SweepLockBusy = true;
		PG_RETURN_INT32(0);
	}

	/*
	 * Act as the owner of the escalation tables with a pinned search_path,
	 * as the workflow's triggers do: whoever may call sweep() needs no
	 * privileges on the tables it writes.
	 */
	SpiBegin(&session, SpiRelationOwner("complaint", "escalation"));

	if (sections[0].claim_plan == NULL)
	{
		Oid			claim_types[3] = {TIMESTAMPTZOID, INT8OID, INT8ARRAYOID};

		/* the process plans follow when a section first has work */
		for (int i = 0; i < (int) lengthof(sections); i++)
			sections[i].claim_plan = SweepPrepare(sections[i].claim_sql, 3, claim_types);
	}

	for (int i = 0; i < (int) lengthof(sections); i++)
		recorded += SweepSectionRun(&sections[i], at, limit);

	SpiEnd(&session);

	if (recorded > PG_INT32_MAX)
		recorded = PG_INT32_MAX;
	PG_RETURN_INT32((int32) recorded);
}
