/*-------------------------------------------------------------------------
 *
 * src/trigger_check.h
 *	  The one check every C trigger function of the extension makes before
 *	  it reads anything: it was called as a trigger, fired with the timing,
 *	  level and event it was written for, on one of the tables of schema
 *	  complaint it belongs to.  Anything else is refused with 39P01
 *	  (trigger protocol violated) naming the function and where it belongs;
 *	  a trigger function attached to another table, even one of the same
 *	  name in another schema, never reads that table's rows.
 *
 * Usage:
 *
 *		static const TriggerSpec spec = {
 *			"complaint.case_guard()", TRIGGER_BEFORE, TRG_EV_UPDATE, 0,
 *			TriggerCasesTable
 *		};
 *		TriggerData *trigdata = TriggerCheck(fcinfo, &spec);
 *
 * Cost: the full check runs on the first call of a statement (per trigger
 * and table); later rows of the statement compare two integers (the result
 * is memoised in fn_extra, which lives as long as the statement's trigger
 * call site).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_TRIGGER_CHECK_H
#define COMPLAINT_TRIGGER_CHECK_H

#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"

/* event bits (TRIGGER_EVENT_INSERT is 0, so each is 1 << the op code) */
#define TRG_EV_INSERT	(1 << TRIGGER_EVENT_INSERT)
#define TRG_EV_DELETE	(1 << TRIGGER_EVENT_DELETE)
#define TRG_EV_UPDATE	(1 << TRIGGER_EVENT_UPDATE)
#define TRG_EV_TRUNCATE	(1 << TRIGGER_EVENT_TRUNCATE)
#define TRG_EV_WRITE	(TRG_EV_INSERT | TRG_EV_UPDATE | TRG_EV_DELETE)

typedef enum TriggerTiming
{
	TRIGGER_BEFORE,
	TRIGGER_AFTER
} TriggerTiming;

typedef struct TriggerSpec
{
	const char *name;			/* "complaint.case_guard()", for messages */
	TriggerTiming timing;
	uint8		row_events;		/* TRG_EV_* allowed FOR EACH ROW */
	uint8		statement_events;	/* TRG_EV_* allowed FOR EACH STATEMENT */

	/*
	 * names of the tables of schema complaint it may be attached to,
	 * NULL-terminated; NULL: any ordinary table of schema complaint
	 */
	const char *const *tables;
} TriggerSpec;

/* table lists shared by several trigger functions */
extern const char *const TriggerCasesTable[];
extern const char *const TriggerCalendarTables[];
extern const char *const TriggerOrgTables[];
extern const char *const TriggerRuleTable[];

/*
 * TriggerCheck --- the trigger data of a call that fits spec; 39P01
 * otherwise (see the file header).
 */
extern TriggerData *TriggerCheck(FunctionCallInfo fcinfo, const TriggerSpec *spec);

#endif							/* COMPLAINT_TRIGGER_CHECK_H */
