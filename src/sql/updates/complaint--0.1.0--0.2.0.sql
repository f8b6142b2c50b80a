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
--   * for a change to complaint.create_roles(): nothing in the section;
--     the one CREATE OR REPLACE of it at the end of this file carries
--     90_roles.sql's whole text; its grants are NOT re-run by this script (privileges granted
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
			IF OLD.heard_at > NEW.decided_at THEN
				-- the hearing committed after this transaction began (the
				-- clock of the decision): retryable, like a serialization failure
				RAISE EXCEPTION 'the hearing of sanction % is later than the clock of this decision', OLD.id
					USING ERRCODE = '40001',
						  HINT = 'The hearing was recorded after this transaction began: decide again in a new transaction (with complaint.now set, set it after the hearing).';
			END IF;
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

-- reports: summaries and speed (issue 10)
-- The report summaries and the views the reports read them through
-- (src/sql/install/76_report_summary.sql, whole); report_recount (the former
-- one-statement report_figures), the new report_figures and unit_scorecard
-- (75_reports.sql); create_roles() with the reports' new grants
-- (90_roles.sql), run again for existing roles.  The summaries start stale
-- (every case read from the raw rows) until the first refresh, which the
-- background worker runs after its next sweep pass.

-- the percentile aggregate ---------------------------------------------------

CREATE FUNCTION complaint.report_days_trans(internal, bigint[], double precision, double precision[])
	RETURNS internal
	AS 'MODULE_PATHNAME', 'complaint_report_days_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.report_days_trans(internal, bigint[], double precision, double precision[]) IS
	'transition function of complaint.report_days';
CREATE FUNCTION complaint.report_days_final(internal) RETURNS double precision[]
	AS 'MODULE_PATHNAME', 'complaint_report_days_final'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.report_days_final(internal) IS
	'final function of complaint.report_days';
CREATE AGGREGATE complaint.report_days(work_us bigint[], day_secs double precision, fractions double precision[]) (
	SFUNC = complaint.report_days_trans,
	STYPE = internal,
	FINALFUNC = complaint.report_days_final,
	FINALFUNC_MODIFY = READ_WRITE
);
COMMENT ON AGGREGATE complaint.report_days(bigint[], double precision, double precision[]) IS
	'percentile_cont at each of fractions over the working days work_us / 1e6 / day_secs of every element of every row (NULL elements, and rows without a positive day_secs, left out); NULL when there is none';

-- the summaries ----------------------------------------------------------------

CREATE TABLE complaint.report_state (
	one					boolean PRIMARY KEY DEFAULT true CONSTRAINT report_state_one CHECK (one),
	event_id			bigint NOT NULL DEFAULT 0,
	stale				boolean NOT NULL DEFAULT true,
	refreshed_at		timestamptz
);
COMMENT ON TABLE complaint.report_state IS
	'how far the report summaries go (one row, written by complaint.report_refresh)';
COMMENT ON COLUMN complaint.report_state.one IS 'always true: the table has one row';
COMMENT ON COLUMN complaint.report_state.event_id IS
	'every case whose history (complaint.event) has no event after this id is in the summaries as it is now';
COMMENT ON COLUMN complaint.report_state.stale IS
	'true until the first refresh, and after a write with the workflow triggers off (complaint.report_mark_stale): the reports then read every case from the raw rows, and the next refresh rebuilds the summaries';
COMMENT ON COLUMN complaint.report_state.refreshed_at IS 'when the last refresh committed (now(), not the workflow clock)';
INSERT INTO complaint.report_state DEFAULT VALUES;

CREATE TABLE complaint.report_unit_state (
	unit				text PRIMARY KEY,
	calendar			text NOT NULL,
	fingerprint			text NOT NULL
);
COMMENT ON TABLE complaint.report_unit_state IS
	'the calendar each unit''s summary rows were computed on, and its fingerprint then (complaint.report_calendar_print); a unit whose calendar or fingerprint differs now is read from the raw rows until the next refresh';
COMMENT ON COLUMN complaint.report_unit_state.unit IS 'unit code (complaint.unit.code)';
COMMENT ON COLUMN complaint.report_unit_state.calendar IS 'the unit''s calendar at the last refresh';
COMMENT ON COLUMN complaint.report_unit_state.fingerprint IS 'that calendar''s fingerprint at the last refresh';

CREATE TABLE complaint.report_case (
	case_id				bigint PRIMARY KEY,
	unit				text NOT NULL,
	day					date NOT NULL,
	channel				complaint.case_channel NOT NULL,
	category			text,
	region				text,
	overdue_at			timestamptz,
	referred_out		boolean NOT NULL,
	completed			boolean NOT NULL,
	on_time				boolean NOT NULL,
	first_inquiry		boolean NOT NULL,
	work_us				bigint,
	feedback			boolean NOT NULL,
	satisfied			boolean NOT NULL,
	is_repeat			boolean NOT NULL,
	upgraded			boolean NOT NULL,
	reopened			boolean NOT NULL,
	esc_warning			integer NOT NULL,
	esc_handler			integer NOT NULL,
	esc_unit_head		integer NOT NULL,
	esc_supervising_leader integer NOT NULL,
	esc_accountability_office integer NOT NULL,
	esc_handover_overdue integer NOT NULL,
	esc_handover_report_overdue integer NOT NULL
);
CREATE INDEX report_case_unit_day_idx ON complaint.report_case (unit, day);
COMMENT ON TABLE complaint.report_case IS
	'the report figures of each case as of the last refresh; derived data (complaint.report_refresh), never dumped';
COMMENT ON COLUMN complaint.report_case.case_id IS 'the case (complaint.cases.id)';
COMMENT ON COLUMN complaint.report_case.unit IS 'its first-inquiry unit: the from_unit of its first transfer, else its handling unit';
COMMENT ON COLUMN complaint.report_case.day IS 'local date of receipt in the time zone of that unit''s calendar';
COMMENT ON COLUMN complaint.report_case.channel IS 'how it came in';
COMMENT ON COLUMN complaint.report_case.category IS 'its category';
COMMENT ON COLUMN complaint.report_case.region IS 'its region';
COMMENT ON COLUMN complaint.report_case.overdue_at IS
	'while it is open with a running clock (registered, accepted, transferred, in progress, reopened): its deadline, after which it counts as overdue; else NULL';
COMMENT ON COLUMN complaint.report_case.referred_out IS 'status referred_out';
COMMENT ON COLUMN complaint.report_case.completed IS 'status closed (办结)';
COMMENT ON COLUMN complaint.report_case.on_time IS 'closed, and answered by its deadline';
COMMENT ON COLUMN complaint.report_case.first_inquiry IS 'closed without a transfer';
COMMENT ON COLUMN complaint.report_case.work_us IS
	'working microseconds on the unit''s calendar from receipt to the answer, the working time of its pauses for materials taken off; NULL when not answered';
COMMENT ON COLUMN complaint.report_case.feedback IS 'the complainant''s satisfaction is recorded';
COMMENT ON COLUMN complaint.report_case.satisfied IS 'satisfied or basically satisfied';
COMMENT ON COLUMN complaint.report_case.is_repeat IS 'a repeat complaint (repeat_of set)';
COMMENT ON COLUMN complaint.report_case.upgraded IS 'an upgraded complaint';
COMMENT ON COLUMN complaint.report_case.reopened IS 'reopened at least once';
COMMENT ON COLUMN complaint.report_case.esc_warning IS 'escalation steps recorded: warning';
COMMENT ON COLUMN complaint.report_case.esc_handler IS 'escalation steps recorded: handler';
COMMENT ON COLUMN complaint.report_case.esc_unit_head IS 'escalation steps recorded: unit head';
COMMENT ON COLUMN complaint.report_case.esc_supervising_leader IS 'escalation steps recorded: supervising leader';
COMMENT ON COLUMN complaint.report_case.esc_accountability_office IS 'escalation steps recorded: accountability office';
COMMENT ON COLUMN complaint.report_case.esc_handover_overdue IS 'escalation steps recorded: hand-over overdue';
COMMENT ON COLUMN complaint.report_case.esc_handover_report_overdue IS 'escalation steps recorded: hand-over report overdue';

CREATE TABLE complaint.report_day (
	unit				text NOT NULL,
	day					date NOT NULL,
	received			integer NOT NULL,
	referred_out		integer NOT NULL,
	completed			integer NOT NULL,
	on_time				integer NOT NULL,
	first_inquiry		integer NOT NULL,
	answered			integer NOT NULL,
	sum_us				bigint NOT NULL,
	work_us				bigint[] NOT NULL,
	overdue_at			timestamptz[] NOT NULL,
	feedback			integer NOT NULL,
	satisfied			integer NOT NULL,
	repeats				integer NOT NULL,
	upgraded			integer NOT NULL,
	reopened			integer NOT NULL,
	esc_warning			integer NOT NULL,
	esc_handler			integer NOT NULL,
	esc_unit_head		integer NOT NULL,
	esc_supervising_leader integer NOT NULL,
	esc_accountability_office integer NOT NULL,
	esc_handover_overdue integer NOT NULL,
	esc_handover_report_overdue integer NOT NULL,
	PRIMARY KEY (unit, day)
);
COMMENT ON TABLE complaint.report_day IS
	'the sums of complaint.report_case per unit and local day of receipt: counts of each indicator, sum_us and the sorted handling times work_us; derived data';
COMMENT ON COLUMN complaint.report_day.unit IS 'first-inquiry unit';
COMMENT ON COLUMN complaint.report_day.day IS 'local date of receipt';
COMMENT ON COLUMN complaint.report_day.received IS 'cases received that day';
COMMENT ON COLUMN complaint.report_day.referred_out IS 'of which referred out';
COMMENT ON COLUMN complaint.report_day.completed IS 'of which closed';
COMMENT ON COLUMN complaint.report_day.on_time IS 'of which closed and answered by the deadline';
COMMENT ON COLUMN complaint.report_day.first_inquiry IS 'of which closed without a transfer';
COMMENT ON COLUMN complaint.report_day.answered IS 'of which answered (work_us not NULL)';
COMMENT ON COLUMN complaint.report_day.sum_us IS 'sum of their working microseconds';
COMMENT ON COLUMN complaint.report_day.work_us IS 'their working microseconds, sorted (for the percentiles)';
COMMENT ON COLUMN complaint.report_day.overdue_at IS 'the deadlines of those open with a running clock, sorted (overdue after them)';
COMMENT ON COLUMN complaint.report_day.feedback IS 'of which with the complainant''s satisfaction recorded';
COMMENT ON COLUMN complaint.report_day.satisfied IS 'of which satisfied or basically satisfied';
COMMENT ON COLUMN complaint.report_day.repeats IS 'of which repeat complaints';
COMMENT ON COLUMN complaint.report_day.upgraded IS 'of which upgraded';
COMMENT ON COLUMN complaint.report_day.reopened IS 'of which reopened at least once';
COMMENT ON COLUMN complaint.report_day.esc_warning IS 'their escalation steps: warning';
COMMENT ON COLUMN complaint.report_day.esc_handler IS 'their escalation steps: handler';
COMMENT ON COLUMN complaint.report_day.esc_unit_head IS 'their escalation steps: unit head';
COMMENT ON COLUMN complaint.report_day.esc_supervising_leader IS 'their escalation steps: supervising leader';
COMMENT ON COLUMN complaint.report_day.esc_accountability_office IS 'their escalation steps: accountability office';
COMMENT ON COLUMN complaint.report_day.esc_handover_overdue IS 'their escalation steps: hand-over overdue';
COMMENT ON COLUMN complaint.report_day.esc_handover_report_overdue IS 'their escalation steps: hand-over report overdue';

CREATE TABLE complaint.report_day_key (
	dimension			text NOT NULL
						CONSTRAINT report_day_key_dimension_valid CHECK (dimension IN ('channel', 'category', 'region')),
	unit				text NOT NULL,
	day					date NOT NULL,
	key					text NOT NULL,
	received			integer NOT NULL,
	referred_out		integer NOT NULL,
	completed			integer NOT NULL,
	on_time				integer NOT NULL,
	first_inquiry		integer NOT NULL,
	answered			integer NOT NULL,
	sum_us				bigint NOT NULL,
	work_us				bigint[] NOT NULL,
	overdue_at			timestamptz[] NOT NULL,
	feedback			integer NOT NULL,
	satisfied			integer NOT NULL,
	repeats				integer NOT NULL,
	upgraded			integer NOT NULL,
	reopened			integer NOT NULL,
	esc_warning			integer NOT NULL,
	esc_handler			integer NOT NULL,
	esc_unit_head		integer NOT NULL,
	esc_supervising_leader integer NOT NULL,
	esc_accountability_office integer NOT NULL,
	esc_handover_overdue integer NOT NULL,
	esc_handover_report_overdue integer NOT NULL,
	PRIMARY KEY (dimension, unit, day, key)
);
COMMENT ON TABLE complaint.report_day_key IS
	'the sums of complaint.report_case per unit, local day of receipt and channel, category or region (key; ''(none)'' for no category or region), the same columns as complaint.report_day; derived data';
