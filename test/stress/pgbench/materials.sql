-- the one-time notice of missing materials (the clock stops), or the
-- materials arriving for a case that waits (the clock runs again)
\set who random(1, 8)
\set arrive random(0, 1)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (CASE WHEN status = 'waiting_materials' THEN complaint.materials_received(id)
			 ELSE complaint.request_materials(id, ARRAY['identity card', 'invoice']) END).status
  FROM (SELECT id, status FROM complaint.cases
		 WHERE closed_at IS NULL AND referred_at IS NULL
		   AND ((:arrive = 1 AND status = 'waiting_materials')
				OR (:arrive = 0 AND status IN ('accepted', 'in_progress') AND missing_items IS NULL))
		 ORDER BY deadline LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c;
