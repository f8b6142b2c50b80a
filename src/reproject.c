/*-------------------------------------------------------------------------
 *
 * src/reproject.c
 *	  Re-projection of open cases when a calendar or a time-limit rule
 *	  changes: the time already used stays fixed, the rest is counted on
 *	  the new calendar (or with the new limit).  Cases whose clock no
 *	  longer matters (answered, closed, referred out) never change.
 *
 *	  complaint.reproject_snapshot()  BEFORE ... FOR EACH STATEMENT on the
 *		calendar tables: measures, on the calendar as it still is, the
 *		working time each running case has used (up to now, or up to its
 *		pause).
 *	  complaint.reproject_calendar()  AFTER ... FOR EACH STATEMENT on the
 *		calendar tables (named to fire after complaint.calendar_changed,
 *		which validates the change and invalidates the calendar cache):
 *		re-bases each case's origin on the new calendar so that the same
 *		time has been used, recomputes the deadlines, and updates the
 *		cases whose deadlines moved, each with a "reprojected" event.
 *		The acceptance clock of a case still waiting for the decision to
 *		accept (status registered, acceptance_from set) is re-projected
 *		the same way: acceptance_from re-based, acceptance_due recounted.
 *	  complaint.reproject_rule()  AFTER UPDATE FOR EACH ROW on
 *		complaint.time_limit_rule when lim changed: the cases under the
 *		rule (without an imposed limit) keep their origin and get the new
 *		limit; the cases whose acceptance limit came from the rule
 *		(acceptance_rule_id) and are still waiting for the decision get
 *		the new acceptance limit from the same acceptance_from.
 *	  ReprojectResumedCase()  for complaint.case_guard(): an answered case
 *		is not re-projected (its clock no longer runs); when the
 *		complainant is not satisfied and it goes back to in_progress, its
 *		deadline is counted again on its calendar as it is then, so that
 *		the calendar changes made while it was answered count.
 *
 * Each takes the clock lock (clock_lock.c) before it reads the running
 * cases, so that a registration, reopening, resumption or
 * reclassification under way
 * either commits first and is re-projected, or waits and counts on the
 * new calendar or limit.  In REPEATABLE READ or SERIALIZABLE, a case that
 * started its clock after the transaction's snapshot is invisible to the
 * re-projection: it fails with 40001 when there is one.
 *
 * State: snapshots, a stack (one entry per calendar statement in
 * progress, nested statements included) in TopTransactionContext; the
 * transaction callback forgets it at commit and abort.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "case_clock.h"
#include "clock_lock.h"
#include "complaint.h"
#include "json_util.h"
#include "reproject.h"
#include "spi_util.h"
#include "trg_case.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(complaint_reproject_snapshot);
PG_FUNCTION_INFO_V1(complaint_reproject_calendar);
PG_FUNCTION_INFO_V1(complaint_reproject_rule);

/* statuses whose deadline is still running (or paused) */
#define RUNNING_STATUSES \
	"('registered', 'accepted', 'transferred', 'in_progress', 'waiting_materials', 'reopened')"

typedef struct UsedEntry
{
	int64		case_id;
	int64		used;
} UsedEntry;

typedef struct UsedSnapshot
{
	struct UsedSnapshot *next;
	TimestampTz at;
	int			n;
	UsedEntry  *entries;		/* sorted by case_id */
	int			acc_n;
	UsedEntry  *acc_entries;	/* acceptance clocks, sorted by case_id */
} UsedSnapshot;

static UsedSnapshot *snapshots = NULL;
static bool callback_registered = false;

static void
ReprojectXactCallback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_COMMIT ||
		event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PARALLEL_COMMIT ||
		event == XACT_EVENT_PREPARE)
		snapshots = NULL;
}

/*
 * The cases a re-projection may rewrite are read FOR NO KEY UPDATE (in id
 * order, so that two re-projections never deadlock): a step taken at the
 * same time (complaint.materials_received() moving clock_from, ...)
 * either commits first, and then the row is read as it left it, or waits
 * until the re-projection commits and then works on the re-projected row.
 * A re-projection never writes a clock computed from a row a concurrent
 * step has changed since.  The calendar trigger locks in its BEFORE half,
 * so the time used it measures there stays true until the rewrite.
 */
