/*-------------------------------------------------------------------------
 *
 * src/workday.c
 *	  Pure working-day and working-hours arithmetic on a compiled calendar.
 *
 * Nothing here touches the catalogs or allocates memory: the functions
 * take a CompiledCalendar built by calendar.c and answer in O(log E) for
 * E dated exceptions, independent of how many days lie in between.
 *
 * The model (see workday.h): each DayLine gives every day a weight, from
 * the weekly pattern unless the day is an exception.  Cum(d) is the total
 * weight of the days from EPOCH (2000-01-01, DateADT 0) through d, negative
 * for days before EPOCH; Select(t) is the first day whose Cum reaches t.
 *
 *	- working days:   weight 1 per working day.  The n-th working day after
 *	  d is Select(Cum(d) + n); workdays in (a, b] are Cum(b) - Cum(a).
 *	- working hours:  weight = working microseconds of the day.  The working
 *	  time before an instant is the Cum of the previous day plus the time
 *	  worked so far that day.
 *
 * Errors are raised with ereport: a result outside PostgreSQL's date or
 * timestamp range (22008) or a calendar that has no working day or hour to
 * land on (22023).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "utils/datetime.h"

#include "workday.h"

/* weekday (0 = Sunday, as j2day) of a DateADT; 2000-01-01 was a Saturday */
static inline int
DateWeekday(int64 day)
{
	int64		r = (day + 6) % 7;

	return (int) (r < 0 ? r + 7 : r);
}

/* floor division for a positive divisor */
static inline int64
FloorDiv(int64 a, int64 b)
{
	int64		q = a / b;

	if ((a % b != 0) && (a < 0))
		q--;
	return q;
}

/* the error reporters never return: say so, for compilers that cannot see it */
static void ReportDateOutOfRange(void) pg_attribute_noreturn();
static void ReportTimestampOutOfRange(void) pg_attribute_noreturn();

static void
ReportDateOutOfRange(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("date out of range")));
}

static void
ReportTimestampOutOfRange(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("timestamp out of range")));
}

/* CheckDay --- reject infinite and out-of-range dates before doing math */
static inline void
CheckDay(int64 day)
{
	if (!IS_VALID_DATE(day) || DATE_NOT_FINITE((DateADT) day))
		ReportDateOutOfRange();
}

/* PatternWeight --- weight of the days [EPOCH, EPOCH + m) of the weekly pattern */
static int64
PatternWeight(const DayLine *line, int64 m)
{
	int64		q = FloorDiv(m, 7);
	int64		result;

	if (pg_mul_s64_overflow(q, line->week_total, &result) ||
		pg_add_s64_overflow(result, line->partial[m - 7 * q], &result))
		ReportTimestampOutOfRange();
	return result;
}

/*
 * DayLineBuild --- fill a DayLine from weekly weights (by weekday, 0 =
 * Sunday) and the weights of the sorted exception days.  delta_cum and cum
 * are caller-provided arrays of nexc elements that the line keeps.
 */
void
DayLineBuild(DayLine *line, const int64 *week_weight,
			 int nexc, DateADT *exc_day, const int64 *exc_weight,
			 int64 *delta_cum, int64 *cum)
{
	int64		running = 0;

	line->week_total = 0;
	for (int i = 0; i < 7; i++)
	{
		line->week_weight[i] = week_weight[i];
		line->week_total += week_weight[i];
	}
	/* partial[r]: weight of the r days starting at EPOCH */
	line->partial[0] = 0;
	for (int r = 1; r <= 7; r++)
		line->partial[r] = line->partial[r - 1] + week_weight[DateWeekday(r - 1)];

	line->dense_lo = 0;
	line->dense_len = 0;
	line->dense_count = 0;
	line->nexc = nexc;
	line->exc_day = exc_day;
	line->exc_delta_cum = delta_cum;
	line->exc_cum = cum;
	for (int i = 0; i < nexc; i++)
	{
		running += exc_weight[i] - week_weight[DateWeekday(exc_day[i])];
		delta_cum[i] = running;
	}
	for (int i = 0; i < nexc; i++)
		cum[i] = PatternWeight(line, (int64) exc_day[i] + 1) + delta_cum[i];
}

