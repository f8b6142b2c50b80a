/*-------------------------------------------------------------------------
 *
 * src/trg_case.c
 *	  The workflow triggers of complaint.cases: first-responder
 *	  registration, immutability, lifecycle transitions and the steps'
 *	  history.  Whatever an application writes to complaint.cases goes
 *	  through these rules; the step functions (complaint.accept(), ...) are
 *	  only conveniences over plain UPDATEs.
 *
 *	  complaint.case_register()	BEFORE INSERT FOR EACH ROW (trg_case_register.c)
 *	  complaint.case_guard()	BEFORE UPDATE FOR EACH ROW
 *	  complaint.case_history()	AFTER INSERT OR UPDATE FOR EACH ROW
 *
 *	  The BEFORE triggers validate the step, fill the columns the workflow
 *	  owns and leave a CaseStep (case_step.h) for the AFTER trigger, which
 *	  writes complaint.responsibility and complaint.event in the same
 *	  statement.  Any error aborts the statement: nothing is half-written.
 *
 *	  The rules both BEFORE triggers share (statuses, column classes,
 *	  common checks) are case_rules.c's.
 *
 * State: case_system_detail, set by CaseSystemUpdateBegin() while the
 * extension itself rewrites clock columns (re-projection, reproject.c);
 * reset by CaseSystemUpdateEnd() in PG_FINALLY.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "case_clock.h"
#include "case_context.h"
#include "case_row.h"
#include "case_rules.h"
#include "case_step.h"
#include "complaint.h"
#include "deadline.h"
#include "json_util.h"
#include "orgcache.h"
#include "trg_case.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_case_guard);
PG_FUNCTION_INFO_V1(complaint_case_history);
PG_FUNCTION_INFO_V1(complaint_clock_now);

static const char *case_system_detail = NULL;

/* ----------------------------------------------------------------------
 * Small helpers
 * ----------------------------------------------------------------------
 */

/* where each trigger of this file belongs (trigger_check.h) */
static const TriggerSpec guard_spec = {
	"complaint.case_guard()", TRIGGER_BEFORE, TRG_EV_UPDATE, 0, TriggerCasesTable
};
static const TriggerSpec history_spec = {
	"complaint.case_history()", TRIGGER_AFTER, TRG_EV_INSERT | TRG_EV_UPDATE, 0, TriggerCasesTable
};

/* CaseCalendar --- the compiled calendar of the case */
static const CompiledCalendar *
CaseCalendar(CaseRow *row)
{
	return CalendarLookup(CaseText(row, CC_calendar));
}

/* RecomputeDeadlines --- deadline and original deadline from the clock */
static void
RecomputeDeadlines(CaseRow *row, const CompiledCalendar *cal)
{
	TimestampTz from = DatumGetTimestampTz(CaseGet(row, CC_clock_from));
	const TimeLimit *lim = CaseLimit(row, CC_clock_limit);
	const TimeLimit *ext = CaseLimit(row, CC_extended_by);

	CaseSetTimestamp(row, CC_deadline, ClockDeadline(cal, from, lim, ext));
	CaseSetTimestamp(row, CC_original_deadline, ClockDeadline(cal, from, lim, NULL));
}

/* ----------------------------------------------------------------------
 * Steps (BEFORE UPDATE)
 * ----------------------------------------------------------------------
 */

/* an update in progress */
typedef struct StepState
{
	CaseRow		row;
	Relation	rel;
	int64		case_id;
	TimestampTz now;
	CaseStatus	from;
	CaseStatus	to;
	CaseStep   *step;
	JsonObj		detail;
} StepState;

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
 * TransferClock --- the clock follows the handling unit: on a new
 * calendar the time used so far stays fixed and the rest counts on the
 * new unit's calendar (ClockMove, the rule of a calendar change), as of
 * now or of the pause while the case waits for materials.  The acceptance
 * clock of a case not yet accepted moves the same way.  The event records
 * both calendars, and both deadlines when they differ.
 */
