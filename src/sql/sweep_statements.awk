# src/sql/sweep_statements.awk
#
# Turns the statement files of complaint.sweep(), src/sql/sweep/NAME.sql,
# into the C header src/sweep_statements.h: one constant
#     static const char SWEEP_NAME[] = "...";
# per file (NAME in capitals), the file's text with its whole-line comments
# (lines starting with --) and blank lines left out, trailing blanks cut,
# the statement's final semicolon removed and the lines joined with \n.
# Each file holds exactly one statement that ends with a semicolon on its
# last line.  A comment after SQL on a line is kept (harmless: the line
# keeps its newline); a line inside a string literal that looks like a
# comment or is blank would be lost (write no such literal).  Backslashes,
# double quotes, question marks (no trigraphs) and tabs are escaped.
# Run at build time (Makefile); the generated header is never committed.
#
#     awk -f src/sql/sweep_statements.awk src/sql/sweep/*.sql > src/sweep_statements.h

# fail(msg) --- report an error in the file being read and stop
function fail(msg) {
	print file ": " msg | "cat 1>&2"
	failed = 1
	exit 1
}

# cstr(s) --- s as the inside of a C string literal
function cstr(s,    out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			out = out "\\\\"
		else if (c == "\"")
			out = out "\\\""
		else if (c == "?")
			out = out "\\?"
		else if (c == "\t")
			out = out "\\t"
		else
			out = out c
	}
	return out
}

# finish() --- print the constant of the file just read
function finish(    i) {
	if (name == "")
		return
	if (n == 0)
		fail("no statement")
	if (line[n] !~ /;$/)
		fail("the statement does not end with a semicolon on its last line")
	sub(/;$/, "", line[n])
	sub(/[ \t]+$/, "", line[n])
	printf "\nstatic const char %s[] =\n", name
	for (i = 1; i < n; i++)
		printf "\t\"%s\\n\"\n", cstr(line[i])
	printf "\t\"%s\";\n", cstr(line[n])
	name = ""
}

BEGIN {
	for (i = 1; i < ARGC; i++) {
		base = ARGV[i]
		sub(/^.*\//, "", base)
		if (base !~ /^[a-z][a-z0-9_]*\.sql$/) {
			print ARGV[i] ": a statement file is named [a-z][a-z0-9_]*.sql" | "cat 1>&2"
			failed = 1
			exit 1
		}
	}
	print "/*"
	print " * src/sweep_statements.h --- GENERATED from src/sql/sweep/NAME.sql by"
	print " * src/sql/sweep_statements.awk (Makefile); do not edit, do not commit."
	print " * The SQL statements of complaint.sweep(), one per file; included by"
	print " * src/sweep.c only."
	print " */"
	print "#ifndef COMPLAINT_SWEEP_STATEMENTS_H"
	print "#define COMPLAINT_SWEEP_STATEMENTS_H"
}

FNR == 1 {
	finish()
	file = FILENAME
	seen[file] = 1
	base = file
	sub(/^.*\//, "", base)
	sub(/\.sql$/, "", base)
	name = "SWEEP_" toupper(base)
	n = 0
}

{
	sub(/\r$/, "")
	sub(/[ \t]+$/, "")
}

/^[ \t]*(--.*)?$/ { next }

{
	if (n > 0 && line[n] ~ /;$/)
		fail("more than one statement (text after the semicolon)")
	line[++n] = $0
}

END {
	if (failed)
		exit 1
	finish()
	if (failed)
		exit 1
	for (i = 1; i < ARGC; i++)
		if (!(ARGV[i] in seen)) {
			print ARGV[i] ": no statement" | "cat 1>&2"
			exit 1
		}
	print ""
	print "#endif\t\t\t\t\t\t\t/* COMPLAINT_SWEEP_STATEMENTS_H */"
}
