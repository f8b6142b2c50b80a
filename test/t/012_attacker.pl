# test/t/012_attacker.pl -- the trust boundary under attack.
#
# A role that may only connect and use schema complaint ("mallory"), and a
# login member of each shipped group role, try every attack the trust
# boundary is meant to stop: C trigger functions on tables of their own,
# forged staff identities, owner-rights functions, the sweep's lock, DROP
# and RENAME of the served database, back-dated or edited accountability
# records, NULLs where the triggers need values, moved deadlines, read
# access to complainants.  Each attempt must end in its documented
# SQLSTATE (never XX000), and afterwards:
#   - a bystander session opened before the first attack is still
#     connected (a crash-restart would have ended it);
#   - no row of the register, the history, the escalation and the
#     accountability tables changed (an md5 of every table, before and
#     after);
#   - the worker is the same process and still sweeping;
#   - the server log has no crash.
# The outcome table is printed with note() (README.md, "Trust boundary",
# quotes its figures).

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

use fixture;

my $node = PostgreSQL::Test::Cluster->new('attacker');
$node->init;
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'complaint'
complaint.database = 'postgres'
complaint.sweep_interval = '200ms'
});
$node->start;

# --- the register: an organisation, overdue cases with complainants, ---
# --- their escalations, violations and a decided sanction             ---
my $marker = 'ZZMARK';			# in every complainant column: must never leak
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
$node->safe_psql('postgres', $fixture::org);

# a listener without any right but USAGE: LISTEN cannot be refused, so the
# payloads it reads must carry nothing personal
$node->safe_psql('postgres', q{
CREATE ROLE mallory LOGIN;
GRANT USAGE ON SCHEMA complaint TO mallory;
});
my $listener = $node->background_psql('postgres', extra_params => ['-U', 'mallory']);
$listener->query_safe('LISTEN complaint_escalation');

$node->safe_psql('postgres', fixture::overdue_cases(3, 'attack'));
$node->safe_psql('postgres', qq{
SET complaint.staff = 'S1';
UPDATE complaint.cases SET complainant_name = '$marker 张三', complainant_unit = '$marker unit',
	   complainant_address = '$marker road', complainant_contact = '13800${marker}'
 WHERE matter = 'attack';
});
ok($node->poll_query_until('postgres',
		"SELECT count(*) >= 15 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'attack'"),
	'worker escalated the cases');
ok($node->poll_query_until('postgres', 'SELECT count(*) >= 1 FROM complaint.sanction'),
	'worker graded the violations into sanctions');
# everything due now is recorded: later sweeps record nothing, so the
# tables stay put while the attacks run
ok($node->poll_query_until('postgres', 'SELECT complaint.sweep() = 0'), 'nothing left to sweep');
$node->safe_psql('postgres', q{
SET complaint.staff = 'H0';
SELECT complaint.record_hearing(min(id), 'heard in person') FROM complaint.sanction;
SELECT complaint.decide_sanction(min(id)) FROM complaint.sanction;
});

my $notices = $listener->query_safe('SELECT 1');
$notices .= $listener->{stderr};
like($notices, qr/Asynchronous notification "complaint_escalation"/, 'the listener received escalation payloads');
unlike($notices, qr/$marker|13800/, 'no payload carries complainant data');
$listener->quit;

# --- attackers -------------------------------------------------------------
my @groups = qw(admin application staff accountability analyst monitor);
$node->safe_psql('postgres', join("\n",
	(map { "CREATE ROLE att_$_ LOGIN IN ROLE complaint_$_;" } @groups),
	'CREATE ROLE att_staff_unmapped LOGIN IN ROLE complaint_staff;',
	"UPDATE complaint.staff SET db_role = 'att_staff' WHERE code = 'S2';"));

# --- what must not change --------------------------------------------------
$node->safe_psql('postgres', "SELECT complaint.feed_register('sms')");
my @watched = qw(cases event responsibility escalation escalation_watch violation
	sanction appeal self_check explanation unit staff calendar calendar_day
	calendar_hours time_limit_rule escalation_policy feed_consumer);
my $checksum_sql = join(" UNION ALL ",
	map { "SELECT '$_', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM complaint.$_ t" }
	@watched);
