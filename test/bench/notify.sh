#!/bin/bash
# test/bench/notify.sh -- the delivery feed's cost (issue 11, Speed).
#
# In a scratch database, against the server in the PG* environment (the
# extension and complaint-notify installed: `make install`):
#
#  1. the sweep with the feed against the same sweep without it: CASES
#     (default 2,000) cases registered under a 60-minute limit ten hours
#     ago, so that every rung, the no-answer violation, the proposed
#     sanction and the self-check notice of each case are due (8 records,
#     5 of them steps); 2 x ROUNDS rounds (default 5 each), each timing one
#     complaint.sweep(at) that records them all inside a transaction it
#     then rolls back (so every round sweeps the same rows), with the
#     feed's capture triggers on or off (ALTER TABLE ... DISABLE TRIGGER
#     feed_capture ... in the same transaction: no feed row and no wake-up
#     NOTIFY at all), in the order on, off, off, on, on, off, ...  Prints
#     the median of each and their ratio.
#  2. complaint-notify to stdout: NOTICES (default 200,000) notices made
#     set-based (escalation rows written in replica mode and their feed
#     rows), delivered by `complaint-notify --once --quiet > /dev/null`
#     twice: by a first consumer, which also numbers the rows as it reads
#     them, and by a second one, which finds them numbered; against the
#     same JSON lines read with psql from complaint.feed_notices (no
#     numbering, no acknowledgement).  Prints notices per second.
#
# Prints figures, never asserts timings.  Creates and drops database
# notify_bench (KEEP=1 keeps it).
#
#   test/bench/notify.sh            (ROUNDS=n CASES=n NOTICES=n BATCH=n)
set -euo pipefail

# complaint-notify is installed into pg_config --bindir (not on PATH on Debian)
PATH="$(${PG_CONFIG:-pg_config} --bindir):$PATH"

ROUNDS=${ROUNDS:-5}
CASES=${CASES:-2000}
NOTICES=${NOTICES:-200000}
BATCH=${BATCH:-1000}
DB=notify_bench

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
[ -n "${KEEP:-}" ] || trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS '$DB'" >/dev/null 2>&1 || true' EXIT

q() { PGOPTIONS="-c client_min_messages=warning" psql -qXAt -d $DB -v ON_ERROR_STOP=1 "$@"; }

# milliseconds taken by one SQL statement, timed inside the server
timed() {
	q -c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); r bigint; BEGIN
		  $1;
		  RAISE WARNING '%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 2);
		  END \$\$" 2>&1 | sed -n 's/.*WARNING:  //p'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

q <<'SQL'
CREATE EXTENSION complaint;
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0'), ('D1', 'city', 'HQ', NULL, NULL);
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', 'head', 'HQ'), ('L0', 'leader', 'HQ'), ('S1', 'first responder', 'D1'), ('S2', 'handler', 'D1');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('bench 60 min', 'answer', '60 minutes', 'bench');
INSERT INTO complaint.escalation_policy (rule_id) SELECT id FROM complaint.time_limit_rule WHERE name = 'bench 60 min';
SQL

# --- 1. the sweep with and without the feed --------------------------------
# The cases are registered once; every round sweeps them in a transaction
# that it rolls back, so that both variants sweep the very same rows.
q <<SQL
SET complaint.staff = 'S1';
SET complaint.now = '2030-02-01 02:00+08';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'bench', 'S2', r.id FROM complaint.time_limit_rule r, generate_series(1, $CASES) WHERE r.name = 'bench 60 min';
SQL
q -c "VACUUM ANALYZE" -c "CHECKPOINT"
feed_triggers() {	# ENABLE or DISABLE: the ALTER TABLE statements
	local action=$1 t
	for t in "escalation feed_capture" "violation feed_capture" "self_check feed_capture" \
			 "sanction feed_capture" "sanction feed_capture_update"; do
		printf 'ALTER TABLE complaint.%s %s TRIGGER %s;\n' "${t% *}" "$action" "${t#* }"
	done
}
with=() without=()
for round in $(seq 1 $((2 * ROUNDS))); do
	# order: with, without, without, with, with, without, ...
	if [ $((round % 4)) -lt 2 ]; then variant=with; else variant=without; fi
	if [ $variant = with ]; then alter=$(feed_triggers ENABLE); else alter=$(feed_triggers DISABLE); fi
	out=$(q <<SQL 2>&1
BEGIN;
$alter
DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); r bigint; BEGIN
	r := complaint.sweep('2030-02-01 12:00+08');
	RAISE WARNING '% %', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 2), r;
