/*-------------------------------------------------------------------------
 *
 * src/case_context.c
 *	  The lookups of the workflow triggers, each one cached SPI plan.
 *
 *	  Routing and rule matching are written inline here (not by calling
 *	  complaint.route_case() and complaint.match_rule(), which implement
 *	  the same rules for SQL users) so that the whole registration context
 *	  is one planned statement.  Keep both in step: sql/case_lifecycle.sql
 *	  checks that they agree.
 *
 * No state besides the cached plans.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "case_context.h"
#include "spi_util.h"

/*
 * $1 actor unit, $2 given unit, $3 category, $4 region, $5 kind,
 * $6 channel, $7 complexity, $8 given calendar, $9 given rule,
 * $10 handler staff, $11 contact, $12 received_at, $13 window (minutes),
 * $14 given repeat_of
 */
static SpiCachedPlan context_plan = {
	"WITH RECURSIVE"
	" fa (code, parent, depth) AS ("
	"   SELECT u.code, u.parent_code, 0 FROM complaint.unit u WHERE u.code = $1"
	"   UNION ALL"
	"   SELECT p.code, p.parent_code, fa.depth + 1"
	"     FROM fa JOIN complaint.unit p ON p.code = fa.parent WHERE fa.depth < 64),"
	" h (code, routed) AS ("
	"   SELECT coalesce($2, rt.unit_code, $1), $2 IS NULL AND rt.unit_code IS NOT NULL"
	"     FROM (SELECT 1) one"
	"     LEFT JOIN LATERAL ("
	"       SELECT r.unit_code FROM complaint.route r LEFT JOIN fa ON fa.code = r.scope_unit"
	"        WHERE $2 IS NULL AND (r.scope_unit IS NULL OR fa.code IS NOT NULL)"
	"          AND (r.category IS NULL OR r.category = $3)"
	"          AND (r.region IS NULL OR r.region = $4)"
	"        ORDER BY (r.category IS NOT NULL)::int * 2 + (r.region IS NOT NULL)::int DESC,"
	"                 fa.depth ASC NULLS LAST, r.id"
	"        LIMIT 1) rt ON true),"
	" ha (code, parent, depth, sector) AS ("
	"   SELECT u.code, u.parent_code, 0, u.sector FROM complaint.unit u JOIN h ON u.code = h.code"
	"   UNION ALL"
	"   SELECT p.code, p.parent_code, ha.depth + 1, p.sector"
	"     FROM ha JOIN complaint.unit p ON p.code = ha.parent WHERE ha.depth < 64),"
	" best (matter, id, lim, name, counts_from) AS ("
	"   SELECT DISTINCT ON (r.matter) r.matter, r.id, r.lim, r.name, r.counts_from"
	"     FROM complaint.time_limit_rule r LEFT JOIN ha ON ha.code = r.unit_code"
	"    WHERE r.enabled"
	"      AND r.matter IN ('answer', 'acceptance', 'handover', 'handover_report', 'transfer')"
	"      AND (r.kind IS NULL OR r.kind = $5::complaint.case_kind)"
	"      AND (r.channel IS NULL OR r.channel = $6::complaint.case_channel)"
	"      AND (r.complexity IS NULL OR r.complexity = $7::complaint.case_complexity)"
	"      AND (r.category IS NULL OR r.category = $3)"
	"      AND (r.sector IS NULL OR r.sector = (SELECT s.sector FROM ha s"
	"                                             WHERE s.sector IS NOT NULL ORDER BY s.depth LIMIT 1))"
	"      AND (r.unit_code IS NULL OR ha.code IS NOT NULL)"
	"    ORDER BY r.matter, r.priority DESC,"
	"             (r.kind IS NOT NULL)::int + (r.channel IS NOT NULL)::int"
	"             + (r.complexity IS NOT NULL)::int + (r.category IS NOT NULL)::int"
	"             + (r.sector IS NOT NULL)::int + (r.unit_code IS NOT NULL)::int DESC,"
	"             ha.depth ASC NULLS LAST, r.id),"
	" ans (id, lim, name, matter, counts_from) AS ("
	"   SELECT r.id, r.lim, r.name, r.matter, r.counts_from"
	"     FROM complaint.time_limit_rule r WHERE $9 IS NOT NULL AND r.id = $9 AND r.enabled"
	"   UNION ALL"
	"   SELECT b.id, b.lim, b.name, b.matter, b.counts_from"
	"     FROM best b WHERE $9 IS NULL AND b.matter = 'answer')"
	" SELECT h.code, hu.code IS NOT NULL, h.routed,"
	"        $3 IS NULL OR EXISTS (SELECT 1 FROM complaint.category c WHERE c.code = $3),"
	"        coalesce($8, hu.calendar),"
	"        EXISTS (SELECT 1 FROM complaint.calendar k WHERE k.name = coalesce($8, hu.calendar)),"
	"        ans.id, ans.lim, ans.name, ans.matter, ans.counts_from::text,"
	"        hu.interface_staff,"
	"        (SELECT b.lim FROM best b WHERE b.matter = 'acceptance'),"
	"        (SELECT b.lim FROM best b WHERE b.matter = 'handover'),"
	"        (SELECT b.lim FROM best b WHERE b.matter = 'handover_report'),"
	"        (SELECT b.lim FROM best b WHERE b.matter = 'transfer'),"
	"        st.code IS NOT NULL, st.active, st.unit_code,"
	"        (SELECT c.id FROM complaint.cases c"
	"          WHERE $11 IS NOT NULL AND $13 > 0 AND c.complainant_contact = $11"
	"            AND c.category IS NOT DISTINCT FROM $3"
	"            AND c.received_at <= $12 AND c.received_at >= $12 - make_interval(mins => $13)"
	"          ORDER BY c.received_at DESC, c.id DESC LIMIT 1),"
	"        $14 IS NULL OR EXISTS (SELECT 1 FROM complaint.cases c WHERE c.id = $14)"
	"   FROM h"
	"   LEFT JOIN complaint.unit hu ON hu.code = h.code"
	"   LEFT JOIN ans ON true"
	"   LEFT JOIN complaint.staff st ON st.code = $10",
	14, {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	INT8OID, TEXTOID, TEXTOID, TIMESTAMPTZOID, INT4OID, INT8OID}, NULL
};

