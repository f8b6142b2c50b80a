-- test/bench/register_plpgsql.sql
--	  For the benchmark only (test/bench/register.sh): the workflow's rules
--	  written in PL/pgSQL, as an application developer would write them
--	  without the extension's C triggers, writing the same rows:
--	    bench_plpgsql.cases / responsibility / event  same columns, defaults,
--	        checks, indexes and foreign keys as complaint.*
--	    registration: acting staff (complaint.staff, else the role's staff
--	        row), the application may not set what the workflow owns,
--	        routing, category, unit and calendar checks, the time-limit rule
--	        (same matching order), deadline and acceptance deadline through
--	        complaint.deadline() (the same C calendar engine), repeat
--	        detection, upgraded flag; then the first-responder row, a handler
--	        row when someone else handles it, the interface person's row with
--	        its hand-over deadlines, and the events
--	    updates: immutable columns, workflow-owned columns, the transition
--	        table, one step per update, and the accept, transfer (unit and
--	        person checks, interface hand-over, a transfer rule's deadline)
--	        and close (feedback first) steps with their events and
--	        responsibility rows
--	  Only the steps the benchmark takes are implemented beyond the generic
--	  checks.  bench_bare.cases is the same table without any trigger.

CREATE SCHEMA bench_plpgsql;
CREATE SCHEMA bench_bare;

CREATE TABLE bench_plpgsql.cases (LIKE complaint.cases INCLUDING ALL);
ALTER TABLE bench_plpgsql.cases
	ADD FOREIGN KEY (category) REFERENCES complaint.category (code),
	ADD FOREIGN KEY (first_responder) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (handler_unit) REFERENCES complaint.unit (code),
	ADD FOREIGN KEY (handler_staff) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (rule_id) REFERENCES complaint.time_limit_rule (id),
	ADD FOREIGN KEY (calendar) REFERENCES complaint.calendar (name),
	ADD FOREIGN KEY (extension_approver) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (repeat_of) REFERENCES bench_plpgsql.cases (id);
CREATE TABLE bench_plpgsql.responsibility (LIKE complaint.responsibility INCLUDING ALL);
ALTER TABLE bench_plpgsql.responsibility
	ADD FOREIGN KEY (staff_code) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (unit_code) REFERENCES complaint.unit (code);
CREATE TABLE bench_plpgsql.event (LIKE complaint.event INCLUDING ALL);
-- no foreign key on event.actor, as in complaint.event (history outlives staff rows)

CREATE TABLE bench_bare.cases (LIKE complaint.cases INCLUDING ALL);
-- LIKE does not copy storage parameters (complaint.cases and
-- complaint.responsibility keep page room for HOT updates): the same for
-- the copies
DO $$
DECLARE
	opts text := (SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = 'complaint.cases'::regclass);
BEGIN
	IF opts IS NOT NULL THEN
		EXECUTE format('ALTER TABLE bench_plpgsql.cases SET (%s)', opts);
		EXECUTE format('ALTER TABLE bench_bare.cases SET (%s)', opts);
	END IF;
	opts := (SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = 'complaint.responsibility'::regclass);
	IF opts IS NOT NULL THEN
		EXECUTE format('ALTER TABLE bench_plpgsql.responsibility SET (%s)', opts);
	END IF;
END
$$;
ALTER TABLE bench_bare.cases
	ADD FOREIGN KEY (category) REFERENCES complaint.category (code),
	ADD FOREIGN KEY (first_responder) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (handler_unit) REFERENCES complaint.unit (code),
	ADD FOREIGN KEY (handler_staff) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (rule_id) REFERENCES complaint.time_limit_rule (id),
	ADD FOREIGN KEY (calendar) REFERENCES complaint.calendar (name),
	ADD FOREIGN KEY (extension_approver) REFERENCES complaint.staff (code),
	ADD FOREIGN KEY (repeat_of) REFERENCES bench_bare.cases (id);

-- who acts: complaint.staff, else the staff row mapped to current_user
CREATE FUNCTION bench_plpgsql.acting_staff(missing_ok boolean, OUT code text, OUT unit_code text)
	LANGUAGE plpgsql AS $$
DECLARE
	named text := nullif(current_setting('complaint.staff', true), '');
	mapped complaint.staff;
	s complaint.staff;
BEGIN
	SELECT * INTO mapped FROM complaint.staff m WHERE m.db_role = current_user::regrole;
	IF named IS NOT NULL THEN
		SELECT * INTO s FROM complaint.staff t WHERE t.code = named;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'staff member "%" does not exist', named USING ERRCODE = '42704';
		END IF;
	ELSIF mapped.code IS NOT NULL THEN
		s := mapped;
	ELSIF missing_ok THEN
		RETURN;
	ELSE
		RAISE EXCEPTION 'no staff member acts for role "%"', current_user USING ERRCODE = '28000';
	END IF;
	IF mapped.code IS NOT NULL AND mapped.code <> s.code THEN
		RAISE EXCEPTION 'role "%" may act only as staff member "%"', current_user, mapped.code
			USING ERRCODE = '42501';
	END IF;
	IF NOT s.active THEN
		RAISE EXCEPTION 'staff member "%" is inactive', s.code USING ERRCODE = '42501';
	END IF;
	code := s.code;
	unit_code := s.unit_code;
END
$$;

-- the best rule of one matter for a case handled by unit (same order as the extension)
CREATE FUNCTION bench_plpgsql.best_rule(p_matter text, p_kind text, p_channel text, p_complexity text,
										p_category text, p_unit text)
	RETURNS complaint.time_limit_rule LANGUAGE plpgsql STABLE AS $$
DECLARE
	r complaint.time_limit_rule;
BEGIN
	WITH RECURSIVE ha (code, parent, depth, sector) AS (
		SELECT u.code, u.parent_code, 0, u.sector FROM complaint.unit u WHERE u.code = p_unit
		UNION ALL
		SELECT p.code, p.parent_code, ha.depth + 1, p.sector
		  FROM ha JOIN complaint.unit p ON p.code = ha.parent WHERE ha.depth < 64)
	SELECT t.* INTO r
	  FROM complaint.time_limit_rule t LEFT JOIN ha ON ha.code = t.unit_code
	 WHERE t.enabled AND t.matter = p_matter
	   AND (t.kind IS NULL OR t.kind::text = p_kind)
	   AND (t.channel IS NULL OR t.channel::text = p_channel)
	   AND (t.complexity IS NULL OR t.complexity::text = p_complexity)
	   AND (t.category IS NULL OR t.category = p_category)
	   AND (t.sector IS NULL OR t.sector = (SELECT s.sector FROM ha s WHERE s.sector IS NOT NULL ORDER BY s.depth LIMIT 1))
	   AND (t.unit_code IS NULL OR ha.code IS NOT NULL)
	 ORDER BY t.priority DESC,
			  (t.kind IS NOT NULL)::int + (t.channel IS NOT NULL)::int + (t.complexity IS NOT NULL)::int
			  + (t.category IS NOT NULL)::int + (t.sector IS NOT NULL)::int + (t.unit_code IS NOT NULL)::int DESC,
			  ha.depth ASC NULLS LAST, t.id
	 LIMIT 1;
	RETURN r;
END
$$;

CREATE FUNCTION bench_plpgsql.case_register() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_now timestamptz := complaint.clock_now();
	actor record;
	v_unit text;
	v_routed boolean := false;
	u complaint.unit;
	r complaint.time_limit_rule;
	acc complaint.time_limit_rule;
	s complaint.staff;
BEGIN
	IF NEW.status IS DISTINCT FROM 'registered' THEN
		RAISE EXCEPTION 'a new case must have status registered, not %', NEW.status USING ERRCODE = '55000';
	END IF;
	IF num_nonnulls(NEW.clock_from, NEW.clock_limit, NEW.deadline, NEW.original_deadline, NEW.acceptance_due,
					NEW.acceptance_from, NEW.acceptance_limit, NEW.acceptance_rule_id,
					NEW.paused_at, NEW.extension_last, NEW.extension_approver, NEW.extension_reason,
					NEW.extended_by, NEW.accepted_at, NEW.started_at, NEW.missing_items, NEW.answer,
					NEW.answered_at, NEW.satisfaction, NEW.feedback_note, NEW.feedback_at, NEW.closed_at,
					NEW.referred_to, NEW.referral_papers, NEW.referred_at, NEW.reopen_reason, NEW.reopened_at) > 0
	   OR NEW.extension_count <> 0 OR NEW.reopen_count <> 0 THEN
		RAISE EXCEPTION 'a column of a new case is set by the workflow' USING ERRCODE = '23514';
	END IF;
	IF NEW.matter IS NULL OR btrim(NEW.matter) = '' THEN
		RAISE EXCEPTION 'the matter of a case cannot be empty' USING ERRCODE = '22023';
	END IF;
	IF NEW.received_at > v_now THEN
		RAISE EXCEPTION 'a case cannot be received in the future' USING ERRCODE = '22023';
	END IF;

	SELECT * INTO actor FROM bench_plpgsql.acting_staff(false);
	IF NEW.first_responder IS NOT NULL AND NEW.first_responder <> actor.code THEN
		RAISE EXCEPTION 'a case is registered by the acting staff member, who becomes its first responder'
			USING ERRCODE = '42501';
	END IF;

	-- routing
	IF NEW.handler_unit IS NULL THEN
		WITH RECURSIVE fa (code, parent, depth) AS (
			SELECT x.code, x.parent_code, 0 FROM complaint.unit x WHERE x.code = actor.unit_code
			UNION ALL
			SELECT p.code, p.parent_code, fa.depth + 1 FROM fa JOIN complaint.unit p ON p.code = fa.parent
			 WHERE fa.depth < 64)
		SELECT rt.unit_code INTO v_unit
		  FROM complaint.route rt LEFT JOIN fa ON fa.code = rt.scope_unit
		 WHERE (rt.scope_unit IS NULL OR fa.code IS NOT NULL)
		   AND (rt.category IS NULL OR rt.category = NEW.category)
		   AND (rt.region IS NULL OR rt.region = NEW.region)
		 ORDER BY (rt.category IS NOT NULL)::int * 2 + (rt.region IS NOT NULL)::int DESC,
				  fa.depth ASC NULLS LAST, rt.id
		 LIMIT 1;
		v_routed := v_unit IS NOT NULL;
		v_unit := coalesce(v_unit, actor.unit_code);
	ELSE
		v_unit := NEW.handler_unit;
	END IF;
	SELECT * INTO u FROM complaint.unit x WHERE x.code = v_unit;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unit "%" does not exist', v_unit USING ERRCODE = '23503';
	END IF;
	IF NEW.category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM complaint.category c WHERE c.code = NEW.category) THEN
		RAISE EXCEPTION 'category "%" does not exist', NEW.category USING ERRCODE = '23503';
	END IF;
	NEW.calendar := coalesce(NEW.calendar, u.calendar);
	IF NOT EXISTS (SELECT 1 FROM complaint.calendar k WHERE k.name = NEW.calendar) THEN
		RAISE EXCEPTION 'calendar "%" does not exist', NEW.calendar USING ERRCODE = '42704';
	END IF;
	r := bench_plpgsql.best_rule('answer', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, v_unit);
	IF r.id IS NULL THEN
		RAISE EXCEPTION 'no time limit rule applies to the case' USING ERRCODE = '42704';
	END IF;
	acc := bench_plpgsql.best_rule('acceptance', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, v_unit);

	-- the handler: given, else the first responder when it stays in their unit
	IF NEW.handler_staff IS NOT NULL THEN
		SELECT * INTO s FROM complaint.staff t WHERE t.code = NEW.handler_staff;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'staff member "%" does not exist', NEW.handler_staff USING ERRCODE = '23503';
		ELSIF NOT s.active THEN
			RAISE EXCEPTION 'staff member "%" is inactive', s.code USING ERRCODE = '42501';
		ELSIF s.unit_code <> v_unit THEN
			RAISE EXCEPTION 'staff member "%" does not belong to unit "%"', s.code, v_unit USING ERRCODE = '23514';
		END IF;
	ELSIF v_unit = actor.unit_code THEN
		NEW.handler_staff := actor.code;
	END IF;

	-- repeat complaints
	IF NEW.repeat_of IS NULL AND NEW.complainant_contact IS NOT NULL THEN
		SELECT c.id INTO NEW.repeat_of FROM bench_plpgsql.cases c
		 WHERE c.complainant_contact = NEW.complainant_contact AND c.category IS NOT DISTINCT FROM NEW.category
		   AND c.received_at <= NEW.received_at
		   AND c.received_at >= NEW.received_at - current_setting('complaint.repeat_window')::interval
		 ORDER BY c.received_at DESC, c.id DESC LIMIT 1;
	END IF;

	NEW.status := 'registered';
	NEW.first_responder := actor.code;
	NEW.handler_unit := v_unit;
	NEW.rule_id := r.id;
	NEW.clock_start := r.counts_from;
	NEW.clock_from := NEW.received_at;
	NEW.clock_limit := coalesce(NEW.imposed_limit, r.lim);
	NEW.deadline := complaint.deadline(NEW.received_at, NEW.clock_limit, NEW.calendar);
	NEW.original_deadline := NEW.deadline;
	IF acc.id IS NOT NULL THEN
		NEW.acceptance_due := complaint.deadline(NEW.received_at, acc.lim, NEW.calendar);
		NEW.acceptance_from := NEW.received_at;
		NEW.acceptance_limit := acc.lim;
		NEW.acceptance_rule_id := acc.id;
	END IF;
	NEW.upgraded := NEW.upgraded OR NEW.channel IN ('superior', 'regulator');
	RETURN NEW;
