/*-------------------------------------------------------------------------
 *
 * src/trg_case.c
 *	  The history trigger of complaint.cases and the workflow's clock.
 *
 *	  The workflow triggers of complaint.cases enforce first-responder
 *	  registration, immutability, lifecycle transitions and the steps'
 *	  history.  Whatever an application writes to complaint.cases goes
 *	  through these rules; the step functions (complaint.accept(), ...) are
 *	  only conveniences over plain UPDATEs.
 *
 *	  complaint.case_register()	BEFORE INSERT FOR EACH ROW
 *								(trg_case_register.c)
 *	  complaint.case_guard()	BEFORE UPDATE FOR EACH ROW
 *								(trg_case_guard.c; its steps in
 *								trg_case_steps.c and trg_case_clock.c)
 *	  complaint.case_history()	AFTER INSERT OR UPDATE FOR EACH ROW (here)
 *
 *	  The BEFORE triggers validate the step, fill the columns the workflow
 *	  owns and leave a CaseStep (case_step.h) for the AFTER trigger, which
 *	  writes complaint.responsibility and complaint.event in the same
 *	  statement.  Any error aborts the statement: nothing is half-written.
 *	  The rules both BEFORE triggers share (statuses, column classes,
 *	  common checks) are case_rules.c's.
 *
 *	  complaint.clock_now() is the clock the workflow reads (complaint.now,
 *	  else now()).
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "case_row.h"
#include "case_step.h"
#include "complaint.h"
#include "orgcache.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_case_history);
PG_FUNCTION_INFO_V1(complaint_clock_now);

/* where the trigger belongs (trigger_check.h) */
static const TriggerSpec history_spec = {
	"complaint.case_history()", TRIGGER_AFTER, TRG_EV_INSERT | TRG_EV_UPDATE, 0, TriggerCasesTable
};

/* ----------------------------------------------------------------------
 * History (AFTER INSERT OR UPDATE)
 * ----------------------------------------------------------------------
 */

/*
 * complaint_case_history --- write what the BEFORE trigger found: the
 * responsibility rows and the event of the step.
 */
Datum
complaint_case_history(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = TriggerCheck(fcinfo, &history_spec);
	Relation	rel = trigdata->tg_relation;
	HeapTuple	tup = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
		? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	CaseRow		row;
	CaseStep   *step;

	OrgCacheBegin();
	CaseRowInit(&row, rel, NULL, tup);
	step = CaseStepPop(DatumGetInt64(CaseGet(&row, CC_id)));
	if (step != NULL && (step->kind != NULL || step->resp != STEP_RESP_NONE))
		CaseStepWrite(step, rel->rd_rel->relowner, GetUserId());
	return PointerGetDatum(NULL);
}

/* ----------------------------------------------------------------------
 * The workflow's clock
 * ----------------------------------------------------------------------
 */

/* complaint.clock_now() → timestamptz: complaint.now, else now() */
Datum
complaint_clock_now(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(ComplaintNow());
}
