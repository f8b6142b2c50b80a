/*-------------------------------------------------------------------------
 *
 * src/sweep_json.c
 *	  What complaint.sweep() says about each record, built cheaply:
 *	  complaint.sweep_notify(VARIADIC "any") sends one NOTIFY
 *	  complaint_escalation payload, complaint.sweep_event_detail(VARIADIC
 *	  "any") builds the jsonb detail of a history event.
 *
 * Both take key/value pairs, like json_build_object, and give exactly its
 * result: sweep_notify the text json_build_object(...)::text would send
 * (same spacing, timestamps in ISO form in the session's time zone, null
 * values written as null), sweep_event_detail the jsonb that
 * jsonb_strip_nulls(jsonb_build_object(...)) would build.  They differ from
 * the built-ins only in cost: the built-ins look up every argument's type
 * category and output function again for every row, these look them up on
 * the first row of a statement and keep them in fn_extra (the call site's
 * memory, lifetime of the plan's execution).  Values may be of the integer
 * types, numeric, real, double precision, boolean, text, timestamptz,
 * timestamp, date or an enum (anything else: 0A000); keys are text and
 * never null.  Numbers are written as JSON numbers, except NaN and the
 * infinities, which JSON cannot hold and which become strings, as
 * json_build_object and jsonb_build_object write them.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/async.h"
#include "common/jsonapi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "sweep.h"

#define SWEEP_NOTIFY_CHANNEL "complaint_escalation"

typedef enum SweepJsonKind
{
	SJ_INT,						/* int2, int4, int8: a JSON number */
	SJ_NUMBER,					/* numeric, float4, float8: a JSON number, or a
								 * string for NaN and the infinities */
	SJ_BOOL,					/* true / false */
	SJ_TEXT,					/* text-like: an escaped string */
	SJ_DATETIME,				/* timestamptz, timestamp, date: ISO string */
	SJ_OTHER					/* enum: its output, an escaped string */
} SweepJsonKind;

typedef struct SweepJsonArg
{
	Oid			type;
	SweepJsonKind kind;
	FmgrInfo	out;			/* SJ_NUMBER and SJ_OTHER */
} SweepJsonArg;

typedef struct SweepJsonCache
{
	int			nargs;
	SweepJsonArg args[FLEXIBLE_ARRAY_MEMBER];
} SweepJsonCache;

/*
 * SweepJsonArgs --- the call's key/value pairs and their cached kinds; the
 * cache is (re)built when the call site's argument types are new to it.
 */
static SweepJsonCache *
SweepJsonArgs(FunctionCallInfo fcinfo, Datum **values, bool **nulls, int *nargs)
{
	Oid		   *types;
	SweepJsonCache *cache = (SweepJsonCache *) fcinfo->flinfo->fn_extra;
	int			n = extract_variadic_args(fcinfo, 0, true, values, &types, nulls);

	if (n < 0 || n % 2 != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("arguments must be key/value pairs")));
	for (int i = 0; i < n; i += 2)
	{
		if ((*nulls)[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("key %d must not be null", i / 2 + 1)));
		if (types[i] != TEXTOID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("key %d must be text", i / 2 + 1)));
	}

	if (cache != NULL && cache->nargs == n)
	{
		bool		same = true;

		for (int i = 0; i < n && same; i++)
			same = (cache->args[i].type == types[i]);
		if (same)
		{
			*nargs = n;
			return cache;
		}
	}

	cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
								   offsetof(SweepJsonCache, args) + sizeof(SweepJsonArg) * Max(n, 1));
	cache->nargs = n;
	for (int i = 0; i < n; i++)
	{
		SweepJsonArg *a = &cache->args[i];

		a->type = types[i];
		switch (types[i])
		{
			case INT2OID:
			case INT4OID:
			case INT8OID:
				a->kind = SJ_INT;
				break;
			case NUMERICOID:
			case FLOAT4OID:
			case FLOAT8OID:
				{
					Oid			outfunc;
					bool		isvarlena;

					a->kind = SJ_NUMBER;
					getTypeOutputInfo(types[i], &outfunc, &isvarlena);
					fmgr_info_cxt(outfunc, &a->out, fcinfo->flinfo->fn_mcxt);
				}
				break;
			case BOOLOID:
				a->kind = SJ_BOOL;
				break;
			case TEXTOID:
			case VARCHAROID:
				a->kind = SJ_TEXT;
				break;
			case TIMESTAMPTZOID:
			case TIMESTAMPOID:
			case DATEOID:
				a->kind = SJ_DATETIME;
				break;
			default:
				if (!type_is_enum(types[i]))
					ereport(ERROR,
							(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
							 errmsg("values of type %s are not supported",
									format_type_be(types[i]))));
				{
					Oid			outfunc;
					bool		isvarlena;

					a->kind = SJ_OTHER;
					getTypeOutputInfo(types[i], &outfunc, &isvarlena);
					fmgr_info_cxt(outfunc, &a->out, fcinfo->flinfo->fn_mcxt);
				}
				break;
		}
	}
	fcinfo->flinfo->fn_extra = cache;
	*nargs = n;
	return cache;
}

