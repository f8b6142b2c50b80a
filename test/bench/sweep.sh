#!/bin/bash
# test/bench/sweep.sh -- how the escalation sweep scales (issue 4, Speed).
#
# For each total size (default 100000 and 1000000 cases) in a scratch
# database: load the cases in bulk, give them the watch rows a settled
# sweep would leave, make 10,000 of them due (one rung each: the warning),
# then time
#   * complaint.sweep(at) recording those 10,000 steps (one call, the
#     manual path: batches of complaint.batch_size in one transaction);
#   * the floor: a bare set-based UPDATE of the same 10,000 due rows of a
#     copy of the watch table (partial index on due_at) plus one INSERT
#     per row, in one statement;
#   * an idle sweep with nothing due (twice: cold plans, then warm).
# Prints ratios, never asserts timings.  Uses the PG* environment
# (source /work/devpg.sh X first); creates and drops database sweep_bench.
#
#   test/bench/sweep.sh [total ...]      (KEEP=1 keeps the database)
set -euo pipefail

SIZES=${*:-100000 1000000}
DUE=10000
DB=sweep_bench
AT="'2030-01-07 12:00+08'"	# a Monday

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
[ -n "${KEEP:-}" ] || trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS '$DB'" >/dev/null 2>&1 || true' EXIT

q() { PGOPTIONS="-c client_min_messages=warning" psql -qXAt -d $DB -v ON_ERROR_STOP=1 "$@"; }

# milliseconds taken by one SQL statement, timed inside the server
timed() {
	q -c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); r bigint; BEGIN
		  $1;
		  RAISE NOTICE '%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 2);
		  END \$\$" 2>&1 | sed -n 's/.*NOTICE:  //p'
}

q <<'SQL'
CREATE EXTENSION complaint;
BEGIN;
INSERT INTO complaint.unit (code, name, head_staff, supervisor_staff) VALUES ('BU', 'bench unit', 'BH', 'BL');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('BH', 'head', 'BU'), ('BL', 'leader', 'BU'), ('BS', 'handler', 'BU');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('bench 60 min', 'answer', '60 minutes', 'bench');
SQL

printf '%-10s %10s %10s %12s %12s %10s %10s %10s\n' total load_s sweep_ms steps_per_s floor_per_s ratio idle1_ms idle2_ms
prev=""
for N in $SIZES; do
	q <<SQL
ALTER TABLE complaint.cases DISABLE TRIGGER USER;
TRUNCATE complaint.cases CASCADE;
ALTER TABLE complaint.cases ENABLE TRIGGER USER;
SQL
	t0=$(date +%s.%N)
	# N - DUE cases whose warning is a day away, DUE cases 50 minutes old
	# (warning due at 48 minutes, deadline at 60): bulk load without the
	# per-row trigger, then the watch rows a settled sweep would leave
	q <<SQL
ALTER TABLE complaint.cases DISABLE TRIGGER USER;
INSERT INTO complaint.cases (channel, matter, received_at, first_responder, handler_unit, handler_staff,
							 rule_id, calendar, clock_from, clock_limit, deadline, original_deadline)
SELECT 'phone', 'bench', rcv, 'BS', 'BU', 'BS', r.id, 'CN', rcv, r.lim, rcv + interval '60 minutes', rcv + interval '60 minutes'
  FROM complaint.time_limit_rule r,
	   LATERAL (SELECT CASE WHEN i <= $DUE THEN $AT::timestamptz - interval '50 minutes'
						ELSE $AT::timestamptz + interval '1 day' END AS rcv
				  FROM generate_series(1, $N) i) g
 WHERE r.name = 'bench 60 min';
ALTER TABLE complaint.cases ENABLE TRIGGER USER;
INSERT INTO complaint.escalation_watch (case_id, due_at)
SELECT id, received_at + interval '48 minutes' FROM complaint.cases;
VACUUM ANALYZE complaint.cases;
VACUUM ANALYZE complaint.escalation_watch;
CREATE TABLE floor_watch AS SELECT case_id, due_at FROM complaint.escalation_watch;
ALTER TABLE floor_watch ADD PRIMARY KEY (case_id);
CREATE INDEX ON floor_watch (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE floor_log (case_id bigint, step text, recorded_at timestamptz);
VACUUM ANALYZE floor_watch;
SQL
	load=$(echo "$(date +%s.%N) - $t0" | bc)

	sweep_ms=$(timed "r := complaint.sweep($AT)")
	steps=$(q -c "SELECT count(*) FROM complaint.escalation")
	floor_ms=$(timed "WITH u AS (UPDATE floor_watch SET due_at = due_at + interval '1 day' WHERE due_at <= $AT RETURNING case_id) INSERT INTO floor_log SELECT case_id, 'warning', $AT FROM u")
	idle1=$(q -c "SELECT 1" >/dev/null; timed "r := complaint.sweep($AT)")
	idle2=$(q -c "DO \$\$ BEGIN PERFORM complaint.sweep($AT); END \$\$" >/dev/null; \
		q -c "DO \$\$ DECLARE t0 timestamptz; r int; BEGIN PERFORM complaint.sweep($AT); t0 := clock_timestamp(); r := complaint.sweep($AT); RAISE NOTICE '%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 2); END \$\$" 2>&1 | sed -n 's/.*NOTICE:  //p')
	sps=$(echo "$steps * 1000 / $sweep_ms" | bc)
	fps=$(echo "$DUE * 1000 / $floor_ms" | bc)
	ratio=$(echo "scale=2; $sps / $fps" | bc)
	printf '%-10s %10.1f %10s %12s %12s %10s %10s %10s\n' "$N" "$load" "$sweep_ms" "$sps" "$fps" "$ratio" "$idle1" "$idle2"
	if [ -n "$prev" ]; then
		echo "  sweep time ratio ${N} / previous size: $(echo "scale=2; $sweep_ms / $prev" | bc)"
	fi
	prev=$sweep_ms
	q -c "DROP TABLE floor_watch, floor_log"
done
