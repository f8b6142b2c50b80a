/*-------------------------------------------------------------------------
 *
 * src/ladder.c
 *	  complaint.escalation_ladder(): when each rung of a case's escalation
 *	  ladder falls due.
 *
 * Rungs, in order (array positions 1..5):
 *	1 warning				when warn_share of the time from received_at to the
 *							deadline is used, measured like the limit: working
 *							time (inside working hours) for working days and
 *							working minutes, elapsed time for days and minutes
 *	2 handler				the deadline
 *	3 unit head				rung 2 + head_delay
 *	4 supervising leader	rung 3 + leader_delay
 *	5 accountability office	rung 4 + office_delay
 * The delays count in the unit of the case's time limit (working days,
 * calendar days, minutes or working minutes) and follow the counting rules
 * of complaint.deadline(): a delay of 1 working day after a deadline ends at
 * the end of the next working day.  An upgraded complaint starts at rung
 * upgraded_start: the rungs between 2 and it are skipped (NULL) and
 * upgraded_start itself falls due at the deadline.  The warning stays.
 *
 * complaint.ladder_next() and complaint.ladder_reached() read such an array
 * for the sweep: the next rung above those already recorded, and the
 * highest rung fallen due.
 *
 * Pure computation on a cached calendar: no SPI, no state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "deadline.h"
#include "ladder.h"
#include "timelimit.h"

PG_FUNCTION_INFO_V1(complaint_escalation_ladder);
PG_FUNCTION_INFO_V1(complaint_ladder_next);
PG_FUNCTION_INFO_V1(complaint_ladder_reached);

/* LadderShift --- ts plus n units of lim's unit, by the deadline rules */
static TimestampTz
LadderShift(const CompiledCalendar *cal, TimestampTz ts, int32 n, int32 unit)
{
	TimeLimit	step;

	if (n == 0)
		return ts;
	step.amount = n;
	step.unit = unit;
	return DeadlineOnCalendar(cal, ts, &step);
}

/*
 * LadderWarning --- when share of the time between received and deadline
 * is used: working time for the working units (on a calendar without
 * working hours in between, elapsed time), elapsed time otherwise
 */
static TimestampTz
LadderWarning(const CompiledCalendar *cal, TimestampTz received, TimestampTz deadline,
			  int32 unit, double share)
{
	if (unit == TL_WORKING_DAYS || unit == TL_WORKING_MINUTES)
	{
		int64		total = WorktimeBetween(cal, received, deadline);

		if (total > 0)
			return WorktimeAdd(cal, received, (int64) ((double) total * share));
	}
	return received + (TimestampTz) ((double) (deadline - received) * share);
}

/*
 * LadderCompute --- fill due[0..LADDER_RUNGS-1]; a rung that does not apply
 * gets 0 and isnull true.
 */
void
LadderCompute(const CompiledCalendar *cal, TimestampTz received, TimestampTz deadline,
			  const TimeLimit *lim, double warn_share, bool has_warning,
			  const int32 *delays, bool upgraded, int upgraded_start,
			  TimestampTz *due, bool *isnull)
{
	int			first = upgraded ? upgraded_start : LADDER_HANDLER;
	TimestampTz t = deadline;

	for (int i = 0; i < LADDER_RUNGS; i++)
	{
		due[i] = 0;
		isnull[i] = true;
	}

	if (has_warning && deadline > received)
	{
		due[LADDER_WARNING - 1] = LadderWarning(cal, received, deadline, lim->unit, warn_share);
		isnull[LADDER_WARNING - 1] = false;
	}

	for (int rung = first; rung <= LADDER_OFFICE; rung++)
	{
		if (rung > first)
			t = LadderShift(cal, t, delays[rung - LADDER_HEAD], lim->unit);
		due[rung - 1] = t;
		isnull[rung - 1] = false;
	}
}

/*
 * complaint_escalation_ladder --- SQL wrapper:
 * escalation_ladder(received_at, deadline, lim, calendar, warn_share,
 *                   head_delay, leader_delay, office_delay, upgraded,
 *                   upgraded_start) → timestamptz[5]
 */
