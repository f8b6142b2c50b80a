/*-------------------------------------------------------------------------
 *
 * src/timelimit.h
 *	  The complaint.time_limit base type: a time limit as the regulations
 *	  write it ("2个工作日", "30 days", "30 minutes", "4 working hours").
 *
 * A value is an amount and a unit.  Hours are stored as minutes and weeks
 * as days, so '2 hours' = '120 minutes' and '1 week' = '7 days'.  Values
 * order first by unit (elapsed minutes < working minutes < working days <
 * calendar days), then by amount.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_TIMELIMIT_H
#define COMPLAINT_TIMELIMIT_H

#include "fmgr.h"

typedef enum TimeLimitUnit
{
	TL_MINUTES = 0,				/* elapsed minutes ('30 minutes', '2 hours') */
	TL_WORKING_MINUTES = 1,		/* minutes inside working hours */
	TL_WORKING_DAYS = 2,		/* working days of a calendar */
	TL_CALENDAR_DAYS = 3		/* calendar days ('30 days', '1 week') */
} TimeLimitUnit;

#define TL_UNIT_MAX TL_CALENDAR_DAYS

/* largest amount accepted in any unit (about 2739 years of days) */
#define TL_AMOUNT_MAX 1000000

/* pass-by-reference, fixed length 8, int4 alignment */
typedef struct TimeLimit
{
	int32		amount;			/* 0 .. TL_AMOUNT_MAX, in the unit below */
	int32		unit;			/* a TimeLimitUnit */
} TimeLimit;

#define DatumGetTimeLimitP(X)	((TimeLimit *) DatumGetPointer(X))
#define TimeLimitPGetDatum(X)	PointerGetDatum(X)
#define PG_GETARG_TIMELIMIT_P(n) DatumGetTimeLimitP(PG_GETARG_DATUM(n))
#define PG_RETURN_TIMELIMIT_P(x) return TimeLimitPGetDatum(x)

/* three-way comparison used by the operators and the btree opclass */
extern int	TimeLimitCmp(const TimeLimit *a, const TimeLimit *b);

#endif							/* COMPLAINT_TIMELIMIT_H */
