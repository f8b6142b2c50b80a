# test/common.sh
#
# Shell functions shared by test/run-all.sh, test/demo.sh and .ci/run:
# installing missing Debian packages, copying the source tree to a scratch
# directory, building and installing the extension into the system
# PostgreSQL 15, and reading test/conf/*.conf into pg_virtualenv options.
#
# Source it from bash (it sets no shell options of its own):
#     . "$(dirname "$0")/common.sh"
# It defines COMPLAINT_ROOT (the checkout that holds this file) and PG_CONFIG.

# the checkout this file belongs to
COMPLAINT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# the PostgreSQL the project targets; CI has only this one
PG_MAJOR=15
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config

# Debian packages the build, the tests and the demo need.  The server
# (postgresql-15) is there on CI already; the rest usually is not.
REQUIRED_PACKAGES=(
	"postgresql-$PG_MAJOR"				# the server, pg_regress's target
	postgresql-common					# pg_virtualenv, pg_createcluster
	"postgresql-server-dev-$PG_MAJOR"		# PGXS, pg_regress, pg_isolation_regress, PostgreSQL::Test::Cluster
	"postgresql-$PG_MAJOR-pgtap"			# the pgtap extension
	libtap-parser-sourcehandler-pgtap-perl	# pg_prove
	libipc-run-perl						# needed by PostgreSQL::Test::Cluster
	make gcc libc6-dev					# the C build (pg_config's CC is gcc)
)

# set by apt_update_once so that apt-get update runs at most once per run
APT_UPDATED=no

# msg --- print a progress line on stderr
msg() {
	printf '==> %s\n' "$*" >&2
}

# die --- print an error on stderr and exit 1
die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# require_root --- installing packages and into /usr/lib/postgresql needs root
require_root() {
	[ "$(id -u)" = 0 ] || die "run this as root (it installs packages and the extension)"
}

# missing_packages --- print the required packages that are not installed
missing_packages() {
	local p status
	for p in "${REQUIRED_PACKAGES[@]}"; do
		status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$status" = installed ] || printf '%s\n' "$p"
	done
}

# apt_update_once --- run apt-get update unless this run already did
apt_update_once() {
	if [ "$APT_UPDATED" = no ]; then
		msg "apt-get update"
		apt-get update -q
		APT_UPDATED=yes
	fi
}

# ensure_packages --- install whatever REQUIRED_PACKAGES lacks; touches the
# network only when something is missing
ensure_packages() {
	local missing
	missing=$(missing_packages)
	if [ -z "$missing" ]; then
		msg "required packages are installed"
		return 0
	fi
	# shellcheck disable=SC2086 # one package name per word
	msg "installing missing packages:" $missing
	apt_update_once
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

# copy_tree SRC DEST --- copy the source tree without git metadata or build
# outputs (the patterns of .gitignore), so that DEST builds from scratch and
# the user's checkout is never written to
copy_tree() {
	local src=$1 dest=$2
	mkdir -p "$dest"
	tar -C "$src" -cf - \
		--exclude=./.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude='./complaint--[0-9]*.[0-9]*.[0-9]*.sql' \
		--exclude=./results --exclude=./regression.diffs --exclude=./regression.out \
		--exclude=./output_iso --exclude=./tmp_check --exclude=./log \
		--exclude=./test/bench/out --exclude=./src/sweep_statements.h \
		. | tar -C "$dest" -xf -
}

# build_and_install DIR --- make and make install (as root) against the
# system PostgreSQL; the build log goes to DIR/build.log and, on failure,
# to stderr
build_and_install() {
	local dir=$1
	msg "building in $dir against $PG_CONFIG"
	if ! make -C "$dir" -j2 WERROR=1 PG_CONFIG="$PG_CONFIG" >"$dir/build.log" 2>&1; then
		cat "$dir/build.log" >&2
		msg "build FAILED"
		return 1
	fi
	msg "installing into $($PG_CONFIG --pkglibdir) and $($PG_CONFIG --sharedir)/extension"
	if ! make -C "$dir" PG_CONFIG="$PG_CONFIG" install >>"$dir/build.log" 2>&1; then
		cat "$dir/build.log" >&2
		msg "make install FAILED"
		return 1
	fi
}

# conf_to_pgoptions FILE --- print one "-o" and one "name=value" line per
# setting of a postgresql.conf-style FILE, for pg_virtualenv.  Comments and
# blank lines are skipped; a value's surrounding single quotes are removed
# ('' inside becomes '), because pg_createcluster quotes values itself.
conf_to_pgoptions() {
	local file=$1 line name value
	while IFS= read -r line || [ -n "$line" ]; do
		# drop comments that are not inside a quoted value, then trim
		line=$(printf '%s' "$line" | sed -e "s/^\(\([^'#]*'[^']*'\)*[^'#]*\)#.*/\1/" \
			-e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
		[ -n "$line" ] || continue
		name=${line%%=*}
		value=${line#*=}
		[ "$name" != "$line" ] || die "$file: expected 'name = value', got: $line"
		name=$(printf '%s' "$name" | sed 's/[[:space:]]*$//')
		value=$(printf '%s' "$value" | sed 's/^[[:space:]]*//')
		if [[ $value == \'*\' ]]; then
			value=${value:1:${#value}-2}
			value=${value//\'\'/\'}
		fi
		printf '%s\n%s\n' -o "$name=$value"
	done <"$file"
}

# make_var DIR VAR --- print the value of a Makefile variable of the tree in DIR
make_var() {
	local dir=$1 var=$2
	printf 'print-%%:\n\t@echo $($*)\n' |
		make --no-print-directory -s -C "$dir" -f Makefile -f - PG_CONFIG="$PG_CONFIG" "print-$var"
}

# clean_pg_env --- forget any PG* settings of the caller's own cluster (a
# developer's devpg.sh exports them) so that the throwaway cluster's win
clean_pg_env() {
	unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGPASSWORD \
		PGSYSCONFDIR PGDATA PGOPTIONS PGBIN PG_CLUSTER_CONF_ROOT
	export PG_CONFIG
	# one locale everywhere, so expected outputs do not depend on the caller
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
}
