/*-------------------------------------------------------------------------
 *
 * src/calendar.c
 *	  Loads calendars from the complaint.calendar* tables, validates them and
 *	  keeps a per-backend cache of compiled calendars.
 *
 * Cache lifetime and invalidation:
 *	- Compiled calendars live in their own memory contexts under
 *	  CalendarCacheContext (a child of CacheMemoryContext), one per calendar,
 *	  so the size of each is known and a reset frees them all.
 *	- The statement trigger complaint.calendar_changed() (installed on all
 *	  four calendar tables) validates every calendar by compiling it and then
 *	  queues a relcache invalidation of complaint.calendar.  Every backend,
 *	  this one included, receives it through the relcache callback below,
 *	  which only sets a flag; the next lookup drops the whole cache and bumps
 *	  CalendarCacheGeneration so that pointers memoised in fn_extra are never
 *	  used again.
 *	- Other backends process invalidation messages at transaction start and
 *	  when they lock a relation.  So that a change is seen at the very next
 *	  statement even inside an open transaction, the first lookup of every
 *	  statement calls AcceptInvalidationMessages() itself.
 *	- A calendar is compiled from the newest committed state, not from the
 *	  statement's or the transaction's snapshot, and kept only if no
 *	  invalidation arrived while it was read (cache_util.c has the rule and
 *	  why).  In REPEATABLE READ a lookup thus sees the calendars as last
 *	  committed.
 *	- The callback recognises complaint.calendar by the OID it had when the
 *	  cache was last filled; the OID is forgotten with every invalidation of
 *	  that table (or of all relations), so that after DROP EXTENSION and
 *	  CREATE EXTENSION the new table is looked up again, in a backend as in
 *	  the background worker.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "cache_util.h"
#include "calendar.h"
#include "complaint.h"
#include "spi_util.h"
#include "trigger_check.h"

/* one cached calendar */
typedef struct CachedCalendar
{
	struct CachedCalendar *next;
	MemoryContext context;		/* holds this entry and its calendar */
	CompiledCalendar cal;
} CachedCalendar;

/* what CalendarFromArg keeps in fn_extra */
typedef struct CalendarArgCache
{
	uint64		generation;
	TimestampTz statement;
	const CompiledCalendar *cal;
} CalendarArgCache;

static MemoryContext CalendarCacheContext = NULL;
static CachedCalendar *CalendarCacheList = NULL;
static uint64 CalendarCacheGeneration = 1;
static bool CalendarCacheValid = true;
static bool CalendarCacheStatementOnly = false;	/* filled in parallel mode */
static uint64 CalendarInvalidations = 0;	/* bumped by the callback */
static Oid	CalendarTableOid = InvalidOid;
static TimestampTz CalendarCacheStatement = 0;

PG_FUNCTION_INFO_V1(complaint_calendar_changed);
PG_FUNCTION_INFO_V1(complaint_is_valid_time_zone);
PG_FUNCTION_INFO_V1(complaint_calendar_cache_size);

/*
 * CalendarRelcacheCallback --- a calendar table changed, was dropped, or
 * every relation was invalidated: drop the cache at the next lookup and
 * look the table's OID up again.
 */
static void
CalendarRelcacheCallback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == CalendarTableOid)
	{
		CalendarCacheValid = false;
		CalendarTableOid = InvalidOid;
		CalendarInvalidations++;
	}
}

/* CalendarCacheInit --- register the invalidation callback (from _PG_init) */
void
CalendarCacheInit(void)
{
	CacheRegisterRelcacheCallback(CalendarRelcacheCallback, (Datum) 0);
}

/* CalendarCacheReset --- drop every compiled calendar */
static void
CalendarCacheReset(void)
{
	if (CalendarCacheContext != NULL)
		MemoryContextReset(CalendarCacheContext);
	CalendarCacheList = NULL;
	CalendarCacheGeneration++;
	CalendarCacheValid = true;
	CalendarCacheStatementOnly = false;
}

/*
 * CalendarCacheCheck --- once per statement, take in pending invalidation
 * messages (and forget calendars that were good for one statement only);
 * then drop the cache if a calendar table changed.
 */
static void
CalendarCacheCheck(void)
{
	if (CacheAcceptInvalidationsOncePerStatement(&CalendarCacheStatement) &&
		CalendarCacheStatementOnly)
		CalendarCacheValid = false;
	if (!CalendarCacheValid)
		CalendarCacheReset();
}

