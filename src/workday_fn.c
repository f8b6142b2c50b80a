/*-------------------------------------------------------------------------
 *
 * src/workday_fn.c
 *	  SQL-callable wrappers of the working-time arithmetic: is_workday,
 *	  add_workdays (date and timestamptz), workdays_between, next_workday,
 *	  add_worktime, worktime_between and day_end.
 *
 * Each wrapper resolves its calendar argument through CalendarFromArg
 * (memoised per call site and statement) and hands over to workday.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "workday.h"

PG_FUNCTION_INFO_V1(complaint_is_workday);
PG_FUNCTION_INFO_V1(complaint_add_workdays_date);
PG_FUNCTION_INFO_V1(complaint_add_workdays_ts);
PG_FUNCTION_INFO_V1(complaint_workdays_between);
PG_FUNCTION_INFO_V1(complaint_next_workday);
PG_FUNCTION_INFO_V1(complaint_add_worktime);
PG_FUNCTION_INFO_V1(complaint_worktime_between);
PG_FUNCTION_INFO_V1(complaint_day_end);

/* complaint.is_workday(date, text) */
Datum
complaint_is_workday(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 1);

	PG_RETURN_BOOL(WorkdayIs(cal, day));
}

/* complaint.add_workdays(date, integer, text) */
Datum
complaint_add_workdays_date(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 2);

	PG_RETURN_DATEADT(WorkdayAdd(cal, day, n));
}

/* complaint.add_workdays(timestamptz, integer, text): local date, same local time */
Datum
complaint_add_workdays_ts(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	int32		n = PG_GETARG_INT32(1);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 2);
	int64		time_of_day;
	DateADT		day = LocalDate(cal, ts, &time_of_day);

	PG_RETURN_TIMESTAMPTZ(LocalToTimestamp(cal, WorkdayAdd(cal, day, n), time_of_day));
}

/* complaint.workdays_between(date, date, text) */
Datum
complaint_workdays_between(PG_FUNCTION_ARGS)
{
	DateADT		a = PG_GETARG_DATEADT(0);
	DateADT		b = PG_GETARG_DATEADT(1);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 2);

	PG_RETURN_INT32(WorkdaysBetween(cal, a, b));
}

/* complaint.next_workday(date, text): first working day strictly after */
Datum
complaint_next_workday(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 1);

	PG_RETURN_DATEADT(WorkdayAdd(cal, day, 1));
}

/*
 * IntervalWorkingUsecs --- an interval as working microseconds; months and
 * days have no fixed working length, so they are refused.
 */
static int64
IntervalWorkingUsecs(const Interval *span)
{
	if (span->month != 0 || span->day != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("working time must be given in hours, minutes and seconds"),
				 errdetail("An interval with days or months has no fixed length in working hours."),
				 errhint("Write '16 hours' rather than '2 days', or use add_workdays for days.")));
	return span->time;
}

/* complaint.add_worktime(timestamptz, interval, text) */
Datum
complaint_add_worktime(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	int64		usecs = IntervalWorkingUsecs(PG_GETARG_INTERVAL_P(1));
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 2);

	PG_RETURN_TIMESTAMPTZ(WorktimeAdd(cal, ts, usecs));
}

/* complaint.worktime_between(timestamptz, timestamptz, text) → interval */
Datum
complaint_worktime_between(PG_FUNCTION_ARGS)
{
	TimestampTz a = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz b = PG_GETARG_TIMESTAMPTZ(1);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 2);
	Interval   *result = palloc0(sizeof(Interval));

	result->time = WorktimeBetween(cal, a, b);
	PG_RETURN_INTERVAL_P(result);
}

/* complaint.day_end(date, text) */
Datum
complaint_day_end(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const CompiledCalendar *cal = CalendarFromArg(fcinfo, 1);

	PG_RETURN_TIMESTAMPTZ(WorkdayEnd(cal, day));
}
