/*-------------------------------------------------------------------------
 *
 * src/timelimit.c
 *	  The complaint.time_limit base type: text and binary I/O, accessors,
 *	  a constructor, comparison operators and btree/hash support.
 *
 * A time limit is written the way the regulations write it, in English
 * ('30 minutes', '2 hours', '4 working hours', '2 working days', '30 days',
 * '1 week') or Chinese ('30分钟', '2个小时', '4个工作小时', '2个工作日',
 * '30日', '30天', '30个自然日', '一周'), with digits, full-width digits or
 * Chinese numerals ('十五日', '两个工作日', '一百二十分钟').  It is stored
 * as an amount and one of four units (timelimit.h); hours become minutes
 * and weeks become days on input, so equal durations compare equal.
 *
 * The parser works on UTF-8.  Literals in a database of another server
 * encoding (e.g. EUC_CN) are converted to UTF-8 first, and Chinese text we
 * produce is converted back.  It reads the NUL-terminated input one token
 * at a time and never looks past the terminator: every multi-byte match is
 * a strncmp against a literal, which stops at the first differing byte.
 *
 * The module has no state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "timelimit.h"

/* what a unit word means before it is combined with a qualifier */
typedef enum UnitBase
{
	UB_MINUTE,
	UB_HOUR,
	UB_DAY,
	UB_WEEK
} UnitBase;

/* the optional word in front of the unit: "working", "calendar", 工作, 自然 */
typedef enum UnitQualifier
{
	UQ_NONE,
	UQ_WORKING,
	UQ_CALENDAR
} UnitQualifier;

typedef struct UnitWord
{
	const char *word;			/* English: lower case; Chinese: UTF-8 */
	int			value;			/* a UnitBase or UnitQualifier */
	bool		takes_measure;	/* Chinese base: may follow 个 on its own */
} UnitWord;

static const UnitWord en_bases[] = {
	{"minute", UB_MINUTE, false},
	{"minutes", UB_MINUTE, false},
	{"min", UB_MINUTE, false},
	{"mins", UB_MINUTE, false},
	{"hour", UB_HOUR, false},
	{"hours", UB_HOUR, false},
	{"day", UB_DAY, false},
	{"days", UB_DAY, false},
	{"week", UB_WEEK, false},
	{"weeks", UB_WEEK, false},
	{NULL, 0, false}
};

static const UnitWord en_qualifiers[] = {
	{"working", UQ_WORKING, false},
	{"calendar", UQ_CALENDAR, false},
	{NULL, 0, false}
};

/*
 * 个 is the measure word of 小时, 星期 and 礼拜 ("2个小时") and of every
 * qualified unit ("2个工作日", "30个自然日"), but not of 分钟, 日, 天 or 周.
 */
static const UnitWord zh_bases[] = {
	{"分钟", UB_MINUTE, false},
	{"小时", UB_HOUR, true},
	{"日", UB_DAY, false},
	{"天", UB_DAY, false},
	{"周", UB_WEEK, false},
	{"星期", UB_WEEK, true},
	{"礼拜", UB_WEEK, true},
	{NULL, 0, false}
};

/* tried before the bases, so that 日历日 is 日历 + 日 */
static const UnitWord zh_qualifiers[] = {
	{"工作", UQ_WORKING, false},
	{"自然", UQ_CALENDAR, false},
	{"日历", UQ_CALENDAR, false},
	{NULL, 0, false}
};

/* Chinese numeral characters: digits (mult 0) and multipliers (digit -1) */
typedef struct ChineseNumeral
{
	const char *word;
	int			digit;
	int			mult;
} ChineseNumeral;

static const ChineseNumeral zh_numerals[] = {
	{"零", 0, 0},
	{"一", 1, 0},
	{"二", 2, 0},
	{"两", 2, 0},
	{"三", 3, 0},
	{"四", 4, 0},
	{"五", 5, 0},
	{"六", 6, 0},
	{"七", 7, 0},
	{"八", 8, 0},
	{"九", 9, 0},
	{"十", -1, 10},
	{"百", -1, 100},
	{"千", -1, 1000},
	{NULL, 0, 0}
};