/* TimeZoneLookup --- the zone called name, or NULL */
static pg_tz *
TimeZoneLookup(const char *name)
{
	pg_tz	   *tz = pg_tzset(name);

	if (tz == NULL || !pg_tz_acceptable(tz))
		return NULL;
	return tz;
}

/* ReportUnknownTimeZone --- 22023 for a zone PostgreSQL does not know */
static void
ReportUnknownTimeZone(const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("time zone \"%s\" is not recognized", name),
			 errhint("Use a zone from pg_timezone_names, such as \"Asia/Shanghai\".")));
}

/* complaint.is_valid_time_zone(text): true, or 22023 (used by a CHECK) */
Datum
complaint_is_valid_time_zone(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (TimeZoneLookup(name) == NULL)
		ReportUnknownTimeZone(name);
	PG_RETURN_BOOL(true);
}

/* ---------------------------------------------------------------------
 * Loading
 * ---------------------------------------------------------------------
 */

/* one working interval as read from a table row */
typedef struct HoursRow
{
	int			key;			/* weekday (0 = Sunday) or exception index */
	int64		start;
	int64		end;
} HoursRow;

/* the four tables of one calendar, read with the active snapshot */
static SpiCachedPlan calendar_row_plan = {
	"SELECT time_zone, work_weekdays FROM complaint.calendar WHERE name OPERATOR(pg_catalog.=) $1",
	1, {TEXTOID}, NULL
};
static SpiCachedPlan calendar_hours_plan = {
	"SELECT isodow, starts, ends FROM complaint.calendar_hours"
	" WHERE calendar OPERATOR(pg_catalog.=) $1 ORDER BY isodow, starts",
	1, {TEXTOID}, NULL
};
static SpiCachedPlan calendar_days_plan = {
	"SELECT day, kind OPERATOR(pg_catalog.=) 'workday' FROM complaint.calendar_day"
	" WHERE calendar OPERATOR(pg_catalog.=) $1 ORDER BY day",
	1, {TEXTOID}, NULL
};
static SpiCachedPlan calendar_day_hours_plan = {
	"SELECT day, starts, ends FROM complaint.calendar_day_hours"
	" WHERE calendar OPERATOR(pg_catalog.=) $1 ORDER BY day, starts",
	1, {TEXTOID}, NULL
};

/*
 * CalendarQuery --- run one of the plans above for a calendar name.  SPI
 * leaves its own procedure context current after every call; we switch
 * back to the context the calendar is being built in.
 */
static void
CalendarQuery(SpiCachedPlan *plan, const char *name)
{
	MemoryContext target = CurrentMemoryContext;
	Datum		args[1];

	args[0] = CStringGetTextDatum(name);
	SpiRun(plan, args, NULL, true, 0, SPI_OK_SELECT);
	MemoryContextSwitchTo(target);
}

static const char *
IsoWeekdayName(int isodow)
{
	static const char *const names[] = {"", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday", "Sunday"};

	return names[isodow];
}

static char *
TimeText(int64 usecs)
{
	return DatumGetCString(DirectFunctionCall1(time_out, TimeADTGetDatum(usecs)));
}

/*
 * BuildDayHours --- turn the sorted rows rows[from..to) into a DayHours,
 * rejecting overlapping intervals (22023).  what names the day in errors.
 */
static void
BuildDayHours(DayHours *hours, const HoursRow *rows, int from, int to,
			  const char *calname, const char *what)
{
	hours->count = to - from;
	hours->total = 0;
	hours->intervals = hours->count > 0 ? palloc(sizeof(WorkInterval) * hours->count) : NULL;
	for (int i = 0; i < hours->count; i++)
	{
		const HoursRow *row = &rows[from + i];

		if (i > 0 && row->start < hours->intervals[i - 1].end)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("overlapping working hours in calendar \"%s\"", calname),
					 errdetail("On %s, %s-%s overlaps %s-%s.", what,
							   TimeText(hours->intervals[i - 1].start),
							   TimeText(hours->intervals[i - 1].end),
							   TimeText(row->start), TimeText(row->end)),
					 errhint("Merge the intervals or make them follow one another.")));
		hours->intervals[i].start = row->start;
		hours->intervals[i].end = row->end;
		hours->total += row->end - row->start;
	}
}

