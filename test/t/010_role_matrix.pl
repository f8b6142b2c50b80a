# test/t/010_role_matrix.pl -- the role x object x operation matrix of
# README.md ("Privileges of each role"), cell by cell: for a login member of
# each group role complaint.create_roles() makes (and for a login role that
# is a member of none: PUBLIC), every table, view, sequence and function of
# schema complaint gets exactly the privileges README.md documents, as
# has_*_privilege says, in a fresh database and again after pg_dump and
# pg_restore.  An object that no row of the table names fails the test, so
# the documentation and the privileges cannot drift apart.  Then each role's
# login member performs representative operations: the allowed ones work,
# the refused ones fail with 42501.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

use fixture;

# README.md column => login role used to look at it (member of the group role)
my @columns = qw(PUBLIC admin application staff accountability analyst monitor);
my %login = map { $_ => "tap_$_" } @columns;
$login{PUBLIC} = 'tap_public';

# canonical spelling of a cell: letters in psql's \dp order, each followed
# by '*' (SELECT on every column but the complainant's) or '+' (INSERT or
# UPDATE of some columns only, a column-level grant)
my @letters = qw(r a w d D x t X U);
sub canonical
{
	my ($cell) = @_;
	my %mark;
	$mark{$1} = $2 while $cell =~ /([rawdDxtXU])([*+]?)/g;
	return join('', map { exists $mark{$_} ? $_ . $mark{$_} : '' } @letters);
}

