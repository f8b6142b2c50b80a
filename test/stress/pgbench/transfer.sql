-- transfer a case to another unit, to a person there or (half the time) to
-- the unit, where its interface person (U3, U4) gets the hand-over timer
\set who random(1, 8)
\set to random(1, 4)
\set person random(0, 1)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (complaint.transfer(id, u.code, CASE WHEN :person = 1 THEN 'S' || substr(u.code, 2) || '1' END, 'stress transfer')).status
  FROM (SELECT id, handler_unit FROM complaint.cases
		 WHERE closed_at IS NULL AND referred_at IS NULL
		   AND status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
		 ORDER BY deadline LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c,
	   LATERAL (SELECT code FROM (VALUES ('U1'), ('U2'), ('U3'), ('U4')) v(code)
				 WHERE code <> c.handler_unit ORDER BY code <> 'U' || :to, code LIMIT 1) u;
