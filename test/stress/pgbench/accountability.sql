-- the accountability office's steps, one per transaction, on whatever is
-- waiting for it: a hearing, a decision, an appeal filed (A2) and decided
-- (A1: nobody decides their own), a self-check report, an explanation of a
-- late answer, a violation found by a person, new circumstances
\set step random(1, 8)
SELECT set_config('complaint.staff', CASE WHEN :step = 3 THEN 'A2' ELSE 'A1' END, false);
SELECT count(*) FROM (
SELECT complaint.record_hearing(id, 'stress hearing')::text
  FROM (SELECT id FROM complaint.sanction WHERE :step = 1 AND heard_at IS NULL AND decided_at IS NULL
		 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) s
UNION ALL
SELECT complaint.decide_sanction(id)::text
  FROM (SELECT id FROM complaint.sanction WHERE :step = 2 AND heard_at IS NOT NULL AND decided_at IS NULL
		 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) s
UNION ALL
SELECT complaint.file_appeal(id, 'stress appeal')::text
  FROM (SELECT id FROM complaint.sanction s WHERE :step = 3 AND decided_at IS NOT NULL
		   AND appeal_closed_at IS NULL AND appeal_until > now() + interval '1 minute'
		 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) s
UNION ALL
SELECT complaint.decide_appeal(id, (ARRAY['upheld', 'changed', 'revoked'])[1 + id % 3], 'stress appeal decision')::text
  FROM (SELECT id FROM complaint.appeal WHERE :step = 4 AND decided_at IS NULL
		 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) a
UNION ALL
SELECT complaint.submit_self_check(id, 'stress self-check report')::text
  FROM (SELECT id FROM complaint.self_check WHERE :step = 5 AND reported_at IS NULL
		 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) s
UNION ALL
SELECT complaint.record_explanation(id, 'stress: the answer takes longer because ...')::text
  FROM (SELECT id FROM complaint.cases WHERE :step = 6 AND closed_at IS NULL AND referred_at IS NULL
		   AND status IN ('accepted', 'transferred', 'in_progress')
		 ORDER BY deadline LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED) c
UNION ALL
SELECT complaint.open_violation('bad_attitude', first_responder, NULL, id, NULL, 'stress: rude on the phone')::text
  FROM (SELECT id, first_responder FROM complaint.cases WHERE :step = 7
		   AND id >= (SELECT (random() * max(id))::bigint FROM complaint.cases)
		 ORDER BY id LIMIT 1) c
UNION ALL
SELECT complaint.set_circumstances(v.id, ARRAY['obstructed_investigation'], ARRAY['harm_prevented'])::text
  FROM (SELECT v.id FROM complaint.violation v JOIN complaint.sanction s ON s.violation_id = v.id
		 WHERE :step = 8 AND s.decided_at IS NULL
		 ORDER BY v.id DESC LIMIT 1 FOR UPDATE OF s SKIP LOCKED) v
) steps;
