#!/bin/bash
# test/bench/reports.sh -- how fast the reports read a year (issue 10, Scale and speed).
#
# In a scratch database (reports_bench): 20 units (a province and 19
# branches; four branches on a 24/7 calendar), one clerk per unit.  A year
# of TEMPLATE cases (default 20,000, spread over 2025) is registered and
# moved the way applications do it: every Monday 09:00 on the workflow clock
# each unit registers the cases it received during the week before
# (received_at in the past), accepts them, transfers one in ten to the next
# unit, pauses one in thirty for materials, answers all but one in fifty
# (left open: overdue by the year's end), records feedback (7 satisfied, 2
# basically, 1 dissatisfied in 10) and closes them, and reopens one in a
# hundred.  A sweep at the year's end records the escalations and
# violations of what is late.  The rest of the TOTAL (default 1,000,000) is
# cloned from the template in bulk (session_replication_role = replica, as
# test/bench/sweep.sh does): the same cases, responsibility, history and
# escalation rows under new case ids, so that every table and index has the
# size of a register of that many cases.
#
# The summaries are then built (complaint.report_refresh(), which the
# clone's replica-mode writes left stale as a whole: a rebuild; timed), the
# roles created, and two logins made members of complaint_staff and mapped
# to unit heads: bench_head_p (head of P, the whole province: every case
# under row-level security, the largest scope) and bench_head_u05 (head of
# one branch).
#
# Then, best of ROUNDS (default 3) calls in one session after a first call
# that warms the session up (the first call of a new session is printed
# too), in the same run:
#   * ranking   complaint.unit_ranking over the year (it computes the
#               scorecard: one call of complaint.report_figures), as the
#               table owner (exempt from row-level security);
#   * scorecard complaint.unit_scorecard alone;
#   * by month  complaint.scorecard_by('month', ...);
#   * head P, head U05  the ranking as each head's login (SET ROLE: row-level
#               security on, the report covers the units the head answers
#               for);
#   * count     (b) SELECT count(*) over the year's rows of complaint.cases;
#   * recount   complaint.report_recount('unit', ...): the same figures
#               counted from the raw rows (once);
#   * plain     (a) the best single plain-SQL statement over the raw tables
#               for the same scorecard I could write without the extension's
#               C calendar arithmetic: working time from a day table built
#               from the calendar tables (once: it is slow; SKIP_PLAIN=1
#               leaves it out);
#   * lag       LAG (default 2,000) closed cases reopened through the
#               workflow with no refresh after: the ranking then reads those
#               cases and the other cases of their days from the raw rows;
#               then the refresh that folds them in (once).
# and prints every ratio.  Prints, never asserts.  Uses the PG* environment.
#
#   test/bench/reports.sh [TOTAL]     (TEMPLATE=n, ROUNDS=n, LAG=n, SKIP_PLAIN=1,
#                                      KEEP=1 keeps the database)
set -euo pipefail

TOTAL=${1:-1000000}
TEMPLATE=${TEMPLATE:-20000}
ROUNDS=${ROUNDS:-3}
LAG=${LAG:-2000}
CLONE_ROWS=500000
DB=reports_bench

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
[ -n "${KEEP:-}" ] || trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS '$DB'" >/dev/null 2>&1 || true' EXIT

q() { PGOPTIONS="-c client_min_messages=warning" psql -qXAt -d $DB -v ON_ERROR_STOP=1 "$@"; }

# milliseconds taken by one statement, timed inside the server, with the
# workflow clock at the year's end, as the role AS (default: the owner)
timed() {
	q -c "SELECT set_config('complaint.now', '2026-01-05 09:00+08', false)" \
	  -c "SET ROLE ${AS:-none}" \
	  -c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); r bigint; BEGIN
		  $1;
		  RAISE WARNING '%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1);
		  END \$\$" 2>&1 | sed -n 's/.*WARNING:  //p'
}
# the best of ROUNDS calls in one session, after a first call that warms it
# up (plans, caches); FIRST=1 prints the first call's time instead
best() {
	q -c "SELECT set_config('complaint.now', '2026-01-05 09:00+08', false)" \
	  -c "SET ROLE ${AS:-none}" \
	  -c "DO \$\$ DECLARE t0 timestamptz; first numeric; b numeric; r bigint; BEGIN
		  t0 := clock_timestamp();
		  $1;
		  first := round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1);
		  FOR i IN 1 .. $ROUNDS LOOP
			  t0 := clock_timestamp();
			  $1;
			  b := least(b, round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1));
		  END LOOP;
		  RAISE WARNING '%', CASE WHEN ${FIRST:-0} = 1 THEN first ELSE b END;
		  END \$\$" 2>&1 | sed -n 's/.*WARNING:  //p'
}

