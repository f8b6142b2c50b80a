#!/bin/bash
# test/fuzz/valgrind.sh --- the pg_regress suite against a server run under
# valgrind (memcheck); counts the errors in the extension's code
#
# usage (as root):  nice -n 10 test/fuzz/valgrind.sh [OUTDIR]
#
#   1. copies the system PostgreSQL 15 to OUTDIR/stage and installs this
#      checkout's extension there (test/fuzz/lib.sh: the system PostgreSQL
#      is not touched, no lock needed);
#   2. starts a throwaway cluster whose postmaster runs under
#      `valgrind --trace-children=yes` (every backend is a fork of it, so
#      every backend runs under memcheck) with the suppressions of
#      test/fuzz/valgrind.supp, one XML report per process;
#   3. runs the Makefile's REGRESS list (and ISOLATION when
#      VG_SUITES="regress isolation") with pg_regress against it;
#   4. stops the server and prints: the suites' results, the number of
#      memcheck errors in all processes, and the number whose stack passes
#      through complaint.so (the extension's code); each of the latter is
#      printed.  Exits non-zero when a suite failed or the extension has an
#      error.
#
# Environment: VG_SUITES (default "regress"), VG_TIMEOUT (seconds for the
# suites, default 3600), VG_PORT (default 54391).
#
# Debian's PostgreSQL is not built with USE_VALGRIND, so memcheck sees
# palloc'd memory as defined once its block has been written: it finds
# reads of uninitialised malloc'd memory, invalid reads and writes outside
# malloc'd blocks (and of memory that was freed with free()), and bad
# system-call arguments, not every misuse of a palloc chunk; the
# AddressSanitizer run (asan.sh) covers the rest.

set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUTDIR=${1:-/tmp/complaint-valgrind}
VG_SUITES=${VG_SUITES:-regress}
VG_TIMEOUT=${VG_TIMEOUT:-3600}
VG_PORT=${VG_PORT:-54391}

require_root
clean_pg_env
command -v valgrind >/dev/null || die "valgrind is not installed (apt-get install valgrind)"

rm -rf "$OUTDIR"
mkdir -p "$OUTDIR/vg"
stage_install "$OUTDIR/stage"
chown -R postgres: "$OUTDIR"
server_init "$OUTDIR/data" "$VG_PORT" "autovacuum = off" "max_connections = 20" "jit = off"
cp "$FUZZ_DIR/valgrind.supp" "$OUTDIR/valgrind.supp"

msg "starting the server under valgrind (slow)"
SERVER_START_WAIT=600 server_start "$OUTDIR/data" "$OUTDIR/server.log" \
	valgrind --quiet --trace-children=yes --track-origins=no --num-callers=30 \
	--leak-check=no --error-limit=no --gen-suppressions=all \
	--suppressions="$OUTDIR/valgrind.supp" \
	--xml=yes --xml-file="$OUTDIR/vg/%p.xml"
trap 'server_stop "$OUTDIR/data"' EXIT
use_server "$OUTDIR/data"

status=0
start=$(date +%s)
for suite in $VG_SUITES; do
	case $suite in
		regress) args=(REGRESS="$(make_var "$OUTDIR/stage/tree" REGRESS)" ISOLATION=) ;;
		isolation) args=(ISOLATION="$(make_var "$OUTDIR/stage/tree" ISOLATION)" REGRESS=) ;;
		*) die "unknown suite $suite" ;;
	esac
	msg "$suite under valgrind"
	(cd "$OUTDIR/stage/tree" && as_postgres env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER=postgres \
		timeout "$VG_TIMEOUT" make installcheck PG_CONFIG="$PG_CONFIG" TAP_TESTS= "${args[@]}") \
		>"$OUTDIR/$suite.log" 2>&1 || status=1
	grep -E '^(test +|     )[^ ]+ +\.\.\. |tests (passed|failed)|All [0-9]+ tests' "$OUTDIR/$suite.log" || true
done
elapsed=$(($(date +%s) - start))
server_stop "$OUTDIR/data"
trap - EXIT

# one <error> element per memcheck error; the memory a process still holds
# when it exits (kinds Leak_*) is counted apart: PostgreSQL frees a
# backend's memory by exiting.  An error is ours when a frame is in
# complaint.so.
total=0 leaks=0 ours=0
: >"$OUTDIR/ours.txt"
for f in "$OUTDIR"/vg/*.xml; do
	[ -s "$f" ] || continue
	# shellcheck disable=SC2046 # three numbers
	set -- $(awk '/<error>/ { e = ""; on = 1 } on { e = e $0 "\n" }
		/<\/error>/ { on = 0
			if (e ~ /<kind>Leak_/) { l++; next }
			t++
			if (e ~ /complaint\.so/) { o++; print e >> "'"$OUTDIR/ours.txt"'" } }
		END { print t + 0, l + 0, o + 0 }' "$f")
	total=$((total + $1)) leaks=$((leaks + $2)) ours=$((ours + $3))
done
procs=$(find "$OUTDIR/vg" -name '*.xml' | wc -l)
crashed=$(crashes "$OUTDIR/server.log" | wc -l)
echo "valgrind: $VG_SUITES in ${elapsed}s, $procs processes, $total memcheck errors ($ours in complaint.so), $leaks blocks held at exit, $crashed crash lines in the server log"
if [ "$ours" -gt 0 ]; then
	cat "$OUTDIR/ours.txt"
	status=1
fi
[ "$crashed" = 0 ] || status=1
exit "$status"
