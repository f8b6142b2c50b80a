-- the complainant's satisfaction with an answer (one in five not satisfied)
\set who random(1, 8)
\set s random(1, 5)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (complaint.record_feedback(id, (ARRAY['satisfied', 'satisfied', 'basically_satisfied', 'satisfied', 'dissatisfied'])[:s]::complaint.satisfaction)).status
  FROM (SELECT id FROM complaint.cases
		 WHERE closed_at IS NULL AND referred_at IS NULL AND status = 'answered' AND feedback_at IS NULL
		 ORDER BY deadline LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c;
