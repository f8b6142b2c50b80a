-- test/demo/60_operator_clones.sql
--
-- Demo data: the operator's year at its full size, about :cases complaints
-- (default 30,000: about 80 a day).  Replaying every case through the
-- workflow costs about a millisecond a step here, so the finished cases
-- (closed or referred out) replayed by 50_operator_year.sql (3,000 by
-- default) are copied in bulk; the open ones, the overdue ones among them,
-- are only the replayed ones.  The copies are made the
-- way test/bench/sweep.sh and test/bench/reports.sh grow their registers:
-- with the triggers off (session_replication_role = replica, superuser
-- only): each copy gets a new case id and its own complainant (name,
-- contact, address drawn from a hash of the new id), and keeps the template's times,
-- channel, category, region, matter, route, steps and clock.  With it go
-- the case's responsibilities, its history (the steps; the sweep's
-- escalation events stay with the template, their detail names escalation
-- ids), its escalation steps and its watch row; a repeat complaint repeats
-- the copy of the case it repeated (none when that one was not copied).  Violations, sanctions and self-checks
-- stay with the replayed cases.  The result is a register of that size in
-- which every copy is a case the workflow would have written.
-- Loaded by test/demo.sh after 50_operator_year.sql (psql -v cases=N
-- overrides the size).

\if :{?cases}
\else
\set cases 30000
\endif

BEGIN;
SET LOCAL session_replication_role = replica;

-- the template: the operator's cases (ids above the hospital's)
CREATE TEMP TABLE demo_template ON COMMIT DROP AS
SELECT c.id FROM complaint.cases c JOIN complaint.unit u ON u.code = c.handler_unit
 WHERE u.code LIKE 'HB%' OR u.parent_code = 'HB' OR u.code LIKE '%-HALL'
    OR c.first_responder LIKE 'csc-%';
SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM demo_template \gset
-- only finished cases are copied: the open ones, the overdue list among
-- them, are all replayed ones
SELECT count(*) AS finished FROM complaint.cases c
 WHERE c.id IN (SELECT id FROM demo_template) AND c.status IN ('closed', 'referred_out') \gset
SELECT greatest(0, round((:cases - :n)::numeric / greatest(:finished, 1)))::integer AS copies, :hi - :lo + 1 AS span \gset

-- copy g of template case id gets id + g * span
CREATE TEMP TABLE demo_clone ON COMMIT DROP AS
SELECT t.id AS old_id, t.id + g * :span AS new_id, g,
	   (hashint8(t.id + g * :span) & 2147483647)::bigint AS h
  FROM demo_template t JOIN complaint.cases c ON c.id = t.id AND c.status IN ('closed', 'referred_out'),
	   generate_series(1, :copies) g;
CREATE UNIQUE INDEX ON demo_clone (old_id, g);
ANALYZE demo_clone;

-- the cases: every column but the id, the complainant and the repeat link copied
SELECT format($f$
INSERT INTO complaint.cases (%s)
SELECT %s
  FROM demo_clone m JOIN complaint.cases x ON x.id = m.old_id
$f$, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
	 string_agg(CASE a.attname
					WHEN 'id' THEN 'm.new_id'
					WHEN 'complainant_name' THEN
						$e$(ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗'])[1 + m.h % 20]
						   || (ARRAY['伟','芳','娜','敏','静','强','磊','军','洋','勇','艳','杰','涛','明','超','秀英','建华','海燕','志强','玉兰'])[1 + (m.h / 20) % 20]$e$
					WHEN 'complainant_contact' THEN
						$e$'1' || (ARRAY['35','36','37','38','39','50','52','82','87','88'])[1 + (m.h / 400) % 10]
						   || lpad(((m.h * 7919 + m.new_id) % 100000000)::text, 8, '0')$e$
					WHEN 'complainant_address' THEN
						$e$split_part(x.complainant_address, '市', 1) || '市' || (ARRAY['城区','开发区','高新区','新区','东区','西区'])[1 + (m.h / 7) % 6]
						   || (1 + (m.h / 11) % 300) || '号'$e$
					WHEN 'complainant_unit' THEN
						$e$CASE WHEN (m.h / 13) % 10 < 3 THEN (ARRAY['市第一中学','人民医院','建设银行支行','物流公司','区政府办公室'])[1 + (m.h / 17) % 5] END$e$
					WHEN 'repeat_of' THEN
						'CASE WHEN EXISTS (SELECT FROM demo_clone z WHERE z.old_id = x.repeat_of AND z.g = m.g) THEN x.repeat_of + m.g * ' || :span || ' END'
					ELSE 'x.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum))
  FROM pg_attribute a
 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
\gexec

-- what belongs to a case: responsibilities, the history of its steps, its
-- escalation steps, its watch row (new row ids; the case id mapped)
SELECT format('INSERT INTO complaint.%I (%s) SELECT %s FROM demo_clone m JOIN complaint.%I x ON x.case_id = m.old_id%s',
			  r, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
			  string_agg(CASE WHEN a.attname = 'case_id' THEN 'm.new_id' ELSE 'x.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum),
			  r, CASE r WHEN 'event' THEN ' WHERE x.kind NOT IN (''warned'', ''escalated'')' ELSE '' END)
  FROM (VALUES ('responsibility'), ('event'), ('escalation'), ('escalation_watch')) v (r)
  JOIN pg_attribute a ON a.attrelid = ('complaint.' || v.r)::regclass
 WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity = ''
 GROUP BY r
\gexec

SELECT setval(pg_get_serial_sequence('complaint.cases', 'id'), (SELECT max(id) FROM complaint.cases)) AS last_id \gset
COMMIT;
ANALYZE;
