/*-------------------------------------------------------------------------
 *
 * test/fuzz/pg_shim.c
 *	  Just enough of the PostgreSQL server for the libFuzzer harnesses to
 *	  link src/timelimit.c, src/workday.c and src/deadline.c outside a
 *	  server, unchanged.
 *
 * - memory: palloc and friends on malloc; every chunk is kept in a list so
 *   that ShimReset() frees what an input left behind (an error skips the
 *   pfree calls, as a memory context reset would in the server);
 * - errors: ereport/elog(ERROR) record the SQLSTATE and message and
 *   longjmp to the harness (ShimCatch); lower levels are ignored;
 * - encoding: the database is UTF-8 (no conversion is ever needed);
 * - text, StringInfo and the binary message helpers the type I/O uses;
 * - time: one fixed-offset time zone (ShimFixedZone) and the Julian day
 *   arithmetic (proleptic Gregorian, astronomical years as PostgreSQL
 *   counts them) behind date2j/j2date, timestamp2tm, tm2timestamp and
 *   DetermineTimeZoneOffset.  Daylight saving is not modelled: the SQL
 *   fuzzer (sql_fuzz.sh) covers real zones through the server.
 *
 * Everything else the objects reference aborts when called: the harnesses
 * never reach it (the calendar cache, the SQL wrappers of deadline.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "pg_shim.h"

/* the shim formats with the C library, not PostgreSQL's port/snprintf.c */
#undef vsnprintf
#undef snprintf
#undef fprintf
#undef printf
#undef vfprintf

/* ---------------------------------------------------------------------
 * memory
 * ---------------------------------------------------------------------
 */
typedef struct ShimChunk
{
	struct ShimChunk *prev;
	struct ShimChunk *next;
	size_t		size;
	size_t		pad;			/* keeps the data MAXALIGNed */
} ShimChunk;

static ShimChunk *chunks = NULL;

static void *
ChunkData(ShimChunk *c)
{
	return (char *) c + sizeof(ShimChunk);
}

static ShimChunk *
DataChunk(void *p)
{
	return (ShimChunk *) ((char *) p - sizeof(ShimChunk));
}

static void
Link(ShimChunk *c)
{
	c->prev = NULL;
	c->next = chunks;
	if (chunks)
		chunks->prev = c;
	chunks = c;
}

static void
Unlink(ShimChunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		chunks = c->next;
	if (c->next)
		c->next->prev = c->prev;
}

void *
palloc(Size size)
{
	ShimChunk  *c;

	if (size > MaxAllocSize)
		ShimFail("palloc of %zu bytes", (size_t) size);
	c = malloc(sizeof(ShimChunk) + size);
	if (c == NULL)
		ShimFail("out of memory");
	c->size = size;
	Link(c);
	return ChunkData(c);
}

void *
palloc0(Size size)
{
	void	   *p = palloc(size);

	memset(p, 0, size);
	return p;
}

void *
repalloc(void *pointer, Size size)
{
	ShimChunk  *c = DataChunk(pointer);

	Unlink(c);
	c = realloc(c, sizeof(ShimChunk) + size);
	if (c == NULL)
		ShimFail("out of memory");
	c->size = size;
	Link(c);
	return ChunkData(c);
}

void
pfree(void *pointer)
{
	ShimChunk  *c = DataChunk(pointer);

	Unlink(c);
	free(c);
}

char *
pstrdup(const char *in)
{
	size_t		len = strlen(in);
	char	   *out = palloc(len + 1);

	memcpy(out, in, len + 1);
	return out;
}

char *
psprintf(const char *fmt,...)
{
	va_list		args;
	int			len;
	char	   *out;

	va_start(args, fmt);
	len = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	out = palloc(len + 1);
	va_start(args, fmt);
	vsnprintf(out, len + 1, fmt, args);
	va_end(args);
	return out;
}

void
ShimReset(void)
{
	while (chunks)
	{
		ShimChunk  *next = chunks->next;

		free(chunks);
		chunks = next;
	}
}

/* ---------------------------------------------------------------------
 * errors
 * ---------------------------------------------------------------------
 */
ShimError	shim_error;
jmp_buf    *shim_catch = NULL;

static int	pending_level;

void
ShimFail(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	fputs("pg_shim: ", stderr);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
	va_end(args);
	abort();
}