static void
TransferClock(StepState *st, const char *calendar)
{
	CaseRow    *row = &st->row;
	const char *before = CaseOldText(row, CC_calendar);
	const CompiledCalendar *old_cal;
	const CompiledCalendar *new_cal;
	const TimeLimit *lim = CaseLimit(row, CC_clock_limit);
	TimestampTz deadline_before = DatumGetTimestampTz(CaseGet(row, CC_deadline));
	TimestampTz at = CaseIsNull(row, CC_paused_at) ? st->now
		: DatumGetTimestampTz(CaseGet(row, CC_paused_at));
	TimestampTz from;

	JsonAddText(&st->detail, "calendar_before", before);
	JsonAddText(&st->detail, "calendar", calendar);
	if (strcmp(before, calendar) == 0)
		return;

	old_cal = CalendarLookup(before);
	new_cal = CalendarLookup(calendar);
	CaseSetText(row, CC_calendar, calendar);
	from = ClockMove(old_cal, new_cal, DatumGetTimestampTz(CaseGet(row, CC_clock_from)),
					 lim->unit, at);
	CaseSetTimestamp(row, CC_clock_from, from);
	RecomputeDeadlines(row, new_cal);
	JsonAddTimestamp(&st->detail, "deadline_before", deadline_before);
	JsonAddTimestamp(&st->detail, "deadline", DatumGetTimestampTz(CaseGet(row, CC_deadline)));

	if (st->from == ST_REGISTERED && !CaseIsNull(row, CC_acceptance_from))
	{
		const TimeLimit *acc = CaseLimit(row, CC_acceptance_limit);
		TimestampTz due_before = DatumGetTimestampTz(CaseGet(row, CC_acceptance_due));
		TimestampTz acc_from = ClockMove(old_cal, new_cal,
										 DatumGetTimestampTz(CaseGet(row, CC_acceptance_from)),
										 acc->unit, st->now);

		CaseSetTimestamp(row, CC_acceptance_from, acc_from);
		CaseSetTimestamp(row, CC_acceptance_due, ClockDeadline(new_cal, acc_from, acc, NULL));
		JsonAddTimestamp(&st->detail, "acceptance_due_before", due_before);
		JsonAddTimestamp(&st->detail, "acceptance_due",
						 DatumGetTimestampTz(CaseGet(row, CC_acceptance_due)));
	}
}

/* StepTransfer --- to another unit; the first responder stays accountable */
static void
StepTransfer(StepState *st, bool staff_given)
{
	CaseRow    *row = &st->row;
	const char *from_unit = CaseOldText(row, CC_handler_unit);
	const char *unit = CaseText(row, CC_handler_unit);
	const char *staff = staff_given ? CaseText(row, CC_handler_staff) : NULL;
	UnitQuery	q;
	UnitContext ctx;

	if (strcmp(from_unit, unit) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("case " INT64_FORMAT " is already handled by unit \"%s\"", st->case_id, unit),
				 errhint("A transfer hands the case to another unit; use complaint.assign() within the unit.")));
	if (!staff_given)
		CaseSetNull(row, CC_handler_staff);

	memset(&q, 0, sizeof(q));
	q.unit = unit;
	q.category = CaseText(row, CC_category);
	q.kind = CaseEnum(row, CC_kind);
	q.channel = CaseEnum(row, CC_channel);
	q.complexity = CaseEnum(row, CC_complexity);
	q.staff = staff;
	UnitContextLookup(&q, &ctx);

	if (!ctx.unit_found)
		ReportUnknownUnit(unit);
	if (staff != NULL)
		CheckHandlerStaff(staff, ctx.staff_found, ctx.staff_active, ctx.staff_unit, unit);

	st->step->resp = STEP_RESP_TRANSFER;
	st->step->unit = CaseStepStrdup(unit);
	st->step->staff = CaseStepStrdup(staff);
	if (ctx.transfer.found)
	{
		st->step->has_handler_due = true;
		st->step->handler_due = DeadlineOnCalendar(CalendarLookup(ctx.calendar), st->now,
												   &ctx.transfer.lim);
	}
	if (staff == NULL)
		InterfaceDues(st->step, &ctx, st->now);

	JsonAddText(&st->detail, "from_unit", from_unit);
	JsonAddText(&st->detail, "to_unit", unit);
	JsonAddText(&st->detail, "to_staff", staff);
	TransferClock(st, ctx.calendar);
	if (!CaseIsNull(row, CC_handover_note))
		JsonAddText(&st->detail, "note", CaseText(row, CC_handover_note));
	if (st->step->interface_staff != NULL)
	{
		JsonAddText(&st->detail, "interface", st->step->interface_staff);
		if (st->step->has_handover_due)
			JsonAddTimestamp(&st->detail, "handover_due", st->step->handover_due);
	}
	if (st->step->has_handler_due)
		JsonAddTimestamp(&st->detail, "unit_due", st->step->handler_due);
}

