#!/bin/bash
# test/bench/instructions.sh
#   The case workflow benchmark counted in CPU instructions instead of
#   timed (not a test; nothing asserts).  The same database, variants and
#   statements as test/bench/register.sh (test/bench/register_lib.sh), run
#   by a throwaway server started under valgrind's callgrind: each figure is
#   the instructions one backend executes per statement, the difference
#   between a session of LONG statements and one of SHORT, divided by
#   LONG - SHORT (so that connecting and the first statement's cache
#   loading drop out).  Instruction counts do not depend on the machine's
#   load, so the ratios repeat to about 1% where the timed ones of
#   register.sh move by 10-20% from run to run on a shared machine; they
#   leave out what a statement waits for (the commit's WAL flush) and
#   what the client and the network cost, which timed runs include and
#   which is the same for the three variants.
#
#   Needs valgrind and the extension installed in the PostgreSQL of
#   pg_config (or $PG_CONFIG).  Run as root (the server runs as the
#   postgres OS user) or as the postgres user; it uses a scratch
#   directory and a Unix socket only.  About three minutes.
#
#   The measured sessions log in as BENCH_USER (default bench_app, a login
#   member of the shipped group role complaint_application, naming the
#   acting staff member with complaint.staff as an application does;
#   BENCH_USER=postgres measures the superuser instead).
#
#   usage: [BENCH_USER=role] test/bench/instructions.sh [long [short [cases]]]
#   (defaults 220 and 20 statements; 2000 cases per variant)
set -euo pipefail
cd "$(dirname "$0")/../.."
LONG=${1:-220}
SHORT=${2:-20}
CASES=${3:-2000}
BENCH_USER=${BENCH_USER:-bench_app}
PG_CONFIG=${PG_CONFIG:-pg_config}
BIN=$("$PG_CONFIG" --bindir)
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 1; }
[ $((4 * (LONG + SHORT))) -le "$CASES" ] || { echo "instructions.sh: cases must be at least 4 * (long + short)" >&2; exit 1; }

AS=()
[ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
[ "$(id -u)" = 0 ] && chown postgres "$SCRATCH"
WORK=$SCRATCH/scripts
CG=$SCRATCH/callgrind
"${AS[@]}" mkdir "$WORK" "$CG"
export PGHOST=$SCRATCH PGPORT=5499 PGUSER=postgres PGDATABASE=postgres
DATA=$SCRATCH/data
stop() { "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; }
trap 'stop; rm -rf "$SCRATCH"' EXIT

"${AS[@]}" "$BIN/initdb" -A trust -U postgres -D "$DATA" >/dev/null
SERVER_OPTS="-c listen_addresses= -c unix_socket_directories=$SCRATCH -c port=$PGPORT -c autovacuum=off -c synchronous_commit=off"
"${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -o "$SERVER_OPTS" -l "$SCRATCH/log" -w start >/dev/null

# the database, loaded at full speed: half the cases of each variant
# answered (for close), the other half registered (for accept, transfer)
DB=complaint_bench
PSQL="psql -X -q -v ON_ERROR_STOP=1 -d $DB"
export PGOPTIONS="-c client_min_messages=warning -c complaint.staff=bench-cc"
. test/bench/register_lib.sh
bench_setup >/dev/null
bench_load "$CASES" >/dev/null
$PSQL -c "SET session_replication_role = replica" \
	-c "UPDATE complaint.cases SET status = 'answered', answer = '已答复', answered_at = now(), satisfaction = 'satisfied', feedback_at = now() WHERE id % 2 = 0" \
	-c "UPDATE bench_plpgsql.cases SET status = 'answered', answer = '已答复', answered_at = now(), satisfaction = 'satisfied', feedback_at = now() WHERE id % 2 = 0" \
	-c "UPDATE bench_bare.cases SET status = 'answered', answer = '已答复', answered_at = now(), satisfaction = 'satisfied', feedback_at = now() WHERE id % 2 = 0" \
	-c "VACUUM ANALYZE"
# the status phases take every other case: odd ids (registered) for accept
# (from the first) and transfer (from the middle), even ids (answered) for
# close
for v in c plpgsql bare; do
	$PSQL -c "SELECT setval('bench.accept_$v', 1, false), setval('bench.transfer_$v', $((CASES / 4)), false), setval('bench.close_$v', 1, false)" >/dev/null
	for p in accept transfer; do sed -i 's/(SELECT nextval(\([^)]*\)))/(SELECT nextval(\1) * 2 - 1)/' "$WORK/${p}_$v.sql"; done
	sed -i 's/(SELECT nextval(\([^)]*\)))/(SELECT nextval(\1) * 2)/' "$WORK/close_$v.sql"
done
# the application's login: the shipped application role, and the same
# rights on the two comparison variants' tables
$PSQL >/dev/null <<-SQL
	SELECT complaint.create_roles();
	CREATE ROLE bench_app LOGIN IN ROLE complaint_application;
	GRANT USAGE ON SCHEMA bench, bench_plpgsql, bench_bare TO bench_app;
	GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA bench_plpgsql, bench_bare TO bench_app;
	GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA bench, bench_plpgsql, bench_bare TO bench_app;
	GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bench_plpgsql TO bench_app;
SQL
stop

"${AS[@]}" valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$CG/cg.%p" \
	"$BIN/postgres" -D "$DATA" $SERVER_OPTS >"$SCRATCH/valgrind.log" 2>&1 &
for i in $(seq 120); do psql -X -Atc "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done

# session_ir PHASE VARIANT N --- instructions of a backend that ran N statements
session_ir() {
	local pid i
	pid=$( { echo "SELECT pg_backend_pid();"; echo '\o /dev/null'
			for ((i = 0; i < $3; i++)); do cat "$WORK/$1_$2.sql"; done; } | $PSQL -U "$BENCH_USER" -At | head -1)
	for ((i = 0; i < 200; i++)); do
		grep -qs '^totals:' "$CG/cg.$pid" && break
		sleep 0.3
	done
	awk '/^totals:/ { print $2 }' "$CG/cg.$pid"
}

declare -A IR
for p in register accept transfer close; do
	for v in c plpgsql bare; do
		short=$(session_ir $p $v "$SHORT")
		long=$(session_ir $p $v "$LONG")
		IR[$p,$v]=$(( (long - short) / (LONG - SHORT) ))
	done
done

echo
echo "instructions per statement (callgrind, one backend of role $BENCH_USER; $LONG - $SHORT statements per variant and phase; synchronous_commit=off)"
echo "server $(psql -X -Atc 'SHOW server_version')"
echo
echo "| phase     | C         | PL/pgSQL  | bare      | C/PL   | C/bare |"
echo "|-----------|-----------|-----------|-----------|--------|--------|"
for p in register accept transfer close; do
	c=${IR[$p,c]} pl=${IR[$p,plpgsql]} b=${IR[$p,bare]}
	awk -v p=$p -v c=$c -v pl=$pl -v b=$b 'BEGIN { printf "| %-9s | %9d | %9d | %9d | %5.2fx | %5.0f%% |\n", p, c, pl, b, pl / c, 100 * b / c }'
done
