#!/bin/bash
# test/bench/workdays.sh
#   Benchmark of complaint.add_workdays (not a test; nothing asserts on time).
#   Runs test/bench/workdays.sql against the server in the PG* environment
#   (PGHOST, PGPORT, PGUSER, PGDATABASE), in which CREATE EXTENSION complaint
#   has been run, and prints microseconds per call and ratios:
#     complaint.add_workdays(d, n) over 1,000,000 random (d in 2004..2026, n in 1..60)
#     the ordinal table (two index look-ups per call in a SQL function)
#     a PL/pgSQL day-by-day loop (20,000 rows, scaled per call)
#     the floor: d + n over the same rows
#     n = 3650 against n = 1 over the same dates
#     the per-backend cache size of CN, when complaint.calendar_cache_size exists
#   Each figure is the best of 3 rounds (each round times every method once, in turn).  It builds and drops schema bench_workdays.
#
#   usage: test/bench/workdays.sh [rows [loop_rows [runs]]]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
LOOP_ROWS=${2:-20000}
RUNS=${3:-3}
PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v loop_rows="$LOOP_ROWS" -v runs="$RUNS" \
	-c 'CREATE EXTENSION IF NOT EXISTS complaint' -f test/bench/workdays.sql
