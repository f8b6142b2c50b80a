/*-------------------------------------------------------------------------
 *
 * src/feed.c
 *	  The C helpers of the delivery feed (src/sql/install/66_feed.sql):
 *
 *	complaint.feed_notice(...) → text
 *		one notice as a one-line JSON object, from the columns
 *		complaint.feed_notices() reads: the same text json_build_object
 *		would write ("key" : value, ...), the times in the time zone of
 *		the unit that must act, the kind's own fields in "detail" (those
 *		that are not null).  In C because the feed is read in batches of
 *		thousands and json_build_object looks every argument's type up
 *		again for every row: this is one call with fixed argument types;
 *	complaint.feed_time(ts timestamptz, time_zone text) → text
 *		ts in ISO 8601 with the offset of the named time zone at that
 *		instant ("2025-03-12T09:00:00+08:00"), whatever the reading
 *		session's TimeZone;
 *	complaint.feed_check_autocommit() → void
 *		refuses (25001) to run inside a transaction block: complaint.
 *		feed_read() numbers the notices it hands out, and the numbering
 *		must commit with the call, before the notices leave the server
 *		(a block rolled back after the notices were delivered would let
 *		the same numbers go to other notices).
 *
 * None writes anything or holds state; all are private (only the feed's
 * own functions call them).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(complaint_feed_notice);
PG_FUNCTION_INFO_V1(complaint_feed_time);
PG_FUNCTION_INFO_V1(complaint_feed_check_autocommit);

/* FeedZone --- the named time zone, or 22023 */
static pg_tz *
FeedZone(const char *zone)
{
	pg_tz	   *tz = pg_tzset(zone);

	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", zone)));
	return tz;
}

/* FeedLocalTime --- ts in ISO 8601 with tz's offset at that instant */
static const char *
FeedLocalTime(char *buf, TimestampTz ts, pg_tz *tz)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;

	if (TIMESTAMP_NOT_FINITE(ts))
		return TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity";
	if (timestamp2tm(ts, &offset, &tm, &fsec, NULL, tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return JsonEncodeDateTime(buf, TimestampTzGetDatum(ts), TIMESTAMPTZOID, &offset);
}

/*
 * The arguments of complaint.feed_notice, in order: the notice's own
 * fields (always written, null as null), then the fields of "detail"
 * (written only when not null).
 */
typedef enum FeedArgKind
{
	FA_INT8,					/* bigint: a number */
	FA_INT4,					/* integer: a number */
	FA_TEXT,					/* text: a string */
	FA_TIME,					/* timestamptz: a string in the notice's time zone */
	FA_BOOL,					/* boolean */
	FA_TEXTS					/* text[]: an array of strings */
} FeedArgKind;

typedef struct FeedArg
{
	const char *key;
	FeedArgKind kind;
	bool		detail;
} FeedArg;

#define FEED_ARG_KIND		1
#define FEED_ARG_REF_ID		2	/* not written: it makes "key" with the kind */
#define FEED_ARG_TIME_ZONE	9

static const FeedArg feed_args[] = {
	{"seq", FA_INT8, false},
	{"kind", FA_TEXT, false},
	{"ref_id", FA_INT8, false},
	{"step", FA_TEXT, false},
	{"case_id", FA_INT8, false},
	{"staff", FA_TEXT, false},
	{"staff_name", FA_TEXT, false},
	{"unit", FA_TEXT, false},
	{"unit_name", FA_TEXT, false},
	{"time_zone", FA_TEXT, false},
	{"deadline", FA_TIME, false},
	{"due_at", FA_TIME, false},
	{"recorded_at", FA_TIME, false},
	{"escalation_id", FA_INT8, true},
	{"round", FA_INT4, true},
	{"cc_staff", FA_TEXT, true},
	{"reason", FA_TEXT, true},
	{"responsibility_id", FA_INT8, true},
	{"violation_id", FA_INT8, true},
	{"violation_kind", FA_TEXT, true},
	{"opened_by", FA_TEXT, true},
	{"self_check_id", FA_INT8, true},
	{"sanction_id", FA_INT8, true},
	{"grade", FA_TEXT, true},
	{"measures", FA_TEXTS, true},
	{"appealed", FA_BOOL, true},
};

/* FeedTexts --- a text[] as a JSON array of strings (null elements as null) */
static void
FeedTexts(StringInfo out, ArrayType *arr)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	appendStringInfoChar(out, '[');
	for (int j = 0; j < n; j++)
	{
		if (j > 0)
			appendStringInfoChar(out, ',');
		if (nulls[j])
			appendStringInfoString(out, "null");
		else
			escape_json(out, TextDatumGetCString(elems[j]));
	}
	appendStringInfoChar(out, ']');
}

