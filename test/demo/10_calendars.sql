-- test/demo/10_calendars.sql
--
-- Demo data: working-day calendars next to the built-in CN calendar.
--   hospital_er      a hospital's emergency complaint desk, open 24/7, every
--                    day of the year including public holidays
--   branch_saturday  a bank branch that opens Monday to Saturday, observes
--                    the official holidays and works the make-up Sundays
-- Loaded by test/demo.sh after CREATE EXTENSION complaint, in file-name order.

BEGIN;

-- the emergency desk: every weekday a working day, all day long
INSERT INTO complaint.calendar (name, time_zone, work_weekdays, description)
VALUES ('hospital_er', 'Asia/Shanghai', '{1,2,3,4,5,6,7}',
		'hospital emergency complaint desk: open 24 hours a day, every day, holidays included');

INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
SELECT 'hospital_er', d, time '00:00', time '24:00'
  FROM generate_series(1, 7) AS d;

-- the branch: Monday to Friday 09:00-12:00 and 13:30-17:30, Saturday mornings
INSERT INTO complaint.calendar (name, time_zone, work_weekdays, description)
VALUES ('branch_saturday', 'Asia/Shanghai', '{1,2,3,4,5,6}',
		'bank branch open Monday to Saturday; official holidays off, make-up Sundays worked');

INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
SELECT 'branch_saturday', d, h.starts, h.ends
  FROM generate_series(1, 5) AS d,
	   (VALUES (time '09:00', time '12:00'), (time '13:30', time '17:30')) AS h (starts, ends)
UNION ALL
SELECT 'branch_saturday', 6, time '09:00', time '12:00';

-- it keeps the official holidays (a holiday on a Saturday closes the branch
-- too) and opens on the official make-up Sundays; make-up Saturdays are
-- working days for it anyway
INSERT INTO complaint.calendar_day (calendar, day, kind, name)
SELECT 'branch_saturday', day, kind, name
  FROM complaint.calendar_day
 WHERE calendar = 'CN'
   AND (kind = 'holiday' OR extract(isodow FROM day) = 7);

-- a make-up Sunday has no weekly hours to fall back on: give it a full day
INSERT INTO complaint.calendar_day_hours (calendar, day, starts, ends)
SELECT 'branch_saturday', day, h.starts, h.ends
  FROM complaint.calendar_day,
	   (VALUES (time '09:00', time '12:00'), (time '13:30', time '17:30')) AS h (starts, ends)
 WHERE calendar = 'branch_saturday' AND kind = 'workday';

COMMIT;
