/*-------------------------------------------------------------------------
 *
 * src/orgcache.h
 *	  Per-backend cache of the organisation and its rules: units, staff,
 *	  categories, routes and time-limit rules, for the workflow triggers'
 *	  hot path (no SPI per registration).
 *
 * Pointers returned stay valid until the cache is invalidated, which can
 * only happen between statements (see orgcache.c); never keep them longer
 * than one trigger call.
 *
 *-------------------------------------------------------------------------
 */
#ifndef COMPLAINT_ORGCACHE_H
#define COMPLAINT_ORGCACHE_H

#include "postgres.h"

#include "timelimit.h"

typedef struct OrgUnit
{
	char	   *code;
	char	   *parent_code;
	int			parent;			/* index in the unit array, -1 for none */
	char	   *calendar;
	char	   *sector;
	char	   *interface_staff;
	char	   *head_staff;
	char	   *supervisor_staff;
} OrgUnit;

typedef struct OrgStaff
{
	char	   *code;
	char	   *unit_code;
	bool		active;
	Oid			db_role;		/* mapped role (regrole), InvalidOid for none */
} OrgStaff;

typedef struct OrgRule
{
	int64		id;
	char	   *name;
	char	   *matter;
	char	   *kind;			/* NULL: any */
	char	   *channel;
	char	   *complexity;
	char	   *category;
	char	   *sector;
	char	   *unit_code;
	TimeLimit	lim;
	bool		has_extension_cap;
	TimeLimit	extension_cap;
	bool		has_total_cap;
	TimeLimit	total_cap;
	bool		from_acceptance;
	int32		priority;
	bool		enabled;
} OrgRule;

/* call once at the start of every trigger or function using the cache */
extern void OrgCacheBegin(void);

extern const OrgUnit *OrgUnitFind(const char *code);
extern const OrgStaff *OrgStaffFind(const char *code);
extern const OrgStaff *OrgStaffByRole(Oid roleid);
extern bool OrgCategoryExists(const char *code);
extern const OrgRule *OrgRuleFind(int64 id);

/* the unit's sector, else its nearest ancestor's; NULL when none */
extern const char *OrgUnitSector(const OrgUnit *unit);
/* true when staff is head or supervising leader of unit or an ancestor */
extern bool OrgStaffLeads(const char *staff, const OrgUnit *unit);

/*
 * routing (same rules as complaint.route_case()): the unit chosen for a
 * case of category and region registered by staff of from_unit; *routed
 * false when no route applies and from_unit itself is returned
 */
extern const char *OrgRoute(const char *from_unit, const char *category,
							const char *region, bool *routed);

/*
 * rule matching (same rules as complaint.match_rule()): the best enabled
 * rule of matter for a case of kind, channel, complexity and category
 * handled by unit; NULL when none matches
 */
extern const OrgRule *OrgRuleMatch(const char *matter, const char *kind,
								   const char *channel, const char *complexity,
								   const char *category, const char *unit);

#endif							/* COMPLAINT_ORGCACHE_H */
