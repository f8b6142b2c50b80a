#!/bin/bash
# test/bench/register.sh
#   Benchmark of the case workflow's C triggers (not a test; nothing asserts
#   on time).  pgbench, 2 clients, one step per transaction, compared with
#     plpgsql  the same rules written in PL/pgSQL, writing the same rows
#              (test/bench/register_plpgsql.sql, schema bench_plpgsql)
#     bare     the same case row written without any trigger (schema
#              bench_bare): the application computes everything itself,
#              nothing checks it, no history is written
#   Phases:
#     register  INSERT of a web complaint with a contact (repeat detection
#               runs), routed by category from the reception desk to a
#               department
#     accept    UPDATE status = 'accepted'
#     transfer  UPDATE to another unit whose interface person gets the
#               30-minute hand-over timer
#     close     UPDATE status = 'closed' of an answered case with feedback
#   Each round runs every variant once, in a rotating order; the figures are
#   medians over the rounds, and the ratios medians of the per-round ratios
#   (the runs of one round are seconds apart, so a ratio compares the
#   variants under the same load on a shared machine).  Many short rounds
#   rather than few long ones: a burst of someone else's load spoils one
#   round, which the median then ignores.  The ranges of the per-round
#   ratios are printed as well, and every round's figures with -v.
#
#   -m (mixed): each round is one pgbench run of the three variants'
#   scripts together (equal weights, each transaction picks one at random),
#   so that load from outside hits all three alike; a variant's figure is
#   then clients / its mean latency (the tps it would reach at that
#   latency), and the ratios compare latencies measured side by side.  The
#   work per transaction is the same as without -m.
#   Other triggers on complaint.cases (e.g. the escalation watch) are
#   disabled for the run, so that only the workflow's triggers are measured.
#
#   It creates (and drops first) the database $BENCH_DB (default
#   complaint_bench) on the server in the PG* environment, where the
#   extension must be installed.
#
#   -p (prepared): pgbench -M prepared, as applications that talk to the
#   server through a driver with prepared statements do; without it, -M
#   simple (each statement parsed and planned anew).  The statements are
#   the same; only the parsing and planning common to the three variants
#   goes away.
#
#   usage: test/bench/register.sh [-v] [-m] [-p] [rounds [seconds [transactions_per_client]]]
#   (defaults 7 rounds, 4-second registration runs, 2000 transactions per
#   client in the other phases: about three minutes on two cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
VERBOSE=0
MIXED=0
PROTOCOL=simple
while [ $# -gt 0 ]; do
	case $1 in
		-v) VERBOSE=1; shift;;
		-m) MIXED=1; shift;;
		-p) PROTOCOL=prepared; shift;;
		*) break;;
	esac
done
ROUNDS=${1:-7}
SECS=${2:-4}
TX=${3:-2000}
CLIENTS=2
DB=${BENCH_DB:-complaint_bench}
PGBENCH=${PGBENCH:-$( [ -n "${PGBIN:-}" ] && echo "$PGBIN/pgbench" || echo pgbench )}
N=$((ROUNDS * CLIENTS * TX))
# mixed runs pick scripts at random: room for a variant that gets more
[ $MIXED = 1 ] && N=$((N + N / 10 + 200))
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

. test/bench/register_lib.sh
bench_setup

# run VARIANT PHASE MODE --- one pgbench run, prints its tps
run() {
	local mode=$3
	if [ "$mode" = time ]; then
		"$PGBENCH" -n -M $PROTOCOL -c $CLIENTS -j $CLIENTS -T "$SECS" -f "$WORK/$2_$1.sql" "$DB" 2>&1
	else
		"$PGBENCH" -n -M $PROTOCOL -c $CLIENTS -j $CLIENTS -t "$TX" -f "$WORK/$2_$1.sql" "$DB" 2>&1
	fi | awk '/^tps = / { print $3 } /aborted|ERROR/ { print "pgbench: " $0 > "/dev/stderr"; bad = 1 } END { exit bad }'
}

# run_mixed PHASE MODE --- one pgbench run of the three variants together;
# prints, for c, plpgsql and bare, clients / mean latency
run_mixed() {
	local n
	if [ "$2" = time ]; then n=(-T "$SECS"); else n=(-t $((3 * TX))); fi
	"$PGBENCH" -n -M $PROTOCOL -c $CLIENTS -j $CLIENTS "${n[@]}" -f "$WORK/$1_c.sql" -f "$WORK/$1_plpgsql.sql" \
		-f "$WORK/$1_bare.sql" "$DB" 2>&1 |
		awk -v clients=$CLIENTS '/latency average = / && script { print clients * 1000 / $5 } /^SQL script/ { script = 1 }
			/aborted|ERROR/ { print "pgbench: " $0 > "/dev/stderr"; bad = 1 } END { exit bad }'
}

