-- a time-limit rule's limit changed back and forth: the running cases
-- under it are re-projected (registrations and reclassifications under
-- way are ordered with it by the clock lock, as for calendar.sql)
\set which random(0, 1)
UPDATE complaint.time_limit_rule
   SET lim = CASE WHEN complaint.time_limit_amount(lim) = 20 THEN '25 minutes'
				  WHEN complaint.time_limit_amount(lim) = 25 THEN '20 minutes'
				  WHEN complaint.time_limit_amount(lim) = 3 THEN '4 working days'
				  ELSE '3 working days' END::complaint.time_limit
 WHERE name = (ARRAY['stress minutes', 'stress working days'])[:which + 1];
