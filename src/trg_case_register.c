/*-------------------------------------------------------------------------
 *
 * src/trg_case_register.c
 *	  complaint.case_register(), the BEFORE INSERT FOR EACH ROW trigger of
 *	  complaint.cases: a new case is registered by the acting staff member,
 *	  who becomes its first responder (首问负责制); the workflow fills in
 *	  the handling unit (routing), the handler, the calendar, the time
 *	  limit rule, the deadline and the acceptance due, links a repeat
 *	  complaint, and leaves the "registered" step (case_step.h) for the
 *	  AFTER trigger (trg_case.c) to write.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "case_clock.h"
#include "case_context.h"
#include "case_row.h"
#include "case_rules.h"
#include "case_step.h"
#include "clock_lock.h"
#include "complaint.h"
#include "deadline.h"
#include "json_util.h"
#include "orgcache.h"
#include "spi_util.h"
#include "staff.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_case_register);

/* where the trigger belongs (trigger_check.h) */
static const TriggerSpec register_spec = {
	"complaint.case_register()", TRIGGER_BEFORE, TRG_EV_INSERT, 0, TriggerCasesTable
};

/*
 * complaint_case_register --- BEFORE INSERT: the first responder is the
 * acting staff member; routing, calendar, rule and deadline are filled in.
 */
