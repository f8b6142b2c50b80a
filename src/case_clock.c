/*-------------------------------------------------------------------------
 *
 * src/case_clock.c
 *	  Deadline arithmetic of a case's clock (see case_clock.h).
 *
 *	  Pause (一次性告知, the clock stops): the origin moves forward by the
 *	  paused span measured in the limit's own unit:
 *		minutes			by the elapsed time paused;
 *		working minutes	by the working time inside the pause;
 *		working days	by the working days in (day paused, day resumed];
 *		calendar days	by the days from the day paused to the day resumed.
 *	  For day limits the day the materials arrive is therefore treated
 *	  like a new day of receipt: it is not counted, exactly as the day of
 *	  receipt is not, so a pause inside one day costs nothing and the
 *	  deadline moves by exactly the working days paused.
 *
 *	  Re-projection (calendar changed): the time used so far, measured on
 *	  the old calendar, is kept; the origin is re-based on the new calendar
 *	  so that the same amount has been used by the moment of the change.
 *	  A new handling unit on another calendar is the same move (ClockMove):
 *	  the time used on the old unit's calendar stays fixed, the rest
 *	  counts on the new unit's.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/timestamp.h"

#include "case_clock.h"
#include "deadline.h"

/*
 * ClockDeadline --- Deadline(from, lim) extended by ext.
 */
TimestampTz
ClockDeadline(const CompiledCalendar *cal, TimestampTz from,
			  const TimeLimit *lim, const TimeLimit *ext)
{
	TimestampTz base;

	if (ext == NULL || ext->amount == 0)
		return DeadlineOnCalendar(cal, from, lim);
	if (ext->unit == lim->unit)
	{
		TimeLimit	sum = TimeLimitSum(lim, ext);

		return DeadlineOnCalendar(cal, from, &sum);
	}

	/*
	 * Another unit: count the extension from the end of the unextended
	 * deadline.  For day units start one microsecond earlier, so that a
	 * deadline at 24:00 still counts as its own day.
	 */
	base = DeadlineOnCalendar(cal, from, lim);
	if (ext->unit == TL_WORKING_DAYS || ext->unit == TL_CALENDAR_DAYS)
		base -= 1;
	return DeadlineOnCalendar(cal, base, ext);
}

/*
 * ClockShift --- see the file header.
 */
TimestampTz
ClockShift(const CompiledCalendar *cal, TimestampTz from, int32 unit,
		   TimestampTz paused, TimestampTz resumed)
{
	int64		tod;
	DateADT		day;
	int64		n;

	if (resumed <= paused)
		return from;

	switch ((TimeLimitUnit) unit)
	{
		case TL_MINUTES:
			return ElapsedAdd(from, resumed - paused);
		case TL_WORKING_MINUTES:
			n = WorktimeBetween(cal, paused, resumed);
			return n > 0 ? WorktimeAdd(cal, from, n) : from;
		case TL_WORKING_DAYS:
			n = WorkdaysBetween(cal, LocalDate(cal, paused, NULL),
								LocalDate(cal, resumed, NULL));
			if (n <= 0)
				return from;
			day = LocalDate(cal, from, &tod);
			return LocalToTimestamp(cal, WorkdayAdd(cal, day, (int32) n), tod);
		case TL_CALENDAR_DAYS:
			n = (int64) LocalDate(cal, resumed, NULL) - LocalDate(cal, paused, NULL);
			if (n <= 0)
				return from;
			day = LocalDate(cal, from, &tod);
			if (!IS_VALID_DATE((int64) day + n))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("date out of range")));
			return LocalToTimestamp(cal, (DateADT) (day + n), tod);
	}
	elog(ERROR, "unknown time limit unit %d", unit);	/* internal error */
	return from;
}

/*
 * ClockUsed --- see case_clock.h.
 */
int64
ClockUsed(const CompiledCalendar *cal, TimestampTz from, int32 unit, TimestampTz at)
{
	int64		used = 0;

	if (at <= from)
		return 0;
	if (unit == TL_WORKING_DAYS)
		used = WorkdaysBetween(cal, LocalDate(cal, from, NULL), LocalDate(cal, at, NULL));
	else if (unit == TL_WORKING_MINUTES)
		used = WorktimeBetween(cal, from, at);
	return used > 0 ? used : 0;
}

/*
 * ClockRebase --- an origin o on cal with ClockUsed(cal, o, unit, at) = used.
 *
 * Working days: with L the last working day on or before the day of at,
 * o is the used-th working day before L, so (o, at] holds exactly used
 * working days.  Working minutes: count used backwards from at.  Nothing
 * used: at itself.  Calendar-independent units keep their origin.
 */
TimestampTz
ClockRebase(const CompiledCalendar *cal, TimestampTz from, int32 unit,
			TimestampTz at, int64 used)
{
	DateADT		day;
	DateADT		last;
	int64		tod;

	if (unit != TL_WORKING_DAYS && unit != TL_WORKING_MINUTES)
		return from;
	if (at <= from)
		return from;
	if (used <= 0)
		return at;
	if (unit == TL_WORKING_MINUTES)
		return WorktimeAdd(cal, at, -used);

	day = LocalDate(cal, at, NULL);
	last = WorkdayIs(cal, day) ? day : WorkdayAdd(cal, day, -1);
	(void) LocalDate(cal, from, &tod);
	return LocalToTimestamp(cal, WorkdayAdd(cal, last, (int32) -used), tod);
}

/*
 * ClockMove --- see case_clock.h: ClockUsed on from_cal, ClockRebase on to.
 */
TimestampTz
ClockMove(const CompiledCalendar *from_cal, const CompiledCalendar *to,
		  TimestampTz from, int32 unit, TimestampTz at)
{
	if (from_cal == to)
		return from;
	return ClockRebase(to, from, unit, at, ClockUsed(from_cal, from, unit, at));
}

/*
 * TimeLimitSum --- a + b, same unit.
 */
TimeLimit
TimeLimitSum(const TimeLimit *a, const TimeLimit *b)
{
	TimeLimit	sum;

	Assert(a->unit == b->unit);
	sum.unit = a->unit;
	sum.amount = a->amount + b->amount;	/* both <= TL_AMOUNT_MAX: no overflow */
	if (sum.amount > TL_AMOUNT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("time limit out of range"),
				 errdetail("The sum of %d and %d %s exceeds %d.",
						   a->amount, b->amount, TimeLimitUnitName(a->unit),
						   TL_AMOUNT_MAX)));
	return sum;
}
