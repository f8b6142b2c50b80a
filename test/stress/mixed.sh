#!/bin/bash
# test/stress/mixed.sh --- the mixed load and the invariant checker (issue 12,
# "Long runs"; method in test/stress/README.md)
#
# usage:  test/stress/mixed.sh [SECONDS [CLIENTS]]      (default 600 and 8)
#
# In a throwaway cluster of its own (test/stress/lib.sh) with the background
# worker sweeping the database every second, pgbench runs the scripts of
# test/stress/pgbench/ from CLIENTS clients for SECONDS seconds:
# registrations, every step of the workflow, the accountability office's
# steps, calendar and rule edits and sweeps by hand.  Meanwhile, every
# CHECK_EVERY seconds (default 120), test/stress/invariants.sql checks the
# invariants under the load (and remembers every history row, so that the
# next run proves none changed).  Afterwards one sweep as of the present
# (final_at) and the checker once more, with the due-and-recorded checks.
#
# Exits non-zero when an invariant is violated, when pgbench reports an
# error other than a serialization or deadlock failure (those are retried,
# --max-tries), when the server logged any ERROR, FATAL or WARNING other
# than those two SQLSTATEs (40001, 40P01), or when the worker counted an
# error.  Prints the figures.  Environment: PGBIN, STRESS_KEEP=1 (keep the
# cluster), CHECK_EVERY (seconds).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
as_postgres "$0" "$@"

DURATION=${1:-600}
CLIENTS=${2:-8}
CHECK_EVERY=${CHECK_EVERY:-120}
MAX_TRIES=10
# SQLSTATEs the load may meet and pgbench retries: serialization_failure, deadlock_detected
RETRIED_STATES="40001 40P01"

# script@weight: registrations balanced by the steps that finish cases
SCRIPTS=(
	register@12 accept@12 transfer@5 assign@5 co_handler@2 start@9 materials@5 extend@3
	answer@11 feedback@11 close@11 refer_reopen@2 reclassify@2 accountability@8
	calendar@1 rule@1 sweep@2
)

cluster_start "shared_preload_libraries = 'complaint'" "complaint.database = 'stress'" \
	"complaint.sweep_interval = '1s'" "complaint.batch_size = 100" "max_connections = 40"

q -c "CREATE DATABASE stress"
export PGDATABASE=stress
q -c "CREATE EXTENSION complaint" -c "SELECT complaint.create_roles()" >/dev/null
q -f "$STRESS_DIR/setup.sql" >/dev/null
wait_for 30 "SELECT state IN ('idle', 'sweeping') FROM complaint.worker_status WHERE database = 'stress'" ||
	fail "the background worker did not start sweeping database stress"

CHECKS=0
CHECK_FAILS=0
# check WHEN [psql options] --- one run of the invariant checker; its report goes
# to $CLUSTER/check.N.log and, when it found something, to stdout
check() {
	CHECKS=$((CHECKS + 1))
	local log=$CLUSTER/check.$CHECKS.log when=$1
	shift
	if psql -X -q -v ON_ERROR_STOP=1 "$@" -f "$STRESS_DIR/invariants.sql" >"$log" 2>&1; then
		ok "invariant check $CHECKS ($when): $(tail -n 1 "$log")"
	else
		CHECK_FAILS=$((CHECK_FAILS + 1))
		cat "$log"
		fail "invariant check $CHECKS ($when) found violations (or could not run)"
	fi
}

check "before the load"
LOG_FROM=$(($(wc -l <"$SERVER_LOG") + 1))

args=(-n -U stress_app -c "$CLIENTS" -D clients="$CLIENTS" -j 2 -T "$DURATION" --max-tries="$MAX_TRIES" --failures-detailed -P 60)
for s in "${SCRIPTS[@]}"; do
	args+=(-f "$STRESS_DIR/pgbench/${s%@*}.sql@${s#*@}")
done
say "pgbench: $CLIENTS clients, $DURATION s, ${#SCRIPTS[@]} scripts"
t0=$SECONDS
(cd "$CLUSTER" && exec nice -n 10 "$PGBIN/pgbench" "${args[@]}") >"$CLUSTER/pgbench.out" 2>"$CLUSTER/pgbench.err" &
bench=$!

# the checker under the load, every CHECK_EVERY seconds while pgbench runs
next=$((SECONDS + CHECK_EVERY))
while kill -0 "$bench" 2>/dev/null; do
	if [ "$SECONDS" -ge "$next" ]; then
		check "under the load"
		next=$((SECONDS + CHECK_EVERY))
	fi
	sleep 1
done
bench_rc=0
wait "$bench" || bench_rc=$?
say "pgbench finished after $((SECONDS - t0)) s with status $bench_rc"

