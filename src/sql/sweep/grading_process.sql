-- ---------------------------------------------------------------------------
-- src/sql/sweep/grading_process.sql
--   complaint.sweep(), grading section, process: for the claimed violations
--   still due for grading, propose the sanction (the kind's base grade, one
--   up for aggravating circumstances, two or more violations in a year
--   among them, one down for mitigating ones; the unit's sanction variant
--   and policy), re-proposed until it is decided, and send the unit its
--   self-check notice once; mark the violation and the circumstances seen
--   as graded.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint[]     the claimed violation ids (grading_claim.sql)
--   returns one row of two bigints: the records written (proposed
--   sanctions and self-check notices) and the violation rows locked
--
--   The newest circumstance of a violation is in force; the statement marks
--   every change it saw as graded, and the violation as graded the first
--   time (the guard lets each column be filled once).  The violation is
--   locked FOR NO KEY UPDATE SKIP LOCKED (grading writes graded_at, no
--   key): a new circumstance row of it, whose foreign key takes KEY SHARE,
--   is not held up, so an office that holds the sanction and records new
--   circumstances does not deadlock with the sweep waiting for that
--   sanction.
--
--   Every time window is the window of a time-limit rule, counted like a
--   deadline: the year of prior violations (yw), the self-check notice (wn)
--   and report (wr).  Each of the three LATERAL subqueries is the twin of
--   complaint.window_end(), in SQL: the best enabled rule of the matter for
--   the unit, by complaint.match_rule(), and the unit's calendar; one row,
--   lim NULL when no rule applies, no row for an unknown unit; the window
--   ends at complaint.deadline(start, lim, calendar).  They are written with
--   the functions of release 0.1.0 so that the sweep of a new library keeps
--   working on a database not yet updated (a missing rule only leaves its
--   window out).
-- ---------------------------------------------------------------------------
WITH lk AS (
  SELECT v.id FROM complaint.violation v WHERE v.id = ANY ($2)
     AND (v.graded_at IS NULL OR EXISTS (SELECT 1 FROM complaint.violation_circumstance c
                                          WHERE c.violation_id = v.id AND c.graded_at IS NULL))
     FOR NO KEY UPDATE SKIP LOCKED
), v AS (
  SELECT v.*, COALESCE(v.unit_code, st.unit_code) AS unit, st.supervisor_code, g.grade AS base_grade,
         cc.circ_id, COALESCE(cc.aggravating, v.aggravating) AS agg_now, COALESCE(cc.mitigating, v.mitigating) AS mit,
         (SELECT pg_catalog.count(*) FROM (SELECT 1 FROM complaint.violation o
           WHERE o.staff_code = v.staff_code AND o.id <> v.id AND o.occurred_at <= v.occurred_at
             AND complaint.deadline(o.occurred_at, yw.lim, yw.calendar) >= v.occurred_at LIMIT 10) o)::integer AS prior
    FROM lk JOIN complaint.violation v ON v.id = lk.id
    LEFT JOIN complaint.staff st ON st.code = v.staff_code
    -- the window of prior violations: the rule repeat_violation (365 days)
    LEFT JOIN LATERAL (
      SELECT (SELECT r.lim FROM complaint.time_limit_rule r
               WHERE r.id = complaint.match_rule('repeat_violation', NULL, NULL, NULL, NULL, u.code)) AS lim,
             u.calendar
        FROM complaint.unit u WHERE u.code = COALESCE(v.unit_code, st.unit_code)
    ) yw ON true
    LEFT JOIN complaint.violation_grade g ON g.kind = v.kind
    LEFT JOIN LATERAL (SELECT c.id AS circ_id, c.aggravating, c.mitigating FROM complaint.violation_circumstance c
                        WHERE c.violation_id = v.id ORDER BY c.id DESC LIMIT 1) cc ON true
), f AS (
  SELECT v.*, complaint.unit_sanction_variant(v.unit) AS variant,
         v.agg_now || CASE WHEN v.prior >= 1 THEN ARRAY['two_or_more_in_a_year'] ELSE '{}'::text[] END AS agg
    FROM v
), gr AS (
  SELECT f.*, (pg_catalog.enum_range(NULL::complaint.sanction_grade))[
           GREATEST(1, LEAST(3, pg_catalog.array_position(pg_catalog.enum_range(NULL::complaint.sanction_grade), f.base_grade)
                    + CASE WHEN pg_catalog.cardinality(f.agg) > 0 THEN 1 ELSE 0 END
                    - CASE WHEN pg_catalog.cardinality(f.mit) > 0 THEN 1 ELSE 0 END))] AS grade
    FROM f
), ins AS (
  INSERT INTO complaint.sanction AS t (violation_id, staff_code, unit_code, variant, base_grade, grade, prior_violations,
         aggravating, mitigating, measures, bonus_months, supervisor_staff, proposed_at)
  SELECT gr.id, gr.staff_code, gr.unit, gr.variant, gr.base_grade, gr.grade, gr.prior,
         gr.agg, gr.mit, p.measures, p.bonus_months,
         CASE WHEN p.also_supervisor THEN gr.supervisor_code END, $1
    FROM gr LEFT JOIN complaint.sanction_policy p ON p.variant = gr.variant AND p.grade = gr.grade
  ON CONFLICT (violation_id) DO UPDATE
     SET variant = EXCLUDED.variant, base_grade = EXCLUDED.base_grade, grade = EXCLUDED.grade,
         prior_violations = EXCLUDED.prior_violations, aggravating = EXCLUDED.aggravating,
         mitigating = EXCLUDED.mitigating, measures = EXCLUDED.measures,
         bonus_months = EXCLUDED.bonus_months, supervisor_staff = EXCLUDED.supervisor_staff,
         proposed_at = EXCLUDED.proposed_at
   WHERE t.decided_at IS NULL
  RETURNING t.id, t.violation_id, t.staff_code, t.grade
), sc AS (
  INSERT INTO complaint.self_check AS k (violation_id, unit_code, notice_due, notified_at, report_due)
  SELECT w.id, w.unit, w.notice_due, $1, w.report_due
    FROM (SELECT gr.id, gr.unit,
                 complaint.deadline(gr.recorded_at, wn.lim, wn.calendar) AS notice_due,
                 complaint.deadline($1, wr.lim, wr.calendar) AS report_due
            FROM gr
            CROSS JOIN LATERAL (
              SELECT (SELECT r.lim FROM complaint.time_limit_rule r
                       WHERE r.id = complaint.match_rule('self_check_notice', NULL, NULL, NULL, NULL, u.code)) AS lim,
                     u.calendar
                FROM complaint.unit u WHERE u.code = gr.unit
            ) wn
            CROSS JOIN LATERAL (
              SELECT (SELECT r.lim FROM complaint.time_limit_rule r
                       WHERE r.id = complaint.match_rule('self_check_report', NULL, NULL, NULL, NULL, u.code)) AS lim,
                     u.calendar
                FROM complaint.unit u WHERE u.code = gr.unit
            ) wr
           WHERE gr.kind <> 'missing_self_check_report') w
   WHERE w.notice_due IS NOT NULL AND w.report_due IS NOT NULL
  ON CONFLICT (violation_id) DO NOTHING
  RETURNING k.id, k.violation_id, k.unit_code, k.report_due
), upd AS (
  UPDATE complaint.violation t SET graded_at = $1 FROM gr WHERE t.id = gr.id AND t.graded_at IS NULL
), cupd AS (
  UPDATE complaint.violation_circumstance t SET graded_at = $1
    FROM gr WHERE t.violation_id = gr.id AND t.graded_at IS NULL AND t.id <= gr.circ_id
), notes AS (
  -- one row per record written, counted for the result; the delivery feed's
  -- trigger (src/sql/install/66_feed.sql) announces the records themselves
  -- sanction_proposed: sanction_id, violation_id, staff, grade
  SELECT 'sanction_proposed'::text AS n FROM ins
  UNION ALL
  -- self_check_notice: self_check_id, violation_id, unit, report_due
  SELECT 'self_check_notice'::text FROM sc
)
SELECT (SELECT pg_catalog.count(*) FROM notes), (SELECT pg_catalog.count(*) FROM lk);
