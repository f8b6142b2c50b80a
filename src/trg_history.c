/*-------------------------------------------------------------------------
 *
 * src/trg_history.c
 *	  complaint.history_guard(): makes a table append-only history.
 *
 *	  BEFORE INSERT ... FOR EACH ROW: only the extension's own code may
 *	  insert (42501 otherwise).
 *	  BEFORE UPDATE ... FOR EACH ROW: refused (23001), except that the
 *	  extension's own code may fill the columns named as trigger arguments,
 *	  once, from NULL (complaint.responsibility.until).
 *	  BEFORE DELETE ... FOR EACH ROW and BEFORE TRUNCATE: always refused
 *	  (23001), whoever asks.
 *	  Fired any other way, or on a table outside schema complaint: 39P01
 *	  (trigger_check.h).
 *
 * State: history_write_depth, backend-local, counts the open
 * HistoryWriteBegin() brackets.  Callers close them in PG_FINALLY; a
 * transaction callback also zeroes it at commit and abort, so a failed
 * bracket can never leak permission into a later transaction.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "case_row.h"
#include "complaint.h"
#include "hist_insert.h"
#include "spi_util.h"
#include "trg_history.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_history_guard);

/*
 * Any table of schema complaint: the guard only refuses or lets a row
 * through unchanged, so it grants nothing wherever it is attached; the
 * register, its history and the accountability records all use it.
 */
static const TriggerSpec guard_spec = {
	"complaint.history_guard()", TRIGGER_BEFORE, TRG_EV_WRITE, TRG_EV_TRUNCATE, NULL
};

static int	history_write_depth = 0;
static bool xact_callback_registered = false;

/*
 * HistoryXactCallback --- forget any open bracket at the end of a transaction.
 */
static void
HistoryXactCallback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_COMMIT ||
		event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PARALLEL_COMMIT)
		history_write_depth = 0;
}

void
HistoryWriteBegin(void)
{
	if (!xact_callback_registered)
	{
		RegisterXactCallback(HistoryXactCallback, NULL);
		xact_callback_registered = true;
	}
	history_write_depth++;
}

void
HistoryWriteEnd(void)
{
	if (history_write_depth > 0)
		history_write_depth--;
}

bool
HistoryWriteAllowed(void)
{
	return history_write_depth > 0;
}

static SpiCachedPlan event_plan = {
	"INSERT INTO complaint.event (case_id, at, kind, actor, from_status, to_status, detail)"
	" VALUES ($1, $2, $3::complaint.event_kind, $4, $5::complaint.case_status,"
	"         $6::complaint.case_status, coalesce($7::jsonb, '{}'::jsonb))",
	7, {INT8OID, TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID}, NULL
};

static HistTable event_table = {
	.relname = "event",
	.ncols = 8,
	.cols = {"id", "case_id", "at", "kind", "actor", "from_status", "to_status", "detail"}
};

/*
 * EventInsertDirect --- EventAppend without SQL (see hist_insert.h); false
 * when complaint.event does not allow it.
 */
static bool
EventInsertDirect(int64 case_id, TimestampTz at, const char *kind, const char *actor,
				  const char *from_status, const char *to_status, const char *detail)
{
	HistWriter *w = HistOpen(&event_table);
	Datum		values[8];
	bool		nulls[8];

	if (w == NULL)
		return false;
	memset(nulls, false, sizeof(nulls));
	values[1] = Int64GetDatum(case_id);
	values[2] = TimestampTzGetDatum(at);
	values[3] = EnumValueOf(HistColumnType(w, 3), kind);
	nulls[4] = actor == NULL;
	values[4] = actor == NULL ? (Datum) 0 : CStringGetTextDatum(actor);
	nulls[5] = from_status == NULL;
	values[5] = from_status == NULL ? (Datum) 0
		: EnumValueOf(HistColumnType(w, 5), from_status);
	nulls[6] = to_status == NULL;
	values[6] = to_status == NULL ? (Datum) 0
		: EnumValueOf(HistColumnType(w, 6), to_status);
	values[7] = DirectFunctionCall1(jsonb_in, CStringGetDatum(detail != NULL ? detail : "{}"));
	HistInsertRow(w, values, nulls);
	HistClose(w);
	return true;
}

