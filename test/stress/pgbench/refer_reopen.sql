-- refer a case out (another authority is competent), or reopen a closed or
-- referred-out case (a repeat complaint; one in four upgraded)
\set who random(1, 8)
\set reopen random(0, 1)
\set up random(1, 4)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (complaint.refer_out(id, 'market regulator', ARRAY['complaint letter'])).status
  FROM (SELECT id FROM complaint.cases
		 WHERE :reopen = 0 AND closed_at IS NULL AND referred_at IS NULL
		   AND status IN ('registered', 'accepted', 'transferred', 'in_progress')
		 ORDER BY deadline DESC LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c
 UNION ALL
SELECT (complaint.reopen(id, 'stress: the complainant came back', :up = 1)).status
  FROM (SELECT id FROM complaint.cases
		 WHERE :reopen = 1 AND status IN ('closed', 'referred_out')
		   AND id >= (SELECT (random() * max(id))::bigint FROM complaint.cases)
		 ORDER BY id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c;