/* StepAssign --- a person of the handling unit takes the case */
static void
StepAssign(StepState *st)
{
	CaseRow    *row = &st->row;
	const char *unit = CaseText(row, CC_handler_unit);
	const char *staff = CaseText(row, CC_handler_staff);

	if (staff != NULL)
	{
		StaffCheck	check;

		StaffCheckLookup(staff, unit, &check);
		CheckHandlerStaff(staff, check.found, check.active, check.unit, unit);
	}
	st->step->resp = STEP_RESP_ASSIGN;
	st->step->unit = CaseStepStrdup(unit);
	st->step->staff = CaseStepStrdup(staff);
	JsonAddText(&st->detail, "from_staff", CaseOldText(row, CC_handler_staff));
	JsonAddText(&st->detail, "to_staff", staff);
}

/* StepPause --- one-time notice of the missing materials; the clock stops */
static void
StepPause(StepState *st)
{
	CaseRow    *row = &st->row;

	if (!CaseOldIsNull(row, CC_missing_items))
		ReportRequestedTwice(st->case_id);
	CheckItemList(row, CC_missing_items, st->case_id, "missing materials", false);
	CaseSetTimestamp(row, CC_paused_at, st->now);
	JsonAddTextArray(&st->detail, "items", CaseGet(row, CC_missing_items));
	JsonAddTimestamp(&st->detail, "deadline", DatumGetTimestampTz(CaseGet(row, CC_deadline)));
}

/* StepResume --- the materials arrived: the deadline moves by the time paused */
static void
StepResume(StepState *st)
{
	CaseRow    *row = &st->row;
	const CompiledCalendar *cal = CaseCalendar(row);
	TimestampTz paused = DatumGetTimestampTz(CaseGet(row, CC_paused_at));
	TimestampTz before = DatumGetTimestampTz(CaseGet(row, CC_deadline));
	TimestampTz from = DatumGetTimestampTz(CaseGet(row, CC_clock_from));
	const TimeLimit *lim = CaseLimit(row, CC_clock_limit);
	Interval   *span;
	Datum		total;

	from = ClockShift(cal, from, lim->unit, paused, st->now);
	CaseSetTimestamp(row, CC_clock_from, from);
	RecomputeDeadlines(row, cal);
	span = DatumGetIntervalP(DirectFunctionCall2(timestamp_mi,
												 TimestampTzGetDatum(st->now),
												 TimestampTzGetDatum(paused)));
	total = DirectFunctionCall2(interval_pl, CaseGet(row, CC_paused_total),
								IntervalPGetDatum(span));
	CaseSet(row, CC_paused_total, total);
	CaseSetNull(row, CC_paused_at);

	JsonAddTimestamp(&st->detail, "paused_at", paused);
	JsonAddText(&st->detail, "paused_for",
				DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(span))));
	JsonAddTimestamp(&st->detail, "deadline_before", before);
	JsonAddTimestamp(&st->detail, "deadline", DatumGetTimestampTz(CaseGet(row, CC_deadline)));
}

