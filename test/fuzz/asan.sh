#!/bin/bash
# test/fuzz/asan.sh --- the regress and isolation suites against the
# extension built with UndefinedBehaviorSanitizer (and AddressSanitizer
# where the server can run with it)
#
# usage (as root):  nice -n 10 test/fuzz/asan.sh [OUTDIR]
#
#   1. copies the system PostgreSQL 15 to OUTDIR/stage and installs there
#      this checkout's extension built with
#      COPT="-fsanitize=$SANITIZE -fno-omit-frame-pointer -g"
#      (test/fuzz/lib.sh: the system PostgreSQL is not touched);
#   2. starts a throwaway cluster with the library in
#      shared_preload_libraries, so the launcher and the worker (sweeping
#      database postgres) run instrumented too.  With address in SANITIZE
#      the ASan runtime is preloaded (LD_PRELOAD of gcc's libasan: the
#      server is not instrumented, but every allocation goes through ASan).
#      On Debian 12 that does not work: any PostgreSQL 15 program with
#      libasan preloaded (postgres, even `psql --version`) hangs in glibc's
#      locale lock (set_pglocale_pgservice -> bindtextdomain; also with
#      clang's runtime), so the default is SANITIZE=undefined, and the
#      address checks of the extension's code are valgrind.sh's (the whole
#      server) and the libFuzzer harnesses' (run.sh: ASan on the pure C
#      parts);
#   3. runs the Makefile's REGRESS and ISOLATION lists against it;
#   4. prints the suites' results and the number of sanitizer reports
#      (ASan stops the backend at its first report; UBSan reports and goes
#      on), and of those whose stack passes through the extension; each of
#      the latter is printed.  Exits non-zero when a suite failed, a report
#      names the extension, or the server log shows a crash.
#
# Environment: SANITIZE (default "undefined"; "address,undefined" to try
# ASan too), ASAN_SUITES (default "regress isolation"), ASAN_TIMEOUT
# (seconds per suite, default 1800), ASAN_PORT (default 54394).

set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUTDIR=${1:-/tmp/complaint-asan}
ASAN_SUITES=${ASAN_SUITES:-regress isolation}
ASAN_TIMEOUT=${ASAN_TIMEOUT:-1800}
ASAN_PORT=${ASAN_PORT:-54394}
SANITIZE=${SANITIZE:-undefined}
SAN="-fsanitize=$SANITIZE -fno-omit-frame-pointer -g"

require_root
clean_pg_env
PRELOAD=()
case $SANITIZE in *address*)
	LIBASAN=$(gcc -print-file-name=libasan.so)
	[ -e "$LIBASAN" ] || die "gcc's libasan is not installed (apt-get install libasan8 or gcc)"
	PRELOAD=(LD_PRELOAD="$LIBASAN")
	;;
esac

rm -rf "$OUTDIR"
mkdir -p "$OUTDIR/reports"
stage_install "$OUTDIR/stage" COPT="$SAN"
chown -R postgres: "$OUTDIR"
server_init "$OUTDIR/data" "$ASAN_PORT" "shared_preload_libraries = 'complaint'" \
	"complaint.database = 'postgres'" "complaint.sweep_interval = '1s'" "jit = off"

msg "starting the server (-fsanitize=$SANITIZE) ${PRELOAD[*]}"
server_start "$OUTDIR/data" "$OUTDIR/server.log" env ${PRELOAD[@]+"${PRELOAD[@]}"} \
	ASAN_OPTIONS="detect_leaks=0:log_path=$OUTDIR/reports/asan:verify_asan_link_order=0" \
	UBSAN_OPTIONS="print_stacktrace=1:log_path=$OUTDIR/reports/ubsan"
trap 'server_stop "$OUTDIR/data"' EXIT
use_server "$OUTDIR/data"
as_postgres "$STAGE_BIN/psql" -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres \
	-c "CREATE EXTENSION complaint" >/dev/null

status=0
start=$(date +%s)
for suite in $ASAN_SUITES; do
	case $suite in
		regress) args=(REGRESS="$(make_var "$OUTDIR/stage/tree" REGRESS)" ISOLATION=) ;;
		isolation) args=(ISOLATION="$(make_var "$OUTDIR/stage/tree" ISOLATION)" REGRESS=) ;;
		*) die "unknown suite $suite" ;;
	esac
	msg "$suite with the sanitizers"
	(cd "$OUTDIR/stage/tree" && as_postgres env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER=postgres \
		timeout "$ASAN_TIMEOUT" make installcheck PG_CONFIG="$PG_CONFIG" TAP_TESTS= "${args[@]}") \
		>"$OUTDIR/$suite.log" 2>&1 || status=1
	grep -E '^(test +|     )[^ ]+ +\.\.\. |tests (passed|failed)|All [0-9]+ tests' "$OUTDIR/$suite.log" || true
done
elapsed=$(($(date +%s) - start))
server_stop "$OUTDIR/data"
trap - EXIT

reports=$(find "$OUTDIR/reports" -type f | wc -l)
ours=0
: >"$OUTDIR/ours.txt"
for f in "$OUTDIR"/reports/*; do
	[ -f "$f" ] || continue
	if grep -q -E 'complaint\.so|/tree/src/' "$f"; then
		ours=$((ours + 1))
		cat "$f" >>"$OUTDIR/ours.txt"
	fi
done
crashed=$(crashes "$OUTDIR/server.log" | wc -l)
echo "-fsanitize=$SANITIZE: $ASAN_SUITES in ${elapsed}s, $reports sanitizer reports ($ours through complaint.so), $crashed crash lines in the server log"
if [ "$ours" -gt 0 ]; then
	cat "$OUTDIR/ours.txt"
	status=1
fi
[ "$crashed" = 0 ] || status=1
exit "$status"