/* GetBool --- a boolean column, false when null */
static bool
GetBool(int col)
{
	bool		isnull;
	Datum		d = SpiGetDatum(0, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* GetLimit --- a time_limit column */
static bool
GetLimit(int col, TimeLimit *lim)
{
	bool		isnull;
	Datum		d = SpiGetDatum(0, col, &isnull);

	if (isnull)
		return false;
	*lim = *DatumGetTimeLimitP(d);
	return true;
}

static int64
GetInt64(int col)
{
	bool		isnull;
	Datum		d = SpiGetDatum(0, col, &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

void
UnitContextLookup(const UnitQuery *q, UnitContext *ctx)
{
	Datum		v[14];
	char		n[14];

	memset(n, ' ', sizeof(n));
	v[0] = SpiTextArg(q->actor_unit, n, 0);
	v[1] = SpiTextArg(q->unit, n, 1);
	v[2] = SpiTextArg(q->category, n, 2);
	v[3] = SpiTextArg(q->region, n, 3);
	v[4] = SpiTextArg(q->kind, n, 4);
	v[5] = SpiTextArg(q->channel, n, 5);
	v[6] = SpiTextArg(q->complexity, n, 6);
	v[7] = SpiTextArg(q->calendar, n, 7);
	v[8] = Int64GetDatum(q->rule_id);
	n[8] = q->rule_id != 0 ? ' ' : 'n';
	v[9] = SpiTextArg(q->staff, n, 9);
	v[10] = SpiTextArg(q->contact, n, 10);
	v[11] = TimestampTzGetDatum(q->received_at);
	v[12] = Int32GetDatum(q->repeat_window);
	v[13] = Int64GetDatum(q->repeat_of);
	n[13] = q->repeat_of != 0 ? ' ' : 'n';

	if (SpiRun(&context_plan, v, n, true, 0, SPI_OK_SELECT) != 1)
		elog(ERROR, "case context query returned " UINT64_FORMAT " rows", SPI_processed);	/* internal error */

	memset(ctx, 0, sizeof(*ctx));
	ctx->unit = SpiGetTextCopy(0, 1);
	ctx->unit_found = GetBool(2);
	ctx->routed = GetBool(3);
	ctx->category_found = GetBool(4);
	ctx->calendar = SpiGetTextCopy(0, 5);
	ctx->calendar_found = GetBool(6);
	ctx->rule_id = GetInt64(7);
	ctx->rule_found = GetLimit(8, &ctx->rule_lim);
	ctx->rule_name = SpiGetTextCopy(0, 9);
	ctx->rule_matter = SpiGetTextCopy(0, 10);
	ctx->counts_from = SpiGetTextCopy(0, 11);
	ctx->interface_staff = SpiGetTextCopy(0, 12);
	ctx->acceptance.found = GetLimit(13, &ctx->acceptance.lim);
	ctx->handover.found = GetLimit(14, &ctx->handover.lim);
	ctx->handover_report.found = GetLimit(15, &ctx->handover_report.lim);
	ctx->transfer.found = GetLimit(16, &ctx->transfer.lim);
	ctx->staff_found = GetBool(17);
	ctx->staff_active = GetBool(18);
	ctx->staff_unit = SpiGetTextCopy(0, 19);
	ctx->repeat_of = GetInt64(20);
	ctx->repeat_given_found = GetBool(21);
}

/* $1 staff, $2 unit */
static SpiCachedPlan staff_check_plan = {
	"WITH RECURSIVE ha (code, parent, depth) AS ("
	"   SELECT u.code, u.parent_code, 0 FROM complaint.unit u WHERE u.code = $2"
	"   UNION ALL"
	"   SELECT p.code, p.parent_code, ha.depth + 1"
	"     FROM ha JOIN complaint.unit p ON p.code = ha.parent WHERE ha.depth < 64)"
	" SELECT s.code IS NOT NULL, s.active, s.unit_code,"
	"        EXISTS (SELECT 1 FROM ha JOIN complaint.unit u ON u.code = ha.code"
	"                 WHERE u.head_staff = $1 OR u.supervisor_staff = $1)"
	"   FROM (SELECT 1) one LEFT JOIN complaint.staff s ON s.code = $1",
	2, {TEXTOID, TEXTOID}, NULL
};

void
StaffCheckLookup(const char *staff, const char *unit, StaffCheck *check)
{
	Datum		v[2];
	char		n[2];

	v[0] = SpiTextArg(staff, n, 0);
	v[1] = SpiTextArg(unit, n, 1);
	SpiRun(&staff_check_plan, v, n, true, 0, SPI_OK_SELECT);
	check->found = GetBool(1);
	check->active = GetBool(2);
	check->unit = SpiGetTextCopy(0, 3);
	check->leads_unit = GetBool(4);
}

static SpiCachedPlan caps_plan = {
	"SELECT r.name, r.extension_cap, r.total_cap"
	"  FROM complaint.time_limit_rule r WHERE r.id = $1",
	1, {INT8OID}, NULL
};

void
RuleCapsLookup(int64 rule_id, RuleCaps *caps)
{
	Datum		v[1];
	char		n[1] = {' '};

	memset(caps, 0, sizeof(*caps));
	v[0] = Int64GetDatum(rule_id);
	if (SpiRun(&caps_plan, v, n, true, 0, SPI_OK_SELECT) == 0)
		return;
	caps->found = true;
	caps->name = SpiGetTextCopy(0, 1);
	caps->extension_cap.found = GetLimit(2, &caps->extension_cap.lim);
	caps->total_cap.found = GetLimit(3, &caps->total_cap.lim);
}
