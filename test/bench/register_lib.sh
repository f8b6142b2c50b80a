#!/bin/bash
# test/bench/register_lib.sh
#   The scratch database of the case workflow benchmarks (register.sh,
#   instructions.sh), sourced by them: the extension, a small hospital, the
#   PL/pgSQL and bare variants, and one script per variant and phase.
#   Callers set DB (the database), PSQL (psql on it) and WORK (a scratch
#   directory for the scripts).

# bench_setup --- (re)create $DB and write $WORK/{register,accept,transfer,close}_{c,plpgsql,bare}.sql
bench_setup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
	# the PL/pgSQL version compares time limits with the type's operators
	psql -X -q -d postgres -c "ALTER DATABASE $DB SET search_path = \"\$user\", public, complaint"
	PSQL="psql -X -q -v ON_ERROR_STOP=1 -d $DB"
	export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning -c complaint.staff=bench-cc"

	$PSQL <<-SQL
	CREATE EXTENSION complaint;
	INSERT INTO complaint.unit (code, name) VALUES ('BH', 'xx医院');
	INSERT INTO complaint.unit (code, name, parent_code) VALUES
		('BH-CC', '投诉接待中心', 'BH'), ('BH-MED', '医患沟通办公室', 'BH'), ('BH-FIN', '财务处', 'BH');
	INSERT INTO complaint.staff (code, name, unit_code) VALUES
		('bench-cc', '接待员', 'BH-CC'), ('bench-med', '医患沟通员', 'BH-MED'), ('bench-if', '财务处接口人', 'BH-FIN');
	UPDATE complaint.unit SET interface_staff = 'bench-if' WHERE code = 'BH-FIN';
	INSERT INTO complaint.category (code, name) VALUES ('medical', '诊疗');
	INSERT INTO complaint.route (scope_unit, category, unit_code) VALUES ('BH', 'medical', 'BH-MED');
	\i test/bench/register_plpgsql.sql
	CREATE SCHEMA bench;
	DO \$\$
	DECLARE t record;
	BEGIN
		FOR t IN SELECT tgname FROM pg_trigger
				  WHERE tgrelid = 'complaint.cases'::regclass AND NOT tgisinternal
					AND tgname NOT IN ('case_register', 'case_guard', 'case_history', 'case_keep', 'case_keep_truncate')
		LOOP
			RAISE NOTICE 'disabled for the benchmark: trigger % on complaint.cases', t.tgname;
			EXECUTE format('ALTER TABLE complaint.cases DISABLE TRIGGER %I', t.tgname);
		END LOOP;
	END
	\$\$;
	SQL

	RULE=$($PSQL -Atc "SELECT complaint.match_rule('answer', 'complaint', 'web', NULL, 'medical', 'BH-MED')")
	CONTACT="'138' || lpad((random() * 99999999)::int::text, 8, '0')"
	cat > "$WORK/register_c.sql" <<-SQL
	INSERT INTO complaint.cases (channel, category, matter, complainant_name, complainant_contact) VALUES ('web', 'medical', '诊疗投诉', '患者', $CONTACT);
	SQL
	sed 's/complaint\.cases/bench_plpgsql.cases/' "$WORK/register_c.sql" > "$WORK/register_plpgsql.sql"
	cat > "$WORK/register_bare.sql" <<-SQL
	INSERT INTO bench_bare.cases (channel, category, matter, complainant_name, complainant_contact, first_responder, handler_unit, calendar, rule_id, clock_from, clock_limit, deadline, original_deadline) VALUES ('web', 'medical', '诊疗投诉', '患者', $CONTACT, 'bench-cc', 'BH-MED', 'CN', $RULE, now(), '2 working days', now() + interval '2 days', now() + interval '2 days');
	SQL

	# step scripts: the same UPDATE for every variant; the bare one also sets
	# what the triggers would (timestamps), nothing more
	for v in c plpgsql bare; do
		case $v in c) T=complaint.cases;; plpgsql) T=bench_plpgsql.cases;; bare) T=bench_bare.cases;; esac
		for p in accept transfer close; do
			$PSQL -c "CREATE SEQUENCE bench.${p}_$v"
		done
		if [ $v = bare ]; then
			echo "UPDATE $T SET status = 'accepted', accepted_at = now() WHERE id = (SELECT nextval('bench.accept_$v'));" > "$WORK/accept_$v.sql"
			echo "UPDATE $T SET status = 'closed', closed_at = now() WHERE id = (SELECT nextval('bench.close_$v'));" > "$WORK/close_$v.sql"
		else
			echo "UPDATE $T SET status = 'accepted' WHERE id = (SELECT nextval('bench.accept_$v'));" > "$WORK/accept_$v.sql"
			echo "UPDATE $T SET status = 'closed' WHERE id = (SELECT nextval('bench.close_$v'));" > "$WORK/close_$v.sql"
		fi
		echo "UPDATE $T SET status = 'transferred', handler_unit = 'BH-FIN', handler_staff = NULL, handover_note = '转财务处' WHERE id = (SELECT nextval('bench.transfer_$v'));" > "$WORK/transfer_$v.sql"
	done
}

# bench_load N --- N registered cases per variant, registered alike, nothing else
bench_load() {
	local N=$1
	$PSQL <<-SQL
	SET session_replication_role = replica;
	TRUNCATE complaint.cases, complaint.event, complaint.responsibility RESTART IDENTITY CASCADE;
	TRUNCATE bench_plpgsql.cases, bench_plpgsql.event, bench_plpgsql.responsibility RESTART IDENTITY;
	TRUNCATE bench_bare.cases RESTART IDENTITY;
	SET session_replication_role = origin;
	INSERT INTO complaint.cases (channel, category, matter) SELECT 'web', 'medical', '诊疗投诉 ' || g FROM generate_series(1, $N) g;
	INSERT INTO bench_plpgsql.cases (channel, category, matter) SELECT 'web', 'medical', '诊疗投诉 ' || g FROM generate_series(1, $N) g;
	INSERT INTO bench_bare.cases (channel, category, matter, first_responder, handler_unit, calendar, rule_id, clock_from, clock_limit, deadline, original_deadline)
	SELECT 'web', 'medical', '诊疗投诉 ' || g, 'bench-cc', 'BH-MED', 'CN', $RULE, now(), '2 working days', now() + interval '2 days', now() + interval '2 days' FROM generate_series(1, $N) g;
	VACUUM ANALYZE;
	SQL
}

# bench_answer --- every case answered, the complainant's satisfaction recorded, alike in all three
bench_answer() {
	$PSQL <<-SQL
	SET session_replication_role = replica;
	UPDATE complaint.cases SET status = 'answered', answer = '已答复', answered_at = now(), satisfaction = 'satisfied', feedback_at = now();
	UPDATE bench_plpgsql.cases SET status = 'answered', answer = '已答复', answered_at = now(), satisfaction = 'satisfied', feedback_at = now();
	UPDATE bench_bare.cases SET status = 'answered', answer = '已答复', answered_at = now(), satisfaction = 'satisfied', feedback_at = now();
	SET session_replication_role = origin;
	VACUUM ANALYZE;
	SQL
}
