# Makefile for the complaint extension (PGXS)

EXTENSION   = complaint
# the version is written once, in the control file
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big  = complaint
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
# warnings are errors for development and CI (WERROR=1, as test/run-all.sh
# builds), not for a user's plain `make` with a newer compiler
PG_CFLAGS  += -Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes
ifdef WERROR
PG_CFLAGS  += -Werror
endif

# the install script is generated from ordered sources plus the CN holiday data
INSTALL_SRC = $(sort $(wildcard src/sql/install/*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
# every earlier release's install script, frozen as released (see
# src/sql/releases/README.md), and one update script per release step
DATA        = $(wildcard src/sql/releases/$(EXTENSION)--*.sql) \
              $(wildcard src/sql/updates/$(EXTENSION)--*--*.sql)

# pg_regress suites, in order; each file creates and drops its own fixtures
REGRESS      = time_limit calendar workdays worktime deadline extension case_lifecycle first_responder history sweep sweep_statements accountability roles hostile_input search_path_trojan column_matrix encoding privacy reports windows report_summary feed tour
REGRESS_OPTS = --load-extension=$(EXTENSION)

# isolation suites (later --inputdir overrides PGXS's default)
ISOLATION      = calendar_invalidation transfer_close_race sweep_race appeal_lapse_race reproject_race cache_snapshot sweep_stale_watch sweep_grading_lock report_refresh_race feed_order clock_lock_race decision_after_hearing
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=$(EXTENSION)

# Perl TAP tests (PostgreSQL::Test::Cluster)
TAP_TESTS    = 1
PROVE_TESTS  = test/t/*.pl

EXTRA_CLEAN  = output_iso complaint-notify src/sweep_statements.h

# the SQL statements of complaint.sweep(), one file each, become the C
# constants of a generated header (src/sql/sweep_statements.awk); the
# header depends on the directory too, so that it follows a file removed
SWEEP_SQL    = $(sort $(wildcard src/sql/sweep/*.sql))

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# complaint-notify, the delivery client (src/client/, C with libpq): built
# by `make`, installed by `make install` into pg_config --bindir
NOTIFY_PROG   = complaint-notify
NOTIFY_SRCS   = $(sort $(wildcard src/client/*.c))
NOTIFY_CFLAGS = -O2 -g -std=gnu99 -Wall -Wextra -Wmissing-prototypes $(if $(WERROR),-Werror) \
                -I$(shell $(PG_CONFIG) --includedir)
NOTIFY_LIBS   = -L$(shell $(PG_CONFIG) --libdir) -lpq

all: $(NOTIFY_PROG)
$(NOTIFY_PROG): $(NOTIFY_SRCS) src/client/notify.h
	$(CC) $(NOTIFY_CFLAGS) -o $@ $(NOTIFY_SRCS) $(NOTIFY_LIBS)
install: install-notify
.PHONY: install-notify
install-notify: $(NOTIFY_PROG)
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) $(NOTIFY_PROG) '$(DESTDIR)$(bindir)/$(NOTIFY_PROG)'

$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_SRC) data/cn_holidays.csv src/sql/cn_holidays.awk
	cat $(INSTALL_SRC) > $@
	awk -f src/sql/cn_holidays.awk data/cn_holidays.csv >> $@

src/sweep_statements.h: $(SWEEP_SQL) src/sql/sweep src/sql/sweep_statements.awk
	awk -f src/sql/sweep_statements.awk $(SWEEP_SQL) > $@.tmp || { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@
src/sweep.o src/sweep.bc: src/sweep_statements.h

# pgTAP specs, run by pg_prove against the current PG* environment
.PHONY: pgtap
pgtap:
	pg_prove --ext .sql --failures test/pgtap
