/*-------------------------------------------------------------------------
 *
 * src/json_util.c
 *	  A tiny builder for the flat JSON objects stored in
 *	  complaint.event.detail.  Output is cast to jsonb by the INSERT.
 *
 * No state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/timestamp.h"

#include "json_util.h"

void
JsonObjInit(JsonObj *obj)
{
	initStringInfo(&obj->buf);
	appendStringInfoChar(&obj->buf, '{');
	obj->empty = true;
}

/* JsonKey --- separator and quoted key */
static void
JsonKey(JsonObj *obj, const char *key)
{
	if (!obj->empty)
		appendStringInfoString(&obj->buf, ", ");
	obj->empty = false;
	escape_json(&obj->buf, key);
	appendStringInfoString(&obj->buf, ": ");
}

void
JsonAddText(JsonObj *obj, const char *key, const char *value)
{
	JsonKey(obj, key);
	if (value == NULL)
		appendStringInfoString(&obj->buf, "null");
	else
		escape_json(&obj->buf, value);
}

void
JsonAddTimestamp(JsonObj *obj, const char *key, TimestampTz value)
{
	char		buf[MAXDATELEN + 1];

	JsonKey(obj, key);
	appendStringInfoChar(&obj->buf, '"');
	appendStringInfoString(&obj->buf,
						   JsonEncodeDateTime(buf, TimestampTzGetDatum(value),
											  TIMESTAMPTZOID, NULL));
	appendStringInfoChar(&obj->buf, '"');
}

void
JsonAddInt(JsonObj *obj, const char *key, int64 value)
{
	JsonKey(obj, key);
	appendStringInfo(&obj->buf, INT64_FORMAT, value);
}

void
JsonAddBool(JsonObj *obj, const char *key, bool value)
{
	JsonKey(obj, key);
	appendStringInfoString(&obj->buf, value ? "true" : "false");
}

void
JsonAddNull(JsonObj *obj, const char *key)
{
	JsonKey(obj, key);
	appendStringInfoString(&obj->buf, "null");
}

void
JsonAddLimit(JsonObj *obj, const char *key, const TimeLimit *value)
{
	if (value == NULL)
		JsonAddNull(obj, key);
	else
		JsonAddText(obj, key, TimeLimitToString(value));
}

void
JsonAddTextArray(JsonObj *obj, const char *key, Datum array)
{
	ArrayType  *arr = DatumGetArrayTypeP(array);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	JsonKey(obj, key);
	appendStringInfoChar(&obj->buf, '[');
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(&obj->buf, ", ");
		if (nulls[i])
			appendStringInfoString(&obj->buf, "null");
		else
			escape_json(&obj->buf, TextDatumGetCString(elems[i]));
	}
	appendStringInfoChar(&obj->buf, ']');
}

void
JsonAddStrings(JsonObj *obj, const char *key, const char *const *items, int n)
{
	int			i;

	JsonKey(obj, key);
	appendStringInfoChar(&obj->buf, '[');
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(&obj->buf, ", ");
		escape_json(&obj->buf, items[i]);
	}
	appendStringInfoChar(&obj->buf, ']');
}

char *
JsonObjFinish(JsonObj *obj)
{
	appendStringInfoChar(&obj->buf, '}');
	return obj->buf.data;
}
