/*-------------------------------------------------------------------------
 *
 * src/case_rules.h
 *	  The rules of the case workflow that the registration
 *	  (trg_case_register.c) and the update guard (trg_case_guard.c,
 *	  trg_case_steps.c, trg_case_clock.c) share: the lifecycle's statuses
 *	  and allowed transitions (SPEC section 3), the classes of the columns
 *	  of complaint.cases, and the checks both make.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CASE_RULES_H
#define COMPLAINT_CASE_RULES_H

#include "postgres.h"

#include "datatype/timestamp.h"

#include "case_context.h"
#include "case_row.h"
#include "case_step.h"

/* ----------------------------------------------------------------------
 * Lifecycle
 * ----------------------------------------------------------------------
 */

typedef enum CaseStatus
{
	ST_REGISTERED,
	ST_ACCEPTED,
	ST_TRANSFERRED,
	ST_IN_PROGRESS,
	ST_WAITING_MATERIALS,
	ST_ANSWERED,
	ST_CLOSED,
	ST_REFERRED_OUT,
	ST_REOPENED,
	ST__COUNT
} CaseStatus;

/* the label of each status, as the enum complaint.case_status spells it */
extern const char *const CaseStatusLabel[ST__COUNT];

/* the CaseStatus of a label; an unknown label is an internal error */
extern CaseStatus StatusOf(const char *label);

/*
 * whether a case may go from one status to another (a transferred case
 * may be transferred again: transferred to transferred is allowed)
 */
extern bool StatusAllowed(CaseStatus from, CaseStatus to);

/* the statuses a case may go to from one, for hints (palloc'd) */
extern char *AllowedList(CaseStatus from);

/* open: neither closed nor referred out */
static inline bool
StatusIsOpen(CaseStatus s)
{
	return s != ST_CLOSED && s != ST_REFERRED_OUT;
}

/* ----------------------------------------------------------------------
 * Column classes
 * ----------------------------------------------------------------------
 */

/* a list of columns of complaint.cases */
typedef struct CaseColumnList
{
	const CaseCol *cols;
	int			n;
} CaseColumnList;

/* set by the workflow only: an UPDATE that changes them is refused */
extern const CaseColumnList CaseOwnedColumns;

/* what the re-projection may change */
extern const CaseColumnList CaseClockColumns;

/* editable data: changes ride along with a step or make an "edited" event */
extern const CaseColumnList CaseEditableColumns;

/* NOT NULL columns whose explicit NULL an INSERT may not give */
extern const CaseColumnList CaseRefusedNullOnInsert;

/* every NOT NULL column, checked on UPDATE */
extern const CaseColumnList CaseNotNullColumns;

/* columns a new case must leave to the workflow (NULL on INSERT) */
extern const CaseColumnList CaseInsertUnsetColumns;

/* a step input that belongs to one target status */
typedef struct StatusInput
{
	CaseCol		column;
	CaseStatus	status;
} StatusInput;

/* the step inputs (missing_items, answer, ...) and their target statuses */
extern const StatusInput CaseStatusInputs[];
extern const int CaseStatusInputCount;

/* ----------------------------------------------------------------------
 * Checks shared by registration and steps
 * ----------------------------------------------------------------------
 */

/*
 * 23502 for column c, as PostgreSQL words it but without the failing row
 * (which holds the complainant's personal data); on_insert adds the hint
 * to leave a column with a default out
 */
extern void ReportNull(CaseRow *row, CaseCol c, bool on_insert);

/*
 * ReportNull for the first of cols that is NULL.  PostgreSQL checks NOT
 * NULL only after the BEFORE triggers ran, and prints the row: the
 * triggers check first.  Inline: every INSERT and UPDATE runs it.
 */
static inline void
CheckNotNull(CaseRow *row, const CaseColumnList *cols, bool on_insert)
{
	int			i;

	for (i = 0; i < cols->n; i++)
		if (unlikely(CaseIsNull(row, cols->cols[i])))
			ReportNull(row, cols->cols[i], on_insert);
}

/* NULL, empty or only white space */
extern bool IsBlank(const char *s);

/* a timestamp for messages (palloc'd copy) */
extern const char *TimeText(TimestampTz ts);

/* a case says what it is about: 22023 for a blank matter, without the row */
extern void CheckMatter(CaseRow *row);

/* 23503: the unit named does not exist */
extern void ReportUnknownUnit(const char *unit);

/* a handler given for a case exists, is active and belongs to unit */
extern void CheckHandlerStaff(const char *staff, bool found, bool active,
							  const char *staff_unit, const char *unit);

/* hand-over and report deadlines of an interface step, counted from now */
extern void InterfaceDues(CaseStep *step, const UnitContext *ctx, TimestampTz now);

/*
 * a one-time notice's list (text[] column c): no NULL or blank item, each
 * item once; what names the list in messages; allow_empty for a referral
 * that needs no papers
 */
extern void CheckItemList(CaseRow *row, CaseCol c, int64 case_id, const char *what,
						  bool allow_empty);

/* 55000: the missing materials of case_id were requested already (一次性告知) */
extern void ReportRequestedTwice(int64 case_id);

#endif							/* COMPLAINT_CASE_RULES_H */
