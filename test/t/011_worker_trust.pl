# test/t/011_worker_trust.pl -- nobody but the extension and those allowed
# to can stop or mislead the background worker:
#   (a) a role without privileges holding the advisory lock key the sweep
#       used to take (1668246896, 1), as a session lock and as a
#       transaction lock, does not hold up the worker or a manual sweep;
#   (b) DROP DATABASE, ALTER DATABASE ... RENAME / SET TABLESPACE and
#       CREATE DATABASE ... TEMPLATE of a served database by roles not
#       allowed to run them fail without touching the worker (same pid);
#       a permitted DROP DATABASE that fails because another session is
#       connected leaves the worker sweeping again at once;
#   (d) sweep(at) ahead of the workflow clock is refused (42501) to a role
#       that may sweep, and allowed to the superuser;
#   (c) DROP EXTENSION / CREATE EXTENSION with the worker running, then a
#       calendar change: the worker's next sweep counts with the new
#       holidays (its calendar cache follows the new table);
# and a bystander session opened before all this is still connected after
# it.  Never sleeps: every wait is poll_query_until or wait_for_log.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

use fixture;

my $node = PostgreSQL::Test::Cluster->new('trust');
$node->init;
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'complaint'
complaint.database = 'postgres, victim'
complaint.sweep_interval = '300ms'
});
$node->start;

