/*-------------------------------------------------------------------------
 *
 * src/client/notify_conn.c
 *	  complaint-notify: the connection.  Connecting (again, with back-off,
 *	  until it works or a stop signal comes), LISTEN, waiting for the
 *	  wake-up NOTIFY or the poll interval, and sorting errors into those
 *	  that a new connection may cure and those it will not.
 *
 * The connection string or the PG* environment decide where to connect;
 * the program adds defaults only where neither says anything: an
 * application_name, a connect timeout and TCP keepalives, so that a
 * network cut is noticed while the program waits for a wake-up.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

#include "notify.h"

/*
 * notify_one_line --- a libpq message on one line (libpq ends its messages
 * with a newline and continues them on tab-indented lines), in a static
 * buffer
 */
static const char *
notify_one_line(const char *msg)
{
	static char buf[1024];
	size_t		n = 0;

	for (const char *p = msg; *p != '\0' && n < sizeof(buf) - 1; p++)
	{
		if (*p == '\n' || *p == '\t')
		{
			while (p[1] == '\n' || p[1] == '\t')
				p++;
			if (p[1] != '\0' && n > 0)
				buf[n++] = ' ';
			continue;
		}
		buf[n++] = *p;
	}
	buf[n] = '\0';
	return buf;
}

/* a keyword default, unless the environment sets it */
static void
notify_default(const char **kw, const char **val, int *n, const char *key,
			   const char *env, const char *value)
{
	if (env != NULL && getenv(env) != NULL)
		return;
	kw[*n] = key;
	val[*n] = value;
	(*n)++;
}

/* one attempt; NULL (message logged) when it fails */
static PGconn *
notify_connect_once(const NotifyOptions *opt)
{
	const char *kw[12];
	const char *val[12];
	int			n = 0;
	PGconn	   *conn;

	kw[n] = "fallback_application_name";
	val[n++] = NOTIFY_PROGNAME;
	notify_default(kw, val, &n, "connect_timeout", "PGCONNECT_TIMEOUT", "10");
	notify_default(kw, val, &n, "keepalives_idle", NULL, "30");
	notify_default(kw, val, &n, "keepalives_interval", NULL, "10");
	notify_default(kw, val, &n, "keepalives_count", NULL, "3");
	/* the user's connection string last: it overrides the defaults above */
	kw[n] = "dbname";
	val[n++] = opt->conninfo;
	kw[n] = NULL;
	val[n] = NULL;

	conn = PQconnectdbParams(kw, val, 1);
	if (conn == NULL)
	{
		notify_error("out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK)
	{
		notify_error("cannot connect: %s", notify_one_line(PQerrorMessage(conn)));
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

/*
 * notify_connect --- a connection that LISTENs for the wake-up (not with
 * --once); retries with back-off until it works, except with --once
 * (one try: cron runs it again).  NULL when it gave up or was stopped.
 */
PGconn *
notify_connect(const NotifyOptions *opt)
{
	double		wait = 0.25;

	for (;;)
	{
		PGconn	   *conn;

		if (notify_stop)
			return NULL;
		conn = notify_connect_once(opt);
		if (conn != NULL)
		{
			PGresult   *res;

			if (opt->once)
				return conn;
			res = PQexec(conn, "LISTEN " NOTIFY_CHANNEL);
			if (notify_result_status(conn, res, "LISTEN") == NS_OK)
			{
				PQclear(res);
				notify_log("connected to database \"%s\" as \"%s\"; consumer \"%s\"",
						   PQdb(conn), PQuser(conn), opt->consumer);
				return conn;
			}
			PQclear(res);
			PQfinish(conn);
		}
		if (opt->once)
			return NULL;
		notify_log("connecting again in %.2g s", wait);
		if (!notify_sleep(wait))
			return NULL;
		wait = notify_backoff(wait, opt->retry_max_s);
	}
}

/*
 * notify_result_status --- NS_OK for a successful result; otherwise log
 * the error and say whether a new connection may cure it: the connection
 * is gone, the server is shutting down or starting up (57P01..57P03),
 * connection errors (08), lack of resources (53), a cancel (57014), a
 * serialisation failure or deadlock (40001, 40P01), a lock not available
 * (55P03).  Anything else (an unknown consumer, a missing privilege) is
 * fatal: trying again would only repeat it.
 */
NotifyStatus
notify_result_status(PGconn *conn, PGresult *res, const char *what)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	const char *state;
	const char *msg;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return NS_OK;
	state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (msg == NULL)
		msg = PQerrorMessage(conn);
	msg = notify_one_line(msg);
	if (PQstatus(conn) == CONNECTION_BAD || state == NULL
		|| strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0
		|| strncmp(state, "57", 2) == 0 || strcmp(state, "40001") == 0
		|| strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
	{
		notify_error("%s: connection lost or server unavailable: %s", what, msg);
		return NS_LOST;
	}
	notify_error("%s: %s (SQLSTATE %s)", what, msg, state);
	{
		const char *hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);

		if (hint != NULL)
			notify_error("hint: %s", hint);
	}
	return NS_FATAL;
}

/*
 * notify_wait --- wait up to seconds for a wake-up NOTIFY (or any input);
 * NS_OK when one came or the time is up, NS_LOST when the connection
 * broke, NS_STOP on a stop signal.
 */
NotifyStatus
notify_wait(PGconn *conn, double seconds)
{
	int			sock = PQsocket(conn);
	PGnotify   *n;
	bool		woken = false;

	/* wake-ups that arrived with the last results */
	while ((n = PQnotifies(conn)) != NULL)
	{
		woken = true;
		PQfreemem(n);
	}
	if (woken)
		return NS_OK;
	if (sock < 0)
		return NS_LOST;

	for (;;)
	{
		fd_set		in;
		struct timeval tv;
		int			rc;

		if (notify_stop)
			return NS_STOP;
		FD_ZERO(&in);
		FD_SET(sock, &in);
		tv.tv_sec = (time_t) seconds;
		tv.tv_usec = (suseconds_t) ((seconds - (double) tv.tv_sec) * 1e6);
		rc = select(sock + 1, &in, NULL, NULL, &tv);
		if (rc < 0)
		{
			if (errno == EINTR)
				continue;		/* a stop signal is seen at the top */
			notify_error("select: %s", strerror(errno));
			return NS_LOST;
		}
		if (rc == 0)
			return NS_OK;		/* poll interval: read anyway */
		if (!PQconsumeInput(conn))
		{
			notify_error("connection lost: %s", notify_one_line(PQerrorMessage(conn)));
			return NS_LOST;
		}
		while ((n = PQnotifies(conn)) != NULL)
		{
			woken = true;
			PQfreemem(n);
		}
		if (woken)
			return NS_OK;
		if (PQstatus(conn) == CONNECTION_BAD)
			return NS_LOST;
	}
}
