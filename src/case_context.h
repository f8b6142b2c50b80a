/*-------------------------------------------------------------------------
 *
 * src/case_context.h
 *	  What the workflow triggers look up about a case's surroundings:
 *	  routing, the handling unit, its calendar and interface person, the
 *	  matching time-limit rules, a handler's membership, a repeat
 *	  complaint, and who may approve an extension.
 *
 * The organisation lookups read the per-backend cache (orgcache.h):
 * OrgCacheBegin() must have been called in the same trigger call.  Only
 * RepeatLookup reads complaint.cases, inside a SpiBegin bracket.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_CASE_CONTEXT_H
#define COMPLAINT_CASE_CONTEXT_H

#include "postgres.h"

#include "datatype/timestamp.h"

#include "timelimit.h"
#include "workday.h"

/* inputs: a NULL pointer means "not given" */
typedef struct UnitQuery
{
	const char *actor_unit;		/* unit of the first responder (routing scope) */
	const char *unit;			/* handling unit given; NULL: route */
	const char *category;
	const char *region;
	const char *kind;
	const char *channel;
	const char *complexity;
	const char *calendar;		/* calendar given; NULL: the unit's */
	int64		rule_id;		/* rule given; 0: match */
	const char *staff;			/* handler person given */
	bool		want_repeat;	/* look up the repeat window too */
} UnitQuery;

typedef struct OptLimit
{
	bool		found;
	int64		rule_id;		/* the rule it came from */
	TimeLimit	lim;
} OptLimit;

typedef struct UnitContext
{
	char	   *unit;			/* chosen handling unit */
	bool		unit_found;
	bool		routed;			/* chosen by a route */
	bool		category_found;
	char	   *calendar;
	bool		calendar_found;
	bool		rule_found;
	int64		rule_id;
	char	   *rule_name;
	char	   *rule_matter;
	char	   *counts_from;
	TimeLimit	rule_lim;
	char	   *interface_staff;
	OptLimit	acceptance;		/* matter acceptance */
	OptLimit	handover;		/* matter handover */
	OptLimit	handover_report;	/* matter handover_report */
	OptLimit	transfer;		/* matter transfer */
	OptLimit	repeat;			/* matter repeat (want_repeat only) */
	bool		staff_found;
	bool		staff_active;
	char	   *staff_unit;
} UnitContext;

extern void UnitContextLookup(const UnitQuery *q, UnitContext *ctx);

/*
 * repeat complaints: the latest case of the same contact and category
 * received at or before received_at, when the window of the rule "repeat"
 * (window, counted on cal) opened by its receipt has not ended by
 * received_at (window NULL: none); and whether a given repeat_of exists
 */
extern int64 RepeatLookup(const char *contact, const char *category,
						  TimestampTz received_at, const TimeLimit *window,
						  const CompiledCalendar *cal,
						  int64 given, bool *given_found);

/* a staff member as handler or approver */
typedef struct StaffCheck
{
	bool		found;
	bool		active;
	char	   *unit;
	bool		leads_unit;		/* head or supervising leader of the unit or above */
} StaffCheck;

extern void StaffCheckLookup(const char *staff, const char *unit, StaffCheck *check);

/* a rule's extension caps */
typedef struct RuleCaps
{
	bool		found;
	char	   *name;
	OptLimit	extension_cap;
	OptLimit	total_cap;
} RuleCaps;

extern void RuleCapsLookup(int64 rule_id, RuleCaps *caps);

#endif							/* COMPLAINT_CASE_CONTEXT_H */
