/*-------------------------------------------------------------------------
 *
 * src/trigger_check.c
 *	  TriggerCheck(): the protocol check of every C trigger function of
 *	  the extension (see trigger_check.h).
 *
 *	  Order of the checks: called as a trigger; timing, level and event;
 *	  then the relation (an ordinary table whose namespace is schema
 *	  complaint, compared by OID, and whose name is in the function's
 *	  list).  The messages name the function and what it must be fired
 *	  for; the DETAIL says what it was fired for (table names only, never
 *	  a row).
 *
 * State: none but the per-call-site memo in fn_extra (palloc'd in
 * fn_mcxt): the relation and event last found acceptable.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "complaint.h"
#include "trigger_check.h"

const char *const TriggerCasesTable[] = {CASES_TABLE, NULL};
const char *const TriggerCalendarTables[] = {
	CALENDAR_TABLE, CALENDAR_HOURS_TABLE, CALENDAR_DAY_TABLE, CALENDAR_DAY_HOURS_TABLE, NULL
};
const char *const TriggerOrgTables[] = {
	"unit", STAFF_TABLE, "category", "route", "time_limit_rule", NULL
};
const char *const TriggerRuleTable[] = {"time_limit_rule", NULL};

/* the bits of tg_event the check depends on */
#define EVENT_BITS (TRIGGER_EVENT_OPMASK | TRIGGER_EVENT_ROW | TRIGGER_EVENT_TIMINGMASK)

typedef struct TriggerCheckMemo
{
	const TriggerSpec *spec;
	Oid			relid;
	TriggerEvent event;
} TriggerCheckMemo;

static const char *const op_names[] = {"INSERT", "DELETE", "UPDATE", "TRUNCATE"};

/* AppendEvents --- "INSERT OR UPDATE" for a TRG_EV_* mask */
static void
AppendEvents(StringInfo buf, uint8 events)
{
	static const int order[] = {
		TRIGGER_EVENT_INSERT, TRIGGER_EVENT_UPDATE, TRIGGER_EVENT_DELETE, TRIGGER_EVENT_TRUNCATE
	};
	bool		first = true;

	for (int i = 0; i < (int) lengthof(order); i++)
	{
		int			op = order[i];

		if (!(events & (1 << op)))
			continue;
		appendStringInfo(buf, "%s%s", first ? "" : " OR ", op_names[op]);
		first = false;
	}
}

/* ExpectedText --- "BEFORE INSERT ... FOR EACH ROW" and the like */
static char *
ExpectedText(const TriggerSpec *spec)
{
	StringInfoData buf;
	const char *timing = spec->timing == TRIGGER_BEFORE ? "BEFORE" : "AFTER";

	initStringInfo(&buf);
	if (spec->row_events != 0)
	{
		appendStringInfo(&buf, "%s ", timing);
		AppendEvents(&buf, spec->row_events);
		appendStringInfoString(&buf, " ... FOR EACH ROW");
	}
	if (spec->statement_events != 0)
	{
		appendStringInfo(&buf, "%s%s ", buf.len > 0 ? ", or " : "", timing);
		AppendEvents(&buf, spec->statement_events);
		appendStringInfoString(&buf, " ... FOR EACH STATEMENT");
	}
	return buf.data;
}

/* ActualText --- what tg_event says */
static char *
ActualText(TriggerEvent ev)
{
	const char *timing = TRIGGER_FIRED_BEFORE(ev) ? "BEFORE"
		: TRIGGER_FIRED_AFTER(ev) ? "AFTER" : "INSTEAD OF";
	int			op = ev & TRIGGER_EVENT_OPMASK;

	return psprintf("%s %s ... FOR EACH %s", timing,
					op < (int) lengthof(op_names) ? op_names[op] : "?",
					TRIGGER_FIRED_FOR_ROW(ev) ? "ROW" : "STATEMENT");
}

