# src/sql/cn_holidays.awk
#
# Turns data/cn_holidays.csv (date,kind,name; header row; names without commas)
# into the INSERT that loads the built-in CN calendar's dated exceptions.
# Run at build time; the generated install script is never committed.
BEGIN { FS = ","; n = 0 }
NR == 1 { next }
{
	gsub(/\r/, "")
	name = $3
	gsub(/'/, "''", name)
	row[n++] = sprintf("('CN', '%s', '%s', '%s', true)", $1, $2, name)
}
END {
	print ""
	print "-- built-in CN calendar: official holidays and make-up working days (data/cn_holidays.csv)"
	print "INSERT INTO complaint.calendar_day (calendar, day, kind, name, builtin) VALUES"
	for (i = 0; i < n; i++)
		printf "  %s%s\n", row[i], (i < n - 1 ? "," : ";")
}
