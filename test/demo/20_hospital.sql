-- test/demo/20_hospital.sql
--
-- Demo data: a city hospital's complaint organisation (医院投诉管理办法, the
-- hospital rules in the seeds).  The outpatient service desk (门诊服务台)
-- receives complaints; its staff are first responders.  Complaints are
-- routed by category to the department that handles them: medical (医务科),
-- nursing (护理部), billing (财务科), medical insurance (医保办), logistics
-- (后勤保障科) and service attitude (门诊部).  The discipline inspection
-- office (纪检监察室) is the accountability office.
-- Loaded by test/demo.sh after CREATE EXTENSION complaint, in file-name order.

BEGIN;

INSERT INTO complaint.unit (code, name, parent_code, sector, region, description) VALUES
	('H', '市第一人民医院', NULL, 'medical', 'city', 'the hospital'),
	('H-DESK', '门诊服务台', 'H', 'medical', 'city', 'outpatient service desk: receives complaints'),
	('H-MED', '医务科', 'H', 'medical', 'city', 'medical quality and disputes'),
	('H-NUR', '护理部', 'H', 'medical', 'city', 'nursing'),
	('H-FIN', '财务科', 'H', 'medical', 'city', 'billing'),
	('H-INS', '医保办', 'H', 'medical', 'city', 'medical insurance'),
	('H-LOG', '后勤保障科', 'H', 'medical', 'city', 'logistics, canteen, parking'),
	('H-OPD', '门诊部', 'H', 'medical', 'city', 'outpatient department: service attitude'),
	('H-DIS', '纪检监察室', 'H', 'medical', 'city', 'discipline inspection: accountability office');

INSERT INTO complaint.staff (code, name, unit_code, title) VALUES
	('dean', '院长 周明', 'H', 'dean'),
	('vp-med', '副院长 吴芳 (分管医疗)', 'H', 'vice dean'),
	('desk-li', '服务台 李静', 'H-DESK', 'receptionist'),
	('desk-wang', '服务台 王磊', 'H-DESK', 'receptionist'),
	('desk-head', '服务台主任 陈红', 'H-DESK', 'head'),
	('med-head', '医务科科长 赵刚', 'H-MED', 'head'),
	('med-1', '医务科 孙悦', 'H-MED', 'officer'),
	('nur-head', '护理部主任 钱丽', 'H-NUR', 'head'),
	('nur-1', '护理部 冯雪', 'H-NUR', 'officer'),
	('fin-head', '财务科科长 郑伟', 'H-FIN', 'head'),
	('fin-1', '财务科 褚楠', 'H-FIN', 'officer'),
	('ins-head', '医保办主任 卫东', 'H-INS', 'head'),
	('ins-1', '医保办 蒋琳', 'H-INS', 'officer'),
	('log-head', '后勤科科长 沈强', 'H-LOG', 'head'),
	('log-1', '后勤科 韩梅', 'H-LOG', 'officer'),
	('opd-head', '门诊部主任 杨帆', 'H-OPD', 'head'),
	('opd-1', '门诊部 朱琪', 'H-OPD', 'officer'),
	('dis-head', '纪检监察室主任 秦岭', 'H-DIS', 'head');

UPDATE complaint.staff SET supervisor_code = 'vp-med' WHERE code LIKE '%-head';
UPDATE complaint.staff SET supervisor_code = split_part(code, '-', 1) || '-head'
 WHERE code ~ '^(med|nur|fin|ins|log|opd)-1$';
UPDATE complaint.staff SET supervisor_code = 'desk-head' WHERE code IN ('desk-li', 'desk-wang');
UPDATE complaint.staff SET supervisor_code = 'dean' WHERE code = 'vp-med';

UPDATE complaint.unit u SET head_staff = s.code, supervisor_staff = 'vp-med'
  FROM complaint.staff s
 WHERE s.unit_code = u.code AND s.code LIKE '%-head';
UPDATE complaint.unit SET head_staff = 'dean', supervisor_staff = 'dean' WHERE code = 'H';

INSERT INTO complaint.category (code, name) VALUES
	('medical', '医疗质量'), ('nursing', '护理服务'), ('billing', '收费'),
	('insurance', '医保'), ('logistics', '后勤'), ('attitude', '服务态度');

INSERT INTO complaint.route (scope_unit, category, unit_code, note) VALUES
	('H', 'medical', 'H-MED', '医疗问题由医务科处理'),
	('H', 'nursing', 'H-NUR', '护理问题由护理部处理'),
	('H', 'billing', 'H-FIN', '收费问题由财务科处理'),
	('H', 'insurance', 'H-INS', '医保问题由医保办处理'),
	('H', 'logistics', 'H-LOG', '后勤问题由后勤保障科处理'),
	('H', 'attitude', 'H-OPD', '服务态度问题由门诊部处理');

-- the last rung of the escalation ladder goes to the discipline inspection office
UPDATE complaint.escalation_policy SET office_unit = 'H-DIS' WHERE rule_id IS NULL;

COMMIT;
