-- complaint extension update script: release 0.1.0 to release 0.2.0
--
-- Run by ALTER EXTENSION complaint UPDATE (TO '0.2.0').  Release 0.1.0 is
-- src/sql/releases/complaint--0.1.0.sql (frozen); release 0.2.0 is what
-- `make` generates from src/sql/install/*.sql.  This file must take a
-- 0.1.0 install to exactly what a fresh CREATE EXTENSION of 0.2.0 makes:
-- test/t/030_upgrade.pl compares pg_dump --schema-only --binary-upgrade of
-- the two (every object, column, comment, privilege and pg_init_privs
-- entry), checks that the rows the release ships are the same, and that
-- every row written before the update is intact.
--
-- Convention: whoever changes src/sql/install/*.sql for 0.2.0 appends a
-- section here, headed by a comment line "-- <feature>", in the same
-- commit.  A section holds, for its own change only:
--   * new objects, created exactly as in the install script, with their
--     COMMENT and the same REVOKE / GRANT TO PUBLIC lines;
--   * CREATE OR REPLACE FUNCTION for a changed body (a changed signature or
--     result type: DROP FUNCTION, then CREATE, COMMENT, REVOKE as above);
--   * ALTER TABLE for a changed table; a new column goes at the END of the
--     CREATE TABLE in the install script too (column order is compared);
--   * COMMENT ON for a changed comment;
--   * rows the release ships (builtin rows, presets), inserted or updated
--     as the install script has them;
--   * for a change to complaint.create_roles(): CREATE OR REPLACE of it
--     here; its grants are NOT re-run by this script (privileges granted
--     inside an extension script are recorded in pg_init_privs as if the
--     extension had made them, so pg_dump would stop dumping them, and the
--     catalog would differ from a fresh install).  README.md "Upgrading"
--     tells the DBA to run SELECT complaint.create_roles() after the
--     update, as after CREATE EXTENSION.
-- Sections must not depend on each other's order.  Never edit a released
-- update script (a file whose target version has been tagged): add the
-- next one instead.  Text must stay GB2312-encodable (ASCII and Chinese
-- only), like the install script.

\echo Use "ALTER EXTENSION complaint UPDATE TO '0.2.0'" to load this file. \quit

-- column comments
-- A comment on every column of the extension's tables and views that had
-- none (the same text as src/sql/install/85_column_comments.sql).

-- calendars (30_calendar.sql) ----------------------------------------------

COMMENT ON COLUMN complaint.calendar.name IS
	'calendar name, e.g. CN (the built-in one); units and cases name their calendar by it; a calendar a case refers to cannot be renamed';
COMMENT ON COLUMN complaint.calendar.time_zone IS
	'IANA time zone (default Asia/Shanghai) whose local dates and wall-clock hours the calendar counts in; also the zone complaint.register shows a case''s times in; checked against PostgreSQL''s zones';
COMMENT ON COLUMN complaint.calendar.work_weekdays IS
	'ISO weekdays that are working days (1 = Monday .. 7 = Sunday; default {1,2,3,4,5}); empty: only the dated working days of complaint.calendar_day work';
COMMENT ON COLUMN complaint.calendar.official_from IS
	'first day of the span whose official holidays and make-up working days are loaded (CN: 2004-01-01); for people: the arithmetic does not read it';
COMMENT ON COLUMN complaint.calendar.official_until IS
	'last day of the span whose official holidays and make-up working days are loaded (CN: 2026-12-31); after it only the weekly pattern applies until rows are added; move it when adding a new year''s notice; for people: the arithmetic does not read it';
COMMENT ON COLUMN complaint.calendar.description IS
	'what the calendar is for, free text';
COMMENT ON COLUMN complaint.calendar.builtin IS
	'true for the built-in CN row, which CREATE EXTENSION recreates and pg_dump leaves out; false for calendars you add (dumped)';

COMMENT ON COLUMN complaint.calendar_hours.calendar IS
	'the calendar (complaint.calendar.name)';
COMMENT ON COLUMN complaint.calendar_hours.isodow IS
	'ISO weekday the interval belongs to (1 = Monday .. 7 = Sunday)';
COMMENT ON COLUMN complaint.calendar_hours.starts IS
	'start of a working interval, local wall-clock time in the calendar''s time zone';
COMMENT ON COLUMN complaint.calendar_hours.ends IS
	'end of the working interval, local wall-clock time in the calendar''s time zone; after starts; may be 24:00';
COMMENT ON COLUMN complaint.calendar_hours.builtin IS
	'true for the built-in CN hours (09:00-12:00 and 13:30-17:30, Monday to Friday), which CREATE EXTENSION recreates and pg_dump leaves out; false for rows you add (dumped)';

COMMENT ON COLUMN complaint.calendar_day.calendar IS
	'the calendar (complaint.calendar.name)';
COMMENT ON COLUMN complaint.calendar_day.day IS
	'the date, a local date of the calendar''s time zone';
COMMENT ON COLUMN complaint.calendar_day.kind IS
	'holiday: no work that day, even on a working weekday; workday: a working day, even on a rest day (调休)';
COMMENT ON COLUMN complaint.calendar_day.name IS
	'name of the holiday or make-up working day (e.g. National Day 国庆节), free text';
COMMENT ON COLUMN complaint.calendar_day.builtin IS
	'true for the built-in CN rows (data/cn_holidays.csv), which CREATE EXTENSION recreates and pg_dump leaves out; false for rows you add, also to CN (dumped)';

COMMENT ON COLUMN complaint.calendar_day_hours.calendar IS
	'the calendar (complaint.calendar.name)';
COMMENT ON COLUMN complaint.calendar_day_hours.day IS
	'the exceptional working day (a complaint.calendar_day row of kind workday), a local date of the calendar''s time zone';
COMMENT ON COLUMN complaint.calendar_day_hours.starts IS
	'start of a working interval of that day, local wall-clock time in the calendar''s time zone';
COMMENT ON COLUMN complaint.calendar_day_hours.ends IS
	'end of the working interval, local wall-clock time in the calendar''s time zone; after starts; may be 24:00';

-- the organisation (40_org.sql) --------------------------------------------

COMMENT ON COLUMN complaint.unit.code IS
	'unit code, as staff, cases, rules, routes and the history name the unit; a unit a case refers to cannot be renamed';
COMMENT ON COLUMN complaint.unit.name IS
	'the unit''s name, shown in the register (handler_unit_name) and the reports';
COMMENT ON COLUMN complaint.unit.parent_code IS
	'the unit above (NULL for a root); the tree gives the inherited sector, rule and route matching, the escalation officers, the sanction variant and what a unit head sees (the subtree)';
COMMENT ON COLUMN complaint.unit.description IS
	'what the unit is, free text';

COMMENT ON COLUMN complaint.staff.code IS
	'staff code, as cases, responsibilities, escalations and the history name the person; a code a case refers to cannot be renamed';
COMMENT ON COLUMN complaint.staff.name IS
	'the person''s name, shown in the register (first_responder_name, handler_name)';
COMMENT ON COLUMN complaint.staff.unit_code IS
	'the unit the person works in: a case they register stays there when no route applies, they may handle only cases their unit handles, and they see their unit''s cases';
COMMENT ON COLUMN complaint.staff.supervisor_code IS
	'the person''s own supervisor (staff code); a sanction_policy with also_supervisor proposes the sanction for them too';
COMMENT ON COLUMN complaint.staff.title IS
	'job title, free text (the workflow does not read it)';

COMMENT ON COLUMN complaint.category.code IS
	'category code, as cases, time-limit rules and routes name it; a category a case refers to cannot be renamed';
COMMENT ON COLUMN complaint.category.name IS
	'the category''s name';
COMMENT ON COLUMN complaint.category.parent_code IS
	'the broader category (NULL at the top), for people''s grouping: rules, routes and repeat detection match the code itself only';
COMMENT ON COLUMN complaint.category.description IS
	'what the category covers, free text';

-- time-limit rules (45_rules.sql) ------------------------------------------

COMMENT ON COLUMN complaint.time_limit_rule.id IS
	'rule number; cases name their rule by it (rule_id, acceptance_rule_id); among equally good rules the lowest wins';
COMMENT ON COLUMN complaint.time_limit_rule.name IS
	'unique name of the rule, shown in errors and in the history (event detail rule)';
COMMENT ON COLUMN complaint.time_limit_rule.kind IS
	'criterion: the kind of case the rule applies to; NULL: any';
COMMENT ON COLUMN complaint.time_limit_rule.channel IS
	'criterion: the channel the case came in by; NULL: any';
COMMENT ON COLUMN complaint.time_limit_rule.complexity IS
	'criterion: the complexity of the case (限时办结制 第七条); NULL: any (a case without a complexity matches only such rules)';
COMMENT ON COLUMN complaint.time_limit_rule.category IS
	'criterion: the case''s category (complaint.category.code); NULL: any';
COMMENT ON COLUMN complaint.time_limit_rule.sector IS
	'criterion: the effective sector of the handling unit (complaint.unit_sector: its own, else the nearest ancestor''s); NULL: any';
COMMENT ON COLUMN complaint.time_limit_rule.unit_code IS
	'criterion: the handling unit or a unit above it; NULL: any; among rules of equal priority and specificity the nearest unit wins';
COMMENT ON COLUMN complaint.time_limit_rule.enabled IS
	'false: never chosen for a new case or a reclassification (disable a preset this way); cases already under the rule keep it';
COMMENT ON COLUMN complaint.time_limit_rule.note IS
	'remarks for people, free text (matching does not read it)';

-- cases, responsibilities, history (50_cases.sql) --------------------------

COMMENT ON COLUMN complaint.cases.id IS
	'case number: the identity sequence''s next value unless the application gives one; never changes';
COMMENT ON COLUMN complaint.cases.status IS
	'where the case stands in the workflow (registered at first); changed only by a step (an UPDATE of status or a step function), which the workflow trigger checks against the allowed transitions and records in complaint.event';
COMMENT ON COLUMN complaint.cases.kind IS
	'what the complainant brings (inquiry, complaint, report, suggestion, petition, appeal; default complaint), given by the application; a change chooses the rule again (reclassified)';
COMMENT ON COLUMN complaint.cases.channel IS
	'how the case came in, given by the application; superior and regulator make it an upgraded complaint; a change chooses the rule again (reclassified)';
COMMENT ON COLUMN complaint.cases.complexity IS
	'how much of the organisation the case involves (限时办结制 第七条), given by the application; chooses among the working-day limits; NULL: not assessed; a change chooses the rule again (reclassified)';
COMMENT ON COLUMN complaint.cases.category IS
	'complaint category (complaint.category.code), given by the application; used by routing, rule matching, repeat detection and the reports; editable';
COMMENT ON COLUMN complaint.cases.region IS
	'region the matter concerns, free text given by the application; routing matches it against complaint.route.region; editable';
COMMENT ON COLUMN complaint.cases.matter IS
	'what the complainant asks or complains about, as registered by the application (not empty); editable, each change recorded in the history';
COMMENT ON COLUMN complaint.cases.complainant_name IS
	'the complainant''s name, given by the application; personal data: analysts and the accountability office read it only masked (complaint.register, complaint.mask_name), never in an error, event or notification; an edit is recorded by column name only';
COMMENT ON COLUMN complaint.cases.complainant_unit IS
	'the complainant''s own unit (employer, organisation), given by the application; personal data: analysts and the accountability office read it only masked (complaint.register, complaint.mask_text), never in an error, event or notification; an edit is recorded by column name only';
COMMENT ON COLUMN complaint.cases.complainant_address IS
	'the complainant''s address, given by the application; personal data: analysts and the accountability office read it only masked (complaint.register, complaint.mask_text), never in an error, event or notification; an edit is recorded by column name only';
COMMENT ON COLUMN complaint.cases.complainant_contact IS
	'the complainant''s phone number or other contact, given by the application; finds repeat complaints (same contact and category within complaint.repeat_window); personal data: analysts and the accountability office read it only masked (complaint.register, complaint.mask_contact), never in an error, event or notification; an edit is recorded by column name only';
COMMENT ON COLUMN complaint.cases.handover_note IS
	'note for whoever takes the case on, given at registration or with a transfer (complaint.transfer''s note, recorded in its event); editable';
COMMENT ON COLUMN complaint.cases.extension_last IS
	'the latest approved extension (complaint.extend''s "by"), in the unit of the rule''s extension_cap; step input, also recorded in the extended event';
COMMENT ON COLUMN complaint.cases.extension_approver IS
	'staff code of the leader who approved the latest extension: the head or supervising leader of the handling unit or of a unit above it; step input of complaint.extend';
COMMENT ON COLUMN complaint.cases.extension_reason IS
	'why the latest extension was needed (told to the complainant); step input of complaint.extend, also recorded in the extended event';
COMMENT ON COLUMN complaint.cases.accepted_at IS
	'when the case was last accepted (受理), by the workflow clock (complaint.clock_now()); set by the workflow trigger; NULL until then';
COMMENT ON COLUMN complaint.cases.started_at IS
	'when handling first started (办理), by the workflow clock; set by the workflow trigger on the first start and kept through later resumptions and reopenings; NULL until then';
COMMENT ON COLUMN complaint.cases.answer IS
	'the answer given to the complainant (答复), step input of complaint.answer (not empty); a new answer replaces it; cleared on reopening';
COMMENT ON COLUMN complaint.cases.answered_at IS
	'when the latest answer was given, by the workflow clock; set by the workflow trigger, cleared on reopening; an answer after the deadline still opens the no-answer violation';
COMMENT ON COLUMN complaint.cases.satisfaction IS
	'the complainant''s satisfaction with the answer, step input of complaint.record_feedback; needed to close; cleared by a new answer and on reopening';
COMMENT ON COLUMN complaint.cases.feedback_note IS
	'what the complainant said when the answer was fed back (反馈), optional step input of complaint.record_feedback; cleared with satisfaction';
COMMENT ON COLUMN complaint.cases.feedback_at IS
	'when the feedback was recorded, by the workflow clock; set by the workflow trigger, cleared by a new answer and on reopening';
COMMENT ON COLUMN complaint.cases.closed_at IS
	'when the case was closed (办结), by the workflow clock; set by the workflow trigger, cleared on reopening; with referred_at NULL too it marks an open case';
COMMENT ON COLUMN complaint.cases.referred_to IS
	'the competent authority the complainant was referred to, step input of complaint.refer_out; cleared on reopening';
COMMENT ON COLUMN complaint.cases.referral_papers IS
	'every paper that authority needs, each listed once and told once, step input of complaint.refer_out; cleared on reopening';
COMMENT ON COLUMN complaint.cases.referred_at IS
	'when the case was referred out, by the workflow clock; set by the workflow trigger, cleared on reopening';
COMMENT ON COLUMN complaint.cases.reopen_reason IS
	'why the case was last reopened (a repeat or upgraded complaint), step input of complaint.reopen';
COMMENT ON COLUMN complaint.cases.reopened_at IS
	'when the case was last reopened, by the workflow clock; set by the workflow trigger; the new clock starts then';
COMMENT ON COLUMN complaint.cases.reopen_count IS
	'how many times the case was reopened; counted by the workflow trigger; the round of the escalation ladder (complaint.escalation.round)';

COMMENT ON COLUMN complaint.responsibility.id IS
	'row number; a hand-over escalation names the interface row by it (complaint.escalation.responsibility_id)';
COMMENT ON COLUMN complaint.responsibility.unit_code IS
	'the unit the role is held in: the first responder''s own unit, the handling or co-handling unit, or the unit whose interface person holds the ticket';
COMMENT ON COLUMN complaint.responsibility.role IS
	'the role: first_responder (首问责任人), handler (承办), co_handler (协办), supervisor or interface (接口人, with the hand-over timer)';
COMMENT ON COLUMN complaint.responsibility.since IS
	'when the role began: received_at for the first responder''s row written at registration, else the workflow clock at the step that gave the role (registration, transfer, assignment, reopening, co-handler added); written by the workflow';

COMMENT ON COLUMN complaint.event.id IS
	'event number from a sequence: orders the history of a case';
COMMENT ON COLUMN complaint.event.at IS
	'when the step was taken: the workflow clock (complaint.clock_now()) for people''s steps and re-projections, the sweep''s "at" for warned and escalated';
COMMENT ON COLUMN complaint.event.kind IS
	'what happened: a person''s step (registered, accepted, transferred, ...), a re-projection by the system (reprojected) or a step of the sweep (warned, escalated)';
COMMENT ON COLUMN complaint.event.from_status IS
	'status of the case before the step; NULL for registered, repeat_received and the sweep''s events';
COMMENT ON COLUMN complaint.event.to_status IS
	'status of the case after the step (the same as from_status for a step that does not change it); NULL for repeat_received and the sweep''s events';

-- routing (55_routing.sql) -------------------------------------------------

COMMENT ON COLUMN complaint.route.id IS
	'route number; among equally good routes the lowest wins';
COMMENT ON COLUMN complaint.route.scope_unit IS
	'the route applies to cases registered by staff of this unit or a unit below it; NULL: everywhere; the nearest scope wins';
COMMENT ON COLUMN complaint.route.category IS
	'the case''s category must be this one; NULL: any; a route with category and region beats one with category only, which beats one with region only';
COMMENT ON COLUMN complaint.route.region IS
	'the case''s region must be this one (free text, compared exactly); NULL: any';
COMMENT ON COLUMN complaint.route.unit_code IS
	'the unit that handles a matching case when the application names no handling unit';
COMMENT ON COLUMN complaint.route.note IS
	'remarks for people, free text (routing does not read it)';

-- escalation (60_escalation.sql) -------------------------------------------

COMMENT ON COLUMN complaint.escalation_policy.id IS
	'policy number';
COMMENT ON COLUMN complaint.escalation_policy.rule_id IS
	'the time-limit rule whose cases follow this policy (one policy per rule); NULL for the default row, used for cases whose rule has none';
COMMENT ON COLUMN complaint.escalation_policy.builtin IS
	'true for the default row CREATE EXTENSION ships (warn 0.8, delays 1, 1, 1), which pg_dump leaves out; false for policies you add (dumped)';

COMMENT ON COLUMN complaint.escalation.id IS
	'step number; the case history''s warned or escalated event names it (detail escalation_id)';
COMMENT ON COLUMN complaint.escalation.step IS
	'which step: a rung of the ladder (warning, handler, unit_head, supervising_leader, accountability_office) or a hand-over step (handover_overdue, handover_report_overdue)';
COMMENT ON COLUMN complaint.escalation.due_at IS
	'when the step fell due: the rung''s time on the case''s clock, or the interface person''s due or report_due; a sweep that ran late records it later (recorded_at)';
COMMENT ON COLUMN complaint.escalation.to_unit IS
	'unit the step concerns: the handling unit, the accountability office (escalation_policy.office_unit) for the last rung and handover_report_overdue, the interface person''s unit for handover_overdue';
COMMENT ON COLUMN complaint.escalation.reason IS
	'why, in the sweep''s words (e.g. the deadline has passed without an answer; an upgraded complaint says so)';

COMMENT ON COLUMN complaint.escalation_watch.due_at IS
	'when the sweep must look at the case next: set by the workflow trigger when the case changes (received_at, or the deadline of a late answer), then moved by the sweep to the next rung, or an hour on after a failure; NULL while nothing can fall due (waiting for materials, referred out, answered in time, every rung recorded)';
COMMENT ON COLUMN complaint.escalation_watch.last_error IS
	'message of the sweep''s last failure on this case; cleared when the sweep gets through the case or the case changes';

-- accountability (62_accountability.sql) -----------------------------------

COMMENT ON COLUMN complaint.violation.id IS
	'violation number';
COMMENT ON COLUMN complaint.violation.case_id IS
	'the case the breach concerns; NULL for a violation a person opened without a case';
COMMENT ON COLUMN complaint.violation.staff_code IS
	'the person held responsible: for no_answer_in_time the handler (else the first responder), for late_handover the interface person, for missing_self_check_report the unit head; NULL for a violation of a unit only';
COMMENT ON COLUMN complaint.violation.unit_code IS
	'the unit concerned: the handling unit, the interface person''s unit or the unit that owed the self-check report; NULL for a violation of a person only (the grading then takes the person''s unit)';
COMMENT ON COLUMN complaint.violation.kind IS
	'what kind of breach (责任追究制 第五条); the sweep opens no_answer_in_time, late_handover and missing_self_check_report, people open any kind (complaint.open_violation)';
COMMENT ON COLUMN complaint.violation.detail IS
	'what happened, in words: the sweep''s own sentence, or the text a person gave to complaint.open_violation';

COMMENT ON COLUMN complaint.violation_circumstance.id IS
	'change number; the violation''s row with the highest number is in force';
COMMENT ON COLUMN complaint.violation_circumstance.violation_id IS
	'the violation whose circumstances change';
COMMENT ON COLUMN complaint.violation_circumstance.aggravating IS
	'aggravating circumstances in force from this row on (第七条): obstructed_investigation, decision_not_carried_out; replaces the earlier list; given to complaint.set_circumstances';
COMMENT ON COLUMN complaint.violation_circumstance.mitigating IS
	'mitigating circumstances in force from this row on (第八条): apologised_and_forgiven, harm_prevented, loss_recovered; replaces the earlier list; given to complaint.set_circumstances';
COMMENT ON COLUMN complaint.violation_circumstance.recorded_at IS
	'when the change was recorded: the workflow clock (complaint.clock_now()), stamped by the guard trigger';
COMMENT ON COLUMN complaint.violation_circumstance.recorded_by IS
	'the acting staff member who recorded it (complaint.acting_staff()), stamped by the guard trigger';

COMMENT ON COLUMN complaint.violation_grade.kind IS
	'the kind of violation';
COMMENT ON COLUMN complaint.violation_grade.grade IS
	'its grade before circumstances (shipped: refusal and dereliction serious, the others minor); the sweep''s grading starts from it';
COMMENT ON COLUMN complaint.violation_grade.builtin IS
	'true for the rows CREATE EXTENSION ships, which pg_dump leaves out; false for rows you add (dumped)';

COMMENT ON COLUMN complaint.sanction_policy.variant IS
	'name of the set of measures: general (责任追究制 第六条), telecom (湖北移动 §六(四)) or one of your own; complaint.sanction_variant chooses it per unit';
COMMENT ON COLUMN complaint.sanction_policy.grade IS
	'the grade, after circumstances, these measures are proposed for';
COMMENT ON COLUMN complaint.sanction_policy.measures IS
	'the measures to propose, in words (not empty); the sweep copies them into complaint.sanction.measures';
COMMENT ON COLUMN complaint.sanction_policy.source IS
	'the regulation (and article) the measures come from';
COMMENT ON COLUMN complaint.sanction_policy.builtin IS
	'true for the general and telecom rows CREATE EXTENSION ships, which pg_dump leaves out; false for rows you add (dumped)';

COMMENT ON COLUMN complaint.sanction_variant.unit_code IS
	'the unit; the units below it use the same variant unless they have a row of their own';
COMMENT ON COLUMN complaint.sanction_variant.variant IS
	'the complaint.sanction_policy variant the unit uses (e.g. telecom); units without a row here or above use general';

COMMENT ON COLUMN complaint.sanction.id IS
	'sanction number';
COMMENT ON COLUMN complaint.sanction.violation_id IS
	'the violation the sanction is proposed for (one sanction per violation)';
COMMENT ON COLUMN complaint.sanction.staff_code IS
	'the person to be sanctioned: the violation''s staff member, filled by the sweep; NULL for a violation of a unit only';
COMMENT ON COLUMN complaint.sanction.unit_code IS
	'the unit: the violation''s unit, else the person''s unit; its variant chooses the measures';
COMMENT ON COLUMN complaint.sanction.variant IS
	'the sanction_policy variant of the unit when the sweep graded it (complaint.unit_sanction_variant)';
COMMENT ON COLUMN complaint.sanction.base_grade IS
	'the grade of the violation''s kind (complaint.violation_grade) before circumstances';
COMMENT ON COLUMN complaint.sanction.grade IS
	'the proposed grade: base_grade one level up when an aggravating circumstance applies, one level down when a mitigating one does, never below minor or above severe; filled by the sweep';
COMMENT ON COLUMN complaint.sanction.mitigating IS
	'mitigating circumstances in force when the sweep graded it (第八条)';
COMMENT ON COLUMN complaint.sanction.measures IS
	'the measures proposed for the grade and variant (complaint.sanction_policy), filled by the sweep; the decision may name others (decided_measures)';
COMMENT ON COLUMN complaint.sanction.bonus_months IS
	'months of performance bonus to deduct (telecom variant), from the policy; NULL: none';
COMMENT ON COLUMN complaint.sanction.supervisor_staff IS
	'the person''s supervisor (complaint.staff.supervisor_code), sanctioned too when the policy says also_supervisor; else NULL';
COMMENT ON COLUMN complaint.sanction.hearing_note IS
	'what the accused said at the hearing (责任追究制 第九条(五)), given to complaint.record_hearing; filled once, before the decision';
COMMENT ON COLUMN complaint.sanction.decided_measures IS
	'the measures decided, given to complaint.decide_sanction (the proposed ones unless others were named); filled once';

COMMENT ON COLUMN complaint.appeal.id IS
	'appeal number';
COMMENT ON COLUMN complaint.appeal.sanction_id IS
	'the decided sanction appealed against (one appeal per sanction)';
COMMENT ON COLUMN complaint.appeal.reason IS
	'the accused''s grounds, given to complaint.file_appeal (not empty)';
COMMENT ON COLUMN complaint.appeal.decided_at IS
	'when the outcome was recorded (complaint.decide_appeal): the workflow clock, stamped by the guard trigger; NULL while the appeal is pending';
COMMENT ON COLUMN complaint.appeal.outcome IS
	'upheld, changed or revoked, given to complaint.decide_appeal; NULL while pending';
COMMENT ON COLUMN complaint.appeal.note IS
	'the reasons for the outcome, given with it; NULL while pending';

COMMENT ON COLUMN complaint.self_check.id IS
	'self-check number';
COMMENT ON COLUMN complaint.self_check.violation_id IS
	'the violation that called for the self-check (one per violation; a missing_self_check_report violation calls for none)';
COMMENT ON COLUMN complaint.self_check.unit_code IS
	'the unit that must check itself and report: the violation''s unit, else the violator''s unit';
COMMENT ON COLUMN complaint.self_check.notice_due IS
	'when the notice to the unit was due: the close of the 2nd working day after the violation was recorded, on the unit''s calendar; set by the sweep';
COMMENT ON COLUMN complaint.self_check.report_due IS
	'when the unit''s report is due: the close of the 5th working day after the notice (notified_at), on the unit''s calendar; set by the sweep, which then opens a missing_self_check_report violation if no report came';
COMMENT ON COLUMN complaint.self_check.report IS
	'the unit''s self-check report, given to complaint.submit_self_check; filled once';

COMMENT ON COLUMN complaint.explanation.id IS
	'explanation number';
COMMENT ON COLUMN complaint.explanation.case_id IS
	'the case whose late answer it explains';
COMMENT ON COLUMN complaint.explanation.text IS
	'what the complainant was told about the delay, given to complaint.record_explanation (not empty)';

-- the background worker (68_worker.sql) ------------------------------------

COMMENT ON COLUMN complaint.worker_status.database IS
	'a database listed in complaint.database';
COMMENT ON COLUMN complaint.worker_status.pid IS
	'process id of its worker; NULL while none runs';
COMMENT ON COLUMN complaint.worker_status.state IS
	'starting, idle, sweeping, standby, disabled, no extension, no database, not accepting connections, released (left for a DROP DATABASE or the like) or stopped';
COMMENT ON COLUMN complaint.worker_status.last_sweep_start IS
	'when the latest pass began, by the server clock (not complaint.now); NULL before the first';
COMMENT ON COLUMN complaint.worker_status.last_sweep_end IS
	'when the latest finished pass ended, by the server clock; NULL before the first';
COMMENT ON COLUMN complaint.worker_status.last_sweep_steps IS
	'records written by the latest pass (so far, while sweeping): escalation steps, violations, proposed sanctions, self-check notices, closed appeal windows; NULL before the first';
COMMENT ON COLUMN complaint.worker_status.total_steps IS
	'records written by all passes since the database got its worker slot (server start, or being added to complaint.database)';
COMMENT ON COLUMN complaint.worker_status.sweeps IS
	'passes finished since then';
COMMENT ON COLUMN complaint.worker_status.errors IS
	'failed batches and skipped rows since then';
COMMENT ON COLUMN complaint.worker_status.last_error IS
	'message of the latest error (at most 255 bytes); NULL when there was none';
COMMENT ON COLUMN complaint.worker_status.last_error_at IS
	'when the latest error happened, by the server clock; NULL when there was none';

-- confidentiality (70_privacy.sql) -----------------------------------------

COMMENT ON COLUMN complaint.identity_access.id IS
	'record number, from an identity sequence nobody can set (GENERATED ALWAYS)';

-- reports (75_reports.sql) -------------------------------------------------

COMMENT ON COLUMN complaint.ranking_weight.description IS
	'what the indicator is and where it comes from, free text (the score does not read it)';

-- comment corrections
COMMENT ON COLUMN complaint.escalation.cc_staff IS 'also told: on a ladder step, the first responder when someone else handles the case (they keep tracking it); on a hand-over step, the interface person who has not handed the ticket over';
COMMENT ON TABLE complaint.sanction_policy IS
	'measures proposed for each grade, per variant: general (责任追究制 第六条) and telecom (湖北移动 §六(四): bonus deduction for the violator and, where also_supervisor is set, the violator''s supervisor, staff.supervisor_code)';

-- privacy: complainant columns withheld from the staff -----------------------
-- The staff and the application read complaint.cases without the
-- complainant_* columns (the identity is read in complaint.register, in
-- clear only for those handling the case).  The step functions therefore
-- read the row by name, without those columns, and return them NULL; and
-- complaint.create_roles() grants the staff SELECT on every other column
-- (its block "-- privacy").  complaint.add_co_handler() (C) asks for the
-- columns a step reads instead of SELECT on the whole table: no SQL change.

-- case_for_step: lock a case for a step and return it without the
-- complainant's identity; 42704 when there is none.  Every column of
-- complaint.cases but complainant_* is read by name, in the table's order
-- (the four NULLs stand for them): a column added to the table must be
-- added here too (regress test privacy compares the result with the row).
CREATE OR REPLACE FUNCTION complaint.case_for_step(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases;
BEGIN
	SELECT x.id, x.status, x.kind, x.channel, x.complexity, x.category, x.region, x.matter,
		   NULL, NULL, NULL, NULL,
		   x.received_at, x.first_responder, x.handler_unit, x.handler_staff, x.handover_note,
		   x.clock_start, x.rule_id, x.imposed_limit, x.calendar, x.clock_from, x.clock_limit,
		   x.deadline, x.original_deadline, x.acceptance_due, x.acceptance_from, x.acceptance_limit,
		   x.acceptance_rule_id, x.paused_at, x.paused_total,
		   x.extension_count, x.extension_last, x.extension_approver, x.extension_reason, x.extended_by,
		   x.accepted_at, x.started_at, x.missing_items, x.answer, x.answered_at, x.satisfaction,
		   x.feedback_note, x.feedback_at, x.closed_at, x.referred_to, x.referral_papers, x.referred_at,
		   x.reopen_reason, x.reopened_at, x.reopen_count, x.upgraded, x.repeat_of
	  INTO c
	  FROM complaint.cases x WHERE x.id = case_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'case % does not exist', case_id
			USING ERRCODE = 'undefined_object',
				  HINT = 'Cases are rows of complaint.cases.';
	END IF;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.case_for_step(bigint) IS
	'the case, locked FOR NO KEY UPDATE for a step (new cases may still refer to it), without the complainant''s identity (complainant_* NULL: read it in complaint.register); raises 42704 when it does not exist';

CREATE OR REPLACE FUNCTION complaint.accept(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'accepted' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.accept(bigint) IS
	'受理: the organisation takes the case on (registered or reopened -> accepted); a limit counted from acceptance starts again';

CREATE OR REPLACE FUNCTION complaint.transfer(case_id bigint, to_unit text, to_staff text DEFAULT NULL, note text DEFAULT NULL)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET status = 'transferred', handler_unit = to_unit, handler_staff = to_staff,
		   handover_note = note
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.transfer(bigint, text, text, text) IS
	'转办: hand the case to another unit (and person); the first responder stays accountable; a unit with an interface person gets the hand-over timer';

CREATE OR REPLACE FUNCTION complaint.assign(case_id bigint, to_staff text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET handler_staff = to_staff WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.assign(bigint, text) IS
	'a person of the handling unit takes the case; when the ticket waited with the interface person this is the hand-over (交办)';

CREATE OR REPLACE FUNCTION complaint.start(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	IF c.status = 'waiting_materials' THEN
		RAISE EXCEPTION 'case % is waiting for materials', case_id
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Use complaint.materials_received() when they arrive.';
	END IF;
	UPDATE complaint.cases SET status = 'in_progress' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.start(bigint) IS
	'办理: the handler starts (or resumes after an unsatisfactory answer) working on the case';

CREATE OR REPLACE FUNCTION complaint.request_materials(case_id bigint, items text[])
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'waiting_materials', missing_items = items
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.request_materials(bigint, text[]) IS
	'一次性告知: tell the complainant every missing item, once; the clock stops until complaint.materials_received()';

CREATE OR REPLACE FUNCTION complaint.materials_received(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	IF c.status <> 'waiting_materials' THEN
		RAISE EXCEPTION 'case % is not waiting for materials', case_id
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = format('Case %s is %s.', case_id, c.status);
	END IF;
	UPDATE complaint.cases SET status = 'in_progress' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.materials_received(bigint) IS
	'the missing materials arrived: the clock runs again and the deadline moves by exactly the time paused';

CREATE OR REPLACE FUNCTION complaint.extend(case_id bigint, "by" complaint.time_limit, approver text, reason text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET extension_count = extension_count + 1, extension_last = $2,
		   extension_approver = $3, extension_reason = $4
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.extend(bigint, complaint.time_limit, text, text) IS
	'延期: an extension approved by a leader of the handling unit, with its reason; capped by the rule; the original deadline is kept';

CREATE OR REPLACE FUNCTION complaint.answer(case_id bigint, answer text)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'answered', answer = $2
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.answer(bigint, text) IS
	'答复: the answer given to the complainant; feedback is asked next';

CREATE OR REPLACE FUNCTION complaint.record_feedback(case_id bigint, satisfaction complaint.satisfaction, note text DEFAULT NULL)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	IF $2 IS NULL THEN
		RAISE EXCEPTION 'feedback on case % needs the complainant''s satisfaction', case_id
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	UPDATE complaint.cases SET satisfaction = $2, feedback_note = $3
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.record_feedback(bigint, complaint.satisfaction, text) IS
	'反馈: the answer was fed back to the complainant; records their satisfaction (satisfied, basically_satisfied or dissatisfied; needed to close)';

CREATE OR REPLACE FUNCTION complaint.close(case_id bigint)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'closed' WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.close(bigint) IS
	'办结: close an answered case whose feedback and satisfaction are recorded; every responsibility ends';

CREATE OR REPLACE FUNCTION complaint.refer_out(case_id bigint, authority text, required_papers text[])
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases SET status = 'referred_out', referred_to = $2, referral_papers = $3
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.refer_out(bigint, text, text[]) IS
	'outside the organisation''s competence: tell the complainant once which authority is competent and which papers it needs (天津 二(一))';

CREATE OR REPLACE FUNCTION complaint.reopen(case_id bigint, reason text, upgraded boolean DEFAULT false)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	UPDATE complaint.cases
	   SET status = 'reopened', reopen_reason = $2, upgraded = c.upgraded OR $3
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.reopen(bigint, text, boolean) IS
	'a repeat or upgraded complaint about a closed or referred-out case: handling starts again with a new clock';


CREATE OR REPLACE FUNCTION complaint.create_roles() RETURNS SETOF text
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	roles constant text[] := ARRAY['complaint_admin', 'complaint_application', 'complaint_staff',
								   'complaint_accountability', 'complaint_analyst', 'complaint_monitor'];
	comments constant text[] := ARRAY[
		'complaint: administrator: units, staff, calendars, rules, presets and policies (write); reads every table',
		'complaint: application: registers cases and takes steps for the staff members it authenticates; may SET complaint.staff to any of them',
		'complaint: staff: registers cases and takes steps as the one staff member mapped to the login role (complaint.staff.db_role)',
		'complaint: accountability office: hearings, decisions, appeals, self-checks, explanations; reads the accountability tables',
		'complaint: analyst: reads every table (complaint.cases without its complainant_* columns)',
		'complaint: monitor: background worker status'];
	-- the organisation, its calendars and rules: what the administrator writes
	org_tables constant text[] := ARRAY['unit', 'staff', 'category', 'route', 'time_limit_rule',
										'calendar', 'calendar_hours', 'calendar_day', 'calendar_day_hours'];
	admin_tables constant text[] := org_tables || ARRAY['escalation_policy', 'sanction_policy',
														'sanction_variant', 'violation_grade'];
	-- what the staff (and the application) read besides the cases
	staff_read constant text[] := org_tables || ARRAY['responsibility', 'event'];
	accountability_tables constant text[] := ARRAY['violation', 'violation_circumstance', 'violation_grade',
												   'sanction_policy', 'sanction_variant', 'sanction', 'appeal',
												   'self_check', 'explanation'];
	steps constant text[] := ARRAY['case_for_step', 'accept', 'transfer', 'assign', 'start',
								   'request_materials', 'materials_received', 'extend', 'answer',
								   'record_feedback', 'close', 'refer_out', 'reopen', 'add_co_handler'];
	-- readers of the organisation and rules (invoker's rights)
	readers constant text[] := ARRAY['unit_ancestors', 'unit_sector', 'match_rule', 'route_case',
									 'unit_officer', 'unit_sanction_variant', 'escalation_ladder'];
	accountability_functions constant text[] := ARRAY['record_hearing', 'decide_sanction', 'file_appeal',
													  'submit_self_check', 'record_explanation',
													  'decide_appeal', 'open_violation', 'set_circumstances'];
	me record;
	owner oid;
	r record;
	i integer;
	grantees text;
BEGIN
	-- who may: someone who can create roles and grant on the extension's objects
	SELECT a.rolsuper, a.rolcreaterole INTO me FROM pg_roles a WHERE a.rolname = current_user;
	SELECT c.relowner INTO owner FROM pg_class c WHERE c.oid = 'complaint.cases'::regclass;
	IF NOT (me.rolsuper OR (me.rolcreaterole AND pg_has_role(current_user, owner, 'USAGE'))) THEN
		RAISE EXCEPTION 'permission denied to create the complaint roles'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'complaint.create_roles() creates roles and grants privileges on the objects of the extension.',
				  HINT = 'Run it as a superuser, or as a role with CREATEROLE that owns the extension''s objects.';
	END IF;

	-- the roles: created when missing; an existing one must be a plain group role
	FOR i IN 1 .. cardinality(roles) LOOP
		SELECT * INTO r FROM pg_roles a WHERE a.rolname = roles[i];
		IF NOT FOUND THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', roles[i]);
			EXECUTE format('COMMENT ON ROLE %I IS %L', roles[i], comments[i]);
			RETURN NEXT roles[i];
		ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb
			  OR r.rolreplication OR r.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" exists and is not a plain NOLOGIN group role', roles[i]
				USING ERRCODE = 'duplicate_object',
					  DETAIL = 'complaint.create_roles() grants the privileges of the complaint extension to it.',
					  HINT = format('Rename or drop that role, or make it NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS (ALTER ROLE %I ...).', roles[i]);
		END IF;
	END LOOP;

	-- start from nothing, so that running it again gives exactly the documented set
	grantees := (SELECT string_agg(quote_ident(x), ', ') FROM unnest(roles) x);
	EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA complaint FROM %s', grantees);
	EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA complaint FROM %s', grantees);
	EXECUTE format('REVOKE ALL ON ALL ROUTINES IN SCHEMA complaint FROM %s', grantees);
	GRANT USAGE ON SCHEMA complaint TO PUBLIC;

	-- staff (and the application, a member of it)
	GRANT SELECT, INSERT, UPDATE ON complaint.cases TO complaint_staff;
	FOR r IN SELECT d.objid::regclass AS seq FROM pg_depend d
			  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
				AND d.refobjid = 'complaint.cases'::regclass AND d.deptype IN ('a', 'i')
				AND (SELECT s.relkind FROM pg_class s WHERE s.oid = d.objid) = 'S' LOOP
		EXECUTE format('GRANT USAGE ON SEQUENCE %s TO complaint_staff', r.seq);
	END LOOP;
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relname = ANY (staff_read)
				AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_staff', r.rel);
	END LOOP;
	IF NOT EXISTS (SELECT FROM pg_auth_members m
					WHERE m.roleid = (SELECT a.oid FROM pg_roles a WHERE a.rolname = 'complaint_staff')
					  AND m.member = (SELECT a.oid FROM pg_roles a WHERE a.rolname = 'complaint_application')) THEN
		GRANT complaint_staff TO complaint_application;
	END IF;

	-- administrator: writes the organisation, calendars, rules and policies; reads every table
	FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_admin', r.rel);
		IF r.relname = ANY (admin_tables) THEN
			EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO complaint_admin', r.rel);
		END IF;
	END LOOP;
	-- the identity sequences of the tables it writes
	FOR r IN SELECT d.objid::regclass AS seq FROM pg_depend d
			   JOIN pg_class t ON t.oid = d.refobjid
			  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
				AND t.relnamespace = 'complaint'::regnamespace AND t.relname = ANY (admin_tables)
				AND d.deptype IN ('a', 'i')
				AND (SELECT s.relkind FROM pg_class s WHERE s.oid = d.objid) = 'S' LOOP
		EXECUTE format('GRANT USAGE ON SEQUENCE %s TO complaint_admin', r.seq);
	END LOOP;

	-- accountability office: reads its tables, records through its functions
	FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relname = ANY (accountability_tables)
				AND c.relkind IN ('r', 'p') LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_accountability', r.rel);
	END LOOP;
	-- the columns its steps write; complaint.accountability_guard() stamps
	-- the instants and the actor and refuses every other change
	GRANT INSERT (case_id, staff_code, unit_code, kind, occurred_at, detail, aggravating, mitigating)
		ON complaint.violation TO complaint_accountability;
	GRANT INSERT (violation_id, aggravating, mitigating) ON complaint.violation_circumstance TO complaint_accountability;
	GRANT UPDATE (hearing_note, decided_measures) ON complaint.sanction TO complaint_accountability;
	GRANT INSERT (sanction_id, reason), UPDATE (outcome, note) ON complaint.appeal TO complaint_accountability;
	GRANT UPDATE (report) ON complaint.self_check TO complaint_accountability;
	GRANT INSERT (case_id, text) ON complaint.explanation TO complaint_accountability;

	-- analyst: reads every table, complaint.cases without the complainant's personal data
	FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
			  WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p')
				AND c.relname <> 'cases' LOOP
		EXECUTE format('GRANT SELECT ON %s TO complaint_analyst', r.rel);
	END LOOP;
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_analyst',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));

	-- monitor: the background worker's status
	GRANT SELECT ON complaint.worker_status TO complaint_monitor;

	-- reports (src/sql/install/75_reports.sql).  They run with the caller's
	-- rights and read the register without its complainant_* columns, the
	-- history, the escalations, the violations and sanctions, the
	-- organisation and the calendars.  The analyst and the administrator
	-- read all of that already; the accountability office (张榜/通报 and the
	-- ranking are its work) gets the reading the reports need; staff (and the
	-- application) get the morning list of cases due soon.  The ranking
	-- weights are the administrator's to change.
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_accountability',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
	GRANT SELECT ON complaint.event, complaint.escalation, complaint.unit, complaint.staff, complaint.calendar,
		complaint.calendar_hours, complaint.ranking_weight TO complaint_accountability;
	GRANT INSERT, UPDATE, DELETE ON complaint.ranking_weight TO complaint_admin;
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace
				AND p.proname IN ('report_check', 'report_figures', 'unit_scorecard', 'unit_ranking',
								  'scorecard_by', 'public_notice', 'due_soon') LOOP
		EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_admin, complaint_analyst, complaint_accountability', r.fn);
		IF r.proname = 'due_soon' THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff', r.fn);
		END IF;
	END LOOP;

	-- functions, by name (every signature of a name gets the same grant)
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace LOOP
		IF r.proname = ANY (steps) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff', r.fn);
		END IF;
		IF r.proname = ANY (readers) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_staff, complaint_admin, complaint_analyst', r.fn);
		END IF;
		IF r.proname = ANY (accountability_functions) THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_accountability', r.fn);
		END IF;
		IF r.proname IN ('worker_status', 'calendar_cache_size') THEN
			EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_monitor', r.fn);
		END IF;
	END LOOP;
	-- privacy: row-level security on complaint.cases (the policies name
	-- these roles, so RLS is switched on here with them, replacing whatever
	-- policies the table has; the owner stays exempt: no FORCE), the
	-- complainant's columns withheld from the staff, the register and the
	-- audited identity reading
	DECLARE
		-- the rows of complaint.cases a staff member sees
		staff_rows constant text := 'complaint.case_visible(id, first_responder, handler_unit)';
	BEGIN
		ALTER TABLE complaint.cases ENABLE ROW LEVEL SECURITY;
		FOR r IN SELECT p.polname FROM pg_policy p WHERE p.polrelid = 'complaint.cases'::regclass LOOP
			EXECUTE format('DROP POLICY %I ON complaint.cases', r.polname);
		END LOOP;
		EXECUTE 'CREATE POLICY cases_application ON complaint.cases FOR ALL TO complaint_application'
			' USING (true) WITH CHECK (true)';
		EXECUTE 'CREATE POLICY cases_read_all ON complaint.cases FOR SELECT'
			' TO complaint_admin, complaint_analyst, complaint_accountability USING (true)';
		EXECUTE format('CREATE POLICY cases_staff_read ON complaint.cases FOR SELECT TO complaint_staff USING (%s)',
					   staff_rows);
		EXECUTE 'CREATE POLICY cases_staff_register ON complaint.cases FOR INSERT TO complaint_staff'
			' WITH CHECK (first_responder OPERATOR(pg_catalog.=) (SELECT complaint.acting_staff(true)))';
		EXECUTE format('CREATE POLICY cases_staff_step ON complaint.cases FOR UPDATE TO complaint_staff'
					   ' USING (%s) WITH CHECK (true)', staff_rows);
		EXECUTE format('COMMENT ON POLICY cases_application ON complaint.cases IS %L',
					   'complaint_application sees and writes every case (it names the acting staff member itself)');
		EXECUTE format('COMMENT ON POLICY cases_read_all ON complaint.cases IS %L',
					   'the administrator, analysts (without the complainant_* columns) and the accountability office read every case');
		EXECUTE format('COMMENT ON POLICY cases_staff_read ON complaint.cases IS %L',
					   'a staff member reads the cases complaint.case_visible() shows them: first responder; handled by their unit or a unit of a subtree they head; or held, now or before, by them or such a unit (first received, co-handled, transferred on)');
		EXECUTE format('COMMENT ON POLICY cases_staff_register ON complaint.cases IS %L',
					   'a staff member registers cases as their own first responder');
		EXECUTE format('COMMENT ON POLICY cases_staff_step ON complaint.cases IS %L',
					   'a staff member takes steps on the cases they read; where the step may take the case (a transfer out) is the workflow triggers'' business, and the case stays readable through the responsibility the unit held');
		-- the staff (and the application, a member) read complaint.cases
		-- without the complainant's identity: the policies choose rows, not
		-- columns, and a staff member reads every case of the unit, while the
		-- identity belongs to those handling the case (SPEC section 7).  They
		-- read it in the register, which masks it per row
		-- (complaint.may_see_identity); they still write it (INSERT, UPDATE).
		REVOKE SELECT ON complaint.cases FROM complaint_staff;
		EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_staff',
					   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
						  FROM pg_attribute a
						 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
						   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
		GRANT SELECT ON complaint.register TO complaint_staff, complaint_admin, complaint_analyst, complaint_accountability;
		REVOKE SELECT ON complaint.identity_access FROM complaint_analyst;
		GRANT EXECUTE ON FUNCTION complaint.may_see_identity(bigint), complaint.headed_units(text),
			complaint.case_visible(bigint, text, text)
			TO complaint_staff, complaint_admin, complaint_analyst, complaint_accountability;
		GRANT EXECUTE ON FUNCTION complaint.reveal_complainant(bigint, text) TO complaint_admin;
	END;
	RETURN;
END
$$;
COMMENT ON FUNCTION complaint.create_roles() IS
	'creates the NOLOGIN group roles complaint_admin, complaint_application, complaint_staff, complaint_accountability, complaint_analyst and complaint_monitor when missing, and sets their privileges in this database to exactly the documented ones (README.md, Roles); returns the roles it created; superuser (or CREATEROLE and owner of the extension''s objects) only';

-- ---------------------------------------------------------------------------
-- deadlines follow the handling unit; every window from a time-limit rule
--   (issue 13).  The C code (transfers move the clock to the new unit's
--   calendar, the repeat window, the warning share, an overall extension
--   cap in another unit) comes with the new library; here: the function
--   complaint.window_end, the two new preset rules, and the SQL functions
--   and comments that now count their windows by rule.
-- ---------------------------------------------------------------------------
COMMENT ON COLUMN complaint.time_limit_rule.matter IS
	'what is timed: answer (the case itself), acceptance (deciding whether to accept), transfer (a unit a case is transferred to), handover, handover_report, on_site, self_check_notice, self_check_report, accountability_acceptance, investigation, appeal, repeat (how long after a case a complaint of the same contact and category is a repeat), repeat_violation (how long after a violation another one aggravates), or any key of your own';

-- the end of a window set by a rule (C, src/deadline.c)
CREATE FUNCTION complaint.window_end(matter text, start timestamptz, unit text)
	RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'complaint_window_end'
	LANGUAGE C STABLE;
COMMENT ON FUNCTION complaint.window_end(text, timestamptz, text) IS
	'end of the window of a matter (appeal, self_check_notice, self_check_report, repeat, repeat_violation, ...) opened at start for a unit: the best enabled rule of that matter for the unit, counted by complaint.deadline() on the unit''s calendar (unit NULL: rules without unit criteria, calendar CN); NULL when no rule applies';

-- the windows of the extension itself, as presets (created by CREATE
-- EXTENSION in 0.2.0; a rule of the same name a user made is kept)
INSERT INTO complaint.time_limit_rule
	(name, matter, kind, channel, complexity, sector, lim, extension_cap, total_cap, counts_from, builtin, source, note)
VALUES
	('two or more violations within one year', 'repeat_violation', NULL, NULL, NULL, NULL,
	 '365 days', NULL, NULL, 'receipt', true,
	 '首问责任制限时办结制责任追究制 三 第七条(一): 一年以内出现两次以上应予以追究政纪责任的行为 (从重或者加重处理)',
	 'a violation aggravates the grade of the same person''s violations until this window, opened by it, ends'),
	('repeat complaint', 'repeat', NULL, NULL, NULL, NULL,
	 '30 days', NULL, NULL, 'receipt', true,
	 '银行 实施细则 第三条: 避免和减少重复投诉、升级投诉 (a complaint of the same contact and category within this window of an earlier one is a repeat)',
	 'opened by the earlier case''s receipt; disable the rule to turn repeat detection off')
ON CONFLICT (name) DO NOTHING;
UPDATE complaint.time_limit_rule SET note = 'counted from the decision: the day of the decision is not counted, the window ends at the close of business of the 15th day, or of the next working day when that is not one'
 WHERE name = 'appeal against a sanction' AND builtin;

CREATE OR REPLACE FUNCTION complaint.transfer(case_id bigint, to_unit text, to_staff text DEFAULT NULL, note text DEFAULT NULL)
	RETURNS complaint.cases
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.cases := complaint.case_for_step(case_id);
BEGIN
	-- a case waiting for materials keeps waiting (its clock stays stopped)
	UPDATE complaint.cases
	   SET status = CASE WHEN c.status = 'waiting_materials' THEN c.status ELSE 'transferred' END,
		   handler_unit = to_unit, handler_staff = to_staff, handover_note = note
	 WHERE id = c.id;
	RETURN complaint.case_for_step(c.id);
END
$$;
COMMENT ON FUNCTION complaint.transfer(bigint, text, text, text) IS
	'转办: hand the case to another unit (and person); the first responder stays accountable; the clock moves to the new unit''s calendar (time used stays fixed); a case waiting for materials keeps waiting; a unit with an interface person gets the hand-over timer';

-- the appeal window by rule (complaint.window_end) instead of 15 x 24 hours
CREATE OR REPLACE FUNCTION complaint.accountability_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	kept		record;		-- NEW with the columns this update may fill put back
	bad			text;		-- a column the writer may not supply
	s			complaint.sanction;
	accused		text;
	cols		text;
BEGIN
	IF TG_WHEN IS DISTINCT FROM 'BEFORE' OR TG_TABLE_SCHEMA IS DISTINCT FROM 'complaint'
	   OR TG_TABLE_NAME NOT IN ('violation', 'violation_circumstance', 'sanction', 'appeal',
								'self_check', 'explanation') THEN
		RAISE EXCEPTION 'complaint.accountability_guard() must be fired BEFORE, on an accountability table of schema complaint'
			USING ERRCODE = '39P01';
	END IF;
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'cannot truncate complaint.%', TG_TABLE_NAME
			USING ERRCODE = '23001',
				  DETAIL = format('complaint.%s keeps accountability records, which are never removed.', TG_TABLE_NAME);
	END IF;
	IF TG_LEVEL IS DISTINCT FROM 'ROW' THEN
		RAISE EXCEPTION 'complaint.accountability_guard() must be fired FOR EACH ROW, or BEFORE TRUNCATE'
			USING ERRCODE = '39P01';
	END IF;
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'cannot delete rows of complaint.%', TG_TABLE_NAME
			USING ERRCODE = '23001',
				  DETAIL = format('complaint.%s keeps accountability records, which are never removed.', TG_TABLE_NAME),
				  HINT = 'Record a correction as a new step.';
	END IF;

	IF TG_OP = 'INSERT' THEN
		CASE TG_TABLE_NAME
		WHEN 'violation' THEN
			bad := CASE WHEN NEW.graded_at IS NOT NULL THEN 'graded_at'
						WHEN NEW.recorded_by IS NOT NULL THEN 'recorded_by'
						WHEN NEW.origin IS NULL AND NEW.recorded_at IS NOT NULL THEN 'recorded_at' END;
			IF bad IS NULL AND NEW.origin IS NULL THEN
				-- opened by a person: recorded now, by the acting staff member
				NEW.recorded_at := complaint.clock_now();
				NEW.recorded_by := complaint.acting_staff();
				NEW.occurred_at := COALESCE(NEW.occurred_at, NEW.recorded_at);
				IF NEW.occurred_at > NEW.recorded_at THEN
					RAISE EXCEPTION 'a violation cannot have occurred after it is recorded'
						USING ERRCODE = '22023',
							  DETAIL = format('occurred_at is %s, the workflow clock says %s.', NEW.occurred_at, NEW.recorded_at);
				END IF;
			END IF;
		WHEN 'violation_circumstance' THEN
			bad := CASE WHEN NEW.recorded_at IS NOT NULL THEN 'recorded_at'
						WHEN NEW.recorded_by IS NOT NULL THEN 'recorded_by'
						WHEN NEW.graded_at IS NOT NULL THEN 'graded_at' END;
			IF bad IS NULL THEN
				NEW.recorded_at := complaint.clock_now();
				NEW.recorded_by := complaint.acting_staff();
			END IF;
		WHEN 'sanction' THEN
			-- a new sanction is a proposal: the later steps are not taken yet
			bad := CASE WHEN NEW.heard_at IS NOT NULL THEN 'heard_at'
						WHEN NEW.hearing_note IS NOT NULL THEN 'hearing_note'
						WHEN NEW.heard_by IS NOT NULL THEN 'heard_by'
						WHEN NEW.decided_at IS NOT NULL THEN 'decided_at'
						WHEN NEW.decided_by IS NOT NULL THEN 'decided_by'
						WHEN NEW.decided_measures IS NOT NULL THEN 'decided_measures'
						WHEN NEW.appeal_until IS NOT NULL THEN 'appeal_until'
						WHEN NEW.appeal_closed_at IS NOT NULL THEN 'appeal_closed_at' END;
		WHEN 'self_check' THEN
			bad := CASE WHEN NEW.reported_at IS NOT NULL THEN 'reported_at'
						WHEN NEW.report IS NOT NULL THEN 'report'
						WHEN NEW.reported_by IS NOT NULL THEN 'reported_by'
						WHEN NEW.overdue_violation_id IS NOT NULL THEN 'overdue_violation_id' END;
		WHEN 'appeal' THEN
			bad := CASE WHEN NEW.filed_at IS NOT NULL THEN 'filed_at'
						WHEN NEW.filed_by IS NOT NULL THEN 'filed_by'
						WHEN NEW.decided_at IS NOT NULL THEN 'decided_at'
						WHEN NEW.decided_by IS NOT NULL THEN 'decided_by'
						WHEN NEW.outcome IS NOT NULL THEN 'outcome'
						WHEN NEW.note IS NOT NULL THEN 'note' END;
			IF bad IS NULL THEN
				NEW.filed_at := complaint.clock_now();
				NEW.filed_by := complaint.acting_staff();
				-- only inside the window (complaint.appeal_closes_window then closes it)
				SELECT * INTO s FROM complaint.sanction t WHERE t.id = NEW.sanction_id;
				IF FOUND AND s.decided_at IS NULL THEN
					RAISE EXCEPTION 'sanction % is not decided yet', s.id
						USING ERRCODE = '55000',
							  HINT = 'An appeal is filed against a decided sanction (complaint.decide_sanction).';
				END IF;
				IF FOUND AND (s.appeal_closed_at IS NOT NULL OR NEW.filed_at > s.appeal_until
							  OR NEW.filed_at < s.decided_at) THEN
					RAISE EXCEPTION 'the appeal window of sanction % is closed', s.id
						USING ERRCODE = '55000',
							  DETAIL = format('Appeals were open from %s until %s%s.', s.decided_at, s.appeal_until,
											  CASE WHEN s.appeal_closed_at IS NOT NULL
												   THEN format(' and the window was closed at %s', s.appeal_closed_at)
												   ELSE '' END);
				END IF;
			END IF;
		WHEN 'explanation' THEN
			bad := CASE WHEN NEW.given_at IS NOT NULL THEN 'given_at'
						WHEN NEW.given_by IS NOT NULL THEN 'given_by' END;
			IF bad IS NULL THEN
				NEW.given_at := complaint.clock_now();
				NEW.given_by := complaint.acting_staff();
			END IF;
		END CASE;
		IF bad IS NOT NULL THEN
			RAISE EXCEPTION 'column "%" of complaint.% cannot be supplied', bad, TG_TABLE_NAME
				USING ERRCODE = '428C9',
					  DETAIL = 'It is recorded by the server (the workflow clock, the acting staff member) or filled by a later step.',
					  HINT = complaint.accountability_step_hint(TG_TABLE_NAME);
		END IF;
		RETURN NEW;
	END IF;

	-- UPDATE: "kept" is NEW with every column this update may fill set back
	-- to its old value; anything still different is refused at the end
	kept := NEW;
	CASE TG_TABLE_NAME
	WHEN 'violation', 'violation_circumstance' THEN
		IF OLD.graded_at IS NULL THEN
			kept.graded_at := NULL;
		END IF;
	WHEN 'sanction' THEN
		bad := CASE WHEN NEW.heard_at IS DISTINCT FROM OLD.heard_at THEN 'heard_at'
					WHEN NEW.heard_by IS DISTINCT FROM OLD.heard_by THEN 'heard_by'
					WHEN NEW.decided_at IS DISTINCT FROM OLD.decided_at THEN 'decided_at'
					WHEN NEW.decided_by IS DISTINCT FROM OLD.decided_by THEN 'decided_by'
					WHEN NEW.appeal_until IS DISTINCT FROM OLD.appeal_until THEN 'appeal_until' END;
		IF bad IS NULL AND OLD.hearing_note IS NULL AND NEW.hearing_note IS NOT NULL THEN
			-- the hearing (第九条(五))
			NEW.heard_at := complaint.clock_now();
			NEW.heard_by := complaint.acting_staff();
			IF NEW.heard_by = OLD.staff_code THEN
				RAISE EXCEPTION 'staff member "%" cannot record the hearing of their own sanction', NEW.heard_by
					USING ERRCODE = '42501';
			END IF;
			kept.hearing_note := NULL;
		END IF;
		IF bad IS NULL AND OLD.decided_measures IS NULL AND NEW.decided_measures IS NOT NULL THEN
			-- the decision and its appeal window (第十条)
			IF OLD.heard_at IS NULL THEN
				RAISE EXCEPTION 'sanction % cannot be decided before the accused is heard', OLD.id
					USING ERRCODE = '55000', HINT = 'Record the hearing with complaint.record_hearing first.';
			END IF;
			IF pg_catalog.cardinality(NEW.decided_measures) = 0
			   OR pg_catalog.array_position(NEW.decided_measures, NULL) IS NOT NULL
			   OR '' = ANY (NEW.decided_measures) THEN
				RAISE EXCEPTION 'decided measures must be a non-empty list of non-empty texts'
					USING ERRCODE = '22023';
			END IF;
			NEW.decided_at := complaint.clock_now();
			NEW.decided_by := complaint.acting_staff();
			IF NEW.decided_by = OLD.staff_code THEN
				RAISE EXCEPTION 'staff member "%" cannot decide their own sanction', NEW.decided_by
					USING ERRCODE = '42501';
			END IF;
			-- the window of the rule "appeal" counted like any time limit:
			-- the day of the decision not counted, to the close of business
			-- of its last day (moved past a holiday)
			NEW.appeal_until := complaint.window_end('appeal', NEW.decided_at, OLD.unit_code);
			IF NEW.appeal_until IS NULL THEN
				RAISE EXCEPTION 'no time limit rule sets the appeal window of sanction %', OLD.id
					USING ERRCODE = '42704',
						  HINT = 'Enable the preset "appeal against a sanction", or add a rule of matter appeal to complaint.time_limit_rule.';
			END IF;
			kept.decided_measures := NULL;
		END IF;
		IF OLD.decided_at IS NULL AND NEW.decided_at IS NULL THEN
			-- the proposal, graded again by the sweep until the decision
			kept.variant := OLD.variant;
			kept.base_grade := OLD.base_grade;
			kept.grade := OLD.grade;
			kept.prior_violations := OLD.prior_violations;
			kept.aggravating := OLD.aggravating;
			kept.mitigating := OLD.mitigating;
			kept.measures := OLD.measures;
			kept.bonus_months := OLD.bonus_months;
			kept.supervisor_staff := OLD.supervisor_staff;
			kept.proposed_at := OLD.proposed_at;
		END IF;
		IF bad IS NULL AND OLD.appeal_closed_at IS NULL AND NEW.appeal_closed_at IS NOT NULL THEN
			-- the window closes at its end (the sweep) or when an appeal is filed
			IF NEW.appeal_closed_at IS DISTINCT FROM OLD.appeal_until
			   AND NOT EXISTS (SELECT 1 FROM complaint.appeal a
								WHERE a.sanction_id = OLD.id AND a.filed_at = NEW.appeal_closed_at) THEN
				RAISE EXCEPTION 'the appeal window of sanction % closes at its end or when an appeal is filed', OLD.id
					USING ERRCODE = '55000',
						  DETAIL = format('The window ends at %s.', coalesce(OLD.appeal_until::text, 'the end of the appeal window opened by its decision'));
			END IF;
			kept.appeal_closed_at := NULL;
		END IF;
	WHEN 'appeal' THEN
		bad := CASE WHEN NEW.decided_at IS DISTINCT FROM OLD.decided_at THEN 'decided_at'
					WHEN NEW.decided_by IS DISTINCT FROM OLD.decided_by THEN 'decided_by' END;
		IF bad IS NULL AND OLD.outcome IS NULL AND NEW.outcome IS NOT NULL THEN
			NEW.decided_at := complaint.clock_now();
			NEW.decided_by := complaint.acting_staff();
			SELECT t.staff_code INTO accused FROM complaint.sanction t WHERE t.id = OLD.sanction_id;
			IF NEW.decided_by = accused THEN
				RAISE EXCEPTION 'staff member "%" cannot decide their own appeal', NEW.decided_by
					USING ERRCODE = '42501';
			END IF;
			kept.outcome := NULL;
			IF OLD.note IS NULL THEN
				kept.note := NULL;
			END IF;
		END IF;
	WHEN 'self_check' THEN
		bad := CASE WHEN NEW.reported_at IS DISTINCT FROM OLD.reported_at THEN 'reported_at'
					WHEN NEW.reported_by IS DISTINCT FROM OLD.reported_by THEN 'reported_by' END;
		IF bad IS NULL AND OLD.report IS NULL AND NEW.report IS NOT NULL THEN
			NEW.reported_at := complaint.clock_now();
			NEW.reported_by := complaint.acting_staff();
			kept.report := NULL;
		END IF;
		IF OLD.overdue_violation_id IS NULL THEN
			kept.overdue_violation_id := NULL;
		END IF;
	WHEN 'explanation' THEN
		NULL;
	END CASE;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'column "%" of complaint.% cannot be supplied', bad, TG_TABLE_NAME
			USING ERRCODE = '428C9',
				  DETAIL = 'It is recorded by the server (the workflow clock, the acting staff member) when its step is taken.',
				  HINT = complaint.accountability_step_hint(TG_TABLE_NAME);
	END IF;
	IF kept IS DISTINCT FROM OLD THEN
		SELECT pg_catalog.string_agg(pg_catalog.quote_ident(n.key), ', ' ORDER BY n.key) INTO cols
		  FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(kept)) n
		  JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) o ON o.key = n.key
		 WHERE n.value IS DISTINCT FROM o.value;
		RAISE EXCEPTION 'cannot update rows of complaint.%', TG_TABLE_NAME
			USING ERRCODE = '23001',
				  DETAIL = format('Accountability records are append-only: a later step fills its own columns once, and %s cannot be changed.',
								  CASE WHEN cols LIKE '%,%' THEN 'columns ' ELSE 'column ' END || cols),
				  HINT = complaint.accountability_step_hint(TG_TABLE_NAME);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON TABLE complaint.sanction IS
	'the sanction proposed for a violation (grade after circumstances, measures), the hearing of the accused, the decision and its appeal window (15 days, the rule of matter appeal); append-only: a later step fills its columns once';
COMMENT ON COLUMN complaint.sanction.prior_violations IS 'other violations of the same person not after this one whose window of the rule repeat_violation (365 days, counted like any time limit) had not ended when this one occurred, counted up to 10';
COMMENT ON COLUMN complaint.sanction.appeal_until IS 'end of the appeal window (责任追究制 第十条): the rule of matter appeal (15 days) counted from the decision on the calendar of the sanction''s unit, by the rules of complaint.deadline() (complaint.window_end)';
COMMENT ON TABLE complaint.self_check IS
	'self-check loop (湖北移动 §六(二)): the unit is told within 2 working days (rule self_check_notice), reports within 5 working days of the notice (rule self_check_report), and a missing report is itself a violation; append-only';
COMMENT ON COLUMN complaint.self_check.notice_due IS 'when the notice is due: the window of the rule self_check_notice opened by the violation''s recording, on the unit''s calendar';
COMMENT ON COLUMN complaint.self_check.report_due IS 'when the report is due: the window of the rule self_check_report opened by the notice, on the unit''s calendar';
COMMENT ON COLUMN complaint.violation.aggravating IS
	'aggravating circumstances known when the violation was opened (第七条): obstructed_investigation, decision_not_carried_out; later changes are rows of complaint.violation_circumstance; two or more violations within a year (the window of the rule repeat_violation, 365 days) are counted by the grading itself';
COMMENT ON FUNCTION complaint.decide_sanction(bigint, text[]) IS
	'decides a heard sanction now, as the acting staff member (the proposed measures unless others are given), and opens its appeal window (责任追究制 第十条: the rule of matter appeal, 15 days counted like any time limit on the unit''s calendar); returns the window''s end';
