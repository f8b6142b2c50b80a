-- complaint extension install script (generated from src/sql/install/*.sql; do not edit the generated file)

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION complaint" to load this file. \quit

-- ---------------------------------------------------------------------------
-- src/sql/install/00_guard.sql
--   Install-script hygiene (PostgreSQL's "Security Considerations for
--   Extension Scripts").  Every object below is created schema-qualified and
--   every function body pins search_path = pg_catalog, pg_temp, so neither
--   the installer's search_path nor objects in other schemas are ever used.
--   What remains is the schema itself: CREATE EXTENSION uses a schema named
--   complaint when one already exists, and whoever owns it could have left
--   objects in it or add some later.  So a pre-existing complaint schema must
--   belong to the role installing the extension.
-- ---------------------------------------------------------------------------
DO $guard$
DECLARE
	owner_name name;
BEGIN
	SELECT r.rolname INTO owner_name
	  FROM pg_catalog.pg_namespace n
	  JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
	 WHERE n.nspname OPERATOR(pg_catalog.=) 'complaint';
	IF owner_name IS DISTINCT FROM CURRENT_USER THEN
		RAISE EXCEPTION 'schema "complaint" is owned by role "%", not by the installing role "%"',
			owner_name, CURRENT_USER
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Another role could have placed objects in the schema, or add them later.',
				  HINT = 'Drop the schema, or have its owner give it to the installing role (ALTER SCHEMA complaint OWNER TO ...), after checking what it contains.';
	END IF;
END
$guard$;
