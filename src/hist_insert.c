/*-------------------------------------------------------------------------
 *
 * src/hist_insert.c
 *	  Direct (executor-level) writes to the history tables: inserts, and
 *	  ending the open rows of a case; see hist_insert.h.
 *
 * A row goes through ExecSimpleRelationInsert() or ...Update(), the
 * routines logical replication applies rows with: BEFORE ROW triggers,
 * NOT NULL and CHECK constraints, the heap write, every index entry
 * (unique checks, expressions and partial predicates evaluated in the
 * EState's per-tuple context) and AFTER ROW triggers (foreign keys
 * included), queued and fired by the AfterTriggerBeginQuery/EndQuery
 * bracket of the writer, as for one INSERT or UPDATE statement; stored
 * generated columns are computed by those routines too.  What
 * such a statement would do beyond that (statement triggers, transition
 * tables, INSTEAD triggers, row security, defaults of other columns)
 * makes the table ineligible, and the caller falls back to
 * SQL.  Two exceptions: the BEFORE ROW triggers of complaint.history_guard()
 * do not fire here, as they would only let the extension's own writes
 * through (HistPrepareTriggers); and statement triggers enabled for
 * replica mode only (the reports' complaint.report_mark_stale) do not
 * make the table ineligible, since they cannot fire outside that mode:
 * in it, the caller writes with SQL (HistStatementWork).
 *
 * State: the HistTable structs passed in (static in their callers) cache
 * the relation's OID, column map, identity sequence, the index on the key
 * column, its triggers less the guard's, and the table's CHECK
 * constraints and stored generated columns prepared for execution (which
 * an INSERT statement would otherwise parse and plan again for every
 * statement; here once per backend).  A relcache callback, registered on
 * first use, forgets the cache of a table when it changes (ALTER TABLE,
 * CREATE TRIGGER, DROP/CREATE EXTENSION, ...).  The cache is rebuilt
 * while holding RowExclusiveLock on the table, which every DDL that could
 * change the answer conflicts with.  A replaced cache's memory is handed
 * to the transaction (an outer call may still be using it) and goes with
 * it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/sysattr.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/sequence.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "hist_insert.h"

#define HIST_MAX_TABLES 4

static HistTable *known_tables[HIST_MAX_TABLES];
static int	n_known_tables = 0;
static bool callback_registered = false;

/* HistRelcacheCallback --- forget what we knew of a table that changed */
static void
HistRelcacheCallback(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < n_known_tables; i++)
		if (relid == InvalidOid || known_tables[i]->relid == relid)
			known_tables[i]->relid = InvalidOid;
}

/* HistRemember --- make the relcache callback see t */
static void
HistRemember(HistTable *t)
{
	int			i;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(HistRelcacheCallback, (Datum) 0);
		callback_registered = true;
	}
	for (i = 0; i < n_known_tables; i++)
		if (known_tables[i] == t)
			return;
	if (n_known_tables >= HIST_MAX_TABLES)
		elog(ERROR, "too many history tables for the direct insert path");	/* internal error */
	known_tables[n_known_tables++] = t;
}

/*
 * HistKeyIndex --- a valid, non-partial btree index of rel whose only
 * column is the bigint attribute attnum (integer_ops), or InvalidOid.
 */
static Oid
HistKeyIndex(Relation rel, AttrNumber attnum)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	Oid			found = InvalidOid;

	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index form = idx->rd_index;
		bool		fits;

		fits = idx->rd_rel->relam == BTREE_AM_OID &&
			form->indisvalid && form->indisready && form->indislive &&
			form->indnkeyatts == 1 && form->indkey.values[0] == attnum &&
			idx->rd_opfamily[0] == INTEGER_BTREE_FAM_OID &&
			RelationGetIndexPredicate(idx) == NIL &&
			RelationGetIndexExpressions(idx) == NIL;
		index_close(idx, AccessShareLock);
		if (fits)
		{
			found = lfirst_oid(lc);
			break;
		}
	}
	list_free(indexes);
	return found;
}

