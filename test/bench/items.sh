#!/bin/bash
# test/bench/items.sh -- how the one-time notice's lists scale: the time of
# complaint.request_materials and complaint.refer_out with 1,000 to 10,000
# items, per item (a list must cost in proportion to its length; pairwise
# comparison of the items made 10,000 items take seconds).  Prints times and
# the per-item ratio of the longest list to the shortest; never asserts.
# Uses the PG* environment (e.g. pg_virtualenv -v 15 test/bench/items.sh);
# creates and drops database items_bench.
#
#   test/bench/items.sh [sizes ...]     (default 1000 4000 10000)
set -euo pipefail
SIZES=${*:-1000 4000 10000}
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS items_bench" -c "CREATE DATABASE items_bench"
PSQL="psql -X -q -At -v ON_ERROR_STOP=1 -d items_bench"
$PSQL <<'SQL'
CREATE EXTENSION complaint;
INSERT INTO complaint.unit (code, name) VALUES ('U', 'unit');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('S', 'staff', 'U');
SQL
printf '%-8s %-18s %10s %14s\n' items step ms us_per_item
declare -A first last
for n in $SIZES; do
	for step in request_materials refer_out; do
		ms=$($PSQL <<-SQL | tail -1
		SET complaint.staff = 'S';
		INSERT INTO complaint.cases (channel, matter) VALUES ('web', 'items $n');
		SELECT currval(pg_get_serial_sequence('complaint.cases', 'id')) AS id \gset
		SELECT count(*) FROM (SELECT complaint.accept(:id)) a;
		CREATE TEMP TABLE list AS SELECT array_agg('item ' || g) AS items FROM generate_series(1, $n) g;
		SELECT clock_timestamp() AS t0 \gset
		SELECT count(*) FROM (SELECT $( [ "$step" = refer_out ] && echo "complaint.refer_out(:id, 'bureau', items)" || echo "complaint.request_materials(:id, items)" ) FROM list) s;
		SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1);
		SQL
		)
		per=$(awk -v ms="$ms" -v n="$n" 'BEGIN { printf "%.2f", 1000 * ms / n }')
		printf '%-8s %-18s %10s %14s\n' "$n" "$step" "$ms" "$per"
		[ -n "${first[$step]:-}" ] || first[$step]=$per
		last[$step]=$per
	done
done
for step in request_materials refer_out; do
	echo "$step: per-item time, longest list / shortest: $(awk -v a="${last[$step]}" -v b="${first[$step]}" 'BEGIN { printf "%.2f", a / b }')"
done
psql -X -q -d postgres -c "DROP DATABASE items_bench"
