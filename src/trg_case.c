/*-------------------------------------------------------------------------
 *
 * src/trg_case.c
 *	  The workflow triggers of complaint.cases: first-responder
 *	  registration, immutability, lifecycle transitions and the steps'
 *	  history.  Whatever an application writes to complaint.cases goes
 *	  through these rules; the step functions (complaint.accept(), ...) are
 *	  only conveniences over plain UPDATEs.
 *
 *	  complaint.case_register()	BEFORE INSERT FOR EACH ROW
 *	  complaint.case_guard()	BEFORE UPDATE FOR EACH ROW
 *	  complaint.case_history()	AFTER INSERT OR UPDATE FOR EACH ROW
 *
 *	  The BEFORE triggers validate the step, fill the columns the workflow
 *	  owns and leave a CaseStep (case_step.h) for the AFTER trigger, which
 *	  writes complaint.responsibility and complaint.event in the same
 *	  statement.  Any error aborts the statement: nothing is half-written.
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
#include "case_step.h"
#include "clock_lock.h"
#include "complaint.h"
#include "deadline.h"
#include "json_util.h"
#include "orgcache.h"
#include "reproject.h"
#include "spi_util.h"
#include "staff.h"
#include "trg_case.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_case_register);
PG_FUNCTION_INFO_V1(complaint_case_guard);
PG_FUNCTION_INFO_V1(complaint_case_history);
PG_FUNCTION_INFO_V1(complaint_clock_now);

static const char *case_system_detail = NULL;

/* ----------------------------------------------------------------------
 * Lifecycle (SPEC section 3)
 * ----------------------------------------------------------------------
 */

typedef enum CaseStatus
{
	ST_REGISTERED,
	ST_ACCEPTED,
	ST_TRANSFERRED,
	ST_IN_PROGRESS,
	ST_WAITING_MATERIALS,
	ST_ANSWERED,
	ST_CLOSED,
	ST_REFERRED_OUT,
	ST_REOPENED,
	ST__COUNT
} CaseStatus;

static const char *const status_label[ST__COUNT] = {
	"registered", "accepted", "transferred", "in_progress", "waiting_materials",
	"answered", "closed", "referred_out", "reopened"
};

#define B(s) (1 << (s))

/*
 * allowed[from]: statuses a case may go to.  transferred -> transferred is
 * a further transfer (the status stays, the unit changes).
 */
static const int allowed[ST__COUNT] = {
	[ST_REGISTERED] = B(ST_ACCEPTED) | B(ST_TRANSFERRED) | B(ST_REFERRED_OUT),
	[ST_ACCEPTED] = B(ST_TRANSFERRED) | B(ST_IN_PROGRESS) | B(ST_WAITING_MATERIALS) |
	B(ST_ANSWERED) | B(ST_REFERRED_OUT),
	[ST_TRANSFERRED] = B(ST_TRANSFERRED) | B(ST_IN_PROGRESS) | B(ST_REFERRED_OUT),
	[ST_IN_PROGRESS] = B(ST_TRANSFERRED) | B(ST_WAITING_MATERIALS) | B(ST_ANSWERED) |
	B(ST_REFERRED_OUT),
	[ST_WAITING_MATERIALS] = B(ST_IN_PROGRESS),
	[ST_ANSWERED] = B(ST_IN_PROGRESS) | B(ST_CLOSED),
	[ST_CLOSED] = B(ST_REOPENED),
	[ST_REFERRED_OUT] = B(ST_REOPENED),
	[ST_REOPENED] = B(ST_ACCEPTED) | B(ST_TRANSFERRED) | B(ST_IN_PROGRESS) | B(ST_REFERRED_OUT),
};

/* StatusOf --- CaseStatus of a label */
static CaseStatus
StatusOf(const char *label)
{
	int			i;

	for (i = 0; i < ST__COUNT; i++)
		if (strcmp(status_label[i], label) == 0)
			return (CaseStatus) i;
	elog(ERROR, "unknown case status \"%s\"", label);	/* internal error */
	return ST_REGISTERED;
}

