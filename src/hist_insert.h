/*-------------------------------------------------------------------------
 *
 * src/hist_insert.h
 *	  Writing history rows (complaint.event, complaint.responsibility)
 *	  with the executor's row-level API instead of SPI statements: no
 *	  parse, plan or executor start per row, but the same row triggers
 *	  (except the history guard's own), constraints, foreign keys, index
 *	  entries (expression and partial indexes included) and identity
 *	  values as an INSERT or UPDATE statement.
 *
 * A HistTable describes one table of schema complaint by its column
 * names; what HistOpen() learns about the table (attribute numbers,
 * identity sequence, whether the direct path applies, prepared CHECK
 * constraints) is cached per backend and dropped by a relcache callback
 * whenever the table changes.
 *
 * Callers must be allowed to write the table (HistoryWriteBegin bracket,
 * acting as the extension owner); nothing here checks a privilege.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_HIST_INSERT_H
#define COMPLAINT_HIST_INSERT_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "utils/rel.h"

#define HIST_MAX_COLS 12

typedef struct HistTable
{
	const char *relname;		/* table in schema complaint */
	int			ncols;			/* columns below, the identity column first */
	const char *cols[HIST_MAX_COLS];

	/* per-backend cache, filled by HistOpen() */
	Oid			relid;			/* InvalidOid: not (or no longer) known */
	bool		direct;			/* the direct path applies to relid */
	Oid			seqid;			/* sequence of the identity column */
	int			attno[HIST_MAX_COLS];	/* 0-based attribute index per column */
	Oid			keyindex;		/* plain btree index on cols[1] (bigint), or
								 * InvalidOid */
	bool		fillable;		/* HistFillOpen() applies */
	bool		replica_triggers;	/* statement triggers that fire only in
									 * replica mode: SQL in that mode */
	MemoryContext cxt;			/* holds checks, generated and trigdesc */
	struct TriggerDesc *trigdesc;	/* the table's triggers, less the guard's
									 * BEFORE ROW ones (NULL: none) */
	struct ExprState **checks;	/* the CHECK constraints, ready to run, in
								 * the order of the relcache's list */
	struct ExprState **generated;	/* per attribute: its stored generation
									 * expression, ready to run (NULL: none) */
	int			ngenerated;		/* how many of those */
} HistTable;

/* a table of a HistTable opened for writing, see HistOpen() */
typedef struct HistWriter
{
	HistTable  *t;
	Relation	rel;
	struct EState *estate;
	struct RangeTblEntry *rte;
	struct ResultRelInfo *rri;
	struct TupleTableSlot *insert_slot;
} HistWriter;

/*
 * HistOpen --- the table of t, locked RowExclusiveLock and ready for
 * writing, when the direct path applies to it; NULL (having written
 * nothing) when the table has something the direct path does not
 * reproduce (statement-level or INSTEAD triggers, row security, generated
 * or unknown columns, no bigint identity column): the caller then writes
 * with SQL.  What one writer writes is one statement as far as AFTER
 * triggers (foreign keys, ...) are concerned: they fire in HistClose().
 * The writer lives in the caller's memory context until HistClose().
 */
extern HistWriter *HistOpen(HistTable *t);
/* type of column c of the writer's table */
extern Oid	HistColumnType(HistWriter *w, int c);
/*
 * HistInsertRow --- insert one row: values[c]/nulls[c] for cols[c], c >= 1;
 * cols[0], the identity column, gets the next value of its sequence.
 */
extern void HistInsertRow(HistWriter *w, Datum *values, bool *nulls);
extern void HistClose(HistWriter *w);

/*
 * HistFillOpen --- end the open rows of one key: every row of the table
 * whose cols[1] is key and cols[fillcol] is null (and, when nfilter > 0,
 * whose cols[filtercol] is one of filter[]) gets cols[fillcol] = the
 * greater of its cols[fromcol] and at, as
 *		UPDATE t SET fill = greatest(from, at)
 *		 WHERE key = $1 AND fill IS NULL [AND filter IN (...)]
 * would, found through the table's keyindex with a new snapshot (a new
 * statement's).  Returns false, having written nothing, when the table has
 * no keyindex or something else the direct path does not reproduce
 * (statement-level UPDATE triggers or transition tables); the caller then
 * runs the UPDATE.  A row changed concurrently (which the lock on the case
 * row excludes) fails with 40001.  Call it before the writer's inserts.
 */
extern bool HistFillOpen(HistWriter *w, int64 key, int fillcol, int fromcol,
						 TimestampTz at, int filtercol, const Datum *filter,
						 int nfilter);

#endif							/* COMPLAINT_HIST_INSERT_H */