Datum
complaint_escalation_ladder(PG_FUNCTION_ARGS)
{
	TimestampTz received;
	TimestampTz deadline;
	TimeLimit  *lim;
	const CompiledCalendar *cal;
	int32		delays[3];
	int			upgraded_start;
	TimestampTz due[LADDER_RUNGS];
	bool		isnull[LADDER_RUNGS];
	Datum		elems[LADDER_RUNGS];
	int			dims[1] = {LADDER_RUNGS};
	int			lbs[1] = {1};

	for (int i = 0; i < 10; i++)
	{
		if (i != 4 && PG_ARGISNULL(i))
			PG_RETURN_NULL();
	}
	received = PG_GETARG_TIMESTAMPTZ(0);
	deadline = PG_GETARG_TIMESTAMPTZ(1);
	lim = PG_GETARG_TIMELIMIT_P(2);
	cal = CalendarFromArg(fcinfo, 3);
	for (int i = 0; i < 3; i++)
	{
		delays[i] = PG_GETARG_INT32(5 + i);
		if (delays[i] < 0 || delays[i] > TL_AMOUNT_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("escalation delay %d is out of range", delays[i]),
					 errdetail("Delays count from 0 to %d units of the time limit.", TL_AMOUNT_MAX)));
	}
	upgraded_start = PG_GETARG_INT32(9);
	if (upgraded_start < LADDER_HANDLER || upgraded_start > LADDER_OFFICE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("upgraded complaints must start on rung 2 to 5, not %d", upgraded_start)));
	if (!PG_ARGISNULL(4))
	{
		double		share = PG_GETARG_FLOAT8(4);

		if (!(share > 0.0 && share < 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("warning share must lie strictly between 0 and 1")));
		LadderCompute(cal, received, deadline, lim, share, true, delays,
					  PG_GETARG_BOOL(8), upgraded_start, due, isnull);
	}
	else
		LadderCompute(cal, received, deadline, lim, 0.0, false, delays,
					  PG_GETARG_BOOL(8), upgraded_start, due, isnull);

	for (int i = 0; i < LADDER_RUNGS; i++)
		elems[i] = TimestampTzGetDatum(due[i]);
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, isnull, 1, dims, lbs,
											 TIMESTAMPTZOID, sizeof(TimestampTz),
											 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * LadderRungs --- the rungs of a ladder array: due[i] and isnull[i] for
 * i < LADDER_RUNGS (missing elements are null).
 */
static void
LadderRungs(ArrayType *arr, TimestampTz *due, bool *isnull)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1 || ARR_ELEMTYPE(arr) != TIMESTAMPTZOID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a ladder is a one-dimensional timestamptz array")));
	deconstruct_array(arr, TIMESTAMPTZOID, sizeof(TimestampTz), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (int i = 0; i < LADDER_RUNGS; i++)
	{
		isnull[i] = (i >= n || nulls[i]);
		due[i] = isnull[i] ? 0 : DatumGetTimestampTz(elems[i]);
	}
}

/*
 * complaint_ladder_next --- ladder_next(rungs, done, after) → timestamptz:
 * the earliest rung above rung number "done" that falls due after "after";
 * NULL when none does (or the ladder is NULL).
 */
Datum
complaint_ladder_next(PG_FUNCTION_ARGS)
{
	TimestampTz due[LADDER_RUNGS];
	bool		isnull[LADDER_RUNGS];
	int32		done;
	TimestampTz after;
	bool		found = false;
	TimestampTz best = 0;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	LadderRungs(PG_GETARG_ARRAYTYPE_P(0), due, isnull);
	done = PG_GETARG_INT32(1);
	after = PG_GETARG_TIMESTAMPTZ(2);
	for (int i = Max(done, 0); i < LADDER_RUNGS; i++)
	{
		if (isnull[i] || due[i] <= after)
			continue;
		if (!found || due[i] < best)
			best = due[i];
		found = true;
	}
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(best);
}

/*
 * complaint_ladder_reached --- ladder_reached(rungs, at) → integer: the
 * number (1..5) of the highest rung due by "at"; 0 when none is (or the
 * ladder is NULL).
 */
Datum
complaint_ladder_reached(PG_FUNCTION_ARGS)
{
	TimestampTz due[LADDER_RUNGS];
	bool		isnull[LADDER_RUNGS];
	TimestampTz at;
	int32		reached = 0;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_INT32(0);
	LadderRungs(PG_GETARG_ARRAYTYPE_P(0), due, isnull);
	at = PG_GETARG_TIMESTAMPTZ(1);
	for (int i = 0; i < LADDER_RUNGS; i++)
		if (!isnull[i] && due[i] <= at)
			reached = i + 1;
	PG_RETURN_INT32(reached);
}
