#!/bin/bash
# test/bench/sweep.sh -- how the escalation sweep scales (issue 4, Speed).
#
# In a scratch database the register grows to each total size in turn
# (default 100000, then 1000000 cases).  The first TEMPLATE
# (50,000) background cases are registered the way applications do it: an
# acting staff member (complaint.staff), the workflow's clock
# (complaint.now) and plain INSERTs that the workflow triggers complete.
# The rest of the background is cloned from them in bulk
# (session_replication_role = replica, so no trigger runs): the same case,
# responsibility, event and watch rows under new case ids, so that every
# table and index has the size a register of that many cases has
# (registering 10,000,000 cases through the triggers would take about an
# hour here).  Nothing is deleted.  At each size:
#   * the background: cases under a 365-day limit, so that nothing of
#     theirs falls due during the run, looked at once by a sweep (as the
#     worker does with every new case);
#   * 10,000 cases under a 60-minute limit received 50 minutes before the
#     size's "at": exactly one rung each (the warning, at 48 minutes) is due;
#   * timed: complaint.sweep(at) recording those 10,000 steps (one call, the
#     manual path: batches of complaint.batch_size in one transaction);
#   * timed: the same writes, set-based and with nothing else: an UPDATE of
#     the 10,000 due rows of a copy of the watch table and, per row, one
#     INSERT into a copy of the escalation table and one into a copy of the
#     history, each copy with the same columns and indexes (LIKE ...
#     INCLUDING ALL: no trigger, no foreign key); no lock, no case read, no
#     ladder, no NOTIFY;
#   * timed: the floor, a bare set-based UPDATE of the same 10,000 due rows
#     of a copy of the watch table (partial index on due_at) plus one
#     INSERT per row, in one statement;
#   * timed: an idle sweep with nothing due (a new backend: plans made
#     cold, then warm);
#   * then the handler answers the 10,000 cases (complaint.accept and
#     complaint.answer, in time), so that the next size starts with nothing
#     due but its own 10,000.
# Prints ratios, never asserts timings.  Uses the PG* environment
# (source /work/devpg.sh X first); creates and drops database sweep_bench.
#
#   test/bench/sweep.sh [total ...]      (KEEP=1 keeps the database;
#                                         JOBS=n registers in n sessions;
#                                         TEMPLATE=n cases registered
#                                         through the triggers)
set -euo pipefail

SIZES=${*:-100000 1000000}
DUE=10000
JOBS=${JOBS:-2}
CHUNK=25000
TEMPLATE=${TEMPLATE:-50000}
CLONE_ROWS=500000			# cases cloned per statement
DB=sweep_bench
DAY0="2030-01-07"			# a Monday; size i sweeps at 12:00 on day i

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

# register n cases under a rule, received at a time, as staff member BS
register() {
	local n=$1 rule=$2 received=$3
	q <<SQL
SET complaint.staff = 'BS';
SET complaint.now = '$received';
INSERT INTO complaint.cases (channel, matter, rule_id)
SELECT 'phone', 'bench', r.id FROM complaint.time_limit_rule r, generate_series(1, $n) WHERE r.name = '$rule';
SQL
}

# clone n background cases from the TEMPLATE registered first (ids
# 1..TEMPLATE): cases, their responsibility and event rows and their watch
# rows, copied with new case ids, CLONE_ROWS cases per statement
clone_background() {
	local n=$1 done=0
	while [ "$done" -lt "$n" ]; do
		local c=$(( n - done < CLONE_ROWS ? n - done : CLONE_ROWS ))
		q <<SQL
SET session_replication_role = replica;
BEGIN;
SELECT max(id) AS base FROM complaint.cases \\gset
CREATE TEMP TABLE clone_map ON COMMIT DROP AS
SELECT t.id AS old_id, :base + g * $TEMPLATE + t.id AS new_id
  FROM generate_series(0, ($c - 1) / $TEMPLATE) g, generate_series(1, $TEMPLATE) t(id)
 WHERE g * $TEMPLATE + t.id <= $c;
SELECT format('INSERT INTO complaint.%I (%s) SELECT %s FROM clone_map m JOIN complaint.%I x ON x.%I = m.old_id',
			  r, string_agg(quote_ident(attname), ', ' ORDER BY attnum),
			  string_agg(CASE WHEN attname = k THEN 'm.new_id' ELSE 'x.' || quote_ident(attname) END, ', ' ORDER BY attnum),
			  r, k)
  FROM (VALUES ('cases', 'id'), ('responsibility', 'case_id'), ('event', 'case_id'), ('escalation_watch', 'case_id')) v(r, k)
  JOIN pg_attribute a ON a.attrelid = ('complaint.' || r)::regclass
 WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND (a.attname <> 'id' OR r = 'cases')
 GROUP BY r, k \\gexec
SELECT FROM setval(pg_get_serial_sequence('complaint.cases', 'id'), (SELECT max(id) FROM complaint.cases));
COMMIT;
SQL
		done=$(( done + c ))
	done
}

# register n background cases in chunks, JOBS sessions at a time
register_background() {
	local n=$1 received=$2 left=$1 running=0
	while [ "$left" -gt 0 ]; do
		local c=$(( left < CHUNK ? left : CHUNK ))
		register "$c" 'bench 365 days' "$received" &
		left=$(( left - c ))
		running=$(( running + 1 ))
		if [ "$running" -ge "$JOBS" ]; then wait -n; running=$(( running - 1 )); fi
	done
	wait
}