/* LoadCalendarRow --- time zone and working weekdays; false if no such calendar */
static bool
LoadCalendarRow(CompiledCalendar *cal, const char *name)
{
	bool		isnull;
	ArrayType  *weekdays;
	Datum	   *elems;
	int			nelems;

	CalendarQuery(&calendar_row_plan, name);
	if (SPI_processed == 0)
		return false;

	cal->time_zone = TextDatumGetCString(SpiGetDatum(0, 1, &isnull));
	cal->tz = TimeZoneLookup(cal->time_zone);
	if (cal->tz == NULL)
		ReportUnknownTimeZone(cal->time_zone);

	weekdays = DatumGetArrayTypeP(SpiGetDatum(0, 2, &isnull));
	deconstruct_array(weekdays, INT2OID, 2, true, 's', &elems, NULL, &nelems);
	for (int i = 0; i < nelems; i++)
	{
		int			isodow = DatumGetInt16(elems[i]);

		if (isodow < 1 || isodow > 7)
			elog(ERROR, "weekday %d out of range", isodow); /* CHECK prevents it */
		cal->work_weekday[isodow % 7] = true;
	}
	return true;
}

/* LoadWeekHours --- working hours per weekday */
static void
LoadWeekHours(CompiledCalendar *cal)
{
	uint64		n;
	HoursRow   *rows;
	uint64		from = 0;
	bool		isnull;

	CalendarQuery(&calendar_hours_plan, cal->name);
	n = SPI_processed;
	rows = palloc(sizeof(HoursRow) * Max(n, 1));
	for (uint64 i = 0; i < n; i++)
	{
		rows[i].key = DatumGetInt16(SpiGetDatum(i, 1, &isnull));
		rows[i].start = DatumGetTimeADT(SpiGetDatum(i, 2, &isnull));
		rows[i].end = DatumGetTimeADT(SpiGetDatum(i, 3, &isnull));
	}
	for (int isodow = 1; isodow <= 7; isodow++)
	{
		uint64		to = from;

		while (to < n && rows[to].key == isodow)
			to++;
		BuildDayHours(&cal->week_hours[isodow % 7], rows, (int) from, (int) to,
					  cal->name, IsoWeekdayName(isodow));
		from = to;
	}
	pfree(rows);

	/* a working exception without hours of its own works the first weekday's hours */
	cal->makeup_hours = NULL;
	for (int isodow = 1; isodow <= 7 && cal->makeup_hours == NULL; isodow++)
		if (cal->work_weekday[isodow % 7] && cal->week_hours[isodow % 7].count > 0)
			cal->makeup_hours = &cal->week_hours[isodow % 7];
	if (cal->makeup_hours == NULL)
	{
		cal->makeup_hours = palloc0(sizeof(DayHours));
	}
}

/* LoadExceptions --- the dated exceptions and their own working hours */
static void
LoadExceptions(CompiledCalendar *cal)
{
	uint64		n;
	bool		isnull;
	HoursRow   *rows;
	bool	   *has_own;

	CalendarQuery(&calendar_days_plan, cal->name);
	n = SPI_processed;
	cal->nexc = (int) n;
	cal->exc_day = palloc(sizeof(DateADT) * Max(n, 1));
	cal->exc_working = palloc(sizeof(bool) * Max(n, 1));
	cal->exc_hours = palloc0(sizeof(DayHours) * Max(n, 1));
	has_own = palloc0(sizeof(bool) * Max(n, 1));
	for (uint64 i = 0; i < n; i++)
	{
		cal->exc_day[i] = DatumGetDateADT(SpiGetDatum(i, 1, &isnull));
		cal->exc_working[i] = DatumGetBool(SpiGetDatum(i, 2, &isnull));
	}

	CalendarQuery(&calendar_day_hours_plan, cal->name);
	rows = palloc(sizeof(HoursRow) * Max(SPI_processed, 1));
	for (uint64 i = 0, k = 0; i < SPI_processed; i++)
	{
		DateADT		day = DatumGetDateADT(SpiGetDatum(i, 1, &isnull));

		while (k < n && cal->exc_day[k] < day)
			k++;
		if (k >= n || cal->exc_day[k] != day)
			elog(ERROR, "working hours for a day that is not an exception");	/* FK prevents it */
		rows[i].key = (int) k;
		rows[i].start = DatumGetTimeADT(SpiGetDatum(i, 2, &isnull));
		rows[i].end = DatumGetTimeADT(SpiGetDatum(i, 3, &isnull));
	}
	for (uint64 i = 0; i < SPI_processed;)
	{
		uint64		to = i;
		int			k = rows[i].key;
		char	   *what = DatumGetCString(DirectFunctionCall1(date_out,
															   DateADTGetDatum(cal->exc_day[k])));

		while (to < SPI_processed && rows[to].key == k)
			to++;
		if (!cal->exc_working[k])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("working hours given for holiday %s in calendar \"%s\"", what, cal->name),
					 errhint("Only a day of kind 'workday' can have working hours of its own.")));
		BuildDayHours(&cal->exc_hours[k], rows, (int) i, (int) to, cal->name, what);
		has_own[k] = true;
		i = to;
	}
	for (uint64 i = 0; i < n; i++)
		if (cal->exc_working[i] && !has_own[i])
			cal->exc_hours[i] = *cal->makeup_hours;
	pfree(rows);
	pfree(has_own);
}