$node->safe_psql('postgres', q{
CREATE ROLE mallory LOGIN;
CREATE ROLE mallory_cdb LOGIN CREATEDB;
CREATE ROLE dbowner LOGIN;
CREATE ROLE sweeper LOGIN;
CREATE DATABASE victim OWNER dbowner;
CREATE EXTENSION complaint;
});
$node->safe_psql('victim', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', $fixture::org);

# the worker of a database: "pid|sweeps"
sub worker
{
	my ($db) = @_;
	return $node->safe_psql('postgres',
		"SELECT coalesce(pid, 0) || '|' || sweeps FROM complaint.worker_status WHERE database = '$db'");
}

# wait until the worker of $db runs with $pid (or, $pid undef, any pid) and
# has finished more than $sweeps passes
sub sweeping_again
{
	my ($db, $sweeps, $pid) = @_;
	my $pidcheck = defined $pid ? "pid = $pid" : 'pid IS NOT NULL';
	return $node->poll_query_until('postgres',
		"SELECT $pidcheck AND sweeps > $sweeps + 1 AND state IN ('idle', 'sweeping')"
		  . " FROM complaint.worker_status WHERE database = '$db'");
}

# run $sql as $role (undef: the superuser) in $db; returns (stderr,
# sqlstate or '')
sub attempt
{
	my ($role, $db, $sql) = @_;
	my ($ret, $stdout, $stderr) = $node->psql($db, "\\set VERBOSITY verbose\n$sql",
		extra_params => defined $role ? [ '-U', $role ] : []);
	my ($state) = $stderr =~ /ERROR:\s+([0-9A-Z]{5}):/;
	return ($stderr, $state // '');
}

ok($node->poll_query_until('postgres',
		"SELECT count(*) = 2 FROM complaint.worker_status WHERE state = 'idle' AND sweeps > 0"),
	'both workers sweep');

# the bystander: opened before every attack, checked after all of them
my $bystander = $node->background_psql('postgres');
my $bystander_pid = $bystander->query_safe('SELECT pg_backend_pid()');

# --- (a) the old advisory key, held by a role without privileges ---------
my $mallory = $node->background_psql('postgres', extra_params => [ '-U', 'mallory' ]);
$mallory->query_safe('SELECT pg_advisory_lock(1668246896, 1)');
is($node->safe_psql('postgres', q{
	SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
	 WHERE a.usename = 'mallory' AND l.locktype = 'advisory' AND l.classid = 1668246896
	   AND l.objid = 1 AND l.objsubid = 2 AND l.granted}),
	'1', 'mallory holds advisory lock (1668246896, 1) as a session lock');
my ($pid, $sweeps) = split /\|/, worker('postgres');
$node->safe_psql('postgres', fixture::overdue_cases(1, 'advisory session'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 5 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'advisory session'"),
	'the worker records the five rungs of a due case while the key is held');
ok(sweeping_again('postgres', $sweeps, $pid), 'and its sweep count rises, same worker');
is($node->safe_psql('postgres', q{
	SET lock_timeout = '2s';
	SELECT complaint.sweep() >= 0}), 't', 'a manual sweep does not wait for the key either');
$mallory->query_safe('SELECT pg_advisory_unlock(1668246896, 1)');

$mallory->query_safe('BEGIN');
$mallory->query_safe('SELECT pg_advisory_xact_lock(1668246896, 1)');
($pid, $sweeps) = split /\|/, worker('postgres');
$node->safe_psql('postgres', fixture::overdue_cases(1, 'advisory xact'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 5 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'advisory xact'"),
	'the same with the key held as a transaction lock in an open transaction');
ok(sweeping_again('postgres', $sweeps, $pid), 'sweep count rises');
$mallory->query_safe('COMMIT');
$mallory->quit;

# --- (b) database statements the caller may not run -----------------------
my %before = (postgres => [ split /\|/, worker('postgres') ],
			  victim => [ split /\|/, worker('victim') ]);
my @refused = (
	[ 'mallory', 'postgres', 'DROP DATABASE victim', '42501', 'DROP DATABASE by a non-owner' ],
	[ 'mallory', 'template1', 'DROP DATABASE postgres', '42501', 'DROP DATABASE of the other served database' ],
	[ 'mallory', 'postgres', 'DROP DATABASE victim WITH (FORCE)', '42501', 'DROP DATABASE ... WITH (FORCE) by a non-owner' ],
	[ 'mallory', 'postgres', 'ALTER DATABASE victim RENAME TO pwned', '42501', 'RENAME by a non-owner' ],
	[ 'mallory', 'template1', 'ALTER DATABASE postgres RENAME TO pwned', '42501', 'RENAME of the other served database' ],
	[ 'mallory_cdb', 'postgres', 'ALTER DATABASE victim RENAME TO pwned', '42501', 'RENAME by a CREATEDB role that does not own it' ],
	[ 'dbowner', 'postgres', 'ALTER DATABASE victim RENAME TO pwned', '42501', 'RENAME by the owner without CREATEDB' ],
	[ 'mallory', 'postgres', 'ALTER DATABASE victim SET TABLESPACE pg_default', '42501', 'SET TABLESPACE by a non-owner' ],
	[ 'mallory', 'postgres', 'CREATE DATABASE copy1 TEMPLATE victim', '42501', 'CREATE DATABASE ... TEMPLATE without CREATEDB' ],
	[ 'mallory_cdb', 'postgres', 'CREATE DATABASE copy2 TEMPLATE victim', '42501', 'copying a database that is not a template, not owning it' ],
	[ 'dbowner', 'postgres', "BEGIN;\nDROP DATABASE victim;\nCOMMIT;", '25001', 'DROP DATABASE inside a transaction block, by the owner' ]);
# the hook would make the worker leave before the statement fails, so a
# worker it touched has another pid (or none) when the statement returns
my $pids_before = "$before{postgres}[0]|$before{victim}[0]";
for my $r (@refused)
{
	my ($role, $db, $sql, $want, $what) = @$r;
	my ($stderr, $state) = attempt($role, $db, $sql);
	is($state, $want, "$what fails with $want");
	is($node->safe_psql('postgres', q{
		SELECT string_agg(coalesce(pid, 0)::text, '|' ORDER BY database <> 'postgres')
		  FROM complaint.worker_status}), $pids_before,
		"$what leaves both workers alone");
}
for my $db ('postgres', 'victim')
{
	my ($pid0, $sweeps0) = @{ $before{$db} };
	ok(sweeping_again($db, $sweeps0, $pid0),
		"the worker of $db runs on with the same pid and keeps sweeping");
}
is($node->safe_psql('postgres',
		"SELECT count(*) FROM pg_database WHERE datname IN ('victim', 'postgres')"),
	'2', 'both databases are still there');

# a permitted DROP DATABASE that fails: another session is connected
my $inside = $node->background_psql('victim');
my ($vpid, $vsweeps) = split /\|/, worker('victim');
my ($stderr, $state) = attempt('dbowner', 'postgres', 'DROP DATABASE victim');
is($state, '55006', 'the owner\'s DROP DATABASE fails while another session is connected');
like($stderr, qr/database "victim" is being accessed by other users/, 'with PostgreSQL\'s own message');
my $t0 = time();
ok(sweeping_again('victim', $vsweeps), 'the worker of victim sweeps again');
my $back = time() - $t0;
note(sprintf('victim swept again %.2f s after the failed DROP DATABASE', $back));
ok($back < 5, 'at once, without the back-off of a failing worker');
$inside->quit;

# --- (d) sweeping ahead of the workflow clock ------------------------------
$node->safe_psql('postgres', q{
GRANT USAGE ON SCHEMA complaint TO sweeper;
GRANT EXECUTE ON FUNCTION complaint.sweep(timestamptz) TO sweeper;
});
($stderr, $state) = attempt('sweeper', 'postgres', "SELECT complaint.sweep(now() + interval '1 hour')");
is($state, '42501', 'sweep an hour ahead: refused to a role that may sweep');
like($stderr, qr/HINT:\s+Omit the argument/, 'with a hint');
($stderr, $state) = attempt('sweeper', 'postgres', "SELECT complaint.sweep(NULL)");
is($state, '22004', 'sweep(NULL): 22004 (null value not allowed)');
($stderr, $state) = attempt('sweeper', 'postgres', 'SELECT complaint.sweep()');
is($state, '', 'sweep() as of now: allowed to that role');
($stderr, $state) = attempt(undef, 'postgres',
	"BEGIN;\nSELECT complaint.sweep(now() + interval '1 hour');\nROLLBACK;");
is($state, '', 'sweep an hour ahead: allowed to the superuser');

# --- (c) DROP/CREATE EXTENSION, then a calendar change ---------------------
# the worker compiles a calendar (the grading counts the self-check
# deadlines on CN) just before the extension goes away; the same worker
# process then serves the new extension
$node->safe_psql('postgres', fixture::overdue_cases(1, 'calendar cn'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id"
		  . " JOIN complaint.cases c ON c.id = v.case_id WHERE c.matter = 'calendar cn'"),
	'the worker has counted working days before DROP EXTENSION');
my ($cpid) = split /\|/, worker('postgres');
my $log_offset = -s $node->logfile;
$node->safe_psql('postgres', 'DROP EXTENSION complaint CASCADE');
$node->wait_for_log(qr/complaint worker waits for the complaint extension in database "postgres"/, $log_offset);
pass('the worker noticed DROP EXTENSION');
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', $fixture::org);
# TAP: every day a working day, all day long
$node->safe_psql('postgres', q{
INSERT INTO complaint.calendar (name, time_zone) VALUES ('TAP', 'Asia/Shanghai');
INSERT INTO complaint.calendar_hours (calendar, isodow, starts, ends)
SELECT 'TAP', d, '00:00', '24:00' FROM generate_series(1, 7) d;
UPDATE complaint.unit SET calendar = 'TAP';
});

# the self-check notice is due 5 working days after the worker sends it:
# compare with the same count made now in a fresh session
my $fresh_check = q{
SELECT k.report_due = complaint.deadline(k.notified_at, '5 working days', 'TAP')
  FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id
  JOIN complaint.cases c ON c.id = v.case_id WHERE c.matter = '%s'};

$node->safe_psql('postgres', fixture::overdue_cases(1, 'calendar before'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id"
		  . " JOIN complaint.cases c ON c.id = v.case_id WHERE c.matter = 'calendar before'"),
	'after CREATE EXTENSION the worker sends a self-check notice');
is($node->safe_psql('postgres', sprintf($fresh_check, 'calendar before')), 't',
	'its report deadline counts 5 working days on the new TAP calendar');

# holidays from the day after tomorrow on, for 40 days
$node->safe_psql('postgres', q{
INSERT INTO complaint.calendar_day (calendar, day, kind, name)
SELECT 'TAP', (now() AT TIME ZONE 'Asia/Shanghai')::date + i, 'holiday', 'tap closure'
  FROM generate_series(2, 41) i;
});
$node->safe_psql('postgres', fixture::overdue_cases(1, 'calendar after'));
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 1 FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id"
		  . " JOIN complaint.cases c ON c.id = v.case_id WHERE c.matter = 'calendar after'"),
	'the worker sends the next notice');
is($node->safe_psql('postgres', sprintf($fresh_check, 'calendar after')), 't',
	'its report deadline counts the holidays added after CREATE EXTENSION');
is($node->safe_psql('postgres', q{
	SELECT k.report_due > k.notified_at + interval '40 days'
	  FROM complaint.self_check k JOIN complaint.violation v ON v.id = k.violation_id
	  JOIN complaint.cases c ON c.id = v.case_id WHERE c.matter = 'calendar after'}),
	't', 'so it lies beyond the 40 days of closure');
is((split /\|/, worker('postgres'))[0], $cpid,
	'all of it in the worker process that had compiled CN before DROP EXTENSION');

# --- after all of it -------------------------------------------------------
is($bystander->query_safe('SELECT pg_backend_pid()'), $bystander_pid,
	'the bystander session opened before the attacks is still connected');
$bystander->quit;
ok($node->poll_query_until('postgres',
		"SELECT count(*) = 2 FROM complaint.worker_status WHERE state = 'idle' AND pid IS NOT NULL"),
	'both workers still run');
ok(!$node->log_contains(qr/terminated by signal|server process .* was terminated|PANIC|TRAP/),
	'no crash in the log');

done_testing();
