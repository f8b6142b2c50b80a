#!/bin/bash
# test/fuzz/sqlsmith.sh --- sqlsmith's random queries against a database
# with the extension, its roles and data; classifies the errors
#
# usage (as root):  nice -n 10 test/fuzz/sqlsmith.sh [QUERIES] [SEED]   (default 10000, 1)
#
#   1. stages the server and the extension (test/fuzz/lib.sh; the system
#      PostgreSQL is not touched) and starts a cluster with the library
#      preloaded and the worker sweeping database smith;
#   2. database smith: the extension, complaint.create_roles(), and the
#      SQL fuzzer's fixture (test/fuzz/sql_fuzz.sql: an organisation,
#      twelve cases in every state, odd calendars; the generator itself is
#      dropped again), then a login role smith that is a member of every
#      group role the extension ships (statement_timeout 2 s);
#   3. runs sqlsmith as smith (--exclude-catalog: queries over the
#      extension's tables, views and functions and the built-ins);
#   4. reads the server log (every error with its SQLSTATE and, from
#      log_error_verbosity = verbose, the source file that raised it) and
#      prints the errors by SQLSTATE, split into those raised by the
#      extension's own files (src/*.c, or a PL/pgSQL function of schema
#      complaint) and the rest, and every XX class error in full.
#      Exits non-zero when the server crashed or the extension raised an
#      XX class error.

set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QUERIES=${1:-10000}
SEED=${2:-1}
OUTDIR=${SMITH_OUT:-/tmp/complaint-sqlsmith}
PORT=${SMITH_PORT:-54395}

require_root
clean_pg_env
if [ -n "${SMITH_CLASSIFY_ONLY:-}" ]; then	# only read the logs of the last run again
	rc=$(cat "$OUTDIR/rc" 2>/dev/null || echo '?') elapsed=$(cat "$OUTDIR/elapsed" 2>/dev/null || echo '?')
else
command -v sqlsmith >/dev/null || die "sqlsmith is not installed (apt-get install sqlsmith)"

rm -rf "$OUTDIR"
mkdir -p "$OUTDIR"
stage_install "$OUTDIR/stage"
chown -R postgres: "$OUTDIR"
server_init "$OUTDIR/data" "$PORT" "shared_preload_libraries = 'complaint'" \
	"complaint.database = 'smith'" "complaint.sweep_interval = '2s'" "log_min_messages = error"
server_start "$OUTDIR/data" "$OUTDIR/server.log"
trap 'server_stop "$OUTDIR/data"' EXIT
use_server "$OUTDIR/data"

psql_as() { # psql_as DB SQL...
	local db=$1
	shift
	as_postgres "$STAGE_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$db" "$@"
}
psql_as postgres -c "CREATE DATABASE smith"
psql_as smith -c "CREATE EXTENSION complaint" -c "SELECT complaint.create_roles()" >/dev/null
psql_as smith -f "$FUZZ_DIR/sql_fuzz.sql" >/dev/null
psql_as smith -c "SELECT fuzz.setup()" -c "DROP SCHEMA fuzz CASCADE" >/dev/null
psql_as smith -c "CREATE ROLE smith LOGIN" \
	-c "GRANT complaint_admin, complaint_application, complaint_staff, complaint_accountability,
		complaint_analyst, complaint_monitor TO smith" \
	-c "ALTER ROLE smith SET statement_timeout = '2s'" \
	-c "ALTER ROLE smith SET complaint.staff = 'a1'" >/dev/null
# where the log of the run starts
before=$(wc -l <"$OUTDIR/server.log")

msg "sqlsmith: $QUERIES queries, seed $SEED"
start=$(date +%s)
rc=0
as_postgres timeout 3600 sqlsmith --target="host=$PGHOST port=$PGPORT dbname=smith user=smith" \
	--seed="$SEED" --max-queries="$QUERIES" --exclude-catalog --verbose \
	>"$OUTDIR/sqlsmith.log" 2>&1 || rc=$?
elapsed=$(($(date +%s) - start))
server_stop "$OUTDIR/data"
trap - EXIT

# the run's part of the server log; an error line, then its LOCATION line
tail -n +"$((before + 1))" "$OUTDIR/server.log" >"$OUTDIR/run.log"
echo "$rc" >"$OUTDIR/rc"
echo "$elapsed" >"$OUTDIR/elapsed"
fi
OURS_RE="$(cd "$OUTDIR/stage/tree/src" && ls *.c | sed 's/\./\\./' | paste -sd'|')"
awk -v ours="^(${OURS_RE}):" '
	/ (ERROR|FATAL|PANIC): / {
		flush(); state = $5; msg = $0; sub(/^.* (ERROR|FATAL|PANIC): +/, "", msg)
		sub(/^[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]: /, "", msg); where = ""; ctx = ""; next
	}
	state != "" && / LOCATION: / { where = $NF; next }
	state != "" && / CONTEXT: / { ctx = $0; next }
	state != "" && / STATEMENT: / { flush(); next }
	function flush(   mine) {
		if (state == "") return
		f = where; sub(/^.*, /, "", f)
		mine = (f ~ ours || ctx ~ /function complaint\./) ? "extension" : "other"
		print mine "\t" state "\t" f "\t" msg
		state = ""
	}
	END { flush() }
' "$OUTDIR/run.log" >"$OUTDIR/errors.tsv"

total=$(wc -l <"$OUTDIR/errors.tsv")
echo "sqlsmith: $QUERIES queries (seed $SEED) in ${elapsed}s, sqlsmith exit status $rc"
grep -E '^(queries|AST stats|error rate)|^[0-9]+\s' "$OUTDIR/sqlsmith.log" | tail -n 5 || true
echo "errors in the server log: $total"
echo "by origin and SQLSTATE:"
cut -f1,2 "$OUTDIR/errors.tsv" | sort | uniq -c | sort -k2,2 -k1,1nr | sed 's/^/  /'
echo "raised by the extension, by message (first 40):"
awk -F'\t' '$1 == "extension" { print $2 "\t" $3 "\t" substr($4, 1, 90) }' "$OUTDIR/errors.tsv" |
	sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -n 40 | sed 's/^/  /'
internal=$(awk -F'\t' '$2 ~ /^XX/' "$OUTDIR/errors.tsv" | wc -l)
internal_ours=$(awk -F'\t' '$1 == "extension" && $2 ~ /^XX/' "$OUTDIR/errors.tsv" | wc -l)
echo "XX class errors: $internal ($internal_ours raised by the extension)"
awk -F'\t' '$2 ~ /^XX/' "$OUTDIR/errors.tsv" | sed 's/^/  /'
crashed=$(crashes "$OUTDIR/run.log" | wc -l)
echo "crash lines in the server log: $crashed"
crashes "$OUTDIR/run.log" | head -n 20
[ "$crashed" = 0 ] && [ "$internal_ours" = 0 ]
