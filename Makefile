# Makefile - the few entry points a person types.
#
#   make              build the extension (modules/dangjian.so)
#   make demo         WordPress with the demo data on http://127.0.0.1:8080 (scripts/demo.sh)
#   make test         every suite: clang-format check, C (plain and ASan+UBSan), chaos, phpt (extension, twin,
#                     valgrind), embed leak check, twin tests, differential, the STATS.md
#                     oracle, fuzz smoke,
#                     kept datasets, bench smoke, PIE package build, WordPress + MariaDB,
#                     browser, multisite network; wp and e2e again on WordPress 6.5.5 (wp65, e2e65)
#   make bench        the benchmarks (bench/run.sh)
#   make fuzz         the libFuzzer targets, FUZZ_SECONDS each (default 600)
#   make diff         the differential suite alone (SEEDS=20000 for more)
#   make deps         install the Debian packages the above need (root; does nothing when present)
#   make format       clang-format -i every C file
#   make clean        remove build products
#
# One suite alone: make test-format, test-c, test-chaos, test-phpt, test-twin, test-valgrind, test-embed,
# test-php, test-diff, test-oracle, test-fuzz, test-keep, test-bench, test-package, test-wp, test-e2e, test-network, test-wp65, test-e2e65. Builds happen out of tree, under .work/.

SHELL := /bin/bash
ROOT := $(CURDIR)
WORK := $(ROOT)/.work
JOBS ?= 2

PHP ?= php
PHP_CONFIG ?= php-config
CC ?= cc
CLANG ?= clang

SEEDS ?= 1000
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 30

export ROOT WORK JOBS PHP PHP_CONFIG CC CLANG SEEDS FUZZ_SMOKE_SECONDS

.DEFAULT_GOAL := all

# ---------------------------------------------------------------- C core tests

# Flags of the C tests (no PHP anywhere). WERROR is set because the core
# compiles clean; `make WERROR=` to build a work in progress.
WERROR ?= -Werror
JANSSON_CFLAGS = $(shell pkg-config --cflags jansson 2>/dev/null)
JANSSON_LIBS = $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
C_FLAGS = -std=c99 -Wall -Wextra $(WERROR) -g -I src/core $(JANSSON_CFLAGS)
# -O1 with the sanitizers makes gcc's format-truncation analysis guess wrong
# about snprintf into small buffers in tests: a warning there, not an error.
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wno-error=format-truncation