/*
 * HistPrepareChecks --- the CHECK constraints of rel, as ExecConstraints()
 * would prepare them, in a memory context of t's that outlives statements.
 */
static void
HistPrepareChecks(HistTable *t, Relation rel)
{
	TupleConstr *constr = RelationGetDescr(rel)->constr;
	MemoryContext old;
	int			i;

	if (constr == NULL || constr->num_check == 0)
		return;
	old = MemoryContextSwitchTo(t->cxt);
	t->checks = palloc(constr->num_check * sizeof(ExprState *));
	for (i = 0; i < constr->num_check; i++)
		t->checks[i] = ExecInitExpr(expression_planner(stringToNode(constr->check[i].ccbin)),
									NULL);
	MemoryContextSwitchTo(old);
}

/*
 * HistPrepareGenerated --- the stored generated columns of rel, as
 * ExecComputeStoredGenerated() would prepare them for every statement,
 * in t's memory context.  All of them are computed on every write, an
 * update included: a column that does not depend on the updated ones gets
 * its old value again.
 */
static void
HistPrepareGenerated(HistTable *t, Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	MemoryContext old;
	int			i;

	if (desc->constr == NULL || !desc->constr->has_generated_stored)
		return;
	old = MemoryContextSwitchTo(t->cxt);
	t->generated = palloc0(desc->natts * sizeof(ExprState *));
	for (i = 0; i < desc->natts; i++)
	{
		Expr	   *expr;

		if (TupleDescAttr(desc, i)->attgenerated != ATTRIBUTE_GENERATED_STORED)
			continue;
		expr = (Expr *) build_column_default(rel, i + 1);
		if (expr == NULL)
			elog(ERROR, "no generation expression found for column number %d of table \"%s\"",
				 i + 1, RelationGetRelationName(rel));	/* internal error */
		t->generated[i] = ExecInitExpr(expression_planner(expr), NULL);
		t->ngenerated++;
	}
	MemoryContextSwitchTo(old);
}

/*
 * HistIsGuard --- whether trigger tg runs complaint.history_guard() (the
 * function of that name in the table's own schema) BEFORE ROW
 */
static bool
HistIsGuard(Relation rel, Trigger *tg)
{
	char	   *name;

	if (!TRIGGER_FOR_ROW(tg->tgtype) || !TRIGGER_FOR_BEFORE(tg->tgtype) ||
		get_func_namespace(tg->tgfoid) != RelationGetNamespace(rel))
		return false;
	name = get_func_name(tg->tgfoid);
	return name != NULL && strcmp(name, "history_guard") == 0;
}

/*
 * HistPrepareTriggers --- the table's triggers for the direct path.  The
 * guard's BEFORE ROW triggers are left out: they let the extension's own
 * writes through anyway (we write inside the HistoryWriteBegin bracket,
 * and only fill `until` from NULL), and refuse everybody else's, who do
 * not come this way.  Every other trigger stays.
 */
static void
HistPrepareTriggers(HistTable *t, Relation rel)
{
	TriggerDesc *td = rel->trigdesc;
	bool		guard_only_insert = true;
	bool		guard_only_update = true;
	MemoryContext old;
	int			i;

	if (td == NULL)
		return;
	for (i = 0; i < td->numtriggers; i++)
	{
		Trigger    *tg = &td->triggers[i];

		if (!TRIGGER_FOR_ROW(tg->tgtype) || !TRIGGER_FOR_BEFORE(tg->tgtype))
			continue;
		if (TRIGGER_FOR_INSERT(tg->tgtype) && !HistIsGuard(rel, tg))
			guard_only_insert = false;
		if (TRIGGER_FOR_UPDATE(tg->tgtype) && !HistIsGuard(rel, tg))
			guard_only_update = false;
	}
	old = MemoryContextSwitchTo(t->cxt);
	t->trigdesc = CopyTriggerDesc(td);
	MemoryContextSwitchTo(old);
	if (guard_only_insert)
		t->trigdesc->trig_insert_before_row = false;
	if (guard_only_update)
		t->trigdesc->trig_update_before_row = false;
}

