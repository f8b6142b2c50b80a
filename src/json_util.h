/*-------------------------------------------------------------------------
 *
 * src/json_util.h
 *	  Building a flat JSON object as text (event details), with proper
 *	  escaping and ISO 8601 timestamps.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_JSON_UTIL_H
#define COMPLAINT_JSON_UTIL_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "lib/stringinfo.h"

#include "timelimit.h"

typedef struct JsonObj
{
	StringInfoData buf;
	bool		empty;
} JsonObj;

extern void JsonObjInit(JsonObj *obj);
extern void JsonAddText(JsonObj *obj, const char *key, const char *value);
extern void JsonAddTimestamp(JsonObj *obj, const char *key, TimestampTz value);
extern void JsonAddInt(JsonObj *obj, const char *key, int64 value);
extern void JsonAddBool(JsonObj *obj, const char *key, bool value);
extern void JsonAddNull(JsonObj *obj, const char *key);
extern void JsonAddLimit(JsonObj *obj, const char *key, const TimeLimit *value);
/* a text[] datum as a JSON array of strings (NULL elements as null) */
extern void JsonAddTextArray(JsonObj *obj, const char *key, Datum array);
/* a JSON array of strings from a C array */
extern void JsonAddStrings(JsonObj *obj, const char *key, const char *const *items, int n);
/* the object's text, palloc'd in the current context */
extern char *JsonObjFinish(JsonObj *obj);

#endif							/* COMPLAINT_JSON_UTIL_H */
