#!/bin/bash
# test/stress/worker.sh --- the background worker over many sweeps, under
# pg_terminate_backend and through crash restarts (issue 12, "Long runs";
# method in test/stress/README.md)
#
# usage:  test/stress/worker.sh [SWEEPS [KILLS]]        (default 100000 and 100)
#
# In a throwaway cluster of its own (test/stress/lib.sh), with the library
# preloaded and complaint.sweep_interval at its minimum (100 ms):
#
#  1. memory: the worker of database postgres sweeps a backlog of overdue
#     cases that is kept topped up, with complaint.batch_size = 1, so that it
#     calls complaint.sweep() back to back, each call its own transaction,
#     until it has made SWEEPS calls (counted by pg_stat_user_functions,
#     track_functions = all).  The worker's interval cannot go below 100 ms,
#     so idle passes alone would take SWEEPS / 10 seconds; with a backlog
#     the worker calls sweep() again at once while a batch comes back full
#     (README "The background worker").  Its private resident memory
#     (RssAnon of /proc/PID/status) after the first 1,000 calls and at the
#     end must differ by less than 5 MB; VmRSS (which also counts the
#     shared buffers the process touched) is printed too.  The worker's pid
#     must not change meanwhile.
#  2. pg_terminate_backend: with several databases listed in
#     complaint.database, KILLS calls, each on one database's worker in
#     turn and every tenth (and the last) on the launcher; after each, the
#     process must come back (a new pid, sweeping) within 90 s.
#  3. crash restarts: kill -9 of a client backend, then pg_ctl restart -m
#     immediate; after each the launcher and every worker must come back and
#     sweep (a new overdue case in every database gets its five rungs).
#
# Exits non-zero when any of this fails.  Environment: PGBIN, STRESS_KEEP=1.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
as_postgres "$0" "$@"

SWEEPS=${1:-100000}
KILLS=${2:-100}
FIRST=1000				# the memory baseline: after this many sweeps
LIMIT_KB=5120			# less than 5 MB of growth
BACKLOG=2000			# overdue cases registered whenever fewer are due
if [ "$KILLS" -ge 20 ]; then NDB=10; else NDB=3; fi
[ "$SWEEPS" -gt "$FIRST" ] || { echo "SWEEPS must be more than $FIRST" >&2; exit 2; }

cluster_start "shared_preload_libraries = 'complaint'" "complaint.database = 'postgres'" \
	"complaint.sweep_interval = '100ms'" "complaint.batch_size = 1" "track_functions = 'all'" \
	"restart_after_crash = on" "shared_buffers = '32MB'" \
	"max_worker_processes = $((2 * NDB + 6))"	# launcher, workers (twice while a new launcher replaces them), PostgreSQL's own

# an organisation and a 60-minute rule (as test/t/fixture.pm), in database $1
setup_db() {
	q -d "$1" <<'SQL' >/dev/null
CREATE EXTENSION complaint;
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0'), ('D1', 'city', 'HQ', NULL, NULL);
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', 'head', 'HQ'), ('L0', 'leader', 'HQ'), ('S1', 'first responder', 'D1'), ('S2', 'handler', 'D1');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('stress 60 min', 'answer', '60 minutes', 'stress');
SQL
}

# overdue DB N --- register N cases ten hours old under the 60-minute rule:
# all five rungs are due at once
overdue() {
	q -d "$1" <<SQL >/dev/null
SET complaint.staff = 'S1';
SELECT set_config('complaint.now', (now() - interval '10 hours')::text, false);
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', 'worker stress', 'S2', r.id FROM complaint.time_limit_rule r, generate_series(1, $2) WHERE r.name = 'stress 60 min';
SQL
}