/* TablesText --- "complaint.a, complaint.b or complaint.c" */
static char *
TablesText(const TriggerSpec *spec)
{
	StringInfoData buf;
	int			n = 0;

	if (spec->tables == NULL)
		return pstrdup("a table of schema " COMPLAINT_SCHEMA);
	while (spec->tables[n] != NULL)
		n++;
	initStringInfo(&buf);
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
						 quote_qualified_identifier(COMPLAINT_SCHEMA, spec->tables[i]));
	return buf.data;
}

/*
 * RelationText --- the relation a trigger fired on, schema-qualified (a
 * temporary table's schema as pg_temp, the name that reaches it)
 */
static char *
RelationText(Relation rel)
{
	Oid			nspid = RelationGetNamespace(rel);
	char	   *nsp = isAnyTempNamespace(nspid) ? "pg_temp" : get_namespace_name(nspid);

	return quote_qualified_identifier(nsp != NULL ? nsp : "?", RelationGetRelationName(rel));
}

/* EventFits --- timing, level and event as the spec says */
static bool
EventFits(const TriggerSpec *spec, TriggerEvent ev)
{
	uint8		bit = (uint8) (1 << (ev & TRIGGER_EVENT_OPMASK));

	if (spec->timing == TRIGGER_BEFORE ? !TRIGGER_FIRED_BEFORE(ev) : !TRIGGER_FIRED_AFTER(ev))
		return false;
	if (TRIGGER_FIRED_FOR_ROW(ev))
		return (spec->row_events & bit) != 0;
	return (spec->statement_events & bit) != 0;
}

/* RelationFits --- an ordinary table of schema complaint named in the spec */
static bool
RelationFits(const TriggerSpec *spec, Relation rel)
{
	Oid			nsp = get_namespace_oid(COMPLAINT_SCHEMA, true);
	const char *relname;

	if (!OidIsValid(nsp) || RelationGetNamespace(rel) != nsp ||
		rel->rd_rel->relkind != RELKIND_RELATION)
		return false;
	if (spec->tables == NULL)
		return true;
	relname = RelationGetRelationName(rel);
	for (int i = 0; spec->tables[i] != NULL; i++)
		if (strcmp(spec->tables[i], relname) == 0)
			return true;
	return false;
}

TriggerData *
TriggerCheck(FunctionCallInfo fcinfo, const TriggerSpec *spec)
{
	TriggerData *trigdata;
	TriggerCheckMemo *memo;
	TriggerEvent ev;
	Relation	rel;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be called as a trigger", spec->name),
				 errhint("It must be fired %s on %s.", ExpectedText(spec), TablesText(spec))));
	trigdata = (TriggerData *) fcinfo->context;
	rel = trigdata->tg_relation;
	ev = trigdata->tg_event & EVENT_BITS;

	/* the statement's later rows: what the first one found */
	memo = fcinfo->flinfo != NULL ? (TriggerCheckMemo *) fcinfo->flinfo->fn_extra : NULL;
	if (memo != NULL && memo->event == ev && memo->relid == RelationGetRelid(rel) &&
		memo->spec == spec)
		return trigdata;

	if (!EventFits(spec, ev))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be fired %s", spec->name, ExpectedText(spec)),
				 errdetail("It was fired %s on %s.", ActualText(ev), RelationText(rel)),
				 errhint("The extension attaches it where it belongs; do not use it in triggers of your own.")));
	if (!RelationFits(spec, rel))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be attached to %s", spec->name, TablesText(spec)),
				 errdetail("It was fired on %s.", RelationText(rel)),
				 errhint("The extension attaches it where it belongs; do not use it in triggers of your own.")));

	if (fcinfo->flinfo != NULL)
	{
		if (memo == NULL)
		{
			memo = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(TriggerCheckMemo));
			fcinfo->flinfo->fn_extra = memo;
		}
		memo->spec = spec;
		memo->relid = RelationGetRelid(rel);
		memo->event = ev;
	}
	return trigdata;
}
