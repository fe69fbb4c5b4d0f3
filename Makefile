# yoy — see README.md.  `make`, `make test`, `make run`, `make install PREFIX=... DESTDIR=...`,
# `make test SANITIZE=address,undefined`.

PROG     = yoy
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1
CC      ?= cc
PKGS     = gsl libutf8proc sqlite3 libxml-2.0 opencc xlsxwriter
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter
override CPPFLAGS += -MMD -MP -Ianalysis $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
override LDLIBS += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lutf8proc -lsqlite3 -lxml2 -lopencc -lxlsxwriter -lz) -lcsv -lm -pthread

# BUILD may be set to keep a separate tree of objects (e.g. BUILD=build/mine).
ifneq ($(SANITIZE),)
BUILD   ?= build/san
override CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
else
BUILD   ?= build/opt
endif

SRCS     = $(wildcard analysis/*/*.c)
# The library: every layer below the command face (analysis/cmd).
LIBSRCS  = $(filter-out analysis/cmd/%,$(SRCS))
OBJS     = $(SRCS:analysis/%.c=$(BUILD)/%.o)
LIBOBJS  = $(LIBSRCS:analysis/%.c=$(BUILD)/%.o)
UNITSRCS = $(wildcard tests/unit/test_*.c)
UNITBINS = $(UNITSRCS:tests/unit/%.c=$(BUILD)/tests/%)

# The binary a sanitizer build tests lives beside its objects; ./yoy is the plain one.
ifneq ($(SANITIZE),)
YOY      = $(BUILD)/yoy
else
YOY      = ./yoy
endif

all: $(YOY)

$(YOY): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: analysis/%.c | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJS) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIBOBJS) $(LDFLAGS) $(LDLIBS) -lcmocka

# The face's parser is tested with a command table of the test's own.
$(BUILD)/tests/test_cli: tests/unit/test_cli.c $(LIBOBJS) $(BUILD)/cmd/cli.o | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/cmd/cli.o $(LIBOBJS) $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/bench_%: tests/bench/bench_%.c $(LIBOBJS) | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIBOBJS) $(LDFLAGS) $(LDLIBS)

# The golden and bad-input tests again, every yoy run under valgrind.
memcheck: ./yoy
	@YOY=tests/valgrind-yoy sh tests/cli/run.sh

# Fuzzing with libFuzzer (clang): one entry per parser, seeds in tests/fuzz/corpus/.
# FUZZ_TIME seconds each (10 minutes by default; CI runs a minute).  What a run finds
# goes to build/fuzz/ (new inputs, crash-* files), never into the committed seeds.
FUZZ_TIME ?= 600
FUZZ_TARGETS = notice targets csv html bbox
FUZZ_CFLAGS = -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -Ianalysis
FUZZ_SRCS = $(LIBSRCS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRCS) $(wildcard analysis/*/*.h)
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRCS) $(LDLIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/work-$$t; \
		echo "== fuzz_$$t for $(FUZZ_TIME) s"; \
		rc=0; build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -max_len=65536 \
			-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/$$t- \
			build/fuzz/work-$$t tests/fuzz/corpus/$$t >build/fuzz/$$t.log 2>&1 || rc=$$?; \
		grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^Done' \
			build/fuzz/$$t.log || true; \
		if [ $$rc -ne 0 ]; then tail -40 build/fuzz/$$t.log; exit 1; fi; \
	done

# Performance is measured here, never in the tests.
bench: $(YOY) $(BUILD)/bench_extract
	@$(BUILD)/bench_extract datasets 200
	@YOY=$(YOY) scripts/bench
	@start=$$(date +%s%N); for i in 1 2 3 4 5 6 7 8 9 10; do $(YOY) targets >/dev/null; done; \
	 end=$$(date +%s%N); echo "yoy targets (whole command, bundled data): $$(( (end - start) / 10000000 )).$$(( (end - start) / 100000 % 100 )) ms per run"

$(BUILD):
	@mkdir -p $@

deps:
	@scripts/install-deps

check-deps:
	@pkg-config --exists $(PKGS) cmocka && test -e /usr/include/csv.h && \
		command -v pdftotext >/dev/null || scripts/install-deps

test: check-deps $(YOY) $(UNITBINS)
	@set -e; for t in $(UNITBINS); do echo "== $$t"; $$t; done
	@YOY=$(YOY) sh tests/cli/run.sh
	@YOY=$(YOY) sh tests/cli/readme.sh

run: check-deps $(YOY)
	@scripts/run-all

install: $(YOY)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(YOY) $(DESTDIR)$(BINDIR)/$(PROG)
	install -m 644 yoy.1 $(DESTDIR)$(MANDIR)/yoy.1

clean:
	rm -rf build yoy

.PHONY: all deps check-deps test run install clean bench fuzz memcheck

-include $(OBJS:.o=.d) $(UNITBINS:=.d) $(BUILD)/bench_extract.d
