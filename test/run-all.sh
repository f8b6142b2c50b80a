#!/bin/bash
# test/run-all.sh --- build the extension and run every test suite
#
# usage (as root, from anywhere):  test/run-all.sh
#
#   1. installs the Debian packages the tests need, if any is missing;
#   2. copies the checkout to a scratch directory (the checkout itself is
#      never written to), builds there and `make install`s into the system
#      PostgreSQL 15 (/usr/lib/postgresql/15);
#   3. as the `postgres` OS user, in a throwaway cluster made by
#      `pg_virtualenv -v 15` (localhost / Unix socket only), runs each suite
#      on its own so that one failing suite never hides the others:
#        regress    pg_regress over the Makefile's REGRESS list
#        isolation  pg_isolation_regress over ISOLATION
#        tap        prove -v over PROVE_TESTS (test/t/*.pl, PostgreSQL::Test::Cluster)
#        pgtap      pg_prove -v over test/pgtap/*.sql
#        stress     short runs of test/stress/mixed.sh and worker.sh, each in
#                   a throwaway cluster of its own (ok: / FAIL: lines)
#        fuzz       prove -v over test/fuzz/sql_fuzz.sh (FUZZ_COUNT generated
#                   cases, default 10000, seed FUZZ_SEED) and test/fuzz/run.sh
#                   (the libFuzzer harnesses, FUZZ_SECONDS each, default 5;
#                   skipped with a note when clang is missing)
#      then, back as root, the README's demo (test/demo.sh --no-psql) as a
#      smoke test with the library preloaded;
#   4. counts every suite's passed and failed tests, prints the diffs and logs
#      of whatever failed, one line per suite and finally exactly
#          N passed, N failed
#      and exits non-zero iff a test failed or a suite could not run.
#
# A suite whose Makefile list names no existing file is skipped with a note
# (isolation specs or TAP tests that are not written yet).  A suite that has
# files but reports no test, or exits non-zero without a failing test (a
# crash, a bad plan), counts as failed.
#
# Environment:
#   SUITES="regress pgtap"   run only these suites (default: all seven)
#   SUITE_TIMEOUT=600        seconds before a hung suite is killed
#   KEEP_WORK=1              keep the scratch directory (its path is printed)
#
# The script calls itself as `run-all.sh --in-cluster WORKDIR` inside
# pg_virtualenv; that mode is internal.

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ALL_SUITES="regress isolation tap pgtap stress fuzz demo"
SUITES=${SUITES:-$ALL_SUITES}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-600}

# ---------------------------------------------------------------------------
# counting (pure functions over a suite's output)
# ---------------------------------------------------------------------------

# count_regress LOG --- print "passed failed" from pg_regress or
# pg_isolation_regress output.  PostgreSQL 15 prints one line per test:
#     test name                     ... ok           12 ms
#          name                     ... FAILED       30 ms   (parallel group)
# "failed (ignored)" counts as failed: this project ignores no test.
count_regress() {
	awk '
		/^(test +|     )[^ ]+ +\.\.\. +ok/              { ok++; next }
		/^(test +|     )[^ ]+ +\.\.\. +(FAILED|failed)/ { bad++ }
		END { print ok + 0, bad + 0 }
	' "$1"
}