worker_pid() {
	q -d postgres -c "SELECT pid FROM complaint.worker_status WHERE database = '$1' AND state IN ('idle', 'sweeping')" 2>/dev/null || true
}
launcher_pid() {
	q -d postgres -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'complaint launcher'" 2>/dev/null || true
}
sweep_calls() {
	q -d postgres -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE schemaname = 'complaint' AND funcname = 'sweep'"
}
# status_kb PID FIELD --- a field of /proc/PID/status, in kB
status_kb() {
	awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

# --- 1. memory over SWEEPS sweeps ------------------------------------------
setup_db postgres
wait_for 30 "SELECT state IN ('idle', 'sweeping') FROM complaint.worker_status WHERE database = 'postgres'" ||
	{ fail "the worker did not start"; exit 1; }
wpid=$(worker_pid postgres)
say "worker $wpid; sweeping until it has called complaint.sweep() $SWEEPS times"
t0=$SECONDS
base_anon="" base_rss="" base_shmem="" base_calls=""
registered=0
while :; do
	calls=$(sweep_calls)
	if [ -z "$base_anon" ] && [ "$calls" -ge "$FIRST" ]; then
		base_calls=$calls
		base_anon=$(status_kb "$wpid" RssAnon)
		base_rss=$(status_kb "$wpid" VmRSS)
		base_shmem=$(status_kb "$wpid" RssShmem)
		say "after $calls sweeps: VmRSS $base_rss kB, RssAnon $base_anon kB, RssShmem $base_shmem kB"
	fi
	[ "$calls" -lt "$SWEEPS" ] || break
	if [ "$(worker_pid postgres)" != "$wpid" ]; then
		fail "the worker's pid changed during the memory run ($wpid -> $(worker_pid postgres))"
		break
	fi
	due=$(q -c "SELECT count(*) FROM complaint.escalation_watch WHERE due_at <= now()")
	if [ "$due" -lt $((BACKLOG / 2)) ]; then
		overdue postgres "$BACKLOG"
		registered=$((registered + BACKLOG))
	fi
	if [ $((SECONDS - t0)) -gt $((SWEEPS / 20 + 600)) ]; then
		fail "only $calls sweeps after $((SECONDS - t0)) s"
		break
	fi
	sleep 0.5
done
end_calls=$(sweep_calls)
elapsed=$((SECONDS - t0))
end_anon=$(status_kb "$wpid" RssAnon)
end_rss=$(status_kb "$wpid" VmRSS)
end_shmem=$(status_kb "$wpid" RssShmem)
read -r w_sweeps w_steps w_errors <<<"$(q -F ' ' -c "SELECT sweeps, total_steps, errors FROM complaint.worker_status WHERE database = 'postgres'")"
echo
echo "memory of the worker ($wpid) over $end_calls calls of complaint.sweep() in $elapsed s ($w_sweeps passes, $w_steps records, $registered cases):"
printf '  %-10s %12s %12s %10s\n' "" "at $base_calls" "at $end_calls" "growth"
printf '  %-10s %9s kB %9s kB %7s kB\n' RssAnon "$base_anon" "$end_anon" $((end_anon - base_anon))
printf '  %-10s %9s kB %9s kB %7s kB\n' RssShmem "$base_shmem" "$end_shmem" $((end_shmem - base_shmem))
printf '  %-10s %9s kB %9s kB %7s kB\n' VmRSS "$base_rss" "$end_rss" $((end_rss - base_rss))
if [ $((end_anon - base_anon)) -lt "$LIMIT_KB" ]; then
	ok "private resident memory grew by $((end_anon - base_anon)) kB (< $LIMIT_KB kB)"
else
	fail "private resident memory grew by $((end_anon - base_anon)) kB (limit $LIMIT_KB kB)"
fi
[ "${w_errors:-1}" = 0 ] && ok "the worker counted no error" || fail "the worker counted ${w_errors:-?} errors"

# --- 2. pg_terminate_backend -----------------------------------------------
dbs=(postgres)
for i in $(seq 2 "$NDB"); do
	q -c "CREATE DATABASE w$i"
	setup_db "w$i"
	dbs+=("w$i")
done
q -c "ALTER SYSTEM SET complaint.database = '$(IFS=,; echo "${dbs[*]}")'" -c "SELECT pg_reload_conf()" >/dev/null
# all workers: a worker pid for every listed database
all_up="SELECT count(*) = $NDB FROM complaint.worker_status WHERE pid IS NOT NULL AND state IN ('idle', 'sweeping')"
wait_for 60 "$all_up" || fail "not every database got its worker"
echo
say "$KILLS calls of pg_terminate_backend over the launcher and $NDB workers"
back_total=0 back_max=0 came_back=0 launcher_kills=0
for i in $(seq 1 "$KILLS"); do
	if [ $((i % 10)) = 0 ] || [ "$i" = "$KILLS" ]; then
		who=launcher
		old=$(launcher_pid)
		launcher_kills=$((launcher_kills + 1))
	else
		who=${dbs[$((i % NDB))]}
		old=$(worker_pid "$who")
	fi
	if [ -z "$old" ]; then
		wait_for 90 "$all_up" || true
		fail "call $i: no running process for $who to terminate"
		continue
	fi
	t1=$(date +%s%N)
	[ "$(q -c "SELECT pg_terminate_backend($old)")" = t ] || fail "call $i: pg_terminate_backend($old) refused"
	if [ "$who" = launcher ]; then
		up="SELECT coalesce((SELECT pid <> $old FROM pg_stat_activity WHERE backend_type = 'complaint launcher'), false)
			   AND ($all_up)
			   AND NOT EXISTS (SELECT FROM complaint.worker_status WHERE pid IS NOT NULL
								AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.pid = worker_status.pid))"
	else
		up="SELECT coalesce((SELECT pid <> $old FROM complaint.worker_status WHERE database = '$who'
							  AND pid IS NOT NULL AND state IN ('idle', 'sweeping')), false)"
	fi
	if wait_for 90 "$up"; then
		ms=$((($(date +%s%N) - t1) / 1000000))
		came_back=$((came_back + 1))
		back_total=$((back_total + ms))
		[ "$ms" -le "$back_max" ] || back_max=$ms
	else
		fail "call $i: $who (pid $old) did not come back within 90 s"
	fi