t0=$(date +%s.%N)
q <<'SQL'
CREATE EXTENSION complaint;
INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES ('H24', 'Asia/Shanghai', '{1,2,3,4,5,6,7}');
INSERT INTO complaint.calendar_hours SELECT 'H24', d, '00:00', '24:00' FROM generate_series(1, 7) d;
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, calendar)
SELECT CASE WHEN u = 0 THEN 'P' ELSE format('U%s', lpad(u::text, 2, '0')) END,
	   CASE WHEN u = 0 THEN '省公司' ELSE format('分公司%s', u) END,
	   CASE WHEN u = 0 THEN NULL ELSE 'P' END,
	   format('H%s', lpad(u::text, 2, '0')), 'H00',
	   CASE WHEN u >= 16 THEN 'H24' ELSE 'CN' END
  FROM generate_series(0, 19) u;
INSERT INTO complaint.staff (code, name, unit_code)
SELECT format('%s%s', r, lpad(u::text, 2, '0')), format('%s%s', r, u),
	   CASE WHEN u = 0 THEN 'P' ELSE format('U%s', lpad(u::text, 2, '0')) END
  FROM generate_series(0, 19) u, unnest(ARRAY['H', 'S']) r;
COMMIT;
UPDATE complaint.escalation_policy SET office_unit = 'P' WHERE rule_id IS NULL;
INSERT INTO complaint.category (code, name) VALUES ('billing', '资费'), ('network', '网络'), ('service', '服务'), ('other', '其他');
SQL

# the template year: week by week, unit by unit, through the workflow
q -v n="$TEMPLATE" <<'SQL'
SELECT set_config('bench.template', :'n', false) \gset
DO $$
DECLARE
	per integer := greatest(1, current_setting('bench.template')::integer / (52 * 20));
	w integer;
	u integer;
	t timestamptz;
	ids bigint[];
	staff text;
	next_unit text;
	channels constant complaint.case_channel[] := ARRAY['phone', 'phone', 'phone', 'web', 'app', 'letter', 'visit', 'regulator'];
	cats constant text[] := ARRAY['billing', 'network', 'service', 'other'];
	regions constant text[] := ARRAY['武汉', '宜昌', '襄阳', '荆州', '十堰'];
BEGIN
	FOR w IN 0 .. 51 LOOP
		t := '2025-01-06 09:00+08'::timestamptz + w * interval '7 days';
		FOR u IN 0 .. 19 LOOP
			staff := format('S%s', lpad(u::text, 2, '0'));
			next_unit := format('U%s', lpad((u % 19 + 1)::text, 2, '0'));
			PERFORM set_config('complaint.staff', staff, true);
			PERFORM set_config('complaint.now', t::text, true);
			WITH ins AS (
				INSERT INTO complaint.cases AS c (channel, category, region, matter, received_at)
				SELECT channels[1 + (g + u + w) % 8], cats[1 + (g * 7 + u) % 4], regions[1 + (g + u) % 5], 'bench',
					   t - interval '7 days' + (g * 7 * 86400 / (per + 1)) * interval '1 second'
				  FROM generate_series(1, per) g
				RETURNING c.id)
			SELECT array_agg(id ORDER BY id) INTO ids FROM ins;
			PERFORM complaint.accept(i) FROM unnest(ids) i;
			PERFORM complaint.transfer(i, next_unit, format('S%s', substr(next_unit, 2))) FROM unnest(ids) i WHERE i % 10 = 3;
			PERFORM complaint.request_materials(i, ARRAY['材料']) FROM unnest(ids) i WHERE i % 30 = 7;
			PERFORM set_config('complaint.now', (t + interval '2 hours')::text, true);
			PERFORM complaint.materials_received(i) FROM unnest(ids) i WHERE i % 30 = 7;
			PERFORM set_config('complaint.now', (t + interval '3 hours')::text, true);
			PERFORM complaint.start(i) FROM unnest(ids) i WHERE i % 10 = 3;
			PERFORM complaint.answer(i, '已答复') FROM unnest(ids) i WHERE i % 50 <> 11;
			PERFORM set_config('complaint.now', (t + interval '4 hours')::text, true);
			PERFORM complaint.record_feedback(i, CASE WHEN i % 10 < 7 THEN 'satisfied' WHEN i % 10 < 9 THEN 'basically_satisfied'
													  ELSE 'dissatisfied' END::complaint.satisfaction)
			   FROM unnest(ids) i WHERE i % 50 <> 11;
			PERFORM complaint.close(i) FROM unnest(ids) i WHERE i % 50 <> 11;
			PERFORM set_config('complaint.now', (t + interval '5 hours')::text, true);
			PERFORM complaint.reopen(i, '再次投诉') FROM unnest(ids) i WHERE i % 100 = 29;
		END LOOP;
	END LOOP;
