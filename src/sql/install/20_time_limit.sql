
-- ---------------------------------------------------------------------------
-- src/sql/install/20_time_limit.sql
--   The complaint.time_limit base type (C, src/timelimit.c): a time limit as
--   the regulations write it, '30 minutes', '2 working days', '2个工作日',
--   '30日'.  Stored as (amount, unit); hours become minutes and weeks days.
--   Order: by unit (minutes < working minutes < working days < days), then by
--   amount.  Operators live in schema complaint: put it on search_path or
--   write OPERATOR(complaint.<).
-- ---------------------------------------------------------------------------

-- types
CREATE TYPE complaint.time_limit;

CREATE FUNCTION complaint.time_limit_in(cstring) RETURNS complaint.time_limit
	AS 'MODULE_PATHNAME', 'complaint_time_limit_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_in(cstring) IS
	'text input of complaint.time_limit: an amount (digits, full-width digits or Chinese numerals) and an English or Chinese unit';

CREATE FUNCTION complaint.time_limit_out(complaint.time_limit) RETURNS cstring
	AS 'MODULE_PATHNAME', 'complaint_time_limit_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_out(complaint.time_limit) IS
	'canonical English text of a time limit: ''2 hours'', ''90 minutes'', ''4 working hours'', ''2 working days'', ''30 days''';

CREATE FUNCTION complaint.time_limit_recv(internal) RETURNS complaint.time_limit
	AS 'MODULE_PATHNAME', 'complaint_time_limit_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_recv(internal) IS
	'binary input of complaint.time_limit: int32 amount, int32 unit (0 minutes, 1 working minutes, 2 working days, 3 days), both checked';

CREATE FUNCTION complaint.time_limit_send(complaint.time_limit) RETURNS bytea
	AS 'MODULE_PATHNAME', 'complaint_time_limit_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_send(complaint.time_limit) IS
	'binary output of complaint.time_limit: int32 amount, int32 unit, network byte order';

