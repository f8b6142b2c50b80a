/*-------------------------------------------------------------------------
 *
 * test/fuzz/pg_shim.h
 *	  The libFuzzer harnesses' view of test/fuzz/pg_shim.c: catching an
 *	  ereport(ERROR), freeing what an input allocated, a fixed-offset zone.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_PG_SHIM_H
#define COMPLAINT_PG_SHIM_H

#include <setjmp.h>

#include "common/int.h"
#include "pgtime.h"

#include "calendar.h"

/* the last error raised */
typedef struct ShimError
{
	int			sqlerrcode;
	char		message[512];
	char		where[256];
} ShimError;

extern ShimError shim_error;
extern jmp_buf *shim_catch;

/*
 * SHIM_CATCH(body) --- run body; true when it raised an ERROR (then
 * shim_error says which).  Variables that body changes and the caller
 * reads afterwards must be volatile, as with PG_TRY.
 */
#define SHIM_CATCH(body) \
	({ \
		jmp_buf		shim_jb_; \
		jmp_buf    *shim_save_ = shim_catch; \
		bool		shim_raised_ = false; \
		shim_catch = &shim_jb_; \
		if (setjmp(shim_jb_) == 0) \
		{ \
			body; \
		} \
		else \
			shim_raised_ = true; \
		shim_catch = shim_save_; \
		shim_raised_; \
	})

extern void ShimReset(void);
extern void ShimFail(const char *fmt,...) pg_attribute_printf(1, 2) pg_attribute_noreturn();
extern const char *ShimSqlstate(int sqlerrcode);
extern pg_tz *ShimFixedZone(int gmtoff);

#endif							/* COMPLAINT_PG_SHIM_H */
