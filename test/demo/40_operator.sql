-- test/demo/40_operator.sql
--
-- Demo data: a provincial telecom operator's complaint organisation (湖北移动
-- 鄂市通〔2011〕331号 in the seeds, under a made-up name):
--   * the province company (省公司), its customer service centre (10086: the
--     agents who take the calls are first responders), two province
--     departments that take cases the cities cannot settle (tariff policy,
--     network planning) and the discipline inspection office (纪检监察室,
--     the last rung of the escalation ladder);
--   * eight city branches (分公司), each with its general manager (unit
--     head), a supervising vice manager (分管领导), an interface person
--     (投诉处理接口人: tickets wait with them and must be handed over within
--     30 minutes, 湖北移动 四(一)) and three complaint handlers;
--   * a service hall (营业厅) in every city, open Monday to Saturday
--     (calendar branch_saturday of 10_calendars.sql), whose clerks take
--     visits and settle most of them on the spot;
--   * the routing table: a ticket goes to the city of the region it
--     concerns; international roaming goes to the province tariff department.
-- Loaded by test/demo.sh after CREATE EXTENSION complaint, in file-name order;
-- 50_operator_year.sql then fills a year of cases.

BEGIN;

INSERT INTO complaint.unit (code, name, parent_code, sector, region, description) VALUES
	('HB', '荆楚通信湖北省公司', NULL, 'telecom', '湖北', 'the province company'),
	('HB-CSC', '省客户服务中心(10086)', 'HB', NULL, '湖北', 'customer service centre: takes calls, web and app complaints'),
	('HB-TAR', '省公司市场经营部', 'HB', NULL, '湖北', 'tariff policy, international roaming'),
	('HB-NET', '省公司网络部', 'HB', NULL, '湖北', 'network planning and coverage'),
	('HB-DIS', '省公司纪检监察室', 'HB', NULL, '湖北', 'discipline inspection: accountability office');

-- the cities: code, name, region
CREATE TEMP TABLE demo_city (code text PRIMARY KEY, name text, region text, ord integer);
INSERT INTO demo_city VALUES
	('WH', '武汉', '武汉', 1), ('YC', '宜昌', '宜昌', 2), ('XY', '襄阳', '襄阳', 3), ('JZ', '荆州', '荆州', 4),
	('HS', '黄石', '黄石', 5), ('SY', '十堰', '十堰', 6), ('XG', '孝感', '孝感', 7), ('ES', '恩施', '恩施', 8);

INSERT INTO complaint.unit (code, name, parent_code, region, description)
SELECT c.code, c.name || '分公司', 'HB', c.region, 'city branch of ' || c.region FROM demo_city c ORDER BY c.ord;
INSERT INTO complaint.unit (code, name, parent_code, region, calendar, description)
SELECT c.code || '-HALL', c.name || '中心营业厅', c.code, c.region, 'branch_saturday', 'service hall, Monday to Saturday'
  FROM demo_city c ORDER BY c.ord;

-- people: the province
INSERT INTO complaint.staff (code, name, unit_code, title) VALUES
	('hb-gm', '总经理 周建国', 'HB', 'general manager'),
	('hb-vp', '副总经理 吴海燕 (分管客户服务)', 'HB', 'vice general manager'),
	('csc-head', '客服中心主任 李晓梅', 'HB-CSC', 'head'),
	('tar-head', '市场经营部经理 黄涛', 'HB-TAR', 'head'),
	('tar-1', '市场经营部 资费专员 邓琳', 'HB-TAR', 'officer'),
	('net-head', '网络部经理 石磊', 'HB-NET', 'head'),
	('net-1', '网络部 优化专员 付强', 'HB-NET', 'officer'),
	('jc-head', '纪检监察室主任 高原', 'HB-DIS', 'head'),
	('jc-1', '纪检监察室 干事 宋佳', 'HB-DIS', 'officer');
-- ten 10086 agents
INSERT INTO complaint.staff (code, name, unit_code, title, supervisor_code)
SELECT format('csc-%s', lpad(i::text, 2, '0')), format('10086座席 %s号', lpad(i::text, 2, '0')), 'HB-CSC', 'agent', 'csc-head'
  FROM generate_series(1, 10) i;