/*
 * HistStatementWork --- whether rel's triggers for the event (insert or
 * update) need statement-level work the direct path does not do: an
 * INSTEAD OF ROW trigger, transition tables, or a statement trigger that
 * can fire outside replication replica mode.  Statement triggers enabled
 * only for replica mode (ENABLE REPLICA TRIGGER) are left out and noted
 * in *replica_only: then HistOpen() falls back to SQL in that mode only,
 * where they fire.
 */
static bool
HistStatementWork(TriggerDesc *trig, bool update, bool *replica_only)
{
	int			i;

	if (trig == NULL)
		return false;
	if (update ? (trig->trig_update_instead_row || trig->trig_update_old_table ||
				  trig->trig_update_new_table)
		: (trig->trig_insert_instead_row || trig->trig_insert_new_table))
		return true;
	for (i = 0; i < trig->numtriggers; i++)
	{
		Trigger    *tg = &trig->triggers[i];

		if (TRIGGER_FOR_ROW(tg->tgtype) ||
			!(update ? TRIGGER_FOR_UPDATE(tg->tgtype) : TRIGGER_FOR_INSERT(tg->tgtype)))
			continue;
		if (tg->tgenabled == TRIGGER_DISABLED)
			continue;
		if (tg->tgenabled != TRIGGER_FIRES_ON_REPLICA)
			return true;
		*replica_only = true;
	}
	return false;
}

/*
 * HistAnalyze --- fill t's cache for rel (locked): the column map, the
 * identity sequence, and whether an executor-level insert does all that
 * an INSERT statement would.
 */
static void
HistAnalyze(HistTable *t, Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	TriggerDesc *trig = rel->trigdesc;
	int			live = 0;
	int			c;
	int			i;

	HistRemember(t);
	if (t->cxt != NULL)
		MemoryContextSetParent(t->cxt, TopTransactionContext);
	t->cxt = NULL;
	t->checks = NULL;
	t->generated = NULL;
	t->ngenerated = 0;
	t->trigdesc = NULL;
	t->relid = InvalidOid;
	t->direct = false;
	t->seqid = InvalidOid;
	t->keyindex = InvalidOid;
	t->fillable = false;
	t->replica_triggers = false;

	for (c = 0; c < t->ncols; c++)
	{
		t->attno[c] = -1;
		for (i = 0; i < desc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, i);

			if (!att->attisdropped && strcmp(NameStr(att->attname), t->cols[c]) == 0)
			{
				t->attno[c] = i;
				break;
			}
		}
	}
	/* the columns the writer fills: all but dropped and generated ones */
	for (i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped && TupleDescAttr(desc, i)->attgenerated == '\0')
			live++;

	t->relid = RelationGetRelid(rel);
	if (rel->rd_rel->relkind != RELKIND_RELATION || rel->rd_rel->relrowsecurity)
		return;
	if (live != t->ncols)
		return;					/* a column we do not know, or one missing */
	for (c = 0; c < t->ncols; c++)
		if (t->attno[c] < 0)
			return;
	if (HistStatementWork(trig, false, &t->replica_triggers))
		return;
	if (TupleDescAttr(desc, t->attno[0])->attidentity == '\0' ||
		TupleDescAttr(desc, t->attno[0])->atttypid != INT8OID)
		return;
	t->seqid = getIdentitySequence(t->relid, t->attno[0] + 1, true);
	if (!OidIsValid(t->seqid))
		return;
	t->cxt = AllocSetContextCreate(CacheMemoryContext, "complaint history table",
								   ALLOCSET_SMALL_SIZES);
	HistPrepareChecks(t, rel);
	HistPrepareGenerated(t, rel);
	HistPrepareTriggers(t, rel);
	t->direct = true;

	/* updates: an index to find the rows of a key, no statement-level work */
	if (HistStatementWork(trig, true, &t->replica_triggers))
		return;
	if (t->ncols < 2 || TupleDescAttr(desc, t->attno[1])->atttypid != INT8OID)
		return;
	t->keyindex = HistKeyIndex(rel, t->attno[1] + 1);
	t->fillable = OidIsValid(t->keyindex);
}

