/*-------------------------------------------------------------------------
 *
 * src/client/notify_exec.c
 *	  complaint-notify --exec: run the command for one notice.
 *
 * The command runs under /bin/sh -c with the notice's JSON line (and a
 * newline) on its standard input, its standard output and error those of
 * the program, and in its environment COMPLAINT_NOTICE_SEQ (the number
 * in the feed) and COMPLAINT_NOTICE_KEY (the idempotency key).  Exit
 * status 0 means delivered; anything else (a non-zero status, a signal,
 * a failure to start) means not delivered.  A stop signal does not
 * interrupt the command: the notice in hand is finished first.
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "notify.h"

/* write all of buf to fd; false on an error (EPIPE: the command did not read) */
static bool
notify_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0)
	{
		ssize_t		n = write(fd, buf, len);

		if (n < 0)
		{
			if (errno == EINTR)
				continue;
			return false;
		}
		buf += n;
		len -= (size_t) n;
	}
	return true;
}

/* notify_exec --- true when the command took the notice (exit status 0) */
bool
notify_exec(const char *cmd, const char *line, const char *seq, const char *key)
{
	int			fds[2];
	pid_t		pid;
	int			status;

	if (pipe(fds) != 0)
	{
		notify_error("pipe: %s", strerror(errno));
		return false;
	}
	pid = fork();
	if (pid < 0)
	{
		notify_error("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0)
	{
		/* the child: the notice on stdin, default signal handling */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("COMPLAINT_NOTICE_SEQ", seq, 1);
		setenv("COMPLAINT_NOTICE_KEY", key, 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *) NULL);
		_exit(127);
	}
	close(fds[0]);
	/* a command that exits without reading its input is judged by its status */
	if (notify_write_all(fds[1], line, strlen(line)))
		(void) notify_write_all(fds[1], "\n", 1);
	close(fds[1]);

	while (waitpid(pid, &status, 0) < 0)
	{
		if (errno != EINTR)
		{
			notify_error("waitpid: %s", strerror(errno));
			return false;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (WIFEXITED(status))
		notify_error("command failed for notice %s (%s): exit status %d", seq, key, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		notify_error("command failed for notice %s (%s): killed by signal %d", seq, key, WTERMSIG(status));
	return false;
}