static bool
StatusIsOpen(CaseStatus s)
{
	return s != ST_CLOSED && s != ST_REFERRED_OUT;
}

/* AllowedList --- "accepted, transferred or referred_out" */
static char *
AllowedList(CaseStatus from)
{
	StringInfoData buf;
	int			i;
	int			n = 0;
	int			total = 0;

	for (i = 0; i < ST__COUNT; i++)
		if (allowed[from] & B(i))
			total++;
	initStringInfo(&buf);
	for (i = 0; i < ST__COUNT; i++)
	{
		if (!(allowed[from] & B(i)))
			continue;
		if (n > 0)
			appendStringInfoString(&buf, n == total - 1 ? " or " : ", ");
		appendStringInfoString(&buf, status_label[i]);
		n++;
	}
	return buf.data;
}

/* ----------------------------------------------------------------------
 * Column classes
 * ----------------------------------------------------------------------
 */

/* set by the workflow only: an UPDATE that changes them is refused */
static const CaseCol owned_columns[] = {
	CC_rule_id, CC_calendar, CC_clock_start, CC_clock_from, CC_clock_limit,
	CC_deadline, CC_original_deadline, CC_acceptance_due, CC_acceptance_from,
	CC_acceptance_limit, CC_acceptance_rule_id, CC_paused_at, CC_paused_total,
	CC_extended_by, CC_accepted_at, CC_started_at,
	CC_answered_at, CC_feedback_at, CC_closed_at, CC_referred_at,
	CC_reopened_at, CC_reopen_count
};

/* what the re-projection may change */
static const CaseCol clock_columns[] = {
	CC_clock_from, CC_clock_limit, CC_deadline, CC_original_deadline, CC_acceptance_due,
	CC_acceptance_from, CC_acceptance_limit
};

/* editable data: changes ride along with a step or make an "edited" event */
static const CaseCol editable_columns[] = {
	CC_category, CC_region, CC_matter, CC_complainant_name, CC_complainant_unit,
	CC_complainant_address, CC_complainant_contact, CC_handover_note, CC_upgraded
};

/*
 * NOT NULL columns.  PostgreSQL checks NOT NULL only after the BEFORE
 * triggers ran, and its message prints the failing row (personal data):
 * the triggers check first, naming the column only (23502).
 *
 * On INSERT an explicit NULL is refused in the columns the application
 * gives or that have a fixed default (refused_null_on_insert); it means
 * "not given" in the columns the workflow fills in itself: received_at
 * (now), first_responder (the acting staff member), handler_unit
 * (routing), calendar (the handling unit's) and rule_id (the matching
 * rule), and must be NULL in the clock columns (insert_unset_columns).
 * On UPDATE every NOT NULL column is checked.
 */
static const CaseCol refused_null_on_insert[] = {
	CC_id, CC_status, CC_kind, CC_channel, CC_matter, CC_clock_start,
	CC_paused_total, CC_extension_count, CC_reopen_count, CC_upgraded
};

static const CaseCol not_null_columns[] = {
	CC_id, CC_status, CC_kind, CC_channel, CC_matter, CC_received_at,
	CC_first_responder, CC_handler_unit, CC_clock_start, CC_calendar,
	CC_clock_from, CC_clock_limit, CC_deadline, CC_original_deadline,
	CC_paused_total, CC_extension_count, CC_reopen_count, CC_upgraded
};

/* the step inputs that belong to one target status */
typedef struct StatusInput
{
	CaseCol		column;
	CaseStatus	status;
} StatusInput;

static const StatusInput status_inputs[] = {
	{CC_missing_items, ST_WAITING_MATERIALS},
	{CC_answer, ST_ANSWERED},
	{CC_referred_to, ST_REFERRED_OUT},
	{CC_referral_papers, ST_REFERRED_OUT},
	{CC_reopen_reason, ST_REOPENED},
};

