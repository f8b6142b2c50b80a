/*-------------------------------------------------------------------------
 *
 * src/reproject.h
 *	  Re-projection (reproject.c): besides its triggers, the recount of a
 *	  case that goes back to work after its answer, which the
 *	  re-projections of calendar changes skipped while it was answered.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_REPROJECT_H
#define COMPLAINT_REPROJECT_H

#include "postgres.h"

#include "case_row.h"
#include "json_util.h"

/*
 * for complaint.case_guard(), an answered case going back to in_progress:
 * deadline and original deadline counted again from its clock on its
 * calendar as it is now; when the deadline moves, detail gets
 * deadline_before and deadline.  The caller holds the clock lock
 * (clock_lock.c).
 */
extern void ReprojectResumedCase(CaseRow *row, JsonObj *detail);

#endif							/* COMPLAINT_REPROJECT_H */
