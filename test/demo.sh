#!/bin/bash
# test/demo.sh --- try the complaint extension in a throwaway cluster
#
# usage (as root, from anywhere):
#   test/demo.sh              set up, load the demo, print the tour, open psql
#   test/demo.sh --no-psql    the same, but exit after the tour (scripts, CI)
#   test/demo.sh --no-build   skip the package check and the build (the
#                             extension is already installed)
#   DEMO_CASES=N test/demo.sh the operator's year with N cases (default 30000)
#
# Steps: install missing Debian packages; build a scratch copy of the
# checkout and `make install` it into the system PostgreSQL 15; start a
# throwaway cluster with pg_virtualenv (server runs as `postgres`, listens on
# localhost and a Unix socket only) whose settings come from
# test/conf/complaint.conf (the library and its background worker preloaded);
# CREATE EXTENSION complaint; load test/demo/*.sql in name order (timing
# each file and the whole load); run the queries of test/demo/tour.psql;
# then open psql on the demo database.  The cluster and everything in it is
# dropped when psql (or the tour) ends.
#
# The script calls itself as `demo.sh --in-cluster [--no-psql]` inside
# pg_virtualenv; that mode is internal.

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DEMO_DIR=$COMPLAINT_ROOT/test/demo
DEMO_CONF=$COMPLAINT_ROOT/test/conf/complaint.conf

# usage --- print the header comment's usage lines
usage() {
	sed -n '/^# usage/,/^# *$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# psql_demo ARGS... --- psql that stops at the first error, without ~/.psqlrc
psql_demo() {
	psql -X -v ON_ERROR_STOP=1 "$@"
}

# seconds_since NS --- seconds (one decimal) since NS, a `date +%s%N`
seconds_since() {
	local ds=$(( ($(date +%s%N) - $1) / 100000000 ))
	printf '%d.%d' $(( ds / 10 )) $(( ds % 10 ))
}

# in_cluster [--no-psql] --- load the demo and show it; runs inside
# pg_virtualenv, which has set PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
in_cluster() {
	local interactive=yes f
	[ "${1:-}" != --no-psql ] || interactive=no
	# show times as the demo's complainants see them
	export PGTZ=Asia/Shanghai

	msg "throwaway cluster on $PGHOST:$PGPORT, database $PGDATABASE"
	psql_demo -Atc "SELECT 'preloaded: ' || current_setting('shared_preload_libraries')"
	psql_demo -Atc "SELECT 'complaint settings: ' || coalesce(string_agg(name || '=' || setting, ', ' ORDER BY name), 'none')
	                  FROM pg_catalog.pg_settings WHERE name LIKE 'complaint.%'"

	msg "CREATE EXTENSION complaint"
	psql_demo -qc "CREATE EXTENSION complaint"
	# the demo's year: DEMO_CASES cases (default in 50_operator_year.sql)
	local -a size=()
	[ -z "${DEMO_CASES:-}" ] || size=(-v "cases=$DEMO_CASES")
	local t0 start
	start=$(date +%s%N)
	for f in "$DEMO_DIR"/*.sql; do
		[ -e "$f" ] || continue
		msg "loading ${f#"$COMPLAINT_ROOT"/}"
		t0=$(date +%s%N)
		psql_demo -q "${size[@]}" -f "$f"
		msg "  $(seconds_since "$t0") s"
	done
	msg "demo data loaded in $(seconds_since "$start") s: $(psql_demo -Atc \
		"SELECT count(*) || ' cases, ' || (SELECT count(*) FROM complaint.event) || ' history events, '
		        || (SELECT count(*) FROM complaint.escalation) || ' escalation steps, '
		        || (SELECT count(*) FROM complaint.violation) || ' violations' FROM complaint.cases")"

	msg "tour (test/demo/tour.psql)"
	psql_demo -f "$DEMO_DIR/tour.psql"

	if [ "$interactive" = yes ]; then
		cat <<-EOF

		You are in psql on the demo database ($PGDATABASE), in a throwaway cluster.
		Try:  \\dx+ complaint     \\dt complaint.*     \\df complaint.*
		      SELECT complaint.add_workdays(date '2025-09-30', 3);
		Everything is dropped when you quit (\\q).
		EOF
		psql -X -v PROMPT1='complaint-demo=%# ' -v PROMPT2='complaint-demo-%# '
	fi
}

# cleanup --- remove the scratch build directory
cleanup() {
	[ -z "${BUILD_DIR:-}" ] || rm -rf "$BUILD_DIR"
}

# main [--no-psql] [--no-build] --- set up, then run in_cluster in a
# throwaway cluster
main() {
	local build=yes psql_mode=() arg
	local -a pgoptions
	for arg in "$@"; do
		case $arg in
			--no-psql) psql_mode=(--no-psql) ;;
			--no-build) build=no ;;
			-h | --help) usage; exit 0 ;;
			*) usage >&2; exit 2 ;;
		esac
	done
	# without a terminal there is nobody to type into psql
	if [ ${#psql_mode[@]} = 0 ] && ! [ -t 0 ]; then
		msg "standard input is not a terminal: acting as --no-psql"
		psql_mode=(--no-psql)
	fi

	require_root
	clean_pg_env
	if [ "$build" = yes ]; then
		ensure_packages
		BUILD_DIR=$(mktemp -d /tmp/complaint-demo-build.XXXXXX)
		trap cleanup EXIT
		copy_tree "$COMPLAINT_ROOT" "$BUILD_DIR"
		build_and_install "$BUILD_DIR" || die "the build failed; see above"
		cleanup
	fi

	[ -f "$DEMO_CONF" ] || die "missing $DEMO_CONF"
	mapfile -t pgoptions < <(conf_to_pgoptions "$DEMO_CONF")
	msg "server settings from test/conf/complaint.conf:$(printf ' %s' "${pgoptions[@]}" | sed 's/ -o / /g')"
	# -t keeps the throwaway cluster in a temporary directory even as root,
	# so it never collides with /etc/postgresql; the server runs as postgres
	cd /
	pg_virtualenv -t -v "$PG_MAJOR" "${pgoptions[@]}" \
		bash "$COMPLAINT_ROOT/test/demo.sh" --in-cluster "${psql_mode[@]}"
}

if [ "${1:-}" = --in-cluster ]; then
	shift
	in_cluster "$@"
else
	main "$@"
fi