my $before = $node->safe_psql('postgres', $checksum_sql);

my $bystander = $node->background_psql('postgres');
my $bystander_pid = $bystander->query_safe('SELECT pg_backend_pid()');
my $worker_pid = $node->safe_psql('postgres',
	"SELECT pid FROM complaint.worker_status WHERE database = 'postgres'");
my $sweeps_before = $node->safe_psql('postgres',
	"SELECT sweeps FROM complaint.worker_status WHERE database = 'postgres'");

# the attacks: [role, database, what, SQL, accepted SQLSTATEs]
my $case = $node->safe_psql('postgres', "SELECT min(id) FROM complaint.cases WHERE matter = 'attack'");
my $sanction = $node->safe_psql('postgres', 'SELECT min(id) FROM complaint.sanction');
my @attacks = (
	# a role with USAGE only
	['mallory', 'postgres', 'reproject_rule on a temp table of its own',
		'CREATE TEMP TABLE t (id bigint, lim int); CREATE TRIGGER x AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION complaint.reproject_rule()',
		'42501'],
	['mallory', 'postgres', 'read the register', 'SELECT complainant_name FROM complaint.cases', '42501'],
	['mallory', 'postgres', 'register a case naming a staff member',
		"SET complaint.staff = 'S1'; INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'forged')", '42501'],
	['mallory', 'postgres', 'add a co-handler (owner-rights function)', "SELECT complaint.add_co_handler($case, 'D1')", '42501'],
	['mallory', 'postgres', 'lock a case through case_for_step', "SELECT complaint.case_for_step($case)", '42501'],
	['mallory', 'postgres', 'a step function', "SELECT complaint.accept($case)", '42501'],
	['mallory', 'postgres', 'sweep', 'SELECT complaint.sweep()', '42501'],
	['mallory', 'postgres', 'sweep in the future', "SELECT complaint.sweep('2100-01-01')", '42501'],
	['mallory', 'postgres', 'send an escalation NOTIFY', "SELECT complaint.sweep_notify('case', 1)", '42501'],
	['mallory', 'postgres', 'create the group roles', 'SELECT complaint.create_roles()', '42501'],
	['mallory', 'postgres', 'move the workflow clock', "SET complaint.now = '2000-01-01'", '42501'],
	['mallory', 'template1', 'DROP DATABASE of the served database', 'DROP DATABASE postgres', '42501'],
	['mallory', 'template1', 'RENAME of the served database', 'ALTER DATABASE postgres RENAME TO stolen', '42501'],
	['mallory', 'postgres', 'replica mode to bypass the triggers', 'SET session_replication_role = replica', '42501'],
	# the application role: everything but forging and NULLs is its job
	['att_application', 'postgres', 'NULL channel on INSERT',
		"SET complaint.staff = 'S1'; INSERT INTO complaint.cases (channel, matter) VALUES (NULL, 'x')", '23502'],
	['att_application', 'postgres', 'status set to NULL',
		"SET complaint.staff = 'S1'; UPDATE complaint.cases SET status = NULL WHERE id = $case", '23502'],
	['att_application', 'postgres', 'transfer to a NULL unit',
		"SET complaint.staff = 'S1'; SELECT complaint.transfer($case, NULL)", '23502'],
	['att_application', 'postgres', 'status transferred with handler_unit NULL',
		"SET complaint.staff = 'S1'; UPDATE complaint.cases SET status = 'transferred', handler_unit = NULL WHERE id = $case", '23502'],
	['att_application', 'postgres', 'change the first responder',
		"SET complaint.staff = 'S1'; UPDATE complaint.cases SET first_responder = 'S2' WHERE id = $case", '23514'],
	['att_application', 'postgres', 'register naming another first responder',
		"SET complaint.staff = 'S1'; INSERT INTO complaint.cases (channel, matter, first_responder) VALUES ('phone', 'x', 'S2')", '42501'],
	['att_application', 'postgres', 'move the deadline',
		"SET complaint.staff = 'S1'; UPDATE complaint.cases SET deadline = deadline + interval '10 days' WHERE id = $case", '23514'],
	['att_application', 'postgres', 'move the receipt time',
		"SET complaint.staff = 'S1'; UPDATE complaint.cases SET received_at = received_at + interval '1 day' WHERE id = $case", '23514'],
	['att_application', 'postgres', 'delete a case', "DELETE FROM complaint.cases WHERE id = $case", '42501'],
	['att_application', 'postgres', 'write the history directly',
		"INSERT INTO complaint.event (case_id, at, kind) VALUES ($case, now(), 'registered')", '42501'],
	['att_application', 'postgres', 'end a responsibility directly',
		"UPDATE complaint.responsibility SET until = now() WHERE case_id = $case", '42501'],
	['att_application', 'postgres', 'sweep in the future', "SELECT complaint.sweep('2100-01-01')", '42501'],
	['att_application', 'postgres', 'trigger function on a table of its own',
		'CREATE TEMP TABLE t (id bigint); CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION complaint.case_register()',
		'42501'],
	# a staff member's own role
	['att_staff', 'postgres', 'act as a colleague',
		"SET complaint.staff = 'S1'; SELECT complaint.accept($case)", '42501'],
	['att_staff_unmapped', 'postgres', 'an unmapped staff role names a staff member',
		"SET complaint.staff = 'S1'; INSERT INTO complaint.cases (channel, matter) VALUES ('phone', 'forged')", '42501'],
	# the accountability office
	['att_accountability', 'postgres', 'a back-dated explanation',
		"INSERT INTO complaint.explanation (case_id, given_at, text) VALUES ($case, '2000-01-01', 'explained')", '42501'],
	['att_accountability', 'postgres', 'rewrite a decision',
		"UPDATE complaint.sanction SET decided_by = 'nobody' WHERE id = $sanction", '42501'],
	['att_accountability', 'postgres', 'delete a violation', 'DELETE FROM complaint.violation', '42501'],
	['att_accountability', 'postgres', 'truncate the appeals', 'TRUNCATE complaint.appeal', '42501'],
	# the analyst
	['att_analyst', 'postgres', 'read a complainant', 'SELECT complainant_name, complainant_contact FROM complaint.cases', '42501'],
	['att_analyst', 'postgres', 'change a calendar', "DELETE FROM complaint.calendar_day WHERE calendar = 'CN'", '42501'],
	# the monitor
	['att_monitor', 'postgres', 'read the register', 'SELECT * FROM complaint.cases', '42501'],
	['att_monitor', 'postgres', 'terminate the worker', "SELECT pg_terminate_backend($worker_pid)", '42501'],
	# the administrator
	['att_admin', 'postgres', 'delete history', 'DELETE FROM complaint.event', '42501'],
	['att_admin', 'postgres', 'truncate the register', 'TRUNCATE complaint.cases', '42501'],
	['att_admin', 'postgres', 'disable the triggers', 'ALTER TABLE complaint.cases DISABLE TRIGGER ALL', '42501'],
	['att_admin', 'postgres', 'replica mode to bypass the triggers', 'SET session_replication_role = replica', '42501'],
	['att_admin', 'postgres', 'sweep in the future', "SELECT complaint.sweep('2100-01-01')", '42501'],
	# the confidentiality and report entry points
	['mallory', 'postgres', 'read a complainant on the record', "SELECT * FROM complaint.reveal_complainant($case, 'curious')", '42501'],
	['mallory', 'postgres', 'read the register', 'SELECT * FROM complaint.register', '42501'],
	['mallory', 'postgres', 'ask who may see an identity', "SELECT complaint.may_see_identity($case)", '42501'],
	['mallory', 'postgres', 'the row rule directly', "SELECT complaint.case_visible($case, 'S1', 'D1')", '42501'],
	['mallory', 'postgres', 'run the ranking', "SELECT * FROM complaint.unit_ranking('2000-01-01', '2100-01-01')", '42501'],
	['mallory', 'postgres', 'the public notice', "SELECT complaint.public_notice('2000-01-01', '2100-01-01')", '42501'],
	['mallory', 'postgres', 'the morning list', 'SELECT * FROM complaint.due_soon(8)', '42501'],
	['mallory', 'postgres', 'change a ranking weight', "INSERT INTO complaint.ranking_weight (indicator, weight) VALUES ('completion_pct', 100)", '42501'],
	['mallory', 'postgres', 'forge an identity access record',
		"INSERT INTO complaint.identity_access (case_id, reason) VALUES ($case, 'forged')", '42501'],
	['att_analyst', 'postgres', 'read a complainant on the record', "SELECT * FROM complaint.reveal_complainant($case, 'curious')", '42501'],
	['att_accountability', 'postgres', 'read a complainant on the record', "SELECT * FROM complaint.reveal_complainant($case, 'hearing')", '42501'],
	['att_analyst', 'postgres', 'change a ranking weight', "UPDATE complaint.ranking_weight SET weight = 0", '42501'],
	# the report summaries: read only through the scoped views, kept only by the owner
	['mallory', 'postgres', 'the summary groups', 'SELECT * FROM complaint.report_groups', '42501'],
	['mallory', 'postgres', 'the summary cases', 'SELECT * FROM complaint.report_cases', '42501'],
	['mallory', 'postgres', 'the violations by unit', 'SELECT * FROM complaint.report_violations', '42501'],
	['mallory', 'postgres', 'the figures of every case', 'SELECT * FROM complaint.report_case_figures', '42501'],
	['mallory', 'postgres', 'the units it answers for', 'SELECT complaint.report_scope()', '42501'],
	['mallory', 'postgres', 'the recount', "SELECT * FROM complaint.report_recount('unit', '2000-01-01', '2100-01-01')", '42501'],
	['mallory', 'postgres', 'the cases with newer history', 'SELECT complaint.report_newer_cases(0)', '42501'],
	['mallory', 'postgres', 'refresh the summaries', 'SELECT complaint.report_refresh(true)', '42501'],
	['att_analyst', 'postgres', 'refresh the summaries', 'SELECT complaint.report_refresh()', '42501'],
	['att_admin', 'postgres', 'refresh the summaries', 'SELECT complaint.report_refresh(true)', '42501'],
	['att_analyst', 'postgres', 'forge a summary row', "UPDATE complaint.report_day SET received = 0", '42501'],
	['att_admin', 'postgres', 'mark the summaries fresh', "UPDATE complaint.report_state SET stale = false", '42501'],
	['att_accountability', 'postgres', 'the summary table itself', 'SELECT * FROM complaint.report_case', '42501'],
	['att_admin', 'postgres', 'rewrite the identity access record', 'DELETE FROM complaint.identity_access', '42501 23001'],
	# the windows of the rules (executable by PUBLIC: reads rules, units and calendars)
	['mallory', 'postgres', 'a window of a unit that does not exist', "SELECT complaint.window_end('appeal', now(), 'nowhere')", '23503'],
	['mallory', 'postgres', 'a window opened at infinity', "SELECT complaint.window_end('appeal', 'infinity', 'D1')", '22008'],
	# the delivery feed (complaint-notify): only the monitor reads and
	# acknowledges, only the administrator registers; nobody writes it
	['mallory', 'postgres', 'read the delivery feed', "SELECT * FROM complaint.feed_read('sms')", '42501'],
	['mallory', 'postgres', 'acknowledge for a consumer', "SELECT complaint.feed_ack('sms', 1)", '42501'],
	['mallory', 'postgres', 'register a consumer', "SELECT complaint.feed_register('mallory')", '42501'],
	['mallory', 'postgres', 'forget a consumer', "SELECT complaint.feed_unregister('sms')", '42501'],
	['mallory', 'postgres', 'read the consumers\' lag', 'SELECT * FROM complaint.feed_lag', '42501'],
	['mallory', 'postgres', 'read the feed table', 'SELECT * FROM complaint.feed', '42501'],
	['att_application', 'postgres', 'read the delivery feed', "SELECT * FROM complaint.feed_read('sms')", '42501'],
	['att_staff', 'postgres', 'read the delivery feed', "SELECT * FROM complaint.feed_read('sms')", '42501'],
	['att_analyst', 'postgres', 'acknowledge for a consumer', "SELECT complaint.feed_ack('sms', 1)", '42501'],
	['att_admin', 'postgres', 'read the delivery feed', "SELECT * FROM complaint.feed_read('sms')", '42501'],
	['att_admin', 'postgres', 'move a consumer\'s position', 'UPDATE complaint.feed_consumer SET position = 0', '42501'],
	['att_monitor', 'postgres', 'register a consumer', "SELECT complaint.feed_register('monitor')", '42501'],
	['att_monitor', 'postgres', 'move a consumer\'s position', 'UPDATE complaint.feed_consumer SET position = 0', '42501'],
	['att_monitor', 'postgres', 'write the feed', "INSERT INTO complaint.feed (kind, ref_id) VALUES ('escalation', 1)", '42501'],
	['att_monitor', 'postgres', 'acknowledge beyond the end', "SELECT complaint.feed_ack('sms', 9223372036854775807)", '22023'],
);