COMMENT ON COLUMN complaint.report_day_key.dimension IS 'channel, category or region';
COMMENT ON COLUMN complaint.report_day_key.unit IS 'first-inquiry unit';
COMMENT ON COLUMN complaint.report_day_key.day IS 'local date of receipt';
COMMENT ON COLUMN complaint.report_day_key.key IS 'the channel, category or region (''(none)'' when the case has none)';
COMMENT ON COLUMN complaint.report_day_key.received IS 'cases received that day';
COMMENT ON COLUMN complaint.report_day_key.referred_out IS 'of which referred out';
COMMENT ON COLUMN complaint.report_day_key.completed IS 'of which closed';
COMMENT ON COLUMN complaint.report_day_key.on_time IS 'of which closed and answered by the deadline';
COMMENT ON COLUMN complaint.report_day_key.first_inquiry IS 'of which closed without a transfer';
COMMENT ON COLUMN complaint.report_day_key.answered IS 'of which answered (work_us not NULL)';
COMMENT ON COLUMN complaint.report_day_key.sum_us IS 'sum of their working microseconds';
COMMENT ON COLUMN complaint.report_day_key.work_us IS 'their working microseconds, sorted (for the percentiles)';
COMMENT ON COLUMN complaint.report_day_key.overdue_at IS 'the deadlines of those open with a running clock, sorted (overdue after them)';
COMMENT ON COLUMN complaint.report_day_key.feedback IS 'of which with the complainant''s satisfaction recorded';
COMMENT ON COLUMN complaint.report_day_key.satisfied IS 'of which satisfied or basically satisfied';
COMMENT ON COLUMN complaint.report_day_key.repeats IS 'of which repeat complaints';
COMMENT ON COLUMN complaint.report_day_key.upgraded IS 'of which upgraded';
COMMENT ON COLUMN complaint.report_day_key.reopened IS 'of which reopened at least once';
COMMENT ON COLUMN complaint.report_day_key.esc_warning IS 'their escalation steps: warning';
COMMENT ON COLUMN complaint.report_day_key.esc_handler IS 'their escalation steps: handler';
COMMENT ON COLUMN complaint.report_day_key.esc_unit_head IS 'their escalation steps: unit head';
COMMENT ON COLUMN complaint.report_day_key.esc_supervising_leader IS 'their escalation steps: supervising leader';
COMMENT ON COLUMN complaint.report_day_key.esc_accountability_office IS 'their escalation steps: accountability office';
COMMENT ON COLUMN complaint.report_day_key.esc_handover_overdue IS 'their escalation steps: hand-over overdue';
COMMENT ON COLUMN complaint.report_day_key.esc_handover_report_overdue IS 'their escalation steps: hand-over report overdue';

-- the figures of a case, computed from the raw rows ---------------------------

-- Internal (granted to nobody): the refresh reads it, and the granted views
-- below read it with their owner's rights.  The same definitions as the
-- raw recount (complaint.report_recount), written independently: the
-- regress test report_summary compares the two.
CREATE VIEW complaint.report_case_figures AS
	SELECT c.id AS case_id,
		   u.code AS unit,
		   (c.received_at AT TIME ZONE k.time_zone)::date AS day,
		   c.channel,
		   c.category,
		   c.region,
		   CASE WHEN c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
				THEN c.deadline END AS overdue_at,
		   c.status = 'referred_out' AS referred_out,
		   c.status = 'closed' AS completed,
		   coalesce(c.status = 'closed' AND c.answered_at <= c.deadline, false) AS on_time,
		   c.status = 'closed' AND t.unit IS NULL AS first_inquiry,
		   CASE WHEN c.answered_at IS NOT NULL THEN
				(extract(epoch FROM complaint.worktime_between(c.received_at, c.answered_at, u.calendar)) * 1000000)::bigint
				- CASE WHEN c.paused_total > interval '0' THEN
					   (SELECT coalesce(sum((extract(epoch FROM complaint.worktime_between(p.at, p.resumed, u.calendar))
											 * 1000000)::bigint), 0)
						  FROM (SELECT e.at, e.kind, lead(e.at) OVER (ORDER BY e.id) AS resumed
								  FROM complaint.event e
								 WHERE e.case_id = c.id
								   AND e.kind IN ('materials_requested', 'materials_received')) p
						 WHERE p.kind = 'materials_requested' AND p.resumed <= c.answered_at)
				  ELSE 0 END
		   END::bigint AS work_us,
		   c.satisfaction IS NOT NULL AS feedback,
		   coalesce(c.satisfaction IN ('satisfied', 'basically_satisfied'), false) AS satisfied,
		   c.repeat_of IS NOT NULL AS is_repeat,
		   c.upgraded,
		   c.reopen_count > 0 AS reopened,
		   x.warning AS esc_warning, x.handler AS esc_handler, x.unit_head AS esc_unit_head,
		   x.supervising_leader AS esc_supervising_leader, x.accountability_office AS esc_accountability_office,
		   x.handover_overdue AS esc_handover_overdue, x.handover_report_overdue AS esc_handover_report_overdue
	  FROM complaint.cases c
	  -- the unit that had it first: its first transfer's from_unit (event_transferred_idx)
	  LEFT JOIN LATERAL (SELECT e.detail ->> 'from_unit' AS unit
						   FROM complaint.event e
						  WHERE e.case_id = c.id AND e.kind = 'transferred'
						  ORDER BY e.id LIMIT 1) t ON true
	  JOIN complaint.unit u ON u.code = coalesce(t.unit, c.handler_unit)
	  JOIN complaint.calendar k ON k.name = u.calendar
	  CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE e.step = 'warning')::integer AS warning,
								 count(*) FILTER (WHERE e.step = 'handler')::integer AS handler,
								 count(*) FILTER (WHERE e.step = 'unit_head')::integer AS unit_head,
								 count(*) FILTER (WHERE e.step = 'supervising_leader')::integer AS supervising_leader,
								 count(*) FILTER (WHERE e.step = 'accountability_office')::integer AS accountability_office,
								 count(*) FILTER (WHERE e.step = 'handover_overdue')::integer AS handover_overdue,
								 count(*) FILTER (WHERE e.step = 'handover_report_overdue')::integer AS handover_report_overdue
							FROM complaint.escalation e
						   WHERE e.case_id = c.id) x;
COMMENT ON VIEW complaint.report_case_figures IS
	'internal: the report figures of every case computed from the raw rows (first-inquiry unit, local day of receipt, deadline while open, indicators, working microseconds to the answer without pauses, escalations); read by complaint.report_refresh and, for the cases the summaries do not hold as they are now, by complaint.report_cases';

-- the sums of report_case rows per unit and day, and per unit, day and key
CREATE VIEW complaint.report_case_sums AS
	SELECT rc.unit, rc.day,
		   count(*)::integer AS received,
		   count(*) FILTER (WHERE rc.referred_out)::integer AS referred_out,
		   count(*) FILTER (WHERE rc.completed)::integer AS completed,
		   count(*) FILTER (WHERE rc.on_time)::integer AS on_time,
		   count(*) FILTER (WHERE rc.first_inquiry)::integer AS first_inquiry,
		   count(rc.work_us)::integer AS answered,
		   coalesce(sum(rc.work_us), 0)::bigint AS sum_us,
		   coalesce(array_agg(rc.work_us ORDER BY rc.work_us) FILTER (WHERE rc.work_us IS NOT NULL), '{}') AS work_us,
		   coalesce(array_agg(rc.overdue_at ORDER BY rc.overdue_at) FILTER (WHERE rc.overdue_at IS NOT NULL), '{}')
			   AS overdue_at,
		   count(*) FILTER (WHERE rc.feedback)::integer AS feedback,
		   count(*) FILTER (WHERE rc.satisfied)::integer AS satisfied,
		   count(*) FILTER (WHERE rc.is_repeat)::integer AS repeats,
		   count(*) FILTER (WHERE rc.upgraded)::integer AS upgraded,
		   count(*) FILTER (WHERE rc.reopened)::integer AS reopened,
		   sum(rc.esc_warning)::integer AS esc_warning,
		   sum(rc.esc_handler)::integer AS esc_handler,
		   sum(rc.esc_unit_head)::integer AS esc_unit_head,
		   sum(rc.esc_supervising_leader)::integer AS esc_supervising_leader,
		   sum(rc.esc_accountability_office)::integer AS esc_accountability_office,
		   sum(rc.esc_handover_overdue)::integer AS esc_handover_overdue,
		   sum(rc.esc_handover_report_overdue)::integer AS esc_handover_report_overdue
	  FROM complaint.report_case rc
	 GROUP BY rc.unit, rc.day;
COMMENT ON VIEW complaint.report_case_sums IS
	'internal: complaint.report_case summed per unit and day (what complaint.report_day holds)';

CREATE VIEW complaint.report_case_key_sums AS
	SELECT d.dimension, rc.unit, rc.day, d.key,
		   count(*)::integer AS received,
		   count(*) FILTER (WHERE rc.referred_out)::integer AS referred_out,
		   count(*) FILTER (WHERE rc.completed)::integer AS completed,
		   count(*) FILTER (WHERE rc.on_time)::integer AS on_time,
		   count(*) FILTER (WHERE rc.first_inquiry)::integer AS first_inquiry,
		   count(rc.work_us)::integer AS answered,
		   coalesce(sum(rc.work_us), 0)::bigint AS sum_us,
		   coalesce(array_agg(rc.work_us ORDER BY rc.work_us) FILTER (WHERE rc.work_us IS NOT NULL), '{}') AS work_us,
		   coalesce(array_agg(rc.overdue_at ORDER BY rc.overdue_at) FILTER (WHERE rc.overdue_at IS NOT NULL), '{}')
			   AS overdue_at,
		   count(*) FILTER (WHERE rc.feedback)::integer AS feedback,
		   count(*) FILTER (WHERE rc.satisfied)::integer AS satisfied,
		   count(*) FILTER (WHERE rc.is_repeat)::integer AS repeats,
		   count(*) FILTER (WHERE rc.upgraded)::integer AS upgraded,
		   count(*) FILTER (WHERE rc.reopened)::integer AS reopened,
		   sum(rc.esc_warning)::integer AS esc_warning,
		   sum(rc.esc_handler)::integer AS esc_handler,
		   sum(rc.esc_unit_head)::integer AS esc_unit_head,
		   sum(rc.esc_supervising_leader)::integer AS esc_supervising_leader,
		   sum(rc.esc_accountability_office)::integer AS esc_accountability_office,
		   sum(rc.esc_handover_overdue)::integer AS esc_handover_overdue,
		   sum(rc.esc_handover_report_overdue)::integer AS esc_handover_report_overdue
	  FROM complaint.report_case rc
	 CROSS JOIN LATERAL (VALUES ('channel', rc.channel::text),
								('category', coalesce(rc.category, '(none)')),
								('region', coalesce(rc.region, '(none)'))) d (dimension, key)
	 GROUP BY d.dimension, rc.unit, rc.day, d.key;
COMMENT ON VIEW complaint.report_case_key_sums IS
	'internal: complaint.report_case summed per unit, day and channel, category or region (what complaint.report_day_key holds)';

-- a calendar's fingerprint: everything the working time depends on
CREATE VIEW complaint.report_calendar_print AS
	SELECT k.name AS calendar,
		   md5(concat_ws('|', k.time_zone, k.work_weekdays::text,
						 k.official_from - date '2000-01-01', k.official_until - date '2000-01-01',
						 (SELECT string_agg(concat_ws(' ', h.isodow, extract(epoch FROM h.starts), extract(epoch FROM h.ends)),
											',' ORDER BY h.isodow, h.starts)
							FROM complaint.calendar_hours h WHERE h.calendar = k.name),
						 (SELECT string_agg(concat_ws(' ', d.day - date '2000-01-01', d.kind), ',' ORDER BY d.day)
							FROM complaint.calendar_day d WHERE d.calendar = k.name),
						 (SELECT string_agg(concat_ws(' ', x.day - date '2000-01-01', extract(epoch FROM x.starts),
													  extract(epoch FROM x.ends)), ',' ORDER BY x.day, x.starts)
							FROM complaint.calendar_day_hours x WHERE x.calendar = k.name))) AS fingerprint
	  FROM complaint.calendar k;
