# test/t/003_dump.pl -- pg_dump keeps the register: a database with cases,
# history, escalations, violations, sanctions and the organisation's own
# calendars and rules is dumped and restored into a new database
# (pg_restore in a session with session_replication_role = replica, as
# README.md says: --disable-triggers only acts on a data-only restore, and
# extension tables and their rows come back with CREATE EXTENSION plus
# data); every table the
# extension registered with pg_extension_config_dump comes back row for
# row, the sequences go on after the restored ids, and the guards work
# again in the restored database.  A restore without --disable-triggers is
# refused by the guards, loudly.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

use fixture;

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init;
$node->start;

# --- a register with some history ------------------------------------------
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', $fixture::org);
$node->safe_psql('postgres', q{
INSERT INTO complaint.calendar (name, time_zone) VALUES ('ORG', 'Asia/Shanghai');
INSERT INTO complaint.calendar_day (calendar, day, kind, name) VALUES ('ORG', '2030-01-02', 'holiday', 'org day off');
});
$node->safe_psql('postgres', fixture::overdue_cases(3, 'dumped'));
$node->safe_psql('postgres', q{
SET complaint.staff = 'S2';
SELECT complaint.accept(1);
});
my $recorded = $node->safe_psql('postgres', 'SELECT complaint.sweep(now())');
ok($recorded > 0, "the sweep recorded $recorded steps and records to dump");

# every table registered for dumping, all its rows (the built-in ones that
# CREATE EXTENSION makes and the dumped ones) as text in a fixed order
my @tables = split /\n/, $node->safe_psql('postgres', q{
SELECT c.relname
  FROM pg_extension e, unnest(e.extconfig) AS cfg(oid)
  JOIN pg_class c ON c.oid = cfg.oid
 WHERE e.extname = 'complaint' AND c.relkind = 'r'
 ORDER BY c.relname});
ok(scalar(@tables) >= 10, 'the extension registers its user tables for pg_dump: ' . join(', ', @tables));

sub contents
{
	my ($db) = @_;
	my %rows;
	for my $t (@tables)
	{
		$rows{$t} = $node->safe_psql($db,
			"SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '')"
			  . " FROM complaint.$t x");
	}
	return \%rows;
}
my $before = contents('postgres');

# --- dump, and restore as README.md says -----------------------------------
my $dumpfile = $node->basedir . '/register.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dumpfile, '-d', $node->connstr('postgres') ],
	'pg_dump of the register');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
{
	local $ENV{PGOPTIONS} = '-c session_replication_role=replica';
	$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('restored'), $dumpfile ],
		'pg_restore with session_replication_role = replica');
}

my $after = contents('restored');
for my $t (@tables)
{
	is($after->{$t}, $before->{$t}, "complaint.$t restored row for row");
}

# --- the restored register lives on ----------------------------------------
is($node->safe_psql('restored', q{
SET complaint.staff = 'S1';
INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'after the restore')
RETURNING id = (SELECT max(id) FROM complaint.cases WHERE matter = 'dumped') + 1}),
	't', 'a new case gets the next id: the sequence was restored');
my ($rc, $out, $err) = $node->psql('restored',
	q{UPDATE complaint.cases SET first_responder = 'S2' WHERE id = 1});
like($err, qr/first responder/, 'the first responder still never changes');
($rc, $out, $err) = $node->psql('restored', q{DELETE FROM complaint.event WHERE case_id = 1});
like($err, qr/cannot delete rows of complaint\.event/, 'the history is still append-only');
is($node->safe_psql('restored', "SELECT complaint.sweep(now())"), '0',
	'a sweep of the restored register records nothing twice');

# --- with the triggers running, the guards refuse the rows -----------------
$node->safe_psql('postgres', 'CREATE DATABASE refused');
my $result = run_log([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('refused'), $dumpfile ]);
ok(!$result, 'a restore that lets the triggers run fails');
is($node->safe_psql('refused', 'SELECT count(*) FROM complaint.cases'), '0',
	'and wrote no case');

$node->stop;
done_testing();
