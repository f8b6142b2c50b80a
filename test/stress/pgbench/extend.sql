-- an extension of one unit of the rule's cap, approved by the head of the
-- handling unit, within the caps
\set who random(1, 8)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
SELECT (complaint.extend(id, complaint.time_limit(1, complaint.time_limit_unit(cap)),
						 complaint.unit_officer(handler_unit, 'head'), 'stress: more time needed')).status
  FROM (SELECT c.id, c.handler_unit, r.extension_cap AS cap
		  FROM complaint.cases c JOIN complaint.time_limit_rule r ON r.id = c.rule_id
		 WHERE c.closed_at IS NULL AND c.referred_at IS NULL
		   AND c.status IN ('accepted', 'transferred', 'in_progress')
		   AND r.extension_cap IS NOT NULL
		   AND (c.extended_by IS NULL
				OR (complaint.time_limit_unit(c.extended_by) = complaint.time_limit_unit(r.extension_cap)
					AND complaint.time_limit_amount(c.extended_by) < complaint.time_limit_amount(r.extension_cap)))
		 ORDER BY c.deadline LIMIT 1 FOR NO KEY UPDATE OF c SKIP LOCKED) c;