#define ZH_LIANG	"两"
#define ZH_GE		"个"
#define ZH_BAN		"半"

/* unit names as SQL sees them, indexed by TimeLimitUnit */
static const char *const unit_names[] = {
	"minutes",
	"working minutes",
	"working days",
	"days"
};

/* the units a literal or complaint.time_limit(amount, unit) may name */
#define UNIT_LIST_EN "minutes, hours, working minutes, working hours, working days, days, calendar days or weeks"
#define UNIT_LIST_ZH "分钟、小时、工作分钟、工作小时、工作日、日、天、自然日、周、星期"

static TimeLimitParseStatus ParseUtf8(const char *s, TimeLimit *result);
static TimeLimitParseStatus ParseAmount(const char **pp, int64 *amount,
										bool *chinese);
static TimeLimitParseStatus ParseChineseNumeral(const char **pp, int64 *amount);
static TimeLimitParseStatus ParseUnit(const char **pp, bool chinese_numeral,
									  int32 *unit, int32 *factor);

/*
 * MatchLiteral --- length of lit when p starts with it, else 0.
 *
 * strncmp stops at the first differing byte, so a NUL in p ends the
 * comparison before anything past the terminator is read.
 */
static inline int
MatchLiteral(const char *p, const char *lit)
{
	size_t		len = strlen(lit);

	return strncmp(p, lit, len) == 0 ? (int) len : 0;
}

/*
 * SpaceLength --- byte length of the whitespace character at p, else 0:
 * ASCII white space, no-break space U+00A0 and ideographic space U+3000.
 */
static inline int
SpaceLength(const char *p)
{
	unsigned char c = (unsigned char) *p;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && (unsigned char) p[1] == 0xA0)
		return 2;
	if (c == 0xE3 && (unsigned char) p[1] == 0x80 && (unsigned char) p[2] == 0x80)
		return 3;
	return 0;
}

static inline const char *
SkipSpace(const char *p)
{
	int			n;

	while ((n = SpaceLength(p)) > 0)
		p += n;
	return p;
}

/*
 * DigitValue --- value of the ASCII or full-width (U+FF10..U+FF19) digit
 * at p, setting *len to its byte length; -1 when p is not at a digit.
 */
static inline int
DigitValue(const char *p, int *len)
{
	unsigned char c = (unsigned char) *p;

	if (c >= '0' && c <= '9')
	{
		*len = 1;
		return c - '0';
	}
	if (c == 0xEF && (unsigned char) p[1] == 0xBC &&
		(unsigned char) p[2] >= 0x90 && (unsigned char) p[2] <= 0x99)
	{
		*len = 3;
		return (unsigned char) p[2] - 0x90;
	}
	return -1;
}

static inline bool
IsAsciiLetter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * MatchWordTable --- for English (case-insensitive whole words of len
 * bytes) or Chinese (prefix of p) tables; returns the entry or NULL.
 */
static const UnitWord *
MatchEnglishWord(const UnitWord *table, const char *p, int len)
{
	for (; table->word != NULL; table++)
	{
		if ((int) strlen(table->word) == len &&
			pg_strncasecmp(p, table->word, len) == 0)
			return table;
	}
	return NULL;
}

static const UnitWord *
MatchChineseWord(const UnitWord *table, const char *p, int *len)
{
	for (; table->word != NULL; table++)
	{
		if ((*len = MatchLiteral(p, table->word)) > 0)
			return table;
	}
	return NULL;
}

/*
 * CombineUnit --- the stored unit and the factor for a qualifier and a
 * unit word; false for combinations that mean nothing ("working weeks",
 * "calendar hours").
 */
