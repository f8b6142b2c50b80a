/*-------------------------------------------------------------------------
 *
 * src/cache_util.h
 *	  Helpers shared by the per-backend caches (calendar.c, orgcache.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CACHE_UTIL_H
#define COMPLAINT_CACHE_UTIL_H

#include "datatype/timestamp.h"

extern void CacheAcceptInvalidationsOncePerStatement(TimestampTz *last_statement);

#endif							/* COMPLAINT_CACHE_UTIL_H */