/* StepExtend --- an approved extension, capped by the rule */
static void
StepExtend(StepState *st)
{
	CaseRow    *row = &st->row;
	const TimeLimit *by = CaseLimit(row, CC_extension_last);
	const TimeLimit *done = CaseLimit(row, CC_extended_by);
	const TimeLimit *lim = CaseLimit(row, CC_clock_limit);
	const char *approver = CaseText(row, CC_extension_approver);
	const char *reason = CaseText(row, CC_extension_reason);
	const char *unit = CaseText(row, CC_handler_unit);
	TimestampTz before = DatumGetTimestampTz(CaseGet(row, CC_deadline));
	int32		old_count = DatumGetInt32(CaseGetOld(row, CC_extension_count));
	int32		new_count = DatumGetInt32(CaseGet(row, CC_extension_count));
	RuleCaps	caps;
	StaffCheck	check;
	TimeLimit	total;

	if (new_count != old_count + 1)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("extension_count of case " INT64_FORMAT " goes up by one per extension", st->case_id),
				 errhint("Use complaint.extend().")));
	if (by == NULL || by->amount <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an extension of case " INT64_FORMAT " must be a positive time limit", st->case_id)));
	if (approver == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an extension of case " INT64_FORMAT " needs an approver", st->case_id),
				 errhint("Extensions are approved by a leader of the handling unit (经领导批准).")));
	if (IsBlank(reason))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an extension of case " INT64_FORMAT " needs a reason", st->case_id),
				 errhint("The complainant is told why the case takes longer (告知延期理由).")));

	RuleCapsLookup(DatumGetInt64(CaseGet(row, CC_rule_id)), &caps);
	StaffCheckLookup(approver, unit, &check);

	if (!check.found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("staff member \"%s\" does not exist", approver),
				 errhint("Staff members are rows of complaint.staff.")));
	if (!check.active)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("staff member \"%s\" is inactive", approver)));
	if (!check.leads_unit)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("staff member \"%s\" may not approve extensions of case " INT64_FORMAT,
						approver, st->case_id),
				 errdetail("Extensions are approved by the head or the supervising leader of unit \"%s\" or of a unit above it.",
						   unit)));
	if (!caps.found || !caps.extension_cap.found)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the time limit of case " INT64_FORMAT " cannot be extended", st->case_id),
				 errdetail("Rule \"%s\" has no extension cap.", caps.found ? caps.name : "?"),
				 errhint("Only limits whose rule sets extension_cap can be extended.")));
	if (by->unit != caps.extension_cap.lim.unit ||
		(done != NULL && done->unit != by->unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an extension of case " INT64_FORMAT " must be counted in %s",
						st->case_id, TimeLimitUnitName(caps.extension_cap.lim.unit)),
				 errdetail("The extension cap of rule \"%s\" is %s.", caps.name,
						   TimeLimitToString(&caps.extension_cap.lim))));
	total = done != NULL ? TimeLimitSum(done, by) : *by;
	if (TimeLimitCmp(&total, &caps.extension_cap.lim) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the extension of case " INT64_FORMAT " exceeds the cap of rule \"%s\"",
						st->case_id, caps.name),
				 errdetail("The rule allows at most %s of extension in all; %s.",
						   TimeLimitToString(&caps.extension_cap.lim),
						   done != NULL
						   ? psprintf("%s %s already granted", TimeLimitToString(done),
									  done->amount == 1 ? "was" : "were")
						   : "none was granted yet")));
	if (caps.total_cap.found && caps.total_cap.lim.unit == total.unit &&
		lim->unit == total.unit)
	{
		TimeLimit	all = TimeLimitSum(lim, &total);

		if (TimeLimitCmp(&all, &caps.total_cap.lim) > 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the time limit of case " INT64_FORMAT " would exceed %s in all",
							st->case_id, TimeLimitToString(&caps.total_cap.lim)),
					 errdetail("Limit %s plus extensions of %s make %s; rule \"%s\" allows %s.",
							   TimeLimitToString(lim), TimeLimitToString(&total),
							   TimeLimitToString(&all), caps.name,
							   TimeLimitToString(&caps.total_cap.lim))));
	}

	CaseSetLimit(row, CC_extended_by, &total);
	CaseSetTimestamp(row, CC_deadline,
					 ClockDeadline(CaseCalendar(row),
								   DatumGetTimestampTz(CaseGet(row, CC_clock_from)), lim, &total));

	/*
	 * An overall cap in another unit than the limit or the extensions is a
	 * window of its own: the extended deadline may not end after the cap
	 * counted from the same origin by the same rules.
	 */
	if (caps.total_cap.found &&
		(caps.total_cap.lim.unit != total.unit || lim->unit != total.unit))
	{
		TimestampTz cap_end = ClockDeadline(CaseCalendar(row),
											DatumGetTimestampTz(CaseGet(row, CC_clock_from)),
											&caps.total_cap.lim, NULL);

		if (DatumGetTimestampTz(CaseGet(row, CC_deadline)) > cap_end)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the time limit of case " INT64_FORMAT " would exceed %s in all",
							st->case_id, TimeLimitToString(&caps.total_cap.lim)),
					 errdetail("Limit %s plus extensions of %s end at %s; rule \"%s\" allows until %s.",
							   TimeLimitToString(lim), TimeLimitToString(&total),
							   TimeText(DatumGetTimestampTz(CaseGet(row, CC_deadline))),
							   caps.name, TimeText(cap_end))));
	}

	JsonAddLimit(&st->detail, "by", by);
	JsonAddLimit(&st->detail, "total", &total);
	JsonAddText(&st->detail, "approver", approver);
	JsonAddText(&st->detail, "reason", reason);
	JsonAddTimestamp(&st->detail, "deadline_before", before);
	JsonAddTimestamp(&st->detail, "deadline", DatumGetTimestampTz(CaseGet(row, CC_deadline)));
	JsonAddTimestamp(&st->detail, "original_deadline",
					 DatumGetTimestampTz(CaseGet(row, CC_original_deadline)));
}

