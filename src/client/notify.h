/*-------------------------------------------------------------------------
 *
 * src/client/notify.h
 *	  complaint-notify: delivers the escalation feed of the complaint
 *	  extension (complaint.feed_read / complaint.feed_ack) to stdout or to
 *	  a command, at least once, in order.
 *
 * Files: complaint_notify.c (options, the main loop), notify_conn.c (the
 * connection: connecting again with back-off, LISTEN, waiting for a
 * wake-up), notify_feed.c (reading, delivering, acknowledging a batch),
 * notify_exec.c (running the command for one notice), notify_util.c
 * (messages, signals, sleeping).
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_NOTIFY_H
#define COMPLAINT_NOTIFY_H

#include <signal.h>
#include <stdbool.h>

#include "libpq-fe.h"

#define NOTIFY_PROGNAME		"complaint-notify"
#define NOTIFY_VERSION		"0.2.0"
#define NOTIFY_CHANNEL		"complaint_escalation"

typedef struct NotifyOptions
{
	const char *conninfo;		/* NULL: the PG* environment */
	const char *consumer;
	const char *exec_cmd;		/* NULL: JSON lines on stdout */
	bool		once;
	bool		quiet;
	int			batch;			/* notices per read */
	double		poll_s;			/* read even without a wake-up this often */
	double		retry_max_s;	/* longest wait between two tries */
} NotifyOptions;

/* the outcome of a step that talks to the server */
typedef enum NotifyStatus
{
	NS_OK,						/* done */
	NS_LOST,					/* connection lost or server going away: connect again */
	NS_FATAL,					/* an error that trying again will not cure */
	NS_STOP						/* SIGTERM or SIGINT: stop */
} NotifyStatus;

/* notify_util.c */
extern volatile sig_atomic_t notify_stop;
extern bool notify_quiet;
extern void notify_log(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern void notify_error(const char *fmt,...) __attribute__((format(printf, 1, 2)));
extern void notify_signals(void);
extern bool notify_sleep(double seconds);
extern double notify_backoff(double current, double max_s);

/* notify_conn.c */
extern PGconn *notify_connect(const NotifyOptions *opt);
extern NotifyStatus notify_wait(PGconn *conn, double seconds);
extern NotifyStatus notify_result_status(PGconn *conn, PGresult *res, const char *what);

/* notify_feed.c */
extern NotifyStatus notify_drain(PGconn *conn, const NotifyOptions *opt);
extern void notify_stdout_begin(void);

/* notify_exec.c */
extern bool notify_exec(const char *cmd, const char *line, const char *seq, const char *key);

#endif							/* COMPLAINT_NOTIFY_H */
