/*-------------------------------------------------------------------------
 *
 * src/trg_case_steps.c
 *	  The steps of an update of complaint.cases that the update guard
 *	  (trg_case_guard.c) has let through: the status transitions (accept,
 *	  start, request materials, answer, close, refer out, reopen), a
 *	  transfer to another unit, an assignment within the unit, and a
 *	  reclassification that looks up the time limit rule again.  The steps
 *	  that move the clock are trg_case_clock.c's.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/timestamp.h"

#include "calendar.h"
#include "case_context.h"
#include "case_row.h"
#include "case_rules.h"
#include "case_step.h"
#include "deadline.h"
#include "json_util.h"
#include "reproject.h"
#include "trg_case_clock.h"
#include "trg_case_steps.h"

/* StepTransfer --- to another unit; the first responder stays accountable */
void
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
void
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

/* StepReclassify --- kind, channel, complexity or imposed limit changed */
void
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
void
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
				if (st->from == ST_ANSWERED)
					ReprojectResumedCase(row, &st->detail);
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