END
$$;

CREATE FUNCTION bench_plpgsql.case_registered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_now timestamptz := complaint.clock_now();
	fr_unit text;
	iface text;
	ho complaint.time_limit_rule;
	hr complaint.time_limit_rule;
	v_due timestamptz;
	v_report timestamptz;
BEGIN
	SELECT t.unit_code INTO fr_unit FROM complaint.staff t WHERE t.code = NEW.first_responder;
	INSERT INTO bench_plpgsql.responsibility (case_id, staff_code, unit_code, role, since)
	VALUES (NEW.id, NEW.first_responder, fr_unit, 'first_responder', NEW.received_at);
	IF NEW.handler_staff IS DISTINCT FROM NEW.first_responder OR NEW.handler_unit <> fr_unit THEN
		INSERT INTO bench_plpgsql.responsibility (case_id, staff_code, unit_code, role, since)
		VALUES (NEW.id, NEW.handler_staff, NEW.handler_unit, 'handler', v_now);
	END IF;
	IF NEW.handler_staff IS NULL THEN
		SELECT x.interface_staff INTO iface FROM complaint.unit x WHERE x.code = NEW.handler_unit;
		IF iface IS NOT NULL THEN
			ho := bench_plpgsql.best_rule('handover', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, NEW.handler_unit);
			hr := bench_plpgsql.best_rule('handover_report', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, NEW.handler_unit);
			v_due := complaint.deadline(v_now, ho.lim, NEW.calendar);
			v_report := complaint.deadline(v_due, hr.lim, NEW.calendar);
			INSERT INTO bench_plpgsql.responsibility (case_id, staff_code, unit_code, role, since, due, report_due)
			VALUES (NEW.id, iface, NEW.handler_unit, 'interface', v_now, v_due, v_report);
		END IF;
	END IF;
	IF NEW.repeat_of IS NOT NULL THEN
		INSERT INTO bench_plpgsql.event (case_id, at, kind, actor, detail)
		VALUES (NEW.repeat_of, v_now, 'repeat_received', NEW.first_responder, jsonb_build_object('repeat_case', NEW.id));
	END IF;
	INSERT INTO bench_plpgsql.event (case_id, at, kind, actor, to_status, detail)
	VALUES (NEW.id, v_now, 'registered', NEW.first_responder, 'registered',
			jsonb_build_object('handler_unit', NEW.handler_unit, 'handler_staff', NEW.handler_staff,
							   'rule_id', NEW.rule_id, 'limit', NEW.clock_limit::text, 'calendar', NEW.calendar,
							   'deadline', NEW.deadline, 'repeat_of', NEW.repeat_of, 'interface', iface,
							   'handover_due', v_due));
	RETURN NULL;