static bool
CombineUnit(UnitQualifier q, UnitBase b, int32 *unit, int32 *factor)
{
	switch (q)
	{
		case UQ_NONE:
			switch (b)
			{
				case UB_MINUTE:
					*unit = TL_MINUTES;
					*factor = 1;
					return true;
				case UB_HOUR:
					*unit = TL_MINUTES;
					*factor = 60;
					return true;
				case UB_DAY:
					*unit = TL_CALENDAR_DAYS;
					*factor = 1;
					return true;
				case UB_WEEK:
					*unit = TL_CALENDAR_DAYS;
					*factor = 7;
					return true;
			}
			break;
		case UQ_WORKING:
			switch (b)
			{
				case UB_MINUTE:
					*unit = TL_WORKING_MINUTES;
					*factor = 1;
					return true;
				case UB_HOUR:
					*unit = TL_WORKING_MINUTES;
					*factor = 60;
					return true;
				case UB_DAY:
					*unit = TL_WORKING_DAYS;
					*factor = 1;
					return true;
				case UB_WEEK:
					return false;
			}
			break;
		case UQ_CALENDAR:
			if (b == UB_DAY)
			{
				*unit = TL_CALENDAR_DAYS;
				*factor = 1;
				return true;
			}
			return false;
	}
	return false;
}

/*
 * ParseChineseNumeral --- read a Chinese numeral up to 9999 at *pp.
 *
 * Accepted: 零 alone; 一..九 and 两; 十 and 十N (10..19); N十[M]; N百,
 * N百零M, N百M十[K]; the same with 千.  Every written place must be the one
 * right below the previous, unless 零 marks a skipped place (一千零五十).
 * 两 is accepted alone or before 百/千, never as a tens or units digit.
 * Rejected as ambiguous or colloquial: 一百五 (150?), 一百十, 二十两.
 * Returns TLP_NO_AMOUNT when *pp does not start with a numeral.
 */
static TimeLimitParseStatus
ParseChineseNumeral(const char **pp, int64 *amount)
{
	const char *p = *pp;
	int64		total = 0;
	int			pending = -1;	/* digit waiting for its multiplier */
	bool		pending_liang = false;
	int			last_mult = 10000;	/* multiplier of the previous group */
	bool		zero = false;	/* 零 seen since the previous group */
	bool		lone_zero = false;
	int			ntokens = 0;

	for (;;)
	{
		const ChineseNumeral *tok = NULL;
		const ChineseNumeral *t;
		int			len = 0;

		for (t = zh_numerals; t->word != NULL; t++)
		{
			if ((len = MatchLiteral(p, t->word)) > 0)
			{
				tok = t;
				break;
			}
		}
		if (tok == NULL)
			break;
		ntokens++;

		if (lone_zero)
			return TLP_BAD_NUMERAL; /* 零 followed by anything */

		if (tok->mult == 0 && tok->digit == 0)
		{
			/* 零: the whole numeral, or a skipped place after 百 or 千 */
			if (ntokens == 1)
				lone_zero = true;
			else if (pending != -1 || zero || last_mult < 100)
				return TLP_BAD_NUMERAL;
			else
				zero = true;
		}
		else if (tok->mult == 0)
		{
			if (pending != -1)
				return TLP_BAD_NUMERAL; /* two digits in a row */
			pending = tok->digit;
			pending_liang = (strcmp(tok->word, ZH_LIANG) == 0);
		}
		else
		{
			int			digit;

			if (tok->mult >= last_mult)
				return TLP_BAD_NUMERAL; /* 十十, 百千 */
			if (pending == -1)
			{
				/* only a leading 十 stands without a digit */
				if (tok->mult != 10 || ntokens != 1)
					return TLP_BAD_NUMERAL;
				digit = 1;
			}
			else
			{
				if (pending_liang && tok->mult == 10)
					return TLP_BAD_NUMERAL; /* 两十 */
				digit = pending;
			}
			if (total > 0)
			{
				if (zero ? tok->mult * 10 >= last_mult
					: tok->mult * 10 != last_mult)
					return TLP_BAD_NUMERAL;
			}
			total += (int64) digit * tok->mult;
			last_mult = tok->mult;
			pending = -1;
			pending_liang = false;
			zero = false;
		}
		p += len;
	}

	if (ntokens == 0)
		return TLP_NO_AMOUNT;

	if (lone_zero)
		total = 0;
	else if (pending != -1)
	{
		/* a units digit: alone, after 十, or after 零 */
		if (total > 0 && (pending_liang || (!zero && last_mult != 10)))
			return TLP_BAD_NUMERAL;
		total += pending;
	}
	else if (zero)
		return TLP_BAD_NUMERAL; /* 一百零 */

	*amount = total;
	*pp = p;
	return TLP_OK;
}

