/*-------------------------------------------------------------------------
 *
 * src/worker_release.c
 *	  Getting the complaint worker out of the way of DROP DATABASE and
 *	  friends.
 *
 * DROP DATABASE, ALTER DATABASE ... RENAME / SET TABLESPACE and CREATE
 * DATABASE ... TEMPLATE refuse to run while another backend is connected to
 * the database.  A ProcessUtility hook therefore asks the worker of that
 * database to leave (and terminates it if it has not left within two
 * seconds), and holds the launcher off that database until the statement's
 * transaction ends.  It does so only for a statement that is known to be
 * permitted: the hook runs before PostgreSQL's own permission checks, so it
 * makes the same ones first (the database exists and is not the current
 * one, the caller owns it, CREATEDB for a rename or a copy, CREATE on the
 * new tablespace, top level outside a transaction block where PostgreSQL
 * demands it); anyone else's statement fails without touching the worker.
 * If a permitted statement fails anyway (another session is connected, say),
 * the end of its transaction lifts the hold and the launcher starts the
 * worker again at once, without the back-off of a failing worker.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <signal.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_database.h"
#include "commands/dbcommands.h"
#include "commands/defrem.h"
#include "commands/tablespace.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "pgstat.h"
#include "storage/latch.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/syscache.h"

#include "complaint.h"
#include "worker_shmem.h"

/* a DROP DATABASE etc. holds the launcher off for at most this long (ms) */
#define RELEASE_HOLD			60000
/* how long such a statement waits for the worker to leave, then to die */
#define RELEASE_ASK_WAIT		2000
#define RELEASE_KILL_WAIT		3000

static ProcessUtility_hook_type prev_ProcessUtility_hook = NULL;

/* statement-holding backend: the databases it holds, released at xact end */
#define MAX_HELD 4
static Oid	held_dbs[MAX_HELD];
static int	nheld = 0;
static bool xact_callback_registered = false;

static void WorkerProcessUtility(PlannedStmt *pstmt, const char *queryString,
								 bool readOnlyTree,
								 ProcessUtilityContext context,
								 ParamListInfo params,
								 QueryEnvironment *queryEnv,
								 DestReceiver *dest, QueryCompletion *qc);
static Oid	ReleaseTarget(Node *parsetree, ProcessUtilityContext context);
static bool OutsideTransactionBlock(ProcessUtilityContext context);
static void ReleaseDatabase(Oid dboid);
static void ReleaseXactCallback(XactEvent event, void *arg);

/* WorkerInstallReleaseHook --- chain our ProcessUtility hook (preload only) */
void
WorkerInstallReleaseHook(void)
{
	prev_ProcessUtility_hook = ProcessUtility_hook;
	ProcessUtility_hook = WorkerProcessUtility;
}


/*
 * WorkerProcessUtility --- ProcessUtility_hook: before a permitted statement
 * that needs a database without other connections, make our worker leave
 * it.  The end of the statement's transaction (commit or abort, including
 * an error in the statement) lifts the hold (ReleaseXactCallback).
 */
static void
WorkerProcessUtility(PlannedStmt *pstmt, const char *queryString,
					 bool readOnlyTree, ProcessUtilityContext context,
					 ParamListInfo params, QueryEnvironment *queryEnv,
					 DestReceiver *dest, QueryCompletion *qc)
{
	if (WorkerShmem != NULL)
	{
		Oid			dboid = ReleaseTarget(pstmt->utilityStmt, context);

		if (OidIsValid(dboid))
			ReleaseDatabase(dboid);
	}

	if (prev_ProcessUtility_hook)
		prev_ProcessUtility_hook(pstmt, queryString, readOnlyTree, context,
								 params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context,
								params, queryEnv, dest, qc);
}

/*
 * OutsideTransactionBlock --- would PreventInTransactionBlock let the
 * statement run?  DROP DATABASE, CREATE DATABASE and ALTER DATABASE ... SET
 * TABLESPACE demand it.
 */
static bool
OutsideTransactionBlock(ProcessUtilityContext context)
{
	return context == PROCESS_UTILITY_TOPLEVEL &&
		!IsTransactionBlock() && !IsSubTransaction();
}

/*
 * ReleaseTarget --- the database that parsetree needs without other
 * connections, when the statement is one of those and is known to be
 * permitted to the current user; else InvalidOid.  The checks are the ones
 * dropdb, RenameDatabase, movedb and createdb make before they look for
 * other connections, so that nobody can make the worker leave with a
 * statement that is bound to fail for want of a privilege.  (A superuser
 * passes every ownership and privilege check.)
 */
