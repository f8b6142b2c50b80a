#!/bin/bash
# test/fuzz/sql_fuzz.sh --- the time_limit parser, every calendar function
# and every step function under seeded generated input; prints TAP
#
# usage:  test/fuzz/sql_fuzz.sh [--seed N] [--count N] [--chunk N] [--keep]
#
# Runs against the server that the PG* environment names, as a superuser
# (the test suite's throwaway cluster, or test/fuzz/sql_fuzz_stage.sh's).
# It creates the database complaint_fuzz (dropped at the end unless
# --keep), installs the extension and its roles, loads
# test/fuzz/sql_fuzz.sql (the generator, see its header) and runs cases
# 1..COUNT of the seed in chunks of CHUNK cases, one statement each.  A
# chunk whose connection breaks is a crash: it is reported with the range
# of cases to run again (SELECT * FROM fuzz.run(SEED, FIRST, LAST)).
#
# Defaults: --seed 1, --count 10000 (the suite's run), --chunk 2000; also
# from the environment as FUZZ_SEED, FUZZ_COUNT.  The full run is
# --count 100000.  TAP: one test each for no crash, no internal error
# (XX class), every SQLSTATE documented, no complainant data in a message,
# every accepted time_limit round-trips (text, Chinese, amount and unit,
# binary), the add_workdays property, and enough cases run; figures as
# "# " comments.

set -uo pipefail

SEED=${FUZZ_SEED:-1}
COUNT=${FUZZ_COUNT:-10000}
CHUNK=2000
KEEP=""
DB=complaint_fuzz
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

while [ $# -gt 0 ]; do
	case $1 in
		--seed) SEED=$2; shift 2 ;;
		--count) COUNT=$2; shift 2 ;;
		--chunk) CHUNK=$2; shift 2 ;;
		--keep) KEEP=yes; shift ;;
		*) echo "usage: $0 [--seed N] [--count N] [--chunk N] [--keep]" >&2; exit 2 ;;
	esac
done

psql_db() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"
}

echo "1..7"
start=$(date +%s)
dropdb --if-exists "$DB" >/dev/null 2>&1
if ! createdb "$DB" ||
	! psql_db -c "CREATE EXTENSION complaint" -c "SELECT complaint.create_roles()" >/dev/null ||
	! psql_db -f "$HERE/sql_fuzz.sql" >/dev/null ||
	! psql_db -c "SELECT fuzz.setup()" >/dev/null; then
	echo "Bail out! could not set up the database $DB"
	exit 1
fi

crash=""
findings=0
for ((first = 1; first <= COUNT; first += CHUNK)); do
	last=$((first + CHUNK - 1))
	[ "$last" -le "$COUNT" ] || last=$COUNT
	out=$(psql_db -At -F ' | ' -c "SELECT kind, case_no, func, state, message, args FROM fuzz.run($SEED, $first, $last)" 2>&1)
	rc=$?
	if [ "$rc" != 0 ]; then
		crash="cases $first..$last of seed $SEED: $out"
		echo "# $crash"
		break
	fi
	if [ -n "$out" ]; then
		findings=$((findings + $(printf '%s\n' "$out" | wc -l)))
		printf '%s\n' "$out" | sed 's/^/# finding: /'
	fi
done
elapsed=$(($(date +%s) - start))

# tally --- one number from the outcome table
tally() {
	psql_db -At -c "SELECT count(*) FROM fuzz.outcome WHERE case_no IS NOT NULL AND $1" 2>/dev/null || echo 0
}
kinds() {
	psql_db -At -c "SELECT count(*) FROM fuzz.finding WHERE kind = '$1'" 2>/dev/null || echo "?"
}

cases=$(tally true)
echo "# seed $SEED: $cases cases in ${elapsed}s"
psql_db -At -F ' ' -c "SELECT '#  ', family, count(*) AS cases, count(*) FILTER (WHERE state = '00000') AS accepted,
		string_agg(DISTINCT left(state, 2), ',') FILTER (WHERE state <> '00000') AS error_classes
	FROM fuzz.outcome WHERE case_no IS NOT NULL GROUP BY family ORDER BY family" 2>/dev/null
psql_db -At -F ' ' -c "SELECT '#   SQLSTATE', state, count(*) FROM fuzz.outcome WHERE case_no IS NOT NULL
	GROUP BY state ORDER BY count(*) DESC" 2>/dev/null
echo "# binary round trips (send then receive) of accepted values: $(psql_db -At -c "SELECT count(*) FROM fuzz.outcome WHERE case_no IS NULL" 2>/dev/null)"

ok() { # ok N CONDITION DESCRIPTION
	if [ "$2" = yes ]; then echo "ok $1 - $3"; else echo "not ok $1 - $3"; fi
}
ok 1 "$([ -z "$crash" ] && echo yes)" "no crash (the server survived every chunk)"
ok 2 "$([ "$(kinds internal)" = 0 ] && echo yes)" "no internal error (XX class): $(kinds internal)"
ok 3 "$([ "$(kinds unclassified)" = 0 ] && echo yes)" "every SQLSTATE is in a documented class: $(kinds unclassified) outside"
ok 4 "$([ "$(kinds leak)" = 0 ] && echo yes)" "no complainant data in any message: $(kinds leak) leaks"
ok 5 "$([ "$(kinds roundtrip)" = 0 ] && echo yes)" "every accepted time_limit round-trips through text and binary: $(kinds roundtrip) failures"
ok 6 "$([ "$(kinds property)" = 0 ] && echo yes)" "add_workdays(d, n > 0) is a working day n working days after d: $(kinds property) failures"
ok 7 "$([ "$cases" = "$COUNT" ] && echo yes)" "all $COUNT cases ran ($cases)"

[ -n "$KEEP" ] || dropdb --if-exists "$DB" >/dev/null 2>&1
[ -z "$crash" ] && [ "$findings" = 0 ] && [ "$cases" = "$COUNT" ]
