/*-------------------------------------------------------------------------
 *
 * src/compat.h
 *	  Shims that let the extension build on PostgreSQL 13 to 17.
 *
 * Version checks live here and nowhere else.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_COMPAT_H
#define COMPLAINT_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#include "utils/guc.h"
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#endif							/* COMPLAINT_COMPAT_H */
