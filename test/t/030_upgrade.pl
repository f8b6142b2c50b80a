# test/t/030_upgrade.pl -- releases and ALTER EXTENSION complaint UPDATE.
#
# The release files first (no server): META.json is valid PGXN metadata of
# the control file's default_version, CHANGELOG.md has a section for it and
# for every frozen release, each frozen install script in src/sql/releases
# is byte for byte the one recorded in its SHA256SUMS, an update path leads
# from every frozen release to default_version, and the update scripts are
# GB2312-encodable (they run in EUC_CN databases too).
#
# Then a server with the library preloaded and the worker serving database
# postgres.  Release 0.1.0 is installed there from its frozen script; the C
# functions it declares are looked up in the library built now (an install
# that is not updated yet keeps running on the new library), a few of them
# are called; the register is filled: cases, their history, a transfer,
# escalations, violations and sanctions recorded by the worker's sweeps, a
# hearing, a decision, an appeal and its decision.  Then ALTER EXTENSION
# complaint UPDATE, and:
#   (1) pg_dump --schema-only of the updated database equals that of a
#       fresh CREATE EXTENSION complaint in another database, twice: the
#       plain dump (what a DBA's dump holds: the extension and every
#       privilege that differs from pg_init_privs) and the --binary-upgrade
#       dump (every member object in full: types, tables with their column
#       order, functions, triggers, policies, comments, privileges and
#       pg_init_privs).  The normalisation, applied to both dumps alike, is
#       in normalise_dump() below, each rule with its reason; the list of
#       tables registered for pg_dump (extconfig) is compared by name
#       instead of by OID.  The rows a release ships (builtin rows) are
#       compared too.
#   (2) every table's rows are the same before and after the update (count
#       and md5 of all rows, table by table);
#   (3) the worker keeps sweeping across the update: the same worker
#       process (the update neither stops nor restarts it) goes on counting
#       sweeps, and escalates cases that fall due after the update;
#   (4) DROP EXTENSION and CREATE EXTENSION in the same database with the
#       worker running: the worker waits, then sweeps the new install.
# Never sleeps: every wait is poll_query_until or wait_for_log.

use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Digest::SHA;
use Encode ();
use File::Basename qw(basename);
use JSON::PP;

use fixture;

my $top = "$FindBin::RealBin/../..";

sub slurp
{
	my ($path) = @_;
	open(my $fh, '<:raw', $path) or die "cannot read $path: $!";
	local $/;
	my $text = <$fh>;
	close $fh;
	return $text;
}

# ===========================================================================
# release files
# ===========================================================================

my ($version) = slurp("$top/complaint.control") =~ /^default_version\s*=\s*'([^']+)'/m;
ok(defined $version, "complaint.control names default_version $version");

# --- META.json (PGXN Meta Spec 1.0.0) --------------------------------------
my $meta = eval { JSON::PP->new->utf8->decode(slurp("$top/META.json")) };
ok($meta, 'META.json is valid JSON') or diag($@);
$meta ||= {};
is($meta->{'meta-spec'}{version}, '1.0.0', 'META.json follows PGXN Meta Spec 1.0.0');
is($meta->{name}, 'complaint', 'META.json: name');
is($meta->{version}, $version, 'META.json: version is the control file\'s default_version');
is($meta->{provides}{complaint}{version}, $version, 'META.json: the extension it provides has that version');
ok(-f "$top/$meta->{provides}{complaint}{file}", "META.json: provides.complaint.file ($meta->{provides}{complaint}{file}) exists");
ok(-f "$top/$meta->{provides}{complaint}{docfile}", 'META.json: provides.complaint.docfile exists');
for my $key (qw(abstract maintainer license))
{
	ok(defined $meta->{$key} && $meta->{$key} ne '', "META.json: $key is given");
}
is($meta->{prereqs}{runtime}{requires}{PostgreSQL}, '>= 15.0.0, < 16.0.0', 'META.json: PostgreSQL 15, and only 15');
ok(ref $meta->{tags} eq 'ARRAY' && @{ $meta->{tags} } > 0, 'META.json: tags');
is($meta->{release_status}, 'testing', 'META.json: release_status');

