/*-------------------------------------------------------------------------
 *
 * test/fuzz/fuzz_workday.c
 *	  libFuzzer harness for the working-day arithmetic (src/workday.c) and
 *	  the deadline rules (src/deadline.c), linked unchanged against
 *	  test/fuzz/pg_shim.c.
 *
 * The input is read as a calendar, then as operations on it:
 *	  zone offset, working weekdays, working hours per weekday (up to three
 *	  intervals, sorted and without overlaps, as the calendar tables'
 *	  trigger guarantees), up to 64 dated exceptions (any valid date,
 *	  holiday or working day, with or without hours of their own); the
 *	  calendar is compiled as src/calendar.c compiles one (two day lines,
 *	  the dense index of the working-day line);
 *	  then up to 16 operations, each an opcode and its arguments (days,
 *	  counts, instants and amounts taken from the bytes: any value,
 *	  extremes included).
 * An operation may fail only with 22008 (out of range) or 22023 (nothing
 * to count on).  When it succeeds its result must hold:
 *	  add_workdays(d, n > 0) is a working day, n working days after d;
 *	  add_workdays(d, n < 0) is a working day with -n working days in
 *	  (result, d], or -n - 1 when d does not work;
 *	  add_worktime(t, u) is u of working time after t (before, u < 0);
 *	  workdays_between(a, b) = -workdays_between(b, a);
 *	  a deadline in days or working days ends on a working day's end.
 * Anything else aborts, and libFuzzer keeps the input.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "deadline.h"
#include "timelimit.h"
#include "workday.h"
#include "pg_shim.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#undef fprintf

/* ---------------------------------------------------------------------
 * reading the input
 * ---------------------------------------------------------------------
 */
typedef struct Reader
{
	const uint8_t *p;
	size_t		left;
} Reader;

static uint64
Take(Reader *r, int bytes)
{
	uint64		v = 0;

	for (int i = 0; i < bytes; i++)
	{
		v = (v << 8) | (r->left > 0 ? *r->p : 0);
		if (r->left > 0)
		{
			r->p++;
			r->left--;
		}
	}
	return v;
}

/* the first and last valid DateADT (4713-11-24 BC, 5874897-12-31) */
#define FIRST_DAY ((int64) DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE)
#define LAST_DAY ((int64) DATE_END_JULIAN - POSTGRES_EPOCH_JDATE - 1)

/* TakeDay --- a day: near 2000, near the edges, or anywhere (even invalid) */
static int32
TakeDay(Reader *r)
{
	uint8		how = (uint8) Take(r, 1);
	int32		v = (int32) Take(r, 4);

	switch (how % 5)
	{
		case 0:
			return (int32) (v % 20000);
		case 1:
			return (int32) (FIRST_DAY + (uint32) v % 5000);
		case 2:
			return (int32) (LAST_DAY - (uint32) v % 5000);
		case 3:
			return (int32) (FIRST_DAY + (uint32) v % (uint32) (LAST_DAY - FIRST_DAY + 1));
		default:
			return v;
	}
}

static int64
TakeInstant(Reader *r)
{
	uint8		how = (uint8) Take(r, 1);
	int64		v = (int64) Take(r, 8);

	switch (how % 4)
	{
		case 0:
			return v % ((int64) 40000 * USECS_PER_DAY);
		case 1:
			return MIN_TIMESTAMP + (int64) ((uint64) v % ((uint64) 5000 * USECS_PER_DAY));
		case 2:
			return END_TIMESTAMP - 1 - (int64) ((uint64) v % ((uint64) 5000 * USECS_PER_DAY));
		default:
			return v;
	}
}

static int32
TakeCount(Reader *r)
{
	uint8		how = (uint8) Take(r, 1);
	int32		v = (int32) Take(r, 4);

	return (how % 2) ? v : v % 1000;
}

/* ---------------------------------------------------------------------
 * the calendar
 * ---------------------------------------------------------------------
 */
#define MAX_EXC 64

typedef struct Built
{
	CompiledCalendar cal;
	WorkInterval week_iv[7][3];
	WorkInterval exc_iv[MAX_EXC][3];
	DateADT		exc_day[MAX_EXC];
	bool		exc_working[MAX_EXC];
	DayHours	exc_hours[MAX_EXC];
	int64		exc_days_w[MAX_EXC];
	int64		exc_time_w[MAX_EXC];
	int64		cum[4][MAX_EXC];
} Built;