HistWriter *
HistOpen(HistTable *t)
{
	Oid			relid;
	Relation	rel;
	HistWriter *w;
	RangeTblEntry *rte;

	/*
	 * The table we analysed, if it is still there: locking it takes in the
	 * invalidations, and the relcache callback forgets t->relid if the
	 * table changed or went away meanwhile; then look it up by name.
	 */
	rel = NULL;
	relid = t->relid;
	if (OidIsValid(relid))
	{
		rel = try_table_open(relid, RowExclusiveLock);
		if (rel != NULL && t->relid != relid)
		{
			table_close(rel, RowExclusiveLock);
			rel = NULL;
		}
	}
	if (rel == NULL)
	{
		relid = RangeVarGetRelid(makeRangeVar("complaint", (char *) t->relname, -1),
								 RowExclusiveLock, false);
		rel = table_open(relid, NoLock);
	}
	if (t->relid != relid)
		HistAnalyze(t, rel);
	if (!t->direct ||
		(t->replica_triggers && SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA))
	{
		table_close(rel, NoLock);
		return NULL;
	}

	w = palloc0(sizeof(HistWriter));
	w->t = t;
	w->rel = rel;
	w->estate = CreateExecutorState();
	rte = makeNode(RangeTblEntry);
	rte->rtekind = RTE_RELATION;
	rte->relid = relid;
	rte->relkind = rel->rd_rel->relkind;
	rte->rellockmode = RowExclusiveLock;
	ExecInitRangeTable(w->estate, list_make1(rte));
	w->rte = rte;
	w->rri = makeNode(ResultRelInfo);
	InitResultRelInfo(w->rri, rel, 1, NULL, 0);
	w->rri->ri_ConstraintExprs = t->checks; /* NULL: ExecConstraints makes them */
	if (t->generated != NULL)
	{
		CompatSetGeneratedExprs(w->rri, t->generated, t->ngenerated);
	}
	w->rri->ri_TrigDesc = t->trigdesc;	/* same triggers, same order */
	/* the trigger machinery finds its result relation here, not anew */
	w->estate->es_opened_result_relations = list_make1(w->rri);
	w->estate->es_output_cid = GetCurrentCommandId(true);
	AfterTriggerBeginQuery();
	ExecOpenIndices(w->rri, false);
	return w;
}

Oid
HistColumnType(HistWriter *w, int c)
{
	return TupleDescAttr(RelationGetDescr(w->rel), w->t->attno[c])->atttypid;
}

void
HistClose(HistWriter *w)
{
	EState	   *estate = w->estate;

	AfterTriggerEndQuery(estate);
	/* our indexes, and relations the trigger machinery opened */
	ExecCloseResultRelations(estate);
	ExecCloseRangeTableRelations(estate);
	ExecResetTupleTable(estate->es_tupleTable, false);
	FreeExecutorState(estate);
	table_close(w->rel, NoLock);
	pfree(w);
}

void
HistInsertRow(HistWriter *w, Datum *values, bool *nulls)
{
	HistTable  *t = w->t;
	EState	   *estate = w->estate;
	TupleTableSlot *slot;
	int			c;

	if (w->insert_slot == NULL)
		w->insert_slot = ExecInitExtraTupleSlot(estate, RelationGetDescr(w->rel),
												&TTSOpsVirtual);
	slot = w->insert_slot;
	ExecClearTuple(slot);
	memset(slot->tts_isnull, true, slot->tts_tupleDescriptor->natts * sizeof(bool));
	slot->tts_values[t->attno[0]] = Int64GetDatum(nextval_internal(t->seqid, false));
	slot->tts_isnull[t->attno[0]] = false;
	for (c = 1; c < t->ncols; c++)
	{
		slot->tts_values[t->attno[c]] = values[c];
		slot->tts_isnull[t->attno[c]] = nulls[c];
	}
	ExecStoreVirtualTuple(slot);
	ExecSimpleRelationInsert(w->rri, estate, slot);
	ResetPerTupleExprContext(estate);
}

