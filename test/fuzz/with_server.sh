#!/bin/bash
# test/fuzz/with_server.sh --- run a command against a throwaway server of
# a private copy of PostgreSQL 15 with this checkout's extension
#
# usage (as root):  test/fuzz/with_server.sh [--preload] CMD [ARGS...]
#   e.g.  nice -n 10 test/fuzz/with_server.sh test/fuzz/sql_fuzz.sh --count 100000
#
# Stages the server and the extension under $FUZZ_WORK (default
# /tmp/complaint-fuzz-server; see test/fuzz/lib.sh: the system PostgreSQL
# is not written to, so no lock is needed), starts a cluster (with
# shared_preload_libraries = 'complaint' and the worker on database
# postgres when --preload is given), runs CMD as the postgres OS user with
# PGHOST, PGPORT, PGUSER and PGDATABASE set, stops the cluster, prints any
# crash the server log shows, and exits with CMD's status (1 if CMD passed
# but the server log shows a crash).

set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PRELOAD=()
if [ "${1:-}" = --preload ]; then
	PRELOAD=("shared_preload_libraries = 'complaint'" "complaint.database = 'postgres'")
	shift
fi
[ $# -gt 0 ] || die "usage: $0 [--preload] CMD [ARGS...]"
require_root
clean_pg_env

WORKDIR=${FUZZ_WORK:-/tmp/complaint-fuzz-server}
PORT=${FUZZ_PORT:-54392}
rm -rf "$WORKDIR"
mkdir -p "$WORKDIR"
stage_install "$WORKDIR/stage"
chown postgres: "$WORKDIR"
server_init "$WORKDIR/data" "$PORT" ${PRELOAD[@]+"${PRELOAD[@]}"}
server_start "$WORKDIR/data" "$WORKDIR/server.log"
trap 'server_stop "$WORKDIR/data"' EXIT
use_server "$WORKDIR/data"
rc=0
as_postgres env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER=postgres PGDATABASE=postgres \
	PATH="$PATH" "$@" || rc=$?
server_stop "$WORKDIR/data"
trap - EXIT
if [ -n "$(crashes "$WORKDIR/server.log")" ]; then
	echo "the server log shows a crash:"
	crashes "$WORKDIR/server.log"
	[ "$rc" != 0 ] || rc=1
fi
exit "$rc"