#define lengthof_array(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* ----------------------------------------------------------------------
 * Small helpers
 * ----------------------------------------------------------------------
 */

/* where each trigger of this file belongs (trigger_check.h) */
static const TriggerSpec register_spec = {
	"complaint.case_register()", TRIGGER_BEFORE, TRG_EV_INSERT, 0, TriggerCasesTable
};
static const TriggerSpec guard_spec = {
	"complaint.case_guard()", TRIGGER_BEFORE, TRG_EV_UPDATE, 0, TriggerCasesTable
};
static const TriggerSpec history_spec = {
	"complaint.case_history()", TRIGGER_AFTER, TRG_EV_INSERT | TRG_EV_UPDATE, 0, TriggerCasesTable
};

/*
 * ReportNull --- 23502 for column c, as PostgreSQL words it but without
 * the failing row (which holds the complainant's personal data)
 */
static void
ReportNull(CaseRow *row, CaseCol c, bool on_insert)
{
	bool		has_default = on_insert && c != CC_channel && c != CC_matter;

	ereport(ERROR,
			(errcode(ERRCODE_NOT_NULL_VIOLATION),
			 errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
					CaseColNames[c], RelationGetRelationName(row->rel)),
			 has_default ? errhint("Leave the column out of the INSERT to get its default.") : 0,
			 errtablecol(row->rel, row->attno[c] + 1)));
}

/* CheckNotNull --- ReportNull for the first of cols that is NULL */
static inline void
CheckNotNull(CaseRow *row, const CaseCol *cols, int n, bool on_insert)
{
	int			i;

	for (i = 0; i < n; i++)
		if (unlikely(CaseIsNull(row, cols[i])))
			ReportNull(row, cols[i], on_insert);
}

/* IsBlank --- NULL, empty or only white space */
static bool
IsBlank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char) *s))
			return false;
	return true;
}

/* an item of a list with its position, for finding an item listed twice */
typedef struct ListedItem
{
	const char *text;
	int			pos;
} ListedItem;

/* CompareListedItems --- by text, then by position */
static int
CompareListedItems(const void *a, const void *b)
{
	const ListedItem *x = (const ListedItem *) a;
	const ListedItem *y = (const ListedItem *) b;
	int			c = strcmp(x->text, y->text);

	if (c != 0)
		return c;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * FirstRepeatedItem --- the item whose second mention comes first in the
 * list, or NULL.  Sorting copies keeps this O(n log n): a list of 10,000
 * items compared pairwise took seconds.
 */
static const char *
FirstRepeatedItem(char **items, int n)
{
	ListedItem *sorted;
	const char *found = NULL;
	int			found_pos = n;
	int			i;

	if (n < 2)
		return NULL;
	sorted = palloc(sizeof(ListedItem) * n);
	for (i = 0; i < n; i++)
	{
		sorted[i].text = items[i];
		sorted[i].pos = i;
	}
	qsort(sorted, n, sizeof(ListedItem), CompareListedItems);
	for (i = 1; i < n; i++)
	{
		/* the first of a run of equals is the first mention; the next, the second */
		if (strcmp(sorted[i].text, sorted[i - 1].text) == 0 &&
			(i < 2 || strcmp(sorted[i - 1].text, sorted[i - 2].text) != 0) &&
			sorted[i].pos < found_pos)
		{
			found = sorted[i].text;
			found_pos = sorted[i].pos;
		}
	}
	pfree(sorted);
	return found;
}

/*
 * CheckItemList --- a one-time notice's list: no NULL or blank item, each
 * item once.  allow_empty for a referral that needs no papers.
 */
static void
CheckItemList(CaseRow *row, CaseCol c, int64 case_id, const char *what, bool allow_empty)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	char	  **items;
	const char *twice;
	int			n;
	int			i;

	if (CaseIsNull(row, c))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s of case " INT64_FORMAT " must be listed", what, case_id),
				 errhint("Give every item in one array, e.g. ARRAY['identity card', 'contract'].")));
	arr = DatumGetArrayTypeP(CaseGet(row, c));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s of case " INT64_FORMAT " must be a one-dimensional list", what, case_id)));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n == 0 && !allow_empty)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s of case " INT64_FORMAT " must list at least one item", what, case_id),
				 errhint("一次性告知: tell the complainant everything that is missing, at once.")));
	items = palloc(sizeof(char *) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		if (nulls[i] || IsBlank(items[i] = TextDatumGetCString(elems[i])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the %s of case " INT64_FORMAT " contain an empty item", what, case_id)));
	}
	twice = FirstRepeatedItem(items, n);
	if (twice != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s of case " INT64_FORMAT " list \"%s\" twice", what, case_id, twice),
				 errhint("一次性告知: list every item once.")));
}

