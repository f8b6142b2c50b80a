-- a person of the handling unit takes a case that waits at the unit (from
-- the interface person: the hand-over)
\set who random(1, 8)
\set n random(1, 2)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (complaint.assign(id, 'S' || substr(handler_unit, 2) || :n)).status
  FROM (SELECT id, handler_unit FROM complaint.cases
		 WHERE closed_at IS NULL AND referred_at IS NULL AND handler_staff IS NULL
		   AND status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
		 ORDER BY deadline LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c;