static Oid
ReleaseTarget(Node *parsetree, ProcessUtilityContext context)
{
	Oid			roleid = GetUserId();
	Oid			dboid = InvalidOid;
	ListCell   *lc;

	switch (nodeTag(parsetree))
	{
		case T_DropdbStmt:
			{
				DropdbStmt *stmt = (DropdbStmt *) parsetree;

				dboid = get_database_oid(stmt->dbname, true);
				if (!OidIsValid(dboid) || dboid == MyDatabaseId ||
					!OutsideTransactionBlock(context) ||
					!pg_database_ownercheck(dboid, roleid))
					return InvalidOid;
				return dboid;
			}
		case T_RenameStmt:
			{
				RenameStmt *stmt = (RenameStmt *) parsetree;

				if (stmt->renameType != OBJECT_DATABASE)
					return InvalidOid;
				dboid = get_database_oid(stmt->subname, true);
				if (!OidIsValid(dboid) || dboid == MyDatabaseId ||
					!pg_database_ownercheck(dboid, roleid) ||
					!have_createdb_privilege() ||
					OidIsValid(get_database_oid(stmt->newname, true)))
					return InvalidOid;
				return dboid;
			}
		case T_AlterDatabaseStmt:
			{
				AlterDatabaseStmt *stmt = (AlterDatabaseStmt *) parsetree;

				foreach(lc, stmt->options)
				{
					DefElem    *def = (DefElem *) lfirst(lc);
					Oid			spcoid;

					if (strcmp(def->defname, "tablespace") != 0)
						continue;
					dboid = get_database_oid(stmt->dbname, true);
					spcoid = get_tablespace_oid(defGetString(def), true);
					if (!OidIsValid(dboid) || dboid == MyDatabaseId ||
						!OidIsValid(spcoid) ||
						!OutsideTransactionBlock(context) ||
						!pg_database_ownercheck(dboid, roleid) ||
						pg_tablespace_aclcheck(spcoid, roleid, ACL_CREATE) != ACLCHECK_OK)
						return InvalidOid;
					return dboid;
				}
				return InvalidOid;
			}
		case T_CreatedbStmt:
			{
				CreatedbStmt *stmt = (CreatedbStmt *) parsetree;

				foreach(lc, stmt->options)
				{
					DefElem    *def = (DefElem *) lfirst(lc);
					HeapTuple	tup;
					bool		istemplate;

					if (strcmp(def->defname, "template") != 0 || def->arg == NULL)
						continue;
					dboid = get_database_oid(defGetString(def), true);
					if (!OidIsValid(dboid) || !OutsideTransactionBlock(context) ||
						!have_createdb_privilege())
						return InvalidOid;
					tup = SearchSysCache1(DATABASEOID, ObjectIdGetDatum(dboid));
					if (!HeapTupleIsValid(tup))
						return InvalidOid;
					istemplate = ((Form_pg_database) GETSTRUCT(tup))->datistemplate;
					ReleaseSysCache(tup);
					/* a database that is not a template: only its owner copies it */
					if (!istemplate && !pg_database_ownercheck(dboid, roleid))
						return InvalidOid;
					return dboid;
				}
				return InvalidOid;
			}
		default:
			return InvalidOid;
	}
}

/*
 * ReleaseDatabase --- hold the launcher off the database until this
 * transaction ends, ask its worker to leave, and wait for it (terminating it
 * after RELEASE_ASK_WAIT).  Returns quietly if nothing serves the database.
 */
static void
ReleaseDatabase(Oid dboid)
{
	int			slotno = -1;
	TimestampTz start;
	bool		signalled = false;

	if (nheld >= MAX_HELD)
		return;

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		WorkerSlot *slot = &WorkerShmem->slots[i];

		if (slot->in_use && slot->dboid == dboid)
		{
			slotno = i;
			slot->hold_until = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), RELEASE_HOLD);
			slot->hold_pid = MyProcPid;
			slot->stop_requested = true;
			slot->released = true;
			if (slot->latch)
				SetLatch(slot->latch);
		}
	}
	LWLockRelease(WorkerShmem->lock);
	if (slotno < 0)
		return;

	held_dbs[nheld++] = dboid;
	if (!xact_callback_registered)
	{
		RegisterXactCallback(ReleaseXactCallback, NULL);
		xact_callback_registered = true;
	}

	start = GetCurrentTimestamp();
	for (;;)
	{
		pid_t		pid;
		WorkerSlot *slot = &WorkerShmem->slots[slotno];

		LWLockAcquire(WorkerShmem->lock, LW_SHARED);
		pid = slot->dboid == dboid ? slot->pid : 0;
		LWLockRelease(WorkerShmem->lock);
		if (pid == 0)
			break;

		if (!signalled &&
			TimestampDifferenceExceeds(start, GetCurrentTimestamp(), RELEASE_ASK_WAIT))
		{
			/* it is in the middle of a batch: end it, the batch rolls back */
			(void) kill(pid, SIGTERM);
			signalled = true;
		}
		if (TimestampDifferenceExceeds(start, GetCurrentTimestamp(),
									   RELEASE_ASK_WAIT + RELEASE_KILL_WAIT))
			break;				/* let the statement report the busy database */

		(void) WaitLatch(MyLatch,
						 WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 20L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * ReleaseXactCallback --- the statement's transaction ended: lift our holds
 * and wake the launcher, which restarts the worker if the database is still
 * there.
 */
static void
ReleaseXactCallback(XactEvent event, void *arg)
{
	Latch	   *launcher_latch;

	if (nheld == 0)
		return;
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT &&
		event != XACT_EVENT_PREPARE)
		return;

	LWLockAcquire(WorkerShmem->lock, LW_EXCLUSIVE);
	for (int i = 0; i < WorkerShmem->nslots; i++)
	{
		WorkerSlot *slot = &WorkerShmem->slots[i];

		if (slot->in_use && slot->hold_pid == MyProcPid)
		{
			slot->hold_until = 0;
			slot->hold_pid = 0;
		}
	}
	launcher_latch = WorkerShmem->launcher_latch;
	LWLockRelease(WorkerShmem->lock);
	nheld = 0;
	if (launcher_latch)
		SetLatch(launcher_latch);
}
