-- accept the most urgent registered or reopened case nobody else holds
\set who random(1, 8)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (complaint.accept(id)).status
  FROM (SELECT id FROM complaint.cases
		 WHERE closed_at IS NULL AND referred_at IS NULL AND status IN ('registered', 'reopened')
		 ORDER BY deadline LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c;