COMMENT ON VIEW complaint.report_calendar_print IS
	'internal: an md5 of everything a calendar''s working time depends on (time zone, working weekdays, official period, weekly hours, dated days and their hours); a change of it makes the summaries of the units on that calendar stale';

-- what the summaries do not hold as it is now
CREATE VIEW complaint.report_pending AS
	SELECT s.stale OR s.refreshed_at IS NULL AS stale_all,
		   s.event_id,
		   ARRAY(WITH prints AS MATERIALIZED (SELECT * FROM complaint.report_calendar_print)	-- once per calendar
				 SELECT u.code
				   FROM complaint.unit u
				   LEFT JOIN complaint.report_unit_state us ON us.unit = u.code
				   LEFT JOIN prints p ON p.calendar = u.calendar
				  WHERE us.unit IS NULL OR us.calendar <> u.calendar OR us.fingerprint IS DISTINCT FROM p.fingerprint
				  ORDER BY u.code) AS stale_units
	  FROM complaint.report_state s;
COMMENT ON VIEW complaint.report_pending IS
	'internal: whether the summaries are stale as a whole, the history event they go to, and the units whose calendar changed since (or that are new)';

-- the units a caller answers for ----------------------------------------------

CREATE FUNCTION complaint.report_scope() RETURNS text[]
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	me text;
BEGIN
	IF coalesce((SELECT a.rolsuper FROM pg_catalog.pg_roles a WHERE a.rolname OPERATOR(pg_catalog.=) CURRENT_USER), false)
	   OR pg_catalog.pg_has_role(CURRENT_USER, (SELECT c.relowner FROM pg_catalog.pg_class c
												 WHERE c.oid OPERATOR(pg_catalog.=) 'complaint.cases'::pg_catalog.regclass),
								 'USAGE')
	   OR EXISTS (SELECT FROM pg_catalog.pg_roles g
				   WHERE g.rolname OPERATOR(pg_catalog.=) ANY (ARRAY['complaint_admin', 'complaint_application',
																	 'complaint_analyst', 'complaint_accountability'])
					 AND pg_catalog.pg_has_role(CURRENT_USER, g.oid, 'USAGE')) THEN
		RETURN NULL;
	END IF;
	me := complaint.acting_staff(true);
	RETURN (SELECT coalesce(pg_catalog.array_agg(DISTINCT x.code ORDER BY x.code), '{}')
			  FROM (SELECT s.unit_code AS code FROM complaint.staff s WHERE s.code OPERATOR(pg_catalog.=) me
					UNION ALL
					SELECT pg_catalog.unnest(complaint.headed_units(me))) x);
END
$$;
COMMENT ON FUNCTION complaint.report_scope() IS
	'the units whose figures the caller reads in the reports: NULL (every unit) for the owner of the extension''s tables, superusers and members of complaint_admin, complaint_application, complaint_analyst and complaint_accountability; otherwise the acting staff member''s own unit and every unit of the subtrees they head; empty when nobody acts';

-- the summaries as a caller may read them --------------------------------------

-- The cases whose history has an event after a given one.  PL/pgSQL, so
-- that each call plans the range scan of complaint.event's primary key for
-- the id it is given (in a view's plan the id is unknown, and a third of
-- the history is assumed to follow it).
CREATE FUNCTION complaint.report_newer_cases(after_event bigint) RETURNS bigint[]
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN ARRAY(SELECT DISTINCT e.case_id FROM complaint.event e WHERE e.id > after_event ORDER BY 1);
END
$$;
COMMENT ON FUNCTION complaint.report_newer_cases(bigint) IS
	'the cases (ids, ascending) whose history has an event after after_event: those the report summaries do not hold as they are now; with the caller''s rights (who reads complaint.event)';

-- The groups nothing changed since: rows of report_day (dimension unit,
-- key the unit) and report_day_key of the caller's units, without the
-- groups a case with newer history belongs to and without the units whose
-- calendar changed; nothing while the summaries are stale.
CREATE VIEW complaint.report_groups WITH (security_barrier) AS
	WITH p AS MATERIALIZED (
		SELECT x.stale_all, x.stale_units, complaint.report_scope() AS scope,
			   CASE WHEN NOT x.stale_all THEN complaint.report_newer_cases(x.event_id) END AS newer
		  FROM complaint.report_pending x
	), touched AS MATERIALIZED (
		SELECT DISTINCT rc.unit, rc.day
		  FROM complaint.report_case rc
		 WHERE rc.case_id = ANY ((SELECT p.newer FROM p)::bigint[])
	)
	SELECT 'unit'::text AS dimension, d.unit AS key, d.unit, d.day,
		   d.received, d.referred_out, d.completed, d.on_time, d.first_inquiry, d.answered, d.sum_us, d.work_us,
		   d.overdue_at, d.feedback, d.satisfied, d.repeats, d.upgraded, d.reopened,
		   d.esc_warning, d.esc_handler, d.esc_unit_head, d.esc_supervising_leader, d.esc_accountability_office,
		   d.esc_handover_overdue, d.esc_handover_report_overdue
	  FROM complaint.report_day d, p
	 WHERE NOT p.stale_all
	   AND NOT d.unit = ANY (p.stale_units)
	   AND (p.scope IS NULL OR d.unit = ANY (p.scope))
	   AND (d.unit, d.day) NOT IN (SELECT t.unit, t.day FROM touched t)
	UNION ALL
	SELECT k.dimension, k.key, k.unit, k.day,
		   k.received, k.referred_out, k.completed, k.on_time, k.first_inquiry, k.answered, k.sum_us, k.work_us,
		   k.overdue_at, k.feedback, k.satisfied, k.repeats, k.upgraded, k.reopened,
		   k.esc_warning, k.esc_handler, k.esc_unit_head, k.esc_supervising_leader, k.esc_accountability_office,
		   k.esc_handover_overdue, k.esc_handover_report_overdue
	  FROM complaint.report_day_key k, p
	 WHERE NOT p.stale_all
	   AND NOT k.unit = ANY (p.stale_units)
	   AND (p.scope IS NULL OR k.unit = ANY (p.scope))
	   AND (k.unit, k.day) NOT IN (SELECT t.unit, t.day FROM touched t);
COMMENT ON VIEW complaint.report_groups IS
	'the summary rows the reports may use as they are, of the units of complaint.report_scope(): per unit and day (dimension unit, key the unit) and per unit, day and channel, category or region; without the groups of a case whose history grew since the last refresh, the units whose calendar changed, and anything while the summaries are stale (complaint.report_cases then gives those cases one by one); no complainant data';

-- Everything else, one row per case: the cases with newer history and
-- every case of a unit whose calendar changed (or every case while the
-- summaries are stale) computed from the raw rows, and the other cases of
-- the groups of the former (from report_case); of the caller's units.
CREATE VIEW complaint.report_cases WITH (security_barrier) AS
	WITH p AS MATERIALIZED (
		SELECT x.stale_all, x.stale_units, complaint.report_scope() AS scope,
			   CASE WHEN NOT x.stale_all THEN complaint.report_newer_cases(x.event_id) END AS newer
		  FROM complaint.report_pending x
	), touched AS MATERIALIZED (
		SELECT DISTINCT rc.unit, rc.day
		  FROM complaint.report_case rc
		 WHERE rc.case_id = ANY ((SELECT p.newer FROM p)::bigint[])
	), live AS (
		-- every case while the summaries are stale
		SELECT c.id FROM complaint.cases c WHERE (SELECT p.stale_all FROM p)
		UNION
		SELECT pg_catalog.unnest((SELECT p.newer FROM p))
		UNION
		SELECT rc.case_id FROM complaint.report_case rc
		 WHERE rc.unit = ANY ((SELECT p.stale_units FROM p)::text[]) AND NOT (SELECT p.stale_all FROM p)
	)
	SELECT f.case_id, f.unit, f.day, f.channel, f.category, f.region, f.overdue_at,
		   f.referred_out, f.completed, f.on_time, f.first_inquiry, f.work_us,
		   f.feedback, f.satisfied, f.is_repeat, f.upgraded, f.reopened,
		   f.esc_warning, f.esc_handler, f.esc_unit_head, f.esc_supervising_leader, f.esc_accountability_office,
		   f.esc_handover_overdue, f.esc_handover_report_overdue
	  FROM live l
	  -- case by case through the primary key (OFFSET 0 keeps it a subquery:
	  -- joined, it was planned as a pass over every case)
	  CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_figures f1 WHERE f1.case_id = l.id OFFSET 0) f
	 WHERE (SELECT p.scope FROM p) IS NULL OR f.unit = ANY ((SELECT p.scope FROM p)::text[])
	UNION ALL
	SELECT rc.case_id, rc.unit, rc.day, rc.channel, rc.category, rc.region, rc.overdue_at,
		   rc.referred_out, rc.completed, rc.on_time, rc.first_inquiry, rc.work_us,
		   rc.feedback, rc.satisfied, rc.is_repeat, rc.upgraded, rc.reopened,
		   rc.esc_warning, rc.esc_handler, rc.esc_unit_head, rc.esc_supervising_leader, rc.esc_accountability_office,
		   rc.esc_handover_overdue, rc.esc_handover_report_overdue
	  FROM touched t
	  JOIN complaint.report_case rc ON rc.unit = t.unit AND rc.day = t.day, p
	 WHERE NOT rc.case_id = ANY (p.newer)
	   AND NOT rc.unit = ANY (p.stale_units)
	   AND (p.scope IS NULL OR rc.unit = ANY (p.scope));
COMMENT ON VIEW complaint.report_cases IS
	'the cases complaint.report_groups leaves out, one row each with its figures, of the units of complaint.report_scope(): cases whose history grew since the last refresh and every case of a unit whose calendar changed (or every case while the summaries are stale), computed from the raw rows, and the other cases of the unit and day of the former (from complaint.report_case); no complainant data';

-- violations and their sanctions, by the unit they are counted for
CREATE VIEW complaint.report_violations WITH (security_barrier) AS
	SELECT v.id AS violation_id,
		   coalesce(v.unit_code, st.unit_code) AS unit,
		   (v.occurred_at AT TIME ZONE k.time_zone)::date AS day,
		   v.case_id IS NOT NULL AS of_case,
		   c.channel, c.category, c.region,
		   s.decided_at IS NOT NULL AS sanctioned
	  FROM complaint.violation v
	  LEFT JOIN complaint.staff st ON st.code = v.staff_code
	  JOIN complaint.unit u ON u.code = coalesce(v.unit_code, st.unit_code)
	  JOIN complaint.calendar k ON k.name = u.calendar
	  -- the case of each violation through the primary key (a join reads every case)
	  LEFT JOIN LATERAL (SELECT c1.channel, c1.category, c1.region FROM complaint.cases c1
						  WHERE c1.id = v.case_id OFFSET 0) c ON true
	  LEFT JOIN complaint.sanction s ON s.violation_id = v.id
	 WHERE (SELECT complaint.report_scope()) IS NULL
		OR coalesce(v.unit_code, st.unit_code) = ANY ((SELECT complaint.report_scope())::text[]);
COMMENT ON VIEW complaint.report_violations IS
	'violations (complaint.violation) of the units of complaint.report_scope(), counted for the unit recorded on them, else the violator''s unit: local date on that unit''s calendar, whether of a case (and its channel, category and region), whether a sanction was decided; no names';

-- keeping them current ------------------------------------------------------------

-- Not SECURITY DEFINER: the refresh writes the summaries as their owner;
-- the background worker runs it as a superuser, and it is granted to
-- nobody.
CREATE FUNCTION complaint.report_refresh(rebuild boolean DEFAULT false) RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
	-- a rebuild reads a year in one pass
	SET jit = off
	AS $$
DECLARE
	st record;
	upto bigint;
	stale_units text[];
	ids bigint[];
	g_units text[];
	g_days date[];
	n bigint;