bool
HistFillOpen(HistWriter *w, int64 key, int fillcol, int fromcol, TimestampTz at,
			 int filtercol, const Datum *filter, int nfilter)
{
	HistTable  *t = w->t;
	Relation	rel = w->rel;
	EState	   *estate = w->estate;
	int			fill = t->attno[fillcol];
	int			from = t->attno[fromcol];
	EPQState	epqstate;
	Snapshot	snapshot;
	Relation	idx;
	IndexScanDesc scan;
	ScanKeyData skey;
	TupleTableSlot *found;
	TupleTableSlot *locked;
	TupleTableSlot *newslot;
	TupleDesc	desc = RelationGetDescr(rel);

	if (!t->fillable)
		return false;
	if (TupleDescAttr(desc, fill)->atttypid != TIMESTAMPTZOID ||
		TupleDescAttr(desc, from)->atttypid != TIMESTAMPTZOID)
		elog(ERROR, "history columns \"%s\" and \"%s\" must be timestamptz",
			 t->cols[fillcol], t->cols[fromcol]);	/* internal error */

	/*
	 * As a new statement would: see what came before, with a new snapshot.
	 * Rows this writer writes from now on get the new command id.
	 */
	CommandCounterIncrement();
	estate->es_output_cid = GetCurrentCommandId(true);
	snapshot = RegisterSnapshot(GetTransactionSnapshot());

	w->rte->updatedCols = bms_make_singleton(fill + 1 - FirstLowInvalidHeapAttributeNumber);
	estate->es_snapshot = snapshot;
	EvalPlanQualInit(&epqstate, estate, NULL, NIL, -1);
	found = table_slot_create(rel, &estate->es_tupleTable);
	locked = table_slot_create(rel, &estate->es_tupleTable);
	newslot = ExecInitExtraTupleSlot(estate, desc, &TTSOpsVirtual);

	idx = index_open(t->keyindex, AccessShareLock);
	ScanKeyInit(&skey, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
	scan = index_beginscan(rel, idx, snapshot, 1, 0);
	index_rescan(scan, &skey, 1, NULL, 0);

	while (index_getnext_slot(scan, ForwardScanDirection, found))
	{
		TM_FailureData tmfd;
		TM_Result	res;
		TimestampTz since;
		int			i;

		slot_getallattrs(found);
		if (!found->tts_isnull[fill])
			continue;
		if (nfilter > 0)
		{
			bool		match = false;

			if (found->tts_isnull[t->attno[filtercol]])
				continue;
			for (i = 0; i < nfilter; i++)
				if (found->tts_values[t->attno[filtercol]] == filter[i])
					match = true;
			if (!match)
				continue;
		}

		/*
		 * Lock the row as UPDATE would.  Steps change the rows of a case
		 * only under the lock of the case row, so nobody else can have.
		 */
		res = table_tuple_lock(rel, &found->tts_tid, snapshot, locked,
							   estate->es_output_cid, LockTupleNoKeyExclusive,
							   LockWaitBlock, 0, &tmfd);
		if (res != TM_Ok)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not serialize access due to concurrent update of %s.%s",
							"complaint", RelationGetRelationName(rel))));

		slot_getallattrs(locked);
		ExecClearTuple(newslot);
		memcpy(newslot->tts_values, locked->tts_values, desc->natts * sizeof(Datum));
		memcpy(newslot->tts_isnull, locked->tts_isnull, desc->natts * sizeof(bool));
		since = locked->tts_isnull[from] ? DT_NOBEGIN
			: DatumGetTimestampTz(locked->tts_values[from]);
		newslot->tts_values[fill] = TimestampTzGetDatum(since > at ? since : at);
		newslot->tts_isnull[fill] = false;
		ExecStoreVirtualTuple(newslot);

		ExecSimpleRelationUpdate(w->rri, estate, &epqstate, locked, newslot);
		ResetPerTupleExprContext(estate);
	}

	index_endscan(scan);
	index_close(idx, AccessShareLock);
	EvalPlanQualEnd(&epqstate);
	estate->es_snapshot = InvalidSnapshot;
	w->rte->updatedCols = NULL;
	UnregisterSnapshot(snapshot);
	return true;
}
