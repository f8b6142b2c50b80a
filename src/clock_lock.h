/*-------------------------------------------------------------------------
 *
 * src/clock_lock.h
 *	  The lock between a calendar or rule change, which re-projects the
 *	  running cases it can see, and the steps that start a clock from a
 *	  calendar or rule (registration, reopening, resumption after an
 *	  answer, reclassification): see clock_lock.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CLOCK_LOCK_H
#define COMPLAINT_CLOCK_LOCK_H

#include "postgres.h"

#include "utils/rel.h"

#include "case_row.h"

/*
 * The lock is on the pg_namespace row of schema complaint with this
 * objsubid.  PostgreSQL locks a schema only with objsubid 0 and no SQL
 * command (advisory locks included) can take an object lock of its
 * choosing, so only the extension's triggers take it.  pg_locks shows it
 * as locktype "object", classid pg_namespace, objid the schema's OID,
 * objsubid CLOCK_LOCK_OBJSUBID.
 */
#define CLOCK_LOCK_OBJSUBID		1

/* who takes the lock; each has its own mode (clock_lock.c) */
typedef enum ClockLockKind
{
	CLOCK_LOCK_REGISTER,		/* a registration: calendar and rules */
	CLOCK_LOCK_RESTART,			/* a reopening, or an answered case going back
								 * to work: the case's calendar */
	CLOCK_LOCK_RECLASSIFY,		/* a reclassification: the rules */
	CLOCK_LOCK_CALENDAR,		/* a calendar change, before it reads the cases */
	CLOCK_LOCK_RULE,			/* a rule change, before it reads the cases */
	CLOCK_LOCK__COUNT
} ClockLockKind;

/*
 * take the lock in kind's mode until the end of the transaction; rel is
 * any table of schema complaint (the trigger's).  When this transaction
 * did not hold it in that mode yet, pending invalidations are taken in
 * afterwards, so the caches read the calendars and rules as committed by
 * the change waited for.
 */
extern void ClockLockAcquire(Relation rel, ClockLockKind kind);

/*
 * the share of complaint.case_guard(): a step that starts the clock of a
 * case that was not running (restarting: a reopening, or an answered case
 * going back to in_progress) or a reclassification (kind, channel,
 * complexity or imposed_limit changed) takes the lock; any other update
 * does not.  Call it before the update reads the organisation cache or a
 * calendar.
 */
extern void ClockLockForStep(CaseRow *row, bool restarting);

#endif							/* COMPLAINT_CLOCK_LOCK_H */
