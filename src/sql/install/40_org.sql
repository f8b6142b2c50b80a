-- ---------------------------------------------------------------------------
-- src/sql/install/40_org.sql
--   The organisation: units (a tree with head, supervising leader, interface
--   person, jurisdiction region, sector and calendar), the staff who act in
--   it, and the complaint categories used for routing.
--
--   unit <-> staff references go both ways (a unit has a head, a staff
--   member belongs to a unit), so the references from unit to staff are
--   DEFERRABLE INITIALLY DEFERRED: a unit and its head can be inserted in
--   either order inside one transaction.
-- ---------------------------------------------------------------------------

CREATE TABLE complaint.unit (
	code				text PRIMARY KEY
						CONSTRAINT unit_code_not_empty CHECK (code <> ''),
	name				text NOT NULL,
	parent_code			text REFERENCES complaint.unit (code) ON UPDATE CASCADE,
	head_staff			text,
	supervisor_staff	text,
	interface_staff		text,
	region				text,
	sector				text,
	calendar			text NOT NULL DEFAULT 'CN'
						REFERENCES complaint.calendar (name) ON UPDATE CASCADE,
	description			text,
	CONSTRAINT unit_not_own_parent CHECK (parent_code IS DISTINCT FROM code)
);
COMMENT ON TABLE complaint.unit IS
	'organisation tree (province -> city -> department/window): head, supervising leader, interface person (接口人), jurisdiction region, sector and working-day calendar';
COMMENT ON COLUMN complaint.unit.head_staff IS 'head of the unit (单位负责人)';
COMMENT ON COLUMN complaint.unit.supervisor_staff IS 'supervising leader (分管领导) told when a hand-over or a case is late';
COMMENT ON COLUMN complaint.unit.interface_staff IS 'interface person (投诉处理接口人) who receives tickets sent to the unit and must hand them over within the hand-over limit; NULL when tickets go straight to the unit';
COMMENT ON COLUMN complaint.unit.region IS 'jurisdiction region of the unit (属地), free text matched by complaint.route';
COMMENT ON COLUMN complaint.unit.sector IS 'sector whose national time limits apply (enterprise, government, banking, insurance, telecom, health, ...); inherited from the nearest ancestor when NULL';
COMMENT ON COLUMN complaint.unit.calendar IS 'working-day calendar the unit counts its time limits on';

CREATE INDEX unit_parent_idx ON complaint.unit (parent_code);

CREATE TABLE complaint.staff (
	code				text PRIMARY KEY
						CONSTRAINT staff_code_not_empty CHECK (code <> ''),
	name				text NOT NULL,
	unit_code			text NOT NULL REFERENCES complaint.unit (code) ON UPDATE CASCADE,
	supervisor_code		text REFERENCES complaint.staff (code) ON UPDATE CASCADE,
	db_role				pg_catalog.regrole UNIQUE,
	title				text,
	active				boolean NOT NULL DEFAULT true,
	CONSTRAINT staff_not_own_supervisor CHECK (supervisor_code IS DISTINCT FROM code)
);
COMMENT ON TABLE complaint.staff IS
	'staff members: code, name, unit, supervisor and the database role that acts for them';
COMMENT ON COLUMN complaint.staff.db_role IS
	'database role mapped to this staff member (by OID: a role dropped and created again under the same name is not mapped; pg_dump writes the name): it acts as them and may act as nobody else';
COMMENT ON COLUMN complaint.staff.active IS 'false once the person has left: they can no longer act or be assigned';

CREATE INDEX staff_unit_idx ON complaint.staff (unit_code);

ALTER TABLE complaint.unit
	ADD CONSTRAINT unit_head_staff_fkey FOREIGN KEY (head_staff)
		REFERENCES complaint.staff (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
	ADD CONSTRAINT unit_supervisor_staff_fkey FOREIGN KEY (supervisor_staff)
		REFERENCES complaint.staff (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
	ADD CONSTRAINT unit_interface_staff_fkey FOREIGN KEY (interface_staff)
		REFERENCES complaint.staff (code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE complaint.category (
	code				text PRIMARY KEY
						CONSTRAINT category_code_not_empty CHECK (code <> ''),
	name				text NOT NULL,
	parent_code			text REFERENCES complaint.category (code) ON UPDATE CASCADE,
	description			text
);
COMMENT ON TABLE complaint.category IS
	'complaint categories (medical, nursing, billing, service attitude, ...) used for routing, rules and statistics';

-- unit_ancestors: the unit itself (depth 0), its parent (1), ...; UNION
-- stops on a cycle instead of looping
CREATE FUNCTION complaint.unit_ancestors(unit text)
	RETURNS TABLE (code text, depth integer)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH RECURSIVE up (code, parent_code, depth) AS (
		SELECT u.code, u.parent_code, 0 FROM complaint.unit u WHERE u.code = $1
		UNION
		SELECT p.code, p.parent_code, up.depth + 1
		  FROM up JOIN complaint.unit p ON p.code = up.parent_code
		 WHERE up.depth < 64
	)
	SELECT code, min(depth)::integer FROM up GROUP BY code ORDER BY 2
$$;
COMMENT ON FUNCTION complaint.unit_ancestors(text) IS
	'the unit and its ancestors with their distance (0 = the unit itself); at most 64 levels';

-- the sector of a unit: its own, else the nearest ancestor's
CREATE FUNCTION complaint.unit_sector(unit text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT u.sector FROM complaint.unit_ancestors($1) a
	  JOIN complaint.unit u ON u.code = a.code
	 WHERE u.sector IS NOT NULL ORDER BY a.depth LIMIT 1
$$;
COMMENT ON FUNCTION complaint.unit_sector(text) IS
	'effective sector of a unit: its own sector, else the nearest ancestor''s';

SELECT pg_catalog.pg_extension_config_dump('complaint.unit', '');
SELECT pg_catalog.pg_extension_config_dump('complaint.staff', '');
SELECT pg_catalog.pg_extension_config_dump('complaint.category', '');
