/*-------------------------------------------------------------------------
 *
 * src/deadline.c
 *	  complaint.deadline(start, time_limit, calendar): the counting rules of
 *	  SPEC section 4, which follow the Civil Code's rules on periods
 *	  (民法典 第二百零一条 to 第二百零三条).
 *
 *	- minutes and hours are elapsed time: start + amount;
 *	- working minutes and hours count only the calendar's working hours;
 *	- N working days: the day of receipt (the local date of start) is not
 *	  counted; the limit ends at the end of the N-th working day after it;
 *	- N calendar days: the day of receipt is not counted; the last day is
 *	  receipt + N, moved to the next working day when it is not one;
 *	- "the end of a day" is the close of its last working interval when the
 *	  day has working hours (第二百零三条: where there are business hours,
 *	  the time business stops), else 24:00 local time.
 *
 *	  Windows set by rules (complaint.window_end) are in window.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "deadline.h"

PG_FUNCTION_INFO_V1(complaint_deadline);

/* DeadlineOnCalendar --- see the header comment */
TimestampTz
DeadlineOnCalendar(const CompiledCalendar *cal, TimestampTz start, const TimeLimit *lim)
{
	DateADT		received;
	int64		last;

	switch ((TimeLimitUnit) lim->unit)
	{
		case TL_MINUTES:
			return ElapsedAdd(start, (int64) lim->amount * USECS_PER_MINUTE);
		case TL_WORKING_MINUTES:
			return WorktimeAdd(cal, start, (int64) lim->amount * USECS_PER_MINUTE);
		case TL_WORKING_DAYS:
			received = LocalDate(cal, start, NULL);
			return WorkdayEnd(cal, WorkdayAdd(cal, received, lim->amount));
		case TL_CALENDAR_DAYS:
			received = LocalDate(cal, start, NULL);
			last = (int64) received + lim->amount;
			if (!IS_VALID_DATE(last))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("date out of range")));
			return WorkdayEnd(cal, WorkdayAdd(cal, (DateADT) last, 0));
	}
	elog(ERROR, "unknown time limit unit %d", lim->unit);	/* internal error */
	return 0;
}

/* DeadlineCompute --- DeadlineOnCalendar on the calendar called calendar */
TimestampTz
DeadlineCompute(TimestampTz start, const TimeLimit *lim, const char *calendar)
{
	return DeadlineOnCalendar(CalendarLookup(calendar), start, lim);
}

/* complaint.deadline(timestamptz, time_limit, text) → timestamptz */
Datum
complaint_deadline(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	TimeLimit  *lim = PG_GETARG_TIMELIMIT_P(1);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 2);

	PG_RETURN_TIMESTAMPTZ(DeadlineOnCalendar(cal, start, lim));
}