# --- frozen releases, update paths, changelog ------------------------------
my @frozen = sort glob("$top/src/sql/releases/complaint--*.sql");
ok(@frozen >= 1, 'frozen release scripts: ' . join(', ', map { basename($_) } @frozen));
my %recorded;
for (split /\n/, slurp("$top/src/sql/releases/SHA256SUMS"))
{
	my ($sum, $file) = /^([0-9a-f]{64})  (\S+)$/ or next;
	$recorded{$file} = $sum;
}
my @releases;
for my $path (@frozen)
{
	my $file = basename($path);
	my ($v) = $file =~ /^complaint--([^-]+)\.sql$/;
	push @releases, $v;
	isnt($v, $version, "$file is an earlier release, not default_version");
	is(Digest::SHA->new(256)->addfile($path, 'b')->hexdigest, $recorded{$file} // 'not recorded',
		"$file is unchanged since it was released (SHA256SUMS)");
}

my %edges;
my @updates = sort glob("$top/src/sql/updates/complaint--*--*.sql");
for my $path (@updates)
{
	my ($from, $to) = basename($path) =~ /^complaint--([^-]+)--([^-]+)\.sql$/
	  or next;
	push @{ $edges{$from} }, $to;
	my $text = slurp($path);
	ok(eval { Encode::encode('euc-cn', Encode::decode('UTF-8', $text, Encode::FB_CROAK | Encode::LEAVE_SRC), Encode::FB_CROAK); 1 },
		basename($path) . ' is GB2312-encodable') or diag($@);
	like($text, qr/^\\echo Use "ALTER EXTENSION complaint UPDATE TO '\Q$to\E'" to load this file\. \\quit$/m,
		basename($path) . ' refuses to run in psql');
}
for my $from (@releases)
{
	my %seen = ($from => 1);
	my @todo = ($from);
	while (my $v = shift @todo)
	{
		for my $next (@{ $edges{$v} || [] })
		{
			push @todo, $next unless $seen{$next}++;
		}
	}
	ok($seen{$version}, "an update path leads from $from to $version");
}

my $changelog = slurp("$top/CHANGELOG.md");
for my $v ($version, @releases)
{
	like($changelog, qr/^## \Q$v\E\b/m, "CHANGELOG.md has a section for $v");
}

# ===========================================================================
# the previous release, filled
# ===========================================================================

my $previous = '0.1.0';
my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'complaint'
complaint.database = 'postgres'
complaint.sweep_interval = '300ms'
});
$node->start;

is($node->safe_psql('postgres', q{
SELECT string_agg(version, ' ' ORDER BY version) FROM pg_available_extension_versions WHERE name = 'complaint'}),
	join(' ', sort(@releases, $version)), 'the server offers every frozen release and the current one');
is($node->safe_psql('postgres', q{
SELECT path FROM pg_extension_update_paths('complaint') WHERE source = '0.1.0' AND target = } . "'$version'"),
	"0.1.0--$version", "ALTER EXTENSION can go from 0.1.0 to $version");

$node->safe_psql('postgres', "CREATE EXTENSION complaint VERSION '$previous'");
is($node->safe_psql('postgres', "SELECT extversion FROM pg_extension WHERE extname = 'complaint'"),
	$previous, "release $previous installed from its frozen script");

# every C symbol the frozen script declares is the one each C function of
# the install names, and the library built now still has it: the C
# language validator loads the library and looks the symbol up
my @symbols = sort { $a cmp $b }
  keys %{ { map { $_ => 1 } slurp("$top/src/sql/releases/complaint--$previous.sql") =~ /AS\s+'MODULE_PATHNAME',\s*'(\w+)'/g } };
