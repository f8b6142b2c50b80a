-- ---------------------------------------------------------------------------
-- src/sql/install/56_steps.sql
--   Step functions: conveniences over UPDATE complaint.cases.  The rules
--   live in the C triggers (59_triggers.sql), which check and record any
--   UPDATE the same way; these functions only name the steps, lock the
--   case and say clearly when it does not exist.  Each returns the case as
--   it is after the step, without the complainant's identity: the
--   complainant_* columns of the result are NULL, because the staff and the
--   application may not read them in complaint.cases (SPEC section 7; they
--   read them in complaint.register, where the staff handling the case see
--   them in clear and everybody else masked).
-- ---------------------------------------------------------------------------

-- case_for_step: lock a case for a step and return it without the
-- complainant's identity; 42704 when there is none.  Every column of
-- complaint.cases but complainant_* is read by name, in the table's order
-- (the four NULLs stand for them): a column added to the table must be
-- added here too (regress test privacy compares the result with the row).
CREATE FUNCTION complaint.case_for_step(case_id bigint)
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

CREATE FUNCTION complaint.accept(case_id bigint)
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

CREATE FUNCTION complaint.transfer(case_id bigint, to_unit text, to_staff text DEFAULT NULL, note text DEFAULT NULL)
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

CREATE FUNCTION complaint.assign(case_id bigint, to_staff text)
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

CREATE FUNCTION complaint.start(case_id bigint)
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

CREATE FUNCTION complaint.request_materials(case_id bigint, items text[])
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

CREATE FUNCTION complaint.materials_received(case_id bigint)
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

CREATE FUNCTION complaint.extend(case_id bigint, "by" complaint.time_limit, approver text, reason text)
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

CREATE FUNCTION complaint.answer(case_id bigint, answer text)
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

CREATE FUNCTION complaint.record_feedback(case_id bigint, satisfaction complaint.satisfaction, note text DEFAULT NULL)
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

CREATE FUNCTION complaint.close(case_id bigint)
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

CREATE FUNCTION complaint.refer_out(case_id bigint, authority text, required_papers text[])
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

CREATE FUNCTION complaint.reopen(case_id bigint, reason text, upgraded boolean DEFAULT false)
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

CREATE FUNCTION complaint.add_co_handler(case_id bigint, unit text, staff text DEFAULT NULL)
	RETURNS void
	AS 'MODULE_PATHNAME', 'complaint_add_co_handler'
	LANGUAGE C VOLATILE;
COMMENT ON FUNCTION complaint.add_co_handler(bigint, text, text) IS
	'协办: another unit (and person) helps the handling unit; the first responder coordinates (天津 二(一)); recorded as a co_handler responsibility and an event';
