# test/t/020_notify.pl -- complaint-notify delivers the escalation feed at
# least once, in order, through kills, server restarts and a cut
# connection, as a role with nothing but complaint_monitor's rights.
#
#  1. 10,000 escalation steps (2,000 overdue cases, five rungs each, plus
#     their violations, proposed sanctions and self-check notices) are
#     recorded by the background worker in 20 waves while the client
#     writes JSON lines to a file; the client is killed with SIGKILL 10
#     times (and started again), the server is restarted twice and the
#     client's connection is terminated once.  Then: every notice of the
#     feed is in the file (none lost), every line is a notice of the feed,
#     duplicates are only notices that were in flight at a kill (written
#     after the last acknowledgement, at most one batch per kill; counted
#     and reported), first deliveries are in feed order, each case's rungs
#     in ladder order, and no line carries complainant data.  SIGTERM stops
#     the client with status 0.
#  2. A consumer 100,000 notices behind (made set-based) catches up with
#     --once, in order, without a duplicate; the rate is reported.
#  3. --exec runs a command per notice (the README's example script, behind
#     a gateway that fails twice), runs it again after a failure and
#     acknowledges only after success, in order.
#  4. The client's role: an unknown consumer and a role without the
#     monitor's rights end with status 1 and the server's message; the
#     monitor's login cannot read the tables.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use IPC::Run qw(start);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep time);

use fixture;

my $waves = 20;
my $per_wave = 100;			# cases per wave: 5 rungs each, 10,000 steps in all
my $kills = 10;
my $batch = 200;			# notices per read: the most a kill can leave in flight
my $lag = 100_000;
my $marker = 'NOTIFYMARK';

my $node = PostgreSQL::Test::Cluster->new('notify');
$node->init;
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'complaint'
complaint.database = 'postgres'
complaint.sweep_interval = '100ms'
complaint.batch_size = 500
});
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
$node->safe_psql('postgres', $fixture::org);
$node->safe_psql('postgres', q{
CREATE ROLE notifier LOGIN IN ROLE complaint_monitor;
CREATE ROLE outsider LOGIN;
SELECT complaint.feed_register('sms', 'beginning');
});

my $tmp = PostgreSQL::Test::Utils::tempdir;
my $conninfo = sub { my $user = shift; 'host=' . $node->host . ' port=' . $node->port . " dbname=postgres user=$user" };

# --- 4 first: what the client's role may do ----------------------------------
{
	my ($out, $err);
	my $rc = IPC::Run::run(['complaint-notify', '--once', '--consumer', 'nobody', $conninfo->('notifier')],
		'>', \$out, '2>', \$err);
	is($? >> 8, 1, 'an unknown consumer: exit status 1');
	like($err, qr/feed consumer "nobody" is not registered.*SQLSTATE 42704.*hint: An administrator registers it/s,
		'and the server\'s message with its hint');
	IPC::Run::run(['complaint-notify', '--once', '--consumer', 'sms', $conninfo->('outsider')], '>', \$out, '2>', \$err);
	is($? >> 8, 1, 'a role without the monitor\'s rights: exit status 1');
	like($err, qr/permission denied for function feed_read \(SQLSTATE 42501\)/, 'permission denied');
	IPC::Run::run(['complaint-notify', '--batch', 'x'], '>', \$out, '2>', \$err);
	is($? >> 8, 2, 'a bad option: exit status 2');
	IPC::Run::run(['complaint-notify', '--help'], '>', \$out, '2>', \$err);
	like($out, qr/^Usage: complaint-notify \[OPTION\]\.\.\. \[CONNINFO\]/, '--help');
	my ($ret, $stdout, $stderr) = $node->psql('postgres', 'SELECT count(*) FROM complaint.cases',
		extra_params => ['-U', 'notifier']);
	like($stderr, qr/permission denied for table cases/, 'the monitor\'s login cannot read the cases');
	($ret, $stdout, $stderr) = $node->psql('postgres', "SELECT complaint.feed_register('mine')",
		extra_params => ['-U', 'notifier']);
	like($stderr, qr/permission denied for function feed_register/, 'nor register a consumer');
}