/* FeedValue --- argument i as a JSON value */
static void
FeedValue(StringInfo out, FunctionCallInfo fcinfo, int i, pg_tz *tz)
{
	char		buf[MAXDATELEN + 1];

	if (PG_ARGISNULL(i))
	{
		appendStringInfoString(out, "null");
		return;
	}
	switch (feed_args[i].kind)
	{
		case FA_INT8:
			appendStringInfo(out, INT64_FORMAT, PG_GETARG_INT64(i));
			break;
		case FA_INT4:
			appendStringInfo(out, "%d", PG_GETARG_INT32(i));
			break;
		case FA_TEXT:
			escape_json(out, text_to_cstring(PG_GETARG_TEXT_PP(i)));
			break;
		case FA_TIME:
			appendStringInfoChar(out, '"');
			appendStringInfoString(out, FeedLocalTime(buf, PG_GETARG_TIMESTAMPTZ(i), tz));
			appendStringInfoChar(out, '"');
			break;
		case FA_BOOL:
			appendStringInfoString(out, PG_GETARG_BOOL(i) ? "true" : "false");
			break;
		case FA_TEXTS:
			FeedTexts(out, PG_GETARG_ARRAYTYPE_P(i));
			break;
	}
}

/* complaint.feed_notice(...) → text; see the header */
Datum
complaint_feed_notice(PG_FUNCTION_ARGS)
{
	StringInfoData out;
	pg_tz	   *tz;
	bool		in_detail = false;

	if (PG_NARGS() != (int) lengthof(feed_args))
		elog(ERROR, "complaint.feed_notice takes %d arguments", (int) lengthof(feed_args)); /* internal error */
	tz = PG_ARGISNULL(FEED_ARG_TIME_ZONE) ? session_timezone
		: FeedZone(text_to_cstring(PG_GETARG_TEXT_PP(FEED_ARG_TIME_ZONE)));

	initStringInfo(&out);
	appendStringInfoString(&out, "{\"key\" : ");
	if (PG_ARGISNULL(FEED_ARG_KIND) || PG_ARGISNULL(FEED_ARG_REF_ID))
		appendStringInfoString(&out, "null");
	else
		escape_json(&out, psprintf("%s:" INT64_FORMAT,
								   text_to_cstring(PG_GETARG_TEXT_PP(FEED_ARG_KIND)),
								   PG_GETARG_INT64(FEED_ARG_REF_ID)));
	for (int i = 0; i < (int) lengthof(feed_args); i++)
	{
		if (i == FEED_ARG_REF_ID || (feed_args[i].detail && PG_ARGISNULL(i)))
			continue;
		if (feed_args[i].detail && !in_detail)
		{
			appendStringInfoString(&out, ", \"detail\" : {");
			in_detail = true;
		}
		else
			appendStringInfoString(&out, ", ");
		escape_json(&out, feed_args[i].key);
		appendStringInfoString(&out, " : ");
		FeedValue(&out, fcinfo, i, tz);
	}
	appendStringInfoString(&out, in_detail ? "}}" : ", \"detail\" : {}}");
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}

/* complaint.feed_time(timestamptz, text) → text; see the header */
Datum
complaint_feed_time(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	char		buf[MAXDATELEN + 1];
	pg_tz	   *tz = FeedZone(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	PG_RETURN_TEXT_P(cstring_to_text(FeedLocalTime(buf, ts, tz)));
}

/* complaint.feed_check_autocommit() → void; see the header */
Datum
complaint_feed_check_autocommit(PG_FUNCTION_ARGS)
{
	if (IsTransactionBlock())
		ereport(ERROR,
				(errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
				 errmsg("complaint.feed_read() cannot run inside a transaction block"),
				 errdetail("It numbers the notices it returns, and the numbers must be committed before the notices are delivered."),
				 errhint("Call it on its own, in autocommit mode.")));
	PG_RETURN_VOID();
}
