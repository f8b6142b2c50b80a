#!/bin/bash
# test/fuzz/run.sh --- build and run the libFuzzer harnesses of the pure C
# parts (the time_limit parser and I/O; working-day arithmetic and the
# deadline rules); prints TAP
#
# usage:  test/fuzz/run.sh [SECONDS]        (default 5 s per harness, or $FUZZ_SECONDS)
#   by hand, e.g.:  nice -n 10 test/fuzz/run.sh 300
#
# Each harness (fuzz_timelimit.c, fuzz_workday.c; see their headers) is
# built with clang -fsanitize=fuzzer,address,undefined from the unchanged
# src/timelimit.c, src/workday.c and src/deadline.c, the PostgreSQL server
# headers and test/fuzz/pg_shim.c, then run for SECONDS from a copy of its
# committed seed corpus (test/fuzz/corpus/<name>/).  Work files, the grown
# corpus and any crashing input go to $FUZZ_OUT (default
# /tmp/complaint-libfuzzer).  One TAP test per harness: it built, ran, and
# found no crash, leak, sanitizer report, timeout or failed check; the
# executions are printed.  Without clang the whole file is skipped with a
# note.

set -uo pipefail

SECONDS_EACH=${1:-${FUZZ_SECONDS:-5}}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/../../src" && pwd)
OUT=${FUZZ_OUT:-/tmp/complaint-libfuzzer}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
HARNESSES=(timelimit workday)

if ! command -v clang >/dev/null 2>&1; then
	echo "1..0 # SKIP clang is not installed (apt-get install clang): the libFuzzer harnesses were not run"
	exit 0
fi

echo "1..${#HARNESSES[@]}"
mkdir -p "$OUT"
CFLAGS=(-g -O1 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-ignored-attributes
	-Wno-missing-field-initializers -fsanitize=address,undefined -fno-sanitize-recover=all
	-I"$($PG_CONFIG --includedir-server)" -I"$SRC" -I"$HERE")

# build NAME OBJECTS... --- compile the shim, the sources and the harness
build() {
	local name=$1 obj
	shift
	local -a objs=()
	for obj in "$@"; do
		clang "${CFLAGS[@]}" -fsanitize=fuzzer-no-link -c "$SRC/$obj.c" -o "$OUT/$obj.o" || return 1
		objs+=("$OUT/$obj.o")
	done
	clang "${CFLAGS[@]}" -c "$HERE/pg_shim.c" -o "$OUT/pg_shim.o" &&
		clang "${CFLAGS[@]}" -fsanitize=fuzzer "$HERE/fuzz_$name.c" "${objs[@]}" "$OUT/pg_shim.o" \
			-o "$OUT/fuzz_$name"
}

n=0
for name in "${HARNESSES[@]}"; do
	n=$((n + 1))
	case $name in
		timelimit) objs=(timelimit) ;;
		workday) objs=(workday deadline timelimit) ;;
	esac
	if ! build "$name" "${objs[@]}" >"$OUT/build_$name.log" 2>&1; then
		sed 's/^/# /' "$OUT/build_$name.log"
		echo "not ok $n - fuzz_$name: build failed"
		continue
	fi
	mkdir -p "$OUT/corpus_$name"
	cp "$HERE/corpus/$name/"* "$OUT/corpus_$name/"
	rm -f "$OUT"/crash-* "$OUT"/leak-* "$OUT"/timeout-* "$OUT"/oom-*
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$OUT/fuzz_$name" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
		-max_len=4096 -print_final_stats=1 -artifact_prefix="$OUT/" \
		"$OUT/corpus_$name" >"$OUT/run_$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/run_$name.log")
	corpus=$(ls "$OUT/corpus_$name" | wc -l)
	artifacts=$(ls "$OUT"/crash-* "$OUT"/leak-* "$OUT"/timeout-* "$OUT"/oom-* 2>/dev/null | wc -l)
	if [ "$rc" = 0 ] && [ "$artifacts" = 0 ] && [ -n "$runs" ]; then
		echo "ok $n - fuzz_$name: $runs executions in ${SECONDS_EACH}s, corpus $corpus inputs, 0 crashes"
	else
		grep -E 'ERROR|SUMMARY|fuzz_|pg_shim|runtime error' "$OUT/run_$name.log" | head -n 40 | sed 's/^/# /'
		echo "not ok $n - fuzz_$name: exit status $rc, ${runs:-?} executions, $artifacts crashing inputs kept in $OUT"
	fi
done
