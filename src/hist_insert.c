/*-------------------------------------------------------------------------
 *
 * src/hist_insert.c
 *	  Direct (executor-level) inserts into the history tables; see
 *	  hist_insert.h.
 *
 * The row goes through ExecSimpleRelationInsert(), the routine logical
 * replication applies rows with: BEFORE ROW triggers (history_guard),
 * NOT NULL and CHECK constraints, the heap insert, every index entry
 * (unique checks, expressions and partial predicates evaluated in the
 * EState's per-tuple context) and AFTER ROW triggers, which are queued
 * and fired by the AfterTriggerBeginQuery/EndQuery bracket around it,
 * exactly as for an INSERT statement.  What a single-row INSERT would do
 * beyond that (statement triggers, transition tables, INSTEAD triggers,
 * row security, generated columns, defaults of other columns) makes the
 * table ineligible, and the caller falls back to SQL.
 *
 * State: the HistTable structs passed in (static in their callers) cache
 * the relation's OID, column map and identity sequence.  A relcache
 * callback, registered on first use, forgets the cache of a table when it
 * changes (ALTER TABLE, CREATE TRIGGER, DROP/CREATE EXTENSION, ...).  The
 * cache is rebuilt while holding RowExclusiveLock on the table, which
 * every DDL that could change the answer conflicts with.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/sequence.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "storage/lmgr.h"
#include "utils/inval.h"
#include "utils/rel.h"

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
	t->relid = InvalidOid;
	t->direct = false;
	t->seqid = InvalidOid;

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
	for (i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			live++;

	t->relid = RelationGetRelid(rel);
	if (rel->rd_rel->relkind != RELKIND_RELATION || rel->rd_rel->relrowsecurity)
		return;
	if (live != t->ncols)
		return;					/* a column we do not know, or one missing */
	for (c = 0; c < t->ncols; c++)
		if (t->attno[c] < 0)
			return;
	if (desc->constr != NULL && desc->constr->has_generated_stored)
		return;
	if (trig != NULL &&
		(trig->trig_insert_instead_row || trig->trig_insert_before_statement ||
		 trig->trig_insert_after_statement || trig->trig_insert_new_table))
		return;
	if (TupleDescAttr(desc, t->attno[0])->attidentity == '\0' ||
		TupleDescAttr(desc, t->attno[0])->atttypid != INT8OID)
		return;
	t->seqid = getIdentitySequence(t->relid, t->attno[0] + 1, true);
	if (!OidIsValid(t->seqid))
		return;
	t->direct = true;
}

Relation
HistOpen(HistTable *t)
{
	Oid			relid;
	Relation	rel;

	relid = RangeVarGetRelid(makeRangeVar("complaint", (char *) t->relname, -1),
							 RowExclusiveLock, false);
	rel = table_open(relid, NoLock);
	if (t->relid != relid)
		HistAnalyze(t, rel);
	if (!t->direct)
	{
		table_close(rel, NoLock);
		return NULL;
	}
	return rel;
}

Oid
HistColumnType(HistTable *t, Relation rel, int c)
{
	Assert(t->direct && t->relid == RelationGetRelid(rel));
	return TupleDescAttr(RelationGetDescr(rel), t->attno[c])->atttypid;
}

void
HistClose(Relation rel)
{
	table_close(rel, NoLock);
}

void
HistInsertRow(HistTable *t, Relation rel, Datum *values, bool *nulls)
{
	EState	   *estate;
	RangeTblEntry *rte;
	ResultRelInfo *rri;
	TupleTableSlot *slot;
	int			c;

	Assert(t->direct && t->relid == RelationGetRelid(rel));
	estate = CreateExecutorState();
	rte = makeNode(RangeTblEntry);
	rte->rtekind = RTE_RELATION;
	rte->relid = RelationGetRelid(rel);
	rte->relkind = rel->rd_rel->relkind;
	rte->rellockmode = RowExclusiveLock;
	ExecInitRangeTable(estate, list_make1(rte));
	rri = makeNode(ResultRelInfo);
	InitResultRelInfo(rri, rel, 1, NULL, 0);
	estate->es_output_cid = GetCurrentCommandId(true);

	slot = ExecInitExtraTupleSlot(estate, RelationGetDescr(rel), &TTSOpsVirtual);
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

	AfterTriggerBeginQuery();
	ExecOpenIndices(rri, false);
	ExecSimpleRelationInsert(rri, estate, slot);
	ExecCloseIndices(rri);
	AfterTriggerEndQuery(estate);

	/* relations the trigger machinery opened (ours stays with the caller) */
	ExecCloseResultRelations(estate);
	ExecCloseRangeTableRelations(estate);
	ExecResetTupleTable(estate->es_tupleTable, false);
	FreeExecutorState(estate);
}