# --- 1. kills, restarts and a cut connection ----------------------------------
my $outfile = "$tmp/sms.jsonl";
my $errfile = "$tmp/sms.err";
my @client;

sub start_client
{
	@client = ('complaint-notify', '--consumer', 'sms', '--batch', $batch, '--poll', '0.5',
		'--retry-max', '1', $conninfo->('notifier'));
	return start(\@client, '>>', $outfile, '2>>', $errfile);
}

# psql that survives the restarts: retried until the server answers
sub sql_retry
{
	my ($sql) = @_;
	for (1 .. 300)
	{
		my ($ret, $out, $err) = $node->psql('postgres', $sql);
		return $out if $ret == 0;
		usleep(100_000);
	}
	die "no answer to: $sql";
}

my $h = start_client();
my $restarts = 0;
my $cuts = 0;
my $killed = 0;
for my $wave (1 .. $waves)
{
	sql_retry(fixture::overdue_cases($per_wave, "wave $wave") . qq{
SET complaint.staff = 'S1';
UPDATE complaint.cases SET complainant_name = '$marker 张三', complainant_contact = '13900$marker'
 WHERE matter = 'wave $wave';});
	usleep(250_000 + int(rand(250_000)));
	if ($wave % 2 == 0 && $killed < $kills)
	{
		$h->signal('KILL');
		$h->finish;
		$killed++;
		$h = start_client();
	}
	if ($wave == 7 || $wave == 14)
	{
		$node->restart(mode => 'immediate') if $wave == 7;
		$node->restart if $wave == 14;
		$restarts++;
	}
	if ($wave == 10)
	{
		# a cut connection: the server ends the client's session
		sql_retry(q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'complaint-notify'});
		$cuts++;
	}
}
is($killed, $kills, "the client was killed with SIGKILL $kills times");
is($restarts, 2, 'the server was restarted twice (immediate and fast)');

# every step recorded, and the consumer has delivered and acknowledged all
ok($node->poll_query_until('postgres', 'SELECT count(*) = ' . ($waves * $per_wave * 5) . ' FROM complaint.escalation'),
	'the worker recorded ' . ($waves * $per_wave * 5) . ' escalation steps');
ok($node->poll_query_until('postgres', 'SELECT complaint.sweep() = 0'), 'nothing left to sweep');
ok($node->poll_query_until('postgres',
		'SELECT behind = 0 AND not_numbered = 0 AND position > 0 FROM complaint.feed_lag WHERE consumer = \'sms\''),
	'the client caught up');
$h->signal('TERM');
$h->finish;
is($h->result(0), 0, 'SIGTERM: the client stops with status 0');
like(slurp_file($errfile), qr/stopped\n\z/, 'and says so last');
like(slurp_file($errfile), qr/error: [^\n]*connection lost[^\n]*\n[^\n]*connection lost; connecting again/,
	'it noticed the lost connections and connected again');

# what the feed holds, in order
my %feed_seq;
my @feed = split /\n/, $node->safe_psql('postgres',
	q{SELECT f.seq || ' ' || f.kind || ':' || f.ref_id FROM complaint.feed f ORDER BY f.seq});
for (@feed)
{
	my ($seq, $key) = split / /;
	$feed_seq{$key} = $seq;
}
my %expect_kinds = map { split /\|/ } split /\n/, $node->safe_psql('postgres',
	'SELECT kind, count(*) FROM complaint.feed GROUP BY kind');
note(join(', ', map { "$_: $expect_kinds{$_}" } sort keys %expect_kinds));
is($expect_kinds{escalation}, $waves * $per_wave * 5, 'the feed holds every escalation step');