END
$$;
SELECT FROM complaint.sweep('2026-01-05 09:00+08');
SQL

# clone the template up to TOTAL cases
have=$(q -c "SELECT count(*) FROM complaint.cases")
base_n=$have
while [ "$have" -lt "$TOTAL" ]; do
	c=$(( TOTAL - have < CLONE_ROWS ? TOTAL - have : CLONE_ROWS ))
	q <<SQL
SET session_replication_role = replica;
BEGIN;
SELECT max(id) AS base FROM complaint.cases \\gset
CREATE TEMP TABLE clone_map ON COMMIT DROP AS
SELECT t.id AS old_id, :base + g * $base_n + t.id AS new_id
  FROM generate_series(0, ($c - 1) / $base_n) g, generate_series(1, $base_n) t(id)
 WHERE g * $base_n + t.id <= $c;
SELECT format('INSERT INTO complaint.%I (%s) SELECT %s FROM clone_map m JOIN complaint.%I x ON x.%I = m.old_id%s',
			  r, string_agg(quote_ident(attname), ', ' ORDER BY attnum),
			  string_agg(CASE WHEN attname = k THEN 'm.new_id' ELSE 'x.' || quote_ident(attname) END, ', ' ORDER BY attnum),
			  r, k, CASE r WHEN 'event' THEN ' WHERE x.kind NOT IN (''warned'', ''escalated'')' ELSE '' END)
  FROM (VALUES ('cases', 'id'), ('responsibility', 'case_id'), ('event', 'case_id'), ('escalation_watch', 'case_id'),
			   ('escalation', 'case_id')) v(r, k)
  JOIN pg_attribute a ON a.attrelid = ('complaint.' || r)::regclass
 WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND (a.attname <> 'id' OR r = 'cases')
 GROUP BY r, k \\gexec
SELECT FROM setval(pg_get_serial_sequence('complaint.cases', 'id'), (SELECT max(id) FROM complaint.cases));
COMMIT;
SQL
	have=$(( have + c ))