/* TimeText --- a timestamp for messages (a copy: the function's buffer is static) */
static const char *
TimeText(TimestampTz ts)
{
	return pstrdup(timestamptz_to_str(ts));
}

/* CheckMatter --- a case says what it is about (checked here so that the
 * error does not print the row, which holds personal data) */
static void
CheckMatter(CaseRow *row)
{
	if (IsBlank(CaseText(row, CC_matter)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the matter of a case cannot be empty"),
				 errhint("Write down what the complainant asks or complains about (发问事由).")));
}

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

/* ReportMissingUnit etc. --- errors shared by registration and steps */
static void
ReportUnknownUnit(const char *unit)
{
	ereport(ERROR,
			(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
			 errmsg("unit \"%s\" does not exist", unit),
			 errhint("Units are rows of complaint.unit.")));
}

static void
CheckHandlerStaff(const char *staff, bool found, bool active,
				  const char *staff_unit, const char *unit)
{
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("staff member \"%s\" does not exist", staff),
				 errhint("Staff members are rows of complaint.staff.")));
	if (!active)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("staff member \"%s\" is inactive", staff),
				 errhint("Only active staff members can handle cases.")));
	if (staff_unit == NULL || strcmp(staff_unit, unit) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("staff member \"%s\" does not belong to unit \"%s\"", staff, unit),
				 errdetail("The handler of a case is a member of its handling unit.")));
}

/* InterfaceDues --- hand-over and report deadlines of an interface step */
static void
InterfaceDues(CaseStep *step, const UnitContext *ctx, TimestampTz now)
{
	const CompiledCalendar *cal;

	if (ctx->interface_staff == NULL)
		return;
	step->interface_staff = CaseStepStrdup(ctx->interface_staff);
	if (!ctx->handover.found)
		return;
	cal = CalendarLookup(ctx->calendar);
	step->has_handover_due = true;
	step->handover_due = DeadlineOnCalendar(cal, now, &ctx->handover.lim);
	if (ctx->handover_report.found)
	{
		step->has_report_due = true;
		step->report_due = DeadlineOnCalendar(cal, step->handover_due,
											  &ctx->handover_report.lim);
	}
}

/* ----------------------------------------------------------------------
 * Registration
 * ----------------------------------------------------------------------
 */

/* columns a new case must leave to the workflow */
static const CaseCol insert_unset_columns[] = {
	CC_clock_from, CC_clock_limit, CC_deadline, CC_original_deadline,
	CC_acceptance_due, CC_acceptance_from, CC_acceptance_limit, CC_acceptance_rule_id,
	CC_paused_at, CC_extension_last, CC_extension_approver,
	CC_extension_reason, CC_extended_by, CC_accepted_at, CC_started_at,
	CC_missing_items, CC_answer, CC_answered_at, CC_satisfaction,
	CC_feedback_note, CC_feedback_at, CC_closed_at, CC_referred_to,
	CC_referral_papers, CC_referred_at, CC_reopen_reason, CC_reopened_at
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
	CheckNotNull(&row, refused_null_on_insert, lengthof_array(refused_null_on_insert), true);
	case_id = DatumGetInt64(CaseGet(&row, CC_id));

	if (strcmp(CaseEnum(&row, CC_status), "registered") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("a new case must have status registered, not %s",
						CaseEnum(&row, CC_status)),
				 errhint("Register the case first; the later steps are updates.")));
	for (i = 0; i < lengthof_array(insert_unset_columns); i++)
		if (!CaseIsNull(&row, insert_unset_columns[i]))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"%s\" of a new case is set by the workflow",
							CaseColNames[insert_unset_columns[i]]),
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

