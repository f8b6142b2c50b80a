/*-------------------------------------------------------------------------
 *
 * src/calendar.h
 *	  Loading calendars from the complaint.calendar* tables into a
 *	  per-backend cache of CompiledCalendar (see workday.h).
 *
 * A pointer returned by CalendarLookup stays valid until the cache is
 * invalidated, which happens only between statements (at the next
 * invalidation-message processing), never in the middle of a call.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CALENDAR_H
#define COMPLAINT_CALENDAR_H

#include "fmgr.h"

#include "workday.h"

/* the calendar named name, compiled; 42704 when there is none */
extern const CompiledCalendar *CalendarLookup(const char *name);

/*
 * the calendar named by text argument argno of a SQL-callable function,
 * memoised in fn_extra for the rest of the statement
 */
extern const CompiledCalendar *CalendarFromArg(FunctionCallInfo fcinfo, int argno);

#endif							/* COMPLAINT_CALENDAR_H */
