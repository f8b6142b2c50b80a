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

/*
 * the end of the window of matter opened at start for unit (NULL: no unit,
 * calendar CN): the best enabled rule of the matter for the unit, counted
 * on the unit's calendar; false when no rule applies.  23503 for an
 * unknown unit.  Needs OrgCacheBegin() in the same call.
 */
/* window.c */
extern bool WindowEnd(const char *matter, TimestampTz start, const char *unit,
					  TimestampTz *end);

#endif							/* COMPLAINT_DEADLINE_H */
