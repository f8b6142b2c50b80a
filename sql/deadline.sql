--
-- deadline(start, time_limit, calendar): SPEC section 4 counting rules
--
SET timezone = 'Asia/Shanghai';

-- working days: day of receipt not counted, end of the N-th working day
-- (close of business, 17:30 on CN)
SELECT complaint.deadline('2025-09-29 10:00', '2 working days') AS received_monday;
-- received on the eve of National Day 2025 (10-01..10-08 off): 10-09, 10-10
SELECT complaint.deadline('2025-09-30 20:00', '2个工作日') AS eve_of_national_day;
-- received on a make-up Sunday (2025-09-28 works): it is still not counted
SELECT complaint.deadline('2025-09-28 11:00', '1 working day') AS on_makeup_sunday;
-- received on a holiday: counting starts at the next working day
SELECT complaint.deadline('2024-02-12 09:00', '3个工作日') AS spring_festival_2024;
-- make-up Sunday 2024-02-18 is the first working day after Spring Festival
SELECT complaint.deadline('2024-02-09 16:00', '1 working day') AS lands_on_makeup_sunday;
-- 0 working days: the end of the day of receipt, or of the next working day
SELECT complaint.deadline('2024-02-08 09:00', '0 working days') AS zero_on_workday,
       complaint.deadline('2024-02-10 09:00', '0 working days') AS zero_on_holiday;
-- year end: 2018-12-29 (Saturday) was a working day, 12-30..2019-01-01 off
SELECT complaint.deadline('2018-12-28 12:00', '1 working day') AS year_end_2018,
       complaint.deadline('2018-12-28 12:00', '2 working days') AS two_across_new_year;

-- calendar days: last day = receipt + N, moved to the next working day
SELECT complaint.deadline('2025-09-05 10:00', '30 days') AS last_day_in_holiday;
SELECT complaint.deadline('2025-09-30 20:00', '30日') AS last_day_works;
SELECT complaint.deadline('2025-11-01 10:00', '15天') AS last_day_on_sunday;
SELECT complaint.deadline('2025-09-30 17:00', '1 week') AS one_week;

-- minutes and hours are elapsed time, holidays or not
SELECT complaint.deadline('2025-09-30 23:50', '30分钟') AS thirty_minutes,
       complaint.deadline('2025-10-01 09:00', '2 hours') AS two_hours_on_holiday;

-- working hours count inside working hours only (CN: 09:00-12:00, 13:30-17:30)
SELECT complaint.deadline('2025-09-30 17:00', '4 working hours') AS across_national_day,
       complaint.deadline('2025-09-29 11:00', '2 working hours') AS across_lunch;

-- beyond the official data (2027+) only the weekly pattern applies
SELECT complaint.deadline('2027-09-30 10:00', '2 working days') AS weekly_pattern_only;

-- the calendar's time zone decides the day of receipt: 2025-09-30 17:00 UTC
-- is already 10-01 01:00 in Shanghai
SELECT complaint.deadline('2025-09-30 17:00+00', '1 working day') AS received_in_utc;

-- other calendars
INSERT INTO complaint.calendar (name, time_zone, work_weekdays) VALUES ('ER24', 'Asia/Shanghai', '{1,2,3,4,5,6,7}');
INSERT INTO complaint.calendar_hours SELECT 'ER24', d, '00:00', '24:00' FROM generate_series(1, 7) d;
SELECT complaint.deadline('2025-10-01 10:00', '2 working days', 'ER24') AS er_no_holidays,
       complaint.deadline('2025-10-01 10:00', '10 working hours', 'ER24') AS er_hours;
INSERT INTO complaint.calendar (name, time_zone) VALUES ('NOHOURS', 'Asia/Shanghai');
SELECT complaint.deadline('2025-10-10 10:00', '1 working day', 'NOHOURS') AS ends_at_midnight;

-- errors
SELECT complaint.deadline('2025-10-01 10:00', '2 working days', 'XX');
SELECT complaint.deadline('2025-10-01 10:00', '1 working hour', 'NOHOURS');
SELECT complaint.deadline('294276-12-01 10:00', '100 days');
SELECT complaint.deadline('infinity', '1 day');
SELECT complaint.deadline('2025-10-01 10:00', '2 workdays');

DELETE FROM complaint.calendar WHERE name IN ('ER24', 'NOHOURS');
RESET timezone;
