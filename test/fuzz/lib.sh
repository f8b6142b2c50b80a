# test/fuzz/lib.sh
#
# Shell functions shared by the by-hand fuzz and sanitizer scripts
# (valgrind.sh, asan.sh, sqlsmith.sh, sql_fuzz.sh --stage): a private copy
# of the system PostgreSQL 15 with this checkout's extension installed
# into it, and a throwaway server of that copy.
#
# The private copy ("stage") is /usr/lib/postgresql/15 and
# /usr/share/postgresql/15 copied under STAGE/ and the extension installed
# there with `make install DESTDIR=STAGE`.  PostgreSQL finds its share and
# lib directories relative to its own executable, so the staged `postgres`
# loads the staged complaint.so and complaint.control: these long runs
# never write into the system PostgreSQL and need not hold the lock that
# test/run-all.sh takes (/tmp/complaint-pg.lock).
#
# Source it from bash after test/common.sh.

FUZZ_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PG_LIBDIR=/usr/lib/postgresql/$PG_MAJOR
PG_SHAREDIR=/usr/share/postgresql/$PG_MAJOR

# stage_install STAGE [MAKE_ARGS...] --- copy the server into STAGE and
# build and install the extension there (the build in STAGE/tree, with
# MAKE_ARGS such as PG_CFLAGS=...); sets STAGE_BIN
stage_install() {
	local stage=$1
	shift
	mkdir -p "$stage/usr/lib/postgresql" "$stage/usr/share/postgresql"
	cp -a "$PG_LIBDIR" "$stage/usr/lib/postgresql/"
	cp -a "$PG_SHAREDIR" "$stage/usr/share/postgresql/"
	rm -rf "$stage/tree"
	copy_tree "$COMPLAINT_ROOT" "$stage/tree"
	msg "building the extension in $stage/tree $*"
	if ! make -C "$stage/tree" -j2 WERROR=1 PG_CONFIG="$PG_CONFIG" "$@" >"$stage/build.log" 2>&1 ||
		! make -C "$stage/tree" PG_CONFIG="$PG_CONFIG" DESTDIR="$stage" "$@" install >>"$stage/build.log" 2>&1; then
		cat "$stage/build.log" >&2
		die "build failed"
	fi
	STAGE_BIN=$stage$PG_LIBDIR/bin
	chown -R postgres: "$stage"
	chmod 755 "$stage"
}

# as_postgres CMD... --- run CMD as the postgres OS user (initdb refuses root)
as_postgres() {
	runuser -u postgres -- env HOME="${FUZZ_HOME:-/tmp}" "$@"
}

# server_init DATA PORT [SETTING=VALUE...] --- a new cluster in DATA that
# listens on a Unix socket in DATA only; logs carry the SQLSTATE (%e)
server_init() {
	local data=$1 port=$2 s
	shift 2
	as_postgres "$STAGE_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	{
		echo "port = $port"
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$data'"
		echo "fsync = off"
		echo "synchronous_commit = off"
		echo "full_page_writes = off"
		echo "shared_buffers = 32MB"
		echo "max_connections = 30"
		echo "log_line_prefix = '%m [%p] %e '"
		echo "log_min_messages = warning"
		echo "log_min_error_statement = error"
		echo "log_error_verbosity = verbose"
		for s in "$@"; do echo "$s"; done
	} >>"$data/postgresql.conf"
}

# server_start DATA LOG [WRAPPER...] --- start the cluster's postmaster in
# the background, prefixed by WRAPPER (valgrind, env LD_PRELOAD=...); waits
# until it accepts connections (up to SERVER_START_WAIT seconds)
server_start() {
	local data=$1 log=$2 i
	shift 2
	as_postgres "$@" "$STAGE_BIN/postgres" -D "$data" >>"$log" 2>&1 &
	SERVER_PID=$!
	for ((i = 0; i < ${SERVER_START_WAIT:-300}; i++)); do
		if "$STAGE_BIN/pg_isready" -q -U postgres -h "$data" -p "$(server_port "$data")"; then
			return 0
		fi
		kill -0 "$SERVER_PID" 2>/dev/null || die "the server did not start (see $log)"
		sleep 1
	done
	die "the server did not accept connections after ${SERVER_START_WAIT:-300}s"
}

# server_port DATA --- the port written by server_init
server_port() {
	sed -n "s/^port = //p" "$1/postgresql.conf" | tail -n 1
}

# server_stop DATA --- fast shutdown, waiting up to 10 minutes (valgrind)
server_stop() {
	as_postgres "$STAGE_BIN/pg_ctl" -D "$1" -m fast -w -t 600 stop >/dev/null 2>&1 || true
}

# use_server DATA --- point libpq and pg_regress at the cluster
use_server() {
	export PGHOST=$1 PGPORT
	PGPORT=$(server_port "$1")
	export PGUSER=postgres PGDATABASE=postgres
}

# crashes LOG --- print the server log lines that show a backend crash
crashes() {
	grep -E 'terminated by signal|was terminated by exception|server process .* exited with exit code [^01]|PANIC' "$1" || true
}