bool
errstart(int elevel, const char *domain)
{
	if (elevel < ERROR)
		return false;
	pending_level = elevel;
	shim_error.sqlerrcode = ERRCODE_INTERNAL_ERROR;	/* as the server's default */
	shim_error.message[0] = '\0';
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	snprintf(shim_error.where, sizeof(shim_error.where), "%s:%d %s", filename, lineno, funcname);
	if (pending_level > ERROR)
		ShimFail("FATAL or PANIC at %s: %s", shim_error.where, shim_error.message);
	if (shim_catch == NULL)
		ShimFail("error outside ShimCatch at %s: %s", shim_error.where, shim_error.message);
	longjmp(*shim_catch, 1);
}

int
errcode(int sqlerrcode)
{
	shim_error.sqlerrcode = sqlerrcode;
	return 0;
}

static void
SetMessage(const char *fmt, va_list args)
{
	vsnprintf(shim_error.message, sizeof(shim_error.message), fmt, args);
}

int
errmsg(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	SetMessage(fmt, args);
	va_end(args);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	SetMessage(fmt, args);
	va_end(args);
	return 0;
}

/* details and hints are formatted (to exercise their arguments) and dropped */
static void
Discard(const char *fmt, va_list args)
{
	char		buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, args);
}

int
errdetail(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	Discard(fmt, args);
	va_end(args);
	return 0;
}

int
errdetail_internal(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	Discard(fmt, args);
	va_end(args);
	return 0;
}

int
errhint(const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	Discard(fmt, args);
	va_end(args);
	return 0;
}

const char *
ShimSqlstate(int sqlerrcode)
{
	static char buf[6];

	for (int i = 0; i < 5; i++)
	{
		buf[i] = PGUNSIXBIT(sqlerrcode);
		sqlerrcode >>= 6;
	}
	buf[5] = '\0';
	return buf;
}

/* ---------------------------------------------------------------------
 * encoding and text
 * ---------------------------------------------------------------------
 */
int
GetDatabaseEncoding(void)
{
	return PG_UTF8;
}

char *
pg_server_to_any(const char *s, int len, int encoding)
{
	ShimFail("pg_server_to_any: the shim's database is UTF-8");
	return NULL;
}

char *
pg_any_to_server(const char *s, int len, int encoding)
{
	ShimFail("pg_any_to_server: the shim's database is UTF-8");
	return NULL;
}

int
pg_strncasecmp(const char *s1, const char *s2, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		unsigned char a = (unsigned char) s1[i];
		unsigned char b = (unsigned char) s2[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return (int) a - (int) b;
		if (a == 0)
			break;
	}
	return 0;
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	return datum;				/* the harness makes only plain values */
}

text *
cstring_to_text(const char *s)
{
	size_t		len = strlen(s);
	text	   *t = palloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

char *
text_to_cstring(const text *t)
{
	int			len = VARSIZE_ANY_EXHDR(t);
	char	   *s = palloc(len + 1);

	memcpy(s, VARDATA_ANY(t), len);
	s[len] = '\0';
	return s;
}

/* FNV-1a: equal bytes hash equal, which is all the harness relies on */
uint32
hash_bytes(const unsigned char *k, int keylen)
{
	uint32		h = 2166136261u;

	for (int i = 0; i < keylen; i++)
		h = (h ^ k[i]) * 16777619u;
	return h;
}

uint64
hash_bytes_extended(const unsigned char *k, int keylen, uint64 seed)
{
	uint64		h = 1469598103934665603ull ^ seed;

	for (int i = 0; i < keylen; i++)
		h = (h ^ k[i]) * 1099511628211ull;
	return h;
}

/* ---------------------------------------------------------------------
 * StringInfo and binary messages
 * ---------------------------------------------------------------------
 */
void
initStringInfo(StringInfo str)
{
	str->maxlen = 64;
	str->data = palloc(str->maxlen);
	str->len = 0;
	str->cursor = 0;
	str->data[0] = '\0';
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	int			want;

	if (needed < 0 || (Size) needed >= MaxAllocSize - (Size) str->len)
		ShimFail("enlargeStringInfo: %d more bytes", needed);
	want = str->len + needed + 1;
	if (want <= str->maxlen)
		return;
	while (str->maxlen < want)
		str->maxlen *= 2;
	str->data = repalloc(str->data, str->maxlen);
}

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	/* room for the varlena header */
	enlargeStringInfo(buf, VARHDRSZ);
	buf->len = VARHDRSZ;
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	uint32		v = 0;

	if (b != 1 && b != 2 && b != 4)
		ShimFail("pq_getmsgint: %d bytes", b);
	if (msg->cursor < 0 || b > msg->len - msg->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("insufficient data left in message")));
	for (int i = 0; i < b; i++)
		v = (v << 8) | (unsigned char) msg->data[msg->cursor++];
	return v;
}

