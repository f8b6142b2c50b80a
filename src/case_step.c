/*-------------------------------------------------------------------------
 *
 * src/case_step.c
 *	  Pending steps between the BEFORE and AFTER row triggers of
 *	  complaint.cases, and writing a step's history.
 *
 * State: pending_steps, a list in TopTransactionContext, newest first.
 * A transaction callback forgets it at commit and abort (its memory goes
 * with the transaction); a subtransaction callback drops the entries made
 * in a subtransaction that aborts, so that a rolled-back attempt can never
 * be recorded by a later statement.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "case_row.h"
#include "case_step.h"
#include "hist_insert.h"
#include "spi_util.h"
#include "staff.h"
#include "trg_history.h"

static CaseStep *pending_steps = NULL;
static bool callbacks_registered = false;

/* StepXactCallback --- the list dies with the transaction */
static void
StepXactCallback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_COMMIT ||
		event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PARALLEL_COMMIT ||
		event == XACT_EVENT_PREPARE)
		pending_steps = NULL;
}

/* StepSubXactCallback --- drop what an aborted subtransaction pushed */
static void
StepSubXactCallback(SubXactEvent event, SubTransactionId mySubid,
					SubTransactionId parentSubid, void *arg)
{
	CaseStep  **link;

	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	link = &pending_steps;
	while (*link != NULL)
	{
		if ((*link)->subxid >= mySubid)
			*link = (*link)->next;
		else
			link = &(*link)->next;
	}
}

CaseStep *
CaseStepPush(int64 case_id)
{
	CaseStep   *step;

	if (!callbacks_registered)
	{
		RegisterXactCallback(StepXactCallback, NULL);
		RegisterSubXactCallback(StepSubXactCallback, NULL);
		callbacks_registered = true;
	}
	step = MemoryContextAllocZero(TopTransactionContext, sizeof(CaseStep));
	step->case_id = case_id;
	step->subxid = GetCurrentSubTransactionId();
	step->next = pending_steps;
	pending_steps = step;
	return step;
}

char *
CaseStepStrdup(const char *s)
{
	return s == NULL ? NULL : MemoryContextStrdup(TopTransactionContext, s);
}

CaseStep *
CaseStepPop(int64 case_id)
{
	CaseStep  **link;

	for (link = &pending_steps; *link != NULL; link = &(*link)->next)
	{
		if ((*link)->case_id == case_id)
		{
			CaseStep   *step = *link;

			*link = step->next;
			step->next = NULL;
			return step;
		}
	}
	return NULL;
}

/* ----------------------------------------------------------------------
 * History statements (run as the extension owner, search_path pinned)
 * ----------------------------------------------------------------------
 */

/*
 * The responsibility rows go in one INSERT (one result relation to set up
 * instead of three), in the order the former separate statements wrote
 * them: interface, handler, first responder.  The events follow, written
 * directly (EventAppend).
 */
static SpiCachedPlan register_plan = {
	"INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since, due, report_due)"
	" SELECT $1, v.staff, v.unit, v.role, v.since, v.due, v.report_due"
	"   FROM (VALUES ($8, $6, 'interface'::complaint.responsibility_role, $7, $9, $10, $8 IS NOT NULL),"
	"                ($5, $6, 'handler'::complaint.responsibility_role, $7, NULL, NULL, $11),"
	"                ($2, $3, 'first_responder'::complaint.responsibility_role, $4, NULL, NULL, true))"
	"        AS v (staff, unit, role, since, due, report_due, keep)"
	"  WHERE v.keep",
	11, {INT8OID, TEXTOID, TEXTOID, TIMESTAMPTZOID, TEXTOID, TEXTOID, TIMESTAMPTZOID,
	TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, BOOLOID}, NULL
};

/*
 * Update steps: the responsibility changes in one statement, then the
 * event, written directly (EventAppend) except for an assignment, whose
 * event depends on the rows the statement closed.
 * $1 case, $2 at, $3 kind, $4 actor, $5 from status, $6 to status,
 * $7 detail (the plans that do not write the event leave $3..$7 unused);
 * then each plan's own parameters.
 */
#define EVENT_INSERT \
	" INSERT INTO complaint.event (case_id, at, kind, actor, from_status, to_status, detail)"
#define EVENT_TYPES \
	INT8OID, TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID

/*
 * $8 staff, $9 unit, $10 handler due, $11 interface, $12 hand-over due,
 * $13 report due.  The new rows go in one INSERT, interface person first
 * (the order the former separate statements wrote them in).
 */
