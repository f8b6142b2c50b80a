-- ---------------------------------------------------------------------------
-- src/sql/install/85_column_comments.sql
--   A comment on every column of the extension's tables and views that its
--   own file does not comment, so that \d+ in psql is the reference at
--   hand.  They live together, after every table and view is created, so
--   that one file can be read (and checked: sql/extension.sql lists every
--   column still without a comment) against README.md's data model, and so
--   that the update script repeats them verbatim.  Ordered by table in the
--   order the install creates them; columns in table order.  The columns
--   commented in their own file keep that comment there.
--
--   Wording: what the column holds; the clock of a time (the workflow
--   clock complaint.clock_now(), the sweep's "at", or the server clock) or
--   the time zone of a local date and time; who fills it (the application
--   or a person, a step function, the workflow trigger, the sweep).
-- ---------------------------------------------------------------------------

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
