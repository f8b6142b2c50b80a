-- another unit helps (协办): a co_handler responsibility and an event.  Each
-- client takes the cases whose id is its own modulo the number of clients
-- (-D clients=N): the check that the unit does not co-handle the case yet
-- reads another table, which locking the case does not re-check
\set who random(1, 8)
\set u random(1, 4)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT complaint.add_co_handler(c.id, 'U' || :u, 'S' || :u || '2')
  FROM (SELECT id FROM complaint.cases c
		 WHERE closed_at IS NULL AND referred_at IS NULL AND handler_unit <> 'U' || :u
		   AND id % :clients = :client_id % :clients
		   AND NOT EXISTS (SELECT FROM complaint.responsibility r
						   WHERE r.case_id = c.id AND r.role = 'co_handler' AND r.until IS NULL
							 AND r.unit_code = 'U' || :u)
		 ORDER BY deadline DESC LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c;
