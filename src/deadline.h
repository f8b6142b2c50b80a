/*-------------------------------------------------------------------------
 *
 * src/deadline.h
 *	  When a time limit that starts at a given instant ends, by the counting
 *	  rules of SPEC section 4 (see deadline.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_DEADLINE_H
#define COMPLAINT_DEADLINE_H

#include "datatype/timestamp.h"

#include "timelimit.h"
#include "workday.h"

extern TimestampTz DeadlineOnCalendar(const CompiledCalendar *cal, TimestampTz start,
									  const TimeLimit *lim);
extern TimestampTz DeadlineCompute(TimestampTz start, const TimeLimit *lim,
								   const char *calendar);

#endif							/* COMPLAINT_DEADLINE_H */
