/*-------------------------------------------------------------------------
 *
 * src/case_step.h
 *	  A step of a case's workflow, as found by the BEFORE ROW trigger and
 *	  written to the history (responsibility, event) by the AFTER ROW
 *	  trigger of the same statement.
 *
 * Steps wait in a backend-local list in TopTransactionContext, newest
 * first, between the BEFORE and the AFTER trigger of their row.  Entries
 * made inside a subtransaction that aborts are dropped; the list is
 * forgotten at the end of every transaction.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CASE_STEP_H
#define COMPLAINT_CASE_STEP_H

#include "postgres.h"

#include "datatype/timestamp.h"

/* what happens to complaint.responsibility with a step */
typedef enum StepResp
{
	STEP_RESP_NONE = 0,
	STEP_RESP_REGISTER,			/* first responder, handler, interface rows */
	STEP_RESP_TRANSFER,			/* close handler/interface, open new ones */
	STEP_RESP_ASSIGN,			/* close handler/interface, open handler with a person */
	STEP_RESP_CLOSE_ALL,		/* closed or referred out: every role ends */
	STEP_RESP_REOPEN			/* first responder and handler again */
} StepResp;

typedef struct CaseStep
{
	struct CaseStep *next;
	SubTransactionId subxid;
	int64		case_id;
	bool		system;			/* taken by the extension: actor optional */
	const char *kind;			/* event kind; NULL: nothing to record */
	const char *from_status;
	const char *to_status;
	char	   *detail;			/* JSON object text */
	char	   *actor;			/* known actor (registration), else NULL */
	TimestampTz at;
	StepResp	resp;

	/* responsibility rows */
	char	   *first_responder;
	char	   *fr_unit;
	TimestampTz received_at;
	char	   *unit;			/* handler unit */
	char	   *staff;			/* handler person, or NULL */
	bool		has_handler_due;
	TimestampTz handler_due;
	char	   *interface_staff;	/* NULL: no interface step */
	bool		has_handover_due;
	TimestampTz handover_due;
	bool		has_report_due;
	TimestampTz report_due;

	int64		repeat_of;		/* 0: not a repeat */
} CaseStep;

/* a new, zeroed step for case_id, pushed on the list */
extern CaseStep *CaseStepPush(int64 case_id);
/* copy a string into the step's memory */
extern char *CaseStepStrdup(const char *s);
/* the newest pending step of case_id, removed from the list; NULL if none */
extern CaseStep *CaseStepPop(int64 case_id);

/*
 * write the step's history: responsibility rows and the event.  roleid is
 * the current user (for the actor), owner the role to write as.
 */
extern void CaseStepWrite(CaseStep *step, Oid owner, Oid roleid);

#endif							/* COMPLAINT_CASE_STEP_H */
