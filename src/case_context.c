/*-------------------------------------------------------------------------
 *
 * src/case_context.c
 *	  The lookups of the workflow triggers: routing, the handling unit, its
 *	  calendar and interface person, the matching time-limit rules (all
 *	  from the per-backend organisation cache), and repeat complaints (one
 *	  cached SPI plan over complaint.cases, and the window of the rule
 *	  "repeat" counted by the deadline rules).
 *
 * No state besides the cached plan.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "case_context.h"
#include "deadline.h"
#include "orgcache.h"
#include "spi_util.h"

/* CopyLimit --- an optional limit from a matched rule */
static void
CopyLimit(OptLimit *opt, const OrgRule *rule)
{
	opt->found = rule != NULL;
	if (rule != NULL)
	{
		opt->rule_id = rule->id;
		opt->lim = rule->lim;
	}
}

void
UnitContextLookup(const UnitQuery *q, UnitContext *ctx)
{
	const OrgUnit *unit;
	const OrgRule *rule;
	const char *code;

	memset(ctx, 0, sizeof(*ctx));
	code = q->unit != NULL ? q->unit : OrgRoute(q->actor_unit, q->category, q->region, &ctx->routed);
	ctx->unit = pstrdup(code);
	unit = OrgUnitFind(code);
	ctx->unit_found = unit != NULL;
	ctx->category_found = q->category == NULL || OrgCategoryExists(q->category);
	if (q->calendar != NULL)
		ctx->calendar = pstrdup(q->calendar);
	else if (unit != NULL)
		ctx->calendar = pstrdup(unit->calendar);
	ctx->calendar_found = ctx->calendar != NULL;	/* CalendarLookup says 42704 */

	if (q->rule_id != 0)
	{
		rule = OrgRuleFind(q->rule_id);
		if (rule != NULL && !rule->enabled)
			rule = NULL;
	}
	else
		rule = OrgRuleMatch("answer", q->kind, q->channel, q->complexity, q->category, code);
	if (rule != NULL)
	{
		ctx->rule_found = true;
		ctx->rule_id = rule->id;
		ctx->rule_name = pstrdup(rule->name);
		ctx->rule_matter = pstrdup(rule->matter);
		ctx->counts_from = rule->from_acceptance ? "acceptance" : "receipt";
		ctx->rule_lim = rule->lim;
	}
	CopyLimit(&ctx->acceptance,
			  OrgRuleMatch("acceptance", q->kind, q->channel, q->complexity, q->category, code));
	CopyLimit(&ctx->handover,
			  OrgRuleMatch("handover", q->kind, q->channel, q->complexity, q->category, code));
	CopyLimit(&ctx->handover_report,
			  OrgRuleMatch("handover_report", q->kind, q->channel, q->complexity, q->category, code));
	CopyLimit(&ctx->transfer,
			  OrgRuleMatch("transfer", q->kind, q->channel, q->complexity, q->category, code));
	if (q->want_repeat)
		CopyLimit(&ctx->repeat,
				  OrgRuleMatch("repeat", q->kind, q->channel, q->complexity, q->category, code));
	if (unit != NULL && unit->interface_staff != NULL)
		ctx->interface_staff = pstrdup(unit->interface_staff);

	if (q->staff != NULL)
	{
		const OrgStaff *s = OrgStaffFind(q->staff);

		ctx->staff_found = s != NULL;
		ctx->staff_active = s != NULL && s->active;
		ctx->staff_unit = s != NULL ? pstrdup(s->unit_code) : NULL;
	}
}

/*
 * $1 contact, $2 category, $3 received_at: the latest earlier case of the
 * contact and category (two forms, so that both walk cases_contact_idx
 * backwards without sorting); whether it is a repeat is the window's
 * business (RepeatLookup)
 */
static SpiCachedPlan repeat_plan = {
	"SELECT c.id, c.received_at FROM complaint.cases c"
	" WHERE c.complainant_contact = $1 AND c.category = $2"
	"   AND c.received_at <= $3"
	" ORDER BY c.received_at DESC, c.id DESC LIMIT 1",
	3, {TEXTOID, TEXTOID, TIMESTAMPTZOID}, NULL
};

static SpiCachedPlan repeat_nocat_plan = {
	"SELECT c.id, c.received_at FROM complaint.cases c"
	" WHERE c.complainant_contact = $1 AND c.category IS NULL AND $2 IS NULL"
	"   AND c.received_at <= $3"
	" ORDER BY c.received_at DESC, c.id DESC LIMIT 1",
	3, {TEXTOID, TEXTOID, TIMESTAMPTZOID}, NULL
};

static SpiCachedPlan case_exists_plan = {
	"SELECT 1 FROM complaint.cases c WHERE c.id = $1",
	1, {INT8OID}, NULL
};

/*
 * RepeatLookup --- see case_context.h.  A window's end never comes earlier
 * for a later opening, so when the latest earlier case is outside the
 * window every earlier one is too: one index probe decides.
 */
int64
RepeatLookup(const char *contact, const char *category, TimestampTz received_at,
			 const TimeLimit *window, const CompiledCalendar *cal,
			 int64 given, bool *given_found)
{
	Datum		v[3];
	char		n[3] = {' ', ' ', ' '};
	int64		found = 0;

	*given_found = false;
	if (given != 0)
	{
		v[0] = Int64GetDatum(given);
		*given_found = SpiRun(&case_exists_plan, v, n, true, 1, SPI_OK_SELECT) > 0;
	}
	if (contact != NULL && window != NULL)
	{
		bool		isnull;
		TimestampTz earlier;

		v[0] = SpiTextArg(contact, n, 0);
		v[1] = SpiTextArg(category, n, 1);
		v[2] = TimestampTzGetDatum(received_at);
		if (SpiRun(category != NULL ? &repeat_plan : &repeat_nocat_plan,
				   v, n, true, 1, SPI_OK_SELECT) > 0)
		{
			earlier = DatumGetTimestampTz(SpiGetDatum(0, 2, &isnull));
			if (DeadlineOnCalendar(cal, earlier, window) >= received_at)
				found = DatumGetInt64(SpiGetDatum(0, 1, &isnull));
		}
	}
	return found;
}

void
StaffCheckLookup(const char *code, const char *unit, StaffCheck *check)
{
	const OrgStaff *s = OrgStaffFind(code);

	check->found = s != NULL;
	check->active = s != NULL && s->active;
	check->unit = s != NULL ? pstrdup(s->unit_code) : NULL;
	check->leads_unit = s != NULL && OrgStaffLeads(code, OrgUnitFind(unit));
}

void
RuleCapsLookup(int64 rule_id, RuleCaps *caps)
{
	const OrgRule *r = OrgRuleFind(rule_id);

	memset(caps, 0, sizeof(*caps));
	if (r == NULL)
		return;
	caps->found = true;
	caps->name = pstrdup(r->name);
	caps->extension_cap.found = r->has_extension_cap;
	caps->extension_cap.lim = r->extension_cap;
	caps->total_cap.found = r->has_total_cap;
	caps->total_cap.lim = r->total_cap;
}