/*
 * ParseAmount --- read the amount at *pp: ASCII or full-width digits, or
 * a Chinese numeral (*chinese set).  Digits saturate just above
 * PG_INT32_MAX, so a huge amount is reported as out of range later.
 */
static TimeLimitParseStatus
ParseAmount(const char **pp, int64 *amount, bool *chinese)
{
	const char *p = *pp;
	int			len;
	int			d;

	*chinese = false;
	if (*p == '-' || MatchLiteral(p, "－") || MatchLiteral(p, "−"))
		return TLP_NEGATIVE;
	if (MatchLiteral(p, ZH_BAN))
		return TLP_FRACTION;	/* 半小时 */

	if ((d = DigitValue(p, &len)) >= 0)
	{
		int64		value = 0;

		do
		{
			if (value <= PG_INT32_MAX)
				value = value * 10 + d;
			p += len;
		} while ((d = DigitValue(p, &len)) >= 0);
		*amount = value;
	}
	else
	{
		TimeLimitParseStatus status = ParseChineseNumeral(&p, amount);

		if (status != TLP_OK)
			return status;
		*chinese = true;
	}

	/* 1.5 hours, 1,000 minutes, 一点五小时, 一个半小时 (半 handled in ParseUnit) */
	if (*p == '.' || *p == ',' || *p == '/' ||
		MatchLiteral(p, "．") || MatchLiteral(p, "点") || MatchLiteral(p, ZH_BAN))
		return TLP_FRACTION;

	*pp = p;
	return TLP_OK;
}

/*
 * ParseUnit --- read the unit phrase at *pp (leading white space allowed):
 * [个] [qualifier] unit.  English words are whole ASCII words compared
 * case-insensitively, separated by white space; Chinese words may be
 * separated by white space too.  A Chinese numeral needs a Chinese unit.
 */
static TimeLimitParseStatus
ParseUnit(const char **pp, bool chinese_numeral, int32 *unit, int32 *factor)
{
	const char *p = SkipSpace(*pp);
	bool		measure = false;
	UnitQualifier q = UQ_NONE;
	const UnitWord *base;
	int			len;

	if (*p == '\0')
		return TLP_NO_UNIT;

	if ((len = MatchLiteral(p, ZH_GE)) > 0)
	{
		measure = true;
		p = SkipSpace(p + len);
		if (MatchLiteral(p, ZH_BAN))
			return TLP_FRACTION;	/* 一个半小时 */
	}

	if (IsAsciiLetter(*p))
	{
		const UnitWord *w;

		if (chinese_numeral || measure)
			return TLP_MIXED_LANGUAGE;
		for (len = 0; IsAsciiLetter(p[len]); len++)
			;
		if ((w = MatchEnglishWord(en_qualifiers, p, len)) != NULL)
		{
			q = (UnitQualifier) w->value;
			p = SkipSpace(p + len);
			for (len = 0; IsAsciiLetter(p[len]); len++)
				;
		}
		if ((base = MatchEnglishWord(en_bases, p, len)) == NULL)
			return TLP_UNKNOWN_UNIT;
		p += len;
	}
	else
	{
		const UnitWord *w;

		if ((w = MatchChineseWord(zh_qualifiers, p, &len)) != NULL)
		{
			q = (UnitQualifier) w->value;
			p = SkipSpace(p + len);
		}
		if ((base = MatchChineseWord(zh_bases, p, &len)) == NULL)
			return (*p == '\0' && q == UQ_NONE && !measure) ?
				TLP_NO_UNIT : TLP_UNKNOWN_UNIT;
		if (measure && q == UQ_NONE && !base->takes_measure)
			return TLP_BAD_MEASURE_WORD;
		p += len;
	}

	if (!CombineUnit(q, (UnitBase) base->value, unit, factor))
		return TLP_UNKNOWN_UNIT;
	*pp = p;
	return TLP_OK;
}