# count_tap LOG --- print "passed failed" from `prove -v` or `pg_prove -v`
# output.  Per test file (header "path .. "), it counts the top-level TAP
# lines "ok N" and "not ok N" (not "# " comments, not indented subtests; a
# "not ok ... # TODO" is an expected failure and counts as passed), then
# adds the planned tests that never ran, and one failure for a file that
# died without a plan or that prove called dubious (non-zero exit).
count_tap() {
	awk '
		function reset() { ok = 0; notok = 0; plan = -1; skipall = 0; dubious = 0 }
		function flush(   ran, f) {
			if (!infile) return
			ran = ok + notok
			f = notok
			if (plan > ran) f += plan - ran
			if (plan < 0 && ran == 0 && !skipall) f++
			if (dubious && f == 0) f = 1
			P += ok; F += f
			infile = 0
		}
		/^[^ #][^ ]* \.\.+ ?$/          { flush(); infile = 1; reset(); next }
		/^Test Summary Report/           { flush(); next }
		!infile                          { next }
		/^ok [0-9]+/                     { ok++; next }
		/^not ok [0-9]+/                 { if ($0 ~ /# *TODO/) ok++; else notok++; next }
		/^1\.\.[0-9]+/                   { plan = substr($1, 4) + 0
		                                   if (plan == 0) skipall = 1; next }
		/^skipped: /                     { skipall = 1; next }
		/^(Dubious, test returned|No subtests run|Parse errors)/ { dubious = 1; next }
		END { flush(); print P + 0, F + 0 }
	' "$1"
}

# ---------------------------------------------------------------------------
# inside the throwaway cluster (as postgres)
# ---------------------------------------------------------------------------

# record SUITE PASSED FAILED NOTE --- append a suite's result for the summary
record() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$OUT/results.tsv"
}

# run_logged SUITE CMD... --- run CMD in the tree with a time limit, showing
# its output live and keeping it in $OUT/SUITE.log; returns CMD's status.
# CMD runs in the background under timeout, which puts it in a process group
# of its own and kills that whole group when time is up (a TAP test's
# servers included).  That group does not see the terminal's Ctrl-C, so an
# INT or TERM that reaches this shell is passed on to it, and the run stops.
run_logged() {
	local suite=$1 rc=0 pid tail_pid interrupted=""
	shift
	: >"$OUT/$suite.log"
	(cd "$TREE" && exec timeout --kill-after=30 "$SUITE_TIMEOUT" "$@") >>"$OUT/$suite.log" 2>&1 &
	pid=$!
	tail --pid="$pid" -n +1 -f "$OUT/$suite.log" &
	tail_pid=$!
	trap 'interrupted=yes; kill -TERM "$pid" 2>/dev/null || true' INT TERM
	# a trapped signal ends `wait` early: wait again until CMD is really gone
	while :; do
		wait "$pid" && rc=0 || rc=$?
		kill -0 "$pid" 2>/dev/null || break
	done
	trap - INT TERM
	wait "$tail_pid" || true
	if [ -n "$interrupted" ]; then
		echo "*** $suite: interrupted"
		exit 130
	fi
	[ "$rc" != 124 ] || echo "*** $suite: killed after ${SUITE_TIMEOUT}s" | tee -a "$OUT/$suite.log"
	return "$rc"
}

# settle SUITE EXPECTED RC PASSED FAILED --- apply the sanity rules and record:
# tests that were expected but never reported count as failed, and a
# non-zero exit with no failing test counts as one failure
settle() {
	local suite=$1 expected=$2 rc=$3 passed=$4 failed=$5 note=""
	if [ "$expected" -gt 0 ] && [ $((passed + failed)) -lt "$expected" ]; then
		note="$((expected - passed - failed)) of $expected tests did not report"
		failed=$((expected - passed))
	fi
	if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
		note="exited with status $rc without a failing test"
		failed=1
	fi
	if [ $((passed + failed)) = 0 ]; then
		note="test files exist but no test ran"
		failed=1
	fi
	record "$suite" "$passed" "$failed" "$note"
	[ "$failed" = 0 ]
}

# existing_tests DIR SUFFIX NAMES... --- print the NAMES whose DIR/NAME.SUFFIX
# exists; note the others on stderr
existing_tests() {
	local dir=$1 suffix=$2 name
	shift 2
	for name in "$@"; do
		if [ -f "$TREE/$dir/$name.$suffix" ]; then
			printf '%s\n' "$name"
		else
			msg "note: $dir/$name.$suffix is listed in the Makefile but does not exist yet: not run"
		fi
	done
}

# inputdir OPTS --- the last --inputdir=DIR in a pg_regress option string,
# printed as a path prefix: "DIR/", or "" for the default (the tree's top)
inputdir() {
	local opt dir=.
	for opt in $1; do
		case $opt in --inputdir=*) dir=${opt#--inputdir=} ;; esac
	done
	dir=${dir%/}
	case $dir in . | ./ | "") ;; *) printf '%s/\n' "${dir#./}" ;; esac
}

