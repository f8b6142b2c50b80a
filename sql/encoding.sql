--
-- encoding: the extension installs and works in a database whose encoding
-- is EUC_CN (GB2312), as in UTF8: the install script (comments, Chinese
-- names of holidays, time-limit presets and comments) holds only characters
-- that EUC_CN has, and Chinese input and output are converted both ways.
-- Runs in a database of its own and drops it.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_euc_cn;
CREATE DATABASE regress_euc_cn ENCODING 'EUC_CN' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\set regress_db :DBNAME
\c regress_euc_cn
SET client_min_messages = warning;
SET client_encoding = 'UTF8';
SET timezone = 'Asia/Shanghai';
SET datestyle = ISO, YMD;
SHOW server_encoding;
CREATE EXTENSION complaint;
-- Chinese in both directions: time limits, holiday names, presets
SELECT '2个工作日'::complaint.time_limit AS lim, complaint.time_limit_chinese('30 days') AS chinese;
SELECT day, name FROM complaint.calendar_day WHERE calendar = 'CN' AND day BETWEEN '2025-10-01' AND '2025-10-03' ORDER BY day;
SELECT count(*) > 0 AS presets_with_chinese_sources FROM complaint.time_limit_rule WHERE source LIKE '%条%';
-- a case registered with a Chinese matter and complainant
BEGIN;
INSERT INTO complaint.unit (code, name) VALUES ('总部', '省公司');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('张', '张三', '总部');
COMMIT;
SET complaint.staff = '张';
SET complaint.now = '2025-09-30 10:00+08';
INSERT INTO complaint.cases (channel, matter, complainant_name) VALUES ('phone', '话费争议', '李四');
SELECT matter, complainant_name, first_responder, deadline FROM complaint.cases;
SELECT kind, actor FROM complaint.event ORDER BY id;
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_euc_cn;