# everything due by now is recorded by one sweep as of now
final_at=$(q -c "SELECT clock_timestamp()")
final_steps=$(q -c "SELECT complaint.sweep('$final_at')")
LOG_TO=$(wc -l <"$SERVER_LOG")
check "after the load and a sweep as of $final_at" -v final_at="'$final_at'"

# --- pgbench: errors other than the retried ones ------------------------
aborted=$(grep -c 'aborted in command' "$CLUSTER/pgbench.err" || true)
if [ "$aborted" != 0 ] || [ "$bench_rc" != 0 ]; then
	grep -E 'aborted|error' "$CLUSTER/pgbench.err" | sort | uniq -c | sort -rn | head -n 20
	fail "pgbench: $aborted clients aborted on an error that is not retried (exit status $bench_rc)"
else
	ok "pgbench: no client aborted"
fi

# --- the server log: ERROR / FATAL / WARNING by SQLSTATE -----------------
echo
echo "server log during the load (count, level, SQLSTATE):"
load_log() { sed -n "${LOG_FROM},${LOG_TO}p" "$SERVER_LOG"; }
load_log | log_levels | sort | uniq -c | sort -k2 | sed 's/^/  /'
unexpected=$(load_log | log_levels | awk -v ok="$RETRIED_STATES" '
	BEGIN { n = split(ok, a, " "); for (i = 1; i <= n; i++) allowed["ERROR " a[i]] = 1 }
	!($0 in allowed) { c++ } END { print c + 0 }')
if [ "$unexpected" != 0 ]; then
	load_log | grep -E '\] (ERROR|FATAL|PANIC|WARNING):' |
		grep -Ev " (${RETRIED_STATES// /|}) \[" | head -n 20
	fail "the server logged $unexpected errors or warnings other than serialization/deadlock failures"
else
	ok "server log: no error other than serialization/deadlock failures"
fi

# --- the worker ------------------------------------------------------------
read -r w_sweeps w_steps w_errors w_state <<<"$(q -F ' ' -c "SELECT sweeps, total_steps, errors, state FROM complaint.worker_status WHERE database = 'stress'")"
if [ "${w_errors:-1}" = 0 ] && [ "${w_sweeps:-0}" -gt 0 ]; then
	ok "worker: $w_sweeps passes, $w_steps records, 0 errors (state $w_state)"
else
	fail "worker: ${w_sweeps:-?} passes, ${w_steps:-?} records, ${w_errors:-?} errors (state ${w_state:-none})"
fi

# --- figures ---------------------------------------------------------------
echo
echo "pgbench ($CLIENTS clients, $DURATION s, --max-tries=$MAX_TRIES):"
grep -E '^(number of (transactions actually processed|failed transactions|serialization failures|deadlock failures|transactions retried)|total number of retries|latency average|tps)' \
	"$CLUSTER/pgbench.out" | sed 's/^/  /'
echo "  transactions per script:"
awk '/^SQL script [0-9]+:/ { n = split($4, p, "/"); name = p[n] }
	 /^ - [0-9]+ transactions/ && name != "" { printf "    %-20s %8s\n", name, $2; name = "" }' "$CLUSTER/pgbench.out"
echo
echo "what the load wrote:"
q -F '|' <<'SQL' | awk -F '|' '{ printf "  %-26s %10s\n", $1, $2 }'
SELECT 'cases', count(*) FROM complaint.cases
UNION ALL SELECT 'cases open', count(*) FROM complaint.cases WHERE status NOT IN ('closed', 'referred_out')
UNION ALL SELECT 'history events', count(*) FROM complaint.event
UNION ALL SELECT 'responsibilities', count(*) FROM complaint.responsibility
UNION ALL SELECT 'escalation steps', count(*) FROM complaint.escalation
UNION ALL SELECT 'violations', count(*) FROM complaint.violation
UNION ALL SELECT 'sanctions decided', count(*) FROM complaint.sanction WHERE decided_at IS NOT NULL
UNION ALL SELECT 'appeals', count(*) FROM complaint.appeal
UNION ALL SELECT 'self-check reports', count(*) FROM complaint.self_check WHERE reported_at IS NOT NULL
UNION ALL SELECT 'calendar days of STRESS', count(*) FROM complaint.calendar_day WHERE calendar = 'STRESS'
SQL
echo "  events by kind: $(q -c "SELECT string_agg(kind || ' ' || n, ', ' ORDER BY kind) FROM (SELECT kind::text, count(*) n FROM complaint.event GROUP BY 1) k")"
echo "  final sweep as of $final_at recorded $final_steps"
echo "  invariant checks: $CHECKS runs (before, $((CHECKS - 2)) under the load, after), $CHECK_FAILS with violations"
echo
if [ "$FAILURES" = 0 ]; then
	echo "mixed load: PASSED"
else
	echo "mixed load: FAILED ($FAILURES)"
	exit 1
fi
