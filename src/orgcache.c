/*-------------------------------------------------------------------------
 *
 * src/orgcache.c
 *	  Per-backend cache of complaint.unit, complaint.staff,
 *	  complaint.category, complaint.route and complaint.time_limit_rule,
 *	  with routing and rule matching in C.
 *
 * Cache lifetime and invalidation (the pattern of calendar.c and pg_cron):
 *	- Everything lives in OrgCacheContext (a child of CacheMemoryContext),
 *	  reset as a whole.
 *	- The statement trigger complaint.org_changed() on the five tables
 *	  queues a relcache invalidation of the changed table; every backend,
 *	  this one included (at the next command counter increment, or at
 *	  abort), gets it through OrgRelcacheCallback, which only clears
 *	  org_cache_valid.
 *	- OrgCacheBegin(), called once at the start of every trigger or
 *	  function that uses the cache, takes in pending invalidation messages
 *	  once per statement and reloads when the cache is not valid.  Nothing
 *	  else frees the cache, so pointers handed out stay valid until the
 *	  next OrgCacheBegin().
 *	- A load reads the newest committed rows, not the statement's or the
 *	  transaction's snapshot, and the cache counts as valid only if no
 *	  invalidation arrived while it read (cache_util.c has the rule and
 *	  why): a REPEATABLE READ transaction registers and routes cases with
 *	  the organisation as last committed.  Each load looks the tables' OIDs
 *	  up again, and an invalidation of any of them (or of all relations)
 *	  forgets them, so DROP/CREATE EXTENSION in a live backend is safe.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "complaint.h"
#include "cache_util.h"
#include "orgcache.h"
#include "spi_util.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_org_changed);

#define ORG_TABLES 5
static const char *const org_table_names[ORG_TABLES] = {
	"unit", "staff", "category", "route", "time_limit_rule"
};

typedef struct OrgRouteRow
{
	int64		id;
	char	   *scope_unit;
	char	   *category;
	char	   *region;
	char	   *unit_code;
} OrgRouteRow;

static MemoryContext OrgCacheContext = NULL;
static bool org_cache_valid = false;
static bool org_statement_only = false; /* loaded in parallel mode */
static uint64 org_invalidations = 0;	/* bumped by the callback */
static bool callback_registered = false;
static Oid	org_table_oids[ORG_TABLES];
static TimestampTz org_cache_statement = 0;

static OrgUnit *units;
static int	nunits;
static OrgStaff *staff;
static int	nstaff;
static OrgStaff **staff_by_role;	/* staff with a db_role, sorted by it */
static int	nstaff_by_role;
static char **categories;
static int	ncategories;
static OrgRouteRow *routes;
static int	nroutes;
static OrgRule *rules;
static int	nrules;

/*
 * OrgRelcacheCallback --- one of our tables changed or was dropped (or
 * every relation was invalidated): reload at the next OrgCacheBegin, which
 * looks the tables up again.
 */
static void
OrgRelcacheCallback(Datum arg, Oid relid)
{
	bool		ours = (relid == InvalidOid);
	int			i;

	for (i = 0; i < ORG_TABLES && !ours; i++)
		if (OidIsValid(relid) && relid == org_table_oids[i])
			ours = true;
	if (!ours)
		return;
	org_cache_valid = false;
	org_invalidations++;
	for (i = 0; i < ORG_TABLES; i++)
		org_table_oids[i] = InvalidOid;
}

/* CopyText --- column col of row as a string in the cache context, or NULL */
static char *
CopyText(uint64 row, int col)
{
	char	   *s = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);

	return s == NULL ? NULL : MemoryContextStrdup(OrgCacheContext, s);
}

static bool
GetBoolCol(uint64 row, int col)
{
	bool		isnull;
	Datum		d = SpiGetDatum(row, col, &isnull);

	return !isnull && DatumGetBool(d);
}

static bool
GetLimitCol(uint64 row, int col, TimeLimit *lim)
{
	bool		isnull;
	Datum		d = SpiGetDatum(row, col, &isnull);

	if (isnull)
		return false;
	*lim = *DatumGetTimeLimitP(d);
	return true;
}