static SpiCachedPlan running_plan = {
	"SELECT id, calendar, clock_from, clock_limit, extended_by, deadline,"
	"       original_deadline, paused_at, status::text"
	"  FROM complaint.cases"
	" WHERE status IN " RUNNING_STATUSES
	" ORDER BY id FOR NO KEY UPDATE",
	0, {InvalidOid}, NULL
};

static SpiCachedPlan rule_cases_plan = {
	"SELECT id, calendar, clock_from, clock_limit, extended_by, deadline,"
	"       original_deadline, paused_at, status::text"
	"  FROM complaint.cases"
	" WHERE status IN " RUNNING_STATUSES " AND rule_id = $1 AND imposed_limit IS NULL"
	" ORDER BY id FOR NO KEY UPDATE",
	1, {INT8OID}, NULL
};

static SpiCachedPlan update_plan = {
	"UPDATE complaint.cases"
	"   SET clock_from = $2, clock_limit = $3::complaint.time_limit,"
	"       deadline = $4, original_deadline = $5"
	" WHERE id = $1",
	5, {INT8OID, TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID}, NULL
};

/* the acceptance clocks still running: cases waiting for the decision */
#define ACCEPTANCE_RUNNING_SQL \
	"SELECT id, calendar, acceptance_from, acceptance_limit, acceptance_due" \
	"  FROM complaint.cases" \
	" WHERE status = 'registered' AND acceptance_from IS NOT NULL"

static SpiCachedPlan acceptance_running_plan = {
	ACCEPTANCE_RUNNING_SQL " ORDER BY id FOR NO KEY UPDATE",
	0, {InvalidOid}, NULL
};

static SpiCachedPlan acceptance_rule_plan = {
	ACCEPTANCE_RUNNING_SQL " AND acceptance_rule_id = $1 ORDER BY id FOR NO KEY UPDATE",
	1, {INT8OID}, NULL
};

static SpiCachedPlan acceptance_update_plan = {
	"UPDATE complaint.cases"
	"   SET acceptance_from = $2, acceptance_limit = $3::complaint.time_limit,"
	"       acceptance_due = $4"
	" WHERE id = $1",
	4, {INT8OID, TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID}, NULL
};

/*
 * Counts of the cases the plans above lock, read with a snapshot taken
 * now (UnseenCasesCheck)
 */
static SpiCachedPlan running_count_plan = {
	"SELECT count(*) FROM complaint.cases WHERE status IN " RUNNING_STATUSES,
	0, {InvalidOid}, NULL
};

static SpiCachedPlan rule_cases_count_plan = {
	"SELECT count(*) FROM complaint.cases"
	" WHERE status IN " RUNNING_STATUSES " AND rule_id = $1 AND imposed_limit IS NULL",
	1, {INT8OID}, NULL
};

static SpiCachedPlan acceptance_rule_count_plan = {
	"SELECT count(*) FROM complaint.cases"
	" WHERE status = 'registered' AND acceptance_from IS NOT NULL AND acceptance_rule_id = $1",
	1, {INT8OID}, NULL
};

/*
 * UnseenCasesCheck --- inside an SPI session, after the re-projection
 * locked the seen cases that count_plan counts: in a transaction with one
 * snapshot for all its statements (REPEATABLE READ, SERIALIZABLE), 40001
 * when a snapshot taken now counts more.  The locked cases are unchanged
 * since the transaction's snapshot (locking one changed after it fails
 * with 40001 already) and stay so, so a higher count is a case that
 * started its clock (registered, reopened, resumed, reclassified) after the
 * snapshot, with the calendar or limit before this change, and that the
 * re-projection cannot see.  The clock lock, held now, keeps new ones off.
 */
static void
UnseenCasesCheck(SpiCachedPlan *count_plan, Datum *values, const char *nulls,
				 int seen)
{
	bool		isnull;
	int64		now_count;

	if (!IsolationUsesXactSnapshot())
		return;
	PushActiveSnapshot(GetLatestSnapshot());
	SpiRun(count_plan, values, nulls, true, 0, SPI_OK_SELECT);
	now_count = DatumGetInt64(SpiGetDatum(0, 1, &isnull));
	PopActiveSnapshot();
	if (now_count > seen)
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not serialize access due to a case whose clock started concurrently"),
				 errdetail("A case started its clock after this transaction's snapshot was taken; its deadline would not be re-projected."),
				 errhint("Retry the transaction, or change calendars and rules in READ COMMITTED.")));
}

