/*-------------------------------------------------------------------------
 *
 * src/case_row.h
 *	  Column map of complaint.cases and a deformed row (OLD and NEW) that
 *	  the triggers read and modify by column name.
 *
 * The map from column to attribute number is cached per backend and
 * dropped by a relcache callback whenever complaint.cases changes.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CASE_ROW_H
#define COMPLAINT_CASE_ROW_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "utils/rel.h"

#include "timelimit.h"

#define CASE_COLUMNS(X) \
	X(id) X(status) X(kind) X(channel) X(complexity) X(category) X(region) \
	X(matter) X(complainant_name) X(complainant_unit) X(complainant_address) \
	X(complainant_contact) X(received_at) X(first_responder) X(handler_unit) \
	X(handler_staff) X(handover_note) X(rule_id) X(imposed_limit) X(calendar) \
	X(clock_start) X(clock_from) X(clock_limit) X(deadline) X(original_deadline) \
	X(acceptance_due) X(acceptance_from) \
	X(acceptance_limit) X(acceptance_rule_id) X(paused_at) X(paused_total) X(extension_count) \
	X(extension_last) X(extension_approver) X(extension_reason) X(extended_by) \
	X(accepted_at) X(started_at) X(missing_items) X(answer) X(answered_at) \
	X(satisfaction) X(feedback_note) X(feedback_at) X(closed_at) X(referred_to) \
	X(referral_papers) X(referred_at) X(reopen_reason) X(reopened_at) \
	X(reopen_count) X(upgraded) X(repeat_of)

#define CASE_COL_ENUM(c) CC_##c,
typedef enum CaseCol
{
	CASE_COLUMNS(CASE_COL_ENUM)
	CC__COUNT
} CaseCol;
#undef CASE_COL_ENUM

extern const char *const CaseColNames[CC__COUNT];

/* a row of complaint.cases being inserted or updated */
typedef struct CaseRow
{
	Relation	rel;
	TupleDesc	desc;
	const int  *attno;			/* 0-based attribute index per CaseCol */
	Datum	   *oldv;			/* NULL for an INSERT */
	bool	   *oldn;
	Datum	   *newv;
	bool	   *newn;
	bool	   *repl;			/* columns we replaced in NEW */
} CaseRow;

extern void CaseRowInit(CaseRow *row, Relation rel, HeapTuple oldtup, HeapTuple newtup);
extern HeapTuple CaseRowForm(CaseRow *row, HeapTuple newtup);

extern bool CaseIsNull(CaseRow *row, CaseCol c);
extern Datum CaseGet(CaseRow *row, CaseCol c);
extern bool CaseOldIsNull(CaseRow *row, CaseCol c);
extern Datum CaseGetOld(CaseRow *row, CaseCol c);
extern void CaseSet(CaseRow *row, CaseCol c, Datum value);
extern void CaseSetNull(CaseRow *row, CaseCol c);
/* true when NEW differs from OLD (always false for an INSERT) */
extern bool CaseChanged(CaseRow *row, CaseCol c);

/* text and enum columns as C strings (NULL for SQL NULL) */
extern char *CaseText(CaseRow *row, CaseCol c);
extern char *CaseOldText(CaseRow *row, CaseCol c);
extern const char *CaseEnum(CaseRow *row, CaseCol c);
extern const char *CaseOldEnum(CaseRow *row, CaseCol c);
extern void CaseSetText(CaseRow *row, CaseCol c, const char *value);
extern void CaseSetEnum(CaseRow *row, CaseCol c, const char *label);
extern void CaseSetTimestamp(CaseRow *row, CaseCol c, TimestampTz value);
/* time_limit columns: pointer into the row (NULL for SQL NULL) */
extern const TimeLimit *CaseLimit(CaseRow *row, CaseCol c);
extern const TimeLimit *CaseOldLimit(CaseRow *row, CaseCol c);
extern void CaseSetLimit(CaseRow *row, CaseCol c, const TimeLimit *value);

/* label of an enum value, and the value of a label of an enum type */
extern const char *EnumLabelOf(Datum value);
extern Datum EnumValueOf(Oid enumtypid, const char *label);

#endif							/* COMPLAINT_CASE_ROW_H */