END \$\$;
ROLLBACK;
SQL
)
	read -r ms recorded <<<"$(printf '%s\n' "$out" | sed -n 's/.*WARNING:  //p')"
	printf 'round %2d  %-8s  %8s ms  %6s records\n' "$round" "$variant" "$ms" "$recorded"
	if [ $variant = with ]; then with+=("$ms"); else without+=("$ms"); fi
done
mw=$(printf '%s\n' "${with[@]}" | median)
mo=$(printf '%s\n' "${without[@]}" | median)
steps=$((CASES * 5))
echo
echo "sweep of $CASES overdue cases ($steps steps, $((CASES * 8)) records), median of $ROUNDS rounds each:"
awk -v w="$mw" -v o="$mo" -v s="$steps" 'BEGIN {
	printf "  without the feed  %9.1f ms  %7.1f us/step\n", o, 1000 * o / s
	printf "  with the feed     %9.1f ms  %7.1f us/step\n", w, 1000 * w / s
	printf "  ratio with/without  %.3f  (target <= 1.10)\n", w / o }'

# --- 2. complaint-notify to stdout ----------------------------------------
q <<SQL
SELECT complaint.feed_register('first');
SELECT complaint.feed_register('second');
SET session_replication_role = replica;
INSERT INTO complaint.escalation (case_id, round, step, responsibility_id, due_at, recorded_at, to_staff, to_unit, reason)
SELECT (SELECT min(id) FROM complaint.cases), 0, 'warning', 1000 + g, now(), now(), 'S2', 'D1', 'bulk'
  FROM generate_series(1, $NOTICES) g;
INSERT INTO complaint.feed (kind, ref_id)
SELECT 'escalation', e.id FROM complaint.escalation e WHERE e.reason = 'bulk' ORDER BY e.id;
SQL
q -c "VACUUM ANALYZE" -c "CHECKPOINT"
conninfo="dbname=$DB"
# CPU seconds used so far by the server's processes that have ended (the
# postmaster's cutime + cstime: backends are its children), when this user
# may read postmaster.pid; empty otherwise
HZ=$(getconf CLK_TCK)
pm_pid=$(head -1 "$(q -c 'SHOW data_directory')/postmaster.pid" 2>/dev/null || true)
server_cpu() {
	[ -n "$pm_pid" ] && [ -r "/proc/$pm_pid/stat" ] || return 0
	awk -v hz="$HZ" '{ sub(/^.*\) /, ""); print ($14 + $15) / hz }' "/proc/$pm_pid/stat"
}
rate() {	# rate NAME CMD...: run, print notices/s of wall time and per CPU second
	local name=$1 t0 t1 c0 c1 cpu
	shift
	c0=$(server_cpu)
	t0=$(date +%s.%N)
	cpu=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null; } 2>&1 | tail -1)
	t1=$(date +%s.%N)
	sleep 0.2			# the backend has ended: its CPU time is the postmaster's
	c1=$(server_cpu)
	awk -v n="$NOTICES" -v a="$t0" -v b="$t1" -v name="$name" -v c0="$c0" -v c1="$c1" -v cl="$cpu" \
		'BEGIN { split(cl, u, " "); client = u[1] + u[2]
				 printf "  %-56s %6.2f s  %8.0f notices/s", name, b - a, n / (b - a)
				 if (c0 != "" && c1 != "") printf "   CPU: server %.2f s + client %.2f s = %8.0f notices per CPU second", c1 - c0, client, n / (c1 - c0 + client)
				 printf "\n" }'
}
echo
echo "$NOTICES notices to stdout (batches of $BATCH):"
first=$(q -c "SELECT complaint.feed_end()")
rate "complaint-notify --once, first consumer (numbers them)" \
	complaint-notify --once --quiet --batch "$BATCH" --consumer first "$conninfo"
rate "complaint-notify --once, second consumer" \
	complaint-notify --once --quiet --batch "$BATCH" --consumer second "$conninfo"
rate "psql: the same notices, read with complaint.feed_notices in one query" \
	q -c "SELECT notice FROM complaint.feed_notices($first, $NOTICES)"
q -c "SELECT consumer, behind, not_numbered, delivered FROM complaint.feed_lag WHERE consumer IN ('first', 'second') ORDER BY 1" |
	sed 's/^/  lag: /'