# --- the documented matrix --------------------------------------------------
# returns { 'rel:name' or 'fn:name' => { column => cell } }
sub read_matrix
{
	my $readme = "$FindBin::RealBin/../../README.md";
	open my $fh, '<', $readme or die "cannot read $readme: $!";
	my (%matrix, $in, @header);
	while (my $line = <$fh>)
	{
		chomp $line;
		if (!$in)
		{
			$in = 1 if $line =~ /^<!-- role matrix:/;
			next;
		}
		last unless $line =~ /^\|/;
		my @cells = map { s/^\s+|\s+$//gr } split /\|/, $line, -1;
		shift @cells;
		pop @cells;
		if (!@header)
		{
			@header = @cells;
			is(join(',', @header[1 .. $#header]), join(',', @columns), 'README.md role matrix: the columns');
			next;
		}
		next if $cells[0] =~ /^-+$/;
		my @names = $cells[0] =~ /`([^`]+)`/g;
		die "README.md role matrix: a row without names: $line" unless @names;
		for my $name (@names)
		{
			my $key = $name =~ s/\(\)$// ? "fn:$name" : "rel:$name";
			die "README.md role matrix: $key is in two rows" if $matrix{$key};
			for my $i (0 .. $#columns)
			{
				my $cell = $cells[ $i + 1 ] // '';
				die "README.md role matrix: bad cell '$cell' for $key" unless $cell =~ /^(?:[rawdDxtXU][*+]?)*$/;
				$matrix{$key}{ $columns[$i] } = canonical($cell);
			}
		}
	}
	die 'README.md: no role matrix found' unless %matrix;
	return \%matrix;
}
my $expected = read_matrix();

# --- a cluster with the roles ----------------------------------------------
my $node = PostgreSQL::Test::Cluster->new('roles');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
for my $c (@columns)
{
	my $member = $c eq 'PUBLIC' ? '' : " IN ROLE complaint_$c";
	$node->safe_psql('postgres', "CREATE ROLE $login{$c} LOGIN$member");
}
$node->safe_psql('postgres', $fixture::org);
$node->safe_psql('postgres', "UPDATE complaint.staff SET db_role = 'tap_staff' WHERE code = 'S1'");

# --- the actual matrix -------------------------------------------------------
# one line per object and login role: key|identity|login|privileges
my $logins = join(', ', map { "'$login{$_}'" } @columns);
my $matrix_sql = qq{
WITH l(login) AS (SELECT unnest(ARRAY[$logins]))
SELECT 'rel:' || c.relname, c.oid::regclass::text, l.login,
	   CASE WHEN c.relkind = 'S' THEN
			concat(CASE WHEN has_sequence_privilege(l.login, c.oid, 'SELECT') THEN 'r' END,
				   CASE WHEN has_sequence_privilege(l.login, c.oid, 'UPDATE') THEN 'w' END,
				   CASE WHEN has_sequence_privilege(l.login, c.oid, 'USAGE') THEN 'U' END)
	   ELSE
			concat(CASE WHEN has_table_privilege(l.login, c.oid, 'SELECT') THEN 'r'
						WHEN has_any_column_privilege(l.login, c.oid, 'SELECT') THEN 'r*' END,
				   CASE WHEN has_table_privilege(l.login, c.oid, 'INSERT') THEN 'a'
						WHEN has_any_column_privilege(l.login, c.oid, 'INSERT') THEN 'a+' END,
				   CASE WHEN has_table_privilege(l.login, c.oid, 'UPDATE') THEN 'w'
						WHEN has_any_column_privilege(l.login, c.oid, 'UPDATE') THEN 'w+' END,
				   CASE WHEN has_table_privilege(l.login, c.oid, 'DELETE') THEN 'd' END,
				   CASE WHEN has_table_privilege(l.login, c.oid, 'TRUNCATE') THEN 'D' END,
				   CASE WHEN has_table_privilege(l.login, c.oid, 'REFERENCES') THEN 'x' END,
				   CASE WHEN has_table_privilege(l.login, c.oid, 'TRIGGER') THEN 't' END)
	   END
  FROM pg_class c, l
 WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
UNION ALL
SELECT 'fn:' || p.proname, p.oid::regprocedure::text, l.login,
	   CASE WHEN has_function_privilege(l.login, p.oid, 'EXECUTE') THEN 'X' ELSE '' END
  FROM pg_proc p, l
 WHERE p.pronamespace = 'complaint'::regnamespace
ORDER BY 1, 2, 3};

my %column_of = map { $login{$_} => $_ } @columns;

# check_matrix DB --- every cell of the actual matrix against README.md: one
# assertion per object, comparing its seven cells
sub check_matrix
{
	my ($db) = @_;
	my (%seen, %actual, %key_of);
	for my $line (split /\n/, $node->safe_psql($db, $matrix_sql))
	{
		my ($key, $object, $who, $privs) = split /\|/, $line, -1;
		$seen{$key} = 1;
		$key_of{$object} = $key;
		$actual{$object}{ $column_of{$who} } = $privs;
	}
	for my $object (sort keys %actual)
	{
		my $key = $key_of{$object};
		if (!$expected->{$key})
		{
			fail("[$db] $object is in README.md's role matrix");
			next;
		}
		is(join(' ', map { "$_=" . $actual{$object}{$_} } @columns),
			join(' ', map { "$_=" . $expected->{$key}{$_} } @columns),
			"[$db] $object");
	}
	for my $key (sort keys %$expected)
	{
		note("README.md names $key, which is not in schema complaint (yet)") unless $seen{$key};
	}

	# r*: exactly the complainant's columns are withheld
	for my $key (sort grep { /^rel:/ } keys %$expected)
	{
		for my $column (@columns)
		{
			next unless $expected->{$key}{$column} =~ /\*/;
			my $rel = substr($key, 4);
			is($node->safe_psql($db, qq{
SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
 WHERE a.attrelid = 'complaint.$rel'::regclass AND a.attnum > 0 AND NOT a.attisdropped
   AND NOT has_column_privilege('$login{$column}', a.attrelid, a.attnum, 'SELECT')}),
				'complainant_name,complainant_unit,complainant_address,complainant_contact',
				"[$db] $column reads every column of complaint.$rel but the complainant's");
		}
	}
}

check_matrix('postgres');

# --- representative operations -------------------------------------------------
# as LOGIN, SQL: succeeds (returns its output) or fails with SQLSTATE 42501
sub as_ok
{
	my ($who, $sql, $name) = @_;
	my ($rc, $out, $err) = $node->psql('postgres', $sql,
		extra_params => [ '-U', $who, '-v', 'ON_ERROR_STOP=1' ]);
	ok($rc == 0, "$who: $name") or diag($err);
	return $out;
}

sub as_refused
{
	my ($who, $sql, $name) = @_;
	my ($rc, $out, $err) = $node->psql('postgres', "\\set VERBOSITY verbose\n$sql",
		extra_params => [ '-U', $who, '-v', 'ON_ERROR_STOP=1' ]);
	like($err, qr/ERROR:  42501:/, "$who: $name is refused (42501)");
	return $err;
}

# staff: registers and takes steps as the staff member mapped to it, only as them
my $case = as_ok('tap_staff',
	"INSERT INTO complaint.cases (channel, matter) VALUES ('visit', 'tap staff') RETURNING id",
	'registers a case');
is(as_ok('tap_staff', 'SELECT first_responder FROM complaint.cases WHERE id = ' . $case, 'reads it'),
	'S1', 'tap_staff: the first responder is the staff member mapped to it');
is(as_ok('tap_staff', "SELECT status FROM complaint.accept($case)", 'accepts it'), 'accepted',
	'tap_staff: the step is taken');
as_ok('tap_staff', "SELECT count(*) FROM complaint.event WHERE case_id = $case", 'reads the history');
as_refused('tap_staff', "SET complaint.staff = 'S2';\nSELECT complaint.start($case)", 'acting as another staff member');
as_refused('tap_staff', "UPDATE complaint.unit SET name = name", 'changing a unit');
as_refused('tap_staff', "DELETE FROM complaint.cases WHERE id = $case", 'deleting a case');
as_refused('tap_staff', 'TRUNCATE complaint.event', 'truncating the history');
as_refused('tap_staff', 'SELECT count(*) FROM complaint.violation', 'reading violations');

# application: names the acting staff member
is(as_ok('tap_application',
	"SET complaint.staff = 'S2';\nINSERT INTO complaint.cases (channel, matter) VALUES ('web', 'tap app') RETURNING first_responder",
	'registers a case for a staff member it names'), 'S2', 'tap_application: the named staff member is the first responder');
is(as_ok('tap_application', "SET complaint.staff = 'S2';\nSELECT status FROM complaint.transfer($case, 'HQ')",
	'transfers a case'), 'transferred', 'tap_application: the step is taken');
as_refused('tap_application', 'SELECT count(*) FROM complaint.sanction', 'reading sanctions');
as_refused('tap_application', "UPDATE complaint.staff SET db_role = 'tap_application' WHERE code = 'S2'",
	'mapping itself to a staff member');

# administrator: the organisation and rules, read-only on the register
as_ok('tap_admin', "INSERT INTO complaint.category (code, name) VALUES ('tap', 'tap category')", 'adds a category');
as_ok('tap_admin', "UPDATE complaint.time_limit_rule SET priority = priority + 1 WHERE name = 'tap 60 min'",
	'changes a rule');
as_ok('tap_admin', "DELETE FROM complaint.category WHERE code = 'tap'", 'deletes a category');
as_ok('tap_admin', 'SELECT count(*) FROM complaint.cases', 'reads the register');
as_refused('tap_admin', "SET complaint.staff = 'S2';\nINSERT INTO complaint.cases (channel, matter) VALUES ('visit', 'x')",
	'registering a case');
as_refused('tap_admin', "SELECT complaint.accept($case)", 'taking a step');
as_refused('tap_admin', 'TRUNCATE complaint.unit', 'truncating a table');

# accountability office: its tables and functions
as_ok('tap_accountability', 'SELECT count(*) FROM complaint.violation', 'reads violations');
{
	my $nargs = $node->safe_psql('postgres',
		"SELECT pronargs FROM pg_proc WHERE proname = 'record_hearing' AND pronamespace = 'complaint'::regnamespace");
	my $call = 'SELECT complaint.record_hearing(-1' . (', NULL' x ($nargs - 1)) . ')';
	my ($rc, $out, $err) = $node->psql('postgres', $call, extra_params => [ '-U', 'tap_accountability' ]);
	unlike($err, qr/permission denied for function/, "tap_accountability: may execute record_hearing ($err)");
}
as_ok('tap_accountability', 'SELECT count(*) FROM complaint.cases', 'reads the register (for the reports)');
as_refused('tap_accountability', 'SELECT complainant_contact FROM complaint.cases', "reading the complainant's contact");
as_ok('tap_accountability', "SELECT count(*) FROM complaint.unit_ranking('2025-01-01', '2025-12-31')", 'runs the ranking');
as_ok('tap_accountability', "SELECT length(complaint.public_notice('2025-01-01', '2025-12-31'))", 'writes the public notice');

# analyst: everything but the complainant
as_ok('tap_analyst', 'SELECT id, matter, handler_unit, deadline FROM complaint.cases', 'reads cases');
as_ok('tap_analyst', 'SELECT count(*) FROM complaint.event', 'reads the history');
as_refused('tap_analyst', 'SELECT complainant_name FROM complaint.cases', "reading the complainant's name");
as_refused('tap_analyst', 'SELECT * FROM complaint.cases', 'reading every column of the register');
as_refused('tap_analyst', "INSERT INTO complaint.unit (code, name) VALUES ('X', 'x')", 'adding a unit');
as_ok('tap_analyst', "SELECT count(*) FROM complaint.unit_scorecard('2025-01-01', '2025-12-31')", 'runs the scorecard');
as_refused('tap_analyst', "UPDATE complaint.ranking_weight SET weight = 1", 'changing a ranking weight');
as_ok('tap_staff', 'SELECT count(*) FROM complaint.due_soon(8)', 'reads its morning list');
as_ok('tap_staff', "SELECT count(*) FROM complaint.unit_ranking('2025-01-01', '2025-12-31')", 'runs the ranking of its units');
as_refused('tap_staff', "SELECT complaint.public_notice('2025-01-01', '2025-12-31')", 'writing the public notice');

# monitor: the worker's status only
as_ok('tap_monitor', 'SELECT count(*) FROM complaint.worker_status', 'reads the worker status');
as_refused('tap_monitor', 'SELECT count(*) FROM complaint.cases', 'reading the register');

# PUBLIC: the safe functions only
is(as_ok('tap_public', "SELECT complaint.workdays_between('2025-09-30', '2025-10-09')", 'counts working days'),
	'1', 'tap_public: one working day from 30 September to 9 October 2025 (National Day)');
as_refused('tap_public', "SELECT complaint.accept($case)", 'taking a step');
as_refused('tap_public', 'SELECT count(*) FROM complaint.staff', 'reading the staff');
as_refused('tap_public',
	"CREATE TEMP TABLE mine (id bigint, lim integer);\n"
	  . 'CREATE TRIGGER t AFTER UPDATE ON mine FOR EACH ROW EXECUTE FUNCTION complaint.reproject_rule()',
	'a trigger function on a table of its own');

# --- the privileges survive pg_dump and pg_restore ---------------------------
my $dumpfile = $node->basedir . '/roles.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dumpfile, '-d', $node->connstr('postgres') ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
{
	local $ENV{PGOPTIONS} = '-c session_replication_role=replica';
	$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('restored'), $dumpfile ],
		'pg_restore');
}
check_matrix('restored');
is($node->safe_psql('restored', "SET ROLE tap_staff;\nSELECT complaint.acting_staff()"), 'S1',
	'the restored staff mapping names the same role');

# --- DROP EXTENSION leaves no privilege: the roles can go --------------------
$node->safe_psql('restored', 'DROP EXTENSION complaint');
$node->safe_psql('postgres', 'DROP EXTENSION complaint');
is($node->safe_psql('postgres', q{
SELECT count(*) FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid
 WHERE d.refclassid = 'pg_authid'::regclass AND r.rolname LIKE 'complaint\_%'}), '0',
	'no privilege of the group roles is left in any database');
$node->safe_psql('postgres', join(";\n", map { "DROP ROLE $login{$_}" } @columns));
$node->safe_psql('postgres',
	'DROP ROLE complaint_admin, complaint_application, complaint_staff, complaint_accountability, '
	  . 'complaint_analyst, complaint_monitor');
pass('the six group roles are dropped');

$node->stop;
done_testing();