/* TakeHours --- up to three sorted, non-overlapping intervals */
static void
TakeHours(Reader *r, DayHours *hours, WorkInterval *iv)
{
	int			n = (int) (Take(r, 1) % 4);
	int64		at = 0;

	hours->count = 0;
	hours->total = 0;
	hours->intervals = iv;
	for (int i = 0; i < n; i++)
	{
		int64		gap = (int64) (Take(r, 3) % (uint64) USECS_PER_DAY) / 1000 * 1000;
		int64		len = (int64) (Take(r, 3) % (uint64) USECS_PER_DAY) / 1000 * 1000 + 1;
		int64		start = at + gap;

		if (start >= USECS_PER_DAY)
			break;
		iv[hours->count].start = start;
		iv[hours->count].end = Min(start + len, USECS_PER_DAY);
		hours->total += iv[hours->count].end - start;
		at = iv[hours->count].end;
		hours->count++;
	}
}

/* SortDays --- insertion sort (at most MAX_EXC days) */
static void
SortDays(DateADT *days, int n)
{
	for (int i = 1; i < n; i++)
	{
		DateADT		d = days[i];
		int			j = i;

		for (; j > 0 && days[j - 1] > d; j--)
			days[j] = days[j - 1];
		days[j] = d;
	}
}

static void
BuildCalendar(Reader *r, Built *b)
{
	CompiledCalendar *cal = &b->cal;
	int			offset_quarters = (int) (Take(r, 1) % 105) - 48;	/* -12:00 .. +14:00 */
	uint8		weekdays = (uint8) Take(r, 1);
	int			nexc = (int) (Take(r, 1) % (MAX_EXC + 1));
	int			n = 0;
	int64		day_weight[7];
	int64		time_weight[7];

	memset(cal, 0, sizeof(*cal));
	cal->name = "FUZZ";
	cal->time_zone = "fixed";
	cal->tz = ShimFixedZone(offset_quarters * 15 * 60);
	for (int wd = 0; wd < 7; wd++)
	{
		cal->work_weekday[wd] = (weekdays >> wd) & 1;
		TakeHours(r, &cal->week_hours[wd], b->week_iv[wd]);
	}
	/* a working exception without hours of its own works the first weekday's */
	for (int isodow = 1; isodow <= 7 && cal->makeup_hours == NULL; isodow++)
		if (cal->work_weekday[isodow % 7] && cal->week_hours[isodow % 7].count > 0)
			cal->makeup_hours = &cal->week_hours[isodow % 7];
	if (cal->makeup_hours == NULL)
		cal->makeup_hours = palloc0(sizeof(DayHours));

	/* exceptions: sorted, distinct, valid days */
	for (int i = 0; i < nexc; i++)
	{
		int32		d = TakeDay(r);

		if ((int64) d >= FIRST_DAY && (int64) d <= LAST_DAY)
			b->exc_day[n++] = d;
	}
	SortDays(b->exc_day, n);
	nexc = 0;
	for (int i = 0; i < n; i++)
		if (nexc == 0 || b->exc_day[nexc - 1] != b->exc_day[i])
			b->exc_day[nexc++] = b->exc_day[i];
	for (int i = 0; i < nexc; i++)
	{
		uint8		kind = (uint8) Take(r, 1);

		b->exc_working[i] = kind & 1;
		if (b->exc_working[i] && (kind & 2))
			TakeHours(r, &b->exc_hours[i], b->exc_iv[i]);
		else if (b->exc_working[i])
			b->exc_hours[i] = *cal->makeup_hours;
		else
			memset(&b->exc_hours[i], 0, sizeof(DayHours));
		b->exc_days_w[i] = b->exc_working[i] ? 1 : 0;
		b->exc_time_w[i] = b->exc_working[i] ? b->exc_hours[i].total : 0;
	}
	cal->nexc = nexc;
	cal->exc_day = b->exc_day;
	cal->exc_working = b->exc_working;
	cal->exc_hours = b->exc_hours;

	/* the two day lines, as calendar.c's BuildLines makes them */
	for (int wd = 0; wd < 7; wd++)
	{
		day_weight[wd] = cal->work_weekday[wd] ? 1 : 0;
		time_weight[wd] = cal->work_weekday[wd] ? cal->week_hours[wd].total : 0;
	}
	DayLineBuild(&cal->days, day_weight, nexc, cal->exc_day, b->exc_days_w, b->cum[0], b->cum[1]);
	DayLineBuildDense(&cal->days);
	DayLineBuild(&cal->time, time_weight, nexc, cal->exc_day, b->exc_time_w, b->cum[2], b->cum[3]);
}

/* ---------------------------------------------------------------------
 * operations
 * ---------------------------------------------------------------------
 */
static const char *op_names[] = {
	"is_workday", "add_workdays", "workdays_between", "day_end",
	"add_worktime", "worktime_between", "deadline", "local_date"
};

static void
Fail(int op, const char *what)
{
	fprintf(stderr, "fuzz_workday: %s: %s\n", op_names[op], what);
	abort();
}

