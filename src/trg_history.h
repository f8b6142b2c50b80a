/*-------------------------------------------------------------------------
 *
 * src/trg_history.h
 *	  Append-only history: the guard trigger complaint.history_guard() and
 *	  the only door through which the extension's own C code writes
 *	  history rows (complaint.event, complaint.responsibility, and any
 *	  other table guarded the same way).
 *
 * Usage from C (inside a SpiBegin bracket):
 *
 *		HistoryWriteBegin();
 *		PG_TRY();
 *		{
 *			... SPI INSERT INTO a guarded table ...
 *		}
 *		PG_FINALLY();
 *		{
 *			HistoryWriteEnd();
 *		}
 *		PG_END_TRY();
 *
 * or simply EventAppend(), which opens the bracket itself and writes the
 * row without SQL when it can (hist_insert.h).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_TRG_HISTORY_H
#define COMPLAINT_TRG_HISTORY_H

#include "postgres.h"

#include "utils/timestamp.h"

extern void HistoryWriteBegin(void);
extern void HistoryWriteEnd(void);
extern bool HistoryWriteAllowed(void);

/*
 * EventAppend --- append one row to complaint.event.  kind, from_status and
 * to_status are enum labels (NULL allowed for the statuses), actor a staff
 * code or NULL for the system, detail a JSON object text or NULL for {}.
 * Needs no SPI bracket of the caller's: when complaint.event has something
 * the direct path does not reproduce, the row goes through an INSERT
 * statement in a bracket of its own, acting as the table's owner.
 */
extern void EventAppend(int64 case_id, TimestampTz at, const char *kind,
						const char *actor, const char *from_status,
						const char *to_status, const char *detail);

#endif							/* COMPLAINT_TRG_HISTORY_H */