void
EventAppend(int64 case_id, TimestampTz at, const char *kind, const char *actor,
			const char *from_status, const char *to_status, const char *detail)
{
	Datum		values[7];
	char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
	SpiSession	session;

	HistoryWriteBegin();
	PG_TRY();
	{
		if (!EventInsertDirect(case_id, at, kind, actor, from_status, to_status, detail))
		{
			values[0] = Int64GetDatum(case_id);
			values[1] = TimestampTzGetDatum(at);
			values[2] = SpiTextArg(kind, nulls, 2);
			values[3] = SpiTextArg(actor, nulls, 3);
			values[4] = SpiTextArg(from_status, nulls, 4);
			values[5] = SpiTextArg(to_status, nulls, 5);
			values[6] = SpiTextArg(detail, nulls, 6);
			/* callers need not be in SPI: the statement brings its own bracket */
			SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, "event"));
			SpiRun(&event_plan, values, nulls, false, 0, SPI_OK_INSERT);
			SpiEnd(&session);
		}
	}
	PG_FINALLY();
	{
		HistoryWriteEnd();
	}
	PG_END_TRY();
}

/*
 * UpdateOnlyFillsAllowed --- true when every column of the row is unchanged
 * except columns named in tgargs, and those only go from NULL to a value.
 */
static bool
UpdateOnlyFillsAllowed(TriggerData *trigdata, char **column)
{
	Trigger    *trigger = trigdata->tg_trigger;
	TupleDesc	tupdesc = RelationGetDescr(trigdata->tg_relation);
	HeapTuple	oldtup = trigdata->tg_trigtuple;
	HeapTuple	newtup = trigdata->tg_newtuple;
	int			i;

	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);
		bool		oldnull;
		bool		newnull;
		Datum		oldval;
		Datum		newval;
		bool		fillable = false;
		int			j;

		/* generated columns follow the others, which are checked */
		if (att->attisdropped || att->attgenerated != '\0')
			continue;
		for (j = 0; j < trigger->tgnargs; j++)
			if (strcmp(NameStr(att->attname), trigger->tgargs[j]) == 0)
				fillable = true;

		oldval = heap_getattr(oldtup, i + 1, tupdesc, &oldnull);
		newval = heap_getattr(newtup, i + 1, tupdesc, &newnull);
		if (oldnull && newnull)
			continue;
		if (!oldnull && !newnull &&
			datum_image_eq(oldval, newval, att->attbyval, att->attlen))
			continue;
		/* changed */
		if (fillable && oldnull)
			continue;
		*column = NameStr(att->attname);
		return false;
	}
	return true;
}

/*
 * complaint_history_guard --- the trigger function (see file header).
 */
Datum
complaint_history_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = TriggerCheck(fcinfo, &guard_spec);
	const char *relname;

	/* the schema's name is looked up only for a message */
#define nspname get_namespace_name(RelationGetNamespace(trigdata->tg_relation))

	relname = RelationGetRelationName(trigdata->tg_relation);

	if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_RESTRICT_VIOLATION),
				 errmsg("cannot truncate %s.%s", nspname, relname),
				 errdetail("%s.%s keeps the complaint register and its history, which are never removed.",
						   nspname, relname)));

	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_RESTRICT_VIOLATION),
				 errmsg("cannot delete rows of %s.%s", nspname, relname),
				 errdetail("%s.%s keeps the complaint register and its history, which are never removed.",
						   nspname, relname)));

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		if (!HistoryWriteAllowed())
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("rows of %s.%s are written by the complaint extension only",
							nspname, relname),
					 strcmp(relname, "escalation") == 0
					 ? errhint("Escalation steps are recorded by complaint.sweep() and the background worker.")
					 : errhint("Use the case step functions (complaint.accept(), complaint.transfer(), ...) or update complaint.cases; the history follows.")));
		return PointerGetDatum(trigdata->tg_trigtuple);
	}

	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		char	   *column = NULL;

		if (!HistoryWriteAllowed() || !UpdateOnlyFillsAllowed(trigdata, &column))
			ereport(ERROR,
					(errcode(ERRCODE_RESTRICT_VIOLATION),
					 errmsg("cannot update rows of %s.%s", nspname, relname),
					 column != NULL
					 ? errdetail("Column \"%s\" of the append-only history cannot be changed.", column)
					 : errdetail("The history is append-only; the extension itself only closes open rows."),
					 errhint("Record a new step instead.")));
		return PointerGetDatum(trigdata->tg_newtuple);
	}

	elog(ERROR, "complaint.history_guard() fired by an unexpected event");	/* internal error */
	PG_RETURN_NULL();			/* keep compiler quiet */
#undef nspname
}
