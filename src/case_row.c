/*-------------------------------------------------------------------------
 *
 * src/case_row.c
 *	  Column map of complaint.cases and accessors for a deformed row.
 *
 * State: case_attno[] maps each CaseCol to its attribute index in the
 * complaint.cases relation whose OID is case_relid.  A relcache callback
 * (registered on first use) clears the map when that relation changes, so
 * an ALTER TABLE or DROP/CREATE EXTENSION is picked up at the next call.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/inval.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "case_row.h"

#define CASE_COL_NAME(c) #c,
const char *const CaseColNames[CC__COUNT] = {
	CASE_COLUMNS(CASE_COL_NAME)
};
#undef CASE_COL_NAME

static int	case_attno[CC__COUNT];
static Oid	case_relid = InvalidOid;
static bool callback_registered = false;

/* CaseRelcacheCallback --- forget the map when complaint.cases changes */
static void
CaseRelcacheCallback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == case_relid)
		case_relid = InvalidOid;
}

/*
 * CaseColumnsMap --- attribute indexes of the columns of rel; 42703 when
 * one is missing (the table was altered in an incompatible way).
 */
static const int *
CaseColumnsMap(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			c;

	if (case_relid == RelationGetRelid(rel))
		return case_attno;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(CaseRelcacheCallback, (Datum) 0);
		callback_registered = true;
	}
	for (c = 0; c < CC__COUNT; c++)
	{
		int			i;

		case_attno[c] = -1;
		for (i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);

			if (!att->attisdropped && strcmp(NameStr(att->attname), CaseColNames[c]) == 0)
			{
				case_attno[c] = i;
				break;
			}
		}
		if (case_attno[c] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of complaint.cases does not exist", CaseColNames[c]),
					 errhint("The workflow triggers need every column created by the extension.")));
	}
	case_relid = RelationGetRelid(rel);
	return case_attno;
}

void
CaseRowInit(CaseRow *row, Relation rel, HeapTuple oldtup, HeapTuple newtup)
{
	int			natts;

	row->rel = rel;
	row->desc = RelationGetDescr(rel);
	row->attno = CaseColumnsMap(rel);
	natts = row->desc->natts;
	row->newv = palloc(natts * sizeof(Datum));
	row->newn = palloc(natts * sizeof(bool));
	row->repl = palloc0(natts * sizeof(bool));
	heap_deform_tuple(newtup, row->desc, row->newv, row->newn);
	if (oldtup != NULL)
	{
		row->oldv = palloc(natts * sizeof(Datum));
		row->oldn = palloc(natts * sizeof(bool));
		heap_deform_tuple(oldtup, row->desc, row->oldv, row->oldn);
	}
	else
	{
		row->oldv = NULL;
		row->oldn = NULL;
	}
}

/* CaseRowForm --- NEW with our replacements (newtup itself when none) */
HeapTuple
CaseRowForm(CaseRow *row, HeapTuple newtup)
{
	int			i;

	for (i = 0; i < row->desc->natts; i++)
		if (row->repl[i])
			return heap_modify_tuple(newtup, row->desc, row->newv, row->newn, row->repl);
	return newtup;
}

bool
CaseIsNull(CaseRow *row, CaseCol c)
{
	return row->newn[row->attno[c]];
}

Datum
CaseGet(CaseRow *row, CaseCol c)
{
	return row->newv[row->attno[c]];
}

bool
CaseOldIsNull(CaseRow *row, CaseCol c)
{
	return row->oldn == NULL || row->oldn[row->attno[c]];
}

Datum
CaseGetOld(CaseRow *row, CaseCol c)
{
	Assert(row->oldv != NULL);
	return row->oldv[row->attno[c]];
}

void
CaseSet(CaseRow *row, CaseCol c, Datum value)
{
	int			i = row->attno[c];

	row->newv[i] = value;
	row->newn[i] = false;
	row->repl[i] = true;
}

