/*-------------------------------------------------------------------------
 *
 * src/ladder.h
 *	  The escalation ladder's rungs and when they fall due (ladder.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_LADDER_H
#define COMPLAINT_LADDER_H

#include "fmgr.h"
#include "datatype/timestamp.h"

#include "timelimit.h"
#include "workday.h"

#define LADDER_WARNING	1
#define LADDER_HANDLER	2
#define LADDER_HEAD		3
#define LADDER_LEADER	4
#define LADDER_OFFICE	5
#define LADDER_RUNGS	5

extern void LadderCompute(const CompiledCalendar *cal, TimestampTz received,
						  TimestampTz deadline, const TimeLimit *lim,
						  double warn_share, bool has_warning,
						  const int32 *delays, bool upgraded, int upgraded_start,
						  TimestampTz *due, bool *isnull);

extern Datum complaint_escalation_ladder(PG_FUNCTION_ARGS);
extern Datum complaint_ladder_next(PG_FUNCTION_ARGS);
extern Datum complaint_ladder_reached(PG_FUNCTION_ARGS);

#endif							/* COMPLAINT_LADDER_H */