/*
 * ParseUtf8 --- parse a whole literal: [space] amount [space] unit [space].
 * Syntax errors win over range errors: '99999999999 fortnights' is a
 * syntax error, '99999999999 days' is out of range.
 */
static TimeLimitParseStatus
ParseUtf8(const char *s, TimeLimit *result)
{
	const char *p = SkipSpace(s);
	TimeLimitParseStatus status;
	int64		amount;
	bool		chinese;
	int32		unit;
	int32		factor;

	if (*p == '\0')
		return TLP_EMPTY;
	if ((status = ParseAmount(&p, &amount, &chinese)) != TLP_OK)
		return status;
	if ((status = ParseUnit(&p, chinese, &unit, &factor)) != TLP_OK)
		return status;
	p = SkipSpace(p);
	if (*p != '\0')
		return TLP_TRAILING;

	/* amount <= PG_INT32_MAX * 10 + 9 and factor <= 60: no overflow */
	if (amount * factor > TL_AMOUNT_MAX)
		return TLP_OUT_OF_RANGE;

	result->amount = (int32) (amount * factor);
	result->unit = unit;
	return TLP_OK;
}

/*
 * ToUtf8 / FromUtf8 --- convert between the database encoding and UTF-8.
 * SQL_ASCII databases get the bytes unchanged (PostgreSQL cannot convert
 * them); a result equal to the argument means nothing was allocated.
 */
static const char *
ToUtf8(const char *s)
{
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return s;
	return pg_server_to_any(s, strlen(s), PG_UTF8);
}

static const char *
FromUtf8(const char *s)
{
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return s;
	return pg_any_to_server(s, strlen(s), PG_UTF8);
}

/*
 * TimeLimitParse --- parse a literal in the database encoding.
 */
TimeLimitParseStatus
TimeLimitParse(const char *str, TimeLimit *result)
{
	const char *utf8 = ToUtf8(str);
	TimeLimitParseStatus status = ParseUtf8(utf8, result);

	if (utf8 != str)
		pfree((char *) utf8);
	return status;
}

/*
 * UnitListDetail --- the errdetail sentence naming every accepted unit,
 * in the database encoding.
 */
static char *
UnitListDetail(void)
{
	return psprintf("Expected one of the units %s, or in Chinese %s.",
					UNIT_LIST_EN, FromUtf8(UNIT_LIST_ZH));
}

/*
 * TimeLimitReportParseError --- raise the error for a failed parse:
 * 22003 for a well-formed literal whose amount is too large, 22P02 for
 * everything else, with a detail saying what was expected.
 */
