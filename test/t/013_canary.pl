# test/t/013_canary.pl -- no complainant data reaches a role that may not see it.
#
# Unique canary strings are planted in every complainant_* column of many
# cases, through registration as the application does it; the sweep then
# escalates them, opens violations and proposes sanctions, so that every
# table holds rows derived from those cases.  Then, as a login member of
# each shipped role other than the handlers -- an analyst, the
# accountability office, the monitor, a staff member of an unrelated unit,
# a staff member of the handling unit who handles none of the cases (a
# colleague: row-level security shows them every case of the unit) and a
# role with nothing but PUBLIC's rights -- the test
#   - reads every table and view of schema complaint it may SELECT
#     (SELECT * where it has the table privilege, else the columns it may
#     read);
#   - calls every function it may EXECUTE (trigger functions and type I/O
#     functions aside) with plausible arguments: a canary case's id, unit
#     and staff codes, the calendar, dates, times, time limits (for the
#     colleague that includes the step functions, which take the steps and
#     return the case);
#   - provokes errors on the cases (NOT NULL, a complainant column).
# and counts the canaries in everything it got back: rows, notices, errors.
# A listener with PUBLIC's rights reads the sweep's NOTIFY payloads.
# Every count must be 0.  As a control, the administrator's reading of the
# register and the handler's do contain canaries; the handler, too, reads
# the identity only there, not in complaint.cases.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

use fixture;

my $node = PostgreSQL::Test::Cluster->new('canary');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
$node->safe_psql('postgres', $fixture::org);
# an unrelated unit with a staff member of its own
$node->safe_psql('postgres', q{
INSERT INTO complaint.unit (code, name, parent_code) VALUES ('X9', 'unrelated', 'HQ');
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('SX', 'outsider', 'X9');
-- a colleague in the unit that handles every canary case
INSERT INTO complaint.staff (code, name, unit_code) VALUES ('SC', 'colleague', 'D1');
INSERT INTO complaint.category (code, name) VALUES ('billing', 'billing');
});

# the colleague last: the steps it takes change the cases
my @roles = qw(analyst accountability monitor other public colleague);
$node->safe_psql('postgres', q{
CREATE ROLE tap_analyst LOGIN IN ROLE complaint_analyst;
CREATE ROLE tap_accountability LOGIN IN ROLE complaint_accountability;
CREATE ROLE tap_monitor LOGIN IN ROLE complaint_monitor;
CREATE ROLE tap_other LOGIN IN ROLE complaint_staff;
CREATE ROLE tap_colleague LOGIN IN ROLE complaint_staff;
CREATE ROLE tap_public LOGIN;
CREATE ROLE tap_admin LOGIN IN ROLE complaint_admin;
CREATE ROLE tap_handler LOGIN IN ROLE complaint_staff;
UPDATE complaint.staff SET db_role = 'tap_other' WHERE code = 'SX';
UPDATE complaint.staff SET db_role = 'tap_colleague' WHERE code = 'SC';
UPDATE complaint.staff SET db_role = 'tap_handler' WHERE code = 'S2';
});

# a listener with PUBLIC's rights, before anything happens
my $listener = $node->background_psql('postgres', extra_params => ['-U', 'tap_public']);
$listener->query_safe('LISTEN complaint_escalation');

# --- the canaries: every complainant column of 60 cases ---------------------
my $n = 60;
my @canaries;
my @values;
my @repeats;
for my $i (1 .. $n)
{
	my $tag = sprintf('%04d', $i);
	my ($name, $unit, $address) = ("CNRYname${tag}Q", "CNRYunit${tag}Q", "CNRYaddr${tag}Q");
	# half phone-like contacts (masked 3 + 4), half other contacts
	my $contact = $i % 2 ? sprintf('139%08d', 77000000 + $i) : "CNRYcontact${tag}Q";
	push @canaries, $name, $unit, $address, $contact;
	my $cat = $i % 3 ? "'billing'" : 'NULL';
	push @values, "('phone', 'matter $tag', 'S2', :rule, $cat, '$name', '$unit', '$address', '$contact')";
}
# the last ten repeat the contact of the first ten (repeat complaints)
for my $i (1 .. 10)
{
	my $tag = sprintf('%04d', $i + 1000);
	my $contact = $canaries[4 * ($i - 1) + 3];
	push @repeats, "('web', 'matter $tag', 'S2', :rule, 'billing', 'CNRYname${tag}Q', NULL, NULL, '$contact')";
	push @canaries, "CNRYname${tag}Q";
}
# registered as the application does it (complaint.staff names the first
# responder), ten hours ago by the workflow clock, under a 60-minute rule
$node->safe_psql('postgres', q{
SET complaint.staff = 'S1';
SELECT set_config('complaint.now', (now() - interval '10 hours')::text, false);
SELECT id AS rule FROM complaint.time_limit_rule WHERE name = 'tap 60 min' \gset
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id, category,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES } . join(",\n\t", @values) . q{;
-- the repeats in a statement of their own (a repeat is of an earlier case)
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id, category,
							 complainant_name, complainant_unit, complainant_address, complainant_contact)
VALUES } . join(",\n\t", @repeats) . q{;
});
is($node->safe_psql('postgres', "SELECT count(*) FROM complaint.cases WHERE complainant_name LIKE 'CNRY%'"),
	$n + 10, 'canary cases registered');