CREATE TYPE complaint.time_limit (
	INPUT = complaint.time_limit_in,
	OUTPUT = complaint.time_limit_out,
	RECEIVE = complaint.time_limit_recv,
	SEND = complaint.time_limit_send,
	INTERNALLENGTH = 8,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE complaint.time_limit IS
	'a time limit as regulations write it (''30 minutes'', ''2 working days'', ''2个工作日'', ''30日''): an amount in minutes, working minutes, working days or calendar days';

-- functions
CREATE FUNCTION complaint.time_limit(amount integer, unit text) RETURNS complaint.time_limit
	AS 'MODULE_PATHNAME', 'complaint_time_limit'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit(integer, text) IS
	'builds a time limit from an amount and a unit word as in the text input (''hours'', ''working days'', ''工作日'', ''天''); 22023 for an unknown unit, 22003 when out of range';

CREATE FUNCTION complaint.time_limit_amount(complaint.time_limit) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_time_limit_amount'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_amount(complaint.time_limit) IS
	'the stored amount, in the unit given by time_limit_unit (hours are counted in minutes, weeks in days)';

CREATE FUNCTION complaint.time_limit_unit(complaint.time_limit) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_time_limit_unit'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_unit(complaint.time_limit) IS
	'the stored unit: ''minutes'', ''working minutes'', ''working days'' or ''days''';

CREATE FUNCTION complaint.time_limit_chinese(complaint.time_limit) RETURNS text
	AS 'MODULE_PATHNAME', 'complaint_time_limit_chinese'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_chinese(complaint.time_limit) IS
	'canonical Chinese text of a time limit: ''30分钟'', ''2小时'', ''90工作分钟'', ''4个工作小时'', ''2个工作日'', ''30日''';

-- comparison and hashing support
CREATE FUNCTION complaint.time_limit_cmp(complaint.time_limit, complaint.time_limit) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_time_limit_cmp'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_cmp(complaint.time_limit, complaint.time_limit) IS
	'btree support: -1, 0 or 1 comparing by unit (minutes, working minutes, working days, days), then amount';

CREATE FUNCTION complaint.time_limit_eq(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_eq(complaint.time_limit, complaint.time_limit) IS
	'implementation of the = operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_ne(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_ne(complaint.time_limit, complaint.time_limit) IS
	'implementation of the <> operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_lt(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_lt'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_lt(complaint.time_limit, complaint.time_limit) IS
	'implementation of the < operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_le(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_le'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_le(complaint.time_limit, complaint.time_limit) IS
	'implementation of the <= operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_gt(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_gt'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_gt(complaint.time_limit, complaint.time_limit) IS
	'implementation of the > operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_ge(complaint.time_limit, complaint.time_limit) RETURNS boolean
	AS 'MODULE_PATHNAME', 'complaint_time_limit_ge'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_ge(complaint.time_limit, complaint.time_limit) IS
	'implementation of the >= operator for complaint.time_limit';

CREATE FUNCTION complaint.time_limit_hash(complaint.time_limit) RETURNS integer
	AS 'MODULE_PATHNAME', 'complaint_time_limit_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_hash(complaint.time_limit) IS
	'hash support: 32-bit hash of a time limit, equal for equal values';

CREATE FUNCTION complaint.time_limit_hash_extended(complaint.time_limit, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'complaint_time_limit_hash_extended'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint.time_limit_hash_extended(complaint.time_limit, bigint) IS
	'hash support: seeded 64-bit hash of a time limit (hash partitioning)';

-- operators
CREATE OPERATOR complaint.= (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_eq,
	COMMUTATOR = OPERATOR(complaint.=), NEGATOR = OPERATOR(complaint.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
COMMENT ON OPERATOR complaint.= (complaint.time_limit, complaint.time_limit) IS
	'same unit and same amount (''2 hours'' = ''120 minutes''; ''1 week'' = ''7 days''; ''1 day'' <> ''1 working day'')';

CREATE OPERATOR complaint.<> (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_ne,
	COMMUTATOR = OPERATOR(complaint.<>), NEGATOR = OPERATOR(complaint.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR complaint.<> (complaint.time_limit, complaint.time_limit) IS
	'not equal: a different unit or a different amount';

CREATE OPERATOR complaint.< (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_lt,
	COMMUTATOR = OPERATOR(complaint.>), NEGATOR = OPERATOR(complaint.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR complaint.< (complaint.time_limit, complaint.time_limit) IS
	'sorts before: smaller unit (minutes < working minutes < working days < days), or same unit and smaller amount';

CREATE OPERATOR complaint.<= (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_le,
	COMMUTATOR = OPERATOR(complaint.>=), NEGATOR = OPERATOR(complaint.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR complaint.<= (complaint.time_limit, complaint.time_limit) IS
	'sorts before or equal (unit first, then amount)';

CREATE OPERATOR complaint.> (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_gt,
	COMMUTATOR = OPERATOR(complaint.<), NEGATOR = OPERATOR(complaint.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR complaint.> (complaint.time_limit, complaint.time_limit) IS
	'sorts after (unit first, then amount)';

CREATE OPERATOR complaint.>= (
	LEFTARG = complaint.time_limit, RIGHTARG = complaint.time_limit,
	FUNCTION = complaint.time_limit_ge,
	COMMUTATOR = OPERATOR(complaint.<=), NEGATOR = OPERATOR(complaint.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR complaint.>= (complaint.time_limit, complaint.time_limit) IS
	'sorts after or equal (unit first, then amount)';

-- operator classes: btree for ORDER BY, indexes and merge joins; hash for
-- hash joins, hash aggregation and hash partitioning
CREATE OPERATOR CLASS complaint.time_limit_ops
	DEFAULT FOR TYPE complaint.time_limit USING btree AS
	OPERATOR 1 complaint.<,
	OPERATOR 2 complaint.<=,
	OPERATOR 3 complaint.=,
	OPERATOR 4 complaint.>=,
	OPERATOR 5 complaint.>,
	FUNCTION 1 complaint.time_limit_cmp(complaint.time_limit, complaint.time_limit);
COMMENT ON OPERATOR CLASS complaint.time_limit_ops USING btree IS
	'default btree operator class for complaint.time_limit: unit, then amount';
COMMENT ON OPERATOR FAMILY complaint.time_limit_ops USING btree IS
	'btree operator family of complaint.time_limit';

CREATE OPERATOR CLASS complaint.time_limit_hash_ops
	DEFAULT FOR TYPE complaint.time_limit USING hash AS
	OPERATOR 1 complaint.=,
	FUNCTION 1 complaint.time_limit_hash(complaint.time_limit),
	FUNCTION 2 complaint.time_limit_hash_extended(complaint.time_limit, bigint);
COMMENT ON OPERATOR CLASS complaint.time_limit_hash_ops USING hash IS
	'default hash operator class for complaint.time_limit';
COMMENT ON OPERATOR FAMILY complaint.time_limit_hash_ops USING hash IS
	'hash operator family of complaint.time_limit';
