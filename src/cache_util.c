/*-------------------------------------------------------------------------
 *
 * src/cache_util.c
 *	  Helpers shared by the per-backend caches (calendar.c, orgcache.c).
 *
 * Other backends' changes reach a backend as invalidation messages, which
 * PostgreSQL processes at transaction start and when a relation is locked.
 * A cache that must see a committed change at the very next statement, even
 * inside an open transaction, takes them in itself once per statement.
 *
 * Consistency rule.  A cache outlives the statement and the transaction
 * that filled it, so it must never be filled from an old snapshot and then
 * trusted: in REPEATABLE READ the transaction's snapshot predates commits
 * whose invalidations this backend has already taken in, and even in READ
 * COMMITTED a change can commit between the statement's snapshot and the
 * moment the statement first looks at the cache.  Each load therefore
 *	 1. notes the cache's invalidation counter (bumped by its relcache
 *		callback),
 *	 2. reads with a snapshot of its own taken now (GetLatestSnapshot), as
 *		PostgreSQL reads its catalogs, and
 *	 3. trusts the result only if the counter did not move meanwhile.
 * A committed change is visible to new snapshots before its invalidation is
 * sent (CommitTransaction makes the transaction visible, then sends the
 * messages), so every invalidation taken in before step 2 belongs to a
 * change the load sees, and any change the load misses sends its message
 * later, which empties the cache again.  The price: a REPEATABLE READ or
 * SERIALIZABLE transaction sees the configuration as last committed, which
 * may be newer than its snapshot (like PostgreSQL's own catalogs).
 *
 * In parallel mode no new snapshot may be taken; a load there reads with
 * the statement's snapshot and is trusted for that statement only.
 *
 * No state of its own: each cache keeps its counter and last statement.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "utils/inval.h"
#include "utils/snapmgr.h"

#include "cache_util.h"

/*
 * CacheAcceptInvalidationsOncePerStatement --- process pending invalidation
 * messages when this is the first call of a new statement (by its start
 * timestamp), remembering the statement in *last_statement.  Returns true
 * when it was a new statement.
 */
bool
CacheAcceptInvalidationsOncePerStatement(TimestampTz *last_statement)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();

	if (stmt == *last_statement)
		return false;
	AcceptInvalidationMessages();
	*last_statement = stmt;
	return true;
}

/*
 * CacheLoadBegin --- start a load: note the cache's invalidation counter,
 * then make a snapshot taken now the active one, so that the load's SPI
 * queries (run read-only, which use the active snapshot) see every change
 * committed so far.  Pair with CacheLoadEnd; an error in between leaves the
 * snapshot to (sub)transaction abort, which pops it.
 */
void
CacheLoadBegin(CacheLoad *load, const uint64 *invalidations)
{
	load->invalidations = *invalidations;
	load->fresh = !IsInParallelMode();
	if (load->fresh)
		PushActiveSnapshot(GetLatestSnapshot());
}

/*
 * CacheLoadEnd --- end a load begun by CacheLoadBegin and say how far what
 * it read may be trusted.
 */
CacheLoadResult
CacheLoadEnd(const CacheLoad *load, const uint64 *invalidations)
{
	if (load->fresh)
		PopActiveSnapshot();
	if (*invalidations != load->invalidations)
		return CACHE_LOAD_STALE;
	return load->fresh ? CACHE_LOAD_TRUSTED : CACHE_LOAD_STATEMENT;
}