/* BuildLines --- the working-day and working-time DayLines */
static void
BuildLines(CompiledCalendar *cal)
{
	int64		day_weight[7];
	int64		time_weight[7];
	int			n = cal->nexc;
	int64	   *exc_days = palloc(sizeof(int64) * Max(n, 1));
	int64	   *exc_time = palloc(sizeof(int64) * Max(n, 1));

	for (int wd = 0; wd < 7; wd++)
	{
		day_weight[wd] = cal->work_weekday[wd] ? 1 : 0;
		time_weight[wd] = cal->work_weekday[wd] ? cal->week_hours[wd].total : 0;
	}
	for (int i = 0; i < n; i++)
	{
		exc_days[i] = cal->exc_working[i] ? 1 : 0;
		exc_time[i] = cal->exc_working[i] ? cal->exc_hours[i].total : 0;
	}
	DayLineBuild(&cal->days, day_weight, n, cal->exc_day, exc_days,
				 palloc(sizeof(int64) * Max(n, 1)), palloc(sizeof(int64) * Max(n, 1)));
	DayLineBuildDense(&cal->days);
	DayLineBuild(&cal->time, time_weight, n, cal->exc_day, exc_time,
				 palloc(sizeof(int64) * Max(n, 1)), palloc(sizeof(int64) * Max(n, 1)));
	pfree(exc_days);
	pfree(exc_time);
}

/*
 * CompileCalendar --- read and validate calendar name into cal, allocating
 * in the current memory context.  Returns false when there is no such
 * calendar.  Runs its own SPI connection.
 */
static bool
CompileCalendar(CompiledCalendar *cal, const char *name)
{
	bool		found;
	MemoryContext target = CurrentMemoryContext;
	SpiSession	session;

	memset(cal, 0, sizeof(CompiledCalendar));
	cal->name = pstrdup(name);

	/*
	 * Read as the tables' owner: calendars are not confidential, and the
	 * compiled calendar is shared by every role of the backend, so what a
	 * caller may compute must not depend on who compiled it first.
	 * SPI_connect switches to its own context: build the calendar in ours.
	 */
	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, CALENDAR_TABLE));
	MemoryContextSwitchTo(target);
	found = LoadCalendarRow(cal, name);
	if (found)
	{
		LoadWeekHours(cal);
		LoadExceptions(cal);
		BuildLines(cal);
	}
	SpiEnd(&session);
	return found;
}

/* CalendarTableLookup --- OID of complaint.calendar, for the callback */
static Oid
CalendarTableLookup(void)
{
	Oid			nsp = get_namespace_oid(COMPLAINT_SCHEMA, true);

	return OidIsValid(nsp) ? get_relname_relid(CALENDAR_TABLE, nsp) : InvalidOid;
}

