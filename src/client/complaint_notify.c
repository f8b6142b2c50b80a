/*-------------------------------------------------------------------------
 *
 * src/client/complaint_notify.c
 *	  complaint-notify: options and the main loop.
 *
 * The loop: connect (LISTEN complaint_escalation), deliver the consumer's
 * backlog, wait for a wake-up or the poll interval, deliver again; a lost
 * connection is made again (with back-off) and delivery goes on from the
 * consumer's acknowledged position; SIGTERM or SIGINT stops it after the
 * notice in hand.  With --once: connect, deliver the backlog, exit.
 * Exit status: 0 done or stopped, 1 an error (the message says which),
 * 2 a bad command line.
 *
 *-------------------------------------------------------------------------
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"

static void
notify_usage(FILE *out)
{
	fprintf(out,
			"Usage: " NOTIFY_PROGNAME " [OPTION]... [CONNINFO]\n"
			"Deliver the escalation feed of the complaint extension: each notice (a\n"
			"warning, an escalation, an overdue hand-over, a violation, a sanction, a\n"
			"self-check notice, an appeal window closed) as one JSON line, to standard\n"
			"output or to a command, at least once and in the order recorded.\n"
			"\n"
			"CONNINFO is a libpq connection string or URI (\"dbname=register\",\n"
			"\"postgresql://notifier@db/register\"); without it the PG* environment\n"
			"variables (PGHOST, PGDATABASE, PGUSER, ...) apply. The role needs the\n"
			"rights of complaint_monitor; the consumer must be registered by an\n"
			"administrator: SELECT complaint.feed_register('NAME');\n"
			"\n"
			"Options:\n"
			"  -c, --consumer=NAME    the feed consumer to deliver (default \"complaint-notify\")\n"
			"  -e, --exec=COMMAND     run COMMAND (with /bin/sh) for each notice, the JSON line on\n"
			"                         its standard input, COMPLAINT_NOTICE_SEQ and\n"
			"                         COMPLAINT_NOTICE_KEY in its environment; exit status 0\n"
			"                         acknowledges the notice, anything else runs it again\n"
			"                         after 1 s, 2 s, 4 s, ... up to --retry-max\n"
			"  -1, --once             deliver what is waiting and exit (for cron)\n"
			"  -b, --batch=N          notices per read (default 1000)\n"
			"  -p, --poll=SECONDS     read the feed at least this often even without a\n"
			"                         wake-up NOTIFY (default 30)\n"
			"  -r, --retry-max=SECONDS  longest wait before trying a command or a\n"
			"                         connection again (default 60)\n"
			"  -q, --quiet            no progress messages on standard error (errors only)\n"
			"  -V, --version          print the version and exit\n"
			"  -h, --help             print this help and exit\n"
			"\n"
			"Without --once it runs until SIGTERM or SIGINT, which it obeys after the\n"
			"notice in hand; it connects again when the server restarts or the network\n"
			"fails. A notice is acknowledged only once delivered (written and flushed, or\n"
			"the command exited 0): after a crash the notices in flight come again, with\n"
			"the same \"key\" (use it to drop duplicates).\n"
			"\n"
			"Exit status: 0 done or stopped, 1 an error (an unknown consumer, a missing\n"
			"privilege, no server with --once), 2 a bad command line.\n");
}

static void
notify_bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", NOTIFY_PROGNAME);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry \"%s --help\" for more information.\n", NOTIFY_PROGNAME);
	exit(2);
}

/* a number option within [lo, hi] */
static double
notify_number(const char *name, const char *arg, double lo, double hi)
{
	char	   *end;
	double		v = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(v >= lo && v <= hi))
	{
		char		msg[160];

		snprintf(msg, sizeof(msg), "invalid value \"%%s\" for %s (%g to %g)", name, lo, hi);
		notify_bad_usage(msg, arg);
	}
	return v;
}

static void
notify_options(int argc, char **argv, NotifyOptions *opt)
{
	static const struct option longopts[] = {
		{"consumer", required_argument, NULL, 'c'},
		{"exec", required_argument, NULL, 'e'},
		{"once", no_argument, NULL, '1'},
		{"batch", required_argument, NULL, 'b'},
		{"poll", required_argument, NULL, 'p'},
		{"retry-max", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	int			c;

	memset(opt, 0, sizeof(*opt));
	opt->consumer = "complaint-notify";
	opt->batch = 1000;
	opt->poll_s = 30;
	opt->retry_max_s = 60;

	while ((c = getopt_long(argc, argv, "c:e:1b:p:r:qVh", longopts, NULL)) != -1)
	{
		switch (c)
		{
			case 'c':
				opt->consumer = optarg;
				break;
			case 'e':
				opt->exec_cmd = optarg;
				break;
			case '1':
				opt->once = true;
				break;
			case 'b':
				opt->batch = (int) notify_number("--batch", optarg, 1, 100000);
				break;
			case 'p':
				opt->poll_s = notify_number("--poll", optarg, 0.01, 86400);
				break;
			case 'r':
				opt->retry_max_s = notify_number("--retry-max", optarg, 1, 86400);
				break;
			case 'q':
				opt->quiet = true;
				break;
			case 'V':
				printf("%s %s\n", NOTIFY_PROGNAME, NOTIFY_VERSION);
				exit(0);
			case 'h':
				notify_usage(stdout);
				exit(0);
			default:
				fprintf(stderr, "Try \"%s --help\" for more information.\n", NOTIFY_PROGNAME);
				exit(2);
		}
	}
	if (optind < argc)
		opt->conninfo = argv[optind++];
	if (optind < argc)
		notify_bad_usage("too many arguments (first extra: \"%s\")", argv[optind]);
	if (opt->consumer[0] == '\0')
		notify_bad_usage("%sthe consumer name must not be empty", "");
	if (opt->exec_cmd != NULL && opt->exec_cmd[0] == '\0')
		notify_bad_usage("%sthe command must not be empty", "");
}

int
main(int argc, char **argv)
{
	NotifyOptions opt;
	PGconn	   *conn = NULL;
	int			status = 0;

	notify_options(argc, argv, &opt);
	notify_quiet = opt.quiet;
	notify_signals();
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (opt.exec_cmd == NULL)
		notify_stdout_begin();

	for (;;)
	{
		NotifyStatus st;

		if (conn == NULL)
		{
			conn = notify_connect(&opt);
			if (conn == NULL)
			{
				status = notify_stop ? 0 : 1;
				break;
			}
		}
		st = notify_drain(conn, &opt);
		if (st == NS_OK && !opt.once)
			st = notify_wait(conn, opt.poll_s);
		if (st == NS_STOP || (st == NS_OK && opt.once))
			break;
		if (st == NS_FATAL || (st == NS_LOST && opt.once))
		{
			status = 1;
			break;
		}
		if (st == NS_LOST)
		{
			PQfinish(conn);
			conn = NULL;
			notify_log("connection lost; connecting again");
		}
	}
	if (conn != NULL)
		PQfinish(conn);
	if (notify_stop)
		notify_log("stopped");
	return status;
}
