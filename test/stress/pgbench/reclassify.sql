-- reclassify a running case (complexity: the rule is matched again and the
-- deadline recomputed) or edit its matter (data riding along no step)
\set who random(1, 8)
\set cx random(1, 5)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
UPDATE complaint.cases c
   SET complexity = (ARRAY['own_duty', 'one_department', 'several_departments', 'leadership', NULL])[:cx]::complaint.case_complexity
 WHERE c.id = (SELECT id FROM complaint.cases
				WHERE closed_at IS NULL AND referred_at IS NULL
				  AND status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
				ORDER BY deadline DESC LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED)
   AND c.complexity IS DISTINCT FROM (ARRAY['own_duty', 'one_department', 'several_departments', 'leadership', NULL])[:cx]::complaint.case_complexity;