END
$$;

CREATE FUNCTION bench_plpgsql.case_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_now timestamptz := complaint.clock_now();
	v_allowed text[];
	s complaint.staff;
	steps int := 0;
BEGIN
	IF NEW.id <> OLD.id OR NEW.first_responder IS DISTINCT FROM OLD.first_responder
	   OR NEW.received_at <> OLD.received_at OR NEW.repeat_of IS DISTINCT FROM OLD.repeat_of THEN
		RAISE EXCEPTION 'the register''s identity and first responder never change' USING ERRCODE = '23514';
	END IF;
	IF (NEW.rule_id, NEW.calendar, NEW.clock_start, NEW.clock_from, NEW.clock_limit, NEW.deadline,
		NEW.original_deadline, NEW.acceptance_due, NEW.acceptance_from, NEW.acceptance_limit, NEW.acceptance_rule_id,
		NEW.paused_at, NEW.paused_total, NEW.extended_by,
		NEW.accepted_at, NEW.started_at, NEW.answered_at, NEW.feedback_at, NEW.closed_at,
		NEW.referred_at, NEW.reopened_at, NEW.reopen_count)
	   IS DISTINCT FROM
	   (OLD.rule_id, OLD.calendar, OLD.clock_start, OLD.clock_from, OLD.clock_limit, OLD.deadline,
		OLD.original_deadline, OLD.acceptance_due, OLD.acceptance_from, OLD.acceptance_limit, OLD.acceptance_rule_id,
		OLD.paused_at, OLD.paused_total, OLD.extended_by,
		OLD.accepted_at, OLD.started_at, OLD.answered_at, OLD.feedback_at, OLD.closed_at,
		OLD.referred_at, OLD.reopened_at, OLD.reopen_count) THEN
		RAISE EXCEPTION 'a column of case % is maintained by the workflow', OLD.id USING ERRCODE = '23514';
	END IF;
	IF OLD.upgraded AND NOT NEW.upgraded THEN
		RAISE EXCEPTION 'case % stays an upgraded complaint', OLD.id USING ERRCODE = '23514';
	END IF;
	IF OLD.status IN ('closed', 'referred_out') AND NEW.status = OLD.status AND NEW IS DISTINCT FROM OLD THEN
		RAISE EXCEPTION 'case % is closed', OLD.id USING ERRCODE = '55000';
	END IF;
	IF NEW.status <> OLD.status THEN
		v_allowed := CASE OLD.status
			WHEN 'registered' THEN '{accepted,transferred,referred_out}'
			WHEN 'accepted' THEN '{transferred,in_progress,waiting_materials,answered,referred_out}'
			WHEN 'transferred' THEN '{transferred,in_progress,referred_out}'
			WHEN 'in_progress' THEN '{transferred,waiting_materials,answered,referred_out}'
			WHEN 'waiting_materials' THEN '{in_progress}'
			WHEN 'answered' THEN '{in_progress,closed}'
			WHEN 'closed' THEN '{reopened}'
			WHEN 'referred_out' THEN '{reopened}'
			WHEN 'reopened' THEN '{accepted,transferred,in_progress,referred_out}' END::text[];
		IF NOT (NEW.status::text = ANY (v_allowed)) THEN
			RAISE EXCEPTION 'case % cannot go from % to %', OLD.id, OLD.status, NEW.status
				USING ERRCODE = '55000', HINT = format('From %s a case can go to %s.', OLD.status, array_to_string(v_allowed, ', '));
		END IF;
		steps := steps + 1;
	END IF;
	IF NEW.missing_items IS DISTINCT FROM OLD.missing_items AND NEW.status <> 'waiting_materials'
	   OR NEW.answer IS DISTINCT FROM OLD.answer AND NEW.status <> 'answered'
	   OR (NEW.referred_to, NEW.referral_papers) IS DISTINCT FROM (OLD.referred_to, OLD.referral_papers) AND NEW.status <> 'referred_out'
	   OR NEW.reopen_reason IS DISTINCT FROM OLD.reopen_reason AND NEW.status <> 'reopened' THEN
		RAISE EXCEPTION 'a step input of case % changes only with its step', OLD.id USING ERRCODE = '23514';
	END IF;
	IF NEW.extension_count <> OLD.extension_count THEN
		steps := steps + 1;
	END IF;
	IF NEW.handler_unit <> OLD.handler_unit THEN
		IF NEW.status <> 'transferred' THEN
			RAISE EXCEPTION 'the handling unit of case % changes only by a transfer', OLD.id USING ERRCODE = '55000';
		END IF;
		IF NEW.status = OLD.status THEN
			steps := steps + 1;
		END IF;
	ELSIF NEW.status = 'transferred' AND OLD.status <> 'transferred' THEN
		RAISE EXCEPTION 'case % is already handled by unit "%"', OLD.id, NEW.handler_unit USING ERRCODE = '55000';
	END IF;
	IF (NEW.satisfaction, NEW.feedback_note) IS DISTINCT FROM (OLD.satisfaction, OLD.feedback_note) THEN
		steps := steps + 1;
	END IF;
	IF (NEW.kind, NEW.channel, NEW.complexity, NEW.imposed_limit) IS DISTINCT FROM
	   (OLD.kind, OLD.channel, OLD.complexity, OLD.imposed_limit) THEN
		steps := steps + 1;
	END IF;
	IF steps > 1 THEN
		RAISE EXCEPTION 'an update of case % can take only one step', OLD.id USING ERRCODE = '55000';
	END IF;

	IF NEW.status = 'accepted' AND OLD.status <> 'accepted' THEN
		NEW.accepted_at := v_now;
		IF NEW.clock_start = 'acceptance' THEN
			NEW.clock_from := v_now;
			NEW.deadline := complaint.deadline(v_now, NEW.clock_limit, NEW.calendar);
			NEW.original_deadline := NEW.deadline;
		END IF;
	ELSIF NEW.handler_unit <> OLD.handler_unit THEN
		IF NOT EXISTS (SELECT 1 FROM complaint.unit x WHERE x.code = NEW.handler_unit) THEN
			RAISE EXCEPTION 'unit "%" does not exist', NEW.handler_unit USING ERRCODE = '23503';
		END IF;
		IF NEW.handler_staff IS NOT DISTINCT FROM OLD.handler_staff THEN
			NEW.handler_staff := NULL;
		ELSIF NEW.handler_staff IS NOT NULL THEN
			SELECT * INTO s FROM complaint.staff t WHERE t.code = NEW.handler_staff;
			IF NOT FOUND OR NOT s.active OR s.unit_code <> NEW.handler_unit THEN
				RAISE EXCEPTION 'staff member "%" cannot handle it in unit "%"', NEW.handler_staff, NEW.handler_unit
					USING ERRCODE = '23514';
			END IF;
		END IF;
	ELSIF NEW.status = 'closed' AND OLD.status <> 'closed' THEN
		IF NEW.feedback_at IS NULL OR NEW.satisfaction IS NULL THEN
			RAISE EXCEPTION 'case % cannot be closed before the complainant''s feedback is recorded', OLD.id
				USING ERRCODE = '55000';
		END IF;
		NEW.closed_at := v_now;
	END IF;
	RETURN NEW;
