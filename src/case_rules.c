/*-------------------------------------------------------------------------
 *
 * src/case_rules.c
 *	  The rules of the case workflow shared by the registration
 *	  (trg_case_register.c) and the update guard (trg_case_guard.c,
 *	  trg_case_steps.c, trg_case_clock.c): the lifecycle's statuses and
 *	  allowed transitions, the classes of the columns of complaint.cases,
 *	  and the checks both triggers make (NOT NULL without the row, blank
 *	  text, the matter, the handling unit and its handler, an interface
 *	  step's dues, a one-time notice's list).
 *
 * No state: constant tables and functions of their arguments.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type_d.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "case_context.h"
#include "case_row.h"
#include "case_rules.h"
#include "case_step.h"
#include "deadline.h"

/* ----------------------------------------------------------------------
 * Lifecycle (SPEC section 3)
 * ----------------------------------------------------------------------
 */

const char *const CaseStatusLabel[ST__COUNT] = {
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
CaseStatus
StatusOf(const char *label)
{
	int			i;

	for (i = 0; i < ST__COUNT; i++)
		if (strcmp(CaseStatusLabel[i], label) == 0)
			return (CaseStatus) i;
	elog(ERROR, "unknown case status \"%s\"", label);	/* internal error */
	return ST_REGISTERED;
}

/* StatusAllowed --- whether from may go to to */
bool
StatusAllowed(CaseStatus from, CaseStatus to)
{
	return (allowed[from] & B(to)) != 0;
}

/* AllowedList --- "accepted, transferred or referred_out" */
char *
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
		appendStringInfoString(&buf, CaseStatusLabel[i]);
		n++;
	}
	return buf.data;
}

/* ----------------------------------------------------------------------
 * Column classes
 * ----------------------------------------------------------------------
 */

#define COLUMN_LIST(a) {(a), (int) lengthof(a)}

/* set by the workflow only: an UPDATE that changes them is refused */
static const CaseCol owned_columns[] = {
	CC_rule_id, CC_calendar, CC_clock_start, CC_clock_from, CC_clock_limit,
	CC_deadline, CC_original_deadline, CC_acceptance_due, CC_acceptance_from,
	CC_acceptance_limit, CC_acceptance_rule_id, CC_paused_at, CC_paused_total,
	CC_extended_by, CC_accepted_at, CC_started_at,
	CC_answered_at, CC_feedback_at, CC_closed_at, CC_referred_at,
	CC_reopened_at, CC_reopen_count
};
const CaseColumnList CaseOwnedColumns = COLUMN_LIST(owned_columns);

/* what the re-projection may change */
static const CaseCol clock_columns[] = {
	CC_clock_from, CC_clock_limit, CC_deadline, CC_original_deadline, CC_acceptance_due,
	CC_acceptance_from, CC_acceptance_limit
};
const CaseColumnList CaseClockColumns = COLUMN_LIST(clock_columns);

/* editable data: changes ride along with a step or make an "edited" event */
static const CaseCol editable_columns[] = {
	CC_category, CC_region, CC_matter, CC_complainant_name, CC_complainant_unit,
	CC_complainant_address, CC_complainant_contact, CC_handover_note, CC_upgraded
};
const CaseColumnList CaseEditableColumns = COLUMN_LIST(editable_columns);

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
const CaseColumnList CaseRefusedNullOnInsert = COLUMN_LIST(refused_null_on_insert);

static const CaseCol not_null_columns[] = {
	CC_id, CC_status, CC_kind, CC_channel, CC_matter, CC_received_at,
	CC_first_responder, CC_handler_unit, CC_clock_start, CC_calendar,
	CC_clock_from, CC_clock_limit, CC_deadline, CC_original_deadline,
	CC_paused_total, CC_extension_count, CC_reopen_count, CC_upgraded
};
const CaseColumnList CaseNotNullColumns = COLUMN_LIST(not_null_columns);

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
const CaseColumnList CaseInsertUnsetColumns = COLUMN_LIST(insert_unset_columns);

/* the step inputs that belong to one target status */
const StatusInput CaseStatusInputs[] = {
	{CC_missing_items, ST_WAITING_MATERIALS},
	{CC_answer, ST_ANSWERED},
	{CC_referred_to, ST_REFERRED_OUT},
	{CC_referral_papers, ST_REFERRED_OUT},
	{CC_reopen_reason, ST_REOPENED},
};
const int	CaseStatusInputCount = (int) lengthof(CaseStatusInputs);

/* ----------------------------------------------------------------------
 * Checks
 * ----------------------------------------------------------------------
 */

/*
 * ReportNull --- 23502 for column c, as PostgreSQL words it but without
 * the failing row (which holds the complainant's personal data)
 */
void
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

/* IsBlank --- NULL, empty or only white space */
bool
IsBlank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char) *s))
			return false;
	return true;
}

/* TimeText --- a timestamp for messages (a copy: the function's buffer is static) */
const char *
TimeText(TimestampTz ts)
{
	return pstrdup(timestamptz_to_str(ts));
}

/* CheckMatter --- a case says what it is about (checked here so that the
 * error does not print the row, which holds personal data) */
void
CheckMatter(CaseRow *row)
{
	if (IsBlank(CaseText(row, CC_matter)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the matter of a case cannot be empty"),
				 errhint("Write down what the complainant asks or complains about (发问事由).")));
}

/* ReportUnknownUnit, CheckHandlerStaff --- errors shared by registration and steps */
void
ReportUnknownUnit(const char *unit)
{
	ereport(ERROR,
			(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
			 errmsg("unit \"%s\" does not exist", unit),
			 errhint("Units are rows of complaint.unit.")));
}

void
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
void
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
 * One-time notices (一次性告知)
 * ----------------------------------------------------------------------
 */

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
void
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

/* ReportRequestedTwice --- the one-time notice was given already */
void
ReportRequestedTwice(int64 case_id)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("the missing materials of case " INT64_FORMAT " were already requested", case_id),
			 errdetail("一次性告知: every missing item is listed in one notice, once."),
			 errhint("Reopen the case if the complainant brings a new matter.")));
}