BEGIN
	IF rebuild IS NULL THEN
		RAISE EXCEPTION 'rebuild must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- one refresh at a time
	SELECT * INTO st FROM complaint.report_state FOR UPDATE;
	-- Wait for the transactions writing history, calendars or units and hold
	-- them off until this one commits: every event up to upto is then
	-- committed and visible, and no calendar changes under the computation.
	-- (A step writes its event holding ROW EXCLUSIVE on complaint.event
	-- from before it draws the event's id.)
	LOCK TABLE complaint.event, complaint.unit, complaint.calendar, complaint.calendar_hours,
		complaint.calendar_day, complaint.calendar_day_hours IN SHARE MODE;
	upto := coalesce((SELECT max(e.id) FROM complaint.event e), 0);

	IF rebuild OR st.stale OR st.refreshed_at IS NULL THEN
		-- DELETE, not TRUNCATE: a TRUNCATE rewrites the tables' pg_class rows,
		-- and a GRANT at the same time (create_roles) would fail with
		-- "tuple concurrently updated"
		DELETE FROM complaint.report_case;
		DELETE FROM complaint.report_day;
		DELETE FROM complaint.report_day_key;
		INSERT INTO complaint.report_case
			(case_id, unit, day, channel, category, region, overdue_at, referred_out, completed, on_time,
			 first_inquiry, work_us, feedback, satisfied, is_repeat, upgraded, reopened,
			 esc_warning, esc_handler, esc_unit_head, esc_supervising_leader, esc_accountability_office,
			 esc_handover_overdue, esc_handover_report_overdue)
		SELECT f.case_id, f.unit, f.day, f.channel, f.category, f.region, f.overdue_at, f.referred_out, f.completed,
			   f.on_time, f.first_inquiry, f.work_us, f.feedback, f.satisfied, f.is_repeat, f.upgraded, f.reopened,
			   f.esc_warning, f.esc_handler, f.esc_unit_head, f.esc_supervising_leader, f.esc_accountability_office,
			   f.esc_handover_overdue, f.esc_handover_report_overdue
		  FROM complaint.report_case_figures f;
		GET DIAGNOSTICS n = ROW_COUNT;
		INSERT INTO complaint.report_day SELECT * FROM complaint.report_case_sums;
		INSERT INTO complaint.report_day_key SELECT * FROM complaint.report_case_key_sums;
	ELSE
		SELECT x.stale_units INTO stale_units FROM complaint.report_pending x;
		-- the cases whose history grew, and every case of a unit whose calendar changed
		ids := ARRAY(SELECT e.case_id FROM complaint.event e WHERE e.id > st.event_id AND e.id <= upto
					 UNION
					 SELECT rc.case_id FROM complaint.report_case rc WHERE rc.unit = ANY (stale_units));
		n := cardinality(ids);
		WITH gone AS (
			DELETE FROM complaint.report_case rc WHERE rc.case_id = ANY (ids) RETURNING rc.unit, rc.day
		)
		SELECT array_agg(g.unit), array_agg(g.day) INTO g_units, g_days FROM (SELECT DISTINCT * FROM gone) g;
		WITH made AS (
			INSERT INTO complaint.report_case
				(case_id, unit, day, channel, category, region, overdue_at, referred_out, completed, on_time,
				 first_inquiry, work_us, feedback, satisfied, is_repeat, upgraded, reopened,
				 esc_warning, esc_handler, esc_unit_head, esc_supervising_leader, esc_accountability_office,
				 esc_handover_overdue, esc_handover_report_overdue)
			SELECT f.case_id, f.unit, f.day, f.channel, f.category, f.region, f.overdue_at, f.referred_out,
				   f.completed, f.on_time, f.first_inquiry, f.work_us, f.feedback, f.satisfied, f.is_repeat,
				   f.upgraded, f.reopened, f.esc_warning, f.esc_handler, f.esc_unit_head, f.esc_supervising_leader,
				   f.esc_accountability_office, f.esc_handover_overdue, f.esc_handover_report_overdue
			  FROM unnest(ids) i (id)
			 CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_figures f1 WHERE f1.case_id = i.id OFFSET 0) f
			RETURNING unit, day
		)
		SELECT coalesce(g_units, '{}') || coalesce(array_agg(m.unit), '{}'),
			   coalesce(g_days, '{}') || coalesce(array_agg(m.day), '{}')
		  INTO g_units, g_days
		  FROM (SELECT DISTINCT * FROM made) m;
		-- the groups those cases left or joined, summed again
		DELETE FROM complaint.report_day d
		 USING unnest(g_units, g_days) g (unit, day)
		 WHERE d.unit = g.unit AND d.day = g.day;
		DELETE FROM complaint.report_day_key d
		 USING unnest(g_units, g_days) g (unit, day)
		 WHERE d.unit = g.unit AND d.day = g.day;
		INSERT INTO complaint.report_day
		SELECT s.* FROM (SELECT DISTINCT * FROM unnest(g_units, g_days)) g (unit, day)
		 CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_sums s1
							  WHERE s1.unit = g.unit AND s1.day = g.day OFFSET 0) s;
		INSERT INTO complaint.report_day_key
		SELECT s.* FROM (SELECT DISTINCT * FROM unnest(g_units, g_days)) g (unit, day)
		 CROSS JOIN LATERAL (SELECT * FROM complaint.report_case_key_sums s1
							  WHERE s1.unit = g.unit AND s1.day = g.day OFFSET 0) s;
	END IF;

	-- the calendars the rows are now computed on
	DELETE FROM complaint.report_unit_state;
	INSERT INTO complaint.report_unit_state (unit, calendar, fingerprint)
	SELECT u.code, u.calendar, p.fingerprint
	  FROM complaint.unit u JOIN complaint.report_calendar_print p ON p.calendar = u.calendar;
	UPDATE complaint.report_state SET event_id = upto, stale = false, refreshed_at = now();
	RETURN n;
END
$$;
COMMENT ON FUNCTION complaint.report_refresh(boolean) IS
	'brings the report summaries up to date: the cases whose history grew since the last refresh, and every case of a unit whose calendar changed, are computed again and their days summed again; everything is rebuilt when rebuild is true, before the first refresh and after a write with the workflow triggers off; waits for the transactions writing history, units or calendars and holds them off while it runs; returns how many cases it computed; run by the background worker after each sweep pass, or by the extension''s owner';

-- writes with the workflow triggers off (session_replication_role =
-- replica: a bulk load, a DBA's direct fix) leave no history to follow:
-- the summaries are then stale as a whole until the next refresh rebuilds
-- them.  These triggers fire only in that mode (ENABLE REPLICA), once per
-- statement, so that the workflow's own statements do not run them.
CREATE FUNCTION complaint.report_mark_stale() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE complaint.report_state SET stale = true WHERE NOT stale;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION complaint.report_mark_stale() IS
	'statement trigger (replica mode only) on complaint.cases, complaint.event and complaint.escalation: marks the report summaries stale as a whole';
CREATE TRIGGER report_mark_stale AFTER INSERT OR UPDATE OR DELETE ON complaint.cases
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.report_mark_stale();
ALTER TABLE complaint.cases ENABLE REPLICA TRIGGER report_mark_stale;
CREATE TRIGGER report_mark_stale AFTER INSERT OR UPDATE OR DELETE ON complaint.event
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.report_mark_stale();
ALTER TABLE complaint.event ENABLE REPLICA TRIGGER report_mark_stale;
CREATE TRIGGER report_mark_stale AFTER INSERT OR UPDATE OR DELETE ON complaint.escalation
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.report_mark_stale();
ALTER TABLE complaint.escalation ENABLE REPLICA TRIGGER report_mark_stale;

-- the columns of the views ------------------------------------------------------

COMMENT ON COLUMN complaint.report_groups.dimension IS 'unit (a row of complaint.report_day), channel, category or region';
COMMENT ON COLUMN complaint.report_groups.key IS 'the unit, channel, category or region (''(none)'' when the cases have none)';
COMMENT ON COLUMN complaint.report_case_key_sums.dimension IS 'channel, category or region';
COMMENT ON COLUMN complaint.report_case_key_sums.key IS 'the channel, category or region (''(none)'' when the case has none)';
COMMENT ON COLUMN complaint.report_violations.violation_id IS 'the violation (complaint.violation.id)';
COMMENT ON COLUMN complaint.report_violations.unit IS 'the unit it counts for: violation.unit_code, else the violator''s unit';
COMMENT ON COLUMN complaint.report_violations.day IS 'local date of occurred_at on that unit''s calendar';
COMMENT ON COLUMN complaint.report_violations.of_case IS 'the violation is about a case';
COMMENT ON COLUMN complaint.report_violations.channel IS 'that case''s channel';
COMMENT ON COLUMN complaint.report_violations.category IS 'that case''s category';
COMMENT ON COLUMN complaint.report_violations.region IS 'that case''s region';
COMMENT ON COLUMN complaint.report_violations.sanctioned IS 'a sanction was decided on it';
COMMENT ON COLUMN complaint.report_calendar_print.calendar IS 'the calendar (complaint.calendar.name)';
COMMENT ON COLUMN complaint.report_calendar_print.fingerprint IS 'md5 of everything its working time depends on';
COMMENT ON COLUMN complaint.report_pending.stale_all IS 'the summaries are stale as a whole (never refreshed, or written to with the triggers off)';
COMMENT ON COLUMN complaint.report_pending.event_id IS 'the history event the summaries go to (complaint.report_state.event_id)';
COMMENT ON COLUMN complaint.report_pending.stale_units IS 'units whose calendar, or its fingerprint, changed since the last refresh (or that are new)';
-- every other column of the views has the name, and the meaning, of a
-- column of complaint.report_case (per case) or complaint.report_day (per
-- group): the same comment
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT a.attrelid::regclass AS view, a.attname,
			   coalesce(col_description(CASE WHEN c.relname IN ('report_case_figures', 'report_cases')
											 THEN 'complaint.report_case'::regclass
											 ELSE 'complaint.report_day'::regclass END,
										(SELECT b.attnum FROM pg_attribute b
										  WHERE b.attrelid = CASE WHEN c.relname IN ('report_case_figures', 'report_cases')
																  THEN 'complaint.report_case'::regclass
																  ELSE 'complaint.report_day'::regclass END
											AND b.attname = a.attname)),
						col_description('complaint.report_case'::regclass,
										(SELECT b.attnum FROM pg_attribute b
										  WHERE b.attrelid = 'complaint.report_case'::regclass AND b.attname = a.attname)))
				   AS text
		  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		 WHERE c.relnamespace = 'complaint'::regnamespace
		   AND c.relname IN ('report_groups', 'report_cases', 'report_case_figures', 'report_case_sums',
							 'report_case_key_sums')
		   AND a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NULL
	LOOP
		IF r.text IS NULL THEN
			RAISE EXCEPTION 'column %.% has no comment to copy', r.view, r.attname;
		END IF;
		EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', r.view, r.attname, r.text);
	END LOOP;
END
$$;

CREATE FUNCTION complaint.report_recount(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, referred_out bigint, completed bigint, on_time bigint,
				   first_inquiry bigint, overdue_open bigint, answered bigint, days_mean double precision,
				   days_median double precision, days_p90 double precision, feedback bigint, satisfied bigint,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	-- one pass over a year costs far less than compiling it
	SET jit = off
	AS $$
#variable_conflict use_column
DECLARE
	now_ constant timestamptz := complaint.clock_now();
BEGIN
	PERFORM complaint.report_check(report_recount.from_date, report_recount.to_date, report_recount.root_unit);
	IF dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF dimension NOT IN ('unit', 'channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The dimensions are unit, channel, category, region and month.';
	END IF;
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = report_recount.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	), units AS MATERIALIZED (
		-- the units in scope, their calendar, its time zone and the length of
		-- its working day (the hours of its first working weekday)
		SELECT u.code, u.calendar, k.time_zone AS tz,
			   (SELECT sum(date_part('epoch', h.ends - h.starts)) FROM complaint.calendar_hours h
				 WHERE h.calendar = k.name
				   AND h.isodow = (SELECT min(w) FROM unnest(k.work_weekdays) w)) AS day_secs
		  FROM complaint.unit u JOIN complaint.calendar k ON k.name = u.calendar
		 WHERE report_recount.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s)
	), firsts AS (
		-- the unit that had a transferred case first: its first transfer's from_unit
		SELECT DISTINCT ON (e.case_id) e.case_id, e.detail ->> 'from_unit' AS unit
		  FROM complaint.event e
		 WHERE e.kind = 'transferred'
		 ORDER BY e.case_id, e.id
	), esc AS (
		SELECT x.case_id,
			   count(*) FILTER (WHERE x.step = 'warning') AS warning,
			   count(*) FILTER (WHERE x.step = 'handler') AS handler,
			   count(*) FILTER (WHERE x.step = 'unit_head') AS unit_head,
			   count(*) FILTER (WHERE x.step = 'supervising_leader') AS supervising_leader,
			   count(*) FILTER (WHERE x.step = 'accountability_office') AS accountability_office,
			   count(*) FILTER (WHERE x.step = 'handover_overdue') AS handover_overdue,
			   count(*) FILTER (WHERE x.step = 'handover_report_overdue') AS handover_report_overdue
		  FROM complaint.escalation x
		 GROUP BY x.case_id
	), f AS (
		-- a subquery kept whole (OFFSET 0), so that each case's working time
		-- is computed once, not once per aggregate that reads it
		SELECT * FROM (
		SELECT CASE report_recount.dimension
					WHEN 'unit' THEN u.code
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(c.received_at AT TIME ZONE u.tz, 'YYYY-MM') END AS key,
			   c.status,
			   c.answered_at <= c.deadline AS in_time,
			   t.case_id IS NOT NULL AS transferred,
			   c.status IN ('registered', 'accepted', 'transferred', 'in_progress', 'reopened')
				   AND c.deadline < now_ AS overdue,
			   -- working days from receipt to the answer on the unit's calendar,
			   -- the working time of every pause for materials taken off
			   CASE WHEN c.answered_at IS NOT NULL AND u.day_secs > 0 THEN
					(date_part('epoch', complaint.worktime_between(c.received_at, c.answered_at, u.calendar))
					 - CASE WHEN c.paused_total > interval '0' THEN
						   (SELECT coalesce(sum(date_part('epoch', complaint.worktime_between(p.at, p.resumed, u.calendar))), 0)
							  FROM (SELECT e.at, e.kind, lead(e.at) OVER (ORDER BY e.id) AS resumed
									  FROM complaint.event e
									 WHERE e.case_id = c.id
									   AND e.kind IN ('materials_requested', 'materials_received')) p
							 WHERE p.kind = 'materials_requested' AND p.resumed <= c.answered_at)
					   ELSE 0 END) / u.day_secs
			   END AS days,
			   c.satisfaction,
			   c.repeat_of IS NOT NULL AS is_repeat,
			   c.upgraded,
			   c.reopen_count > 0 AS was_reopened,
			   x.warning, x.handler, x.unit_head, x.supervising_leader, x.accountability_office,
			   x.handover_overdue, x.handover_report_overdue
		  FROM complaint.cases c
		  LEFT JOIN firsts t ON t.case_id = c.id
		  JOIN units u ON u.code = coalesce(t.unit, c.handler_unit)
		  LEFT JOIN esc x ON x.case_id = c.id
		 -- a coarse bound in UTC first (local dates are within a day of it)
		 WHERE c.received_at >= (report_recount.from_date - 1)::timestamp AT TIME ZONE 'UTC'
		   AND c.received_at < (report_recount.to_date + 2)::timestamp AT TIME ZONE 'UTC'
		   AND (c.received_at AT TIME ZONE u.tz)::date BETWEEN report_recount.from_date AND report_recount.to_date
		OFFSET 0) f0
	), a AS (
		SELECT f.key,
			   count(*) AS received,
			   count(*) FILTER (WHERE f.status = 'referred_out') AS referred_out,
			   count(*) FILTER (WHERE f.status = 'closed') AS completed,
			   count(*) FILTER (WHERE f.status = 'closed' AND f.in_time) AS on_time,
			   count(*) FILTER (WHERE f.status = 'closed' AND NOT f.transferred) AS first_inquiry,
			   count(*) FILTER (WHERE f.overdue) AS overdue_open,
			   count(f.days) AS answered,
			   avg(f.days) AS days_mean,
			   percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) AS days_median,
			   percentile_cont(0.9) WITHIN GROUP (ORDER BY f.days) AS days_p90,
			   count(f.satisfaction) AS feedback,
			   count(*) FILTER (WHERE f.satisfaction IN ('satisfied', 'basically_satisfied')) AS satisfied,
			   count(*) FILTER (WHERE f.is_repeat) AS repeats,
			   count(*) FILTER (WHERE f.upgraded) AS upgraded,
			   count(*) FILTER (WHERE f.was_reopened) AS reopened,
			   coalesce(sum(f.warning), 0)::bigint AS esc_warning,
			   coalesce(sum(f.handler), 0)::bigint AS esc_handler,
			   coalesce(sum(f.unit_head), 0)::bigint AS esc_unit_head,
			   coalesce(sum(f.supervising_leader), 0)::bigint AS esc_supervising_leader,
			   coalesce(sum(f.accountability_office), 0)::bigint AS esc_accountability_office,
			   coalesce(sum(f.handover_overdue), 0)::bigint AS esc_handover_overdue,
			   coalesce(sum(f.handover_report_overdue), 0)::bigint AS esc_handover_report_overdue
		  FROM f
		 GROUP BY f.key
	), v AS (
		-- violations that occurred in the period (local date of the unit),
		-- counted for the unit recorded on them, else the violator's unit;
		-- by channel, category and region only those of a case
		SELECT CASE report_recount.dimension
					WHEN 'unit' THEN u.code
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(v.occurred_at AT TIME ZONE u.tz, 'YYYY-MM') END AS key,
			   count(*) AS violations,
			   count(s.decided_at) AS sanctions
		  FROM complaint.violation v
		  LEFT JOIN complaint.staff st ON st.code = v.staff_code
		  JOIN units u ON u.code = coalesce(v.unit_code, st.unit_code)
		  LEFT JOIN complaint.cases c ON c.id = v.case_id
		  LEFT JOIN complaint.sanction s ON s.violation_id = v.id
		 WHERE (v.occurred_at AT TIME ZONE u.tz)::date BETWEEN report_recount.from_date AND report_recount.to_date
		   AND (report_recount.dimension IN ('unit', 'month') OR v.case_id IS NOT NULL)
		 GROUP BY 1
	)
	SELECT coalesce(a.key, v.key),
		   coalesce(a.received, 0), coalesce(a.referred_out, 0), coalesce(a.completed, 0), coalesce(a.on_time, 0),
		   coalesce(a.first_inquiry, 0), coalesce(a.overdue_open, 0), coalesce(a.answered, 0),
		   a.days_mean, a.days_median, a.days_p90,
		   coalesce(a.feedback, 0), coalesce(a.satisfied, 0),
		   coalesce(a.repeats, 0), coalesce(a.upgraded, 0), coalesce(a.reopened, 0),
		   coalesce(a.esc_warning, 0), coalesce(a.esc_handler, 0), coalesce(a.esc_unit_head, 0),
		   coalesce(a.esc_supervising_leader, 0), coalesce(a.esc_accountability_office, 0),
		   coalesce(a.esc_handover_overdue, 0), coalesce(a.esc_handover_report_overdue, 0),
		   coalesce(v.violations, 0), coalesce(v.sanctions, 0)
	  FROM a FULL JOIN v ON v.key = a.key;