/* one running case, copied out of SPI memory */
typedef struct RunningCase
{
	int64		id;
	char	   *calendar;
	TimestampTz clock_from;
	TimeLimit	lim;
	bool		has_ext;
	TimeLimit	ext;
	TimestampTz deadline;
	TimestampTz original;
	bool		paused;
	TimestampTz paused_at;
} RunningCase;

/* FetchRunning --- the rows of the last SPI query as RunningCase */
static RunningCase *
FetchRunning(int *count)
{
	RunningCase *cases;
	uint64		i;

	*count = (int) SPI_processed;
	cases = SPI_palloc(sizeof(RunningCase) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		RunningCase *c = &cases[i];
		bool		isnull;
		Datum		d;

		c->id = DatumGetInt64(SpiGetDatum(i, 1, &isnull));
		c->calendar = SpiGetTextCopy(i, 2);
		c->clock_from = DatumGetTimestampTz(SpiGetDatum(i, 3, &isnull));
		c->lim = *DatumGetTimeLimitP(SpiGetDatum(i, 4, &isnull));
		d = SpiGetDatum(i, 5, &isnull);
		c->has_ext = !isnull;
		if (!isnull)
			c->ext = *DatumGetTimeLimitP(d);
		c->deadline = DatumGetTimestampTz(SpiGetDatum(i, 6, &isnull));
		c->original = DatumGetTimestampTz(SpiGetDatum(i, 7, &isnull));
		d = SpiGetDatum(i, 8, &isnull);
		c->paused = !isnull;
		c->paused_at = isnull ? 0 : DatumGetTimestampTz(d);
	}
	return cases;
}

/* ClockAt --- where a case's clock stands: now, or where it stopped */
static TimestampTz
ClockAt(const RunningCase *c, TimestampTz now)
{
	return c->paused ? c->paused_at : now;
}

/*
 * SystemUpdate --- run an UPDATE of complaint.cases as a system step: the
 * workflow lets it change the clock columns and records a "reprojected"
 * event with detail
 */
static void
SystemUpdate(SpiCachedPlan *plan, Datum *values, const char *nulls, const char *detail)
{
	CaseSystemUpdateBegin(detail);
	PG_TRY();
	{
		SpiRun(plan, values, nulls, false, 0, SPI_OK_UPDATE);
	}
	PG_FINALLY();
	{
		CaseSystemUpdateEnd();
	}
	PG_END_TRY();
}

/* UpdateCase --- write a re-projected clock, recorded as a system step */
static void
UpdateCase(const RunningCase *c, TimestampTz from, const TimeLimit *lim,
		   TimestampTz deadline, TimestampTz original, const char *detail)
{
	Datum		v[5];
	char		n[5] = {' ', ' ', ' ', ' ', ' '};

	v[0] = Int64GetDatum(c->id);
	v[1] = TimestampTzGetDatum(from);
	v[2] = CStringGetTextDatum(TimeLimitToString(lim));
	v[3] = TimestampTzGetDatum(deadline);
	v[4] = TimestampTzGetDatum(original);
	SystemUpdate(&update_plan, v, n, detail);
}

/* one acceptance clock still running, copied out of SPI memory */
typedef struct AcceptanceClock
{
	int64		id;
	char	   *calendar;
	TimestampTz from;
	TimeLimit	lim;
	TimestampTz due;
} AcceptanceClock;