static SpiCachedPlan transfer_plan = {
	"WITH c AS ("
	"  UPDATE complaint.responsibility SET until = greatest(since, $2)"
	"   WHERE case_id = $1 AND until IS NULL AND role IN ('handler', 'interface'))"
	" INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since, due, report_due)"
	" SELECT $1, v.staff, $9, v.role, $2, v.due, v.report_due"
	"   FROM (VALUES ($11, 'interface'::complaint.responsibility_role, $12, $13, $11 IS NOT NULL),"
	"                ($8, 'handler'::complaint.responsibility_role, $10, NULL, true))"
	"        AS v (staff, role, due, report_due, keep)"
	"  WHERE v.keep",
	13, {EVENT_TYPES, TEXTOID, TEXTOID, TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID}, NULL
};

/*
 * $8 staff, $9 unit.  When the ticket waited with the interface person,
 * an assignment is the hand-over: the event says so, and whether it was late.
 */
static SpiCachedPlan assign_plan = {
	"WITH c AS ("
	"  UPDATE complaint.responsibility SET until = greatest(since, $2)"
	"   WHERE case_id = $1 AND until IS NULL AND role IN ('handler', 'interface')"
	"  RETURNING role, due, staff_code),"
	" h AS ("
	"  INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since, due)"
	"  SELECT $1, $8, $9, 'handler', $2, (SELECT c.due FROM c WHERE c.role = 'handler' LIMIT 1)),"
	" x AS ("
	"  SELECT (SELECT c.staff_code FROM c WHERE c.role = 'interface' LIMIT 1) AS iface,"
	"         (SELECT c.due FROM c WHERE c.role = 'interface' LIMIT 1) AS due,"
	"         EXISTS (SELECT 1 FROM c WHERE c.role = 'interface') AND $3 = 'assigned' AS handover)"
	EVENT_INSERT
	" SELECT $1, $2, (CASE WHEN x.handover THEN 'handed_over' ELSE $3 END)::complaint.event_kind,"
	"        $4, $5::complaint.case_status, $6::complaint.case_status,"
	"        coalesce($7::jsonb, '{}'::jsonb)"
	"        || CASE WHEN x.handover"
	"           THEN jsonb_strip_nulls(jsonb_build_object('interface', x.iface, 'handover_due', x.due,"
	"                                                     'late', $2 > x.due))"
	"           ELSE '{}'::jsonb END"
	"   FROM x",
	9, {EVENT_TYPES, TEXTOID, TEXTOID}, NULL
};

static SpiCachedPlan close_all_plan = {
	"UPDATE complaint.responsibility SET until = greatest(since, $2)"
	" WHERE case_id = $1 AND until IS NULL",
	2, {INT8OID, TIMESTAMPTZOID}, NULL
};

/* $8 first responder, $9 unit, $10 staff */
static SpiCachedPlan reopen_plan = {
	"WITH fr AS ("
	"  INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since)"
	"  SELECT $1, s.code, s.unit_code, 'first_responder', $2"
	"    FROM complaint.staff s WHERE s.code = $8)"
	" INSERT INTO complaint.responsibility (case_id, staff_code, unit_code, role, since)"
	" VALUES ($1, $10, $9, 'handler', $2)",
	10, {EVENT_TYPES, TEXTOID, TEXTOID, TEXTOID}, NULL
};

/* ----------------------------------------------------------------------
 * Responsibility rows without SQL (hist_insert.h); each function returns
 * false, having written nothing, when the table needs the SQL above.
 * ----------------------------------------------------------------------
 */
static HistTable resp_table = {
	.relname = "responsibility",
	.ncols = 9,
	.cols = {"id", "case_id", "staff_code", "unit_code", "role", "since", "until", "due", "report_due"}
};
enum
{
	R_ID, R_CASE, R_STAFF, R_UNIT, R_ROLE, R_SINCE, R_UNTIL, R_DUE, R_REPORT
};

/* RespInsert --- one new responsibility row (due, report_due: when has_) */
static void
RespInsert(HistWriter *w, int64 case_id, const char *staff, const char *unit,
		   const char *role, TimestampTz since, bool has_due, TimestampTz due,
		   bool has_report_due, TimestampTz report_due)
{
	Datum		v[9];
	bool		n[9];

	memset(n, false, sizeof(n));
	v[R_CASE] = Int64GetDatum(case_id);
	n[R_STAFF] = staff == NULL;
	v[R_STAFF] = staff == NULL ? (Datum) 0 : CStringGetTextDatum(staff);
	n[R_UNIT] = unit == NULL;
	v[R_UNIT] = unit == NULL ? (Datum) 0 : CStringGetTextDatum(unit);
	v[R_ROLE] = EnumValueOf(HistColumnType(w, R_ROLE), role);
	v[R_SINCE] = TimestampTzGetDatum(since);
	n[R_UNTIL] = true;
	v[R_UNTIL] = (Datum) 0;
	n[R_DUE] = !has_due;
	v[R_DUE] = TimestampTzGetDatum(due);
	n[R_REPORT] = !has_report_due;
	v[R_REPORT] = TimestampTzGetDatum(report_due);
	HistInsertRow(w, v, n);
}

