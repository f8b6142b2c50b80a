/*-------------------------------------------------------------------------
 *
 * src/trg_case_clock.h
 *	  The steps of an update of complaint.cases that move its clock
 *	  (trg_case_clock.c): the pause for missing materials and the resumption,
 *	  an approved extension, and the clock following a transfer to a unit
 *	  on another calendar.  The arithmetic itself is case_clock.h's.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_TRG_CASE_CLOCK_H
#define COMPLAINT_TRG_CASE_CLOCK_H

#include "postgres.h"

#include "case_row.h"
#include "trg_case_steps.h"
#include "workday.h"

/* the compiled calendar of the case (column calendar of NEW) */
extern const CompiledCalendar *CaseCalendar(CaseRow *row);

/* deadline and original_deadline of NEW again from its clock on cal */
extern void RecomputeDeadlines(CaseRow *row, const CompiledCalendar *cal);

/*
 * the clock follows the handling unit onto the calendar of the new unit;
 * records both calendars (and deadlines when they differ) in st->detail
 */
extern void TransferClock(StepState *st, const char *calendar);

/* the one-time notice of the missing materials: the clock stops */
extern void StepPause(StepState *st);

/* the materials arrived: the deadline moves by the time paused */
extern void StepResume(StepState *st);

/* an approved extension, capped by the rule */
extern void StepExtend(StepState *st);

#endif							/* COMPLAINT_TRG_CASE_CLOCK_H */
