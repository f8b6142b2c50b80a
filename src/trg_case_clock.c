/*-------------------------------------------------------------------------
 *
 * src/trg_case_clock.c
 *	  The steps of an update of complaint.cases that move the case's
 *	  clock, called by the update guard (trg_case_guard.c, trg_case_steps.c):
 *	  the one-time notice of missing materials stops it, their arrival
 *	  moves its origin by the time paused, an approved extension moves the
 *	  deadline within the rule's caps, and a transfer to a unit on another
 *	  calendar re-bases it on the new calendar.  Deadlines are computed by
 *	  case_clock.c; the steps keep the columns and the event's detail.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "case_clock.h"
#include "case_context.h"
#include "case_row.h"
#include "case_rules.h"
#include "json_util.h"
#include "timelimit.h"
#include "trg_case_clock.h"
#include "trg_case_steps.h"

/* CaseCalendar --- the compiled calendar of the case */
const CompiledCalendar *
CaseCalendar(CaseRow *row)
{
	return CalendarLookup(CaseText(row, CC_calendar));
}

/* RecomputeDeadlines --- deadline and original deadline from the clock */
void
RecomputeDeadlines(CaseRow *row, const CompiledCalendar *cal)
{
	TimestampTz from = DatumGetTimestampTz(CaseGet(row, CC_clock_from));
	const TimeLimit *lim = CaseLimit(row, CC_clock_limit);
	const TimeLimit *ext = CaseLimit(row, CC_extended_by);

	CaseSetTimestamp(row, CC_deadline, ClockDeadline(cal, from, lim, ext));
	CaseSetTimestamp(row, CC_original_deadline, ClockDeadline(cal, from, lim, NULL));
}

/*
 * TransferClock --- the clock follows the handling unit: on a new
 * calendar the time used so far stays fixed and the rest counts on the
 * new unit's calendar (ClockMove, the rule of a calendar change), as of
 * now or of the pause while the case waits for materials.  The acceptance
 * clock of a case not yet accepted moves the same way.  The event records
 * both calendars, and both deadlines when they differ.
 */
void
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

/* StepPause --- one-time notice of the missing materials; the clock stops */
void
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
void
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
void
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