# every C trigger function, on a table of the attacker's own
my @trigger_functions = split /\n/, $node->safe_psql('postgres', q{
SELECT p.oid::regprocedure FROM pg_proc p
 WHERE p.pronamespace = 'complaint'::regnamespace AND p.prorettype = 'trigger'::regtype ORDER BY 1});
ok(@trigger_functions >= 10, scalar(@trigger_functions) . ' trigger functions in the extension');
for my $f (@trigger_functions)
{
	(my $name = $f) =~ s/\(\)$//;
	for my $role (qw(mallory att_application att_admin))
	{
		push @attacks, [$role, 'postgres', "$name on a table of its own",
			"CREATE TEMP TABLE t (id bigint, lim int); CREATE TRIGGER x AFTER UPDATE ON t FOR EACH ROW EXECUTE FUNCTION $name()",
			'42501'];
	}
}

# an advisory lock on the sweep's old key does not stop the sweep
my $holder = $node->background_psql('postgres', extra_params => ['-U', 'mallory']);
$holder->query_safe('SELECT pg_advisory_lock(1668246896, 1)');

my %by_code;
my $row = 0;
for my $a (@attacks)
{
	my ($role, $db, $what, $sql, $expected) = @$a;
	my ($ret, $stdout, $stderr) = $node->psql($db, "\\set VERBOSITY verbose\n$sql",
		extra_params => ['-U', $role], on_error_stop => 1);
	my ($code) = $stderr =~ /ERROR:\s+([0-9A-Z]{5}):/;
	$code //= $ret == 0 ? 'success' : 'no SQLSTATE';
	my %ok = map { $_ => 1 } split ' ', $expected;
	$row++;
	ok($ok{$code}, sprintf('attack %d, %s: %s -> %s', $row, $role, $what, $code))
	  or diag("expected $expected; stderr: $stderr");
	unlike($stderr, qr/$marker|13800/, "attack $row: the error carries no complainant data");
	$by_code{$code}++;
}
note(sprintf('%d attacks by %d roles: %s', scalar(@attacks), scalar(@groups) + 2,
	join(', ', map { "$by_code{$_} x $_" } sort keys %by_code)));