-- every city: manager, supervising vice manager, interface person, three handlers; the hall's clerk
INSERT INTO complaint.staff (code, name, unit_code, title)
SELECT lower(c.code) || r.suffix, c.name || r.title, c.code, r.role
  FROM demo_city c,
	   (VALUES ('-gm', '分公司总经理', 'general manager'), ('-vp', '分公司副总经理(分管)', 'vice manager'),
			   ('-if', '投诉处理接口人', 'interface person'), ('-1', '客户经理 甲', 'handler'),
			   ('-2', '客户经理 乙', 'handler'), ('-3', '客户经理 丙', 'handler')) AS r (suffix, title, role)
UNION ALL
SELECT lower(c.code) || '-hall', c.name || '营业厅 值班经理', c.code || '-HALL', 'clerk' FROM demo_city c;

UPDATE complaint.staff SET supervisor_code = 'hb-vp' WHERE code IN ('csc-head', 'tar-head', 'net-head');
UPDATE complaint.staff SET supervisor_code = 'hb-gm' WHERE code IN ('hb-vp', 'jc-head');
UPDATE complaint.staff SET supervisor_code = regexp_replace(code, '-[^-]+$', '-vp')
 WHERE unit_code IN (SELECT code FROM demo_city) AND code !~ '-(gm|vp)$';
UPDATE complaint.staff SET supervisor_code = regexp_replace(code, '-vp$', '-gm') WHERE code ~ '^[a-z]{2}-vp$';

UPDATE complaint.unit SET head_staff = 'hb-gm', supervisor_staff = 'hb-vp' WHERE code = 'HB';
UPDATE complaint.unit SET head_staff = 'csc-head', supervisor_staff = 'hb-vp' WHERE code = 'HB-CSC';
UPDATE complaint.unit SET head_staff = 'tar-head', supervisor_staff = 'hb-vp' WHERE code = 'HB-TAR';
UPDATE complaint.unit SET head_staff = 'net-head', supervisor_staff = 'hb-vp' WHERE code = 'HB-NET';
UPDATE complaint.unit SET head_staff = 'jc-head', supervisor_staff = 'hb-gm' WHERE code = 'HB-DIS';
UPDATE complaint.unit u SET head_staff = lower(u.code) || '-gm', supervisor_staff = lower(u.code) || '-vp',
							interface_staff = lower(u.code) || '-if'
 WHERE u.code IN (SELECT code FROM demo_city);
UPDATE complaint.unit u SET head_staff = lower(u.parent_code) || '-hall', supervisor_staff = lower(u.parent_code) || '-vp'
 WHERE u.code LIKE '%-HALL';

INSERT INTO complaint.category (code, name) VALUES
	('tariff', '资费争议'), ('network', '网络质量'), ('broadband', '宽带装维'),
	('service', '服务质量'), ('business', '业务办理'), ('roaming', '国际漫游');

-- the routing table: the city of the region, roaming to the province tariff department
INSERT INTO complaint.route (scope_unit, region, unit_code, note)
SELECT 'HB', c.region, c.code, '属地分公司处理' FROM demo_city c ORDER BY c.ord;
INSERT INTO complaint.route (scope_unit, category, unit_code, note)
VALUES ('HB', 'roaming', 'HB-TAR', '国际漫游由省公司市场经营部处理');

-- the operator's own time limits: an answer within 3 working days, 2 for a
-- complaint made on the web (限时办结制 第五条(五), 第七条(二)), for every unit
-- of the operator; a regulator's appeal (工信部 申诉) keeps the national
-- telecom rules shipped with the extension
INSERT INTO complaint.time_limit_rule (name, matter, unit_code, channel, lim, extension_cap, source) VALUES
	('荆楚通信 投诉答复', 'answer', 'HB', NULL, '3 working days', '3 working days', '限时办结制 第七条(二); 湖北移动 一'),
	('荆楚通信 网上投诉答复', 'answer', 'HB', 'web', '2 working days', '2 working days', '限时办结制 第五条(五)');

-- the telecom sanctions (湖北移动 六(四)) for the whole operator, and its
-- own accountability office on the last rung of the ladder of its rules
INSERT INTO complaint.sanction_variant (unit_code, variant) VALUES ('HB', 'telecom');
INSERT INTO complaint.escalation_policy (rule_id, office_unit)
SELECT r.id, 'HB-DIS' FROM complaint.time_limit_rule r
 WHERE (r.unit_code = 'HB' OR (r.kind = 'appeal' AND r.sector = 'telecom'))
   AND NOT EXISTS (SELECT FROM complaint.escalation_policy x WHERE x.rule_id = r.id);

COMMIT;