/* RespRegisterDirect --- register_plan without SQL */
static bool
RespRegisterDirect(CaseStep *step, bool handler_row)
{
	HistWriter *w = HistOpen(&resp_table);

	if (w == NULL)
		return false;
	if (step->interface_staff != NULL)
		RespInsert(w, step->case_id, step->interface_staff, step->unit, "interface",
				   step->at, step->has_handover_due, step->handover_due,
				   step->has_report_due, step->report_due);
	if (handler_row)
		RespInsert(w, step->case_id, step->staff, step->unit, "handler",
				   step->at, false, 0, false, 0);
	RespInsert(w, step->case_id, step->first_responder, step->fr_unit, "first_responder",
			   step->received_at, false, 0, false, 0);
	HistClose(w);
	return true;
}

/*
 * RespCloseDirect --- end the open rows of the case (for a transfer only the
 * handler and interface rows), as the UPDATE of transfer_plan or
 * close_all_plan; for a transfer, then the new rows as transfer_plan.
 */
static bool
RespCloseDirect(CaseStep *step, bool transfer)
{
	HistWriter *w = HistOpen(&resp_table);
	Datum		roles[2] = {0, 0};
	bool		done;

	if (w == NULL)
		return false;
	if (transfer)
	{
		Oid			roletype = HistColumnType(w, R_ROLE);

		roles[0] = EnumValueOf(roletype, "handler");
		roles[1] = EnumValueOf(roletype, "interface");
	}
	done = HistFillOpen(w, step->case_id, R_UNTIL, R_SINCE, step->at,
						R_ROLE, roles, transfer ? 2 : 0);
	if (done && transfer)
	{
		if (step->interface_staff != NULL)
			RespInsert(w, step->case_id, step->interface_staff, step->unit, "interface",
					   step->at, step->has_handover_due, step->handover_due,
					   step->has_report_due, step->report_due);
		RespInsert(w, step->case_id, step->staff, step->unit, "handler",
				   step->at, step->has_handler_due, step->handler_due, false, 0);
	}
	HistClose(w);
	return done;
}

/*
 * StepSql --- the SPI bracket of one step's writes, opened only when a
 * statement is needed (a table the direct path cannot write, an
 * assignment, a reopening): the direct writes need neither SPI nor the
 * owner's identity nor a pinned search_path, and setting those up costs
 * more than a direct row.
 */
typedef struct StepSql
{
	Oid			owner;
	bool		open;
	SpiSession	session;
} StepSql;

/* StepSqlRun --- run a cached plan inside the step's SPI bracket */
static void
StepSqlRun(StepSql *sql, SpiCachedPlan *plan, Datum *values, const char *nulls,
		   int expected_rc)
{
	if (!sql->open)
	{
		SpiBegin(&sql->session, sql->owner);
		sql->open = true;
	}
	SpiRun(plan, values, nulls, false, 0, expected_rc);
}

/* TsArg --- a timestamptz argument, or null */
static Datum
TsArg(bool present, TimestampTz ts, char *nulls, int i)
{
	nulls[i] = present ? ' ' : 'n';
	return TimestampTzGetDatum(ts);
}