END
$$;
COMMENT ON FUNCTION complaint.report_recount(text, date, date, text) IS
	'the figures of complaint.report_figures counted again from the raw rows in one statement, with the caller''s rights and row-level security (for a staff member: the cases the policies show them, of any unit); slow (seconds for a year of a province): it checks the summaries, which must always give the same figures';

CREATE OR REPLACE FUNCTION complaint.report_figures(dimension text, from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (key text, received bigint, referred_out bigint, completed bigint, on_time bigint,
				   first_inquiry bigint, overdue_open bigint, answered bigint, days_mean double precision,
				   days_median double precision, days_p90 double precision, feedback bigint, satisfied bigint,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	SET jit = off
	AS $$
#variable_conflict use_column
DECLARE
	scope constant text[] := complaint.report_scope();
	now_ constant timestamptz := complaint.clock_now();
	in_units text[];
	group_dimension text;
BEGIN
	PERFORM complaint.report_check(report_figures.from_date, report_figures.to_date, report_figures.root_unit);
	IF report_figures.dimension IS NULL THEN
		RAISE EXCEPTION 'dimension must not be null' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF report_figures.dimension NOT IN ('unit', 'channel', 'category', 'region', 'month') THEN
		RAISE EXCEPTION 'unknown report dimension "%"', report_figures.dimension
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The dimensions are unit, channel, category, region and month.';
	END IF;
	group_dimension := CASE WHEN report_figures.dimension IN ('unit', 'month') THEN 'unit' ELSE report_figures.dimension END;
	-- root_unit's subtree (every unit without one), of the units the caller answers for
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = report_figures.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	)
	SELECT coalesce(array_agg(u.code), '{}') INTO in_units
	  FROM complaint.unit u
	 WHERE (report_figures.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s))
	   AND (scope IS NULL OR u.code = ANY (scope));
	RETURN QUERY
	WITH units AS MATERIALIZED (
		-- the length of each unit's working day (the hours of its calendar's
		-- first working weekday), which turns working time into working days
		SELECT u.code,
			   (SELECT sum(date_part('epoch', h.ends - h.starts)) FROM complaint.calendar_hours h
				 WHERE h.calendar = k.name
				   AND h.isodow = (SELECT min(w) FROM unnest(k.work_weekdays) w)) AS day_secs
		  FROM complaint.unit u JOIN complaint.calendar k ON k.name = u.calendar
		 WHERE u.code = ANY (in_units)
	), r AS (
		SELECT CASE WHEN report_figures.dimension = 'month' THEN to_char(g.day, 'YYYY-MM') ELSE g.key END AS key,
			   g.unit, g.received, g.referred_out, g.completed, g.on_time, g.first_inquiry,
			   -- open with a running clock and past the deadline now
			   CASE WHEN cardinality(g.overdue_at) = 0 THEN 0
					ELSE (SELECT count(*) FROM unnest(g.overdue_at) d WHERE d < now_) END AS overdue_open,
			   g.answered, g.sum_us, g.work_us, g.feedback, g.satisfied, g.repeats, g.upgraded, g.reopened,
			   g.esc_warning, g.esc_handler, g.esc_unit_head, g.esc_supervising_leader, g.esc_accountability_office,
			   g.esc_handover_overdue, g.esc_handover_report_overdue
		  FROM complaint.report_groups g
		 WHERE g.dimension = group_dimension
		   AND g.day BETWEEN report_figures.from_date AND report_figures.to_date
		   AND g.unit = ANY (in_units)
		UNION ALL
		SELECT CASE report_figures.dimension
					WHEN 'unit' THEN c.unit
					WHEN 'channel' THEN c.channel::text
					WHEN 'category' THEN coalesce(c.category, '(none)')
					WHEN 'region' THEN coalesce(c.region, '(none)')
					ELSE to_char(c.day, 'YYYY-MM') END,
			   c.unit, 1, c.referred_out::integer, c.completed::integer, c.on_time::integer,
			   c.first_inquiry::integer, coalesce(c.overdue_at < now_, false)::integer,
			   (c.work_us IS NOT NULL)::integer, coalesce(c.work_us, 0),
			   CASE WHEN c.work_us IS NULL THEN '{}'::bigint[] ELSE ARRAY[c.work_us] END,
			   c.feedback::integer, c.satisfied::integer, c.is_repeat::integer, c.upgraded::integer,
			   c.reopened::integer,
			   c.esc_warning, c.esc_handler, c.esc_unit_head, c.esc_supervising_leader, c.esc_accountability_office,
			   c.esc_handover_overdue, c.esc_handover_report_overdue
		  FROM complaint.report_cases c
		 WHERE c.day BETWEEN report_figures.from_date AND report_figures.to_date
		   AND c.unit = ANY (in_units)
	), a AS (
		SELECT r.key,
			   sum(r.received)::bigint AS received,
			   sum(r.referred_out)::bigint AS referred_out,
			   sum(r.completed)::bigint AS completed,
			   sum(r.on_time)::bigint AS on_time,
			   sum(r.first_inquiry)::bigint AS first_inquiry,
			   sum(r.overdue_open)::bigint AS overdue_open,
			   coalesce(sum(r.answered) FILTER (WHERE u.day_secs > 0), 0)::bigint AS answered,
			   (sum(r.sum_us::numeric / u.day_secs::numeric) FILTER (WHERE u.day_secs > 0) / 1000000
				/ nullif(sum(r.answered) FILTER (WHERE u.day_secs > 0), 0))::double precision AS days_mean,
			   complaint.report_days(r.work_us, u.day_secs, '{0.5,0.9}') AS pct,
			   sum(r.feedback)::bigint AS feedback,
			   sum(r.satisfied)::bigint AS satisfied,
			   sum(r.repeats)::bigint AS repeats,
			   sum(r.upgraded)::bigint AS upgraded,
			   sum(r.reopened)::bigint AS reopened,
			   sum(r.esc_warning)::bigint AS esc_warning,
			   sum(r.esc_handler)::bigint AS esc_handler,
			   sum(r.esc_unit_head)::bigint AS esc_unit_head,
			   sum(r.esc_supervising_leader)::bigint AS esc_supervising_leader,
			   sum(r.esc_accountability_office)::bigint AS esc_accountability_office,
			   sum(r.esc_handover_overdue)::bigint AS esc_handover_overdue,
			   sum(r.esc_handover_report_overdue)::bigint AS esc_handover_report_overdue
		  FROM r JOIN units u ON u.code = r.unit
		 GROUP BY r.key
	), v AS (
		-- violations that occurred in the period (local date of the unit),
		-- counted for the unit recorded on them, else the violator's unit;
		-- by channel, category and region only those of a case
		SELECT CASE report_figures.dimension
					WHEN 'unit' THEN x.unit
					WHEN 'channel' THEN x.channel::text
					WHEN 'category' THEN coalesce(x.category, '(none)')
					WHEN 'region' THEN coalesce(x.region, '(none)')
					ELSE to_char(x.day, 'YYYY-MM') END AS key,
			   count(*) AS violations,
			   count(*) FILTER (WHERE x.sanctioned) AS sanctions
		  FROM complaint.report_violations x
		 WHERE x.day BETWEEN report_figures.from_date AND report_figures.to_date
		   AND x.unit = ANY (in_units)
		   AND (report_figures.dimension IN ('unit', 'month') OR x.of_case)
		 GROUP BY 1
	)
	SELECT coalesce(a.key, v.key),
		   coalesce(a.received, 0), coalesce(a.referred_out, 0), coalesce(a.completed, 0), coalesce(a.on_time, 0),
		   coalesce(a.first_inquiry, 0), coalesce(a.overdue_open, 0), coalesce(a.answered, 0),
		   a.days_mean, a.pct[1], a.pct[2],
		   coalesce(a.feedback, 0), coalesce(a.satisfied, 0),
		   coalesce(a.repeats, 0), coalesce(a.upgraded, 0), coalesce(a.reopened, 0),
		   coalesce(a.esc_warning, 0), coalesce(a.esc_handler, 0), coalesce(a.esc_unit_head, 0),
		   coalesce(a.esc_supervising_leader, 0), coalesce(a.esc_accountability_office, 0),
		   coalesce(a.esc_handover_overdue, 0), coalesce(a.esc_handover_report_overdue, 0),
		   coalesce(v.violations, 0), coalesce(v.sanctions, 0)
	  FROM a FULL JOIN v ON v.key = a.key;