/* CalendarLookup --- see calendar.h */
const CompiledCalendar *
CalendarLookup(const char *name)
{
	CachedCalendar *entry;
	MemoryContext context;
	MemoryContext old;
	bool		found;
	CacheLoad	load;

	CalendarCacheCheck();
	for (entry = CalendarCacheList; entry != NULL; entry = entry->next)
		if (strcmp(entry->cal.name, name) == 0)
			return &entry->cal;

	if (CalendarCacheContext == NULL)
		CalendarCacheContext = AllocSetContextCreate(CacheMemoryContext,
													 "complaint calendar cache",
													 ALLOCSET_SMALL_SIZES);

	context = AllocSetContextCreate(CalendarCacheContext, "complaint calendar",
									ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(context);
	PG_TRY();
	{
		/* the counter first, then the table's OID, then the newest rows */
		CacheLoadBegin(&load, &CalendarInvalidations);
		if (!OidIsValid(CalendarTableOid))
			CalendarTableOid = CalendarTableLookup();
		entry = palloc0(sizeof(CachedCalendar));
		found = CompileCalendar(&entry->cal, name);
		switch (CacheLoadEnd(&load, &CalendarInvalidations))
		{
			case CACHE_LOAD_TRUSTED:
				break;
			case CACHE_LOAD_STATEMENT:
				CalendarCacheStatementOnly = true;
				break;
			case CACHE_LOAD_STALE:
				/* good for the caller now; the next lookup starts afresh */
				CalendarCacheValid = false;
				break;
		}
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(context);
		PG_RE_THROW();
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);

	if (!found)
	{
		MemoryContextDelete(context);
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%s\" does not exist", name),
				 errhint("Calendars are rows of complaint.calendar; the built-in one is \"CN\".")));
	}
	entry->context = context;
	entry->cal.bytes = MemoryContextMemAllocated(context, true);
	entry->next = CalendarCacheList;
	CalendarCacheList = entry;
	return &entry->cal;
}

/* CalendarFromArg --- see calendar.h */
const CompiledCalendar *
CalendarFromArg(FunctionCallInfo fcinfo, int argno)
{
	CalendarArgCache *memo = (CalendarArgCache *) fcinfo->flinfo->fn_extra;
	text	   *arg = PG_GETARG_TEXT_PP(argno);
	char	   *name;

	/* fast path: same statement, same cache generation, same name */
	if (memo != NULL &&
		memo->generation == CalendarCacheGeneration &&
		memo->statement == GetCurrentStatementStartTimestamp() &&
		CalendarCacheValid)
	{
		size_t		len = VARSIZE_ANY_EXHDR(arg);

		if (strlen(memo->cal->name) == len &&
			memcmp(memo->cal->name, VARDATA_ANY(arg), len) == 0)
			return memo->cal;
	}

	name = text_to_cstring(arg);
	if (memo == NULL)
	{
		memo = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CalendarArgCache));
		fcinfo->flinfo->fn_extra = memo;
	}
	memo->cal = CalendarLookup(name);
	memo->generation = CalendarCacheGeneration;
	memo->statement = CalendarCacheStatement;
	pfree(name);
	return memo->cal;
}

/* ---------------------------------------------------------------------
 * Validation trigger and introspection
 * ---------------------------------------------------------------------
 */

/*
 * complaint.calendar_changed() --- AFTER ... FOR EACH STATEMENT trigger on
 * the calendar tables: compile every calendar (raising the same errors a
 * later lookup would, so that a bad change is refused as it is written),
 * then queue the invalidation that makes every backend reload.
 */
Datum
complaint_calendar_changed(PG_FUNCTION_ARGS)
{
	static const TriggerSpec spec = {
		"complaint.calendar_changed()", TRIGGER_AFTER, 0, TRG_EV_WRITE | TRG_EV_TRUNCATE,
		TriggerCalendarTables
	};
	MemoryContext context;
	MemoryContext old;
	List	   *names = NIL;
	ListCell   *lc;

	(void) TriggerCheck(fcinfo, &spec);

	/*
	 * The statement's own rows are invisible to the snapshot the trigger runs
	 * with: make them visible before compiling.
	 */
	CommandCounterIncrement();
	PushCopiedSnapshot(GetActiveSnapshot());
	UpdateActiveSnapshotCommandId();
	context = AllocSetContextCreate(CurrentMemoryContext, "complaint calendar check",
									ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(context);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");	/* internal error */
	if (SPI_execute("SELECT name FROM complaint.calendar ORDER BY name", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not list calendars");	/* internal error */
	MemoryContextSwitchTo(context);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		names = lappend(names, TextDatumGetCString(SpiGetDatum(i, 1, &isnull)));
	}
	SPI_finish();

	foreach(lc, names)
	{
		CompiledCalendar cal;

		CompileCalendar(&cal, (const char *) lfirst(lc));
	}

	MemoryContextSwitchTo(old);
	MemoryContextDelete(context);
	PopActiveSnapshot();

	/* every backend's callback watches complaint.calendar */
	CacheInvalidateRelcacheByRelid(CalendarTableLookup());
	return PointerGetDatum(NULL);
}

/* complaint.calendar_cache_size(text) → bigint: bytes this backend uses for it */
Datum
complaint_calendar_cache_size(PG_FUNCTION_ARGS)
{
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 0);

	PG_RETURN_INT64((int64) cal->bytes);
}