ok($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.cases WHERE repeat_of IS NOT NULL') > 0,
	'some are repeat complaints');
# the register edited by the application, as registration allows
$node->safe_psql('postgres', q{
SET complaint.staff = 'S1';
UPDATE complaint.cases SET complainant_address = complainant_address || 'Z'
 WHERE id = (SELECT min(id) FROM complaint.cases);
});
push @canaries, $node->safe_psql('postgres', 'SELECT complainant_address FROM complaint.cases ORDER BY id LIMIT 1');

# the sweep: escalations, violations, sanctions, self-checks
my $steps = 0;
for (1 .. 10)
{
	my $s = $node->safe_psql('postgres', 'SELECT complaint.sweep()');
	$steps += $s;
	last if $s == 0;
}
ok($steps > 0, "the sweep recorded $steps escalation steps");
ok($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.violation') > 0, 'violations were opened');
# accountability records about the cases, and an identity read on the record
$node->safe_psql('postgres', q{
SET complaint.staff = 'H0';
SELECT complaint.record_explanation(min(id), 'explained') FROM complaint.cases;
SELECT complaint.record_hearing(min(id), 'heard') FROM complaint.sanction;
SELECT complaint.decide_sanction(min(id)) FROM complaint.sanction;
});
$node->safe_psql('postgres', q{SELECT * FROM complaint.reveal_complainant((SELECT min(id) FROM complaint.cases), 'hearing')});

my $canary_re = join('|', map { quotemeta } @canaries);
my $case = $node->safe_psql('postgres', 'SELECT min(id) FROM complaint.cases');
my $sanction = $node->safe_psql('postgres', 'SELECT coalesce(min(id), 1) FROM complaint.sanction');
my $violation = $node->safe_psql('postgres', 'SELECT coalesce(min(id), 1) FROM complaint.violation');

# count_canaries TEXT --- how many canary occurrences TEXT holds
sub count_canaries
{
	my ($text) = @_;
	my $count = () = $text =~ /$canary_re/g;
	return $count;
}

# a plausible value for an argument, by type and name
sub argument
{
	my ($type, $name) = @_;
	$name //= '';
	return "$sanction" if $type eq 'bigint' && $name =~ /sanction/;
	return "$violation" if $type eq 'bigint' && $name =~ /violation/;
	return "${case}::bigint" if $type eq 'bigint';
	return '1' if $type eq 'integer' || $type eq 'smallint';
	return 'true' if $type eq 'boolean';
	return "'2025-03-03'::date" if $type eq 'date';
	return 'now()' if $type eq 'timestamp with time zone';
	return "'{}'::timestamptz[]" if $type eq 'timestamp with time zone[]';
	return "'1 hour'::interval" if $type eq 'interval';
	return "'2 working days'::complaint.time_limit" if $type eq 'complaint.time_limit';
	return "'{}'::text[]" if $type eq 'text[]';
	if ($type eq 'text')
	{
		return "'CN'" if $name =~ /calendar/;
		return "'S2'" if $name =~ /staff|who|approver/;
		return "'D1'" if $name =~ /unit/;
		return "'answer'" if $name =~ /matter/;
		return "'hearing'";
	}
	if ($type =~ /^complaint\./)
	{
		# an enum: its first label, else NULL
		my $label = $node->safe_psql('postgres',
			"SELECT enumlabel FROM pg_enum WHERE enumtypid = '$type'::regtype ORDER BY enumsortorder LIMIT 1");
		return $label ne '' ? "'$label'::$type" : "NULL::$type";
	}
	return "NULL::$type";
}

my %total;
for my $r (@roles)
{
	my $role = "tap_$r";
	my @sql;

	# every relation it may read
	my @rels = split /\n/, $node->safe_psql('postgres', qq{
SELECT c.oid::regclass || '|' || has_table_privilege('$role', c.oid, 'SELECT')
	   || '|' || coalesce((SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
				  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
					AND has_column_privilege('$role', c.oid, a.attnum, 'SELECT')), '')
  FROM pg_class c
 WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
   AND has_any_column_privilege('$role', c.oid, 'SELECT')
 ORDER BY 1});
	for my $rel (@rels)
	{
		my ($name, $all, $cols) = split /\|/, $rel;
		push @sql, $all eq 't' ? "SELECT t::text FROM $name t;" : "SELECT ($cols)::text FROM $name;";
	}

	# every function it may execute, with plausible arguments
	my @fns = split /\n/, $node->safe_psql('postgres', qq{
SELECT p.oid::regproc || '|' || p.proretset || '|' ||
	   coalesce((SELECT string_agg(format_type(t.typ, NULL) || ':' || coalesce(p.proargnames[t.i], ''), ',' ORDER BY t.i)
				   FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY t (typ, i)), '')
  FROM pg_proc p
 WHERE p.pronamespace = 'complaint'::regnamespace AND p.prorettype <> 'trigger'::regtype
   AND has_function_privilege('$role', p.oid, 'EXECUTE')
   AND NOT EXISTS (SELECT FROM unnest(p.proargtypes::oid[]) x WHERE x IN ('cstring'::regtype, 'internal'::regtype))
   AND p.proname NOT IN ('create_roles')
 ORDER BY 1});
	for my $f (@fns)
	{
		my ($name, $set, $args) = split /\|/, $f, 3;
		my @a = map { my ($t, $n) = split /:/, $_, 2; argument($t, $n) } grep { $_ ne '' } split /,/, $args;
		my $call = "$name(" . join(', ', @a) . ')';
		push @sql, $set eq 't' ? "SELECT t::text FROM $call t;" : "SELECT ($call)::text;";
	}

	# errors about the cases
	push @sql, 'SELECT complainant_name, complainant_contact FROM complaint.cases;',
	  "SELECT * FROM complaint.cases WHERE id = $case;",
	  "UPDATE complaint.cases SET matter = NULL WHERE id = $case;",
	  "SELECT complaint.accept($case);",
	  "SELECT * FROM complaint.register WHERE complainant_contact LIKE '139%';";

	my ($ret, $stdout, $stderr) = $node->psql('postgres', join("\n", "\\set VERBOSITY verbose", @sql),
		extra_params => ['-U', $role], on_error_stop => 0);
	my $found = count_canaries($stdout . $stderr);
	my $errors = () = $stderr =~ /ERROR:/g;
	is($found, 0, sprintf('%s: %d relations, %d functions, %d errors: no canary', $role,
			scalar(@rels), scalar(@fns), $errors))
	  or diag(join("\n", grep { /$canary_re/ } split /\n/, $stdout . $stderr));
	unlike($stderr, qr/ XX000:/, "$role: no internal error");
	$total{$role} = [scalar(@rels), scalar(@fns)];
}

# the staff member of the unrelated unit reads no case at all
is($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.cases', extra_params => ['-U', 'tap_other']),
	'0', 'a staff member of an unrelated unit reads no case');
is($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.register', extra_params => ['-U', 'tap_other']),
	'0', 'nor any row of the register');
# the analyst reads every row of the register, masked
is($node->safe_psql('postgres',
		"SELECT count(*) FILTER (WHERE NOT identity_shown) || '/' || count(*) FROM complaint.register",
		extra_params => ['-U', 'tap_analyst']),
	($n + 10) . '/' . ($n + 10), 'the analyst reads every row of the register, every identity masked');

# the colleague of the handling unit reads every case, but no identity
is($node->safe_psql('postgres', 'SELECT count(*) FROM complaint.cases', extra_params => ['-U', 'tap_colleague']),
	$n + 10, 'a colleague of the handling unit reads every case of the unit');
is($node->safe_psql('postgres',
		"SELECT count(*) FILTER (WHERE NOT identity_shown) || '/' || count(*) FROM complaint.register",
		extra_params => ['-U', 'tap_colleague']),
	($n + 10) . '/' . ($n + 10), 'the colleague reads every row of the register, every identity masked');

# the NOTIFY payloads
my $notices = $listener->query_safe('SELECT 1');
$notices .= $listener->{stderr};
like($notices, qr/Asynchronous notification "complaint_escalation"/, 'the listener received escalation payloads');
is(count_canaries($notices), 0, 'no payload carries a canary');
$listener->quit;

# event details, read by the superuser: names of edited columns, never values
is(count_canaries($node->safe_psql('postgres', 'SELECT string_agg(detail::text, \' \') FROM complaint.event')), 0,
	'no event detail carries a canary');

# controls: those who may see identities do see the canaries
ok(count_canaries($node->safe_psql('postgres', 'SELECT string_agg(r::text, \' \') FROM complaint.register r',
			extra_params => ['-U', 'tap_admin'])) >= scalar(@canaries) - 1,
	'control: the administrator reads the identities in the register');
ok(count_canaries($node->safe_psql('postgres', 'SELECT string_agg(r::text, \' \') FROM complaint.register r',
			extra_params => ['-U', 'tap_handler'])) > 0,
	'control: the handler reads the identities in the register');
# and only there: complaint.cases withholds the columns from the handler too
{
	my ($ret, $out, $err) = $node->psql('postgres', 'SELECT complainant_name FROM complaint.cases',
		extra_params => ['-U', 'tap_handler']);
	like($err, qr/permission denied for table cases/, 'the handler does not read complainant_name in complaint.cases');
	is(count_canaries($out . $err), 0, 'and the refusal carries no canary');
}

$node->stop;
done_testing();
