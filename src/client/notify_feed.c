/*-------------------------------------------------------------------------
 *
 * src/client/notify_feed.c
 *	  complaint-notify: read the consumer's notices after its position
 *	  (complaint.feed_read, a batch at a time), deliver each, and
 *	  acknowledge (complaint.feed_ack) only what was delivered.
 *
 * To stdout: a batch is written as JSON lines and flushed, then its last
 * number is acknowledged, with the next read (complaint.feed_read's
 * ack_upto: one round trip and one commit a batch) or, when no batch
 * follows, on its own; a batch in flight when the program dies is written
 * again by the next run (at least once).  With --exec: each
 * notice goes to the command, which is run again with back-off (1 s,
 * doubling to --retry-max) until it succeeds; each success is
 * acknowledged at once, so only the notice in hand can come twice.
 * When stdout is a file that a killed run left ending in the middle of a
 * line, a new run ends that line first, so that its notices start on
 * lines of their own.
 *
 *-------------------------------------------------------------------------
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "notify.h"

#define READ_SQL "SELECT seq, key, notice FROM complaint.feed_read($1, $2, $3)"
#define ACK_SQL  "SELECT complaint.feed_ack($1, $2)"

/* notify_stdout_begin --- end a line a killed run left cut in a file */
void
notify_stdout_begin(void)
{
	struct stat st;
	char		last = '\n';
	int			fd;

	if (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
		return;
	/* stdout is usually open for writing only (>>): read the file anew */
	fd = open("/proc/self/fd/1", O_RDONLY);
	if (fd < 0)
		return;
	if (pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
	{
		putc('\n', stdout);
		fflush(stdout);
	}
	close(fd);
}

/* acknowledge every notice up to number seq */
static NotifyStatus
notify_ack(PGconn *conn, const NotifyOptions *opt, const char *seq)
{
	const char *params[2] = {opt->consumer, seq};
	PGresult   *res = PQexecParams(conn, ACK_SQL, 2, NULL, params, NULL, NULL, 0);
	NotifyStatus st = notify_result_status(conn, res, "acknowledging");

	PQclear(res);
	return st;
}

/* a batch as JSON lines on stdout; *acked: its last number, to acknowledge */
static NotifyStatus
notify_deliver_stdout(PGresult *res, char *acked, size_t acked_size)
{
	int			n = PQntuples(res);

	for (int i = 0; i < n; i++)
	{
		fwrite(PQgetvalue(res, i, 2), 1, (size_t) PQgetlength(res, i, 2), stdout);
		putc('\n', stdout);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
	{
		notify_error("cannot write to standard output");
		return NS_FATAL;
	}
	snprintf(acked, acked_size, "%s", PQgetvalue(res, n - 1, 0));
	return NS_OK;
}

/* each notice of a batch to the command, retried until it succeeds */
static NotifyStatus
notify_deliver_exec(PGconn *conn, const NotifyOptions *opt, PGresult *res)
{
	int			n = PQntuples(res);

	for (int i = 0; i < n; i++)
	{
		const char *seq = PQgetvalue(res, i, 0);
		const char *key = PQgetvalue(res, i, 1);
		double		wait = 1.0;
		NotifyStatus st;

		if (notify_stop)
			return NS_STOP;
		while (!notify_exec(opt->exec_cmd, PQgetvalue(res, i, 2), seq, key))
		{
			notify_log("trying notice %s (%s) again in %.3g s", seq, key, wait);
			if (!notify_sleep(wait))
				return NS_STOP;
			wait = notify_backoff(wait, opt->retry_max_s);
		}
		st = notify_ack(conn, opt, seq);
		if (st != NS_OK)
			return st;
	}
	return NS_OK;
}

/*
 * notify_drain --- deliver the consumer's notices until none is left;
 * NS_OK then, else why it stopped.
 */
NotifyStatus
notify_drain(PGconn *conn, const NotifyOptions *opt)
{
	char		batch[16];
	char		pending[32] = "";	/* delivered to stdout, not acknowledged yet */
	const char *params[3];

	snprintf(batch, sizeof(batch), "%d", opt->batch);
	params[0] = opt->consumer;
	params[1] = batch;
	for (;;)
	{
		PGresult   *res;
		NotifyStatus st;
		int			n;

		if (notify_stop)
			return pending[0] ? notify_ack(conn, opt, pending) : NS_STOP;
		params[2] = pending[0] ? pending : NULL;
		res = PQexecParams(conn, READ_SQL, 3, NULL, params, NULL, NULL, 0);
		st = notify_result_status(conn, res, "reading the feed");
		if (st != NS_OK)
		{
			PQclear(res);
			return st;
		}
		pending[0] = '\0';		/* acknowledged by that read */
		n = PQntuples(res);
		if (n > 0)
			st = opt->exec_cmd ? notify_deliver_exec(conn, opt, res)
				: notify_deliver_stdout(res, pending, sizeof(pending));
		PQclear(res);
		if (st != NS_OK)
			return st;
		if (n < opt->batch)
			return pending[0] ? notify_ack(conn, opt, pending) : NS_OK;
	}
}
