-- ---------------------------------------------------------------------------
-- src/sql/install/41_case_types.sql
--   Closed sets of the case workflow, as enum types.  The C triggers compare
--   these by label, never by OID or sort order, so values may be added at
--   the end by later versions.
-- ---------------------------------------------------------------------------

CREATE TYPE complaint.case_status AS ENUM (
	'registered',			-- 登记: written down by the first responder
	'accepted',				-- 受理: taken on by the organisation
	'transferred',			-- 转办: handed to another unit, which has not started yet
	'in_progress',			-- 办理中
	'waiting_materials',	-- 一次性告知: missing papers requested, the clock stops
	'answered',				-- 答复: answer given, waiting for the complainant's feedback
	'closed',				-- 办结: feedback and satisfaction recorded
	'referred_out',			-- 告知有管辖权的机关: outside the organisation's competence
	'reopened'				-- 重复/升级投诉: handling starts again
);
COMMENT ON TYPE complaint.case_status IS
	'lifecycle of a case: registered -> accepted -> (transferred)* -> in_progress <-> waiting_materials -> answered -> closed, plus referred_out and reopened';

CREATE TYPE complaint.case_kind AS ENUM (
	'inquiry',				-- 咨询
	'complaint',			-- 投诉
	'report',				-- 举报
	'suggestion',			-- 意见建议
	'petition',				-- 信访 (letters and visits under the petition rules)
	'appeal'				-- 申诉 (a user's appeal to a regulator)
);
COMMENT ON TYPE complaint.case_kind IS
	'what the complainant brings: inquiry, complaint, report, suggestion, petition (信访), appeal (申诉)';

CREATE TYPE complaint.case_channel AS ENUM (
	'visit',				-- 现场 / 来访
	'phone',				-- 电话 / 热线
	'letter',				-- 来信 / 信函
	'web',					-- 网站 / 网上
	'email',
	'sms',
	'app',					-- 手机银行, 微信, ...
	'media',				-- 媒体
	'superior',				-- 上级转办 / 领导交办
	'regulator',			-- 监管机构 / 政府部门转办
	'other'
);
COMMENT ON TYPE complaint.case_channel IS
	'how the case arrived; superior and regulator mean a transfer from above (such cases are upgraded complaints)';

CREATE TYPE complaint.case_complexity AS ENUM (
	'own_duty',				-- 属于工作人员自身职责范围 (第七条(一))
	'one_department',		-- 本部门共同协商办理 (第七条(二))
	'several_departments',	-- 几个部门共同协商办理 (第七条(三))
	'leadership'			-- 需要办公会研究或报上级审批 (第七条(四))
);
COMMENT ON TYPE complaint.case_complexity IS
	'how much of the organisation a case involves; chooses among the working-day limits of 限时办结制 第七条';

CREATE TYPE complaint.satisfaction AS ENUM (
	'satisfied',
	'basically_satisfied',
	'dissatisfied'
);
COMMENT ON TYPE complaint.satisfaction IS
	'the complainant''s answer when asked after the case was answered';

CREATE TYPE complaint.responsibility_role AS ENUM (
	'first_responder',		-- 首问责任人: accountable from registration to closing
	'handler',				-- 承办: the unit (and person) handling it now
	'co_handler',			-- 协办
	'supervisor',			-- 分管领导 / 督办
	'interface'				-- 接口人: must hand the ticket over within the hand-over limit
);
COMMENT ON TYPE complaint.responsibility_role IS
	'roles people and units hold on a case';

CREATE TYPE complaint.event_kind AS ENUM (
	'registered',
	'accepted',
	'transferred',
	'handed_over',
	'assigned',
	'started',
	'materials_requested',
	'materials_received',
	'extended',
	'answered',
	'feedback',
	'closed',
	'referred_out',
	'reopened',
	'repeat_received',
	'reclassified',
	'edited',
	'reprojected',
	'co_handler_added',
	'warned',
	'escalated'
);
COMMENT ON TYPE complaint.event_kind IS
	'kinds of steps recorded in the append-only case history (complaint.event)';

CREATE TYPE complaint.clock_start AS ENUM ('receipt', 'acceptance');
COMMENT ON TYPE complaint.clock_start IS
	'when a time limit starts counting: on the day of receipt or on the day of acceptance (受理之日起)';