END
$$;
COMMENT ON FUNCTION complaint.report_figures(text, date, date, text) IS
	'the raw counts behind every report for the cases received in a period (local date on the calendar of the case''s first-inquiry unit), grouped by unit, channel, category, region or month (YYYY-MM), of root_unit''s subtree and of the units the caller answers for (complaint.report_scope); read from the summaries plus the cases they do not hold as they are now, so always the figures complaint.report_recount counts from the raw rows; used by complaint.unit_scorecard and complaint.scorecard_by';

CREATE OR REPLACE FUNCTION complaint.unit_scorecard(from_date date, to_date date, root_unit text DEFAULT NULL)
	RETURNS TABLE (unit text, unit_name text, received bigint, referred_out bigint,
				   completed bigint, completion_pct numeric, on_time bigint, on_time_pct numeric,
				   first_inquiry bigint, first_inquiry_pct numeric, overdue_open bigint,
				   answered bigint, days_mean numeric, days_median numeric, days_p90 numeric,
				   feedback bigint, satisfied bigint, satisfaction_pct numeric,
				   repeats bigint, upgraded bigint, reopened bigint,
				   esc_warning bigint, esc_handler bigint, esc_unit_head bigint, esc_supervising_leader bigint,
				   esc_accountability_office bigint, esc_handover_overdue bigint, esc_handover_report_overdue bigint,
				   violations bigint, sanctions bigint)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
DECLARE
	scope constant text[] := complaint.report_scope();
BEGIN
	PERFORM complaint.report_check(unit_scorecard.from_date, unit_scorecard.to_date, unit_scorecard.root_unit);
	RETURN QUERY
	WITH RECURSIVE sub (code) AS (
		SELECT u.code FROM complaint.unit u WHERE u.code = unit_scorecard.root_unit
		UNION
		SELECT u.code FROM complaint.unit u JOIN sub s ON u.parent_code = s.code
	)
	SELECT u.code, u.name, coalesce(r.received, 0), coalesce(r.referred_out, 0),
		   coalesce(r.completed, 0), round(100.0 * r.completed / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.on_time, 0), round(100.0 * r.on_time / nullif(r.completed, 0), 1),
		   coalesce(r.first_inquiry, 0), round(100.0 * r.first_inquiry / nullif(r.received - r.referred_out, 0), 1),
		   coalesce(r.overdue_open, 0),
		   coalesce(r.answered, 0), round(r.days_mean::numeric, 1), round(r.days_median::numeric, 1),
		   round(r.days_p90::numeric, 1),
		   coalesce(r.feedback, 0), coalesce(r.satisfied, 0), round(100.0 * r.satisfied / nullif(r.feedback, 0), 1),
		   coalesce(r.repeats, 0), coalesce(r.upgraded, 0), coalesce(r.reopened, 0),
		   coalesce(r.esc_warning, 0), coalesce(r.esc_handler, 0), coalesce(r.esc_unit_head, 0),
		   coalesce(r.esc_supervising_leader, 0), coalesce(r.esc_accountability_office, 0),
		   coalesce(r.esc_handover_overdue, 0), coalesce(r.esc_handover_report_overdue, 0),
		   coalesce(r.violations, 0), coalesce(r.sanctions, 0)
	  FROM complaint.unit u
	  LEFT JOIN complaint.report_figures('unit', unit_scorecard.from_date, unit_scorecard.to_date,
										 unit_scorecard.root_unit) r ON r.key = u.code
	 WHERE (unit_scorecard.root_unit IS NULL OR u.code IN (SELECT s.code FROM sub s))
	   AND (scope IS NULL OR u.code = ANY (scope))
	 ORDER BY u.code;
END
$$;
COMMENT ON FUNCTION complaint.unit_scorecard(date, date, text) IS
	'scorecard of every unit (or of root_unit''s subtree) the caller answers for (complaint.report_scope: every unit for analysts, the accountability office and the administrator; a staff member''s own unit and the subtrees they head) for the cases received from from_date to to_date (local dates, both included): received, completion, on-time, first-inquiry and satisfaction rates, overdue open cases, handling time in working days (mean, median, 90th percentile), repeats, upgraded, reopened, escalations by rung, violations and decided sanctions; README.md "Reports" defines each column';

-- new functions are private until create_roles() grants them
REVOKE ALL ON ROUTINE complaint.report_days_trans(internal, bigint[], double precision, double precision[]),
	complaint.report_days_final(internal),
	complaint.report_days(bigint[], double precision, double precision[]),
	complaint.report_scope(), complaint.report_newer_cases(bigint), complaint.report_refresh(boolean),
	complaint.report_mark_stale(), complaint.report_recount(text, date, date, text)
	FROM PUBLIC;


-- delivery feed (issue 11): complaint.feed and its consumers, the capture
-- trigger, feed_register / feed_unregister / feed_read / feed_ack, the view
-- feed_lag (src/sql/install/66_feed.sql); the sweep's per-record NOTIFY
-- becomes the feed's wake-up; complaint_monitor delivers, complaint_admin
-- registers (src/sql/install/90_roles.sql)

CREATE TYPE complaint.feed_kind AS ENUM (
	'escalation',				-- complaint.escalation: a ladder rung or a hand-over step
	'violation',				-- complaint.violation opened (by the sweep or a person)
	'self_check_notice',		-- complaint.self_check: the unit is told to check itself
	'sanction_proposed',		-- complaint.sanction proposed by the sweep
	'sanction_decided',			-- complaint.sanction decided: the appeal window opens
	'appeal_window_closed'		-- complaint.sanction: window lapsed, or an appeal was filed
);
COMMENT ON TYPE complaint.feed_kind IS
	'what a row of the delivery feed points at: escalation, violation, self_check_notice, sanction_proposed, sanction_decided, appeal_window_closed';

CREATE TABLE complaint.feed (
	id					bigint GENERATED ALWAYS AS IDENTITY,
	seq					bigint,
	kind				complaint.feed_kind NOT NULL,
	ref_id				bigint NOT NULL
);
COMMENT ON TABLE complaint.feed IS
	'the delivery feed: one row per step a person must be told of, pointing at the row that records it; written by complaint.feed_capture(), numbered (seq) by complaint.feed_read()';
COMMENT ON COLUMN complaint.feed.id IS
	'taken when the row is written; ids commit out of order, so consumers never see them';
COMMENT ON COLUMN complaint.feed.seq IS
	'the notice''s number in the feed: dense, given to committed rows in id order by one reader at a time; NULL until then';
COMMENT ON COLUMN complaint.feed.ref_id IS
	'id of the escalation, violation, self_check or sanction row (by kind)';

-- the rows still to number, and the numbered rows by number; no other
-- index, so that the step's writer pays one heap row and one index entry
CREATE INDEX feed_unnumbered_idx ON complaint.feed (id) WHERE seq IS NULL;
CREATE UNIQUE INDEX feed_seq_idx ON complaint.feed (seq) WHERE seq IS NOT NULL;
COMMENT ON INDEX complaint.feed_unnumbered_idx IS 'feed rows not numbered yet, in id order';
COMMENT ON INDEX complaint.feed_seq_idx IS 'each number once';

CREATE TABLE complaint.feed_state (
	one					boolean PRIMARY KEY DEFAULT true CONSTRAINT feed_state_one_row CHECK (one)
);
COMMENT ON TABLE complaint.feed_state IS
	'one row, never changed: complaint.feed_read() locks it while it numbers feed rows, so that numbers are given by one transaction at a time (not dumped: CREATE EXTENSION makes it)';
INSERT INTO complaint.feed_state DEFAULT VALUES;