/* ReportRequestedTwice --- the one-time notice was given already */
static void
ReportRequestedTwice(StepState *st)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("the missing materials of case " INT64_FORMAT " were already requested", st->case_id),
			 errdetail("一次性告知: every missing item is listed in one notice, once."),
			 errhint("Reopen the case if the complainant brings a new matter.")));
}

/* StepPause --- one-time notice of the missing materials; the clock stops */
static void
StepPause(StepState *st)
{
	CaseRow    *row = &st->row;

	if (!CaseOldIsNull(row, CC_missing_items))
		ReportRequestedTwice(st);
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

	for (i = 0; i < lengthof_array(cols); i++)
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
	const char *edited[lengthof_array(editable_columns)];
	int			nedited = 0;
	int			i;

	st.rel = trigdata->tg_relation;
	CaseRowInit(row, st.rel, trigdata->tg_trigtuple, trigdata->tg_newtuple);
	CheckNotNull(row, not_null_columns, lengthof_array(not_null_columns), false);
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

			for (j = 0; j < lengthof_array(clock_columns); j++)
				if (clock_columns[j] == (CaseCol) i)
					is_clock = true;
			if (!is_clock && CaseChanged(row, (CaseCol) i))
				elog(ERROR, "re-projection changed column \"%s\"", CaseColNames[i]);	/* internal error */
		}
		st.step = CaseStepPush(st.case_id);
		st.step->system = true;
		st.step->at = st.now;
		st.step->kind = "reprojected";
		st.step->from_status = status_label[st.from];
		st.step->to_status = status_label[st.to];
		st.step->detail = CaseStepStrdup(case_system_detail);
		return PointerGetDatum(trigdata->tg_newtuple);
	}

	for (i = 0; i < lengthof_array(owned_columns); i++)
		if (CaseChanged(row, owned_columns[i]))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"%s\" of case " INT64_FORMAT " is maintained by the workflow",
							CaseColNames[owned_columns[i]], st.case_id),
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
	for (i = 0; i < lengthof_array(editable_columns); i++)
		if (CaseChanged(row, editable_columns[i]) &&
			!(editable_columns[i] == CC_handover_note && unit_changed))	/* the transfer's note */
			edited[nedited++] = CaseColNames[editable_columns[i]];

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
							status_label[st.from], status_label[st.to]),
					 errhint("From %s a case can go to %s.", status_label[st.from], AllowedList(st.from))));
		ReportClosed(&st);
	}

	if (status_changed)
	{
		if (!(allowed[st.from] & B(st.to)))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("case " INT64_FORMAT " cannot go from %s to %s", st.case_id,
							status_label[st.from], status_label[st.to]),
					 errhint("From %s a case can go to %s.", status_label[st.from], AllowedList(st.from))));
		nsteps++;
	}

	/* 一次性告知: asked once, whatever the status */
	if (CaseChanged(row, CC_missing_items) && !CaseOldIsNull(row, CC_missing_items))
		ReportRequestedTwice(&st);
	for (i = 0; i < lengthof_array(status_inputs); i++)
		if (CaseChanged(row, status_inputs[i].column) &&
			(!status_changed || st.to != status_inputs[i].status))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("column \"%s\" of case " INT64_FORMAT " changes only with the step to %s",
							CaseColNames[status_inputs[i].column], st.case_id,
							status_label[status_inputs[i].status])));
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
					 errdetail("Case " INT64_FORMAT " is %s.", st.case_id, status_label[st.from])));
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
	st.step->from_status = status_label[st.from];
	st.step->to_status = status_label[st.to];
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