/* SweepJsonInt --- an integer argument as int64 */
static int64
SweepJsonInt(const SweepJsonArg *a, Datum d)
{
	switch (a->type)
	{
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		default:
			return DatumGetInt64(d);
	}
}

/* SweepJsonString --- a string-valued argument as a C string */
static char *
SweepJsonString(SweepJsonArg *a, Datum d)
{
	if (a->kind == SJ_TEXT)
		return TextDatumGetCString(d);
	if (a->kind == SJ_DATETIME)
		return JsonEncodeDateTime(NULL, d, a->type, NULL);
	return OutputFunctionCall(&a->out, d);
}

/*
 * SweepJsonFiniteNumber --- a numeric, real or double value as a jsonb
 * number, or false for NaN and the infinities (which jsonb writes as strings)
 */
static bool
SweepJsonFiniteNumber(SweepJsonArg *a, Datum d, JsonbValue *v)
{
	Numeric		num;

	if (a->type == NUMERICOID)
		num = DatumGetNumeric(d);
	else
	{
		char	   *s = OutputFunctionCall(&a->out, d);

		if (!IsValidJsonNumber(s, strlen(s)))
			return false;
		num = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
												  ObjectIdGetDatum(InvalidOid),
												  Int32GetDatum(-1)));
	}
	if (numeric_is_nan(num) || numeric_is_inf(num))
		return false;
	v->type = jbvNumeric;
	v->val.numeric = num;
	return true;
}

/* SweepJsonAppendValue --- one value as json_build_object writes it */
static void
SweepJsonAppendValue(StringInfo buf, SweepJsonArg *a, Datum d, bool isnull)
{
	if (isnull)
		appendStringInfoString(buf, "null");
	else if (a->kind == SJ_INT)
		appendStringInfo(buf, INT64_FORMAT, SweepJsonInt(a, d));
	else if (a->kind == SJ_BOOL)
		appendStringInfoString(buf, DatumGetBool(d) ? "true" : "false");
	else if (a->kind == SJ_NUMBER)
	{
		char	   *s = OutputFunctionCall(&a->out, d);

		if (IsValidJsonNumber(s, strlen(s)))
			appendStringInfoString(buf, s);
		else
			escape_json(buf, s);
	}
	else
		escape_json(buf, SweepJsonString(a, d));
}

PG_FUNCTION_INFO_V1(complaint_sweep_notify);

/*
 * complaint_sweep_notify --- sweep_notify(VARIADIC "any") → void: send the
 * object as the payload of NOTIFY complaint_escalation (at commit).
 */
Datum
complaint_sweep_notify(PG_FUNCTION_ARGS)
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
	SweepJsonCache *cache = SweepJsonArgs(fcinfo, &values, &nulls, &n);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < n; i += 2)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, TextDatumGetCString(values[i]));
		appendStringInfoString(&buf, " : ");
		SweepJsonAppendValue(&buf, &cache->args[i + 1], values[i + 1], nulls[i + 1]);
	}
	appendStringInfoChar(&buf, '}');

	/* as pg_notify does; the statement form checks this in ProcessUtility */
	PreventCommandDuringRecovery("NOTIFY");
	Async_Notify(SWEEP_NOTIFY_CHANNEL, buf.data);
	pfree(buf.data);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(complaint_sweep_event_detail);

/*
 * complaint_sweep_event_detail --- sweep_event_detail(VARIADIC "any") →
 * jsonb: the object of the pairs whose value is not null.
 */
Datum
complaint_sweep_event_detail(PG_FUNCTION_ARGS)
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
	SweepJsonCache *cache = SweepJsonArgs(fcinfo, &values, &nulls, &n);
	JsonbParseState *state = NULL;
	JsonbValue *res;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; i < n; i += 2)
	{
		SweepJsonArg *a = &cache->args[i + 1];
		JsonbValue	k;
		JsonbValue	v;
		char	   *key;

		if (nulls[i + 1])
			continue;
		key = TextDatumGetCString(values[i]);
		k.type = jbvString;
		k.val.string.val = key;
		k.val.string.len = strlen(key);
		pushJsonbValue(&state, WJB_KEY, &k);

		if (a->kind == SJ_INT)
		{
			v.type = jbvNumeric;
			v.val.numeric = int64_to_numeric(SweepJsonInt(a, values[i + 1]));
		}
		else if (a->kind == SJ_BOOL)
		{
			v.type = jbvBool;
			v.val.boolean = DatumGetBool(values[i + 1]);
		}
		else if (a->kind == SJ_NUMBER && SweepJsonFiniteNumber(a, values[i + 1], &v))
		{
			/* v is the number */
		}
		else
		{
			char	   *s = SweepJsonString(a, values[i + 1]);

			v.type = jbvString;
			v.val.string.val = s;
			v.val.string.len = strlen(s);
		}
		pushJsonbValue(&state, WJB_VALUE, &v);
	}
	res = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(res));
}
