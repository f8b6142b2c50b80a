/*-------------------------------------------------------------------------
 *
 * test/fuzz/fuzz_timelimit.c
 *	  libFuzzer harness for the time_limit parser and I/O (src/timelimit.c,
 *	  linked unchanged against test/fuzz/pg_shim.c).
 *
 * The first byte picks what the rest of the input is:
 *	  0..159	a literal for TimeLimitParse (the type's text input);
 *	  160..223	a unit phrase for complaint.time_limit(amount, unit), with
 *				the amount taken from the next four bytes;
 *	  224..255	the bytes of a binary value for time_limit_recv.
 * Every accepted value must read back equal from its English text, its
 * Chinese text, its amount and unit name, and its binary form.  Every
 * rejected input must raise exactly the documented SQLSTATE (22P02 or
 * 22003 for text, 22023 or 22003 for the constructor, 22P03, 22003 or
 * 08P01 for binary).  Anything else aborts, and libFuzzer keeps the input.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "timelimit.h"
#include "pg_shim.h"

extern Datum complaint_time_limit(PG_FUNCTION_ARGS);
extern Datum complaint_time_limit_recv(PG_FUNCTION_ARGS);
extern Datum complaint_time_limit_send(PG_FUNCTION_ARGS);

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#undef fprintf

static void
Fail(const char *what, const char *input)
{
	fprintf(stderr, "fuzz_timelimit: %s (input \"%s\")\n", what, input);
	abort();
}

/* ExpectError --- the last error must have one of the two SQLSTATEs */
static void
ExpectError(int code1, int code2, const char *input)
{
	if (shim_error.sqlerrcode != code1 && shim_error.sqlerrcode != code2)
	{
		fprintf(stderr, "fuzz_timelimit: SQLSTATE %s at %s: %s\n",
				ShimSqlstate(shim_error.sqlerrcode), shim_error.where, shim_error.message);
		Fail("undocumented error", input);
	}
}

static bool
Same(const TimeLimit *a, const TimeLimit *b)
{
	return a->amount == b->amount && a->unit == b->unit;
}

/* Make --- complaint.time_limit(amount, unit) through the fmgr interface */
static TimeLimit *
Make(int32 amount, const char *unit)
{
	LOCAL_FCINFO(fcinfo, 2);

	InitFunctionCallInfoData(*fcinfo, NULL, 2, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = Int32GetDatum(amount);
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = PointerGetDatum(cstring_to_text(unit));
	fcinfo->args[1].isnull = false;
	return DatumGetTimeLimitP(complaint_time_limit(fcinfo));
}

/* Recv --- time_limit_recv on the bytes of buf */
static TimeLimit *
Recv(StringInfo buf)
{
	LOCAL_FCINFO(fcinfo, 1);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = PointerGetDatum(buf);
	fcinfo->args[0].isnull = false;
	return DatumGetTimeLimitP(complaint_time_limit_recv(fcinfo));
}

/* RoundTrip --- an accepted value reads back from every rendering */
static void
RoundTrip(const TimeLimit *tl, const char *input)
{
	TimeLimit	back;
	char	   *en;
	char	   *zh;
	bytea	   *bin;
	StringInfoData buf;
	LOCAL_FCINFO(fcinfo, 1);

	if (!TimeLimitIsValid(tl))
		Fail("accepted a value outside the domain", input);
	en = TimeLimitToString(tl);
	if (TimeLimitParse(en, &back) != TLP_OK || !Same(&back, tl))
		Fail("English text does not read back", input);
	zh = TimeLimitToChinese(tl);
	if (TimeLimitParse(zh, &back) != TLP_OK || !Same(&back, tl))
		Fail("Chinese text does not read back", input);
	if (SHIM_CATCH(back = *Make(tl->amount, TimeLimitUnitName(tl->unit))) || !Same(&back, tl))
		Fail("amount and unit do not read back", input);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = PointerGetDatum(tl);
	fcinfo->args[0].isnull = false;
	bin = DatumGetByteaPP(complaint_time_limit_send(fcinfo));
	buf.data = VARDATA(bin);
	buf.len = VARSIZE(bin) - VARHDRSZ;
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len != 8)
		Fail("binary form is not 8 bytes", input);
	if (SHIM_CATCH(back = *Recv(&buf)) || !Same(&back, tl) || buf.cursor != buf.len)
		Fail("binary form does not read back", input);
}

static void
FuzzText(const char *s)
{
	TimeLimit	tl;
	TimeLimitParseStatus status = TimeLimitParse(s, &tl);

	if (status == TLP_OK)
	{
		RoundTrip(&tl, s);
		return;
	}
	if (!SHIM_CATCH(TimeLimitReportParseError(status, s)))
		Fail("a parse error raised nothing", s);
	ExpectError(status == TLP_OUT_OF_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
				: ERRCODE_INVALID_TEXT_REPRESENTATION, -1, s);
}

static void
FuzzMake(int32 amount, const char *unit)
{
	TimeLimit  *volatile tl = NULL;

	if (SHIM_CATCH(tl = Make(amount, unit)))
		ExpectError(ERRCODE_INVALID_PARAMETER_VALUE, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, unit);
	else
		RoundTrip(tl, unit);
}

static void
FuzzRecv(const uint8_t *data, size_t size)
{
	StringInfoData buf;
	TimeLimit  *volatile tl = NULL;

	buf.data = palloc(size + 1);
	memcpy(buf.data, data, size);
	buf.data[size] = '\0';
	buf.len = (int) size;
	buf.maxlen = (int) size + 1;
	buf.cursor = 0;
	if (SHIM_CATCH(tl = Recv(&buf)))
	{
		if (shim_error.sqlerrcode != ERRCODE_PROTOCOL_VIOLATION)
			ExpectError(ERRCODE_INVALID_BINARY_REPRESENTATION, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "(binary)");
	}
	else
		RoundTrip(tl, "(binary)");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s;
	uint8_t		mode;

	if (size == 0)
		return 0;
	mode = data[0];
	data++;
	size--;
	if (mode >= 224)
		FuzzRecv(data, size);
	else
	{
		int32		amount = 0;

		if (mode >= 160 && size >= 4)
		{
			memcpy(&amount, data, 4);
			data += 4;
			size -= 4;
		}
		/* a C string ends at its first NUL, as a cstring argument does */
		s = malloc(size + 1);
		memcpy(s, data, size);
		s[size] = '\0';
		if (mode >= 160)
			FuzzMake(amount, s);
		else
			FuzzText(s);
		free(s);
	}
	ShimReset();
	return 0;
}