ok(@symbols > 20, scalar(@symbols) . " C symbols in the $previous script");
is($node->safe_psql('postgres', q{
SELECT string_agg(DISTINCT p.prosrc COLLATE "C", ' ' ORDER BY p.prosrc COLLATE "C")
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
 WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint')
   AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')}),
	join(' ', sort { $a cmp $b } @symbols), "the $previous install's C functions are exactly those symbols");
my ($rc, $validated, $stderr) = $node->psql('postgres', q{
SELECT count(pg_catalog.fmgr_c_validator(p.oid)) || ' of ' || count(*)
  FROM pg_proc p
 WHERE p.probin = '$libdir/complaint' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
   AND p.oid IN (SELECT objid FROM pg_depend WHERE classid = 'pg_proc'::regclass AND deptype = 'e'
                    AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'complaint'))});
like($validated, qr/^(\d+) of \1$/, "every one of them is found in the library built now ($validated)");
is($stderr, '', 'no symbol is missing');

# a few of release 0.1.0's functions, run on the new library; the same
# calls give the same answers after the update
my $calls = q{
SELECT '2个工作日'::complaint.time_limit::text,
       complaint.time_limit_chinese('30 minutes'),
       complaint.deadline('2025-09-30 20:00+08', '2个工作日'),
       complaint.add_workdays(date '2025-09-30', 1),
       complaint.workdays_between(date '2025-10-01', date '2025-10-12'),
       complaint.is_workday(date '2025-10-11')};
my $answers = $node->safe_psql('postgres', "SET TIME ZONE 'Asia/Shanghai';" . $calls);
is($answers, '2 working days|30分钟|2025-10-10 17:30:00+08|2025-10-09|3|t',
	"release $previous answers on the new library");

$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
$node->safe_psql('postgres', $fixture::org);
$node->safe_psql('postgres', fixture::overdue_cases(3, 'before the update'));
# a transfer, and a case the worker has nothing to do for yet
$node->safe_psql('postgres', q{
SET complaint.staff = 'S1';
INSERT INTO complaint.cases (channel, matter, handler_staff) VALUES ('web', 'transferred', 'S2');
SET complaint.staff = 'S2';
SELECT complaint.accept(id) FROM complaint.cases WHERE matter = 'transferred';
SELECT complaint.transfer(id, 'HQ', 'L0', 'for the province') FROM complaint.cases WHERE matter = 'transferred';
});
ok($node->poll_query_until('postgres', q{
SELECT count(*) = 15 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id
 WHERE c.matter = 'before the update'}),
	'the worker escalated the cases: five rungs each');
ok($node->poll_query_until('postgres', 'SELECT count(*) > 0 FROM complaint.sanction'),
	'the worker graded violations into sanctions');
# the accountability office's steps: hearing, decision, the accused's
# appeal and its decision
my $sanction = $node->safe_psql('postgres', 'SELECT min(id) FROM complaint.sanction');
my $accused = $node->safe_psql('postgres', "SELECT staff_code FROM complaint.sanction WHERE id = $sanction");
$node->safe_psql('postgres', qq{
SET complaint.staff = 'H0';
SELECT complaint.record_hearing($sanction, 'heard in person');
SELECT complaint.decide_sanction($sanction);
SET complaint.staff = '$accused';
SELECT complaint.file_appeal($sanction, 'the deadline fell in a holiday');
SET complaint.staff = 'H0';
SELECT complaint.decide_appeal(max(id), 'upheld', 'the limit was counted right') FROM complaint.appeal;
});
my %filled = map { $_ => $node->safe_psql('postgres', "SELECT count(*) FROM complaint.$_") }
  qw(cases event responsibility escalation violation sanction appeal);
ok(!grep({ $filled{$_} == 0 } keys %filled),
	'filled: ' . join(', ', map { "$filled{$_} $_" } sort keys %filled));
is($node->safe_psql('postgres',
		"SELECT count(*) FROM complaint.event e JOIN complaint.cases c ON c.id = e.case_id WHERE c.matter = 'transferred' AND e.kind = 'transferred'"),
	'1', 'the transfer is in the history');
# everything due is recorded: further sweeps record nothing, so the rows
# stay put while the worker keeps running
ok($node->poll_query_until('postgres', 'SELECT complaint.sweep() = 0'), 'nothing left to sweep');

# ===========================================================================
# ALTER EXTENSION complaint UPDATE, with the worker running
# ===========================================================================

# every table of the extension: its row count and the md5 of its rows
my @tables = split /\n/, $node->safe_psql('postgres', q{
SELECT c.relname FROM pg_class c
 WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind IN ('r', 'p')
 ORDER BY 1});
sub contents
{
	my ($db) = @_;
	my $sql = join("\nUNION ALL\n", map {
		"SELECT '$_', count(*) || ' ' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM complaint.$_ x"
	} @tables);
	return { map { split /\|/ } split /\n/, $node->safe_psql($db, "$sql ORDER BY 1") };
}
my $before = contents('postgres');
# a copy of every row, to find each one again after the update (which may
# add rows of its own, such as new preset rules, but must change none)
$node->safe_psql('postgres', join(";\n", 'CREATE SCHEMA upgrade_before',
	map { "CREATE TABLE upgrade_before.$_ AS SELECT * FROM complaint.$_" } @tables));

my $worker = $node->safe_psql('postgres',
	"SELECT pid || ' ' || sweeps || ' ' || errors FROM complaint.worker_status WHERE database = 'postgres'");
my ($worker_pid, $sweeps, $errors) = split / /, $worker;
ok($worker_pid > 0 && $sweeps > 0, "the worker (pid $worker_pid) has swept $sweeps times");

$node->safe_psql('postgres', 'ALTER EXTENSION complaint UPDATE');
# as README.md "Upgrading" says: the roles' grants for what the update added
$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
is($node->safe_psql('postgres', "SELECT extversion FROM pg_extension WHERE extname = 'complaint'"),
	$version, "updated to $version");

# --- (2) every row written before the update is intact ---------------------
for my $t (@tables)
{
	# every row written before is still there, unchanged (the columns it had)
	my $cols = $node->safe_psql('postgres', qq{
SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
  FROM pg_attribute a WHERE a.attrelid = 'upgrade_before.$t'::regclass AND a.attnum > 0});
	my ($rows) = split / /, $before->{$t};
	# rows the release ships (builtin) may be changed by it: they are
	# compared with a fresh install's below; the users' rows must not change
	my $users = $cols =~ /\bbuiltin\b/ ? ' WHERE NOT builtin' : '';
	is($node->safe_psql('postgres', qq{
SELECT count(*) FROM (SELECT $cols FROM upgrade_before.$t$users EXCEPT ALL SELECT $cols FROM complaint.$t$users) lost}),
		'0', "complaint.$t: every one of its $rows rows is there after the update, unchanged" . ($users ? ' (the users\' rows)' : ''));
}
$node->safe_psql('postgres', 'DROP SCHEMA upgrade_before CASCADE');
is($node->safe_psql('postgres', "SET TIME ZONE 'Asia/Shanghai';" . $calls), $answers,
	'the same calls give the same answers after the update');

# --- (3) the worker sweeps on -------------------------------------------------
ok($node->poll_query_until('postgres', qq{
SELECT pid = $worker_pid AND sweeps > $sweeps + 1 AND errors = $errors
  FROM complaint.worker_status WHERE database = 'postgres'}),
	'the same worker goes on sweeping after the update, without an error');
$node->safe_psql('postgres', fixture::overdue_cases(2, 'after the update'));
ok($node->poll_query_until('postgres', q{
SELECT count(*) = 10 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id
 WHERE c.matter = 'after the update'}),
	'and escalates cases that fall due after it');
is($node->safe_psql('postgres', "SELECT pid FROM complaint.worker_status WHERE database = 'postgres'"),
	$worker_pid, 'still the same worker process');

# --- (1) the updated catalog is a fresh install's ---------------------------
$node->safe_psql('postgres', 'CREATE DATABASE fresh');
$node->safe_psql('fresh', 'CREATE EXTENSION complaint');
$node->safe_psql('fresh', 'SELECT complaint.create_roles()');

# normalise_dump TEXT --- what may differ between two databases holding the
# same schema, and nothing else:
#  * OIDs: the binary-upgrade calls that preserve a type's, enum label's,
#    relation's, index's or TOAST table's OID or relfilenode, and the OID of
#    a TOAST table in "WHERE oid = '...'" -- objects created in another
#    order (or later, by an update) get other OIDs;
#  * physical positions of the same kind: the transaction ids
#    (relfrozenxid, relminmxid) and WAL positions (attribute versions) a
#    binary-upgrade dump carries for each table;
#  * the list of tables registered with pg_extension_config_dump, which the
#    binary-upgrade dump writes as an array of OIDs: replaced by a
#    placeholder here, compared by name (and filter) below;
#  * pg_dump's \restrict key, random for every dump;
#  * the binary-upgrade dump's SEQUENCE SET entries (setval): where each
#    sequence stands is data, not schema -- it counts the rows written, and
#    the plain --schema-only dump leaves it out;
#  * ordering: pg_dump sorts objects by type, schema and name and breaks
#    ties by OID, so the dump is cut into its entries (each starts with a
#    "-- Name: ...; Type: ...; Schema: ...; Owner: ..." comment) and the
#    entries are sorted.
# Everything else -- every definition, column and its position, default,
# constraint, comment, privilege and initial privilege -- must be equal.
sub normalise_dump
{
	my ($text) = @_;
	$text =~ s/^\\(un)?restrict \S+$/\\$1restrict KEY/mg;
	$text =~ s/(binary_upgrade_set_next_\w+_(?:oid|relfilenode))\('\d+'/$1('OID'/g;
	$text =~ s/(binary_upgrade_set_next_attribute_versions)\('[^']*'/$1('LSN...'/g;
	$text =~ s/relfrozenxid = '\d+', relminmxid = '\d+'/relfrozenxid = 'XID', relminmxid = 'MXID'/g;
	$text =~ s/^WHERE oid = '\d+';$/WHERE oid = 'OID';/mg;
	$text =~ s/(binary_upgrade_create_empty_extension\('complaint', 'complaint', \w+, '[^']*', )'\{[\d,]*\}', '\{[^']*\}'/$1'{CONFIG}', '{CONDITIONS}'/g;
	my @entries = grep { !/\A--\n-- Name: [^\n]*; Type: SEQUENCE SET;/ }
	  split /(?=^--\n-- (?:Name|Data for Name): )/m, $text;
	return join('', sort @entries);
}

# dump_of DB OPTION... --- the schema-only dump of database DB, normalised
sub dump_of
{
	my ($db, @options) = @_;
	my ($out, $err) = run_command([ 'pg_dump', '--schema-only', @options, '-d', $node->connstr($db) ]);
	return normalise_dump($out);
}

# dumps_equal DB OPTIONS --- are the normalised dumps of DB and of the
# fresh install equal?  On a difference, show it unless told to be quiet.
sub dumps_equal
{
	my ($db, $options, $quiet) = @_;
	my $other = dump_of($db, @$options);
	my $fresh = dump_of('fresh', @$options);
	return 1 if $other eq $fresh;
	if (!$quiet)
	{
		my $dir = PostgreSQL::Test::Utils::tempdir();
		for ([$db, $other], ['fresh', $fresh])
		{
			open(my $fh, '>', "$dir/$_->[0].sql") or die;
			print $fh $_->[1];
			close $fh;
		}
		my ($diff) = run_command([ 'diff', '-u', "$dir/$db.sql", "$dir/fresh.sql" ]);
		diag(substr($diff, 0, 20000));
	}
	return 0;
}

for my $options ([], ['--binary-upgrade'])
{
	my $name = join(' ', 'pg_dump --schema-only', @$options);
	my $size = length(dump_of('fresh', @$options));
	ok($size > 1000, "$name of a fresh install: $size bytes");
	ok(dumps_equal('postgres', $options), "$name: the updated install's equals a fresh install's");
}

# the comparison sees what an update script could get wrong: an install
# that differs from a fresh one by a privilege, a comment, a column
my $n = 0;
for my $change (
	[ [], 'GRANT TRUNCATE ON complaint.event TO complaint_monitor', 'a privilege' ],
	[ ['--binary-upgrade'], "COMMENT ON TABLE complaint.category IS 'changed'", 'a comment' ],
	[ ['--binary-upgrade'], 'ALTER TABLE complaint.category ADD COLUMN extra integer', 'a column' ])
{
	my ($options, $sql, $what) = @$change;
	my $db = 'altered' . ++$n;
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	$node->safe_psql($db, 'CREATE EXTENSION complaint');
	$node->safe_psql($db, 'SELECT complaint.create_roles()');
	$node->safe_psql($db, $sql);
	ok(!dumps_equal($db, $options, 1), join(' ', 'pg_dump --schema-only', @$options) . " tells $what apart");
	$node->safe_psql('postgres', "DROP DATABASE $db");
}

my $config_sql = q{
SELECT string_agg(cfg.rel::regclass || ' ' || cfg.cond, E'\n' ORDER BY cfg.rel::regclass::text)
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS cfg(rel, cond)
 WHERE e.extname = 'complaint'};
is($node->safe_psql('postgres', $config_sql), $node->safe_psql('fresh', $config_sql),
	'the same tables and sequences are registered for pg_dump, with the same filters');

# the rows a release ships: builtin rows of the tables whose dump filter is
# "WHERE NOT builtin", and every row of an extension table not registered
# for pg_dump at all; columns filled from a sequence or identity are left
# out (an update inserts after the users' rows)
my @shipped = split /\n/, $node->safe_psql('fresh', q{
SELECT c.relname || ' ' || coalesce(cfg.cond, 'ALL')
  FROM pg_class c
  LEFT JOIN (SELECT rel, cond FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(rel, cond)
              WHERE e.extname = 'complaint') cfg ON cfg.rel = c.oid
 WHERE c.relnamespace = 'complaint'::regnamespace AND c.relkind = 'r'
   AND (cfg.rel IS NULL OR cfg.cond = 'WHERE NOT builtin')
   -- the report summaries are derived from the cases by the worker's
   -- refresh (complaint.report_refresh), not shipped
   AND c.relname NOT LIKE 'report\\_%'
 ORDER BY 1});
ok(@shipped >= 5, scalar(@shipped) . ' tables hold rows the release ships');
for my $entry (@shipped)
{
	my ($table, $filter) = split / /, $entry, 2;
	my $cols = $node->safe_psql('fresh', qq{
SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid = 'complaint.$table'::regclass AND a.attnum > 0 AND NOT a.attisdropped
   AND a.attidentity = '' AND coalesce(pg_get_expr(d.adbin, d.adrelid), '') NOT LIKE 'nextval(%'});
	my $where = $filter eq 'ALL' ? '' : 'WHERE builtin';
	my $sql = "SELECT count(*) || ' ' || md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), ''))"
	  . " FROM (SELECT $cols FROM complaint.$table $where) r";
	is($node->safe_psql('postgres', $sql), $node->safe_psql('fresh', $sql),
		"complaint.$table: the updated install has the rows a fresh one ships");
}

# ===========================================================================
# (4) DROP EXTENSION, CREATE EXTENSION, with the worker running
# ===========================================================================

my $log_offset = -s $node->logfile;
$node->safe_psql('postgres', 'DROP EXTENSION complaint CASCADE');
$node->wait_for_log(qr/complaint worker waits for the complaint extension in database "postgres"/, $log_offset);
pass('the worker noticed DROP EXTENSION');
is($node->safe_psql('postgres', "SELECT count(*) FROM pg_namespace WHERE nspname = 'complaint'"),
	'1', 'the schema outlives DROP EXTENSION (it is not a member)');
$log_offset = -s $node->logfile;
$node->safe_psql('postgres', 'CREATE EXTENSION complaint');
is($node->safe_psql('postgres', "SELECT extversion FROM pg_extension WHERE extname = 'complaint'"),
	$version, "created again at $version in the same database");
$node->wait_for_log(qr/complaint worker found the complaint extension in database "postgres"/, $log_offset);
pass('the worker found the new install');
$node->safe_psql('postgres', 'SELECT complaint.create_roles()');
$node->safe_psql('postgres', $fixture::org);
$node->safe_psql('postgres', fixture::overdue_cases(2, 'after CREATE again'));
ok($node->poll_query_until('postgres', q{
SELECT count(*) = 10 FROM complaint.escalation e JOIN complaint.cases c ON c.id = e.case_id
 WHERE c.matter = 'after CREATE again'}),
	'the worker escalates the cases of the new install');
is($node->safe_psql('postgres', "SELECT count(*) FROM complaint.cases WHERE matter <> 'after CREATE again'"),
	'0', 'the new install holds none of the dropped one\'s cases');
ok(!$node->log_contains(qr/complaint.*(PANIC|TRAP)|server process .* was terminated/), 'no crash in the log');

$node->stop;
done_testing();
