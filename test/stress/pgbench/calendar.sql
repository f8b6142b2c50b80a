-- a holiday on the STRESS calendar within the next two weeks, added or
-- taken away: every running case on STRESS is re-projected.  The register
-- is locked against writes first (README "Long runs": a case registered or
-- reopened while a calendar changes keeps a deadline counted on the old
-- calendar; holding registrations and steps off for the edit avoids that)
\set d random(0, 13)
\set add random(0, 1)
BEGIN;
LOCK TABLE complaint.cases IN SHARE MODE;
\if :add = 1
INSERT INTO complaint.calendar_day (calendar, day, kind, name)
VALUES ('STRESS', current_date + :d, 'holiday', 'stress holiday')
ON CONFLICT (calendar, day) DO NOTHING;
\else
DELETE FROM complaint.calendar_day WHERE calendar = 'STRESS' AND day = current_date + :d;
\endif
COMMIT;
