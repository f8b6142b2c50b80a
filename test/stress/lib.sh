# test/stress/lib.sh --- shell functions shared by test/stress/mixed.sh and
# test/stress/worker.sh (sourced; sets no shell options of its own).
#
# Each stress script runs in a throwaway cluster of its own: initdb into a
# scratch directory, Unix socket in that directory only (listen_addresses
# is empty: no TCP at all), started and stopped with pg_ctl, removed at the
# end (STRESS_KEEP=1 keeps it).  The scripts drive the server themselves
# (kill -9 of a backend, an immediate restart), which is why they do not use
# pg_virtualenv.  The binaries are PostgreSQL 15's (PGBIN, default
# /usr/lib/postgresql/15/bin); the extension must be installed there.
# Run as root, a script re-executes itself as the postgres OS user.

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
STRESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# say --- a progress line on stderr, with the time
say() {
	printf '[%s] %s\n' "$(date +%T)" "$*" >&2
}

# as_postgres "$0" "$@" --- when run as root, run the script again as the
# postgres OS user (initdb refuses root) and exit with its status
as_postgres() {
	local script
	if [ "$(id -u)" = 0 ]; then
		script=$(realpath "$1")
		shift
		cd / || exit 1
		exec runuser -u postgres -- env PGBIN="$PGBIN" STRESS_KEEP="${STRESS_KEEP:-}" \
			CHECK_EVERY="${CHECK_EVERY:-}" LANG=C.UTF-8 LC_ALL=C.UTF-8 bash "$script" "$@"
	fi
}

# cluster_start [name=value ...] --- initdb a throwaway cluster, append the
# settings, start it; sets CLUSTER, PGDATA, PGHOST, PGPORT, PGUSER,
# PGDATABASE (exported) and SERVER_LOG, and arranges for cluster_stop at exit
cluster_start() {
	local setting
	unset PGHOSTADDR PGSERVICE PGPASSWORD PGOPTIONS PGSYSCONFDIR
	CLUSTER=$(mktemp -d /tmp/complaint-stress.XXXXXX)
	export PGDATA=$CLUSTER/data PGHOST=$CLUSTER PGUSER=postgres PGDATABASE=postgres
	# a port nobody else on this machine is likely to use
	PGPORT=$((20000 + RANDOM % 20000))
	export PGPORT
	SERVER_LOG=$CLUSTER/server.log
	trap cluster_stop EXIT
	"$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$CLUSTER/initdb.log" 2>&1 ||
		{ cat "$CLUSTER/initdb.log" >&2; return 1; }
	{
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$CLUSTER'"
		echo "port = $PGPORT"
		echo "log_line_prefix = '%m [%p] %e [%b] '"
		echo "log_min_messages = warning"
		echo "fsync = off"
		for setting in "$@"; do
			echo "$setting"
		done
	} >>"$PGDATA/postgresql.conf"
	"$PGBIN/pg_ctl" -D "$PGDATA" -l "$SERVER_LOG" -w -t 60 start >/dev/null ||
		{ cat "$SERVER_LOG" >&2; return 1; }
	say "throwaway cluster in $CLUSTER (port $PGPORT)"
}

# cluster_stop --- stop the throwaway cluster and remove it (EXIT trap)
cluster_stop() {
	[ -n "${CLUSTER:-}" ] && [ -d "$CLUSTER" ] || return 0
	"$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
	if [ -n "${STRESS_KEEP:-}" ]; then
		say "kept $CLUSTER"
	else
		rm -rf "$CLUSTER"
	fi
}

# q SQL... --- run SQL as the superuser, unaligned, tuples only
q() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# wait_for SECONDS SQL --- poll SQL (a boolean query) until it says true;
# returns 1 after SECONDS.  Errors (a server restarting) count as "not yet".
wait_for() {
	local limit=$1 sql=$2 end
	end=$((SECONDS + limit))
	while [ "$SECONDS" -lt "$end" ]; do
		[ "$(q -c "$sql" 2>/dev/null)" = t ] && return 0
		sleep 0.2
	done
	return 1
}

# log_errors_by_state [FROM_LINE] --- the server log's ERROR, FATAL, PANIC
# and WARNING lines (from line FROM_LINE on), counted by level and SQLSTATE
log_errors_by_state() {
	local from=${1:-1}
	tail -n +"$from" "$SERVER_LOG" | log_levels | sort | uniq -c | sort -k2
}

# log_levels --- from server log lines on stdin, print "LEVEL SQLSTATE" of
# each ERROR, FATAL, PANIC and WARNING (log_line_prefix '%m [%p] %e [%b] ')
log_levels() {
	sed -n -E 's/^[0-9-]+ [0-9:.]+ [A-Z+0-9-]+ \[[0-9]+\] ([0-9A-Z]{5}) \[[^]]*\] (ERROR|FATAL|PANIC|WARNING):.*/\2 \1/p'
}

# FAILURES counts what failed; fail MESSAGE records one
FAILURES=0
fail() {
	FAILURES=$((FAILURES + 1))
	printf 'FAIL: %s\n' "$*"
}

# ok MESSAGE --- a check that passed
ok() {
	printf 'ok: %s\n' "$*"
}
