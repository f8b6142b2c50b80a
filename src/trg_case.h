/*-------------------------------------------------------------------------
 *
 * src/trg_case.h
 *	  The workflow triggers of complaint.cases (trg_case*.c) and the bracket
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

#endif							/* COMPLAINT_TRG_CASE_H */