# phase PHASE MODE --- ROUNDS rounds over the three variants
declare -A RESULT
phase() {
	local p=$1 mode=$2 r i v
	local order=(c plpgsql bare)
	for ((r = 0; r < ROUNDS; r++)); do
		if [ $MIXED = 1 ]; then
			local out
			out=($(run_mixed $p $mode))
			[ ${#out[@]} = 3 ] || { echo "pgbench: no per-script latencies" >&2; exit 1; }
			RESULT[$p,c,$r]=${out[0]} RESULT[$p,plpgsql,$r]=${out[1]} RESULT[$p,bare,$r]=${out[2]}
			continue
		fi
		for ((i = 0; i < 3; i++)); do
			v=${order[$(((i + r) % 3))]}
			RESULT[$p,$v,$r]=$(run $v $p $mode)
		done
	done
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# ratios PHASE OTHER --- the per-round ratios C / OTHER, one a line
ratios() {
	local r
	for ((r = 0; r < ROUNDS; r++)); do
		echo "${RESULT[$1,c,$r]} ${RESULT[$1,$2,$r]}" | awk '{ print $1 / $2 }'
	done
}

# range --- "min-max" of the numbers on stdin, as ratios (x) or percentages (%)
range() { sort -g | awk -v u="$1" 'NR == 1 { lo = $1 } { hi = $1 } END { if (u == "%") printf "%.0f-%.0f%%", lo * 100, hi * 100; else printf "%.2f-%.2fx", lo, hi }'; }

report() {
	local p=$1 r v
	local c p_ b cp cb
	c=$(for ((r = 0; r < ROUNDS; r++)); do echo "${RESULT[$p,c,$r]}"; done | median)
	p_=$(for ((r = 0; r < ROUNDS; r++)); do echo "${RESULT[$p,plpgsql,$r]}"; done | median)
	b=$(for ((r = 0; r < ROUNDS; r++)); do echo "${RESULT[$p,bare,$r]}"; done | median)
	cp=$(ratios "$p" plpgsql | median)
	cb=$(ratios "$p" bare | median)
	printf '| %-9s | %8.0f | %8.0f | %8.0f | %5.2fx | %5.0f%% | %-13s | %-13s |\n' "$p" "$c" "$p_" "$b" "$cp" \
		"$(echo "$cb" | awk '{ print $1 * 100 }')" "$(ratios "$p" plpgsql | range x)" "$(ratios "$p" bare | range %)"
}

# rounds PHASE --- every round's tps (C / PL/pgSQL / bare), for -v
rounds() {
	local p=$1 r
	printf '%-9s' "$p"
	for ((r = 0; r < ROUNDS; r++)); do
		printf ' %.0f/%.0f/%.0f' "${RESULT[$p,c,$r]}" "${RESULT[$p,plpgsql,$r]}" "${RESULT[$p,bare,$r]}"
	done
	echo
}

# checkpoint --- before a phase's set-up, so that the set-up's writes come
# after the redo point: a run then pays no full-page image for a page the
# set-up touched, and no timed checkpoint (5 minutes apart by default) falls
# inside the phase to make the variants after it pay them all.
checkpoint() { $PSQL -c CHECKPOINT; }

checkpoint
phase register time

# the cases the status phases work on: N per variant, registered alike
checkpoint
bench_load $N
phase accept count
phase transfer count
# answered, with the complainant's satisfaction recorded, alike in all three
checkpoint
bench_answer
phase close count

# the three variants wrote the same history rows
HIST=$($PSQL -Atc "SELECT (SELECT count(*) FROM complaint.event) || ' events, ' || (SELECT count(*) FROM complaint.responsibility) || ' responsibilities (C); '
	|| (SELECT count(*) FROM bench_plpgsql.event) || ' events, ' || (SELECT count(*) FROM bench_plpgsql.responsibility) || ' responsibilities (PL/pgSQL)'")

echo
echo "pgbench -M $PROTOCOL, $CLIENTS clients, one step per transaction; median of $ROUNDS rounds (and the range of the per-round ratios)"
[ $MIXED = 1 ] && echo "mixed runs (-m): the three variants in one pgbench run per round; tps = clients / mean latency"
echo "(register: ${SECS}s runs; accept, transfer, close: $TX transactions per client per run)"
echo "server $(psql -X -Atc 'SHOW server_version' -d "$DB"), synchronous_commit=$(psql -X -Atc 'SHOW synchronous_commit' -d "$DB")"
echo
echo "| phase     | C tps    | PL/pgSQL | bare     | C/PL   | C/bare | C/PL rounds   | C/bare rounds |"
echo "|-----------|----------|----------|----------|--------|--------|---------------|---------------|"
for p in register accept transfer close; do report $p; done
if [ $VERBOSE = 1 ]; then
	echo
	echo "tps per round (C/PL/pgSQL/bare):"
	for p in register accept transfer close; do rounds $p; done
fi
echo
echo "history after the status phases: $HIST"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