# what the client wrote
open my $fh, '<', $outfile or die $!;
my @lines = <$fh>;
close $fh;
my (%seen, %case_steps);
my ($dups, $bad, $cut, $unordered, $last_first, $marker_lines) = (0, 0, 0, 0, 0, 0);
my @dup_blocks;				# lengths of runs of consecutive duplicate lines
my $in_block = 0;
for my $i (0 .. $#lines)
{
	my $line = $lines[$i];
	$marker_lines++ if $line =~ /$marker/;
	my ($key) = $line =~ /^\{"key" : "([a-z_]+:\d+)"/;
	my ($seq) = $line =~ /"seq" : (\d+)/;
	if ($line !~ /\}\n\z/)
	{
		$cut++;				# written in part when the client was killed
		next;
	}
	if (!defined $key || !defined $seq || !exists $feed_seq{$key} || $feed_seq{$key} != $seq)
	{
		$bad++;
		next;
	}
	if ($seen{$key}++)
	{
		$dups++;
		push @dup_blocks, 0 unless $in_block;
		$dup_blocks[-1]++;
		$in_block = 1;
		next;
	}
	$in_block = 0;
	$unordered++ if $seq != $last_first + 1;
	$last_first = $seq;
	if ($key =~ /^escalation:/)
	{
		my ($case) = $line =~ /"case_id" : (\d+)/;
		my ($step) = $line =~ /"step" : "([a-z_]+)"/;
		push @{ $case_steps{$case} }, $step;
	}
}
is($bad, 0, 'every line is a notice of the feed, with its number');
ok($cut <= $kills, "at most one line cut per kill ($cut), and the next run starts on a line of its own");
is(scalar(keys %seen), scalar(@feed), 'every notice of the feed was delivered (' . scalar(@feed) . '): none lost');
is($unordered, 0, 'first deliveries are in feed order, one after another');
is($marker_lines, 0, 'no line carries complainant data');

# duplicates: only notices in flight when the client was killed or its
# connection lost (written, not yet acknowledged): each interruption
# repeats at most the one batch it cut off
my $interruptions = $kills + $restarts + $cuts;
ok(@dup_blocks <= $interruptions && !grep({ $_ > $batch } @dup_blocks),
	scalar(@dup_blocks) . " runs of duplicates for $interruptions interruptions, each at most one batch ($batch): "
	  . join(' ', @dup_blocks));
diag("complaint-notify: " . scalar(@lines) . " lines for " . scalar(@feed) . " notices after $kills SIGKILLs, "
	. "$restarts server restarts and $cuts cut connection: $dups duplicates (notices in flight), $cut cut lines, 0 lost");

my @ladder = qw(warning handler unit_head supervising_leader accountability_office);
my %rank = map { $ladder[$_] => $_ } 0 .. $#ladder;
my $cases_out_of_order = grep {
	my @r = map { $rank{$_} } @{ $case_steps{$_} };
	scalar(grep { $r[$_] <= $r[ $_ - 1 ] } 1 .. $#r) > 0
} keys %case_steps;
is(scalar(keys %case_steps), $waves * $per_wave, 'every case\'s rungs were delivered');
is($cases_out_of_order, 0, 'each case\'s rungs in ladder order');

# --- 2. a consumer 100,000 notices behind catches up ------------------------------
$node->safe_psql('postgres', qq{
SELECT complaint.feed_register('catchup');
-- 100,000 steps written set-based: replica mode keeps the history guard
-- and the feed's trigger out, so the feed rows are added as it adds them
SET session_replication_role = replica;
INSERT INTO complaint.escalation (case_id, round, step, responsibility_id, due_at, recorded_at, to_staff, to_unit, reason)
SELECT (SELECT min(id) FROM complaint.cases), 0, 'warning', 1000 + g, now(), now(), 'S2', 'D1', 'bulk'
  FROM generate_series(1, $lag) g;
INSERT INTO complaint.feed (kind, ref_id)
SELECT 'escalation', e.id FROM complaint.escalation e WHERE e.reason = 'bulk' ORDER BY e.id;
});
is($node->safe_psql('postgres', q{SELECT behind + not_numbered FROM complaint.feed_lag WHERE consumer = 'catchup'}),
	$lag, "the consumer is $lag notices behind");
my $catchup = "$tmp/catchup.jsonl";
my $t0 = time;
IPC::Run::run(['complaint-notify', '--once', '--quiet', '--consumer', 'catchup', $conninfo->('notifier')],
	'>', $catchup, '2>', "$tmp/catchup.err");
my $secs = time - $t0;
is($? >> 8, 0, '--once: exit status 0');
is($node->safe_psql('postgres', q{SELECT behind + not_numbered FROM complaint.feed_lag WHERE consumer = 'catchup'}),
	0, 'it caught up');
my @got = map { /"seq" : (\d+)/ ? $1 : -1 } split /\n/, slurp_file($catchup);
my $first = $node->safe_psql('postgres', q{SELECT min(seq) FROM complaint.feed f JOIN complaint.escalation e ON f.kind = 'escalation' AND e.id = f.ref_id WHERE e.reason = 'bulk'});
is(scalar(@got), $lag, "$lag lines");
is(scalar(grep { $got[$_] != $first + $_ } 0 .. $#got), 0, 'in order, none twice, none missing');
diag(sprintf('complaint-notify --once: %d notices in %.2f s (%.0f notices/s)', $lag, $secs, $lag / $secs));

# --- 3. --exec: the README's script, run again after a failure -----------------
$node->safe_psql('postgres', q{SELECT complaint.feed_register('exec')});
my ($readme_script) = slurp_file("$FindBin::RealBin/../../README.md")
  =~ /<!-- sms-notice\.sh:[^\n]*-->\n```sh\n(.*?)```/s;
ok(defined $readme_script, 'README.md has the example script');
my $script = "$tmp/sms-notice.sh";
open my $sh, '>', $script or die $!;
print $sh $readme_script;
close $sh;
# a gateway that is down twice first
my $flaky = "$tmp/flaky.sh";
open $sh, '>', $flaky or die $!;
print $sh qq{#!/bin/sh
n=\$(cat $tmp/tries 2>/dev/null || echo 0)
if [ "\$n" -lt 2 ]; then echo \$((n + 1)) > $tmp/tries; echo "gateway down" >&2; exit 1; fi
exec $script
};
close $sh;
chmod 0755, $script, $flaky;
my $outbox = "$tmp/outbox";
my $from = $node->safe_psql('postgres', q{SELECT position FROM complaint.feed_consumer WHERE name = 'exec'});
local $ENV{SMS_OUTBOX} = $outbox;
my $eh = start(['complaint-notify', '--consumer', 'exec', '--exec', $flaky, '--retry-max', '1', '--poll', '0.5',
		$conninfo->('notifier')], '>', "$tmp/exec.out", '2>', "$tmp/exec.err");
$node->safe_psql('postgres', fixture::overdue_cases(1, 'exec'));
ok($node->poll_query_until('postgres',
		q{SELECT behind = 0 AND not_numbered = 0 AND delivered = 8 FROM complaint.feed_lag WHERE consumer = 'exec'}),
	'--exec: the 8 notices of an overdue case were delivered and acknowledged');
$eh->signal('TERM');
$eh->finish;
is($eh->result(0), 0, '--exec: SIGTERM, status 0');
my @sms = split /\n/, slurp_file($outbox);
my @keys = map { (split /\t/)[0] } @sms;
is(join(' ', @keys), join(' ', split /\n/, $node->safe_psql('postgres',
		"SELECT kind || ':' || ref_id FROM complaint.feed WHERE seq > $from ORDER BY seq")),
	'the command took each notice once, in order');
like($sms[1], qr/^escalation:\d+\tS2\thandler\tcase \d+: escalation handler, city, act by \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+08:00$/,
	'a message with the key, the staff member to tell and the deadline in the unit\'s time zone');
like(slurp_file("$tmp/exec.err"),
	qr/command failed for notice \d+ \(escalation:\d+\): exit status 1.*trying notice \d+ \(escalation:\d+\) again in 1 s/s,
	'a failing command is run again');

$node->stop;
done_testing();