void
TimeLimitReportParseError(TimeLimitParseStatus status, const char *str)
{
	char	   *detail;

	if (status == TLP_OUT_OF_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("time limit out of range: \"%s\"", str),
				 errdetail("The amount must be between 0 and %d in its unit; an hour counts as 60 minutes and a week as 7 days.",
						   TL_AMOUNT_MAX)));

	/* Chinese examples are converted before ereport starts */
	switch (status)
	{
		case TLP_EMPTY:
			detail = psprintf("Expected an amount followed by a unit, such as \"30 minutes\", \"2 working days\" or \"%s\".",
							  FromUtf8("2个工作日"));
			break;
		case TLP_NO_AMOUNT:
			detail = psprintf("Expected the amount first, in digits without a sign or in Chinese numerals, such as \"30 days\" or \"%s\".",
							  FromUtf8("三十天"));
			break;
		case TLP_NEGATIVE:
			detail = pstrdup("Expected an amount of zero or more; a time limit cannot be negative.");
			break;
		case TLP_FRACTION:
			detail = pstrdup("Expected a whole amount without decimals or separators; write fractions in a smaller unit, such as \"90 minutes\" for one and a half hours.");
			break;
		case TLP_BAD_NUMERAL:
			detail = psprintf("Expected a Chinese numeral written in full, such as \"%s\", \"%s\" or \"%s\".",
							  FromUtf8("十五"), FromUtf8("两"), FromUtf8("一百二十"));
			break;
		case TLP_NO_UNIT:
		case TLP_UNKNOWN_UNIT:
			detail = UnitListDetail();
			break;
		case TLP_MIXED_LANGUAGE:
			detail = psprintf("Expected a Chinese unit after a Chinese numeral or \"%s\", such as \"%s\".",
							  FromUtf8(ZH_GE), FromUtf8("两个工作日"));
			break;
		case TLP_BAD_MEASURE_WORD:
			detail = psprintf("Expected no \"%s\" before this unit, as in \"%s\", \"%s\" or \"%s\".",
							  FromUtf8(ZH_GE), FromUtf8("30分钟"),
							  FromUtf8("30日"), FromUtf8("1周"));
			break;
		case TLP_TRAILING:
			detail = pstrdup("Expected nothing after the unit; write a combined limit in one unit, such as \"150 minutes\".");
			break;
		default:
			elog(ERROR, "unexpected time limit parse status %d", (int) status);
			pg_unreachable();
	}

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					"complaint.time_limit", str),
			 errdetail_internal("%s", detail)));
	pg_unreachable();
}

/*
 * TimeLimitIsValid --- true when the value is inside the type's domain.
 */
bool
TimeLimitIsValid(const TimeLimit *tl)
{
	return tl->unit >= 0 && tl->unit <= TL_UNIT_MAX &&
		tl->amount >= 0 && tl->amount <= TL_AMOUNT_MAX;
}

/*
 * CheckStored --- guard the output paths against a corrupted datum.
 */
static void
CheckStored(const TimeLimit *tl)
{
	if (!TimeLimitIsValid(tl))
		elog(ERROR, "invalid time_limit value (amount %d, unit %d)",
			 tl->amount, tl->unit); /* internal error: corrupted datum */
}

const char *
TimeLimitUnitName(int32 unit)
{
	if (unit < 0 || unit > TL_UNIT_MAX)
		elog(ERROR, "invalid time_limit unit %d", unit);	/* internal error */
	return unit_names[unit];
}

/*
 * TimeLimitToString --- canonical English text.  Minutes show as hours
 * when they divide evenly; zero always shows in the stored unit.
 */
char *
TimeLimitToString(const TimeLimit *tl)
{
	int32		n = tl->amount;
	bool		hours = (n != 0 && n % 60 == 0);

	CheckStored(tl);
	switch ((TimeLimitUnit) tl->unit)
	{
		case TL_MINUTES:
			if (hours)
				return psprintf("%d %s", n / 60, n == 60 ? "hour" : "hours");
			return psprintf("%d %s", n, n == 1 ? "minute" : "minutes");
		case TL_WORKING_MINUTES:
			if (hours)
				return psprintf("%d %s", n / 60,
								n == 60 ? "working hour" : "working hours");
			return psprintf("%d %s", n,
							n == 1 ? "working minute" : "working minutes");
		case TL_WORKING_DAYS:
			return psprintf("%d %s", n, n == 1 ? "working day" : "working days");
		case TL_CALENDAR_DAYS:
			return psprintf("%d %s", n, n == 1 ? "day" : "days");
	}
	pg_unreachable();
}

