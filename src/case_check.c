/*-------------------------------------------------------------------------
 *
 * src/case_check.c
 *	  complaint.case_row_valid(...): the invariants every row of
 *	  complaint.cases keeps, whoever writes it (the workflow triggers, or a
 *	  restore that runs without them), as the one CHECK constraint
 *	  cases_consistent.
 *
 *	  Why one C function instead of a CHECK per rule: PostgreSQL reads a
 *	  table's CHECK expressions back from their stored text and plans them
 *	  again for every statement that writes the table.  Five readable CHECKs
 *	  on complaint.cases cost about 95,000 instructions per INSERT or UPDATE,
 *	  a fifth of a plain one-row UPDATE (callgrind, README "Benchmarks");
 *	  this function call costs a quarter of that.
 *
 *	  A broken rule raises check_violation naming the rule and the case.  It
 *	  does not return false: PostgreSQL would then print the whole failing
 *	  row, complainant's name and contact included, into the error and the
 *	  server log.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "case_row.h"

PG_FUNCTION_INFO_V1(complaint_case_row_valid);

/* arguments, in the order of the SQL declaration */
enum
{
	A_ID,
	A_STATUS,
	A_MATTER,
	A_FEEDBACK_AT,
	A_SATISFACTION,
	A_PAUSED_AT,
	A_MISSING_ITEMS,
	A_REFERRED_TO,
	A_REPEAT_OF,
	N_ARGS
};

static void RequireStatusInputs(FunctionCallInfo fcinfo, const char *status);
static void CheckViolation(FunctionCallInfo fcinfo, const char *what);

/* ItemCount --- number of elements of an array (0 for an empty one) */
static inline int
ItemCount(ArrayType *items)
{
	return ArrayGetNItems(ARR_NDIM(items), ARR_DIMS(items));
}

/*
 * complaint_case_row_valid --- true, or an error naming the broken rule:
 *	 the matter is not empty; a closed case has the complainant's feedback
 *	 and satisfaction; a case waiting for materials has its clock stopped and
 *	 the one-time notice's items; a case referred out names the competent
 *	 authority; a case is not a repeat of itself.
 */
Datum
complaint_case_row_valid(PG_FUNCTION_ARGS)
{
	if (PG_NARGS() != N_ARGS)
		elog(ERROR, "complaint.case_row_valid takes %d arguments", N_ARGS);	/* internal error */

	if (!PG_ARGISNULL(A_MATTER) && VARSIZE_ANY_EXHDR(PG_GETARG_TEXT_PP(A_MATTER)) == 0)
		CheckViolation(fcinfo, "has an empty matter");
	if (!PG_ARGISNULL(A_REPEAT_OF) && !PG_ARGISNULL(A_ID)
		&& PG_GETARG_INT64(A_REPEAT_OF) == PG_GETARG_INT64(A_ID))
		CheckViolation(fcinfo, "cannot be a repeat of itself");
	if (!PG_ARGISNULL(A_STATUS))
		RequireStatusInputs(fcinfo, EnumLabelOf(PG_GETARG_DATUM(A_STATUS)));
	PG_RETURN_BOOL(true);
}

/* RequireStatusInputs --- what a status needs recorded on the row */
static void
RequireStatusInputs(FunctionCallInfo fcinfo, const char *status)
{
	if (strcmp(status, "closed") == 0)
	{
		if (PG_ARGISNULL(A_FEEDBACK_AT) || PG_ARGISNULL(A_SATISFACTION))
			CheckViolation(fcinfo, "is closed without the complainant's feedback and satisfaction");
	}
	else if (strcmp(status, "waiting_materials") == 0)
	{
		if (PG_ARGISNULL(A_PAUSED_AT))
			CheckViolation(fcinfo, "waits for materials with its clock running");
		if (PG_ARGISNULL(A_MISSING_ITEMS) || ItemCount(PG_GETARG_ARRAYTYPE_P(A_MISSING_ITEMS)) == 0)
			CheckViolation(fcinfo, "waits for materials without listing them");
	}
	else if (strcmp(status, "referred_out") == 0)
	{
		if (PG_ARGISNULL(A_REFERRED_TO))
			CheckViolation(fcinfo, "is referred out without naming the competent authority");
	}
}

/* CheckViolation --- the error of a broken rule (never the row itself) */
static void
CheckViolation(FunctionCallInfo fcinfo, const char *what)
{
	if (PG_ARGISNULL(A_ID))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a case %s", what),
				 errhint("Rows written around the workflow's triggers (a restore, a script in replica mode) must keep the rules its steps keep.")));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("case " INT64_FORMAT " %s", PG_GETARG_INT64(A_ID), what),
			 errhint("Rows written around the workflow's triggers (a restore, a script in replica mode) must keep the rules its steps keep.")));
}