/* WriteRegistration --- first responder, handler, interface rows and events */
static void
WriteRegistration(StepSql *sql, CaseStep *step)
{
	Datum		v[11];
	char		n[11];

	memset(n, ' ', sizeof(n));
	v[0] = Int64GetDatum(step->case_id);
	v[1] = SpiTextArg(step->first_responder, n, 1);
	v[2] = SpiTextArg(step->fr_unit, n, 2);
	v[3] = TimestampTzGetDatum(step->received_at);
	v[4] = SpiTextArg(step->staff, n, 4);
	v[5] = SpiTextArg(step->unit, n, 5);
	v[6] = TimestampTzGetDatum(step->at);
	v[7] = SpiTextArg(step->interface_staff, n, 7);
	v[8] = TsArg(step->has_handover_due, step->handover_due, n, 8);
	v[9] = TsArg(step->has_report_due, step->report_due, n, 9);
	/* a handler row only when someone else than the first responder handles it */
	v[10] = BoolGetDatum(step->staff == NULL ||
						 strcmp(step->staff, step->first_responder) != 0 ||
						 strcmp(step->unit, step->fr_unit) != 0);
	if (!RespRegisterDirect(step, DatumGetBool(v[10])))
		StepSqlRun(sql, &register_plan, v, n, SPI_OK_INSERT);

	/* the registration, then (a repeat) the earlier case hears of it */
	EventAppend(step->case_id, step->at, "registered", step->first_responder,
				NULL, "registered", step->detail);
	if (step->repeat_of != 0)
		EventAppend(step->repeat_of, step->at, "repeat_received", step->first_responder,
					NULL, NULL,
					psprintf("{\"repeat_case\": " INT64_FORMAT "}", step->case_id));
}

/* WriteStep --- an update step's responsibility rows, then its event */
static void
WriteStep(StepSql *sql, CaseStep *step, const char *actor)
{
	Datum		v[13];
	char		n[13];

	memset(n, ' ', sizeof(n));
	v[0] = Int64GetDatum(step->case_id);
	v[1] = TimestampTzGetDatum(step->at);
	v[2] = SpiTextArg(step->kind, n, 2);
	v[3] = SpiTextArg(actor, n, 3);
	v[4] = SpiTextArg(step->from_status, n, 4);
	v[5] = SpiTextArg(step->to_status, n, 5);
	v[6] = SpiTextArg(step->detail, n, 6);

	switch (step->resp)
	{
		case STEP_RESP_NONE:
		case STEP_RESP_REGISTER:
			EventAppend(step->case_id, step->at, step->kind, actor,
						step->from_status, step->to_status, step->detail);
			break;
		case STEP_RESP_TRANSFER:
			v[7] = SpiTextArg(step->staff, n, 7);
			v[8] = SpiTextArg(step->unit, n, 8);
			v[9] = TsArg(step->has_handler_due, step->handler_due, n, 9);
			v[10] = SpiTextArg(step->interface_staff, n, 10);
			v[11] = TsArg(step->has_handover_due, step->handover_due, n, 11);
			v[12] = TsArg(step->has_report_due, step->report_due, n, 12);
			if (!RespCloseDirect(step, true))
				StepSqlRun(sql, &transfer_plan, v, n, SPI_OK_INSERT);
			EventAppend(step->case_id, step->at, step->kind, actor,
						step->from_status, step->to_status, step->detail);
			break;
		case STEP_RESP_ASSIGN:
			v[7] = SpiTextArg(step->staff, n, 7);
			v[8] = SpiTextArg(step->unit, n, 8);
			StepSqlRun(sql, &assign_plan, v, n, SPI_OK_INSERT);
			break;
		case STEP_RESP_CLOSE_ALL:
			if (!RespCloseDirect(step, false))
				StepSqlRun(sql, &close_all_plan, v, n, SPI_OK_UPDATE);
			EventAppend(step->case_id, step->at, step->kind, actor,
						step->from_status, step->to_status, step->detail);
			break;
		case STEP_RESP_REOPEN:
			v[7] = SpiTextArg(step->first_responder, n, 7);
			v[8] = SpiTextArg(step->unit, n, 8);
			v[9] = SpiTextArg(step->staff, n, 9);
			StepSqlRun(sql, &reopen_plan, v, n, SPI_OK_INSERT);
			EventAppend(step->case_id, step->at, step->kind, actor,
						step->from_status, step->to_status, step->detail);
			break;
	}
}

/*
 * CaseStepWrite --- see case_step.h.  History writes are allowed only
 * inside; the statements that some writes need run in one SPI bracket
 * acting as owner (StepSql), opened on first use.
 */
void
CaseStepWrite(CaseStep *step, Oid owner, Oid roleid)
{
	StepSql		sql;
	StaffInfo	who;

	sql.owner = owner;
	sql.open = false;

	if (step->resp == STEP_RESP_REGISTER)
		who.code = step->actor;
	else if (!StaffActing(roleid, step->system, &who))
		who.code = NULL;

	HistoryWriteBegin();
	PG_TRY();
	{
		if (step->resp == STEP_RESP_REGISTER)
			WriteRegistration(&sql, step);
		else if (step->kind != NULL)
			WriteStep(&sql, step, who.code);
	}
	PG_FINALLY();
	{
		HistoryWriteEnd();
	}
	PG_END_TRY();

	if (sql.open)
		SpiEnd(&sql.session);
}