# unlisted_files DIR SUFFIX NAMES... --- warn about test files in DIR that the
# Makefile does not list (they would silently never run)
unlisted_files() {
	local dir=$1 suffix=$2 f base
	shift 2
	for f in "$TREE/$dir"/*."$suffix"; do
		[ -e "$f" ] || continue
		base=$(basename "$f" ".$suffix")
		case " $* " in *" $base "*) ;; *)
			msg "WARNING: $dir/$base.$suffix is not listed in the Makefile: not run" ;;
		esac
	done
}

# suite_regress --- pg_regress over the Makefile's REGRESS
suite_regress() {
	local dir rc=0
	local -a listed names
	dir=$(inputdir "$(make_var "$TREE" REGRESS_OPTS)")
	read -ra listed <<<"$(make_var "$TREE" REGRESS)"
	unlisted_files "${dir}sql" sql "${listed[@]}"
	mapfile -t names < <(existing_tests "${dir}sql" sql "${listed[@]}")
	if [ ${#names[@]} = 0 ]; then
		record regress 0 0 "skipped: no ${dir}sql/*.sql listed in REGRESS"
		return 0
	fi
	msg "regress: ${names[*]}"
	run_logged regress make installcheck PG_CONFIG="$PG_CONFIG" \
		REGRESS="${names[*]}" ISOLATION= TAP_TESTS= || rc=$?
	# shellcheck disable=SC2046 # count_regress prints two numbers
	settle regress ${#names[@]} "$rc" $(count_regress "$OUT/regress.log") || {
		show_file "$TREE/regression.diffs"
		return 1
	}
}

# suite_isolation --- pg_isolation_regress over the Makefile's ISOLATION
suite_isolation() {
	local dir rc=0
	local -a listed names
	dir=$(inputdir "$(make_var "$TREE" ISOLATION_OPTS)")
	read -ra listed <<<"$(make_var "$TREE" ISOLATION)"
	unlisted_files "${dir}specs" spec "${listed[@]}"
	mapfile -t names < <(existing_tests "${dir}specs" spec "${listed[@]}")
	if [ ${#names[@]} = 0 ]; then
		record isolation 0 0 "skipped: no ${dir}specs/*.spec listed in ISOLATION"
		return 0
	fi
	msg "isolation: ${names[*]}"
	run_logged isolation make installcheck PG_CONFIG="$PG_CONFIG" \
		ISOLATION="${names[*]}" REGRESS= TAP_TESTS= || rc=$?
	# shellcheck disable=SC2046
	settle isolation ${#names[@]} "$rc" $(count_regress "$OUT/isolation.log") || {
		show_file "$TREE/output_iso/regression.diffs"
		return 1
	}
}

# suite_tap --- prove -v over the Makefile's PROVE_TESTS (PostgreSQL::Test::Cluster)
suite_tap() {
	local pattern rc=0 f
	local -a files=()
	if [ -z "$(make_var "$TREE" TAP_TESTS)" ]; then
		record tap 0 0 "skipped: TAP_TESTS is not set in the Makefile"
		return 0
	fi
	# PROVE_TESTS is a glob such as test/t/*.pl; expand it inside the tree
	pattern=$(make_var "$TREE" PROVE_TESTS)
	# shellcheck disable=SC2086 # the pattern must be globbed
	for f in $(cd "$TREE" && echo $pattern); do
		if [ -f "$TREE/$f" ]; then files+=("$f"); fi
	done
	if [ ${#files[@]} = 0 ]; then
		record tap 0 0 "skipped: no TAP test files ($pattern) yet"
		return 0
	fi
	msg "tap: ${files[*]}"
	run_logged tap make installcheck PG_CONFIG="$PG_CONFIG" \
		PROVE_TESTS="${files[*]}" PROVE_FLAGS=-v REGRESS= ISOLATION= || rc=$?
	# shellcheck disable=SC2046
	settle tap 0 "$rc" $(count_tap "$OUT/tap.log") || {
		show_tap_logs "$OUT/tap.log"
		return 1
	}
}

# suite_pgtap --- pg_prove -v over test/pgtap/*.sql in the cluster's postgres database
suite_pgtap() {
	local rc=0 f
	local -a files=()
	for f in "$TREE"/test/pgtap/*.sql; do
		if [ -f "$f" ]; then files+=("${f#"$TREE"/}"); fi
	done
	if [ ${#files[@]} = 0 ]; then
		record pgtap 0 0 "skipped: no test/pgtap/*.sql yet"
		return 0
	fi
	msg "pgtap: ${files[*]}"
	run_logged pgtap pg_prove -v -d postgres "${files[@]}" || rc=$?
	# shellcheck disable=SC2046
	settle pgtap 0 "$rc" $(count_tap "$OUT/pgtap.log")
}

# suite_stress --- the long runs of test/stress/, short: a 20-second mixed
# load from 8 clients with the invariant checker, and the worker over 1,200
# sweeps, 3 terminations and 2 crash restarts.  Counts the scripts' "ok:"
# and "FAIL:" lines; a script that exits non-zero without one fails too.
suite_stress() {
	local rc=0
	msg "stress: test/stress/mixed.sh 20 8, test/stress/worker.sh 1200 3"
	run_logged stress bash -c 'CHECK_EVERY=10 bash test/stress/mixed.sh 20 8; a=$?
		bash test/stress/worker.sh 1200 3; b=$?
		[ "$a" = 0 ] && [ "$b" = 0 ]' || rc=$?
	settle stress 0 "$rc" "$(grep -c '^ok: ' "$OUT/stress.log" || true)" "$(grep -c '^FAIL: ' "$OUT/stress.log" || true)"
}

# suite_fuzz --- the short fuzz run: the seeded SQL generator and the
# libFuzzer harnesses (test/fuzz/README.md), each a TAP file
suite_fuzz() {
	local rc=0
	msg "fuzz: test/fuzz/sql_fuzz.sh (${FUZZ_COUNT:-10000} cases, seed ${FUZZ_SEED:-1}), test/fuzz/run.sh (${FUZZ_SECONDS:-5} s a harness)"
	run_logged fuzz env FUZZ_COUNT="${FUZZ_COUNT:-10000}" FUZZ_SEED="${FUZZ_SEED:-1}" \
		FUZZ_SECONDS="${FUZZ_SECONDS:-5}" FUZZ_OUT="$OUT/libfuzzer" \
		prove -v --exec bash test/fuzz/sql_fuzz.sh test/fuzz/run.sh || rc=$?
	# shellcheck disable=SC2046
	settle fuzz 0 "$rc" $(count_tap "$OUT/fuzz.log")
}

# show_tap_logs LOG --- print the tmp_check/log files of the TAP test files
# that prove's "Test Summary Report" in LOG names as failed
show_tap_logs() {
	local name f
	# shellcheck disable=SC2013 # test names have no spaces
	for name in $(awk '/^Test Summary Report/ { on = 1 }
			on && /\(Wstat: / { n = split($1, p, "/"); sub(/\.pl$/, "", p[n]); print p[n] }' "$1"); do
		for f in "$TREE/tmp_check/log/regress_log_$name" "$TREE/tmp_check/log/${name}"_*.log; do
			show_file "$f" 400
		done
	done
}

# show_file FILE [LINES] --- print a non-empty diagnostic file (its last
# LINES lines)
show_file() {
	local f=$1 lines=${2:-}
	[ -s "$f" ] || return 0
	echo "----- ${f#"$TREE"/} -----"
	if [ -n "$lines" ] && [ "$(wc -l <"$f")" -gt "$lines" ]; then
		echo "(last $lines lines)"
		tail -n "$lines" "$f"
	else
		cat "$f"
	fi
	echo "----- end of ${f#"$TREE"/} -----"
}

# in_cluster WORKDIR --- run the in-cluster suites; pg_virtualenv has set
# PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE for the throwaway cluster
in_cluster() {
	local work=$1 suite status=0
	TREE=$work/tree
	OUT=$work/out
	export HOME=$work/home
	msg "throwaway cluster: $(psql -XAtc "SELECT version()") on $PGHOST:$PGPORT"
	for suite in regress isolation tap pgtap stress fuzz; do
		case " $SUITES " in *" $suite "*) ;; *) continue ;; esac
		echo
		echo "=============== suite: $suite ==============="
		"suite_$suite" || status=1
	done
	return "$status"
}

# ---------------------------------------------------------------------------
# outside (as root)
# ---------------------------------------------------------------------------

# cleanup --- remove the scratch directory unless KEEP_WORK is set
cleanup() {
	if [ -n "${WORK:-}" ] && [ -d "$WORK" ]; then
		if [ -n "${KEEP_WORK:-}" ]; then
			msg "kept $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
}

# run_demo_suite --- the README's demo, non-interactive, as a smoke test
run_demo_suite() {
	local rc=0
	echo
	echo "=============== suite: demo ==============="
	(cd / && timeout --kill-after=30 "$SUITE_TIMEOUT" bash \
		"$COMPLAINT_ROOT/test/demo.sh" --no-psql --no-build </dev/null) 2>&1 |
		tee "$OUT/demo.log" || rc=${PIPESTATUS[0]}
	if [ "$rc" = 0 ]; then
		record demo 1 0 "test/demo.sh --no-psql"
	else
		record demo 0 1 "test/demo.sh --no-psql exited with status $rc"
	fi
}

# summarize --- one line per suite, then "N passed, N failed"; returns 1 when
# anything failed or an expected suite left no result
summarize() {
	local suite passed failed note total_p=0 total_f=0 line
	echo
	echo "=============== summary ==============="
	for suite in $SUITES; do
		line=$(awk -F'\t' -v s="$suite" '$1 == s' "$OUT/results.tsv" 2>/dev/null | tail -n 1)
		if [ -z "$line" ]; then
			passed=0 failed=1 note="did not run (see the output above)"
		else
			IFS=$'\t' read -r _ passed failed note <<<"$line"
		fi
		total_p=$((total_p + passed))
		total_f=$((total_f + failed))
		printf '  %-10s %5d passed, %3d failed  %s\n' "$suite" "$passed" "$failed" "$note"
	done
	echo "$total_p passed, $total_f failed"
	[ "$total_f" = 0 ]
}

# main --- the whole run, as root
main() {
	local suite
	for suite in $SUITES; do
		case " $ALL_SUITES " in *" $suite "*) ;; *) die "unknown suite '$suite' (known: $ALL_SUITES)" ;; esac
	done
	require_root
	clean_pg_env
	ensure_packages

	WORK=$(mktemp -d /tmp/complaint-tests.XXXXXX)
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	OUT=$WORK/out
	mkdir -p "$OUT" "$WORK/home"
	: >"$OUT/results.tsv"

	copy_tree "$COMPLAINT_ROOT" "$WORK/tree"
	if ! build_and_install "$WORK/tree"; then
		record build 0 1 "build failed (log above); no suite ran"
		SUITES=build summarize || true
		exit 1
	fi

	# the tests run as postgres (initdb refuses root), in a tree it owns
	chown -R postgres: "$WORK"
	chmod 755 "$WORK"
	if [ "$SUITES" != demo ]; then
		(cd "$WORK" && runuser -u postgres -- env HOME="$WORK/home" \
			pg_virtualenv -v "$PG_MAJOR" bash "$WORK/tree/test/run-all.sh" --in-cluster "$WORK") ||
			msg "some in-cluster suite failed or could not run"
	fi
	case " $SUITES " in *" demo "*) run_demo_suite ;; esac
	summarize
}

if [ "${1:-}" = --in-cluster ]; then
	in_cluster "$2"
else
	main "$@"
fi
