/*-------------------------------------------------------------------------
 *
 * src/complaint.h
 *	  Names, GUC variables and module entry points shared by the
 *	  complaint extension's C files.
 *
 * Every SQL name used from C is #defined here once, so that a rename is a
 * one-line change.  Each module exposes one Init function that _PG_init
 * calls; nothing else runs at load time.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_H
#define COMPLAINT_H

#include "datatype/timestamp.h"

#define COMPLAINT_EXTENSION		"complaint"
#define COMPLAINT_SCHEMA		"complaint"

/* calendar tables (src/sql/install/30_calendar.sql) */
#define CALENDAR_TABLE			"calendar"
#define CALENDAR_HOURS_TABLE	"calendar_hours"
#define CALENDAR_DAY_TABLE		"calendar_day"
#define CALENDAR_DAY_HOURS_TABLE "calendar_day_hours"

/* workflow tables (src/sql/install/4x_, 5x_*.sql) */
#define CASES_TABLE				"cases"
#define STAFF_TABLE				"staff"

/* GUC variables (guc.c) */
extern char *complaint_staff;
extern char *complaint_database;
extern int	complaint_sweep_interval;
extern int	complaint_batch_size;
extern bool complaint_worker_enabled;
extern char *complaint_now;
extern int	complaint_repeat_window;	/* minutes */

/* the instant the workflow records steps at (complaint.now, else now()) */
extern TimestampTz ComplaintNow(void);

/* module initialisers called from _PG_init (complaint.c) */
extern void GucInit(void);
extern void CalendarCacheInit(void);
extern void WorkerRegister(void);

#endif							/* COMPLAINT_H */
