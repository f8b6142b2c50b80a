-- test/demo/50_operator_year.sql
--
-- Demo data: the operator of 40_operator.sql through the last year, up to
-- today: :template complaints (default 3,000), replayed tick by tick on the
-- workflow clock (complaint.now, superuser only) exactly as
-- the agents, clerks, interface persons and handlers would have recorded
-- them -- plain INSERTs and UPDATEs of complaint.cases that the workflow
-- triggers check and complete, one statement per acting staff member and
-- step at each tick:
--   * four ticks a day (10:00, 14:00, 17:00, 20:30 Asia/Shanghai); a case
--     received between two ticks is registered at the next one by the agent
--     (10086: phone, app, SMS, web), the hall clerk (visits, halls closed on
--     Sundays), or the centre's head (letters, regulator appeals, which are
--     upgraded complaints);
--   * about a fifth of the calls and most visits are settled on the spot by
--     the first responder; the rest go to the city of the region (routing
--     table), where the interface person accepts the ticket and hands it to
--     a handler at once (sometimes two ticks late: a late hand-over); some
--     are transferred on to the province departments, some wait for
--     materials (one-time notice), a few are extended or referred out;
--   * answers mostly within the limit, late more often in some cities than
--     in others; feedback and closing by the first responder; a
--     dissatisfied complainant sometimes comes back (reopened, some
--     upgraded); a few cases are never answered (overdue at the end);
--   * the escalation sweep runs every evening (complaint.sweep at 20:30),
--     so ladders, violations, proposed sanctions and self-check notices are
--     recorded on the day they fall due; unit heads send most self-check
--     reports, the discipline inspection office hears and decides most
--     sanctions on Fridays.
-- Everything is one transaction: the background worker sees the year only
-- once it is complete (and finds nothing left to sweep).  The random
-- choices are seeded: the same day gives the same register.
-- 60_operator_clones.sql then brings the year to its full size.
-- Loaded by test/demo.sh after CREATE EXTENSION complaint, in file-name order
-- (psql -v template=N overrides the size).

\if :{?template}
\else
\set template 3000
\endif
SELECT set_config('demo.template', :'template', false) \gset
SELECT setseed(0.2025);

BEGIN;