void
CaseSetNull(CaseRow *row, CaseCol c)
{
	int			i = row->attno[c];

	row->newv[i] = (Datum) 0;
	row->newn[i] = true;
	row->repl[i] = true;
}

bool
CaseChanged(CaseRow *row, CaseCol c)
{
	int			i = row->attno[c];
	Form_pg_attribute att = TupleDescAttr(row->desc, i);

	if (row->oldv == NULL)
		return false;
	if (row->oldn[i] || row->newn[i])
		return row->oldn[i] != row->newn[i];
	return !datum_image_eq(row->oldv[i], row->newv[i], att->attbyval, att->attlen);
}

char *
CaseText(CaseRow *row, CaseCol c)
{
	return CaseIsNull(row, c) ? NULL : TextDatumGetCString(CaseGet(row, c));
}

char *
CaseOldText(CaseRow *row, CaseCol c)
{
	return CaseOldIsNull(row, c) ? NULL : TextDatumGetCString(CaseGetOld(row, c));
}

const char *
CaseEnum(CaseRow *row, CaseCol c)
{
	return CaseIsNull(row, c) ? NULL : EnumLabelOf(CaseGet(row, c));
}

const char *
CaseOldEnum(CaseRow *row, CaseCol c)
{
	return CaseOldIsNull(row, c) ? NULL : EnumLabelOf(CaseGetOld(row, c));
}

void
CaseSetText(CaseRow *row, CaseCol c, const char *value)
{
	if (value == NULL)
		CaseSetNull(row, c);
	else
		CaseSet(row, c, CStringGetTextDatum(value));
}

void
CaseSetEnum(CaseRow *row, CaseCol c, const char *label)
{
	Oid			typid = TupleDescAttr(row->desc, row->attno[c])->atttypid;

	CaseSet(row, c, EnumValueOf(typid, label));
}

void
CaseSetTimestamp(CaseRow *row, CaseCol c, TimestampTz value)
{
	CaseSet(row, c, TimestampTzGetDatum(value));
}

const TimeLimit *
CaseLimit(CaseRow *row, CaseCol c)
{
	return CaseIsNull(row, c) ? NULL : DatumGetTimeLimitP(CaseGet(row, c));
}

const TimeLimit *
CaseOldLimit(CaseRow *row, CaseCol c)
{
	return CaseOldIsNull(row, c) ? NULL : DatumGetTimeLimitP(CaseGetOld(row, c));
}

void
CaseSetLimit(CaseRow *row, CaseCol c, const TimeLimit *value)
{
	TimeLimit  *copy;

	if (value == NULL)
	{
		CaseSetNull(row, c);
		return;
	}
	copy = palloc(sizeof(TimeLimit));
	*copy = *value;
	CaseSet(row, c, TimeLimitPGetDatum(copy));
}

/* EnumLabelOf --- label of an enum value (palloc'd) */
const char *
EnumLabelOf(Datum value)
{
	HeapTuple	tup;
	char	   *label;

	tup = SearchSysCache1(ENUMOID, value);
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for enum value %u", DatumGetObjectId(value));	/* internal error */
	label = pstrdup(NameStr(((Form_pg_enum) GETSTRUCT(tup))->enumlabel));
	ReleaseSysCache(tup);
	return label;
}

/* EnumValueOf --- the value of label in enum type enumtypid */
Datum
EnumValueOf(Oid enumtypid, const char *label)
{
	HeapTuple	tup;
	Oid			result;

	tup = SearchSysCache2(ENUMTYPOIDNAME, ObjectIdGetDatum(enumtypid),
						  CStringGetDatum(label));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "enum type %u has no label \"%s\"", enumtypid, label);	/* internal error */
	result = ((Form_pg_enum) GETSTRUCT(tup))->oid;
	ReleaseSysCache(tup);
	return ObjectIdGetDatum(result);
}
