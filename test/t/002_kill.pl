# test/t/002_kill.pl -- kill -9 of the worker ten times while it sweeps
# 10,000 overdue cases: after the crash restarts, every due step is
# recorded exactly once.  Waits only with poll_query_until.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);

use fixture;

my $ncases = 10000;
my $kills = 10;

my $node = PostgreSQL::Test::Cluster->new('kill');
$node->init;
# small batches: many short transactions, so that every kill lands mid-sweep
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'complaint'
complaint.database = 'postgres'
complaint.sweep_interval = '100ms'
complaint.batch_size = 50
complaint.worker_enabled = off
restart_after_crash = on
});
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', $fixture::org);
$node->safe_psql('postgres', fixture::overdue_cases($ncases, 'kill'));

# start sweeping
$node->adjust_conf('postgresql.conf', 'complaint.worker_enabled', 'on');
$node->reload;

# poll_until --- poll_query_until that survives the crash restart each kill
# causes: while the server restarts, psql may exit before reading its query
# and IPC::Run then dies of a broken pipe; so wait for pg_isready and retry.
sub poll_until
{
	my ($query) = @_;
	for my $attempt (1 .. 50)
	{
		for (1 .. 10 * $PostgreSQL::Test::Utils::timeout_default)
		{
			last if system($node->installed_command('pg_isready'), '-q', '-h', $node->host, '-p', $node->port) == 0;
			usleep(100_000);
		}
		my $ok = eval { $node->poll_query_until('postgres', $query) };
		return 1 if $ok;
		note("poll interrupted by a server restart, retrying: $@") if $@;
		usleep(100_000);
	}
	return 0;
}

my $last = 0;
my $killed = 0;
for my $i (1 .. $kills)
{
	# wait until the worker has written more since the last kill
	poll_until("SELECT count(*) > $last FROM complaint.escalation")
	  or die "worker made no progress before kill $i";
	my $pid = $node->safe_psql('postgres',
		"SELECT pid FROM pg_stat_activity WHERE backend_type = 'complaint worker'");
	my $done = $node->safe_psql('postgres', 'SELECT count(*) FROM complaint.escalation');
	next if $pid eq '';
	note("kill $i: worker $pid after $done escalation steps");
	kill 'KILL', $pid;
	$killed++;
	$last = $done;
}
is($killed, $kills, 'worker killed ten times');
# the last kill sends the server through crash recovery again
poll_until('SELECT true') or die 'server did not come back';
my $progress = $node->safe_psql('postgres', 'SELECT count(*) FROM complaint.escalation');
cmp_ok($progress, '<', 5 * $ncases, 'the kills landed before the sweep was done');

# let it finish: nothing due is left in any section
ok(poll_until(q{
	SELECT NOT EXISTS (SELECT 1 FROM complaint.escalation_watch WHERE due_at <= now())
	   AND NOT EXISTS (SELECT 1 FROM complaint.violation WHERE graded_at IS NULL)
}), 'sweep finished after the crashes');

ok($node->log_contains(qr/was terminated by signal 9/), 'the server saw the kills');

is($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.escalation'),
	5 * $ncases, 'five rungs for each case');
is($node->safe_psql('postgres',
		'SELECT count(*) FROM (SELECT DISTINCT case_id, step FROM complaint.escalation) d'),
	5 * $ncases, 'each rung once');
is($node->safe_psql('postgres',
		"SELECT count(*) FROM complaint.cases c WHERE c.matter = 'kill' AND (SELECT count(*) FROM complaint.escalation e WHERE e.case_id = c.id) <> 5"),
	'0', 'no case missed a rung');
is($node->safe_psql('postgres', q{
	SELECT count(*) || ' ' || count(DISTINCT detail->>'escalation_id')
	  FROM complaint.event WHERE kind IN ('warned', 'escalated')}),
	(5 * $ncases) . ' ' . (5 * $ncases), 'one history event per rung');
is($node->safe_psql('postgres', "SELECT count(*) FROM complaint.violation WHERE kind = 'no_answer_in_time'"),
	$ncases, 'one violation per case');
is($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.sanction'),
	$ncases, 'one proposed sanction per violation');
is($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.self_check'),
	$ncases, 'one self-check notice per violation');

done_testing();
