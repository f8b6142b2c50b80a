-- register a case: a first responder of any unit, any channel and kind,
-- a category that routes it (or none: it stays in the first responder's
-- unit), one of 3,000 contacts (repeat complaints); one case in four was
-- received up to 90 minutes earlier (a letter registered late), so that
-- rungs fall due at once
\set who random(1, 8)
\set chan random(1, 7)
\set kind random(1, 6)
\set cat random(1, 4)
\set contact random(1, 3000)
\set late random(-270, 90)
SELECT set_config('complaint.staff', (ARRAY['S11', 'S12', 'S21', 'S22', 'S31', 'S32', 'S41', 'S42'])[:who], false);
INSERT INTO complaint.cases (channel, kind, category, matter, complainant_name, complainant_contact, received_at)
VALUES ((ARRAY['phone', 'web', 'visit', 'letter', 'email', 'superior', 'app'])[:chan]::complaint.case_channel,
		(ARRAY['complaint', 'complaint', 'inquiry', 'suggestion', 'appeal', 'report'])[:kind]::complaint.case_kind,
		(ARRAY['billing', 'service', 'other', NULL])[:cat],
		'stress case', 'complainant ' || :contact, '139' || lpad(:contact::text, 8, '0'),
		now() - make_interval(mins => greatest(:late, 0)));
