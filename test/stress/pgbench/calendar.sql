-- a holiday on the STRESS calendar within the next two weeks, added or
-- taken away: every running case on STRESS is re-projected.  A
-- registration or reopening at the same time is ordered with the change by
-- the clock lock (src/clock_lock.c; test/stress/README.md)
\set d random(0, 13)
\set add random(0, 1)
\if :add = 1
INSERT INTO complaint.calendar_day (calendar, day, kind, name)
VALUES ('STRESS', current_date + :d, 'holiday', 'stress holiday')
ON CONFLICT (calendar, day) DO NOTHING;
\else
DELETE FROM complaint.calendar_day WHERE calendar = 'STRESS' AND day = current_date + :d;
\endif