done
q <<'SQL'
VACUUM ANALYZE complaint.cases;
VACUUM ANALYZE complaint.event;
VACUUM ANALYZE complaint.escalation;
VACUUM ANALYZE complaint.responsibility;
SQL
load=$(echo "$(date +%s.%N) - $t0" | bc)
# the summaries (a rebuild: the clone wrote with the triggers off), the roles, two heads
rebuild_ms=$(timed "SELECT complaint.report_refresh() INTO r")
q <<'SQL'
VACUUM ANALYZE complaint.report_case;
VACUUM ANALYZE complaint.report_day;
VACUUM ANALYZE complaint.report_day_key;
SELECT count(*) >= 0 FROM complaint.create_roles() \g /dev/null
DROP ROLE IF EXISTS bench_head_p;
DROP ROLE IF EXISTS bench_head_u05;
CREATE ROLE bench_head_p LOGIN IN ROLE complaint_staff;
CREATE ROLE bench_head_u05 LOGIN IN ROLE complaint_staff;
UPDATE complaint.staff SET db_role = 'bench_head_p' WHERE code = 'H00';
UPDATE complaint.staff SET db_role = 'bench_head_u05' WHERE code = 'H05';
SQL
q -c "SELECT format('register: %s cases (%s template), %s events, %s escalations, %s violations; %s closed, %s open, %s transferred events; loaded in %s s',
	(SELECT count(*) FROM complaint.cases), $base_n, (SELECT count(*) FROM complaint.event), (SELECT count(*) FROM complaint.escalation),
	(SELECT count(*) FROM complaint.violation), (SELECT count(*) FROM complaint.cases WHERE status = 'closed'),
	(SELECT count(*) FROM complaint.cases WHERE closed_at IS NULL AND referred_at IS NULL),
	(SELECT count(*) FROM complaint.event WHERE kind = 'transferred'), round($load))"

# (a) the same scorecard in one plain-SQL statement over the raw tables,
# without the extension's functions: working time from a table of days
# built from the calendar tables, overlapped with each case's span
PLAIN=$(cat <<'SQL'
WITH units AS (
	SELECT u.code, u.calendar, k.time_zone AS tz, k.work_weekdays,
		   (SELECT sum(extract(epoch FROM h.ends - h.starts)) FROM complaint.calendar_hours h
			 WHERE h.calendar = k.name AND h.isodow = (SELECT min(x) FROM unnest(k.work_weekdays) x)) AS day_secs
	  FROM complaint.unit u JOIN complaint.calendar k ON k.name = u.calendar
), hours AS (
	-- every working interval of 2024-12-01 .. 2026-02-28, as instants
	SELECT k.name AS calendar, ((d + h.starts) AT TIME ZONE k.time_zone) AS s, ((d + h.ends) AT TIME ZONE k.time_zone) AS e
	  FROM complaint.calendar k
	  CROSS JOIN generate_series('2024-12-01'::date, '2026-02-28'::date, '1 day') d
	  JOIN complaint.calendar_hours h ON h.calendar = k.name
	  LEFT JOIN complaint.calendar_day x ON x.calendar = k.name AND x.day = d::date
	 WHERE (x.kind = 'workday' OR (x.kind IS NULL AND extract(isodow FROM d)::smallint = ANY (k.work_weekdays)))
	   AND h.isodow = CASE WHEN x.kind = 'workday' AND NOT extract(isodow FROM d)::smallint = ANY (k.work_weekdays)
						   THEN (SELECT min(y) FROM unnest(k.work_weekdays) y) ELSE extract(isodow FROM d) END
), firsts AS (
	SELECT DISTINCT ON (e.case_id) e.case_id, e.detail ->> 'from_unit' AS unit
	  FROM complaint.event e WHERE e.kind = 'transferred' ORDER BY e.case_id, e.id
), esc AS (
	SELECT x.case_id, count(*) FILTER (WHERE x.step = 'warning') AS warning, count(*) FILTER (WHERE x.step = 'handler') AS handler,
		   count(*) FILTER (WHERE x.step = 'unit_head') AS unit_head
	  FROM complaint.escalation x GROUP BY x.case_id
), pauses AS (
	SELECT p.case_id, p.at AS s, p.resumed AS e
	  FROM (SELECT e.case_id, e.at, e.kind, lead(e.at) OVER (PARTITION BY e.case_id ORDER BY e.id) AS resumed
			  FROM complaint.event e WHERE e.kind IN ('materials_requested', 'materials_received')) p
	 WHERE p.kind = 'materials_requested' AND p.resumed IS NOT NULL
), f AS (
	SELECT u.code AS unit, c.id, c.status, c.answered_at <= c.deadline AS in_time, t.case_id IS NOT NULL AS transferred,
		   c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened') AND c.deadline < now() AS overdue,
		   CASE WHEN c.answered_at IS NOT NULL THEN
				((SELECT coalesce(sum(extract(epoch FROM least(h.e, c.answered_at) - greatest(h.s, c.received_at))), 0)
					FROM hours h WHERE h.calendar = u.calendar AND h.s < c.answered_at AND h.e > c.received_at)
				 - (SELECT coalesce(sum(extract(epoch FROM least(h.e, p.e) - greatest(h.s, p.s))), 0)
					  FROM pauses p JOIN hours h ON h.calendar = u.calendar AND h.s < p.e AND h.e > p.s
					 WHERE p.case_id = c.id AND p.e <= c.answered_at)) / u.day_secs END AS days,
		   c.satisfaction, c.repeat_of IS NOT NULL AS is_repeat, c.upgraded, c.reopen_count > 0 AS was_reopened,
		   x.warning, x.handler, x.unit_head
	  FROM complaint.cases c
	  LEFT JOIN firsts t ON t.case_id = c.id
	  JOIN units u ON u.code = coalesce(t.unit, c.handler_unit)
	  LEFT JOIN esc x ON x.case_id = c.id
	 WHERE (c.received_at AT TIME ZONE u.tz)::date BETWEEN '2025-01-01' AND '2025-12-31'
)
-- every figure is used (md5 of the rows), or the planner drops the unread aggregates
SELECT md5(string_agg(s::text, ',' ORDER BY s.unit)) FROM (
	SELECT unit, count(*), count(*) FILTER (WHERE status = 'referred_out'), count(*) FILTER (WHERE status = 'closed'),
		   count(*) FILTER (WHERE status = 'closed' AND in_time), count(*) FILTER (WHERE status = 'closed' AND NOT transferred),
		   count(*) FILTER (WHERE overdue), count(days), avg(days), percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
		   percentile_cont(0.9) WITHIN GROUP (ORDER BY days), count(satisfaction),
		   count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basically_satisfied')), count(*) FILTER (WHERE is_repeat),
		   count(*) FILTER (WHERE upgraded), count(*) FILTER (WHERE was_reopened), sum(warning), sum(handler), sum(unit_head)
	  FROM f GROUP BY unit) s
SQL
)

