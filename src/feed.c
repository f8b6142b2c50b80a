/*-------------------------------------------------------------------------
 *
 * src/feed.c
 *	  Two small helpers of the delivery feed (src/sql/install/66_feed.sql):
 *
 *	complaint.feed_time(ts timestamptz, time_zone text) → text
 *		ts in ISO 8601 with the offset of the named time zone at that
 *		instant ("2025-03-12T09:00:00+08:00"): a notice says the deadline
 *		in the time zone of the unit that must act, whatever the reading
 *		session's TimeZone;
 *	complaint.feed_check_autocommit() → void
 *		refuses (25001) to run inside a transaction block: complaint.
 *		feed_read() numbers the notices it hands out, and the numbering
 *		must commit with the call, before the notices leave the server
 *		(a block rolled back after the notices were delivered would let
 *		the same numbers go to other notices).
 *
 * Neither writes anything or holds state; both are private (only the feed's
 * own functions call them).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(complaint_feed_time);
PG_FUNCTION_INFO_V1(complaint_feed_check_autocommit);

/* complaint.feed_time(timestamptz, text) → text; see the header */
Datum
complaint_feed_time(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	char	   *zone = text_to_cstring(PG_GETARG_TEXT_PP(1));
	pg_tz	   *tz;
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;
	char		buf[MAXDATELEN + 1];

	if (TIMESTAMP_NOT_FINITE(ts))
		PG_RETURN_TEXT_P(cstring_to_text(TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity"));
	tz = pg_tzset(zone);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", zone)));
	if (timestamp2tm(ts, &offset, &tm, &fsec, NULL, tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	PG_RETURN_TEXT_P(cstring_to_text(JsonEncodeDateTime(buf, TimestampTzGetDatum(ts),
														 TIMESTAMPTZOID, &offset)));
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
