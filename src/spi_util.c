/*-------------------------------------------------------------------------
 *
 * src/spi_util.c
 *	  Generic SPI helpers shared by the triggers, the step functions and
 *	  the background worker: cached plans, an owner/search_path bracket and
 *	  copying values out of SPI memory.
 *
 * State: each SpiCachedPlan keeps its SPIPlanPtr in TopMemoryContext
 * (SPI_keepplan) for the life of the backend; nothing else is kept.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "spi_util.h"

/* search_path inside the bracket: our SQL is schema-qualified anyway */
#define SPI_UTIL_SEARCH_PATH "pg_catalog, pg_temp"

/*
 * SpiBegin --- connect to SPI and, when owner is valid, act as owner with a
 * search_path that no caller can hijack (as a SECURITY DEFINER function
 * with SET search_path would).
 */
void
SpiBegin(SpiSession *session, Oid owner)
{
	GetUserIdAndSecContext(&session->save_userid, &session->save_sec_context);
	session->guc_nest_level = -1;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");	/* internal error */

	if (OidIsValid(owner))
	{
		SetUserIdAndSecContext(owner,
							   session->save_sec_context |
							   SECURITY_LOCAL_USERID_CHANGE |
							   SECURITY_NOFORCE_RLS);
		session->guc_nest_level = NewGUCNestLevel();
		(void) set_config_option("search_path", SPI_UTIL_SEARCH_PATH,
								 PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
	}
}

/*
 * SpiEnd --- undo SpiBegin in reverse order.
 */
void
SpiEnd(SpiSession *session)
{
	if (session->guc_nest_level >= 0)
		AtEOXact_GUC(true, session->guc_nest_level);
	SetUserIdAndSecContext(session->save_userid, session->save_sec_context);

	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");	/* internal error */
}

/*
 * SpiRun --- prepare the plan on first use, then execute it.
 */
uint64
SpiRun(SpiCachedPlan *cp, Datum *values, const char *nulls,
	   bool read_only, long tcount, int expected_rc)
{
	int			rc;

	if (cp->plan == NULL)
	{
		SPIPlanPtr	plan;

		Assert(cp->nargs <= SPI_UTIL_MAX_ARGS);
		/*
		 * Always the generic plan: the statements are small and run in hot
		 * paths, where re-planning for every parameter set would cost more
		 * than any custom plan could save.
		 */
		plan = SPI_prepare_cursor(cp->sql, cp->nargs, cp->argtypes,
								  CURSOR_OPT_GENERIC_PLAN);
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s",
				 SPI_result_code_string(SPI_result));	/* internal error */
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_keepplan failed");	/* internal error */
		cp->plan = plan;
	}

	rc = SPI_execute_plan(cp->plan, values, nulls, read_only, tcount);
	if (rc < 0 || (expected_rc != 0 && rc != expected_rc))
		elog(ERROR, "SPI_execute_plan returned %s",
			 SPI_result_code_string(rc));	/* internal error */
	return SPI_processed;
}

/*
 * SpiGetDatum --- a column of a row of SPI_tuptable (memory stays SPI's).
 */
Datum
SpiGetDatum(uint64 row, int col, bool *isnull)
{
	if (SPI_tuptable == NULL || row >= SPI_processed)
		elog(ERROR, "SPI result has no row " UINT64_FORMAT, row);	/* internal error */
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
						 col, isnull);
}

/*
 * SpiGetTextCopy --- text form of a column, copied out of SPI memory.
 */
char *
SpiGetTextCopy(uint64 row, int col)
{
	char	   *s;
	char	   *copy;
	size_t		len;

	if (SPI_tuptable == NULL || row >= SPI_processed)
		elog(ERROR, "SPI result has no row " UINT64_FORMAT, row);	/* internal error */
	s = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	copy = SPI_palloc(len);
	memcpy(copy, s, len);
	return copy;
}

/*
 * SpiGetDatumCopy --- a column's datum, copied out of SPI memory when it is
 * passed by reference.
 */
Datum
SpiGetDatumCopy(uint64 row, int col, bool *isnull)
{
	Datum		d = SpiGetDatum(row, col, isnull);
	Oid			typid;
	int16		typlen;
	bool		typbyval;

	if (*isnull)
		return (Datum) 0;
	typid = SPI_gettypeid(SPI_tuptable->tupdesc, col);
	get_typlenbyval(typid, &typlen, &typbyval);
	if (typbyval)
		return d;
	return SPI_datumTransfer(d, typbyval, typlen);
}

/*
 * SpiTextArg --- a text datum for argument i, or mark it null.
 */
Datum
SpiTextArg(const char *s, char *nulls, int i)
{
	if (s == NULL)
	{
		nulls[i] = 'n';
		return (Datum) 0;
	}
	nulls[i] = ' ';
	return CStringGetTextDatum(s);
}

/*
 * SpiRelationOwner --- owner of schema.relname: the role our internal
 * statements run as.
 */
Oid
SpiRelationOwner(const char *schema, const char *relname)
{
	Oid			nsp = get_namespace_oid(schema, false);
	Oid			relid = get_relname_relid(relname, nsp);
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist", schema, relname)));
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);	/* internal error */
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}
