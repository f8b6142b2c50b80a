/*-------------------------------------------------------------------------
 *
 * src/case_clock.h
 *	  The running clock of a case: deadline from an origin, a limit and
 *	  approved extensions; moving the origin over a pause; re-basing it on
 *	  a changed calendar.  Pure arithmetic on a compiled calendar.
 *
 * Model (docs/workflow.md, "Deadline arithmetic"):
 *	  deadline = Deadline(clock_from, clock_limit) extended by extended_by,
 *	  where an extension in the same unit is added to the limit and one in
 *	  another unit is counted from the end of the unextended deadline.
 *	  Pauses and re-projections only ever move clock_from.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CASE_CLOCK_H
#define COMPLAINT_CASE_CLOCK_H

#include "postgres.h"

#include "datatype/timestamp.h"

#include "timelimit.h"
#include "workday.h"

/* deadline of a clock; ext may be NULL (no extension) */
extern TimestampTz ClockDeadline(const CompiledCalendar *cal, TimestampTz from,
								 const TimeLimit *lim, const TimeLimit *ext);

/* the origin moved so that the pause [paused, resumed) does not count */
extern TimestampTz ClockShift(const CompiledCalendar *cal, TimestampTz from,
							  int32 unit, TimestampTz paused, TimestampTz resumed);

/*
 * time used between from and at, in the calendar-dependent measure of unit:
 * working days (days in (from, at]) or working microseconds; 0 for the
 * calendar-independent units
 */
extern int64 ClockUsed(const CompiledCalendar *cal, TimestampTz from,
					   int32 unit, TimestampTz at);

/* an origin on cal from which exactly used has been used by at */
extern TimestampTz ClockRebase(const CompiledCalendar *cal, TimestampTz from,
							   int32 unit, TimestampTz at, int64 used);

/*
 * an origin on to from which exactly the time used on from_cal between
 * from and at has been used by at: a clock moving to another calendar
 * (a calendar change, a new handling unit)
 */
extern TimestampTz ClockMove(const CompiledCalendar *from_cal, const CompiledCalendar *to,
							 TimestampTz from, int32 unit, TimestampTz at);

/* a + b for limits of the same unit, with the type's range check (22003) */
extern TimeLimit TimeLimitSum(const TimeLimit *a, const TimeLimit *b);

#endif							/* COMPLAINT_CASE_CLOCK_H */
