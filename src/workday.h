/*-------------------------------------------------------------------------
 *
 * src/workday.h
 *	  Pure working-time arithmetic on a compiled calendar: no SPI, no
 *	  catalog access, no palloc on the hot path.
 *
 * A calendar is compiled (calendar.c) into two "weighted day lines": one
 * where every working day weighs 1 (working days) and one where every day
 * weighs its working microseconds (working hours).  Each line is a weekly
 * pattern of seven weights plus a sorted array of dated exceptions, with
 * prefix sums, so that
 *
 *		Cum(d)    = total weight of the days in [EPOCH, d]   (signed)
 *		Select(t) = the first day d with Cum(d) >= t
 *
 * both cost O(log E) for E exceptions, whatever the distance between the
 * days involved.  Every operation of the SQL API is a few Cum/Select calls.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_WORKDAY_H
#define COMPLAINT_WORKDAY_H

#include "datatype/timestamp.h"
#include "pgtime.h"
#include "utils/date.h"

/* a working interval inside one local day, in microseconds since midnight */
typedef struct WorkInterval
{
	int64		start;
	int64		end;			/* exclusive; up to USECS_PER_DAY (24:00) */
} WorkInterval;

/* the working hours of one day: sorted, non-overlapping intervals */
typedef struct DayHours
{
	int			count;
	WorkInterval *intervals;
	int64		total;			/* sum of interval lengths */
} DayHours;

/* one weighted day line (see the header comment) */
typedef struct DayLine
{
	int64		week_weight[7]; /* by j2day() weekday: 0 = Sunday */
	int64		week_total;
	int64		partial[8];		/* weight of the first r days from EPOCH */
	int			nexc;
	DateADT    *exc_day;		/* sorted, shared with the calendar */
	int64	   *exc_delta_cum;	/* sum of (weight - pattern weight) up to i */
	int64	   *exc_cum;		/* Cum(exc_day[i]) */

	/*
	 * Optional dense index over the span of the exceptions and the years
	 * after it (working-day line only, up to DAYLINE_DENSE_MAX days): turns both binary searches
	 * into one array access.  dense_len = 0 when absent.
	 */
	int32		dense_lo;		/* first day of the span */
	int32		dense_len;		/* days in the span */
	int64		dense_base;		/* Cum(dense_lo - 1) */
	int32		dense_count;	/* working days in the span */
	int32	   *dense_cum;		/* Cum(dense_lo + i) - dense_base */
	int32	   *dense_select;	/* day offset of the (i + 1)-th working day */
} DayLine;

/*
 * widest span (days) that gets a dense index, 2 x 4 bytes a day; the index
 * covers the exceptions plus DAYLINE_DENSE_TAIL days after the last one
 */
#define DAYLINE_DENSE_MAX 65536
#define DAYLINE_DENSE_TAIL 16384

/* a calendar compiled for arithmetic; immutable once built */
typedef struct CompiledCalendar
{
	char	   *name;
	char	   *time_zone;
	pg_tz	   *tz;
	bool		work_weekday[7];	/* by j2day(): 0 = Sunday */
	DayHours	week_hours[7];	/* by j2day() */
	DayHours   *makeup_hours;	/* hours of a working exception without its own */
	int			nexc;
	DateADT    *exc_day;		/* sorted exception days */
	bool	   *exc_working;
	DayHours   *exc_hours;		/* hours of each exception day */
	DayLine		days;			/* weight 1 per working day */
	DayLine		time;			/* working microseconds per day */
	Size		bytes;			/* memory used by this compiled calendar */
} CompiledCalendar;

extern void DayLineBuild(DayLine *line, const int64 *week_weight,
						 int nexc, DateADT *exc_day, const int64 *exc_weight,
						 int64 *delta_cum, int64 *cum);
extern void DayLineBuildDense(DayLine *line);

extern bool WorkdayIs(const CompiledCalendar *cal, DateADT day);
extern DateADT WorkdayAdd(const CompiledCalendar *cal, DateADT day, int32 n);
extern int32 WorkdaysBetween(const CompiledCalendar *cal, DateADT a, DateADT b);
extern const DayHours *WorkdayHours(const CompiledCalendar *cal, DateADT day);
extern TimestampTz WorkdayEnd(const CompiledCalendar *cal, DateADT day);
extern TimestampTz ElapsedAdd(TimestampTz ts, int64 usecs);
extern TimestampTz WorktimeAdd(const CompiledCalendar *cal, TimestampTz ts, int64 usecs);
extern int64 WorktimeBetween(const CompiledCalendar *cal, TimestampTz a, TimestampTz b);

/* local-time helpers shared with the SQL wrappers */
extern DateADT LocalDate(const CompiledCalendar *cal, TimestampTz ts, int64 *time_of_day);
extern TimestampTz LocalToTimestamp(const CompiledCalendar *cal, DateADT day, int64 time_of_day);

#endif							/* COMPLAINT_WORKDAY_H */