done
if [ "$came_back" = "$KILLS" ]; then
	ok "$KILLS terminations ($launcher_kills of the launcher): each came back, after $((back_total / came_back)) ms on average, $back_max ms at most"
fi

# keep_sweeping WHAT --- a new overdue case in every database gets its five rungs
keep_sweeping() {
	local db before
	for db in "${dbs[@]}"; do
		before=$(q -d "$db" -c "SELECT count(*) FROM complaint.escalation")
		overdue "$db" 1
		if ! PGDATABASE=$db wait_for 60 "SELECT count(*) >= $before + 5 FROM complaint.escalation"; then
			fail "$1: the worker of $db did not sweep a new overdue case within 60 s"
			return
		fi
	done
	ok "$1: every database's worker swept a new overdue case"
}
keep_sweeping "after the terminations"

# --- 3. crash restarts -------------------------------------------------------
# crash_back WHAT T0 --- wait for the server, the launcher and every worker
crash_back() {
	if wait_for 120 "$all_up" && [ -n "$(launcher_pid)" ]; then
		ok "$1: the launcher and $NDB workers back after $((($(date +%s%N) - $2) / 1000000)) ms"
	else
		fail "$1: the launcher or a worker did not come back within 120 s"
	fi
	keep_sweeping "$1"
}

echo
psql -X -q -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
sleeper=$!
wait_for 10 "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)' AND state = 'active')" || true
victim=$(q -c "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)' AND state = 'active'")
say "kill -9 of client backend $victim"
t1=$(date +%s%N)
kill -9 "$victim"
wait "$sleeper" 2>/dev/null || true
wait_for 60 "SELECT true" || true
grep -q "was terminated by signal 9" "$SERVER_LOG" && ok "the server saw the kill -9 and restarted" || fail "no crash restart in the server log"
crash_back "after kill -9 of a backend" "$t1"

say "pg_ctl restart -m immediate"
t1=$(date +%s%N)
"$PGBIN/pg_ctl" -D "$PGDATA" -l "$SERVER_LOG" -m immediate -w -t 60 restart >/dev/null || fail "pg_ctl restart -m immediate failed"
crash_back "after pg_ctl restart -m immediate" "$t1"

echo
echo "server log (count, level, SQLSTATE):"
log_errors_by_state 1 | sed 's/^/  /'
if [ "$FAILURES" = 0 ]; then
	echo "worker: PASSED"
else
	echo "worker: FAILED ($FAILURES)"
	exit 1
fi
