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

-- the complaint.* GUC prefix is reserved
SET complaint.no_such_setting = 'x';
SHOW complaint.staff;