/* LastExceptionAtOrBefore --- index of the last exception <= day, or -1 */
static int
LastExceptionAtOrBefore(int nexc, const DateADT *exc_day, int64 day)
{
	int			lo = 0,
				hi = nexc;		/* first index with exc_day > day */

	/* outside the span of the exceptions: no search */
	if (nexc == 0 || day < exc_day[0])
		return -1;
	if (day >= exc_day[nexc - 1])
		return nexc - 1;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (exc_day[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* Cum --- total weight of the days from EPOCH through day (signed) */
static inline int64
Cum(const DayLine *line, int64 day)
{
	int			k;
	int64		result;

	if (day >= line->dense_lo && day < (int64) line->dense_lo + line->dense_len)
		return line->dense_base + line->dense_cum[day - line->dense_lo];

	k = LastExceptionAtOrBefore(line->nexc, line->exc_day, day);
	result = PatternWeight(line, day + 1);

	if (k >= 0 && pg_add_s64_overflow(result, line->exc_delta_cum[k], &result))
		ReportTimestampOutOfRange();
	return result;
}

/*
 * PatternSelect --- first day d with PatternWeight(d + 1) >= target, on
 * the weekly pattern alone.  The caller guarantees week_total > 0.
 */
static int64
PatternSelect(const DayLine *line, int64 target)
{
	int64		q;
	int64		rest;
	int			r = 1;

	/* a 32-bit division is several times cheaper where the values fit */
	if (target > PG_INT32_MIN && target <= PG_INT32_MAX && line->week_total <= PG_INT32_MAX)
	{
		int32		t = (int32) (target - 1);
		int32		w = (int32) line->week_total;
		int32		q32 = t / w;

		if (t % w != 0 && t < 0)
			q32--;
		q = q32;
	}
	else
	{
		q = FloorDiv(target - 1, line->week_total);
		/* every date is within int32 days: a farther week is out of range */
		if (q > PG_INT32_MAX / 7 || q < PG_INT32_MIN / 7)
			ReportDateOutOfRange();
	}
	rest = target - q * line->week_total;	/* in (0, week_total] */

	while (r < 7 && line->partial[r] < rest)
		r++;
	return 7 * q + r - 1;
}

/*
 * Select --- first day d with Cum(d) >= target.  Between two exceptions the
 * line follows the weekly pattern shifted by a constant, so one binary
 * search over the exceptions and one closed-form step on the pattern do it.
 */
static int64
Select(const DayLine *line, int64 target, const char *what)
{
	int			lo = 0,
				hi = line->nexc;
	int64		shift;
	int64		candidate;

	if (target > line->dense_base && target - line->dense_base <= line->dense_count)
		return (int64) line->dense_lo + line->dense_select[target - line->dense_base - 1];

	/* lo = first exception whose Cum reaches target (no search outside the span) */
	if (line->nexc > 0 && target > line->exc_cum[line->nexc - 1])
		lo = line->nexc;
	else if (line->nexc > 0 && target <= line->exc_cum[0])
		hi = 0;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (line->exc_cum[mid] >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	shift = (lo > 0) ? line->exc_delta_cum[lo - 1] : 0;

	if (line->week_total <= 0)
	{
		/*
		 * Nothing grows between exceptions: only an exception can reach the
		 * target.  Before the first exception the line is flat at 0, so a
		 * target <= 0 would be reached "forever ago": there is no such day.
		 */
		if (lo < line->nexc && (lo > 0 || target > 0))
			return line->exc_day[lo];
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("calendar has no %s to count on", what),
				 errdetail("The weekly pattern has no %s and no later dated exception adds one.", what),
				 errhint("Add working weekdays (and working hours) to the calendar.")));
	}

	candidate = PatternSelect(line, target - shift);
	if (lo < line->nexc && candidate >= line->exc_day[lo])
		return line->exc_day[lo];
	return candidate;
}

/*
 * DayLineBuildDense --- add the dense index to a built 0/1-weight line
 * (allocating in the current memory context), when the span is small.
 */
void
DayLineBuildDense(DayLine *line)
{
	int64		span;
	int32		count = 0;

	line->dense_len = 0;
	line->dense_count = 0;
	if (line->nexc == 0)
		return;
	span = (int64) line->exc_day[line->nexc - 1] - line->exc_day[0] + 1;
	if (span > DAYLINE_DENSE_MAX)
		return;
	/* the years just after the last exception are where deadlines fall */
	span = Min(span + DAYLINE_DENSE_TAIL, DAYLINE_DENSE_MAX);
	if ((int64) line->exc_day[0] + span > PG_INT32_MAX)
		span = (int64) PG_INT32_MAX - line->exc_day[0];

	line->dense_lo = line->exc_day[0];
	line->dense_base = Cum(line, (int64) line->dense_lo - 1);
	line->dense_cum = palloc(sizeof(int32) * span);
	line->dense_select = palloc(sizeof(int32) * span);
	for (int32 i = 0; i < span; i++)
	{
		int32		c = (int32) (Cum(line, (int64) line->dense_lo + i) - line->dense_base);

		if (c > count)
			line->dense_select[count++] = i;
		line->dense_cum[i] = c;
	}
	line->dense_count = count;
	/* publish last: Cum and Select above ran on the sparse path */
	line->dense_len = (int32) span;
}

/* ExceptionIndex --- index of day among the calendar's exceptions, or -1 */
static inline int
ExceptionIndex(const CompiledCalendar *cal, int64 day)
{
	int			k = LastExceptionAtOrBefore(cal->nexc, cal->exc_day, day);

	return (k >= 0 && cal->exc_day[k] == day) ? k : -1;
}

/* WorkdayIs --- is day a working day of the calendar */
bool
WorkdayIs(const CompiledCalendar *cal, DateADT day)
{
	int			k;

	CheckDay(day);
	k = ExceptionIndex(cal, day);
	if (k >= 0)
		return cal->exc_working[k];
	return cal->work_weekday[DateWeekday(day)];
}

/* CheckedDate --- turn a computed day into a DateADT or raise 22008 */
static DateADT
CheckedDate(int64 day)
{
	CheckDay(day);
	return (DateADT) day;
}

/*
 * WorkdayAdd --- the n-th working day after day (day not counted); n = 0
 * gives day itself when it works, else the next working day; n < 0 counts
 * backwards (-1 is the last working day before day).
 */
DateADT
WorkdayAdd(const CompiledCalendar *cal, DateADT day, int32 n)
{
	const DayLine *line = &cal->days;

	CheckDay(day);
	if (n > 0)
		return CheckedDate(Select(line, Cum(line, day) + n, "working days"));
	/* n <= 0: the (1 - n)-th working day counted from day - 1 onwards */
	return CheckedDate(Select(line, Cum(line, (int64) day - 1) + n + 1, "working days"));
}

/* WorkdaysBetween --- working days in (a, b]; negative when b < a */
int32
WorkdaysBetween(const CompiledCalendar *cal, DateADT a, DateADT b)
{
	CheckDay(a);
	CheckDay(b);
	/* at most one per day, so the difference of two dates always fits */
	return (int32) (Cum(&cal->days, b) - Cum(&cal->days, a));
}

/* WorkdayHours --- the working hours of day (empty when it does not work) */
const DayHours *
WorkdayHours(const CompiledCalendar *cal, DateADT day)
{
	static const DayHours none = {0, NULL, 0};
	int			k = ExceptionIndex(cal, day);
	int			wd;

	if (k >= 0)
		return cal->exc_working[k] ? &cal->exc_hours[k] : &none;
	wd = DateWeekday(day);
	return cal->work_weekday[wd] ? &cal->week_hours[wd] : &none;
}

/*
 * LocalDate --- the calendar-local date of ts, and the local time of day in
 * microseconds since midnight.  An instant outside timestamptz's range is
 * 22008 (timestamp2tm converts some of them, and LocalToTimestamp would
 * refuse to map the result back).
 */
DateADT
LocalDate(const CompiledCalendar *cal, TimestampTz ts, int64 *time_of_day)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (!IS_VALID_TIMESTAMP(ts) ||
		timestamp2tm(ts, &tz, &tm, &fsec, NULL, cal->tz) != 0)
		ReportTimestampOutOfRange();
	if (time_of_day)
		*time_of_day = ((((int64) tm.tm_hour * MINS_PER_HOUR) + tm.tm_min) * SECS_PER_MINUTE
						+ tm.tm_sec) * USECS_PER_SEC + fsec;
	return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
}

/*
 * LocalToTimestamp --- the instant of local time time_of_day (0 .. 24:00)
 * on day in the calendar's zone.  A local time that a DST change skips or
 * repeats resolves as PostgreSQL resolves it for timestamptz input.
 */
TimestampTz
LocalToTimestamp(const CompiledCalendar *cal, DateADT day, int64 time_of_day)
{
	struct pg_tm tm;
	int			tz;
	int64		secs;
	TimestampTz result;

	if (time_of_day >= USECS_PER_DAY)
	{
		day++;
		time_of_day -= USECS_PER_DAY;
	}
	CheckDay(day);
	j2date(day + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	secs = time_of_day / USECS_PER_SEC;
	tm.tm_hour = (int) (secs / SECS_PER_HOUR);
	tm.tm_min = (int) ((secs / SECS_PER_MINUTE) % MINS_PER_HOUR);
	tm.tm_sec = (int) (secs % SECS_PER_MINUTE);
	tm.tm_isdst = -1;
	tz = DetermineTimeZoneOffset(&tm, cal->tz);
	if (tm2timestamp(&tm, (fsec_t) (time_of_day % USECS_PER_SEC), &tz, &result) != 0 ||
		!IS_VALID_TIMESTAMP(result))
		ReportTimestampOutOfRange();
	return result;
}

/* WorkdayEnd --- when a limit ending on day ends (see workday.h) */
TimestampTz
WorkdayEnd(const CompiledCalendar *cal, DateADT day)
{
	const DayHours *hours;

	CheckDay(day);
	hours = WorkdayHours(cal, day);
	if (hours->count > 0)
		return LocalToTimestamp(cal, day, hours->intervals[hours->count - 1].end);
	return LocalToTimestamp(cal, day, USECS_PER_DAY);
}

/* WorkedBefore --- working time of hours before local time of day tod */
static int64
WorkedBefore(const DayHours *hours, int64 tod)
{
	int64		sum = 0;

	for (int i = 0; i < hours->count && hours->intervals[i].start < tod; i++)
		sum += Min(tod, hours->intervals[i].end) - hours->intervals[i].start;
	return sum;
}

/* WorkClock --- working microseconds from EPOCH to the instant ts */
static int64
WorkClock(const CompiledCalendar *cal, TimestampTz ts)
{
	int64		tod;
	DateADT		day = LocalDate(cal, ts, &tod);

	return Cum(&cal->time, (int64) day - 1) + WorkedBefore(WorkdayHours(cal, day), tod);
}

/*
 * WorkClockInstant --- the instant at which the work clock shows target.
 * Going forwards a target that falls on the end of an interval gives that
 * end (09:00 + 3h = 12:00, not the 13:30 restart); going backwards it gives
 * the start of the next interval (10:00 - 1h = 09:00, not 17:30 the day
 * before).
 */
static TimestampTz
WorkClockInstant(const CompiledCalendar *cal, int64 target, bool forwards)
{
	int64		day = Select(&cal->time, forwards ? target : target + 1, "working hours");
	const DayHours *hours = WorkdayHours(cal, (DateADT) CheckedDate(day));
	int64		offset = target - Cum(&cal->time, day - 1);

	for (int i = 0; i < hours->count; i++)
	{
		int64		len = hours->intervals[i].end - hours->intervals[i].start;

		if (forwards ? offset <= len : offset < len)
			return LocalToTimestamp(cal, (DateADT) day, hours->intervals[i].start + offset);
		offset -= len;
	}
	elog(ERROR, "working-time offset beyond the day's hours");	/* internal error */
	return 0;
}

/* ElapsedAdd --- ts + usecs of elapsed time, or 22008 outside the timestamp range */
TimestampTz
ElapsedAdd(TimestampTz ts, int64 usecs)
{
	TimestampTz result;

	if (TIMESTAMP_NOT_FINITE(ts) ||
		pg_add_s64_overflow(ts, usecs, &result) ||
		!IS_VALID_TIMESTAMP(result))
		ReportTimestampOutOfRange();
	return result;
}

/* WorktimeAdd --- the instant usecs of working time after (before) ts */
TimestampTz
WorktimeAdd(const CompiledCalendar *cal, TimestampTz ts, int64 usecs)
{
	int64		target;

	if (usecs == 0)
		return ts;
	if (pg_add_s64_overflow(WorkClock(cal, ts), usecs, &target))
		ReportTimestampOutOfRange();
	return WorkClockInstant(cal, target, usecs > 0);
}

/* WorktimeBetween --- working microseconds in [a, b); negative when b < a */
int64
WorktimeBetween(const CompiledCalendar *cal, TimestampTz a, TimestampTz b)
{
	return WorkClock(cal, b) - WorkClock(cal, a);
}