-- the year's ticks: four a day, from a year ago to the last one before now
CREATE TEMP TABLE demo_tick ON COMMIT DROP AS
SELECT (row_number() OVER (ORDER BY t) - 1)::integer AS k, t
  FROM (SELECT (d + s) AT TIME ZONE 'Asia/Shanghai' AS t
		  FROM generate_series((now() AT TIME ZONE 'Asia/Shanghai')::date - 365,
							   (now() AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d,
			   unnest(ARRAY[time '10:00', time '14:00', time '17:00', time '20:30']) AS s) x
 WHERE t < now() - interval '1 minute';
ALTER TABLE demo_tick ADD PRIMARY KEY (k);

-- how each city does: lateness, late hand-overs, transfers on, satisfaction
CREATE TEMP TABLE demo_city_profile ON COMMIT DROP AS
SELECT * FROM (VALUES
	('WH', 0.28, 0.05, 0.03, 0.10, 0.90), ('YC', 0.12, 0.03, 0.02, 0.07, 0.94),
	('XY', 0.12, 0.09, 0.06, 0.12, 0.86), ('JZ', 0.11, 0.04, 0.02, 0.08, 0.92),
	('HS', 0.09, 0.12, 0.08, 0.14, 0.82), ('SY', 0.09, 0.06, 0.04, 0.09, 0.90),
	('XG', 0.10, 0.02, 0.01, 0.06, 0.95), ('ES', 0.09, 0.15, 0.07, 0.16, 0.80))
	AS v (city, share, p_late, p_late_handover, p_transfer, p_satisfied);

-- the plan of every case: who, what, and at which tick each step is taken
CREATE TEMP TABLE demo_plan (
	id bigint PRIMARY KEY, received_at timestamptz, k_reg integer, source text,
	channel complaint.case_channel, kind complaint.case_kind, upgraded boolean,
	city text, region text, category text, matter text, fr text,
	on_spot boolean, handler_unit text, handler text, assigner text,
	name text, unit text, address text, contact text,
	k_assign integer, k_transfer integer, to_unit text, to_staff text,
	k_request integer, k_received integer, k_extend integer, k_refer integer,
	k_answer integer, k_feedback integer, satisfaction complaint.satisfaction,
	k_reopen integer, reopen_upgraded boolean, k_reanswer integer, k_refeedback integer,
	resatisfaction complaint.satisfaction, r float8
) ON COMMIT DROP;

DO $plan$
DECLARE
	n constant integer := current_setting('demo.template')::integer;
	base constant bigint := coalesce((SELECT max(id) FROM complaint.cases), 0);
	t0 constant timestamptz := (SELECT min(t) FROM demo_tick) - interval '12 hours';
	t1 constant timestamptz := (SELECT max(t) FROM demo_tick);
	last_k constant integer := (SELECT max(k) FROM demo_tick);
	surnames constant text[] := ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
	given constant text[] := ARRAY['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '海燕', '志强', '玉兰'];
	districts constant text[] := ARRAY['城区', '开发区', '高新区', '新区', '东区', '西区'];
	matters constant jsonb := '{
		"tariff": ["套餐外流量扣费有异议", "未经同意开通增值业务并扣费", "月租费与办理时承诺不符", "合约到期后资费自动上调"],
		"network": ["住宅小区信号弱, 室内无法通话", "高峰时段移动数据网速慢", "通话频繁掉线", "新建楼盘无5G覆盖"],
		"broadband": ["宽带报装后超期未上门安装", "宽带频繁断线, 报修后未处理", "装维人员收取额外费用"],
		"service": ["营业厅工作人员态度生硬", "10086等待时间过长, 多次转接未解决", "客户经理承诺回电后未回电"],
		"business": ["携号转网被无故拦截", "销户后仍在扣费", "实名登记信息有误无法办理业务", "积分兑换失败"],
		"roaming": ["国际漫游流量包未生效, 产生高额费用", "出境后无法使用漫游服务"]}';
BEGIN
	INSERT INTO demo_plan (id, received_at, source, channel, kind, upgraded, city, category, name, unit, address, contact)
	SELECT base + g,
		   t0 + (t1 - t0) * ((g - 1 + random()) / n),
		   src, ch, CASE WHEN src = 'regulator' THEN 'appeal' ELSE 'complaint' END::complaint.case_kind,
		   src = 'regulator',
		   (SELECT p.city FROM (SELECT city, sum(share) OVER (ORDER BY city) AS upto FROM demo_city_profile) p
			 WHERE p.upto >= rc ORDER BY p.upto LIMIT 1),
		   CASE WHEN rk < 0.30 THEN 'tariff' WHEN rk < 0.55 THEN 'network' WHEN rk < 0.70 THEN 'broadband'
				WHEN rk < 0.82 THEN 'service' WHEN rk < 0.96 THEN 'business' ELSE 'roaming' END,
		   surnames[1 + floor(random() * 20)::int] || given[1 + floor(random() * 20)::int],
		   CASE WHEN random() < 0.3 THEN (ARRAY['市第一中学', '人民医院', '建设银行支行', '物流公司', '区政府办公室'])[1 + floor(random() * 5)::int] END,
		   NULL,
		   '1' || (ARRAY['35', '36', '37', '38', '39', '50', '52', '82', '87', '88'])[1 + floor(random() * 10)::int]
			   || lpad(floor(random() * 100000000)::bigint::text, 8, '0')
	  FROM (SELECT g, random() AS rs, random() AS rc, random() AS rk, random() AS rch FROM generate_series(1, n) g) r,
		   LATERAL (SELECT CASE WHEN r.rs < 0.74 THEN 'csc' WHEN r.rs < 0.94 THEN 'hall'
								WHEN r.rs < 0.98 THEN 'letter' ELSE 'regulator' END AS src) s,
		   LATERAL (SELECT CASE s.src WHEN 'hall' THEN 'visit' WHEN 'letter' THEN 'letter' WHEN 'regulator' THEN 'regulator'
								ELSE (CASE WHEN r.rch < 0.70 THEN 'phone' WHEN r.rch < 0.85 THEN 'app'
										   WHEN r.rch < 0.90 THEN 'sms' ELSE 'web' END) END::complaint.case_channel AS ch) c;

	-- visits only while the hall is open (Monday to Saturday, 09:00-17:00)
	UPDATE demo_plan p
	   SET received_at = (complaint.add_workdays((p.received_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 'branch_saturday')
						  + time '09:00' + (random() * 8) * interval '1 hour') AT TIME ZONE 'Asia/Shanghai'
	 WHERE p.source = 'hall';
	DELETE FROM demo_plan WHERE received_at >= t1;
	UPDATE demo_plan p
	   SET k_reg = (SELECT min(k) FROM demo_tick WHERE t >= p.received_at),
		   region = (SELECT u.region FROM complaint.unit u WHERE u.code = p.city),
		   address = (SELECT u.region FROM complaint.unit u WHERE u.code = p.city) || '市'
					 || districts[1 + floor(random() * 6)::int] || (1 + floor(random() * 300)::int) || '号',
		   matter = (SELECT u.region FROM complaint.unit u WHERE u.code = p.city) || ': '
					|| (matters -> p.category ->> floor(random() * jsonb_array_length(matters -> p.category))::int),
		   fr = CASE p.source WHEN 'csc' THEN format('csc-%s', lpad((1 + (p.id * 7) % 10)::text, 2, '0'))
						WHEN 'hall' THEN lower(p.city) || '-hall' ELSE 'csc-head' END;
	-- repeat complaints: the same contact about the same matter a few days later
	UPDATE demo_plan p SET contact = q.contact, category = q.category, matter = q.matter, name = q.name
	  FROM demo_plan q
	 WHERE q.id = p.id - 1 - (p.id % 40) AND random() < 0.04 AND p.source <> 'regulator';

	-- settled on the spot by the first responder, or routed to the city
	-- (roaming to the province tariff department)
	UPDATE demo_plan p SET on_spot = (p.source = 'csc' AND p.category <> 'roaming' AND random() < 0.22)
								  OR (p.source = 'hall' AND p.category <> 'roaming' AND random() < 0.70);
	UPDATE demo_plan p
	   SET handler_unit = CASE WHEN p.on_spot THEN (SELECT s.unit_code FROM complaint.staff s WHERE s.code = p.fr)
							   WHEN p.category = 'roaming' THEN 'HB-TAR' ELSE p.city END,
		   handler = CASE WHEN p.on_spot THEN p.fr WHEN p.category = 'roaming' THEN 'tar-1'
						  ELSE lower(p.city) || '-' || (1 + p.id % 3) END,
		   assigner = CASE WHEN p.on_spot THEN p.fr WHEN p.category = 'roaming' THEN 'tar-head'
						   ELSE lower(p.city) || '-if' END;

	-- the steps, tick by tick
	UPDATE demo_plan p
	   SET k_assign = CASE WHEN p.on_spot THEN NULL
						   WHEN p.handler_unit = p.city AND random() < cp.p_late_handover THEN p.k_reg + 1 + (p.id % 2)
						   ELSE p.k_reg END,
		   k_transfer = CASE WHEN NOT p.on_spot AND p.handler_unit = p.city AND p.category IN ('network', 'tariff')
								  AND random() < cp.p_transfer THEN p.k_reg + 3 END,
		   k_refer = CASE WHEN NOT p.on_spot AND p.source = 'csc' AND random() < 0.01 THEN p.k_reg + 3 END
	  FROM demo_city_profile cp WHERE cp.city = p.city;
	UPDATE demo_plan p
	   SET to_unit = CASE p.category WHEN 'network' THEN 'HB-NET' ELSE 'HB-TAR' END,
		   to_staff = CASE p.category WHEN 'network' THEN 'net-1' ELSE 'tar-1' END
	 WHERE p.k_transfer IS NOT NULL;
	UPDATE demo_plan p SET k_transfer = NULL WHERE p.k_refer IS NOT NULL;
	UPDATE demo_plan p
	   SET k_request = CASE WHEN NOT p.on_spot AND p.k_refer IS NULL AND random() < 0.05
							THEN coalesce(p.k_transfer, p.k_assign) + 1 END;
	UPDATE demo_plan p SET k_received = p.k_request + 2 + (p.id % 9) WHERE p.k_request IS NOT NULL;
	UPDATE demo_plan p
	   SET k_extend = CASE WHEN NOT p.on_spot AND p.handler_unit = p.city AND p.k_refer IS NULL AND p.k_transfer IS NULL
							AND p.source <> 'regulator' AND random() < 0.01
						   THEN coalesce(p.k_received, p.k_assign) + 2 END;
	-- the answer: on the spot at once; else mostly within the limit, late
	-- more often in some cities; a few never
	UPDATE demo_plan p
	   SET k_answer = CASE WHEN p.k_refer IS NOT NULL THEN NULL
						   WHEN p.on_spot THEN p.k_reg
						   WHEN random() < 0.004 THEN NULL
						   ELSE greatest(coalesce(p.k_received, p.k_transfer, p.k_assign, p.k_reg), coalesce(p.k_extend, 0))
								+ 1 + CASE WHEN random() < cp.p_late THEN 12 + floor(random() * 30)::int
										   ELSE floor(random() * 7)::int END END
	  FROM demo_city_profile cp WHERE cp.city = p.city;
	UPDATE demo_plan p SET r = random();
	UPDATE demo_plan p
	   SET k_feedback = p.k_answer + 1 + (p.id % 4),
		   satisfaction = CASE WHEN p.r < cp.p_satisfied - 0.12 THEN 'satisfied'
							   WHEN p.r < cp.p_satisfied THEN 'basically_satisfied'
							   ELSE 'dissatisfied' END::complaint.satisfaction
	  FROM demo_city_profile cp
	 WHERE cp.city = p.city AND p.k_answer IS NOT NULL;
	-- the dissatisfied come back now and then: reopened (some through a
	-- superior: upgraded), answered again, asked again
	UPDATE demo_plan p
	   SET k_reopen = p.k_feedback + 2 + (p.id % 5), reopen_upgraded = random() < 0.3
	 WHERE p.satisfaction = 'dissatisfied' AND random() < 0.3;
	UPDATE demo_plan p
	   SET k_reanswer = p.k_reopen + 1 + (p.id % 6), k_refeedback = p.k_reopen + 3 + (p.id % 6),
		   resatisfaction = (CASE WHEN random() < 0.7 THEN 'basically_satisfied' ELSE 'dissatisfied' END)::complaint.satisfaction
	 WHERE p.k_reopen IS NOT NULL;
	-- steps planned after the last tick are simply not taken yet
	PERFORM last_k;
END
$plan$;

-- the steps of every case, in the order they are taken within a tick, with
-- the staff member who takes them
CREATE TEMP TABLE demo_step ON COMMIT DROP AS
SELECT * FROM (
	SELECT k_reg AS k, 1 AS ord, 'register' AS step, fr AS actor, id FROM demo_plan
	UNION ALL SELECT k_reg, 2, 'accept', assigner, id FROM demo_plan
	UNION ALL SELECT k_assign, 3, 'assign', assigner, id FROM demo_plan
	UNION ALL SELECT k_refer, 4, 'refer_out', handler, id FROM demo_plan
	UNION ALL SELECT k_transfer, 5, 'transfer', handler, id FROM demo_plan
	UNION ALL SELECT k_transfer, 6, 'start', to_staff, id FROM demo_plan
	UNION ALL SELECT k_request, 7, 'request_materials', coalesce(to_staff, handler), id FROM demo_plan
	UNION ALL SELECT k_received, 8, 'materials_received', coalesce(to_staff, handler), id FROM demo_plan
	UNION ALL SELECT k_extend, 9, 'extend', lower(city) || '-if', id FROM demo_plan
	UNION ALL SELECT k_answer, 10, 'answer', coalesce(to_staff, handler), id FROM demo_plan
	UNION ALL SELECT k_feedback, 11, 'feedback', fr, id FROM demo_plan
	UNION ALL SELECT k_feedback, 12, 'close', fr, id FROM demo_plan
	UNION ALL SELECT k_reopen, 13, 'reopen', fr, id FROM demo_plan
	UNION ALL SELECT k_reopen, 14, 'accept', coalesce(to_staff, handler), id FROM demo_plan
	UNION ALL SELECT k_reanswer, 15, 'reanswer', coalesce(to_staff, handler), id FROM demo_plan
	UNION ALL SELECT k_refeedback, 16, 'refeedback', fr, id FROM demo_plan
	UNION ALL SELECT k_refeedback, 17, 'close', fr, id FROM demo_plan) x
 WHERE k IS NOT NULL;
CREATE INDEX ON demo_step (k);
ANALYZE demo_step;
ANALYZE demo_plan;

-- the replay
DO $replay$
DECLARE
	tick record;
	g record;
	done bigint := 0;
	t_mark timestamptz;
	in_steps interval := '0';
	in_sweeps interval := '0';
	in_people interval := '0';
BEGIN
	FOR tick IN SELECT k, t FROM demo_tick ORDER BY k LOOP
		PERFORM set_config('complaint.now', tick.t::text, true);
		t_mark := clock_timestamp();
		-- one statement per step and acting staff member
		FOR g IN SELECT s.ord, s.step, s.actor, array_agg(s.id ORDER BY s.id) AS ids
				   FROM demo_step s WHERE s.k = tick.k
				  GROUP BY s.ord, s.step, s.actor ORDER BY s.ord, s.actor LOOP
			PERFORM set_config('complaint.staff', g.actor, true);
			CASE g.step
			WHEN 'register' THEN	-- by the first responder; settled on the spot or routed
				INSERT INTO complaint.cases (id, channel, kind, upgraded, category, region, matter, handler_unit, handler_staff,
											 received_at, complainant_name, complainant_unit, complainant_address, complainant_contact)
				SELECT p.id, p.channel, p.kind, p.upgraded, p.category, p.region, p.matter,
					   CASE WHEN p.on_spot THEN p.handler_unit END, CASE WHEN p.on_spot THEN p.handler END,
					   p.received_at, p.name, p.unit, p.address, p.contact
				  FROM demo_plan p WHERE p.id = ANY (g.ids) ORDER BY p.id;
				done := done + cardinality(g.ids);
			WHEN 'accept' THEN		-- the interface person (or the first responder) takes it on
				UPDATE complaint.cases SET status = 'accepted' WHERE id = ANY (g.ids);
			WHEN 'assign' THEN		-- and hands it to a handler
				UPDATE complaint.cases c SET handler_staff = p.handler FROM demo_plan p WHERE p.id = c.id AND p.id = ANY (g.ids) AND c.id = ANY (g.ids);
			WHEN 'refer_out' THEN	-- outside the operator's competence: told once where to go
				UPDATE complaint.cases SET status = 'referred_out', referred_to = '当地公安机关反诈中心',
					   referral_papers = ARRAY['报警回执', '身份证复印件'] WHERE id = ANY (g.ids);
			WHEN 'transfer' THEN	-- on to a province department
				UPDATE complaint.cases c SET status = 'transferred', handler_unit = p.to_unit, handler_staff = p.to_staff,
					   handover_note = '需省公司处理'
				  FROM demo_plan p WHERE p.id = c.id AND p.id = ANY (g.ids) AND c.id = ANY (g.ids);
			WHEN 'start' THEN
				UPDATE complaint.cases SET status = 'in_progress' WHERE id = ANY (g.ids);
			WHEN 'request_materials' THEN	-- the one-time notice; the clock stops
				UPDATE complaint.cases SET status = 'waiting_materials',
					   missing_items = ARRAY['身份证复印件', '缴费发票', '通话详单'] WHERE id = ANY (g.ids);
			WHEN 'materials_received' THEN
				UPDATE complaint.cases SET status = 'in_progress' WHERE id = ANY (g.ids);
			WHEN 'extend' THEN		-- approved by the city's general manager
				UPDATE complaint.cases c SET extension_count = c.extension_count + 1, extension_last = '2 working days',
					   extension_approver = regexp_replace(g.actor, '-if$', '-gm'), extension_reason = '需现场测试网络'
				 WHERE c.id = ANY (g.ids);
			WHEN 'answer' THEN
				UPDATE complaint.cases SET status = 'answered', answer = '已核实并向用户说明处理结果' WHERE id = ANY (g.ids);
			WHEN 'feedback' THEN	-- the first responder asks the complainant
				UPDATE complaint.cases c SET satisfaction = p.satisfaction FROM demo_plan p WHERE p.id = c.id AND p.id = ANY (g.ids) AND c.id = ANY (g.ids);
			WHEN 'close' THEN
				UPDATE complaint.cases SET status = 'closed' WHERE id = ANY (g.ids);
			WHEN 'reopen' THEN		-- dissatisfied, the complainant comes back
				UPDATE complaint.cases c SET status = 'reopened', reopen_reason = '用户对处理结果不满意, 再次投诉',
					   upgraded = c.upgraded OR p.reopen_upgraded
				  FROM demo_plan p WHERE p.id = c.id AND p.id = ANY (g.ids) AND c.id = ANY (g.ids);
			WHEN 'reanswer' THEN
				UPDATE complaint.cases SET status = 'answered', answer = '再次核实, 已退还相关费用并致歉' WHERE id = ANY (g.ids);
			WHEN 'refeedback' THEN
				UPDATE complaint.cases c SET satisfaction = p.resatisfaction FROM demo_plan p WHERE p.id = c.id AND p.id = ANY (g.ids) AND c.id = ANY (g.ids);
			END CASE;
		END LOOP;

		in_steps := in_steps + (clock_timestamp() - t_mark);
		-- the evening: the escalation sweep, then the people's part
		CONTINUE WHEN (tick.t AT TIME ZONE 'Asia/Shanghai')::time <> time '20:30';
		t_mark := clock_timestamp();
		PERFORM complaint.sweep(tick.t);
		in_sweeps := in_sweeps + (clock_timestamp() - t_mark);
		t_mark := clock_timestamp();
		-- unit heads send most self-check reports within a few days
		FOR g IN SELECT s.unit_code, array_agg(s.id ORDER BY s.id) AS ids
				   FROM complaint.self_check s
				  WHERE s.reported_at IS NULL AND s.notified_at <= tick.t - interval '3 days' AND s.id % 8 <> 0
				  GROUP BY s.unit_code ORDER BY s.unit_code LOOP
			PERFORM set_config('complaint.staff',
							   coalesce((SELECT u.head_staff FROM complaint.unit u WHERE u.code = g.unit_code), 'hb-gm'), true);
			PERFORM complaint.submit_self_check(x, '已组织自查, 明确责任人并整改') FROM unnest(g.ids) x;
		END LOOP;
		-- on Fridays the discipline inspection office hears and decides the
		-- sanctions proposed at least a week before (two in three)
		IF extract(isodow FROM tick.t AT TIME ZONE 'Asia/Shanghai') = 5 THEN
			PERFORM set_config('complaint.staff', 'jc-head', true);
			PERFORM complaint.record_hearing(s.id, '当事人已陈述申辩')
			   FROM complaint.sanction s
			  WHERE s.decided_at IS NULL AND s.heard_at IS NULL AND s.proposed_at <= tick.t - interval '7 days'
				AND s.id % 3 <> 0 AND s.staff_code IS DISTINCT FROM 'jc-head'
			  ORDER BY s.id;
			PERFORM complaint.decide_sanction(s.id)
			   FROM complaint.sanction s
			  WHERE s.decided_at IS NULL AND s.heard_at IS NOT NULL AND s.heard_by = 'jc-head'
			  ORDER BY s.id;
		END IF;
		in_people := in_people + (clock_timestamp() - t_mark);
	END LOOP;
	-- what fell due after the last tick, as of now
	PERFORM set_config('complaint.now', '', true);
	PERFORM set_config('complaint.staff', '', true);
	PERFORM complaint.sweep(now());
	PERFORM setval(pg_get_serial_sequence('complaint.cases', 'id'), (SELECT max(id) FROM complaint.cases));
	RAISE NOTICE 'a year of the operator: % cases registered; steps % s, sweeps % s, hearings and reports % s', done,
		round(extract(epoch FROM in_steps)::numeric, 1), round(extract(epoch FROM in_sweeps)::numeric, 1),
		round(extract(epoch FROM in_people)::numeric, 1);
END
$replay$;

COMMIT;
ANALYZE;
