-- ---------------------------------------------------------------------------
-- src/sql/sweep/handover_claim.sql
--   complaint.sweep(), hand-over section, claim: the open interface
--   responsibilities whose hand-over time has passed by the sweep's "at"
--   and whose step due now (handover_overdue, or handover_report_overdue
--   once the report is due too) is not recorded yet, earliest first.  A
--   plain read: no lock.
--
--   $1  timestamptz  the sweep's "at"
--   $2  bigint       the most rows to claim (complaint.batch_size)
--   $3  bigint[]     ids to leave alone (handled or skipped earlier in the call)
--   returns one bigint column: responsibility ids (handover_process.sql's $2)
-- ---------------------------------------------------------------------------
SELECT r.id FROM complaint.responsibility r
 WHERE r.role = 'interface' AND r.open_due <= $1 AND NOT (r.id = ANY ($3))
   AND NOT EXISTS (SELECT 1 FROM complaint.escalation e
                    WHERE e.case_id = r.case_id AND e.responsibility_id = r.id
                      AND e.step = CASE WHEN r.report_due <= $1 THEN 'handover_report_overdue'
                                        ELSE 'handover_overdue' END::complaint.escalation_step)
 ORDER BY r.open_due LIMIT $2;
