/*-------------------------------------------------------------------------
 *
 * src/trg_watch.c
 *	  complaint.escalation_watch_sync(): AFTER INSERT OR UPDATE ... FOR EACH
 *	  ROW on complaint.cases.  Keeps the case's row in
 *	  complaint.escalation_watch in step with the case, so that the sweep
 *	  looks at it again when something that moves its ladder changed
 *	  (registration; status, deadline, upgraded flag or clock origin: the
 *	  WHEN clause of the update trigger, src/sql/install/60_escalation.sql).
 *
 *	  due_at becomes
 *		NULL			waiting for materials (the clock stops) or referred
 *						out (the case left the organisation);
 *		deadline		answered or closed after the deadline: the sweep
 *						still opens the no-answer violation there;
 *		NULL			answered or closed in time: nothing can fall due;
 *		received_at		otherwise: the earliest moment anything can fall
 *						due; the sweep computes the real next rung.
 *	  An update from one finished status (answered, closed, referred out)
 *	  to another changes nothing.  The failure count and last error are
 *	  cleared, since the case changed.
 *
 *	  The row is written as the owner of the watch table with a pinned
 *	  search_path (as a SECURITY DEFINER function would): applications that
 *	  write cases need no privilege on the watch list.
 *
 * State: none beyond the cached plan (spi_util.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "case_row.h"
#include "complaint.h"
#include "spi_util.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_escalation_watch_sync);

static const TriggerSpec watch_spec = {
	"complaint.escalation_watch_sync()", TRIGGER_AFTER, TRG_EV_INSERT | TRG_EV_UPDATE, 0,
	TriggerCasesTable
};

static SpiCachedPlan watch_upsert_plan = {
	"INSERT INTO complaint.escalation_watch AS w (case_id, due_at) VALUES ($1, $2)"
	" ON CONFLICT (case_id) DO UPDATE"
	"   SET due_at = EXCLUDED.due_at, failures = 0, last_error = NULL",
	2, {INT8OID, TIMESTAMPTZOID}, NULL
};

/* IsFinished --- the statuses after which no rung can fall due */
static bool
IsFinished(const char *status)
{
	return status != NULL && (strcmp(status, "answered") == 0 || strcmp(status, "closed") == 0 ||
		strcmp(status, "referred_out") == 0);
}

/*
 * WatchDue --- when the sweep must look at the case next; false for never
 * (until the case changes again).
 */
static bool
WatchDue(CaseRow *row, TimestampTz *due)
{
	const char *status = CaseEnum(row, CC_status);

	if (status == NULL || CaseIsNull(row, CC_deadline) || CaseIsNull(row, CC_received_at))
		return false;			/* not a row of the workflow (NOT NULL refuses it) */
	if (strcmp(status, "waiting_materials") == 0 || strcmp(status, "referred_out") == 0)
		return false;
	if (strcmp(status, "answered") == 0 || strcmp(status, "closed") == 0)
	{
		TimestampTz deadline = DatumGetTimestampTz(CaseGet(row, CC_deadline));

		if (CaseIsNull(row, CC_answered_at) ||
			DatumGetTimestampTz(CaseGet(row, CC_answered_at)) <= deadline)
			return false;
		*due = deadline;
		return true;
	}
	*due = DatumGetTimestampTz(CaseGet(row, CC_received_at));
	return true;
}

Datum
complaint_escalation_watch_sync(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	bool		is_update;
	CaseRow		row;
	TimestampTz due = 0;
	Datum		values[2];
	char		nulls[2] = {' ', ' '};
	SpiSession	session;

	trigdata = TriggerCheck(fcinfo, &watch_spec);
	is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	CaseRowInit(&row, trigdata->tg_relation,
				is_update ? trigdata->tg_trigtuple : NULL,
				is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple);

	/* finished before, finished now: nothing new for the sweep */
	if (is_update && IsFinished(CaseEnum(&row, CC_status)) &&
		IsFinished(CaseOldEnum(&row, CC_status)))
		return PointerGetDatum(NULL);

	values[0] = CaseGet(&row, CC_id);
	if (WatchDue(&row, &due))
		values[1] = TimestampTzGetDatum(due);
	else
	{
		values[1] = (Datum) 0;
		nulls[1] = 'n';
	}

	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, "escalation_watch"));
	SpiRun(&watch_upsert_plan, values, nulls, false, 0, SPI_OK_INSERT);
	SpiEnd(&session);
	return PointerGetDatum(NULL);
}