/*
 * TimeLimitToChinese --- canonical Chinese text, in the database encoding:
 * 30分钟, 2小时, 90工作分钟, 4个工作小时, 2个工作日, 30日.
 */
char *
TimeLimitToChinese(const TimeLimit *tl)
{
	int32		n = tl->amount;
	bool		hours = (n != 0 && n % 60 == 0);
	char	   *utf8 = NULL;
	const char *server;

	CheckStored(tl);
	switch ((TimeLimitUnit) tl->unit)
	{
		case TL_MINUTES:
			utf8 = hours ? psprintf("%d小时", n / 60) : psprintf("%d分钟", n);
			break;
		case TL_WORKING_MINUTES:
			utf8 = hours ? psprintf("%d个工作小时", n / 60) : psprintf("%d工作分钟", n);
			break;
		case TL_WORKING_DAYS:
			utf8 = psprintf("%d个工作日", n);
			break;
		case TL_CALENDAR_DAYS:
			utf8 = psprintf("%d日", n);
			break;
	}
	server = FromUtf8(utf8);
	if (server != utf8)
		pfree(utf8);
	return (char *) server;
}

int
TimeLimitCmp(const TimeLimit *a, const TimeLimit *b)
{
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->amount != b->amount)
		return a->amount < b->amount ? -1 : 1;
	return 0;
}

/* ---------------------------------------------------------------------
 * SQL-callable functions
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(complaint_time_limit_in);
PG_FUNCTION_INFO_V1(complaint_time_limit_out);
PG_FUNCTION_INFO_V1(complaint_time_limit_recv);
PG_FUNCTION_INFO_V1(complaint_time_limit_send);
PG_FUNCTION_INFO_V1(complaint_time_limit);
PG_FUNCTION_INFO_V1(complaint_time_limit_amount);
PG_FUNCTION_INFO_V1(complaint_time_limit_unit);
PG_FUNCTION_INFO_V1(complaint_time_limit_chinese);
PG_FUNCTION_INFO_V1(complaint_time_limit_cmp);
PG_FUNCTION_INFO_V1(complaint_time_limit_eq);
PG_FUNCTION_INFO_V1(complaint_time_limit_ne);
PG_FUNCTION_INFO_V1(complaint_time_limit_lt);
PG_FUNCTION_INFO_V1(complaint_time_limit_le);
PG_FUNCTION_INFO_V1(complaint_time_limit_gt);
PG_FUNCTION_INFO_V1(complaint_time_limit_ge);
PG_FUNCTION_INFO_V1(complaint_time_limit_hash);
PG_FUNCTION_INFO_V1(complaint_time_limit_hash_extended);

/*
 * complaint_time_limit_in --- text input (cstring in the database encoding).
 */
Datum
complaint_time_limit_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	TimeLimit	parsed;
	TimeLimitParseStatus status;
	TimeLimit  *result;

	status = TimeLimitParse(str, &parsed);
	if (status != TLP_OK)
		TimeLimitReportParseError(status, str);

	result = (TimeLimit *) palloc(sizeof(TimeLimit));
	*result = parsed;
	PG_RETURN_TIMELIMIT_P(result);
}

/*
 * complaint_time_limit_out --- canonical English text.
 */
Datum
complaint_time_limit_out(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);

	PG_RETURN_CSTRING(TimeLimitToString(tl));
}

/*
 * complaint_time_limit_recv --- binary input: int32 amount, int32 unit,
 * both validated since the bytes come from the client.
 */
Datum
complaint_time_limit_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TimeLimit  *result;
	int32		amount;
	int32		unit;

	amount = (int32) pq_getmsgint(buf, 4);
	unit = (int32) pq_getmsgint(buf, 4);

	if (unit < 0 || unit > TL_UNIT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid unit %d in external time limit value", unit),
				 errdetail("The unit must be 0 (minutes), 1 (working minutes), 2 (working days) or 3 (calendar days).")));
	if (amount < 0 || amount > TL_AMOUNT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("time limit amount %d out of range in external value", amount),
				 errdetail("The amount must be between 0 and %d.", TL_AMOUNT_MAX)));

	result = (TimeLimit *) palloc(sizeof(TimeLimit));
	result->amount = amount;
	result->unit = unit;
	PG_RETURN_TIMELIMIT_P(result);
}

