-- test/stress/setup.sql
--   The organisation, calendar and rules the mixed load (test/stress/mixed.sh)
--   works on, and its login role.  Run as a superuser in a database where
--   CREATE EXTENSION complaint and complaint.create_roles() have run.
--
--   HQ (head H0, supervising leader L0) over four units and an
--   accountability office AO.  U1 and U2 count on the built-in CN calendar,
--   U3 and U4 on STRESS (every day a working day, CN's hours), the calendar
--   the load edits.  U3 and U4 have interface persons (hand-over timers);
--   U4 is a telecom unit (acceptance clock for appeals, answer counted from
--   acceptance, the telecom sanction variant).  Staff S<unit><n> take the
--   steps; A1 and A2 (accountability office, never sanctioned) record the
--   office's steps.  The rules cover every unit of time limit: minutes
--   (category service), working days (billing), working minutes (web),
--   calendar days (suggestions), each with an extension cap, so that
--   rungs fall due within minutes and extensions are possible.
\set ON_ERROR_STOP on

BEGIN;
INSERT INTO complaint.calendar (name, time_zone, work_weekdays, description)
VALUES ('STRESS', 'Asia/Shanghai', '{1,2,3,4,5,6,7}', 'stress test: every day a working day; the load adds and removes holidays');
INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
SELECT 'STRESS', d, h.starts, h.ends
  FROM generate_series(1, 7) d, complaint.calendar_hours h
 WHERE h.calendar = 'CN' AND h.isodow = 1;

INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff, interface_staff, calendar, sector) VALUES
	('HQ', 'headquarters', NULL, 'H0', 'L0', NULL, 'CN', NULL),
	('AO', 'accountability office', 'HQ', 'H0', 'L0', NULL, 'CN', NULL),
	('U1', 'unit one', 'HQ', 'H1', 'L1', NULL, 'CN', NULL),
	('U2', 'unit two', 'HQ', 'H2', 'L1', NULL, 'CN', NULL),
	('U3', 'unit three', 'HQ', 'H3', 'L3', 'I3', 'STRESS', NULL),
	('U4', 'unit four', 'HQ', 'H4', 'L3', 'I4', 'STRESS', 'telecom');
INSERT INTO complaint.staff (code, name, unit_code) VALUES
	('H0', 'head of HQ', 'HQ'), ('L0', 'leader of HQ', 'HQ'),
	('A1', 'accountability officer one', 'AO'), ('A2', 'accountability officer two', 'AO'),
	('H1', 'head one', 'U1'), ('L1', 'leader one', 'U1'), ('S11', 'staff 1.1', 'U1'), ('S12', 'staff 1.2', 'U1'),
	('H2', 'head two', 'U2'), ('S21', 'staff 2.1', 'U2'), ('S22', 'staff 2.2', 'U2'),
	('H3', 'head three', 'U3'), ('L3', 'leader three', 'U3'), ('I3', 'interface three', 'U3'),
	('S31', 'staff 3.1', 'U3'), ('S32', 'staff 3.2', 'U3'),
	('H4', 'head four', 'U4'), ('I4', 'interface four', 'U4'), ('S41', 'staff 4.1', 'U4'), ('S42', 'staff 4.2', 'U4');
COMMIT;

INSERT INTO complaint.sanction_variant (unit_code, variant) VALUES ('U4', 'telecom');
INSERT INTO complaint.category (code, name) VALUES ('billing', 'billing'), ('service', 'service'), ('other', 'other');
INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES ('HQ', 'billing', 'U2'), ('HQ', 'service', 'U3'), ('HQ', 'other', 'U4');

INSERT INTO complaint.time_limit_rule (name, matter, kind, channel, category, lim, extension_cap, total_cap, priority, source) VALUES
	('stress minutes', 'answer', NULL, NULL, 'service', '20 minutes', '30 minutes', NULL, 10, 'stress'),
	('stress working days', 'answer', NULL, NULL, 'billing', '3 working days', '5 working days', '10 working days', 10, 'stress'),
	('stress working minutes', 'answer', NULL, 'web', NULL, '240 working minutes', '120 working minutes', NULL, 5, 'stress'),
	('stress calendar days', 'answer', 'suggestion', NULL, NULL, '5 days', '10 days', NULL, 20, 'stress');
-- the minute rule's ladder: a rung a minute after the deadline, then one more each
INSERT INTO complaint.escalation_policy (rule_id, warn_share, office_unit)
SELECT id, 0.5, 'AO' FROM complaint.time_limit_rule WHERE name = 'stress minutes';
UPDATE complaint.escalation_policy SET office_unit = 'AO' WHERE rule_id IS NULL;

-- the load's login: an application (names the acting staff member), an
-- administrator (calendar and rule edits), the accountability office, and
-- allowed to sweep by hand (EXECUTE on sweep(), as README "The sweep" says)
CREATE ROLE stress_app LOGIN;
GRANT complaint_application, complaint_admin, complaint_accountability TO stress_app;
GRANT EXECUTE ON FUNCTION complaint.sweep(timestamptz) TO stress_app;