/* StepReclassify --- kind, channel, complexity or imposed limit changed */
static void
StepReclassify(StepState *st)
{
	CaseRow    *row = &st->row;
	const TimeLimit *imposed = CaseLimit(row, CC_imposed_limit);
	TimestampTz before = DatumGetTimestampTz(CaseGet(row, CC_deadline));
	int64		old_rule = DatumGetInt64(CaseGet(row, CC_rule_id));
	UnitQuery	q;
	UnitContext ctx;
	static const CaseCol cols[] = {CC_kind, CC_channel, CC_complexity, CC_imposed_limit};
	const char *names[4];
	int			n = 0;
	int			i;

	memset(&q, 0, sizeof(q));
	q.unit = CaseText(row, CC_handler_unit);
	q.category = CaseText(row, CC_category);
	q.kind = CaseEnum(row, CC_kind);
	q.channel = CaseEnum(row, CC_channel);
	q.complexity = CaseEnum(row, CC_complexity);
	UnitContextLookup(&q, &ctx);
	if (!ctx.rule_found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no time limit rule applies to case " INT64_FORMAT " as reclassified", st->case_id),
				 errhint("Add a rule to complaint.time_limit_rule.")));

	CaseSet(row, CC_rule_id, Int64GetDatum(ctx.rule_id));
	CaseSetLimit(row, CC_clock_limit, imposed != NULL ? imposed : &ctx.rule_lim);

	/*
	 * The extensions granted so far stay granted, in their own unit (the
	 * unit of the cap they were granted under): counted with the new limit
	 * when it has the same unit, else from the end of the new unextended
	 * deadline (ClockDeadline), as they were before when the units differed.
	 */
	RecomputeDeadlines(row, CaseCalendar(row));

	for (i = 0; i < (int) lengthof(cols); i++)
		if (CaseChanged(row, cols[i]))
			names[n++] = CaseColNames[cols[i]];
	JsonAddStrings(&st->detail, "changed", names, n);
	JsonAddInt(&st->detail, "rule_id_before", old_rule);
	JsonAddInt(&st->detail, "rule_id", ctx.rule_id);
	JsonAddText(&st->detail, "rule", ctx.rule_name);
	JsonAddLimit(&st->detail, "limit", CaseLimit(row, CC_clock_limit));
	JsonAddTimestamp(&st->detail, "deadline_before", before);
	JsonAddTimestamp(&st->detail, "deadline", DatumGetTimestampTz(CaseGet(row, CC_deadline)));
}