/* FetchAcceptance --- the rows of the last SPI query as AcceptanceClock */
static AcceptanceClock *
FetchAcceptance(int *count)
{
	AcceptanceClock *clocks;
	uint64		i;

	*count = (int) SPI_processed;
	clocks = SPI_palloc(sizeof(AcceptanceClock) * (SPI_processed + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		AcceptanceClock *a = &clocks[i];
		bool		isnull;

		a->id = DatumGetInt64(SpiGetDatum(i, 1, &isnull));
		a->calendar = SpiGetTextCopy(i, 2);
		a->from = DatumGetTimestampTz(SpiGetDatum(i, 3, &isnull));
		a->lim = *DatumGetTimeLimitP(SpiGetDatum(i, 4, &isnull));
		a->due = DatumGetTimestampTz(SpiGetDatum(i, 5, &isnull));
	}
	return clocks;
}

/* UpdateAcceptance --- write a re-projected acceptance clock */
static void
UpdateAcceptance(const AcceptanceClock *a, TimestampTz from, const TimeLimit *lim,
				 TimestampTz due, const char *detail)
{
	Datum		v[4];
	char		n[4] = {' ', ' ', ' ', ' '};

	v[0] = Int64GetDatum(a->id);
	v[1] = TimestampTzGetDatum(from);
	v[2] = CStringGetTextDatum(TimeLimitToString(lim));
	v[3] = TimestampTzGetDatum(due);
	SystemUpdate(&acceptance_update_plan, v, n, detail);
}

/* where each trigger of this file belongs (trigger_check.h) */
static const TriggerSpec snapshot_spec = {
	"complaint.reproject_snapshot()", TRIGGER_BEFORE, 0, TRG_EV_WRITE | TRG_EV_TRUNCATE,
	TriggerCalendarTables
};
static const TriggerSpec calendar_spec = {
	"complaint.reproject_calendar()", TRIGGER_AFTER, 0, TRG_EV_WRITE | TRG_EV_TRUNCATE,
	TriggerCalendarTables
};
static const TriggerSpec rule_spec = {
	"complaint.reproject_rule()", TRIGGER_AFTER, TRG_EV_UPDATE, 0, TriggerRuleTable
};

/*
 * complaint_reproject_snapshot --- BEFORE STATEMENT on the calendar tables.
 */
Datum
complaint_reproject_snapshot(PG_FUNCTION_ARGS)
{
	TimestampTz now;
	SpiSession	session;
	RunningCase *cases;
	AcceptanceClock *clocks;
	UsedSnapshot   *snap;
	int			count;
	int			i;

	TriggerData *trigdata = TriggerCheck(fcinfo, &snapshot_spec);

	ClockLockAcquire(trigdata->tg_relation, CLOCK_LOCK_CALENDAR);
	now = ComplaintNow();
	if (!callback_registered)
	{
		RegisterXactCallback(ReprojectXactCallback, NULL);
		callback_registered = true;
	}

	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, CASES_TABLE));
	SpiRun(&running_plan, NULL, NULL, false, 0, SPI_OK_SELECT);
	cases = FetchRunning(&count);
	UnseenCasesCheck(&running_count_plan, NULL, NULL, count);
	SpiEnd(&session);

	snap = MemoryContextAllocZero(TopTransactionContext, sizeof(UsedSnapshot));
	snap->at = now;
	snap->entries = MemoryContextAlloc(TopTransactionContext, sizeof(UsedEntry) * (count + 1));
	for (i = 0; i < count; i++)
	{
		const RunningCase *c = &cases[i];

		snap->entries[snap->n].case_id = c->id;
		snap->entries[snap->n].used =
			ClockUsed(CalendarLookup(c->calendar), c->clock_from, c->lim.unit,
					  ClockAt(c, now));
		snap->n++;
	}
	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, CASES_TABLE));
	SpiRun(&acceptance_running_plan, NULL, NULL, false, 0, SPI_OK_SELECT);
	clocks = FetchAcceptance(&count);
	SpiEnd(&session);

	snap->acc_entries = MemoryContextAlloc(TopTransactionContext, sizeof(UsedEntry) * (count + 1));
	for (i = 0; i < count; i++)
	{
		const AcceptanceClock *a = &clocks[i];

		snap->acc_entries[snap->acc_n].case_id = a->id;
		snap->acc_entries[snap->acc_n].used =
			ClockUsed(CalendarLookup(a->calendar), a->from, a->lim.unit, now);
		snap->acc_n++;
	}

	snap->next = snapshots;
	snapshots = snap;
	return PointerGetDatum(NULL);
}

