/*-------------------------------------------------------------------------
 *
 * src/cache_util.h
 *	  Helpers shared by the per-backend caches (calendar.c, orgcache.c):
 *	  taking in invalidations once per statement, and loading from the
 *	  newest committed state.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CACHE_UTIL_H
#define COMPLAINT_CACHE_UTIL_H

#include "datatype/timestamp.h"

/* one load of a cache, between CacheLoadBegin and CacheLoadEnd */
typedef struct CacheLoad
{
	uint64		invalidations;	/* the cache's counter when the load began */
	bool		fresh;			/* read with a snapshot taken for the load */
} CacheLoad;

/* how far what a load read may be trusted */
typedef enum CacheLoadResult
{
	CACHE_LOAD_TRUSTED,			/* until the next invalidation */
	CACHE_LOAD_STATEMENT,		/* for the current statement only */
	CACHE_LOAD_STALE			/* for the current call only: reload next time */
} CacheLoadResult;

extern bool CacheAcceptInvalidationsOncePerStatement(TimestampTz *last_statement);
extern void CacheLoadBegin(CacheLoad *load, const uint64 *invalidations);
extern CacheLoadResult CacheLoadEnd(const CacheLoad *load, const uint64 *invalidations);

#endif							/* COMPLAINT_CACHE_UTIL_H */
