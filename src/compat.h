/*-------------------------------------------------------------------------
 *
 * src/compat.h
 *	  Every difference between PostgreSQL versions, in one place.
 *
 * The extension is built and tested for PostgreSQL 15 only: it uses
 * executor, trigger and hook interfaces as they are in 15 (direct history
 * writes through ExecSimpleRelationInsert/Update, the ProcessUtility hook,
 * background workers), and several of those changed in 16 and 17.  A build
 * against another major version stops here rather than compile into a
 * library nobody has tested.  Porting means lifting that check, adding the
 * shims below for whatever else changed, and running every test suite on
 * the new version.  No other file tests PG_VERSION_NUM.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_COMPAT_H
#define COMPLAINT_COMPAT_H

#include "postgres.h"

#include "nodes/execnodes.h"

#if PG_VERSION_NUM < 150000 || PG_VERSION_NUM >= 160000
#error "complaint is built and tested for PostgreSQL 15 only (see src/compat.h)"
#endif

/*
 * CompatSetGeneratedExprs --- give a result relation the prepared
 * expressions of its stored generated columns (PostgreSQL 16 keeps separate
 * lists for INSERT and UPDATE; 15 has one).
 */
static inline void
CompatSetGeneratedExprs(ResultRelInfo *rri, ExprState **exprs, int n)
{
#if PG_VERSION_NUM >= 160000
	rri->ri_GeneratedExprsI = rri->ri_GeneratedExprsU = exprs;
	rri->ri_NumGeneratedNeededI = rri->ri_NumGeneratedNeededU = n;
#else
	rri->ri_GeneratedExprs = exprs;
	rri->ri_NumGeneratedNeeded = n;
#endif
}

#endif							/* COMPLAINT_COMPAT_H */
