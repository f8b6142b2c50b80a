#!/bin/bash
# test/bench/notify.sh -- the delivery feed's cost (issue 11, Speed).
#
# In a scratch database, against the server in the PG* environment (the
# extension and complaint-notify installed: `make install`):
#
#  1. the sweep with the feed against the same sweep without it: ROUNDS
#     rounds (default 5), each registering CASES (default 2,000) cases
#     under a 60-minute limit ten hours ago, so that every rung, the
#     no-answer violation, the proposed sanction and the self-check notice
#     of each case are due (8 records, 5 of them steps), and timing one
#     complaint.sweep(at) that records them; the rounds alternate between
#     the feed's capture triggers on and off (ALTER TABLE ... DISABLE
#     TRIGGER feed_capture ...: no feed row and no wake-up NOTIFY at all),
#     the first variant alternating too.  Prints the median of each and
#     their ratio.
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
feed_triggers() {
	q <<SQL
ALTER TABLE complaint.escalation $1 TRIGGER feed_capture;
ALTER TABLE complaint.violation $1 TRIGGER feed_capture;
ALTER TABLE complaint.self_check $1 TRIGGER feed_capture;
ALTER TABLE complaint.sanction $1 TRIGGER feed_capture;
ALTER TABLE complaint.sanction $1 TRIGGER feed_capture_update;
SQL
}

with=() without=()
for round in $(seq 1 $((2 * ROUNDS))); do
	day=$(printf '2030-02-%02d' "$round")
	q <<SQL
SET complaint.staff = 'S1';
SET complaint.now = '$day 02:00+08';
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'bench', 'S2', r.id FROM complaint.time_limit_rule r, generate_series(1, $CASES) WHERE r.name = 'bench 60 min';
SQL
	q -c "VACUUM ANALYZE" -c "CHECKPOINT"
	# ABBA order: on, off, off, on, on, off, ...
	if [ $(((round + round / 2) % 2)) = 1 ]; then variant=with; else variant=without; fi
	if [ $variant = with ]; then feed_triggers ENABLE; else feed_triggers DISABLE; fi
	ms=$(timed "r := complaint.sweep('$day 12:00+08')")
	recorded=$(q -c "SELECT count(*) FROM complaint.escalation WHERE recorded_at = '$day 12:00+08'")
	printf 'round %2d  %-8s  %8s ms  %6s steps\n' "$round" "$variant" "$ms" "$recorded"
	if [ $variant = with ]; then with+=("$ms"); else without+=("$ms"); fi
done
feed_triggers ENABLE
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
rate() {	# rate NAME CMD...: run, print notices/s
	local name=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	awk -v n="$NOTICES" -v a="$t0" -v b="$t1" -v name="$name" \
		'BEGIN { printf "  %-52s %6.2f s  %8.0f notices/s\n", name, b - a, n / (b - a) }'
}
echo
echo "$NOTICES notices to stdout (batches of $BATCH):"
first=$(q -c "SELECT complaint.feed_end()")
rate "complaint-notify --once, first consumer (numbers them)" \
	complaint-notify --once --quiet --batch "$BATCH" --consumer first "$conninfo"
rate "complaint-notify --once, second consumer" \
	complaint-notify --once --quiet --batch "$BATCH" --consumer second "$conninfo"
rate "psql: the same JSON from complaint.feed_notices" \
	q -c "SELECT notice FROM complaint.feed_notices($first, $NOTICES)"
q -c "SELECT consumer, behind, not_numbered, delivered FROM complaint.feed_lag WHERE consumer IN ('first', 'second') ORDER BY 1" |
	sed 's/^/  lag: /'