COUNT="SELECT count(*) INTO r FROM complaint.cases c WHERE c.received_at >= '2025-01-01+08' AND c.received_at < '2026-01-01+08'"
RANKING="SELECT count(*) INTO r FROM complaint.unit_ranking('2025-01-01', '2025-12-31') x WHERE x::text IS NOT NULL"
SCORECARD="SELECT count(*) INTO r FROM complaint.unit_scorecard('2025-01-01', '2025-12-31') x WHERE x::text IS NOT NULL"
MONTH="SELECT count(*) INTO r FROM complaint.scorecard_by('month', '2025-01-01', '2025-12-31') x WHERE x::text IS NOT NULL"
RECOUNT="SELECT count(*) INTO r FROM complaint.report_recount('unit', '2025-01-01', '2025-12-31') x WHERE x::text IS NOT NULL"

count_ms=$(best "$COUNT")
ranking_ms=$(best "$RANKING")
first_ms=$(FIRST=1 best "$RANKING")
scorecard_ms=$(best "$SCORECARD")
month_ms=$(best "$MONTH")
head_p_ms=$(AS=bench_head_p best "$RANKING")
head_u05_ms=$(AS=bench_head_u05 best "$RANKING")
head_p_units=$(q -c "SET ROLE bench_head_p" -c "SELECT count(*) FROM complaint.unit_scorecard('2025-01-01', '2025-12-31')")
head_u05_units=$(q -c "SET ROLE bench_head_u05" -c "SELECT count(*) FROM complaint.unit_scorecard('2025-01-01', '2025-12-31')")
count2_ms=$(best "$COUNT")
recount_ms=$(timed "$RECOUNT")
# the summaries give exactly the recount's figures
same=$(q -c "SELECT set_config('complaint.now', '2026-01-05 09:00+08', false)" -c "
	SELECT count(*) FILTER (WHERE (a.received, a.completed, a.on_time, a.first_inquiry, a.overdue_open, a.answered,
								   round(a.days_mean::numeric, 9), round(a.days_median::numeric, 9), round(a.days_p90::numeric, 9),
								   a.satisfied, a.reopened, a.esc_warning, a.violations)
								  IS DISTINCT FROM
								  (b.received, b.completed, b.on_time, b.first_inquiry, b.overdue_open, b.answered,
								   round(b.days_mean::numeric, 9), round(b.days_median::numeric, 9), round(b.days_p90::numeric, 9),
								   b.satisfied, b.reopened, b.esc_warning, b.violations))
	  FROM complaint.report_figures('unit', '2025-01-01', '2025-12-31') a
	  FULL JOIN complaint.report_recount('unit', '2025-01-01', '2025-12-31') b ON b.key = a.key" | tail -1)
if [ -z "${SKIP_PLAIN:-}" ]; then
	plain_ms=$(timed "WITH z AS MATERIALIZED ($PLAIN) SELECT count(*) INTO r FROM z")
else
	plain_ms=""
fi

# the summaries lagging: LAG closed cases reopened, no refresh
q -c "SELECT set_config('complaint.now', '2026-01-05 10:00+08', false)" -c "
DO \$\$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT id, first_responder FROM complaint.cases WHERE status = 'closed' ORDER BY id DESC LIMIT $LAG LOOP
		PERFORM set_config('complaint.staff', c.first_responder, true);
		PERFORM complaint.reopen(c.id, '再次投诉');
	END LOOP;
END
\$\$" >/dev/null
lag_cases=$(q -c "SELECT count(*) FROM complaint.report_cases")
lag_ms=$(best "$RANKING")
lag_refresh_ms=$(timed "SELECT complaint.report_refresh() INTO r")
after_ms=$(best "$RANKING")

ratio() { if [ -n "$1" ] && [ -n "$2" ]; then echo "scale=2; $1 / $2" | bc; fi; }
echo
echo "summaries: rebuilt in $rebuild_ms ms ($(q -c "SELECT pg_size_pretty(pg_total_relation_size('complaint.report_case') + pg_total_relation_size('complaint.report_day') + pg_total_relation_size('complaint.report_day_key'))"))"
echo
printf '%-52s %12s %10s\n' 'statement' 'ms' '/ count(*)'
printf '%-52s %12s %10s\n' '(b) count(*) of the year'"'"'s cases (best, 2 series)' "$count_ms / $count2_ms" '1.00'
cmin=$(echo "if ($count2_ms < $count_ms) $count2_ms else $count_ms" | bc)
for x in "ranking (scorecard + ranking), owner:$ranking_ms" "unit_scorecard, owner:$scorecard_ms" \
		 "scorecard_by month, owner:$month_ms" "ranking as head of P (RLS, $head_p_units units):$head_p_ms" \
		 "ranking as head of U05 (RLS, $head_u05_units units):$head_u05_ms" \
		 "report_recount (raw rows, once):$recount_ms" "(a) plain SQL scorecard (once):$plain_ms" \
		 "ranking, $lag_cases cases lagging ($LAG reopened):$lag_ms" "refresh of those (once):$lag_refresh_ms" \
		 "ranking after that refresh:$after_ms" "ranking, first call in a new session:$first_ms"; do
	printf '%-52s %12s %10s\n' "${x%%:*}" "${x##*:}" "$(ratio "${x##*:}" "$cmin")"
done
echo
echo "summaries vs recount: $same differing units (must be 0)"
[ -n "$plain_ms" ] && echo "ranking vs (a) plain SQL:   $(ratio "$plain_ms" "$ranking_ms")x faster (target >= 10x)"
[ -n "$plain_ms" ] && echo "by month vs (a) plain SQL:  $(ratio "$plain_ms" "$month_ms")x faster"
echo "ranking vs (b) count(*):    $(ratio "$ranking_ms" "$cmin")x the count (target <= 3x)"
echo "by month vs (b) count(*):   $(ratio "$month_ms" "$cmin")x the count"
echo "ranking: $ranking_ms ms (target < 1000 ms)"
echo "head of P under RLS vs owner:   $(ratio "$head_p_ms" "$ranking_ms")x (target <= 1.5x)"
echo "head of U05 under RLS vs owner: $(ratio "$head_u05_ms" "$ranking_ms")x"
echo "lagging ranking vs (b) count(*): $(ratio "$lag_ms" "$cmin")x"
