/*-------------------------------------------------------------------------
 *
 * src/complaint.c
 *	  Module entry point of the complaint extension.
 *
 * _PG_init only wires the modules together: the GUCs, the per-backend
 * calendar cache and, when the library is preloaded, the background worker.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "complaint.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	GucInit();
	CalendarCacheInit();
	WorkerRegister();
}