q <<'SQL'
CREATE EXTENSION complaint;
BEGIN;
INSERT INTO complaint.unit (code, name, head_staff, supervisor_staff) VALUES ('BU', 'bench unit', 'BH', 'BL');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('BH', 'head', 'BU'), ('BL', 'leader', 'BU'), ('BS', 'handler', 'BU');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES
	('bench 60 min', 'answer', '60 minutes', 'bench'),
	('bench 365 days', 'answer', '365 days', 'bench');
SQL

printf '%-10s %8s %10s %12s %12s %7s %12s %7s %9s %9s\n' total load_s sweep_ms steps_per_s floor_per_s ratio same_per_s ratio2 idle1_ms idle2_ms
prev=""
have=0
day=0
for N in $SIZES; do
	day=$(( day + 1 ))
	d=$(date -d "$DAY0 + $(( day - 1 )) days" +%F)
	AT="'$d 12:00+08'"
	t0=$(date +%s.%N)
	# the background grows to N - DUE cases, received at 09:00: the first
	# TEMPLATE registered (and looked at once by a sweep), the rest cloned
	need=$(( N - DUE - have ))
	if [ "$have" -eq 0 ]; then
		first=$(( need < TEMPLATE ? need : TEMPLATE ))
		register_background $first "$d 09:00+08"
		q -c "SELECT complaint.sweep('$d 09:00+08')" >/dev/null
		need=$(( need - first ))
	fi
	[ "$need" -le 0 ] || clone_background $need
	have=$(( N - DUE ))
	# the due cases, received at 11:10: warning at 11:58, deadline 12:10
	register $DUE 'bench 60 min' "$d 11:10+08"
	# every new case is looked at once (as the worker would): before 11:58
	# nothing is due, so this settles the watch rows on their next rung
	q -c "SELECT complaint.sweep('$d 11:10+08')" >/dev/null
	q <<SQL
VACUUM ANALYZE complaint.cases;
VACUUM ANALYZE complaint.escalation_watch;
CREATE TABLE floor_watch AS SELECT case_id, due_at FROM complaint.escalation_watch;
ALTER TABLE floor_watch ADD PRIMARY KEY (case_id);
CREATE INDEX ON floor_watch (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE floor_log (case_id bigint, step text, recorded_at timestamptz);
CREATE TABLE same_watch (LIKE complaint.escalation_watch INCLUDING ALL);
INSERT INTO same_watch SELECT * FROM complaint.escalation_watch;
CREATE TABLE same_escalation (LIKE complaint.escalation INCLUDING ALL);
CREATE TABLE same_event (LIKE complaint.event INCLUDING ALL);
VACUUM ANALYZE floor_watch;
VACUUM ANALYZE same_watch;
SQL
	load=$(echo "$(date +%s.%N) - $t0" | bc)

	before=$(q -c "SELECT count(*) FROM complaint.escalation")
	sweep_ms=$(timed "r := complaint.sweep($AT)")
	steps=$(( $(q -c "SELECT count(*) FROM complaint.escalation") - before ))
	same_ms=$(timed "WITH u AS (UPDATE same_watch SET due_at = due_at + interval '1 day', recorded = 1 WHERE due_at <= $AT RETURNING case_id, due_at),
		e AS (INSERT INTO same_escalation (case_id, step, due_at, recorded_at, to_staff, to_unit, reason)
			  SELECT case_id, 'warning', due_at, $AT, 'BS', 'BU', 'most of the time limit is used up' FROM u
			  RETURNING id, case_id, round, step, due_at, to_staff, to_unit, reason)
		INSERT INTO same_event (case_id, at, kind, detail)
		SELECT case_id, $AT, 'warned', jsonb_build_object('escalation_id', id, 'step', step, 'round', round, 'due_at', due_at,
			   'to_staff', to_staff, 'to_unit', to_unit, 'reason', reason) FROM e")
	floor_ms=$(timed "WITH u AS (UPDATE floor_watch SET due_at = due_at + interval '1 day' WHERE due_at <= $AT RETURNING case_id) INSERT INTO floor_log SELECT case_id, 'warning', $AT FROM u")
	idle1=$(timed "r := complaint.sweep($AT)")
	idle2=$(q -c "DO \$\$ DECLARE t0 timestamptz; r int; BEGIN PERFORM complaint.sweep($AT); t0 := clock_timestamp(); r := complaint.sweep($AT); RAISE WARNING '%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 2); END \$\$" 2>&1 | sed -n 's/.*WARNING:  //p')
	sps=$(echo "$steps * 1000 / $sweep_ms" | bc)
	fps=$(echo "$DUE * 1000 / $floor_ms" | bc)
	ratio=$(echo "scale=2; $sps / $fps" | bc)
	same=$(echo "$DUE * 1000 / $same_ms" | bc)
	ratio2=$(echo "scale=2; $sps / $same" | bc)
	printf '%-10s %8.1f %10s %12s %12s %7s %12s %7s %9s %9s\n' "$N" "$load" "$sweep_ms" "$sps" "$fps" "$ratio" "$same" "$ratio2" "$idle1" "$idle2"
	if [ "$steps" -ne "$DUE" ]; then
		echo "  WARNING: the sweep recorded $steps steps, not $DUE"
	fi
	if [ -n "$prev" ]; then
		echo "  sweep time ratio ${N} / previous size: $(echo "scale=2; $sweep_ms / $prev" | bc)"
	fi
	prev=$sweep_ms
	# the handler answers the due cases in time: nothing of theirs is due later
	q <<SQL >/dev/null
SET complaint.staff = 'BS';
SET complaint.now = '$d 12:05+08';
SELECT count(complaint.answer((complaint.accept(c.id)).id, 'answered'))
  FROM complaint.cases c WHERE c.status = 'registered' AND c.received_at = '$d 11:10+08';
DROP TABLE floor_watch, floor_log, same_watch, same_escalation, same_event;
SQL
done
