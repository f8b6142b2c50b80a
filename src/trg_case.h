/*-------------------------------------------------------------------------
 *
 * src/trg_case.h
 *	  The workflow triggers of complaint.cases (trg_case.c) and the bracket
 *	  in which the extension itself may rewrite a case's clock columns.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_TRG_CASE_H
#define COMPLAINT_TRG_CASE_H

#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"

/*
 * Between Begin and End (close it in PG_FINALLY), UPDATEs of
 * complaint.cases may change only the clock columns (clock_from,
 * clock_limit, deadline, original_deadline, acceptance_due,
 * acceptance_from, acceptance_limit), need no
 * acting staff member, and are recorded as "reprojected" events with
 * detail (a JSON object text).
 */
extern void CaseSystemUpdateBegin(const char *detail);
extern void CaseSystemUpdateEnd(void);

/*
 * CaseTriggerCheck --- the protocol checks of a FOR EACH ROW trigger on
 * complaint.cases (39P01 on misuse): called as a trigger, BEFORE or AFTER
 * as said, fired by one of events (CASE_TRIGGER_INSERT, _UPDATE), attached
 * to complaint.cases
 */
#define CASE_TRIGGER_INSERT (1 << TRIGGER_EVENT_INSERT)
#define CASE_TRIGGER_UPDATE (1 << TRIGGER_EVENT_UPDATE)
extern TriggerData *CaseTriggerCheck(FunctionCallInfo fcinfo, const char *name,
									 bool before, uint32 events);

#endif							/* COMPLAINT_TRG_CASE_H */
