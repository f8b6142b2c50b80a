/*-------------------------------------------------------------------------
 *
 * src/spi_util.h
 *	  Small helpers around SPI: cached parameterised plans, a "run as the
 *	  extension owner with a safe search_path" bracket, and copying result
 *	  values out of SPI memory.
 *
 * Plans are prepared on first use (always as generic plans) and kept for the life of the backend
 * (SPI_keepplan); PostgreSQL's plan cache re-validates them when the
 * objects they use change, so DROP/CREATE EXTENSION in the same session is
 * safe.  Parameter types must be built-in types (their OIDs never change):
 * pass enum or extension-type values as text and cast them in the SQL.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_SPI_UTIL_H
#define COMPLAINT_SPI_UTIL_H

#include "postgres.h"

#include "executor/spi.h"

#define SPI_UTIL_MAX_ARGS 16

/* a statically allocated, lazily prepared plan */
typedef struct SpiCachedPlan
{
	const char *sql;			/* query text, $1..$n parameters */
	int			nargs;
	Oid			argtypes[SPI_UTIL_MAX_ARGS];
	SPIPlanPtr	plan;			/* NULL until first use */
} SpiCachedPlan;

/*
 * State saved by SpiBegin and restored by SpiEnd.  On error, transaction
 * (or subtransaction) abort restores the user id, the GUC nest level and
 * SPI by itself, so callers need no PG_TRY just for these.
 */
typedef struct SpiSession
{
	Oid			save_userid;
	int			save_sec_context;
	int			guc_nest_level;
} SpiSession;

/* connect to SPI, act as owner (InvalidOid: stay as we are), pin search_path */
extern void SpiBegin(SpiSession *session, Oid owner);
extern void SpiEnd(SpiSession *session);

/* run a cached plan; errors unless SPI returns expected_rc (0: any >= 0) */
extern uint64 SpiRun(SpiCachedPlan *cp, Datum *values, const char *nulls,
					 bool read_only, long tcount, int expected_rc);

/* values of the current SPI_tuptable, row and 1-based column */
extern Datum SpiGetDatum(uint64 row, int col, bool *isnull);
/* text output of a column copied to the caller's (pre-SPI) context; NULL if null */
extern char *SpiGetTextCopy(uint64 row, int col);
/* a by-reference datum copied to the caller's (pre-SPI) context */
extern Datum SpiGetDatumCopy(uint64 row, int col, bool *isnull);

/* owner of a relation by name (42P01 when it does not exist) */
extern Oid	SpiRelationOwner(const char *schema, const char *relname);

/* a text Datum, or a null flag, for SPI arguments */
extern Datum SpiTextArg(const char *s, char *nulls, int i);

#endif							/* COMPLAINT_SPI_UTIL_H */