static int
CompareString(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
CompareStaffRole(const void *a, const void *b)
{
	Oid			ra = (*(OrgStaff *const *) a)->db_role;
	Oid			rb = (*(OrgStaff *const *) b)->db_role;

	return ra < rb ? -1 : (ra > rb ? 1 : 0);
}

/* FindUnitIndex --- binary search by code */
static int
FindUnitIndex(const char *code)
{
	int			lo = 0;
	int			hi = nunits - 1;

	if (code == NULL)
		return -1;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(units[mid].code, code);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * OrgCacheLoad --- read the five tables (as their owner) from the newest
 * committed state; the cache is valid afterwards unless an invalidation
 * arrived meanwhile.
 */
static void
OrgCacheLoad(void)
{
	SpiSession	session;
	CacheLoad	load;
	uint64		i;
	int			t;

	if (OrgCacheContext == NULL)
		OrgCacheContext = AllocSetContextCreate(CacheMemoryContext,
												"complaint organisation cache",
												ALLOCSET_DEFAULT_SIZES);
	MemoryContextReset(OrgCacheContext);
	units = NULL;
	staff = NULL;
	staff_by_role = NULL;
	categories = NULL;
	routes = NULL;
	rules = NULL;
	nunits = nstaff = nstaff_by_role = ncategories = nroutes = nrules = 0;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(OrgRelcacheCallback, (Datum) 0);
		callback_registered = true;
	}
	/* the counter first, then the tables' OIDs, then the newest rows */
	org_cache_valid = false;
	org_statement_only = false;
	CacheLoadBegin(&load, &org_invalidations);
	for (t = 0; t < ORG_TABLES; t++)
		org_table_oids[t] = get_relname_relid(org_table_names[t],
											  get_namespace_oid(COMPLAINT_SCHEMA, false));

	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, "unit"));

	if (SPI_execute("SELECT code, parent_code, calendar, sector, interface_staff,"
					"       head_staff, supervisor_staff"
					"  FROM complaint.unit ORDER BY code COLLATE \"C\"", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read complaint.unit");	/* internal error */
	units = MemoryContextAllocZero(OrgCacheContext, sizeof(OrgUnit) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		units[i].code = CopyText(i, 1);
		units[i].parent_code = CopyText(i, 2);
		units[i].calendar = CopyText(i, 3);
		units[i].sector = CopyText(i, 4);
		units[i].interface_staff = CopyText(i, 5);
		units[i].head_staff = CopyText(i, 6);
		units[i].supervisor_staff = CopyText(i, 7);
	}
	nunits = (int) SPI_processed;
	for (t = 0; t < nunits; t++)
		units[t].parent = FindUnitIndex(units[t].parent_code);

	if (SPI_execute("SELECT code, unit_code, active, db_role::pg_catalog.oid"
					"  FROM complaint.staff ORDER BY code COLLATE \"C\"", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read complaint.staff");	/* internal error */
	staff = MemoryContextAllocZero(OrgCacheContext, sizeof(OrgStaff) * (SPI_processed + 1));
	staff_by_role = MemoryContextAllocZero(OrgCacheContext, sizeof(OrgStaff *) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Datum		role;

		staff[i].code = CopyText(i, 1);
		staff[i].unit_code = CopyText(i, 2);
		staff[i].active = GetBoolCol(i, 3);
		role = SpiGetDatum(i, 4, &isnull);
		staff[i].db_role = isnull ? InvalidOid : DatumGetObjectId(role);
		if (OidIsValid(staff[i].db_role))
			staff_by_role[nstaff_by_role++] = &staff[i];
	}
	nstaff = (int) SPI_processed;
	qsort(staff_by_role, nstaff_by_role, sizeof(OrgStaff *), CompareStaffRole);

	if (SPI_execute("SELECT code FROM complaint.category ORDER BY code COLLATE \"C\"",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read complaint.category");	/* internal error */
	categories = MemoryContextAllocZero(OrgCacheContext, sizeof(char *) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
		categories[i] = CopyText(i, 1);
	ncategories = (int) SPI_processed;

	if (SPI_execute("SELECT id, scope_unit, category, region, unit_code"
					"  FROM complaint.route ORDER BY id", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read complaint.route");	/* internal error */
	routes = MemoryContextAllocZero(OrgCacheContext, sizeof(OrgRouteRow) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		routes[i].id = DatumGetInt64(SpiGetDatum(i, 1, &isnull));
		routes[i].scope_unit = CopyText(i, 2);
		routes[i].category = CopyText(i, 3);
		routes[i].region = CopyText(i, 4);
		routes[i].unit_code = CopyText(i, 5);
	}
	nroutes = (int) SPI_processed;

	if (SPI_execute("SELECT id, name, matter, kind::text, channel::text, complexity::text,"
					"       category, sector, unit_code, lim, extension_cap, total_cap,"
					"       counts_from::text, priority, enabled"
					"  FROM complaint.time_limit_rule ORDER BY id", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read complaint.time_limit_rule");	/* internal error */
	rules = MemoryContextAllocZero(OrgCacheContext, sizeof(OrgRule) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		OrgRule    *r = &rules[i];
		bool		isnull;
		char	   *from;

		r->id = DatumGetInt64(SpiGetDatum(i, 1, &isnull));
		r->name = CopyText(i, 2);
		r->matter = CopyText(i, 3);
		r->kind = CopyText(i, 4);
		r->channel = CopyText(i, 5);
		r->complexity = CopyText(i, 6);
		r->category = CopyText(i, 7);
		r->sector = CopyText(i, 8);
		r->unit_code = CopyText(i, 9);
		(void) GetLimitCol(i, 10, &r->lim);
		r->has_extension_cap = GetLimitCol(i, 11, &r->extension_cap);
		r->has_total_cap = GetLimitCol(i, 12, &r->total_cap);
		from = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 13);
		r->from_acceptance = from != NULL && strcmp(from, "acceptance") == 0;
		r->priority = DatumGetInt32(SpiGetDatum(i, 14, &isnull));
		r->enabled = GetBoolCol(i, 15);
	}
	nrules = (int) SPI_processed;

	SpiEnd(&session);

	switch (CacheLoadEnd(&load, &org_invalidations))
	{
		case CACHE_LOAD_TRUSTED:
			org_cache_valid = true;
			break;
		case CACHE_LOAD_STATEMENT:
			org_cache_valid = true;
			org_statement_only = true;
			break;
		case CACHE_LOAD_STALE:
			/* good for the caller now; the next OrgCacheBegin reloads */
			break;
	}
}

/*
 * OrgCacheBegin --- see the file header.
 */
void
OrgCacheBegin(void)
{
	if (CacheAcceptInvalidationsOncePerStatement(&org_cache_statement) &&
		org_statement_only)
		org_cache_valid = false;
	if (!org_cache_valid)
	{
		PG_TRY();
		{
			OrgCacheLoad();
		}
		PG_CATCH();
		{
			org_cache_valid = false;
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
}

const OrgUnit *
OrgUnitFind(const char *code)
{
	int			i = FindUnitIndex(code);

	return i < 0 ? NULL : &units[i];
}

const OrgStaff *
OrgStaffFind(const char *code)
{
	int			lo = 0;
	int			hi = nstaff - 1;

	if (code == NULL)
		return NULL;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(staff[mid].code, code);

		if (c == 0)
			return &staff[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

const OrgStaff *
OrgStaffByRole(Oid roleid)
{
	int			lo = 0;
	int			hi = nstaff_by_role - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		Oid			r = staff_by_role[mid]->db_role;

		if (r == roleid)
			return staff_by_role[mid];
		if (r < roleid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

bool
OrgCategoryExists(const char *code)
{
	return code != NULL &&
		bsearch(&code, categories, ncategories, sizeof(char *), CompareString) != NULL;
}

const OrgRule *
OrgRuleFind(int64 id)
{
	int			lo = 0;
	int			hi = nrules - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (rules[mid].id == id)
			return &rules[mid];
		if (rules[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

#define MAX_DEPTH 64

/* Ancestors --- unit indexes from unit (depth 0) upwards; returns the count */
static int
Ancestors(int unit, int *chain)
{
	int			n = 0;

	while (unit >= 0 && n <= MAX_DEPTH)
	{
		chain[n++] = unit;
		unit = units[unit].parent;
	}
	return n;
}

/* DepthIn --- depth of code in the chain, -1 when it is not there */
static int
DepthIn(const char *code, const int *chain, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(units[chain[i]].code, code) == 0)
			return i;
	return -1;
}

const char *
OrgUnitSector(const OrgUnit *unit)
{
	int			chain[MAX_DEPTH + 1];
	int			n;
	int			i;

	if (unit == NULL)
		return NULL;
	n = Ancestors((int) (unit - units), chain);
	for (i = 0; i < n; i++)
		if (units[chain[i]].sector != NULL)
			return units[chain[i]].sector;
	return NULL;
}

bool
OrgStaffLeads(const char *code, const OrgUnit *unit)
{
	int			chain[MAX_DEPTH + 1];
	int			n;
	int			i;

	if (unit == NULL || code == NULL)
		return false;
	n = Ancestors((int) (unit - units), chain);
	for (i = 0; i < n; i++)
	{
		const OrgUnit *u = &units[chain[i]];

		if ((u->head_staff != NULL && strcmp(u->head_staff, code) == 0) ||
			(u->supervisor_staff != NULL && strcmp(u->supervisor_staff, code) == 0))
			return true;
	}
	return false;
}

/* EqualOrAny --- a rule or route criterion: NULL matches anything */
static bool
EqualOrAny(const char *criterion, const char *value)
{
	return criterion == NULL || (value != NULL && strcmp(criterion, value) == 0);
}

const char *
OrgRoute(const char *from_unit, const char *category, const char *region, bool *routed)
{
	int			chain[MAX_DEPTH + 1];
	int			n;
	int			from = FindUnitIndex(from_unit);
	const OrgRouteRow *best = NULL;
	int			best_score = -1;
	int			best_depth = INT_MAX;
	int			i;

	n = from >= 0 ? Ancestors(from, chain) : 0;
	for (i = 0; i < nroutes; i++)
	{
		const OrgRouteRow *r = &routes[i];
		int			depth = INT_MAX;
		int			score;

		if (r->scope_unit != NULL && (depth = DepthIn(r->scope_unit, chain, n)) < 0)
			continue;
		if (!EqualOrAny(r->category, category) || !EqualOrAny(r->region, region))
			continue;
		score = (r->category != NULL ? 2 : 0) + (r->region != NULL ? 1 : 0);
		/* routes are in id order, so the first of equals wins */
		if (score > best_score || (score == best_score && depth < best_depth))
		{
			best = r;
			best_score = score;
			best_depth = depth;
		}
	}
	*routed = best != NULL;
	return best != NULL ? best->unit_code : from_unit;
}

const OrgRule *
OrgRuleMatch(const char *matter, const char *kind, const char *channel,
			 const char *complexity, const char *category, const char *unit)
{
	int			chain[MAX_DEPTH + 1];
	int			n;
	int			u = FindUnitIndex(unit);
	const char *sector = u >= 0 ? OrgUnitSector(&units[u]) : NULL;
	const OrgRule *best = NULL;
	int			best_spec = -1;
	int			best_depth = INT_MAX;
	int			i;

	n = u >= 0 ? Ancestors(u, chain) : 0;
	for (i = 0; i < nrules; i++)
	{
		const OrgRule *r = &rules[i];
		int			depth = INT_MAX;
		int			spec;

		if (!r->enabled || strcmp(r->matter, matter) != 0)
			continue;
		if (!EqualOrAny(r->kind, kind) || !EqualOrAny(r->channel, channel) ||
			!EqualOrAny(r->complexity, complexity) || !EqualOrAny(r->category, category) ||
			!EqualOrAny(r->sector, sector))
			continue;
		if (r->unit_code != NULL && (depth = DepthIn(r->unit_code, chain, n)) < 0)
			continue;
		spec = (r->kind != NULL) + (r->channel != NULL) + (r->complexity != NULL) +
			(r->category != NULL) + (r->sector != NULL) + (r->unit_code != NULL);
		/* rules are in id order, so the first of equals wins */
		if (best == NULL || r->priority > best->priority ||
			(r->priority == best->priority &&
			 (spec > best_spec || (spec == best_spec && depth < best_depth))))
		{
			best = r;
			best_spec = spec;
			best_depth = depth;
		}
	}
	return best;
}

/*
 * complaint_org_changed --- AFTER ... FOR EACH STATEMENT trigger on the
 * five tables: queue the invalidation that makes every backend reload.
 */
Datum
complaint_org_changed(PG_FUNCTION_ARGS)
{
	static const TriggerSpec spec = {
		"complaint.org_changed()", TRIGGER_AFTER, 0, TRG_EV_WRITE | TRG_EV_TRUNCATE,
		TriggerOrgTables
	};
	TriggerData *trigdata = TriggerCheck(fcinfo, &spec);
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}