/* StepStatus --- the status transition itself */
static void
StepStatus(StepState *st)
{
	CaseRow    *row = &st->row;
	TimestampTz now = st->now;

	switch (st->to)
	{
		case ST_ACCEPTED:
			st->step->kind = "accepted";
			CaseSetTimestamp(row, CC_accepted_at, now);
			if (strcmp(CaseEnum(row, CC_clock_start), "acceptance") == 0)
			{
				CaseSetTimestamp(row, CC_clock_from, now);
				RecomputeDeadlines(row, CaseCalendar(row));
				JsonAddTimestamp(&st->detail, "deadline",
								 DatumGetTimestampTz(CaseGet(row, CC_deadline)));
			}
			break;
		case ST_TRANSFERRED:
			st->step->kind = "transferred";
			break;				/* StepTransfer does the work */
		case ST_IN_PROGRESS:
			if (st->from == ST_WAITING_MATERIALS)
			{
				st->step->kind = "materials_received";
				StepResume(st);
			}
			else
			{
				st->step->kind = "started";
				if (CaseIsNull(row, CC_started_at))
					CaseSetTimestamp(row, CC_started_at, now);
				JsonAddText(&st->detail, "handler_staff", CaseText(row, CC_handler_staff));
			}
			break;
		case ST_WAITING_MATERIALS:
			st->step->kind = "materials_requested";
			StepPause(st);
			break;
		case ST_ANSWERED:
			st->step->kind = "answered";
			if (IsBlank(CaseText(row, CC_answer)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the answer to case " INT64_FORMAT " is empty", st->case_id),
						 errhint("Give the answer's text with complaint.answer().")));
			CaseSetTimestamp(row, CC_answered_at, now);
			/* a new answer needs new feedback */
			CaseSetNull(row, CC_satisfaction);
			CaseSetNull(row, CC_feedback_note);
			CaseSetNull(row, CC_feedback_at);
			JsonAddText(&st->detail, "answer", CaseText(row, CC_answer));
			JsonAddBool(&st->detail, "in_time",
						now <= DatumGetTimestampTz(CaseGet(row, CC_deadline)));
			break;
		case ST_CLOSED:
			st->step->kind = "closed";
			if (CaseIsNull(row, CC_feedback_at) || CaseIsNull(row, CC_satisfaction))
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("case " INT64_FORMAT " cannot be closed before the complainant's feedback is recorded",
								st->case_id),
						 errdetail("A case is closed only after the answer was fed back to the complainant and their satisfaction recorded."),
						 errhint("Record it with complaint.record_feedback().")));
			CaseSetTimestamp(row, CC_closed_at, now);
			st->step->resp = STEP_RESP_CLOSE_ALL;
			JsonAddText(&st->detail, "satisfaction", CaseEnum(row, CC_satisfaction));
			break;
		case ST_REFERRED_OUT:
			st->step->kind = "referred_out";
			if (IsBlank(CaseText(row, CC_referred_to)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("a referral of case " INT64_FORMAT " must name the competent authority",
								st->case_id),
						 errhint("一次性告知: tell the complainant which authority is competent and which papers it needs.")));
			CheckItemList(row, CC_referral_papers, st->case_id, "papers required by the competent authority", true);
			CaseSetTimestamp(row, CC_referred_at, now);
			st->step->resp = STEP_RESP_CLOSE_ALL;
			JsonAddText(&st->detail, "authority", CaseText(row, CC_referred_to));
			JsonAddTextArray(&st->detail, "papers", CaseGet(row, CC_referral_papers));
			break;
		case ST_REOPENED:
			st->step->kind = "reopened";
			if (IsBlank(CaseText(row, CC_reopen_reason)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("reopening case " INT64_FORMAT " needs a reason", st->case_id)));
			CaseSetTimestamp(row, CC_reopened_at, now);
			CaseSet(row, CC_reopen_count,
					Int32GetDatum(DatumGetInt32(CaseGet(row, CC_reopen_count)) + 1));
			/* a new round: new clock, new answer, new feedback */
			CaseSetTimestamp(row, CC_clock_from, now);
			CaseSetNull(row, CC_extended_by);
			RecomputeDeadlines(row, CaseCalendar(row));
			CaseSetNull(row, CC_answer);
			CaseSetNull(row, CC_answered_at);
			CaseSetNull(row, CC_satisfaction);
			CaseSetNull(row, CC_feedback_note);
			CaseSetNull(row, CC_feedback_at);
			CaseSetNull(row, CC_closed_at);
			CaseSetNull(row, CC_missing_items);
			CaseSetNull(row, CC_paused_at);
			CaseSetNull(row, CC_referred_to);
			CaseSetNull(row, CC_referral_papers);
			CaseSetNull(row, CC_referred_at);
			st->step->resp = STEP_RESP_REOPEN;
			st->step->first_responder = CaseStepStrdup(CaseText(row, CC_first_responder));
			st->step->unit = CaseStepStrdup(CaseText(row, CC_handler_unit));
			st->step->staff = CaseStepStrdup(CaseText(row, CC_handler_staff));
			JsonAddText(&st->detail, "reason", CaseText(row, CC_reopen_reason));
			JsonAddTimestamp(&st->detail, "deadline",
							 DatumGetTimestampTz(CaseGet(row, CC_deadline)));
			break;
		case ST_REGISTERED:
		case ST__COUNT:
			elog(ERROR, "unexpected target status");	/* internal error */
	}
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
	OrgCacheBegin();
	CaseRowInit(row, st.rel, trigdata->tg_trigtuple, trigdata->tg_newtuple);
	CheckNotNull(row, &CaseNotNullColumns, false);
	st.case_id = DatumGetInt64(CaseGetOld(row, CC_id));
	st.now = ComplaintNow();
	st.from = StatusOf(CaseOldEnum(row, CC_status));
	st.to = StatusOf(CaseEnum(row, CC_status));

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
 * System updates and the workflow's clock
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

/* complaint.clock_now() → timestamptz: complaint.now, else now() */
Datum
complaint_clock_now(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(ComplaintNow());
}

