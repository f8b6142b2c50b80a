-- test/demo/30_cases.sql
--
-- Demo data: sixty complaints received at the hospital's service desk over
-- the last five weeks, replayed step by step with the simulated clock
-- (complaint.now, which only a superuser may set), exactly as the desk and
-- the departments would have recorded them: registration, acceptance,
-- one-time notices of missing papers, answers, feedback and closing.  Some
-- cases are left overdue so that the escalation sweep has work to do.
-- The random choices are seeded, so the same run gives the same register.
-- Loaded by test/demo.sh after CREATE EXTENSION complaint, in file-name order.

SELECT setseed(0.2026);

DO $demo$
DECLARE
	matters CONSTANT text[][] := ARRAY[
		['medical', '术后复查结果解释不清，要求主治医生说明'],
		['medical', '对诊断结论有异议，要求复核'],
		['nursing', '夜间呼叫护士长时间无人应答'],
		['nursing', '输液更换不及时'],
		['billing', '出院结算费用明细与实际不符'],
		['billing', '重复收取检查费'],
		['insurance', '医保报销比例与政策不符'],
		['insurance', '异地医保备案后仍不能直接结算'],
		['logistics', '停车场收费标准不透明'],
		['logistics', '病房空调长时间未修复'],
		['attitude', '挂号窗口工作人员态度生硬'],
		['attitude', '导诊人员推诿，不予解答']];
	desk CONSTANT text[] := ARRAY['desk-li', 'desk-wang'];
	channels CONSTANT text[] := ARRAY['visit', 'phone', 'letter', 'web'];
	handler_of CONSTANT jsonb := '{"medical": "med-1", "nursing": "nur-1", "billing": "fin-1",
		"insurance": "ins-1", "logistics": "log-1", "attitude": "opd-1"}';
	start_day date := (now() AT TIME ZONE 'Asia/Shanghai')::date - 35;
	received timestamptz;
	step_at timestamptz;
	pick int;
	fate float8;
	handler text;
	case_id bigint;
BEGIN
	FOR i IN 1 .. 60 LOOP
		-- a working day in the last five weeks, during opening hours
		received := (complaint.add_workdays(start_day, (random() * 23)::int)::timestamp
					 + make_interval(hours => 8 + (random() * 8)::int, mins => (random() * 59)::int))
					AT TIME ZONE 'Asia/Shanghai';
		CONTINUE WHEN received > now() - interval '1 hour';
		pick := 1 + (random() * 11)::int;
		fate := random();
		handler := handler_of ->> matters[pick][1];

		PERFORM set_config('complaint.now', received::text, true);
		PERFORM set_config('complaint.staff', desk[1 + (i % 2)], true);
		INSERT INTO complaint.cases (channel, category, complexity, matter, complainant_name, complainant_contact)
		VALUES (channels[1 + (random() * 3)::int]::complaint.case_channel, matters[pick][1],
				'one_department', matters[pick][2],
				'患者' || i, '139' || lpad((10000000 + i * 7919)::text, 8, '0'))
		RETURNING id INTO case_id;

		CONTINUE WHEN fate < 0.12;			-- left unaccepted: the sweep will chase it

		-- the department accepts it an hour later and assigns its officer
		step_at := received + interval '1 hour';
		CONTINUE WHEN step_at > now();
		PERFORM set_config('complaint.now', step_at::text, true);
		PERFORM set_config('complaint.staff', split_part(handler, '-', 1) || '-head', true);
		PERFORM complaint.accept(case_id);
		PERFORM complaint.assign(case_id, handler);
		CONTINUE WHEN fate < 0.30;			-- accepted, still being handled

		PERFORM set_config('complaint.staff', handler, true);
		IF fate < 0.40 THEN					-- papers missing: one-time notice, clock stops
			step_at := step_at + interval '2 hours';
			CONTINUE WHEN step_at > now();
			PERFORM set_config('complaint.now', step_at::text, true);
			PERFORM complaint.request_materials(case_id, ARRAY['门诊病历复印件', '缴费票据原件', '身份证复印件']);
			CONTINUE WHEN fate < 0.35;		-- still waiting for the papers
			step_at := step_at + interval '3 days';
			CONTINUE WHEN step_at > now();
			PERFORM set_config('complaint.now', step_at::text, true);
			PERFORM complaint.materials_received(case_id);
		END IF;

		-- the answer: mostly in time, sometimes late
		step_at := complaint.add_worktime(step_at, make_interval(hours => 2 + (random() * (CASE WHEN fate > 0.9 THEN 40 ELSE 16 END))::int));
		CONTINUE WHEN step_at > now();
		PERFORM set_config('complaint.now', step_at::text, true);
		PERFORM complaint.answer(case_id, '已核实情况并向患者说明处理结果');
		CONTINUE WHEN fate < 0.50;			-- answered, feedback not yet asked

		-- the desk asks the complainant and closes the case
		step_at := step_at + interval '1 day';
		CONTINUE WHEN step_at > now();
		PERFORM set_config('complaint.now', step_at::text, true);
		PERFORM set_config('complaint.staff', desk[1 + (i % 2)], true);
		PERFORM complaint.record_feedback(case_id,
			(CASE WHEN fate > 0.93 THEN 'dissatisfied' WHEN fate > 0.8 THEN 'basically_satisfied' ELSE 'satisfied' END)::complaint.satisfaction);
		PERFORM complaint.close(case_id);
	END LOOP;
END
$demo$;