CREATE TABLE complaint.feed_consumer (
	name				text PRIMARY KEY
						CONSTRAINT feed_consumer_name_valid CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
	position			bigint NOT NULL DEFAULT 0 CONSTRAINT feed_consumer_position_valid CHECK (position >= 0),
	registered_at		timestamptz NOT NULL,
	read_at				timestamptz,
	acked_at			timestamptz,
	delivered			bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE complaint.feed_consumer IS
	'named consumers of the delivery feed (complaint.feed_register) and the number of the last notice each acknowledged';
COMMENT ON COLUMN complaint.feed_consumer.position IS
	'the last notice (complaint.feed.seq) acknowledged; complaint.feed_read() returns the notices after it';
COMMENT ON COLUMN complaint.feed_consumer.read_at IS 'when the consumer last read the feed (noted at most once a second)';
COMMENT ON COLUMN complaint.feed_consumer.acked_at IS 'when it last acknowledged a notice';
COMMENT ON COLUMN complaint.feed_consumer.delivered IS 'notices acknowledged since registration';

SELECT pg_catalog.pg_extension_config_dump('complaint.feed', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('complaint.feed', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('complaint.feed_consumer', '');

-- C helpers (src/feed.c)
CREATE FUNCTION complaint.feed_notice(
	seq bigint, kind text, ref_id bigint, step text, case_id bigint, staff text, staff_name text,
	unit text, unit_name text, time_zone text, deadline timestamptz, due_at timestamptz, recorded_at timestamptz,
	escalation_id bigint, round integer, cc_staff text, reason text, responsibility_id bigint,
	violation_id bigint, violation_kind text, opened_by text, self_check_id bigint, sanction_id bigint,
	grade text, measures text[], appealed boolean) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_feed_notice'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION complaint.feed_notice(bigint, text, bigint, text, bigint, text, text, text, text, text, timestamptz, timestamptz, timestamptz, bigint, integer, text, text, bigint, bigint, text, text, bigint, bigint, text, text[], boolean) IS
	'one notice of the delivery feed as a one-line JSON object: key (kind:ref_id), seq, kind, step, case_id, who must act (staff, staff_name, unit, unit_name), time_zone, deadline, due_at and recorded_at in that time zone, and the detail fields that are not null';
CREATE FUNCTION complaint.feed_time(ts timestamptz, time_zone text) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_feed_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.feed_time(timestamptz, text) IS
	'ts in ISO 8601 with the offset the time zone has at that instant (a notice''s times, in the unit''s time zone)';
CREATE FUNCTION complaint.feed_check_autocommit() RETURNS void
	AS 'MODULE_PATHNAME', 'complaint_feed_check_autocommit'
	LANGUAGE C VOLATILE;
COMMENT ON FUNCTION complaint.feed_check_autocommit() IS
	'refuses (25001) inside a transaction block: complaint.feed_read() must commit the numbers it gives before the notices are delivered';

-- the capture: statement-level, from the rows the statement wrote ---------
CREATE FUNCTION complaint.feed_capture() RETURNS trigger
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	n bigint := 0;
BEGIN
	IF TG_WHEN IS DISTINCT FROM 'AFTER' OR TG_LEVEL IS DISTINCT FROM 'STATEMENT'
	   OR TG_TABLE_SCHEMA IS DISTINCT FROM 'complaint'
	   OR NOT (TG_TABLE_NAME = ANY (ARRAY['escalation', 'violation', 'self_check', 'sanction']))
	   OR TG_OP NOT IN ('INSERT', 'UPDATE') OR (TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'sanction') THEN
		RAISE EXCEPTION 'complaint.feed_capture() must be fired AFTER INSERT ... FOR EACH STATEMENT on complaint.escalation, violation, self_check or sanction, or AFTER UPDATE on complaint.sanction'
			USING ERRCODE = '39P01';
	END IF;
	IF TG_OP = 'INSERT' THEN
		INSERT INTO complaint.feed (kind, ref_id)
		SELECT CASE TG_TABLE_NAME WHEN 'escalation' THEN 'escalation'
								  WHEN 'violation' THEN 'violation'
								  WHEN 'self_check' THEN 'self_check_notice'
								  ELSE 'sanction_proposed' END::complaint.feed_kind, f.id
		  FROM feed_new f ORDER BY f.id;
	ELSE
		INSERT INTO complaint.feed (kind, ref_id)
		SELECT x.kind, x.id
		  FROM feed_old o JOIN feed_new f ON f.id = o.id,
			   LATERAL (VALUES (1, 'sanction_decided'::complaint.feed_kind, f.id,
								o.decided_at IS NULL AND f.decided_at IS NOT NULL),
							   (2, 'appeal_window_closed', f.id,
								o.appeal_closed_at IS NULL AND f.appeal_closed_at IS NOT NULL)) AS x(ord, kind, id, happened)
		 WHERE x.happened
		 ORDER BY f.id, x.ord;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n > 0 THEN
		PERFORM pg_catalog.pg_notify('complaint_escalation', '{"type" : "feed"}');
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION complaint.feed_capture() IS
	'statement-level AFTER trigger on escalation, violation, self_check and sanction, with the owner''s rights: appends a feed row for each step written (a sanction''s decision and the closing of its appeal window too) and sends the wake-up NOTIFY complaint_escalation';

CREATE TRIGGER feed_capture AFTER INSERT ON complaint.escalation
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture AFTER INSERT ON complaint.violation
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture AFTER INSERT ON complaint.self_check
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture AFTER INSERT ON complaint.sanction
	REFERENCING NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();
CREATE TRIGGER feed_capture_update AFTER UPDATE ON complaint.sanction
	REFERENCING OLD TABLE AS feed_old NEW TABLE AS feed_new
	FOR EACH STATEMENT EXECUTE FUNCTION complaint.feed_capture();

-- consumers ---------------------------------------------------------------

-- the consumer row, or 42704 (22023 for a malformed name, 23502 for NULL)
CREATE FUNCTION complaint.feed_consumer_row(consumer text, lock boolean) RETURNS complaint.feed_consumer
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.feed_consumer;
BEGIN
	IF consumer IS NULL THEN
		RAISE EXCEPTION 'consumer name must not be null' USING ERRCODE = '23502';
	END IF;
	IF consumer !~ '^[a-z][a-z0-9_-]{0,62}$' THEN
		RAISE EXCEPTION 'invalid consumer name "%"', pg_catalog.left(consumer, 80)
			USING ERRCODE = '22023',
				  DETAIL = 'A consumer name is 1 to 63 characters: lower-case letters, digits, "_" and "-", beginning with a letter.';
	END IF;
	IF lock THEN
		SELECT * INTO c FROM complaint.feed_consumer f WHERE f.name = consumer FOR NO KEY UPDATE;
	ELSE
		SELECT * INTO c FROM complaint.feed_consumer f WHERE f.name = consumer;
	END IF;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feed consumer "%" is not registered', consumer
			USING ERRCODE = '42704',
				  HINT = format('An administrator registers it: SELECT complaint.feed_register(%L);', consumer);
	END IF;
	RETURN c;
END
$$;
COMMENT ON FUNCTION complaint.feed_consumer_row(text, boolean) IS
	'the named feed consumer (locked when lock): 23502 for a null name, 22023 for a malformed one, 42704 when it is not registered';

-- the last number given (0 for an empty feed).  The feed is a queue: its
-- statistics are always behind (rows are numbered between two ANALYZEs),
-- and the planner, believing them, would scan the whole table where the
-- small partial indexes answer at once.  The feed's own queries therefore
-- run with enable_seqscan = off.
CREATE FUNCTION complaint.feed_end() RETURNS bigint
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off
	AS $$ SELECT COALESCE((SELECT f.seq FROM complaint.feed f WHERE f.seq IS NOT NULL ORDER BY f.seq DESC LIMIT 1), 0) $$;
COMMENT ON FUNCTION complaint.feed_end() IS
	'the last number given to a feed row (complaint.feed.seq), 0 for an empty feed';

-- number the committed rows that have none yet, in id order, at most lim;
-- returns how many.  Another transaction numbering at the same time: none
-- (it does it).  Runs in the caller's transaction, which holds the lock on
-- feed_state until it ends.
CREATE FUNCTION complaint.feed_number(lim integer) RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off
	AS $$
DECLARE
	base bigint;
	n bigint;
BEGIN
	-- (a plain index scan, not an index-only one: it marks the entries of
	-- rows numbered earlier as dead, so that the next look skips them)
	IF NOT EXISTS (SELECT f.kind FROM complaint.feed f WHERE f.seq IS NULL ORDER BY f.id LIMIT 1) THEN
		RETURN 0;
	END IF;
	PERFORM FROM complaint.feed_state s FOR UPDATE SKIP LOCKED;
	IF NOT FOUND THEN
		RETURN 0;
	END IF;
	base := complaint.feed_end();
	WITH c AS (
		SELECT f.id, pg_catalog.row_number() OVER (ORDER BY f.id) AS rn
		  FROM (SELECT f.id, f.kind FROM complaint.feed f WHERE f.seq IS NULL ORDER BY f.id LIMIT lim) f
	)
	UPDATE complaint.feed f SET seq = base + c.rn FROM c WHERE f.id = c.id AND f.seq IS NULL;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
COMMENT ON FUNCTION complaint.feed_number(integer) IS
	'numbers up to lim committed feed rows that have no number yet (seq), in id order after the last number, under the lock of complaint.feed_state; returns how many (0 when another transaction is numbering)';

CREATE FUNCTION complaint.feed_register(consumer text, start text DEFAULT 'end') RETURNS bigint
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	pos bigint;
BEGIN
	IF consumer IS NULL OR start IS NULL THEN
		RAISE EXCEPTION '% must not be null', CASE WHEN consumer IS NULL THEN 'consumer name' ELSE 'start' END
			USING ERRCODE = '23502';
	END IF;
	IF consumer !~ '^[a-z][a-z0-9_-]{0,62}$' THEN
		RAISE EXCEPTION 'invalid consumer name "%"', pg_catalog.left(consumer, 80)
			USING ERRCODE = '22023',
				  DETAIL = 'A consumer name is 1 to 63 characters: lower-case letters, digits, "_" and "-", beginning with a letter.';
	END IF;
	IF start NOT IN ('end', 'beginning') THEN
		RAISE EXCEPTION 'invalid start "%"', pg_catalog.left(start, 80)
			USING ERRCODE = '22023',
				  HINT = 'Start at ''end'' (the notices recorded from now on) or ''beginning'' (every notice in the feed).';
	END IF;
	IF EXISTS (SELECT FROM complaint.feed_consumer f WHERE f.name = consumer) THEN
		RAISE EXCEPTION 'feed consumer "%" is already registered', consumer
			USING ERRCODE = '42710',
				  HINT = 'Unregister it first (complaint.feed_unregister) to start it again.';
	END IF;
	IF start = 'end' THEN
		-- number what is committed, so that it counts as before the start
		PERFORM complaint.feed_number(2147483647);
		pos := complaint.feed_end();
	ELSE
		pos := 0;
	END IF;
	INSERT INTO complaint.feed_consumer (name, position, registered_at)
	VALUES (consumer, pos, pg_catalog.now())
	ON CONFLICT (name) DO NOTHING;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'feed consumer "%" is already registered', consumer USING ERRCODE = '42710';
	END IF;
	RETURN pos;
END
$$;
COMMENT ON FUNCTION complaint.feed_register(text, text) IS
	'registers a consumer of the delivery feed, starting at the end (notices recorded from now on; the default) or at the beginning; returns its position';

CREATE FUNCTION complaint.feed_unregister(consumer text) RETURNS void
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM complaint.feed_consumer_row(consumer, true);
	DELETE FROM complaint.feed_consumer f WHERE f.name = consumer;
END
$$;
COMMENT ON FUNCTION complaint.feed_unregister(text) IS
	'forgets a consumer of the delivery feed and its position';

-- reading -------------------------------------------------------------------

-- the notices after a position: each a one-line JSON object without any
-- complainant data; every numbered row gives a notice, also one whose
-- record is gone (only a superuser bypassing the guards removes records):
-- its fields are null, so that a consumer can acknowledge past it.  Who must act: the staff member addressed (escalation),
-- the violator (violation), the unit head (self-check notice), the accused
-- (sanction steps).  Times in the time zone of that person's unit.
CREATE FUNCTION complaint.feed_notices(after bigint, lim integer)
	RETURNS TABLE (seq bigint, key text, notice text)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off
	SET plan_cache_mode = force_generic_plan
	AS $$
BEGIN
	-- PL/pgSQL, not SQL, and a generic plan: the plan is made once for the
	-- session, not again for every batch (with the indexes only, one plan
	-- fits every position and batch size)
	RETURN QUERY
	WITH f AS MATERIALIZED (
		SELECT f.seq, f.kind::text AS kind, f.ref_id FROM complaint.feed f
		 WHERE f.seq > after AND f.seq IS NOT NULL ORDER BY f.seq LIMIT lim
	), n (seq, kind, ref_id, step, case_id, staff, unit, deadline, due_at, calendar, recorded_at,
		  escalation_id, round, cc_staff, reason, responsibility_id, violation_id, violation_kind, opened_by,
		  self_check_id, sanction_id, grade, measures, appealed) AS (
		-- escalation steps: the staff member addressed
		SELECT f.seq, f.kind, f.ref_id, e.step::text, e.case_id, e.to_staff, e.to_unit,
			   c.deadline, e.due_at, c.calendar, e.recorded_at,
			   e.id, e.round, e.cc_staff, e.reason, NULLIF(e.responsibility_id, 0), NULL::bigint, NULL::text, NULL::text,
			   NULL::bigint, NULL::bigint, NULL::text, NULL::text[], NULL::boolean
		  FROM f LEFT JOIN complaint.escalation e ON e.id = f.ref_id
		  LEFT JOIN complaint.cases c ON c.id = e.case_id
		 WHERE f.kind = 'escalation'
		UNION ALL
		-- violations: the violator
		SELECT f.seq, f.kind, f.ref_id, 'violation', v.case_id, v.staff_code, COALESCE(v.unit_code, st.unit_code),
			   NULL, v.occurred_at, c.calendar, v.recorded_at,
			   NULL, NULL, NULL, NULL, NULL, v.id, v.kind::text, COALESCE(v.recorded_by, 'sweep'),
			   NULL, NULL, NULL, NULL, NULL
		  FROM f LEFT JOIN complaint.violation v ON v.id = f.ref_id
		  LEFT JOIN complaint.staff st ON st.code = v.staff_code
		  LEFT JOIN complaint.cases c ON c.id = v.case_id
		 WHERE f.kind = 'violation'
		UNION ALL
		-- self-check notices: the unit head must report by report_due
		SELECT f.seq, f.kind, f.ref_id, 'self_check_notice', v.case_id, complaint.unit_officer(k.unit_code, 'head'),
			   k.unit_code, k.report_due, k.notice_due, NULL, k.notified_at,
			   NULL, NULL, NULL, NULL, NULL, k.violation_id, NULL, NULL,
			   k.id, NULL, NULL, NULL, NULL
		  FROM f LEFT JOIN complaint.self_check k ON k.id = f.ref_id
		  LEFT JOIN complaint.violation v ON v.id = k.violation_id
		 WHERE f.kind = 'self_check_notice'
		UNION ALL
		-- sanction steps: the accused; decisions and closed windows with the
		-- end of the appeal window
		SELECT f.seq, f.kind, f.ref_id, f.kind, v.case_id, t.staff_code, t.unit_code,
			   CASE WHEN f.kind = 'sanction_proposed' THEN NULL ELSE t.appeal_until END, NULL, NULL,
			   CASE f.kind WHEN 'sanction_proposed' THEN t.proposed_at WHEN 'sanction_decided' THEN t.decided_at
						   ELSE t.appeal_closed_at END,
			   NULL, NULL, NULL, NULL, NULL, t.violation_id, NULL, NULL,
			   NULL, t.id, t.grade::text, CASE WHEN f.kind = 'sanction_proposed' THEN t.measures ELSE t.decided_measures END,
			   CASE WHEN f.kind = 'appeal_window_closed'
					THEN EXISTS (SELECT FROM complaint.appeal a WHERE a.sanction_id = t.id) END
		  FROM f LEFT JOIN complaint.sanction t ON t.id = f.ref_id
		  LEFT JOIN complaint.violation v ON v.id = t.violation_id
		 WHERE f.kind IN ('sanction_proposed', 'sanction_decided', 'appeal_window_closed')
	)
	SELECT n.seq, n.kind || ':' || n.ref_id,
		   complaint.feed_notice(n.seq, n.kind, n.ref_id, n.step, n.case_id, n.staff, s.name, n.unit, u.name,
				COALESCE(uc.time_zone, cc.time_zone, 'Asia/Shanghai'), n.deadline, n.due_at, n.recorded_at,
				n.escalation_id, n.round, n.cc_staff, n.reason, n.responsibility_id, n.violation_id, n.violation_kind,
				n.opened_by, n.self_check_id, n.sanction_id, n.grade, n.measures, n.appealed)
	  FROM n
	  LEFT JOIN complaint.staff s ON s.code = n.staff
	  LEFT JOIN complaint.unit u ON u.code = n.unit
	  LEFT JOIN complaint.calendar uc ON uc.name = u.calendar
	  LEFT JOIN complaint.calendar cc ON cc.name = n.calendar
	 ORDER BY n.seq;
END
$$;
COMMENT ON FUNCTION complaint.feed_notices(bigint, integer) IS
	'the notices numbered after a position, at most lim, in order: number, idempotency key and a one-line JSON object (no complainant data)';

CREATE FUNCTION complaint.feed_read(consumer text, max_notices integer DEFAULT 1000, ack_upto bigint DEFAULT NULL)
	RETURNS TABLE (seq bigint, key text, notice text)
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.feed_consumer;
BEGIN
	IF max_notices IS NULL THEN
		RAISE EXCEPTION 'max_notices must not be null' USING ERRCODE = '23502';
	END IF;
	IF max_notices < 1 OR max_notices > 100000 THEN
		RAISE EXCEPTION 'max_notices must be between 1 and 100000' USING ERRCODE = '22023';
	END IF;
	PERFORM complaint.feed_check_autocommit();
	-- the previous batch's acknowledgement, in the same transaction: one
	-- round trip and one commit per batch
	IF ack_upto IS NOT NULL THEN
		PERFORM complaint.feed_ack(consumer, ack_upto);
	END IF;
	c := complaint.feed_consumer_row(consumer, false);
	PERFORM complaint.feed_number(max_notices);
	-- (at most once a second: a write makes the call wait for its commit)
	IF c.read_at IS NULL OR c.read_at < pg_catalog.now() - interval '1 second' THEN
		UPDATE complaint.feed_consumer f SET read_at = pg_catalog.now() WHERE f.name = c.name;
	END IF;
	RETURN QUERY SELECT x.seq, x.key, x.notice FROM complaint.feed_notices(c.position, max_notices) x;
END
$$;
COMMENT ON FUNCTION complaint.feed_read(text, integer, bigint) IS
	'the next notices (at most max_notices) of a feed consumer after its position, in the order recorded, each with its number (seq), its idempotency key and a one-line JSON object; call it in autocommit mode; delivered notices are acknowledged with complaint.feed_ack, or with ack_upto at the next read (acknowledged first)';

CREATE FUNCTION complaint.feed_ack(consumer text, upto bigint) RETURNS bigint
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	c complaint.feed_consumer;
	last bigint;
BEGIN
	IF upto IS NULL THEN
		RAISE EXCEPTION 'notice number must not be null' USING ERRCODE = '23502';
	END IF;
	c := complaint.feed_consumer_row(consumer, true);
	last := complaint.feed_end();
	IF upto < 0 OR upto > last THEN
		RAISE EXCEPTION 'cannot acknowledge notice % of feed consumer "%"', upto, c.name
			USING ERRCODE = '22023',
				  DETAIL = format('The feed holds notices 1 to %s.', last),
				  HINT = 'Acknowledge the seq of a notice complaint.feed_read() returned.';
	END IF;
	IF upto <= c.position THEN
		RETURN c.position;		-- acknowledged already: at-least-once delivery acknowledges again
	END IF;
	UPDATE complaint.feed_consumer f
	   SET position = upto, acked_at = pg_catalog.now(), delivered = f.delivered + (upto - f.position)
	 WHERE f.name = c.name;
	RETURN upto;
END
$$;
COMMENT ON FUNCTION complaint.feed_ack(text, bigint) IS
	'acknowledges that a feed consumer delivered every notice up to number upto; returns its new position (acknowledging again is harmless; beyond the end is 22023)';

CREATE VIEW complaint.feed_lag AS
	SELECT c.name AS consumer, c.position,
		   e.feed_end,
		   e.feed_end - c.position AS behind,
		   (SELECT pg_catalog.count(*) FROM complaint.feed f WHERE f.seq IS NULL) AS not_numbered,
		   c.delivered, c.registered_at, c.read_at, c.acked_at
	  FROM complaint.feed_consumer c
	 CROSS JOIN (SELECT COALESCE(pg_catalog.max(f.seq), 0) AS feed_end FROM complaint.feed f WHERE f.seq IS NOT NULL) e;
COMMENT ON VIEW complaint.feed_lag IS
	'each feed consumer''s position, how many numbered notices it has still to deliver (behind), the notices not numbered yet (they come after), and when it last read and acknowledged';

-- the new functions are private, like every function not on the allow-list
REVOKE ALL ON FUNCTION complaint.feed_time(timestamptz, text), complaint.feed_check_autocommit(),
	complaint.feed_capture(), complaint.feed_consumer_row(text, boolean), complaint.feed_end(), complaint.feed_number(integer),
	complaint.feed_notice(bigint, text, bigint, text, bigint, text, text, text, text, text, timestamptz, timestamptz, timestamptz, bigint, integer, text, text, bigint, bigint, text, text, bigint, bigint, text, text[], boolean),
	complaint.feed_register(text, text), complaint.feed_unregister(text), complaint.feed_notices(bigint, integer),
	complaint.feed_read(text, integer, bigint), complaint.feed_ack(text, bigint) FROM PUBLIC;
REVOKE ALL ON TABLE complaint.feed, complaint.feed_state, complaint.feed_consumer, complaint.feed_lag FROM PUBLIC;
REVOKE ALL ON SEQUENCE complaint.feed_id_seq FROM PUBLIC;

-- the sweep no longer sends a payload per record (src/sweep_sql.h)
COMMENT ON FUNCTION complaint.sweep_notify("any") IS
	'sends NOTIFY complaint_escalation with the JSON object of the key/value pairs (the text of json_build_object) as payload; complaint.sweep() no longer calls it (its records go to the delivery feed)';



-- feed column comments
COMMENT ON COLUMN complaint.feed.kind IS 'what the step is, and so which table ref_id points into: escalation, violation, self_check_notice, sanction_proposed, sanction_decided or appeal_window_closed (complaint.feed_kind)';
COMMENT ON COLUMN complaint.feed_state.one IS 'always true: the table has exactly one row, the lock that numbering takes';
COMMENT ON COLUMN complaint.feed_consumer.name IS 'the consumer''s name (lower-case letters, digits, _ and -), as complaint-notify --consumer gives it';
COMMENT ON COLUMN complaint.feed_consumer.registered_at IS 'when complaint.feed_register() registered it (workflow clock)';
COMMENT ON COLUMN complaint.feed_lag.consumer IS 'the consumer''s name';
COMMENT ON COLUMN complaint.feed_lag.position IS 'the last notice it acknowledged (complaint.feed.seq)';
COMMENT ON COLUMN complaint.feed_lag.feed_end IS 'the highest notice number given so far (0 for an empty feed)';
COMMENT ON COLUMN complaint.feed_lag.behind IS 'numbered notices it has still to deliver: feed_end - position';
COMMENT ON COLUMN complaint.feed_lag.not_numbered IS 'feed rows not numbered yet (they come after feed_end, to every consumer)';
COMMENT ON COLUMN complaint.feed_lag.delivered IS 'notices acknowledged since registration';
COMMENT ON COLUMN complaint.feed_lag.registered_at IS 'when it was registered';
COMMENT ON COLUMN complaint.feed_lag.read_at IS 'when it last read the feed (noted at most once a second)';
COMMENT ON COLUMN complaint.feed_lag.acked_at IS 'when it last acknowledged a notice';

-- new relations: PUBLIC has no privilege on them, as the install's last step
-- makes it for every relation (only the relations new in 0.2.0: a REVOKE on
-- an existing one would record its current grants as the extension's own)
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT c.oid::pg_catalog.regclass AS rel FROM pg_catalog.pg_class c
			  WHERE c.relnamespace = 'complaint'::pg_catalog.regnamespace
				AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
				AND c.relname LIKE 'report\_%' LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM PUBLIC', r.rel);
	END LOOP;
END
$$;

-- create_roles: the 0.2.0 grants of every section above (privacy, reports,
-- the delivery feed, window_end in the allow-list), in one function, the
-- same text as src/sql/install/90_roles.sql.  Not run here: the DBA runs
-- SELECT complaint.create_roles() after the update (README, Upgrading).
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
		'complaint: monitor: background worker status; delivers the escalation feed (complaint-notify)'];
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

	-- the delivery feed (src/sql/install/66_feed.sql): the monitor delivers
	-- (complaint-notify reads and acknowledges through owner-rights
	-- functions and needs nothing else); the administrator registers the
	-- consumers; both see the lag
	GRANT EXECUTE ON FUNCTION complaint.feed_read(text, integer, bigint), complaint.feed_ack(text, bigint)
		TO complaint_monitor;
	GRANT EXECUTE ON FUNCTION complaint.feed_register(text, text), complaint.feed_unregister(text)
		TO complaint_admin;
	GRANT SELECT ON complaint.feed_lag TO complaint_monitor, complaint_admin;

	-- reports (src/sql/install/75_reports.sql and 76_report_summary.sql).
	-- They run with the caller's rights.  The scorecard, the ranking and the
	-- breakdowns read the summaries through the views report_groups,
	-- report_cases and report_violations, which show each caller the units
	-- complaint.report_scope() gives them (every unit for the analyst, the
	-- administrator, the accountability office and the application; a staff
	-- member's own unit and the subtrees they head), so staff run them too.
	-- report_recount counts the same figures from the raw tables, with the
	-- caller's rights: for those who read them all (the analyst and the
	-- administrator read all of that already; the accountability office
	-- -- 张榜/通报 and the ranking are its work -- gets the reading the reports
	-- need).  The public notice is the office's, the administrator's and the
	-- analyst's; staff (and the application) also get the morning list of
	-- cases due soon.  The ranking weights are the administrator's to change.
	-- The refresh of the summaries is granted to nobody (the owner and the
	-- worker run it).
	EXECUTE format('GRANT SELECT (%s) ON complaint.cases TO complaint_accountability',
				   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
					  FROM pg_attribute a
					 WHERE a.attrelid = 'complaint.cases'::regclass AND a.attnum > 0
					   AND NOT a.attisdropped AND a.attname NOT LIKE 'complainant\_%'));
	GRANT SELECT ON complaint.event, complaint.escalation, complaint.unit, complaint.staff, complaint.calendar,
		complaint.calendar_hours, complaint.ranking_weight TO complaint_accountability;
	GRANT INSERT, UPDATE, DELETE ON complaint.ranking_weight TO complaint_admin;
	GRANT SELECT ON complaint.ranking_weight TO complaint_staff;
	GRANT SELECT ON complaint.report_groups, complaint.report_cases, complaint.report_violations
		TO complaint_admin, complaint_analyst, complaint_accountability, complaint_staff;
	FOR r IN SELECT p.oid::regprocedure AS fn, p.proname FROM pg_proc p
			  WHERE p.pronamespace = 'complaint'::regnamespace
				AND p.proname IN ('report_check', 'report_figures', 'report_recount', 'unit_scorecard', 'unit_ranking',
								  'scorecard_by', 'public_notice', 'due_soon', 'report_scope', 'report_newer_cases',
								  'report_days') LOOP
		EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO complaint_admin, complaint_analyst, complaint_accountability', r.fn);
		IF r.proname NOT IN ('public_notice', 'report_recount') THEN
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
