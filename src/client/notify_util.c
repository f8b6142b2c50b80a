/*-------------------------------------------------------------------------
 *
 * src/client/notify_util.c
 *	  complaint-notify: messages on stderr, the stop signals, and sleeping
 *	  that a stop signal ends early.
 *
 * SIGTERM and SIGINT set notify_stop and nothing else; they are installed
 * without SA_RESTART, so that a wait (select, sleep) returns at once and
 * the main loop stops after the notice in hand.  SIGPIPE is ignored: a
 * closed stdout or a command that does not read its input is an error
 * the caller sees (EPIPE), not a silent death.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"

volatile sig_atomic_t notify_stop = 0;
bool		notify_quiet = false;

static void
notify_vmessage(const char *level, const char *fmt, va_list ap)
{
	char		stamp[32];
	time_t		now = time(NULL);
	struct tm	tm;

	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
	fprintf(stderr, "%s %s[%d]: %s", stamp, NOTIFY_PROGNAME, (int) getpid(), level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* notify_log --- a progress message (not with --quiet) */
void
notify_log(const char *fmt,...)
{
	va_list		ap;

	if (notify_quiet)
		return;
	va_start(ap, fmt);
	notify_vmessage("", fmt, ap);
	va_end(ap);
}

/* notify_error --- an error message (always) */
void
notify_error(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	notify_vmessage("error: ", fmt, ap);
	va_end(ap);
}

static void
notify_on_stop(int signo)
{
	(void) signo;
	notify_stop = 1;
}

/* notify_signals --- install the handlers described in the header */
void
notify_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = notify_on_stop;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;			/* no SA_RESTART: waits end at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* notify_sleep --- sleep; false when a stop signal came first */
bool
notify_sleep(double seconds)
{
	struct timespec ts;

	if (notify_stop)
		return false;
	ts.tv_sec = (time_t) seconds;
	ts.tv_nsec = (long) ((seconds - (double) ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0)
	{
		if (errno != EINTR || notify_stop)
			return false;
	}
	return !notify_stop;
}

/* notify_backoff --- the next wait: twice the last, at most max_s */
double
notify_backoff(double current, double max_s)
{
	double		next = current * 2;

	return next > max_s ? max_s : next;
}
