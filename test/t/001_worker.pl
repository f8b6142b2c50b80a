# test/t/001_worker.pl -- the background worker's life: waiting for the
# extension, sweeping a due case within its interval, SIGHUP, being
# terminated and restarted, a second database and DROP DATABASE, DROP
# EXTENSION, a standby that writes nothing and catches up once promoted.
# Never sleeps: every wait is poll_query_until or wait_for_log.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

use fixture;

my $node = PostgreSQL::Test::Cluster->new('primary');
$node->init(allows_streaming => 1);
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'complaint'
complaint.database = 'postgres'
complaint.sweep_interval = '300ms'
});
$node->start;

# --- start-up: the launcher and the worker, no extension yet -------------
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'complaint launcher'"),
	'launcher runs');
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'complaint worker' AND datname = 'postgres'"),
	'worker connected to its database');
$node->wait_for_log(qr/complaint worker waits for the complaint extension in database "postgres"/);
pass('worker waits quietly without the extension');

# --- the extension created after start is noticed ------------------------
my $log_offset = -s $node->logfile;
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->wait_for_log(qr/complaint worker found the complaint extension in database "postgres"/, $log_offset);
ok($node->poll_query_until('postgres',
		"SELECT state = 'idle' AND sweeps > 0 FROM complaint.worker_status WHERE database = 'postgres'"),
	'worker sweeps once the extension exists');

# --- a due case is escalated within the interval --------------------------
$node->safe_psql('postgres', $fixture::org);
my $t0 = time();
$node->safe_psql('postgres', fixture::overdue_cases(1, 'first'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 5 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'first'"),
	'worker recorded the five rungs of a due case');
my $elapsed = time() - $t0;
note(sprintf('escalated %.2f s after the case was created (interval 0.3 s)', $elapsed));
ok($elapsed < 10, 'escalated within a few intervals');
is($node->safe_psql('postgres',
		"SELECT v.kind FROM complaint.violation v JOIN complaint.cases c ON c.id = v.case_id WHERE c.matter = 'first'"),
	'no_answer_in_time', 'violation opened for the missed deadline');
ok($node->poll_query_until('postgres',
		"SELECT total_steps >= 8 AND errors = 0 AND last_sweep_end >= last_sweep_start FROM complaint.worker_status WHERE database = 'postgres'"),
	'worker_status counts the steps');

# --- SIGHUP: switch the worker off and on again --------------------------
$node->safe_psql('postgres', "ALTER SYSTEM SET complaint.worker_enabled = off");
$node->reload;
ok($node->poll_query_until('postgres',
		"SELECT state = 'disabled' FROM complaint.worker_status WHERE database = 'postgres'"),
	'worker idle after complaint.worker_enabled = off and reload');
$node->safe_psql('postgres', fixture::overdue_cases(1, 'while disabled'));
$node->safe_psql('postgres', "ALTER SYSTEM RESET complaint.worker_enabled");
$node->reload;
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 5 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'while disabled'"),
	'worker sweeps again after it is switched back on');

# --- pg_terminate_backend: the launcher starts a new worker --------------
my $old_pid = $node->safe_psql('postgres',
	"SELECT pid FROM complaint.worker_status WHERE database = 'postgres'");
$node->safe_psql('postgres', "SELECT pg_terminate_backend($old_pid)");
ok($node->poll_query_until('postgres',
		"SELECT pid IS NOT NULL AND pid <> $old_pid AND state = 'idle' FROM complaint.worker_status WHERE database = 'postgres'"),
	'terminated worker restarted');