/* ---------------------------------------------------------------------
 * time
 * ---------------------------------------------------------------------
 */

/* a zone at a fixed offset from UTC */
struct pg_tz
{
	int			gmtoff;			/* seconds east of UTC */
};

pg_tz *
ShimFixedZone(int gmtoff)
{
	pg_tz	   *tz = malloc(sizeof(pg_tz));

	if (tz == NULL)
		ShimFail("out of memory");
	tz->gmtoff = gmtoff;
	return tz;
}

/*
 * Days from the civil date y-m-d (proleptic Gregorian, year 0 = 1 BC) to
 * 1970-01-01, and back: the era-of-400-years method, in 64 bits.
 */
static int64
DaysFromCivil(int64 y, int64 m, int64 d)
{
	int64		era;
	int64		yoe;
	int64		doy;
	int64		doe;

	y -= (m <= 2);
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
CivilFromDays(int64 z, int64 *y, int64 *m, int64 *d)
{
	int64		era;
	int64		doe;
	int64		yoe;
	int64		doy;
	int64		mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Julian day number of 1970-01-01 */
#define UNIX_EPOCH_JDN 2440588

int
date2j(int year, int month, int day)
{
	return (int) (DaysFromCivil(year, month, day) + UNIX_EPOCH_JDN);
}

void
j2date(int jd, int *year, int *month, int *day)
{
	int64		y,
				m,
				d;

	CivilFromDays((int64) jd - UNIX_EPOCH_JDN, &y, &m, &d);
	*year = (int) y;
	*month = (int) m;
	*day = (int) d;
}

int
timestamp2tm(Timestamp dt, int *tzp, struct pg_tm *tm, fsec_t *fsec,
			 const char **tzn, pg_tz *attimezone)
{
	int64		local;
	int64		days;
	int64		time;

	if (attimezone == NULL || TIMESTAMP_NOT_FINITE(dt))
		ShimFail("timestamp2tm: only finite instants in a shim zone");
	if (pg_add_s64_overflow(dt, (int64) attimezone->gmtoff * USECS_PER_SEC, &local))
		return -1;
	days = local / USECS_PER_DAY;
	time = local % USECS_PER_DAY;
	if (time < 0)
	{
		time += USECS_PER_DAY;
		days--;
	}
	days += POSTGRES_EPOCH_JDATE;
	if (days < 0 || days > PG_INT32_MAX)
		return -1;
	j2date((int) days, &tm->tm_year, &tm->tm_mon, &tm->tm_mday);
	tm->tm_hour = (int) (time / USECS_PER_HOUR);
	tm->tm_min = (int) (time / USECS_PER_MINUTE % MINS_PER_HOUR);
	tm->tm_sec = (int) (time / USECS_PER_SEC % SECS_PER_MINUTE);
	*fsec = (fsec_t) (time % USECS_PER_SEC);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = attimezone->gmtoff;
	tm->tm_zone = NULL;
	if (tzp)
		*tzp = -attimezone->gmtoff;
	if (tzn)
		*tzn = NULL;
	return 0;
}

int
tm2timestamp(struct pg_tm *tm, fsec_t fsec, int *tzp, Timestamp *result)
{
	int64		date = (int64) date2j(tm->tm_year, tm->tm_mon, tm->tm_mday) - POSTGRES_EPOCH_JDATE;
	int64		time = (((int64) tm->tm_hour * MINS_PER_HOUR + tm->tm_min) * SECS_PER_MINUTE
						+ tm->tm_sec) * USECS_PER_SEC + fsec;

	if (pg_mul_s64_overflow(date, USECS_PER_DAY, result) ||
		pg_add_s64_overflow(*result, time, result))
		return -1;
	if (tzp && pg_add_s64_overflow(*result, (int64) *tzp * USECS_PER_SEC, result))
		return -1;
	if (!IS_VALID_TIMESTAMP(*result))
		return -1;
	return 0;
}

int
DetermineTimeZoneOffset(struct pg_tm *tm, pg_tz *tzp)
{
	tm->tm_isdst = 0;
	return -tzp->gmtoff;
}

/* ---------------------------------------------------------------------
 * never reached by the harnesses
 * ---------------------------------------------------------------------
 */
const CompiledCalendar *
CalendarLookup(const char *name)
{
	ShimFail("CalendarLookup is not part of the shim");
	return NULL;
}

const CompiledCalendar *
CalendarFromArg(FunctionCallInfo fcinfo, int argno)
{
	ShimFail("CalendarFromArg is not part of the shim");
	return NULL;
}