is($node->safe_psql('postgres', "SET lock_timeout = '5s'; SELECT complaint.sweep()"), '0',
	'a manual sweep is not blocked by the advisory lock on the old key');
$holder->quit;

# --- afterwards --------------------------------------------------------------
is($bystander->query_safe('SELECT pg_backend_pid()'), $bystander_pid,
	'the bystander session opened before the attacks is still connected');
$bystander->quit;
is($node->safe_psql('postgres', $checksum_sql), $before,
	'no row of the register, history, escalation or accountability tables changed');
is($node->safe_psql('postgres', "SELECT pid FROM complaint.worker_status WHERE database = 'postgres'"),
	$worker_pid, 'the worker is the same process');
ok($node->poll_query_until('postgres',
		"SELECT sweeps > $sweeps_before AND state <> 'stopped' FROM complaint.worker_status WHERE database = 'postgres'"),
	'and it is still sweeping');
my $log = slurp_file($node->logfile);
unlike($log, qr/terminated by signal|server process .* was terminated|PANIC/, 'no crash in the server log');
# (log_statement = all logs the statements that wrote the data; errors,
# details, hints and warnings must not repeat it)
unlike($log, qr/(?:ERROR|DETAIL|HINT|WARNING|CONTEXT):[^\n]*(?:$marker|13800)/,
	'no complainant data in an error, detail, hint or warning of the server log');

$node->stop;
done_testing();