END
$$;

CREATE FUNCTION bench_plpgsql.case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_now timestamptz := complaint.clock_now();
	actor record;
	v_kind text;
	v_detail jsonb := '{}';
	iface text;
	ho complaint.time_limit_rule;
	hr complaint.time_limit_rule;
	tr complaint.time_limit_rule;
	v_due timestamptz;
	v_report timestamptz;
	v_unit_due timestamptz;
	v_calendar text;
BEGIN
	IF NEW IS NOT DISTINCT FROM OLD THEN
		RETURN NULL;
	END IF;
	SELECT * INTO actor FROM bench_plpgsql.acting_staff(false);
	IF NEW.handler_unit <> OLD.handler_unit THEN
		v_kind := 'transferred';
		SELECT x.interface_staff, x.calendar INTO iface, v_calendar FROM complaint.unit x WHERE x.code = NEW.handler_unit;
		tr := bench_plpgsql.best_rule('transfer', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, NEW.handler_unit);
		IF tr.id IS NOT NULL THEN
			v_unit_due := complaint.deadline(v_now, tr.lim, v_calendar);
		END IF;
		UPDATE bench_plpgsql.responsibility SET until = greatest(since, v_now)
		 WHERE case_id = NEW.id AND until IS NULL AND role IN ('handler', 'interface');
		INSERT INTO bench_plpgsql.responsibility (case_id, staff_code, unit_code, role, since, due)
		VALUES (NEW.id, NEW.handler_staff, NEW.handler_unit, 'handler', v_now, v_unit_due);
		IF NEW.handler_staff IS NULL AND iface IS NOT NULL THEN
			ho := bench_plpgsql.best_rule('handover', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, NEW.handler_unit);
			hr := bench_plpgsql.best_rule('handover_report', NEW.kind::text, NEW.channel::text, NEW.complexity::text, NEW.category, NEW.handler_unit);
			v_due := complaint.deadline(v_now, ho.lim, v_calendar);
			v_report := complaint.deadline(v_due, hr.lim, v_calendar);
			INSERT INTO bench_plpgsql.responsibility (case_id, staff_code, unit_code, role, since, due, report_due)
			VALUES (NEW.id, iface, NEW.handler_unit, 'interface', v_now, v_due, v_report);
		END IF;
		v_detail := jsonb_build_object('from_unit', OLD.handler_unit, 'to_unit', NEW.handler_unit,
									   'to_staff', NEW.handler_staff, 'note', NEW.handover_note,
									   'interface', iface, 'handover_due', v_due, 'unit_due', v_unit_due);
	ELSIF NEW.status = 'accepted' AND OLD.status <> 'accepted' THEN
		v_kind := 'accepted';
		IF NEW.deadline <> OLD.deadline THEN
			v_detail := jsonb_build_object('deadline', NEW.deadline);
		END IF;
	ELSIF NEW.status = 'closed' AND OLD.status <> 'closed' THEN
		v_kind := 'closed';
		UPDATE bench_plpgsql.responsibility SET until = greatest(since, v_now) WHERE case_id = NEW.id AND until IS NULL;
		v_detail := jsonb_build_object('satisfaction', NEW.satisfaction);
	ELSE
		v_kind := 'edited';
	END IF;
	INSERT INTO bench_plpgsql.event (case_id, at, kind, actor, from_status, to_status, detail)
	VALUES (NEW.id, v_now, v_kind::complaint.event_kind, actor.code, OLD.status, NEW.status, v_detail);
	RETURN NULL;
END
$$;

CREATE TRIGGER case_register BEFORE INSERT ON bench_plpgsql.cases
	FOR EACH ROW EXECUTE FUNCTION bench_plpgsql.case_register();
CREATE TRIGGER case_guard BEFORE UPDATE ON bench_plpgsql.cases
	FOR EACH ROW EXECUTE FUNCTION bench_plpgsql.case_guard();
CREATE TRIGGER case_registered AFTER INSERT ON bench_plpgsql.cases
	FOR EACH ROW EXECUTE FUNCTION bench_plpgsql.case_registered();
CREATE TRIGGER case_changed AFTER UPDATE ON bench_plpgsql.cases
	FOR EACH ROW EXECUTE FUNCTION bench_plpgsql.case_changed();
