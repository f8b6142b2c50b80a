--
-- the extension itself: create, drop, create again; what it registers
--
DROP EXTENSION complaint;
-- the schema named in the control file is created by CREATE EXTENSION and
-- is not a member: it stays, empty, after DROP EXTENSION
SELECT nspname FROM pg_namespace WHERE nspname = 'complaint';
SELECT count(*) AS objects_left FROM pg_class WHERE relnamespace = 'complaint'::regnamespace;
CREATE EXTENSION complaint;
SELECT extversion, extrelocatable FROM pg_extension WHERE extname = 'complaint';

-- tables whose user rows pg_dump keeps
SELECT c.relname, x.cond
FROM pg_extension e,
     unnest(e.extconfig, e.extcondition) AS x(reloid, cond)
     JOIN pg_class c ON c.oid = x.reloid
WHERE e.extname = 'complaint'
ORDER BY c.relname;

-- every public function of the extension has a comment
SELECT p.oid::regprocedure AS undocumented
FROM pg_proc p
JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint')
  AND obj_description(p.oid, 'pg_proc') IS NULL
ORDER BY 1::text;

-- every column of every table and view of the extension has a comment, so
-- that \d+ documents it (src/sql/install/85_column_comments.sql)
SELECT c.oid::regclass AS relation, a.attname AS undocumented_column
FROM pg_class c
JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'e'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint')
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND col_description(c.oid, a.attnum) IS NULL
ORDER BY 1::text, a.attnum;
-- (the same join does see the tables' and views' columns)
SELECT c.relkind, count(DISTINCT c.oid) > 1 AS relations, count(*) > 10 AS columns
FROM pg_class c
JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'e'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint')
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
GROUP BY c.relkind
ORDER BY 1;

-- every type of the extension (the time_limit base type, the enums) has a comment
SELECT t.oid::regtype AS undocumented_type
FROM pg_type t
JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint')
  AND obj_description(t.oid, 'pg_type') IS NULL
ORDER BY 1::text;
-- (the same join does see them)
SELECT t.typtype, count(*) > 0 AS types
FROM pg_type t
JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint')
GROUP BY t.typtype
ORDER BY 1;

-- the complaint.* GUC prefix is reserved
SET complaint.no_such_setting = 'x';
SHOW complaint.staff;
