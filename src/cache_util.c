/*-------------------------------------------------------------------------
 *
 * src/cache_util.c
 *	  Helpers shared by the per-backend caches (calendar.c, orgcache.c).
 *
 * Other backends' changes reach a backend as invalidation messages, which
 * PostgreSQL processes at transaction start and when a relation is locked.
 * A cache that must see a committed change at the very next statement, even
 * inside an open transaction, takes them in itself once per statement.
 * No state of its own: each cache keeps its last statement stamp.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "utils/inval.h"

#include "cache_util.h"

/*
 * CacheAcceptInvalidationsOncePerStatement --- process pending invalidation
 * messages when this is the first call of a new statement (by its start
 * timestamp), remembering the statement in *last_statement.
 */
void
CacheAcceptInvalidationsOncePerStatement(TimestampTz *last_statement)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();

	if (stmt != *last_statement)
	{
		AcceptInvalidationMessages();
		*last_statement = stmt;
	}
}
