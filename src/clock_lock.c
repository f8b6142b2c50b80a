/*-------------------------------------------------------------------------
 *
 * src/clock_lock.c
 *	  The lock between a calendar or rule change and the steps that start
 *	  a clock from a calendar or a rule.
 *
 * A calendar change re-projects the running cases its statement can see,
 * a rule change the running cases under the rule (reproject.c).  Both
 * lock those cases first (FOR NO KEY UPDATE), so a step on a running case
 * either commits before and is re-projected, or waits and then counts on
 * the new calendar.  Four steps count a clock on a row such a change does
 * not lock:
 *	- a registration (a new row): deadline and acceptance due from the
 *	  handling unit's calendar and the matching rules;
 *	- a reopening (a closed or referred-out case, not running): a new
 *	  clock on the case's calendar, with the case's own limit;
 *	- a resumption (an answered case, not running, going back to
 *	  in_progress because the complainant is not satisfied): its deadline
 *	  counted again on the case's calendar (ReprojectResumedCase);
 *	- a reclassification (a running case moving to another rule, which
 *	  the change of that rule does not lock): the new rule's limit.
 * Without a lock between them, such a step that read the calendar or the
 * rule before the change committed, and itself committed after the
 * change had read the cases, kept a deadline counted on the old calendar
 * or limit until the next re-projection.
 *
 * The lock is one heavyweight lock per database (clock_lock.h: an object
 * lock on schema complaint with objsubid CLOCK_LOCK_OBJSUBID), held to the
 * end of the transaction, taken in a mode per kind:
 *
 *	  registration, reopening, resumption  RowExclusiveLock
 *	  reclassification                     RowShareLock
 *	  calendar change                      ShareRowExclusiveLock
 *	  rule change                          ExclusiveLock
 *
 * so that the steps never wait for one another; a calendar change waits
 * for (and holds off) registrations, reopenings, resumptions and other
 * calendar or rule changes; a rule change waits for (and holds off) all
 * of them.  A calendar change does not conflict with a
 * reclassification: the reclassified case is running, so the change locks
 * its row anyway, and a reclassification holds that row before it asks for
 * this lock (the two would deadlock).  A reopening or resumption holds a
 * case that is not running, which no change locks, so it can wait for
 * one.  Calendar changes exclude each other: one measures the time used
 * on the calendar the other committed.
 *
 * The steps take it before they read the organisation cache or a
 * calendar; the changes before they read the running cases.  Either the
 * step holds it first, and the change waits for its commit and then sees
 * (READ COMMITTED: every query of the re-projection takes a new snapshot)
 * and re-projects the case; or the change holds it first, and the step
 * waits for its commit and then counts on the new calendar or rule: the
 * change's commit sends its cache invalidations before it releases its
 * locks, and after a new acquisition this file takes them in, as
 * PostgreSQL does when it locks a relation; the calendar and organisation
 * caches then reload from the newest committed rows (cache_util.c).  A
 * change in a REPEATABLE READ or SERIALIZABLE transaction cannot see a
 * case that started its clock after its snapshot: reproject.c fails it
 * with 40001 then.
 *
 * A reclassification of a case under a rule, started before a change of
 * that rule takes the lock, may deadlock with it (the reclassification
 * holds the case and waits for the lock, the change holds the lock and
 * waits for the case); PostgreSQL detects it and fails one of them with
 * 40P01, to be retried.
 *
 * Cost: one lock-table entry per transaction and mode (registrations of
 * one transaction after the first find it held locally).
 *
 * State: none (the lock manager's).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_namespace.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/inval.h"

#include "clock_lock.h"

static const LOCKMODE clock_lock_modes[CLOCK_LOCK__COUNT] = {
	[CLOCK_LOCK_REGISTER] = RowExclusiveLock,
	[CLOCK_LOCK_RESTART] = RowExclusiveLock,
	[CLOCK_LOCK_RECLASSIFY] = RowShareLock,
	[CLOCK_LOCK_CALENDAR] = ShareRowExclusiveLock,
	[CLOCK_LOCK_RULE] = ExclusiveLock,
};

/* ClockLockAcquire --- see clock_lock.h */
void
ClockLockAcquire(Relation rel, ClockLockKind kind)
{
	LOCKTAG		tag;
	LOCALLOCK  *locallock;
	LockAcquireResult res;

	SET_LOCKTAG_OBJECT(tag, MyDatabaseId, NamespaceRelationId,
					   RelationGetNamespace(rel), CLOCK_LOCK_OBJSUBID);
	res = LockAcquireExtended(&tag, clock_lock_modes[kind], false, false, true,
							  &locallock);

	/*
	 * As LockRelationOid: the first time, take in the invalidations of what
	 * committed before the lock was granted (the change waited for).
	 */
	if (res != LOCKACQUIRE_ALREADY_CLEAR)
	{
		AcceptInvalidationMessages();
		MarkLockClear(locallock);
	}
}

/* ClockLockForStep --- see clock_lock.h */
void
ClockLockForStep(CaseRow *row, bool restarting)
{
	if (restarting)
		ClockLockAcquire(row->rel, CLOCK_LOCK_RESTART);
	else if (CaseChanged(row, CC_kind) || CaseChanged(row, CC_channel) ||
			 CaseChanged(row, CC_complexity) || CaseChanged(row, CC_imposed_limit))
		ClockLockAcquire(row->rel, CLOCK_LOCK_RECLASSIFY);
}
