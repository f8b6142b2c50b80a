-- complaint 0.1.0 -> 0.2.0: ALTER EXTENSION complaint UPDATE TO '0.2.0'

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
	 WHERE id = c.id RETURNING * INTO c;
	RETURN c;
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