$node->safe_psql('postgres', fixture::overdue_cases(1, 'after restart'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 5 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'after restart'"),
	'restarted worker sweeps');

# --- a second database, then DROP DATABASE is not blocked ----------------
$node->safe_psql('postgres', 'CREATE DATABASE second');
$node->safe_psql('second', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', "ALTER SYSTEM SET complaint.database = 'postgres, second'");
$node->reload;
ok($node->poll_query_until('postgres',
		"SELECT state = 'idle' AND sweeps > 0 FROM complaint.worker_status WHERE database = 'second'"),
	'worker started for a database added on SIGHUP');
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'complaint worker' AND datname = 'second'"),
	'it is connected to that database');
my ($ret, $stdout, $stderr) = $node->psql('postgres', 'DROP DATABASE second');
is($ret, 0, 'DROP DATABASE of a served database succeeds');
is($stderr, '', 'without complaint');
ok($node->poll_query_until('postgres',
		"SELECT state = 'no database' AND pid IS NULL FROM complaint.worker_status WHERE database = 'second'"),
	'the dropped database shows as missing');
# created again: the launcher picks it up again
$node->safe_psql('postgres', 'CREATE DATABASE second');
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'complaint worker' AND datname = 'second'"),
	'a database created again is served again');
($ret, $stdout, $stderr) = $node->psql('postgres', 'DROP DATABASE second');
is($ret, 0, 'DROP DATABASE of a database without the extension succeeds too');
$node->safe_psql('postgres', "ALTER SYSTEM SET complaint.database = 'postgres'");
$node->reload;
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 0 FROM complaint.worker_status WHERE database = 'second'"),
	'a database removed from the list is no longer served');

# --- DROP EXTENSION: the worker waits again, and comes back --------------
$log_offset = -s $node->logfile;
$node->safe_psql('postgres', 'DROP EXTENSION complaint CASCADE');
$node->wait_for_log(qr/complaint worker waits for the complaint extension in database "postgres"/, $log_offset);
pass('worker noticed DROP EXTENSION');
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
ok($node->poll_query_until('postgres',
		"SELECT state = 'idle' FROM complaint.worker_status WHERE database = 'postgres'"),
	'and CREATE EXTENSION again');
$node->safe_psql('postgres', $fixture::org);

# --- a standby writes nothing; promoted, it catches up --------------------
$node->safe_psql('postgres', "ALTER SYSTEM SET complaint.worker_enabled = off");
$node->reload;
ok($node->poll_query_until('postgres',
		"SELECT state = 'disabled' FROM complaint.worker_status WHERE database = 'postgres'"),
	'primary worker switched off');
$node->backup('backup');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($node, 'backup', has_streaming => 1);
# the backup carries the primary's worker_enabled = off (postgresql.auto.conf);
# the standby itself must sweep once promoted
$standby->adjust_conf('postgresql.auto.conf', 'complaint.worker_enabled', 'on');
$standby->start;
$node->safe_psql('postgres', fixture::overdue_cases(3, 'standby'));
$node->wait_for_catchup($standby);
ok($standby->poll_query_until('postgres',
		"SELECT state = 'standby' FROM complaint.worker_status WHERE database = 'postgres'"),
	'standby worker waits in standby state');
is($standby->safe_psql('postgres',
		"SELECT count(*) FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'standby'"),
	'0', 'nothing escalated on the standby');
is($standby->safe_psql('postgres',
		"SELECT total_steps FROM complaint.worker_status WHERE database = 'postgres'"),
	'0', 'standby worker recorded nothing');
$node->stop;
$standby->promote;
ok($standby->poll_query_until('postgres',
		"SELECT count(*) = 15 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'standby'"),
	'promoted standby catches up: five rungs for each of the three cases');
is($standby->safe_psql('postgres',
		"SELECT count(*) FROM (SELECT case_id, step FROM complaint.escalation GROUP BY 1, 2 HAVING count(*) > 1) d"),
	'0', 'no step twice');
is($standby->safe_psql('postgres', q{
	SELECT count(*) FROM complaint.event v JOIN complaint.cases c ON c.id = v.case_id
	 WHERE c.matter = 'standby' AND v.kind IN ('warned', 'escalated')}),
	'15', 'each rung once in the case history');

# --- SIGTERM at shutdown is clean -----------------------------------------
$standby->stop;
ok(!$standby->log_contains(qr/complaint.*(PANIC|TRAP)/), 'no crash in the log');

done_testing();
