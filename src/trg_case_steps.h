/*-------------------------------------------------------------------------
 *
 * src/trg_case_steps.h
 *	  An update of complaint.cases as the update guard (trg_case_guard.c)
 *	  takes it apart, and the steps it dispatches to: the status
 *	  transitions, a transfer, an assignment and a reclassification
 *	  (trg_case_steps.c).  The steps that move the clock are in
 *	  trg_case_clock.h.
 *
 * Each step checks its inputs (an error aborts the statement), sets the
 * columns the workflow owns in st->row, fills the pending step st->step
 * (case_step.h) and adds what the event records to st->detail.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_TRG_CASE_STEPS_H
#define COMPLAINT_TRG_CASE_STEPS_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "utils/rel.h"

#include "case_row.h"
#include "case_rules.h"
#include "case_step.h"
#include "json_util.h"

/* an update in progress */
typedef struct StepState
{
	CaseRow		row;
	Relation	rel;
	int64		case_id;
	TimestampTz now;
	CaseStatus	from;
	CaseStatus	to;
	CaseStep   *step;
	JsonObj		detail;
} StepState;

/* the status transition st->from to st->to (st->from != st->to) */
extern void StepStatus(StepState *st);

/* a transfer to another unit; staff_given: handler_staff changed with it */
extern void StepTransfer(StepState *st, bool staff_given);

/* a person of the handling unit takes the case (or none) */
extern void StepAssign(StepState *st);

/* kind, channel, complexity or imposed limit changed: rule and deadline again */
extern void StepReclassify(StepState *st);

#endif							/* COMPLAINT_TRG_CASE_STEPS_H */