/*
 * complaint_time_limit_send --- binary output: int32 amount, int32 unit.
 */
Datum
complaint_time_limit_send(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, (uint32) tl->amount);
	pq_sendint32(&buf, (uint32) tl->unit);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * complaint_time_limit --- complaint.time_limit(amount integer, unit text):
 * build a value from an amount and a unit phrase ('hours', '个工作日', ...).
 * 22023 for a unit we do not know, 22003 when the amount is negative or
 * too large after conversion.
 */
Datum
complaint_time_limit(PG_FUNCTION_ARGS)
{
	int32		amount = PG_GETARG_INT32(0);
	char	   *unit_str = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *utf8 = ToUtf8(unit_str);
	const char *p = utf8;
	TimeLimitParseStatus status;
	int32		unit = 0;
	int32		factor = 1;
	TimeLimit  *result;

	status = ParseUnit(&p, false, &unit, &factor);
	if (status == TLP_OK && *SkipSpace(p) != '\0')
		status = TLP_TRAILING;
	if (status != TLP_OK)
	{
		char	   *detail = UnitListDetail();

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid time limit unit: \"%s\"", unit_str),
				 errdetail_internal("%s", detail)));
	}
	if (amount < 0 || (int64) amount * factor > TL_AMOUNT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("time limit out of range: %d %s", amount, unit_str),
				 errdetail("The amount must be between 0 and %d in its unit; an hour counts as 60 minutes and a week as 7 days.",
						   TL_AMOUNT_MAX)));

	result = (TimeLimit *) palloc(sizeof(TimeLimit));
	result->amount = amount * factor;
	result->unit = unit;
	if (utf8 != unit_str)
		pfree((char *) utf8);
	pfree(unit_str);
	PG_RETURN_TIMELIMIT_P(result);
}

Datum
complaint_time_limit_amount(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);

	PG_RETURN_INT32(tl->amount);
}

Datum
complaint_time_limit_unit(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(TimeLimitUnitName(tl->unit)));
}

Datum
complaint_time_limit_chinese(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(TimeLimitToChinese(tl)));
}

/* comparison operators and btree support */

Datum
complaint_time_limit_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								 PG_GETARG_TIMELIMIT_P(1)));
}

Datum
complaint_time_limit_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								PG_GETARG_TIMELIMIT_P(1)) == 0);
}

Datum
complaint_time_limit_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								PG_GETARG_TIMELIMIT_P(1)) != 0);
}

Datum
complaint_time_limit_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								PG_GETARG_TIMELIMIT_P(1)) < 0);
}

Datum
complaint_time_limit_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								PG_GETARG_TIMELIMIT_P(1)) <= 0);
}

Datum
complaint_time_limit_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								PG_GETARG_TIMELIMIT_P(1)) > 0);
}

Datum
complaint_time_limit_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TimeLimitCmp(PG_GETARG_TIMELIMIT_P(0),
								PG_GETARG_TIMELIMIT_P(1)) >= 0);
}

/*
 * complaint_time_limit_hash --- hash opclass support.  Equal values have
 * equal bytes (two int32, no padding), so hashing the struct is enough.
 */
Datum
complaint_time_limit_hash(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);

	return hash_any((const unsigned char *) tl, sizeof(TimeLimit));
}

Datum
complaint_time_limit_hash_extended(PG_FUNCTION_ARGS)
{
	TimeLimit  *tl = PG_GETARG_TIMELIMIT_P(0);

	return hash_any_extended((const unsigned char *) tl, sizeof(TimeLimit),
							 PG_GETARG_INT64(1));
}