Datum
complaint_case_register(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = TriggerCheck(fcinfo, &register_spec);
	Relation	rel = trigdata->tg_relation;
	Oid			roleid = GetUserId();
	TimestampTz now = ComplaintNow();
	CaseRow		row;
	int64		case_id;
	TimestampTz received;
	SpiSession	session;
	StaffInfo	who;
	UnitQuery	q;
	UnitContext ctx;
	const char *given_fr;
	const char *given_staff;
	const char *staff;
	const TimeLimit *imposed;
	const TimeLimit *limit;
	const CompiledCalendar *cal;
	TimestampTz deadline;
	bool		upgraded;
	const char *channel;
	const char *contact;
	int64		given_repeat;
	int64		repeat_of = 0;
	bool		repeat_given_found = false;
	CaseStep   *step;
	JsonObj		d;
	int			i;

	CaseRowInit(&row, rel, NULL, trigdata->tg_trigtuple);
	CheckNotNull(&row, &CaseRefusedNullOnInsert, true);
	case_id = DatumGetInt64(CaseGet(&row, CC_id));

	if (strcmp(CaseEnum(&row, CC_status), "registered") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("a new case must have status registered, not %s",
						CaseEnum(&row, CC_status)),
				 errhint("Register the case first; the later steps are updates.")));
	for (i = 0; i < CaseInsertUnsetColumns.n; i++)
		if (!CaseIsNull(&row, CaseInsertUnsetColumns.cols[i]))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"%s\" of a new case is set by the workflow",
							CaseColNames[CaseInsertUnsetColumns.cols[i]]),
					 errhint("Leave it out of the INSERT; the step functions set it.")));
	if (DatumGetInt32(CaseGet(&row, CC_extension_count)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("column \"extension_count\" of a new case is set by the workflow"),
				 errhint("Leave it out of the INSERT; complaint.extend() counts extensions.")));
	if (DatumGetInt32(CaseGet(&row, CC_reopen_count)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("column \"reopen_count\" of a new case is set by the workflow"),
				 errhint("Leave it out of the INSERT; complaint.reopen() counts reopenings.")));
	{
		Interval   *paused = DatumGetIntervalP(CaseGet(&row, CC_paused_total));

		if (paused->time != 0 || paused->day != 0 || paused->month != 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"paused_total\" of a new case is set by the workflow"),
					 errhint("Leave it out of the INSERT; the clock counts the time waiting for materials.")));
	}

	CheckMatter(&row);
	if (CaseIsNull(&row, CC_received_at))
		CaseSetTimestamp(&row, CC_received_at, now);
	received = DatumGetTimestampTz(CaseGet(&row, CC_received_at));
	if (received > now)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a case cannot be received in the future"),
				 errdetail("received_at is %s, now is %s.", TimeText(received), TimeText(now))));

	given_fr = CaseText(&row, CC_first_responder);
	given_staff = CaseText(&row, CC_handler_staff);
	channel = CaseEnum(&row, CC_channel);
	contact = CaseText(&row, CC_complainant_contact);
	given_repeat = CaseIsNull(&row, CC_repeat_of) ? 0 : DatumGetInt64(CaseGet(&row, CC_repeat_of));

	ClockLockAcquire(rel, CLOCK_LOCK_REGISTER);	/* before the rules and calendars */
	OrgCacheBegin();
	StaffActing(roleid, false, &who);

	memset(&q, 0, sizeof(q));
	q.actor_unit = who.unit_code;
	q.unit = CaseText(&row, CC_handler_unit);
	q.category = CaseText(&row, CC_category);
	q.region = CaseText(&row, CC_region);
	q.kind = CaseEnum(&row, CC_kind);
	q.channel = channel;
	q.complexity = CaseEnum(&row, CC_complexity);
	q.calendar = CaseText(&row, CC_calendar);
	q.rule_id = CaseIsNull(&row, CC_rule_id) ? 0 : DatumGetInt64(CaseGet(&row, CC_rule_id));
	q.staff = given_staff;
	q.want_repeat = contact != NULL && complaint_repeat_window > 0;
	UnitContextLookup(&q, &ctx);

	if (given_fr != NULL && strcmp(given_fr, who.code) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("a case is registered by the acting staff member, who becomes its first responder"),
				 errdetail("first_responder is \"%s\", but the acting staff member is \"%s\".",
						   given_fr, who.code),
				 errhint("Leave first_responder out of the INSERT, or SET complaint.staff to the person registering.")));
	if (!ctx.unit_found)
		ReportUnknownUnit(ctx.unit);
	if (!ctx.category_found)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("category \"%s\" does not exist", q.category),
				 errhint("Categories are rows of complaint.category.")));
	if (!ctx.calendar_found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%s\" does not exist", ctx.calendar),
				 errhint("Calendars are rows of complaint.calendar; the built-in one is \"CN\".")));
	if (q.rule_id != 0 && (!ctx.rule_found || strcmp(ctx.rule_matter, "answer") != 0))
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("time limit rule " INT64_FORMAT " does not apply to cases", q.rule_id),
				 errdetail("A case's rule must exist, be enabled and have matter \"answer\".")));
	if (!ctx.rule_found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no time limit rule applies to the case"),
				 errdetail("No enabled rule of matter \"answer\" matches kind %s, channel %s and unit \"%s\".",
						   q.kind, channel, ctx.unit),
				 errhint("Add a rule to complaint.time_limit_rule, or enable the preset \"general complaint (default)\".")));

	/*
	 * repeat complaints: the only lookup that reads complaint.cases; the
	 * window is the rule "repeat" on the handling unit's calendar
	 */
	if (ctx.repeat.found || given_repeat != 0)
	{
		const TimeLimit *window = ctx.repeat.found ? &ctx.repeat.lim : NULL;
		const CompiledCalendar *wcal = window != NULL ? CalendarLookup(ctx.calendar) : NULL;

		SpiBegin(&session, rel->rd_rel->relowner);
		repeat_of = RepeatLookup(contact, q.category, received, window, wcal,
								 given_repeat, &repeat_given_found);
		SpiEnd(&session);
	}

	if (given_repeat != 0 && !repeat_given_found)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("case " INT64_FORMAT " does not exist", given_repeat),
				 errdetail("repeat_of must name an earlier case.")));

	/* the handler: given, else the first responder when the case is theirs */
	staff = given_staff;
	if (staff != NULL)
		CheckHandlerStaff(staff, ctx.staff_found, ctx.staff_active, ctx.staff_unit, ctx.unit);
	else if (strcmp(ctx.unit, who.unit_code) == 0)
		staff = who.code;

	imposed = CaseLimit(&row, CC_imposed_limit);
	limit = imposed != NULL ? imposed : &ctx.rule_lim;
	cal = CalendarLookup(ctx.calendar);
	deadline = ClockDeadline(cal, received, limit, NULL);

	upgraded = DatumGetBool(CaseGet(&row, CC_upgraded)) ||
		strcmp(channel, "superior") == 0 || strcmp(channel, "regulator") == 0;

	CaseSetEnum(&row, CC_status, "registered");
	CaseSetText(&row, CC_first_responder, who.code);
	CaseSetText(&row, CC_handler_unit, ctx.unit);
	CaseSetText(&row, CC_handler_staff, staff);
	CaseSetText(&row, CC_calendar, ctx.calendar);
	CaseSet(&row, CC_rule_id, Int64GetDatum(ctx.rule_id));
	CaseSetEnum(&row, CC_clock_start, ctx.counts_from);
	CaseSetTimestamp(&row, CC_clock_from, received);
	CaseSetLimit(&row, CC_clock_limit, limit);
	CaseSetTimestamp(&row, CC_deadline, deadline);
	CaseSetTimestamp(&row, CC_original_deadline, deadline);
	if (ctx.acceptance.found)
	{
		CaseSetTimestamp(&row, CC_acceptance_due,
						 DeadlineOnCalendar(cal, received, &ctx.acceptance.lim));
		CaseSetTimestamp(&row, CC_acceptance_from, received);
		CaseSetLimit(&row, CC_acceptance_limit, &ctx.acceptance.lim);
		CaseSet(&row, CC_acceptance_rule_id, Int64GetDatum(ctx.acceptance.rule_id));
	}
	CaseSet(&row, CC_paused_total, DirectFunctionCall3(interval_in, CStringGetDatum("0"),
													   ObjectIdGetDatum(InvalidOid),
													   Int32GetDatum(-1)));
	CaseSet(&row, CC_extension_count, Int32GetDatum(0));
	CaseSet(&row, CC_reopen_count, Int32GetDatum(0));
	CaseSet(&row, CC_upgraded, BoolGetDatum(upgraded));
	if (given_repeat == 0 && repeat_of != 0)
		CaseSet(&row, CC_repeat_of, Int64GetDatum(repeat_of));

	step = CaseStepPush(case_id);
	step->resp = STEP_RESP_REGISTER;
	step->kind = "registered";
	step->to_status = "registered";
	step->at = now;
	step->actor = CaseStepStrdup(who.code);
	step->first_responder = step->actor;
	step->fr_unit = CaseStepStrdup(who.unit_code);
	step->received_at = received;
	step->unit = CaseStepStrdup(ctx.unit);
	step->staff = CaseStepStrdup(staff);
	if (staff == NULL)
		InterfaceDues(step, &ctx, now);
	step->repeat_of = given_repeat != 0 ? given_repeat : repeat_of;

	JsonObjInit(&d);
	JsonAddText(&d, "handler_unit", ctx.unit);
	JsonAddText(&d, "handler_staff", staff);
	JsonAddBool(&d, "routed", ctx.routed);
	JsonAddInt(&d, "rule_id", ctx.rule_id);
	JsonAddText(&d, "rule", ctx.rule_name);
	JsonAddLimit(&d, "limit", limit);
	if (imposed != NULL)
		JsonAddBool(&d, "imposed", true);
	JsonAddText(&d, "calendar", ctx.calendar);
	JsonAddTimestamp(&d, "deadline", deadline);
	if (step->interface_staff != NULL)
	{
		JsonAddText(&d, "interface", step->interface_staff);
		if (step->has_handover_due)
			JsonAddTimestamp(&d, "handover_due", step->handover_due);
	}
	if (step->repeat_of != 0)
		JsonAddInt(&d, "repeat_of", step->repeat_of);
	if (upgraded)
		JsonAddBool(&d, "upgraded", true);
	step->detail = CaseStepStrdup(JsonObjFinish(&d));

	return PointerGetDatum(CaseRowForm(&row, trigdata->tg_trigtuple));
}
