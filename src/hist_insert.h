/*-------------------------------------------------------------------------
 *
 * src/hist_insert.h
 *	  Inserting history rows (complaint.event, ...) with the executor's
 *	  row-level API instead of an SPI statement: no parse, plan or
 *	  executor start per row, but the same row triggers, constraints,
 *	  index entries (expression and partial indexes included) and
 *	  identity values as an INSERT statement.
 *
 * A HistTable describes one table of schema complaint by its column
 * names; what HistOpen() learns about the table (attribute numbers,
 * identity sequence, whether the direct path applies) is cached per
 * backend and dropped by a relcache callback whenever the table changes.
 *
 * Callers must be allowed to write the table (HistoryWriteBegin bracket,
 * acting as the extension owner); HistInsert() checks no privilege.
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

	/* per-backend cache, filled by HistInsert() */
	Oid			relid;			/* InvalidOid: not (or no longer) known */
	bool		direct;			/* the direct path applies to relid */
	Oid			seqid;			/* sequence of the identity column */
	int			attno[HIST_MAX_COLS];	/* 0-based attribute index per column */
	Oid			keyindex;		/* plain btree index on cols[1] (bigint), or
								 * InvalidOid */
	bool		fillable;		/* HistFillOpen() applies */
	MemoryContext cxt;			/* holds checks */
	struct ExprState **checks;	/* the CHECK constraints, ready to run, in
								 * the order of the relcache's list */
} HistTable;

/*
 * HistOpen --- the table of t, locked RowExclusiveLock, when the direct
 * path applies to it; NULL (having written nothing) when the table has
 * something the direct path does not reproduce (statement-level or
 * INSTEAD triggers, row security, generated or unknown columns, no bigint
 * identity column): the caller then writes the row with an INSERT
 * statement.  Close with HistClose().
 */
extern Relation HistOpen(HistTable *t);
/* type of column c of t (t opened by HistOpen) */
extern Oid	HistColumnType(HistTable *t, Relation rel, int c);
/*
 * HistInsertRow --- insert one row: values[c]/nulls[c] for cols[c], c >= 1;
 * cols[0], the identity column, gets the next value of its sequence.
 */
extern void HistInsertRow(HistTable *t, Relation rel, Datum *values, bool *nulls);
extern void HistClose(Relation rel);

/*
 * HistFillOpen --- end the open rows of one key: every row of t whose
 * cols[1] is key and cols[fillcol] is null (and, when nfilter > 0, whose
 * cols[filtercol] is one of filter[]) gets cols[fillcol] = the greater of
 * its cols[fromcol] and at, as
 *		UPDATE t SET fill = greatest(from, at)
 *		 WHERE key = $1 AND fill IS NULL [AND filter IN (...)]
 * would, found through t's keyindex with a new snapshot (a new statement's).
 * Returns false, having written nothing, when t has no keyindex or
 * something else the direct path does not reproduce (statement-level
 * UPDATE triggers or transition tables); the caller then runs the UPDATE.
 * A row changed concurrently (which the lock on the case row excludes)
 * fails with 40001.
 */
extern bool HistFillOpen(HistTable *t, Relation rel, int64 key,
						 int fillcol, int fromcol, TimestampTz at,
						 int filtercol, const Datum *filter, int nfilter);

#endif							/* COMPLAINT_HIST_INSERT_H */