/* Check --- an operation's error must be 22008 or 22023 */
static void
CheckError(int op)
{
	if (shim_error.sqlerrcode != ERRCODE_DATETIME_VALUE_OUT_OF_RANGE &&
		shim_error.sqlerrcode != ERRCODE_INVALID_PARAMETER_VALUE)
	{
		fprintf(stderr, "fuzz_workday: SQLSTATE %s at %s: %s\n",
				ShimSqlstate(shim_error.sqlerrcode), shim_error.where, shim_error.message);
		Fail(op, "undocumented error");
	}
}

static void
RunOp(Reader *r, const CompiledCalendar *cal)
{
	int			op = (int) (Take(r, 1) % 8);
	volatile int32 d1 = TakeDay(r);
	volatile int32 d2 = TakeDay(r);
	volatile int32 n = TakeCount(r);
	volatile int64 t1 = TakeInstant(r);
	volatile int64 t2 = TakeInstant(r);
	volatile int64 usecs = (int64) Take(r, 8) >> (Take(r, 1) % 64);
	volatile DateADT day = 0;
	volatile int32 count = 0;
	volatile int64 ts = 0;
	TimeLimit	lim;
	bool		raised = false;

	switch (op)
	{
		case 0:
			raised = SHIM_CATCH((void) WorkdayIs(cal, d1));
			break;
		case 1:
			raised = SHIM_CATCH(day = WorkdayAdd(cal, d1, n));
			if (!raised && n != 0)
			{
				if (SHIM_CATCH(count = WorkdaysBetween(cal, d1, day)))
					Fail(op, "result out of range");
				if (!WorkdayIs(cal, day))
					Fail(op, "result is not a working day");
				/* n < 0: (result, d1] holds -n working days, d1 among them if it works */
				if (count != (n > 0 ? n : n + (WorkdayIs(cal, d1) ? 0 : 1)))
				{
					fprintf(stderr, "d=%d n=%d result=%d between=%d\n", d1, n, day, count);
					Fail(op, "result is not n working days away");
				}
			}
			break;
		case 2:
			raised = SHIM_CATCH(count = WorkdaysBetween(cal, d1, d2));
			if (!raised && WorkdaysBetween(cal, d2, d1) != -count)
				Fail(op, "not antisymmetric");
			break;
		case 3:
			raised = SHIM_CATCH((void) WorkdayEnd(cal, d1));
			break;
		case 4:
			raised = SHIM_CATCH(ts = WorktimeAdd(cal, t1, usecs));
			/* a zero amount gives the instant back unchecked, as SQL does */
			if (!raised && usecs != 0)
			{
				volatile int64 back = 0;

				if (SHIM_CATCH(back = WorktimeBetween(cal, t1, ts)))
				{
					fprintf(stderr, "t=%lld u=%lld result=%lld\n", (long long) t1, (long long) usecs, (long long) ts);
					Fail(op, "result out of range");
				}
				if (back != usecs)
				{
					fprintf(stderr, "t=%lld u=%lld result=%lld back=%lld\n",
							(long long) t1, (long long) usecs, (long long) ts, (long long) back);
					Fail(op, "result is not that much working time away");
				}
			}
			break;
		case 5:
			raised = SHIM_CATCH((void) WorktimeBetween(cal, t1, t2));
			break;
		case 6:
			lim.unit = (int32) ((uint32) n % 4);
			lim.amount = (int32) ((uint32) (n >> 2) % (TL_AMOUNT_MAX + 1));
			raised = SHIM_CATCH(ts = DeadlineOnCalendar(cal, t1, &lim));
			if (!raised && lim.unit >= TL_WORKING_DAYS)
			{
				volatile DateADT last = 0;
				int64		tod;

				/* the end of a working day: its last interval's close, or 24:00 */
				if (SHIM_CATCH(last = LocalDate(cal, ts - 1, &tod)))
					Fail(op, "deadline out of range");
				if (!WorkdayIs(cal, last))
					Fail(op, "deadline is not on a working day");
			}
			break;
		case 7:
			raised = SHIM_CATCH(day = LocalDate(cal, t1, (int64 *) &ts));
			if (!raised && LocalToTimestamp(cal, day, ts) != t1)
				Fail(op, "local time does not map back");
			break;
	}
	if (raised)
		CheckError(op);
	(void) d2;
	(void) t2;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Reader		r = {data, size};
	Built	   *b = malloc(sizeof(Built));
	int			ops;

	if (b == NULL)
		abort();
	if (SHIM_CATCH(BuildCalendar(&r, b)))
	{
		/* building a valid calendar raises nothing */
		fprintf(stderr, "fuzz_workday: building the calendar: SQLSTATE %s: %s\n",
				ShimSqlstate(shim_error.sqlerrcode), shim_error.message);
		abort();
	}
	ops = 1 + (int) (Take(&r, 1) % 16);
	for (int i = 0; i < ops && r.left > 0; i++)
		RunOp(&r, &b->cal);
	free(b->cal.tz);
	free(b);
	ShimReset();
	return 0;
}