CORE_SRC := $(sort $(wildcard src/core/*.c))
CORE_HDR := $(wildcard src/core/*.h)
C_TESTS := $(sort $(wildcard tests/c/test_*.c))
C_OUT := .work/c

$(C_OUT)/plain/core/%.o: src/core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(C_FLAGS) -O2 -c -o $@ $<

$(C_OUT)/asan/core/%.o: src/core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(C_FLAGS) -O1 $(SAN_FLAGS) -c -o $@ $<

$(C_OUT)/plain/libdjcore.a: $(patsubst src/core/%.c,$(C_OUT)/plain/core/%.o,$(CORE_SRC))
	rm -f $@ && ar rcs $@ $^

$(C_OUT)/asan/libdjcore.a: $(patsubst src/core/%.c,$(C_OUT)/asan/core/%.o,$(CORE_SRC))
	rm -f $@ && ar rcs $@ $^

$(C_OUT)/plain/test_%: tests/c/test_%.c $(wildcard tests/c/*.h) $(CORE_HDR) $(C_OUT)/plain/libdjcore.a
	$(CC) $(C_FLAGS) -O2 -o $@ $< $(C_OUT)/plain/libdjcore.a $(JANSSON_LIBS) -lm

$(C_OUT)/asan/test_%: tests/c/test_%.c $(wildcard tests/c/*.h) $(CORE_HDR) $(C_OUT)/asan/libdjcore.a
	$(CC) $(C_FLAGS) -O1 $(SAN_FLAGS) -o $@ $< $(C_OUT)/asan/libdjcore.a $(JANSSON_LIBS) -lm

# ------------------------------------------------------------------ extension

.PHONY: all ext deps test demo bench fuzz diff clean format FORCE \
	test-c test-chaos test-phpt test-twin test-valgrind test-embed test-php test-diff test-oracle test-fuzz \
	test-wp test-e2e test-keep test-bench test-package test-wp65 test-e2e65 test-network test-format embed

all: ext

# The build script mirrors config.m4 and src/ into .work/build and decides
# itself what is stale, so it runs every time (a no-op takes a fraction of a second).
ext: modules/dangjian.so

modules/dangjian.so: FORCE
	@sh scripts/build-ext.sh

# ------------------------------------------------------------------- embed

# The embed harness: libphp8.2-embed with the extension compiled in.
PHP_INCLUDES = $(shell $(PHP_CONFIG) --includes 2>/dev/null)
EMBED_BIN := $(WORK)/embed/dj-embed
EXT_SRC := $(sort $(wildcard src/*.c))

embed: $(EMBED_BIN)

$(EMBED_BIN): tests/embed/embed.c $(EXT_SRC) $(wildcard src/*.h) $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) -O2 -g -Wall -o $@ -I src -I src/core $(PHP_INCLUDES) $(JANSSON_CFLAGS) \
		-DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 \
		tests/embed/embed.c $(EXT_SRC) $(CORE_SRC) -L/usr/lib -lphp8.2 $(JANSSON_LIBS) -lm

# ------------------------------------------------------------------- suites

# The report's tests open the .docx we write in a real office suite (LibreOffice, headless) and
# read its styles with Debian's python3-docx; poppler turns the PDF into pages to look at.
REPORT_DEPS := libreoffice-writer-nogui python3-docx poppler-utils
# The format suite checks the C sources with clang-format.
FORMAT_DEPS := clang-format

deps:
	@sh scripts/deps.sh $(REPORT_DEPS) $(FORMAT_DEPS)

# Every suite runs, even after a failure; the summary says which failed and
# the exit status is non-zero if any did.
SUITES := format c chaos phpt twin valgrind embed php diff oracle fuzz keep bench package wp e2e network wp65 e2e65

test: deps
	@bash scripts/test-all.sh $(SUITES)

$(addprefix test-,$(SUITES)): deps
	@bash scripts/test-all.sh $(patsubst test-%,%,$@)

diff: deps
	@bash scripts/test-all.sh diff

fuzz: deps
	@FUZZ_SMOKE_SECONDS=$(FUZZ_SECONDS) bash scripts/suite.sh fuzz

# make demo: the WordPress site with the demo data on http://127.0.0.1:8080
# (scripts/demo.sh installs what is missing, builds, and stops what it
# started on Ctrl-C).
demo:
	@bash scripts/demo.sh

# bench/run.sh (BENCH_ARGS=--small for the smoke run).
bench: deps ext
	@if [ -f bench/run.sh ]; then sh bench/run.sh $(BENCH_ARGS); \
	else echo "bench: bench/run.sh does not exist" >&2; exit 1; fi

format:
	@command -v clang-format >/dev/null || { echo "format: clang-format is not installed (apt-get install clang-format)" >&2; exit 1; }
	@files=$$(find src tests -name '*.c' -o -name '*.h' | grep -v '_arginfo\.h$$' | sort); \
	clang-format -i $$files && echo "format: $$(echo $$files | wc -w) files"

clean:
	rm -rf $(WORK)/build $(WORK)/c $(WORK)/embed $(WORK)/fuzz $(WORK)/phpt $(WORK)/diff $(WORK)/logs modules
	@# what run-tests.php leaves beside each test when run in the tree
	@find tests/phpt -name '*.phpt' 2>/dev/null | while read -r t; do t=$${t%.phpt}; \
		rm -f "$$t.php" "$$t.diff" "$$t.exp" "$$t.log" "$$t.out" "$$t.mem" "$$t.sh"; done

FORCE:
