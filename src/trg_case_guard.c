/*-------------------------------------------------------------------------
 *
 * src/trg_case_guard.c
 *	  complaint.case_guard(), the BEFORE UPDATE FOR EACH ROW trigger of
 *	  complaint.cases: the lifecycle guard.  It refuses what never changes
 *	  (the id, the first responder, the receipt time, the repeat link),
 *	  the columns the workflow owns, illegal status steps and updates that
 *	  take more than one step; it finds the one step an update takes and
 *	  hands it to the step functions (trg_case_steps.c, trg_case_clock.c),
 *	  which leave a CaseStep (case_step.h) for the AFTER trigger
 *	  (trg_case.c) to write.
 *
 *	  The extension itself rewriting a case's clock (re-projection,
 *	  reproject.c) passes the guard between CaseSystemUpdateBegin() and
 *	  CaseSystemUpdateEnd() (trg_case.h).
 *
 * State: case_system_detail, set by CaseSystemUpdateBegin() while the
 * extension itself rewrites clock columns; reset by CaseSystemUpdateEnd()
 * in PG_FINALLY.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/rel.h"

#include "case_row.h"
#include "case_rules.h"
#include "case_step.h"
#include "clock_lock.h"
#include "complaint.h"
#include "json_util.h"
#include "orgcache.h"
#include "trg_case.h"
#include "trg_case_clock.h"
#include "trg_case_steps.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_case_guard);

static const char *case_system_detail = NULL;

/* where the trigger belongs (trigger_check.h) */
static const TriggerSpec guard_spec = {
	"complaint.case_guard()", TRIGGER_BEFORE, TRG_EV_UPDATE, 0, TriggerCasesTable
};

/* ReportClosed --- a closed or referred-out case takes no step but reopening */
static void
ReportClosed(StepState *st)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("case " INT64_FORMAT " is %s", st->case_id,
					st->from == ST_CLOSED ? "closed" : "referred out"),
			 errhint("Reopen it with complaint.reopen() first.")));
}

/*
 * complaint_case_guard --- BEFORE UPDATE: the lifecycle guard.
 */
Datum
complaint_case_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = TriggerCheck(fcinfo, &guard_spec);
	StepState	st;
	CaseRow    *row = &st.row;
	bool		status_changed;
	bool		unit_changed;
	bool		staff_changed;
	bool		ext_step;
	bool		feedback_step;
	bool		reclassify;
	int			nsteps = 0;
	const char *edited[CC__COUNT];
	int			nedited = 0;
	int			i;

	st.rel = trigdata->tg_relation;
	CaseRowInit(row, st.rel, trigdata->tg_trigtuple, trigdata->tg_newtuple);
	CheckNotNull(row, &CaseNotNullColumns, false);
	st.case_id = DatumGetInt64(CaseGetOld(row, CC_id));
	st.now = ComplaintNow();
	st.from = StatusOf(CaseOldEnum(row, CC_status));
	st.to = StatusOf(CaseEnum(row, CC_status));
	/* a clock (re)started or a reclassification: the clock lock before the rules and calendars */
	ClockLockForStep(row, (st.to == ST_REOPENED && st.from != ST_REOPENED) ||
					 (st.from == ST_ANSWERED && st.to == ST_IN_PROGRESS));
	OrgCacheBegin();

	/* never: the register's identity and the first responder */
	if (CaseChanged(row, CC_id))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the id of case " INT64_FORMAT " cannot be changed", st.case_id)));
	if (CaseChanged(row, CC_first_responder))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the first responder of case " INT64_FORMAT " cannot be changed", st.case_id),
				 errdetail("首问负责制: \"%s\" registered the case and stays accountable for it until it is closed.",
						   CaseOldText(row, CC_first_responder)),
				 errhint("Transfer the case to hand the handling on; the first responder keeps tracking it.")));
	if (CaseChanged(row, CC_received_at))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the receipt time of case " INT64_FORMAT " cannot be changed", st.case_id),
				 errdetail("Time limits are counted from the day of receipt.")));
	if (CaseChanged(row, CC_repeat_of))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the repeat link of case " INT64_FORMAT " cannot be changed", st.case_id)));

	/* the extension itself moving the clock (re-projection) */
	if (case_system_detail != NULL)
	{
		for (i = 0; i < CC__COUNT; i++)
		{
			bool		is_clock = false;
			int			j;

			for (j = 0; j < CaseClockColumns.n; j++)
				if (CaseClockColumns.cols[j] == (CaseCol) i)
					is_clock = true;
			if (!is_clock && CaseChanged(row, (CaseCol) i))
				elog(ERROR, "re-projection changed column \"%s\"", CaseColNames[i]);	/* internal error */
		}
		st.step = CaseStepPush(st.case_id);
		st.step->system = true;
		st.step->at = st.now;
		st.step->kind = "reprojected";
		st.step->from_status = CaseStatusLabel[st.from];
		st.step->to_status = CaseStatusLabel[st.to];
		st.step->detail = CaseStepStrdup(case_system_detail);
		return PointerGetDatum(trigdata->tg_newtuple);
	}

	for (i = 0; i < CaseOwnedColumns.n; i++)
		if (CaseChanged(row, CaseOwnedColumns.cols[i]))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"%s\" of case " INT64_FORMAT " is maintained by the workflow",
							CaseColNames[CaseOwnedColumns.cols[i]], st.case_id),
					 errhint("Take the step (complaint.accept(), complaint.extend(), ...); the triggers set it.")));
	if (CaseChanged(row, CC_upgraded) && !DatumGetBool(CaseGet(row, CC_upgraded)))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("case " INT64_FORMAT " stays an upgraded complaint", st.case_id),
				 errdetail("A complaint upgraded by a regulator or a superior cannot be downgraded.")));

	if (CaseChanged(row, CC_matter))
		CheckMatter(row);
	if (CaseChanged(row, CC_category) && !CaseIsNull(row, CC_category) &&
		!OrgCategoryExists(CaseText(row, CC_category)))
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("category \"%s\" does not exist", CaseText(row, CC_category)),
				 errhint("Categories are rows of complaint.category.")));

	status_changed = st.from != st.to;
	unit_changed = CaseChanged(row, CC_handler_unit);
	staff_changed = CaseChanged(row, CC_handler_staff);
	ext_step = CaseChanged(row, CC_extension_count);
	feedback_step = CaseChanged(row, CC_satisfaction) || CaseChanged(row, CC_feedback_note);
	reclassify = CaseChanged(row, CC_kind) || CaseChanged(row, CC_channel) ||
		CaseChanged(row, CC_complexity) || CaseChanged(row, CC_imposed_limit);
	for (i = 0; i < CaseEditableColumns.n; i++)
		if (CaseChanged(row, CaseEditableColumns.cols[i]) &&
			!(CaseEditableColumns.cols[i] == CC_handover_note && unit_changed))	/* the transfer's note */
			edited[nedited++] = CaseColNames[CaseEditableColumns.cols[i]];

	if (!StatusIsOpen(st.from) && st.to != ST_REOPENED)
	{
		bool		any = false;

		for (i = 0; i < CC__COUNT && !any; i++)
			any = CaseChanged(row, (CaseCol) i);
		if (!any)
		{
			/* a no-op: nothing to record, but shadow stale steps */
			(void) CaseStepPush(st.case_id);
			return PointerGetDatum(trigdata->tg_newtuple);
		}
		if (status_changed)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("case " INT64_FORMAT " cannot go from %s to %s", st.case_id,
							CaseStatusLabel[st.from], CaseStatusLabel[st.to]),
					 errhint("From %s a case can go to %s.", CaseStatusLabel[st.from], AllowedList(st.from))));
		ReportClosed(&st);
	}

	if (status_changed)
	{
		if (!StatusAllowed(st.from, st.to))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("case " INT64_FORMAT " cannot go from %s to %s", st.case_id,
							CaseStatusLabel[st.from], CaseStatusLabel[st.to]),
					 errhint("From %s a case can go to %s.", CaseStatusLabel[st.from], AllowedList(st.from))));
		nsteps++;
	}

	/* 一次性告知: asked once, whatever the status */
	if (CaseChanged(row, CC_missing_items) && !CaseOldIsNull(row, CC_missing_items))
		ReportRequestedTwice(st.case_id);
	for (i = 0; i < CaseStatusInputCount; i++)
		if (CaseChanged(row, CaseStatusInputs[i].column) &&
			(!status_changed || st.to != CaseStatusInputs[i].status))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"%s\" of case " INT64_FORMAT " changes only with the step to %s",
							CaseColNames[CaseStatusInputs[i].column], st.case_id,
							CaseStatusLabel[CaseStatusInputs[i].status])));
	if (!ext_step && (CaseChanged(row, CC_extension_last) ||
					  CaseChanged(row, CC_extension_approver) ||
					  CaseChanged(row, CC_extension_reason)))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the extension columns of case " INT64_FORMAT " change only with an extension",
						st.case_id),
				 errhint("Use complaint.extend().")));

	if (ext_step)
		nsteps++;
	if (unit_changed)
	{
		/* a case waiting for materials is transferred with its clock stopped */
		if (st.to != ST_TRANSFERRED &&
			!(st.from == ST_WAITING_MATERIALS && st.to == ST_WAITING_MATERIALS))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the handling unit of case " INT64_FORMAT " changes only by a transfer",
							st.case_id),
					 errhint("Use complaint.transfer().")));
		if (!status_changed)
			nsteps++;			/* transferred -> transferred, or waiting */
	}
	else if (status_changed && st.to == ST_TRANSFERRED)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("case " INT64_FORMAT " is already handled by unit \"%s\"", st.case_id,
						CaseText(row, CC_handler_unit)),
				 errhint("A transfer hands the case to another unit.")));
	if (staff_changed && !unit_changed &&
		(!status_changed || (st.to != ST_ACCEPTED && st.to != ST_IN_PROGRESS)))
		nsteps++;				/* an assignment, alone or with accept/start */
	if (feedback_step)
	{
		if (status_changed || st.from != ST_ANSWERED)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("feedback on case " INT64_FORMAT " can be recorded only once it is answered",
							st.case_id),
					 errdetail("Case " INT64_FORMAT " is %s.", st.case_id, CaseStatusLabel[st.from])));
		nsteps++;
	}
	if (reclassify)
		nsteps++;
	if (nsteps > 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("an update of case " INT64_FORMAT " can take only one step", st.case_id),
				 errdetail("A status change, a transfer, an assignment, an extension, feedback and a reclassification are separate steps, each recorded on its own."),
				 errhint("Run one statement per step.")));

	st.step = CaseStepPush(st.case_id);
	st.step->at = st.now;
	st.step->from_status = CaseStatusLabel[st.from];
	st.step->to_status = CaseStatusLabel[st.to];
	JsonObjInit(&st.detail);

	if (status_changed)
		StepStatus(&st);
	if (unit_changed)
	{
		st.step->kind = "transferred";
		StepTransfer(&st, staff_changed);
	}
	else if (staff_changed)
	{
		if (st.step->kind == NULL)
			st.step->kind = "assigned";
		StepAssign(&st);
	}
	if (ext_step)
	{
		st.step->kind = "extended";
		StepExtend(&st);
	}
	if (feedback_step)
	{
		st.step->kind = "feedback";
		if (CaseIsNull(row, CC_satisfaction))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("feedback on case " INT64_FORMAT " needs the complainant's satisfaction",
							st.case_id)));
		CaseSetTimestamp(row, CC_feedback_at, st.now);
		JsonAddText(&st.detail, "satisfaction", CaseEnum(row, CC_satisfaction));
		JsonAddText(&st.detail, "note", CaseText(row, CC_feedback_note));
	}
	if (reclassify)
	{
		st.step->kind = "reclassified";
		StepReclassify(&st);
	}
	if (nedited > 0)
	{
		if (st.step->kind == NULL)
			st.step->kind = "edited";
		JsonAddStrings(&st.detail, "edited", edited, nedited);
		if (CaseChanged(row, CC_upgraded))
			JsonAddBool(&st.detail, "upgraded", true);
	}
	st.step->detail = CaseStepStrdup(JsonObjFinish(&st.detail));

	return PointerGetDatum(CaseRowForm(row, trigdata->tg_newtuple));
}

/* ----------------------------------------------------------------------
 * System updates
 * ----------------------------------------------------------------------
 */

void
CaseSystemUpdateBegin(const char *detail)
{
	case_system_detail = detail;
}

void
CaseSystemUpdateEnd(void)
{
	case_system_detail = NULL;
}
