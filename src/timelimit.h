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

/*
 * Outcome of parsing a time-limit literal.  TimeLimitParse never raises an
 * error for bad text (only for an impossible encoding conversion), so that a
 * soft-error input path (PostgreSQL 16's escontext) can reuse it;
 * TimeLimitReportParseError turns a status into the ereport.
 */
typedef enum TimeLimitParseStatus
{
	TLP_OK = 0,
	TLP_EMPTY,					/* nothing but whitespace */
	TLP_NO_AMOUNT,				/* does not start with a number */
	TLP_NEGATIVE,				/* a minus sign */
	TLP_FRACTION,				/* decimal point, 半, 点, separators */
	TLP_BAD_NUMERAL,			/* malformed Chinese numeral */
	TLP_NO_UNIT,				/* amount without a unit */
	TLP_UNKNOWN_UNIT,			/* unit word not recognised */
	TLP_MIXED_LANGUAGE,			/* Chinese numeral or 个 with an English unit */
	TLP_BAD_MEASURE_WORD,		/* 个 before a unit that does not take it */
	TLP_TRAILING,				/* text after the unit */
	TLP_OUT_OF_RANGE			/* well formed, but amount > TL_AMOUNT_MAX */
} TimeLimitParseStatus;

/* parse a literal in the database encoding; *result is set only on TLP_OK */
extern TimeLimitParseStatus TimeLimitParse(const char *str, TimeLimit *result);
extern void TimeLimitReportParseError(TimeLimitParseStatus status,
									  const char *str) pg_attribute_noreturn();

/* true when unit and amount are within the type's domain */
extern bool TimeLimitIsValid(const TimeLimit *tl);

/* 'minutes', 'working minutes', 'working days', 'days' */
extern const char *TimeLimitUnitName(int32 unit);

/* canonical renderings, palloc'd: English ('2 working days', ASCII) and
 * Chinese ('2个工作日', in the database encoding) */
extern char *TimeLimitToString(const TimeLimit *tl);
extern char *TimeLimitToChinese(const TimeLimit *tl);

#endif							/* COMPLAINT_TIMELIMIT_H */
