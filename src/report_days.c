/*-------------------------------------------------------------------------
 *
 * src/report_days.c
 *	  complaint.report_days(work_us bigint[], day_secs double precision,
 *	  fractions double precision[]): the aggregate that turns handling
 *	  times kept as working microseconds (complaint.report_case.work_us and
 *	  the sorted arrays of complaint.report_day and report_day_key) into
 *	  percentiles of working days, exactly as percentile_cont computes
 *	  them over the same values.
 *
 * Each input row brings an array of working microseconds (a summary row:
 * every answered case of a unit on a day; or one case) and the length of
 * the working day of that unit's calendar in seconds.  Each element becomes
 * work_us / 1e6 / day_secs working days; a NULL element, and every element
 * of a row whose day_secs is NULL or not positive, is left out (the raw
 * report leaves such cases' working days NULL).  The final function returns
 * one value per fraction (0 <= f <= 1): percentile_cont's linear
 * interpolation between the values at positions floor and ceil of
 * f * (n - 1), found by selection (O(n) on average) rather than a sort;
 * NULL when no value came in.  The fractions are those of the first row
 * that has any.
 *
 * Why C: a year of a province is about a million handling times; the
 * ordered-set aggregates sort them row by row through the executor (about
 * 1.3 s), this keeps them in one array of doubles (tens of milliseconds).
 *
 * State: one ReportDaysState per group, in the aggregate's memory context.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(complaint_report_days_trans);
PG_FUNCTION_INFO_V1(complaint_report_days_final);

#define REPORT_DAYS_MAX_FRACTIONS	16

typedef struct ReportDaysState
{
	double	   *vals;			/* working days, in arrival order */
	Size		n;
	Size		cap;
	int			nfractions;		/* -1 until a row brought them */
	double		fractions[REPORT_DAYS_MAX_FRACTIONS];
} ReportDaysState;

/* StateGrow --- room for at least more further values */
static void
StateGrow(ReportDaysState *st, MemoryContext cxt, Size more)
{
	Size		want = st->n + more;
	Size		cap = st->cap > 0 ? st->cap : 256;

	if (want <= st->cap)
		return;
	while (cap < want)
		cap *= 2;
	if (cap > MaxAllocHugeSize / sizeof(double))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many handling times in one report group")));
	if (st->vals == NULL)
		st->vals = MemoryContextAllocHuge(cxt, cap * sizeof(double));
	else
		st->vals = repalloc_huge(st->vals, cap * sizeof(double));
	st->cap = cap;
}

/* StateFractions --- take the fractions of a row, checked */
static void
StateFractions(ReportDaysState *st, ArrayType *arr)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("the fractions of complaint.report_days must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	if (n > REPORT_DAYS_MAX_FRACTIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("complaint.report_days takes at most %d fractions, not %d",
						REPORT_DAYS_MAX_FRACTIONS, n)));
	for (i = 0; i < n; i++)
	{
		double		f;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the fractions of complaint.report_days must not be null")));
		f = DatumGetFloat8(elems[i]);
		if (isnan(f) || f < 0 || f > 1)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("percentile value %g is not between 0 and 1", f)));
		st->fractions[i] = f;
	}
	st->nfractions = n;
}

/*
 * complaint_report_days_trans --- transition function: append a row's
 * working microseconds as working days.
 */
Datum
complaint_report_days_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ReportDaysState *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("complaint.report_days_trans can only be called as an aggregate's transition function")));

	if (PG_ARGISNULL(0))
	{
		st = MemoryContextAllocZero(aggcxt, sizeof(ReportDaysState));
		st->nfractions = -1;
	}
	else
		st = (ReportDaysState *) PG_GETARG_POINTER(0);

	if (st->nfractions < 0 && !PG_ARGISNULL(3))
		StateFractions(st, PG_GETARG_ARRAYTYPE_P(3));

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
		double		day_secs = PG_GETARG_FLOAT8(2);
		int			nitems = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));

		if (day_secs > 0 && !isinf(day_secs) && nitems > 0)
		{
			int			i;

			if (ARR_ELEMTYPE(arr) != INT8OID)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("complaint.report_days takes bigint[] working microseconds")));
			StateGrow(st, aggcxt, (Size) nitems);
			if (!ARR_HASNULL(arr))
			{
				const int64 *us = (const int64 *) (const void *)
					((const char *) arr + ARR_OVERHEAD_NONULLS(ARR_NDIM(arr)));

				for (i = 0; i < nitems; i++)
					st->vals[st->n++] = (double) us[i] / 1e6 / day_secs;
			}
			else
			{
				Datum	   *elems;
				bool	   *nulls;
				int			n;

				deconstruct_array(arr, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
								  &elems, &nulls, &n);
				for (i = 0; i < n; i++)
					if (!nulls[i])
						st->vals[st->n++] = (double) DatumGetInt64(elems[i]) / 1e6 / day_secs;
			}
		}
	}
	PG_RETURN_POINTER(st);
}

/* SwapD --- exchange two doubles */
static inline void
SwapD(double *a, double *b)
{
	double		t = *a;

	*a = *b;
	*b = t;
}

/*
 * SelectKth --- rearrange v[0..n) so that v[k] is the value a sort would
 * put there, every value before it is <= v[k] and every value after it is
 * >= v[k] (Hoare's selection with a median-of-three pivot)
 */
static void
SelectKth(double *v, Size n, Size k)
{
	Size		lo = 0;
	Size		hi = n - 1;

	while (hi > lo)
	{
		Size		mid = lo + (hi - lo) / 2;
		double		pivot;
		Size		i;
		Size		j;

		/* median of three to v[mid] */
		if (v[mid] < v[lo])
			SwapD(&v[mid], &v[lo]);
		if (v[hi] < v[lo])
			SwapD(&v[hi], &v[lo]);
		if (v[hi] < v[mid])
			SwapD(&v[hi], &v[mid]);
		pivot = v[mid];

		i = lo;
		j = hi;
		while (i <= j)
		{
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j)
			{
				SwapD(&v[i], &v[j]);
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		/* now v[lo..j] <= pivot <= v[i..hi], and j < i */
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;				/* v[j+1 .. i-1] all equal the pivot */
	}
}

/* Percentile --- percentile_cont(f) of v[0..n), n > 0 (v is rearranged) */
static double
Percentile(double *v, Size n, double f)
{
	double		pos = f * (double) (n - 1);
	Size		first = (Size) floor(pos);
	Size		second = (Size) ceil(pos);
	double		a;
	double		b;
	Size		i;

	SelectKth(v, n, first);
	a = v[first];
	if (second == first)
		return a;
	/* the next value in order: the smallest of those after first */
	b = v[first + 1];
	for (i = first + 2; i < n; i++)
		if (v[i] < b)
			b = v[i];
	/* as float8_lerp, which percentile_cont uses */
	return a + (b - a) * (pos - (double) first);
}

/*
 * complaint_report_days_final --- final function: one percentile per
 * fraction, NULL without values
 */
Datum
complaint_report_days_final(PG_FUNCTION_ARGS)
{
	ReportDaysState *st;
	Datum		out[REPORT_DAYS_MAX_FRACTIONS];
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("complaint.report_days_final can only be called as an aggregate's final function")));
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (ReportDaysState *) PG_GETARG_POINTER(0);
	if (st->n == 0 || st->nfractions < 0)
		PG_RETURN_NULL();
	for (i = 0; i < st->nfractions; i++)
		out[i] = Float8GetDatum(Percentile(st->vals, st->n, st->fractions[i]));
	PG_RETURN_ARRAYTYPE_P(construct_array(out, st->nfractions, FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