/* SnapshotUsed --- the used time recorded for a case (binary search) */
static bool
SnapshotUsed(const UsedEntry *entries, int n, int64 case_id, int64 *used)
{
	int			lo = 0;
	int			hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (entries[mid].case_id == case_id)
		{
			*used = entries[mid].used;
			return true;
		}
		if (entries[mid].case_id < case_id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/*
 * ReprojectAcceptanceOnCalendar --- inside the calendar trigger's SPI
 * session: re-base the acceptance clocks still running on the changed
 * calendar (same time used) and recount their acceptance_due.
 */
static void
ReprojectAcceptanceOnCalendar(const UsedSnapshot *snap, const char *table)
{
	AcceptanceClock *clocks;
	int			count;

	SpiRun(&acceptance_running_plan, NULL, NULL, false, 0, SPI_OK_SELECT);
	clocks = FetchAcceptance(&count);
	for (int i = 0; i < count; i++)
	{
		const AcceptanceClock *a = &clocks[i];
		const CompiledCalendar *cal = CalendarLookup(a->calendar);
		TimestampTz from = a->from;
		TimestampTz due;
		int64		used;

		if (SnapshotUsed(snap->acc_entries, snap->acc_n, a->id, &used))
			from = ClockRebase(cal, a->from, a->lim.unit, snap->at, used);
		due = ClockDeadline(cal, from, &a->lim, NULL);
		if (due != a->due)
		{
			JsonObj		d;

			JsonObjInit(&d);
			JsonAddText(&d, "cause", "calendar");
			JsonAddText(&d, "calendar", a->calendar);
			JsonAddText(&d, "table", table);
			JsonAddTimestamp(&d, "as_of", snap->at);
			JsonAddTimestamp(&d, "acceptance_due_before", a->due);
			JsonAddTimestamp(&d, "acceptance_due", due);
			UpdateAcceptance(a, from, &a->lim, due, JsonObjFinish(&d));
		}
	}
}

/*
 * complaint_reproject_calendar --- AFTER STATEMENT on the calendar tables.
 */
Datum
complaint_reproject_calendar(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = TriggerCheck(fcinfo, &calendar_spec);
	UsedSnapshot   *snap;
	SpiSession	session;
	RunningCase *cases;
	int			count;
	int			i;

	snap = snapshots;
	if (snap == NULL)
		return PointerGetDatum(NULL);	/* snapshot trigger missing: nothing to compare */
	snapshots = snap->next;

	/*
	 * Take in the invalidation complaint.calendar_changed() queued: a command
	 * counter increment processes our own pending invalidations, but only
	 * when the current command id was used, so mark it used first.  Then let
	 * the calendar loader, which reads with the active snapshot, see the
	 * statement's rows.
	 */
	(void) GetCurrentCommandId(true);
	CommandCounterIncrement();
	PushCopiedSnapshot(GetActiveSnapshot());
	UpdateActiveSnapshotCommandId();

	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, CASES_TABLE));
	SpiRun(&running_plan, NULL, NULL, false, 0, SPI_OK_SELECT);
	cases = FetchRunning(&count);

	for (i = 0; i < count; i++)
	{
		const RunningCase *c = &cases[i];
		const CompiledCalendar *cal = CalendarLookup(c->calendar);
		TimestampTz at = ClockAt(c, snap->at);
		TimestampTz from = c->clock_from;
		TimestampTz deadline;
		TimestampTz original;
		int64		used;

		if (SnapshotUsed(snap->entries, snap->n, c->id, &used))
			from = ClockRebase(cal, c->clock_from, c->lim.unit, at, used);
		deadline = ClockDeadline(cal, from, &c->lim, c->has_ext ? &c->ext : NULL);
		original = ClockDeadline(cal, from, &c->lim, NULL);
		if (deadline != c->deadline || original != c->original)
		{
			JsonObj		d;

			JsonObjInit(&d);
			JsonAddText(&d, "cause", "calendar");
			JsonAddText(&d, "calendar", c->calendar);
			JsonAddText(&d, "table", RelationGetRelationName(trigdata->tg_relation));
			JsonAddTimestamp(&d, "as_of", at);
			JsonAddTimestamp(&d, "deadline_before", c->deadline);
			JsonAddTimestamp(&d, "deadline", deadline);
			UpdateCase(c, from, &c->lim, deadline, original, JsonObjFinish(&d));
		}
	}
	ReprojectAcceptanceOnCalendar(snap, RelationGetRelationName(trigdata->tg_relation));
	SpiEnd(&session);
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

/*
 * complaint_reproject_rule --- AFTER UPDATE FOR EACH ROW on
 * complaint.time_limit_rule (WHEN the limit changed).
 */
Datum
complaint_reproject_rule(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = TriggerCheck(fcinfo, &rule_spec);
	TupleDesc	desc;
	int			attid;
	int			attlim;
	bool		id_null;
	bool		old_null;
	bool		new_null;
	Datum		d_id;
	Datum		d_old;
	Datum		d_new;
	int64		rule_id;
	TimeLimit	old_lim;
	TimeLimit	new_lim;
	SpiSession	session;
	RunningCase *cases;
	AcceptanceClock *clocks;
	Datum		v[1];
	char		n[1] = {' '};
	int			count;
	int			i;

	desc = RelationGetDescr(trigdata->tg_relation);
	attid = SPI_fnumber(desc, "id");
	attlim = SPI_fnumber(desc, "lim");
	if (attid <= 0 || attlim <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("complaint.reproject_rule() needs columns id and lim")));
	d_id = SPI_getbinval(trigdata->tg_newtuple, desc, attid, &id_null);
	d_old = SPI_getbinval(trigdata->tg_trigtuple, desc, attlim, &old_null);
	d_new = SPI_getbinval(trigdata->tg_newtuple, desc, attlim, &new_null);
	if (id_null || old_null || new_null)
		return PointerGetDatum(NULL);	/* NOT NULL columns: cannot happen */
	rule_id = DatumGetInt64(d_id);
	old_lim = *DatumGetTimeLimitP(d_old);
	new_lim = *DatumGetTimeLimitP(d_new);
	if (TimeLimitCmp(&old_lim, &new_lim) == 0)
		return PointerGetDatum(NULL);

	ClockLockAcquire(trigdata->tg_relation, CLOCK_LOCK_RULE);
	SpiBegin(&session, SpiRelationOwner(COMPLAINT_SCHEMA, CASES_TABLE));
	v[0] = Int64GetDatum(rule_id);
	SpiRun(&rule_cases_plan, v, n, false, 0, SPI_OK_SELECT);
	cases = FetchRunning(&count);
	UnseenCasesCheck(&rule_cases_count_plan, v, n, count);

	for (i = 0; i < count; i++)
	{
		const RunningCase *c = &cases[i];
		const CompiledCalendar *cal = CalendarLookup(c->calendar);
		const TimeLimit *ext = c->has_ext ? &c->ext : NULL;
		TimestampTz deadline;
		TimestampTz original;
		JsonObj		d;

		/* an extension in the old unit is counted from the new deadline */
		deadline = ClockDeadline(cal, c->clock_from, &new_lim, ext);
		original = ClockDeadline(cal, c->clock_from, &new_lim, NULL);

		JsonObjInit(&d);
		JsonAddText(&d, "cause", "rule");
		JsonAddInt(&d, "rule_id", rule_id);
		JsonAddLimit(&d, "limit_before", &c->lim);
		JsonAddLimit(&d, "limit", &new_lim);
		JsonAddTimestamp(&d, "deadline_before", c->deadline);
		JsonAddTimestamp(&d, "deadline", deadline);
		UpdateCase(c, c->clock_from, &new_lim, deadline, original, JsonObjFinish(&d));
	}

	/* the cases waiting for the decision to accept under this rule */
	SpiRun(&acceptance_rule_plan, v, n, false, 0, SPI_OK_SELECT);
	clocks = FetchAcceptance(&count);
	UnseenCasesCheck(&acceptance_rule_count_plan, v, n, count);
	for (i = 0; i < count; i++)
	{
		const AcceptanceClock *a = &clocks[i];
		TimestampTz due = ClockDeadline(CalendarLookup(a->calendar), a->from, &new_lim, NULL);
		JsonObj		d;

		JsonObjInit(&d);
		JsonAddText(&d, "cause", "rule");
		JsonAddInt(&d, "rule_id", rule_id);
		JsonAddLimit(&d, "acceptance_limit_before", &a->lim);
		JsonAddLimit(&d, "acceptance_limit", &new_lim);
		JsonAddTimestamp(&d, "acceptance_due_before", a->due);
		JsonAddTimestamp(&d, "acceptance_due", due);
		UpdateAcceptance(a, a->from, &new_lim, due, JsonObjFinish(&d));
	}
	SpiEnd(&session);
	return PointerGetDatum(NULL);
}

/* ReprojectResumedCase --- see reproject.h */
void
ReprojectResumedCase(CaseRow *row, JsonObj *detail)
{
	const CompiledCalendar *cal = CalendarLookup(CaseText(row, CC_calendar));
	TimestampTz from = DatumGetTimestampTz(CaseGet(row, CC_clock_from));
	const TimeLimit *lim = CaseLimit(row, CC_clock_limit);
	TimestampTz before = DatumGetTimestampTz(CaseGet(row, CC_deadline));
	TimestampTz deadline = ClockDeadline(cal, from, lim, CaseLimit(row, CC_extended_by));

	CaseSetTimestamp(row, CC_deadline, deadline);
	CaseSetTimestamp(row, CC_original_deadline, ClockDeadline(cal, from, lim, NULL));
	if (deadline != before)
	{
		JsonAddTimestamp(detail, "deadline_before", before);
		JsonAddTimestamp(detail, "deadline", deadline);
	}
}
