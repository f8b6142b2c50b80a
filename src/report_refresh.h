/*-------------------------------------------------------------------------
 *
 * src/report_refresh.h
 *	  The database worker's refresh of the report summaries
 *	  (src/report_refresh.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef REPORT_REFRESH_H
#define REPORT_REFRESH_H

extern void ReportRefreshPass(void);

#endif							/* REPORT_REFRESH_H */
