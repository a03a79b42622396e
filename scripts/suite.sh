#!/bin/bash
# suite.sh NAME - build what suite NAME needs, run it, and end with the line
#   SUITE NAME: N passed, N failed
# (scripts/test-all.sh reads it). Suites: c chaos phpt twin valgrind embed php diff fuzz
# format oracle wp e2e network keep bench package wp65 e2e65 (wp and e2e on WordPress 6.5.5).
#
# Environment: ROOT, WORK, PHP, SEEDS (diff), FUZZ_SMOKE_SECONDS (fuzz), JOBS.
set -u

ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
WORK=${WORK:-$ROOT/.work}
cd "$ROOT"

PHPBIN=$(command -v "${PHP:-php}")
PHP_CONFIG=${PHP_CONFIG:-php-config}
RUN_TESTS=${RUN_TESTS:-$($PHP_CONFIG --extension-dir)/build/run-tests.php}
EXT=$ROOT/modules/dangjian.so
TWIN=$ROOT/php/fallback/load.php
SUPP=$ROOT/tests/valgrind.supp
MAKE=${MAKE:-make}

PASS=0
FAIL=0

pass() { PASS=$((PASS + $1)); }
fail() {
    FAIL=$((FAIL + 1))
    echo "FAIL: $*"
}
finish() {
    echo "SUITE $SUITE: $PASS passed, $FAIL failed"
    [ "$FAIL" = 0 ]
    exit
}

# counted LABEL CMD... : runs CMD, reads its last "N passed, N failed" line.
# A non-zero exit with no failure counted, or no such line, is one failure.
counted() {
    local label=$1 out rc line p f
    shift
    out=$("$@" 2>&1)
    rc=$?
    printf '%s\n' "$out" | tail -n 40
    line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -1)
    if [ -z "$line" ]; then
        fail "$label: printed no 'N passed, N failed' line (exit $rc)"
        return
    fi
    p=$(echo "$line" | sed -E 's/.*[^0-9]?\b([0-9]+) passed, ([0-9]+) failed.*/\1/')
    f=$(echo "$line" | sed -E 's/.*[^0-9]?\b([0-9]+) passed, ([0-9]+) failed.*/\2/')
    PASS=$((PASS + p))
    FAIL=$((FAIL + f))
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        fail "$label: exit status $rc"
    fi
}

build_ext() {
    if ! $MAKE -s --no-print-directory ext; then
        fail "the extension does not build"
        finish
    fi
}

# ------------------------------------------------------------------ C tests

c_tests() { # c_tests MODE NAME... : build and run each test binary
    local mode=$1 t bin env
    shift
    for t in "$@"; do
        bin=.work/c/$mode/$t
        if ! $MAKE -s --no-print-directory "$bin"; then
            fail "$t [$mode]: does not build"
            continue
        fi
        echo "--- $t [$mode]"
        env=()
        if [ "$mode" = asan ]; then
            env=(ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1)
        fi
        counted "$t [$mode]" env "${env[@]}" "$bin"
    done
}

suite_c() {
    local tests=() f n
    for f in tests/c/test_*.c; do
        [ -e "$f" ] || continue
        n=$(basename "$f" .c)
        [ "$n" = test_chaos ] && continue
        tests+=("$n")
    done
    if [ ${#tests[@]} = 0 ]; then
        fail "no tests/c/test_*.c"
        return
    fi
    c_tests plain "${tests[@]}"
    c_tests asan "${tests[@]}"
}

suite_chaos() {
    c_tests plain test_chaos
    c_tests asan test_chaos
}

# --------------------------------------------------------------------- phpt

# phpt_tree RUN: a copy of the repository's tests/phpt under $WORK/phpt/RUN
# (run-tests writes its .php/.out/.diff files beside the tests), with the other
# top-level folders linked so that relative paths in tests still resolve.
phpt_tree() {
    local dir=$WORK/phpt/$1 e
    rm -rf "$dir"
    mkdir -p "$dir/tests"
    for e in "$ROOT"/*; do
        [ "$(basename "$e")" = tests ] && continue
        ln -s "$e" "$dir/$(basename "$e")"
    done
    for e in "$ROOT"/tests/*; do
        [ "$(basename "$e")" = phpt ] && continue
        ln -s "$e" "$dir/tests/$(basename "$e")"
    done
    cp -a "$ROOT/tests/phpt" "$dir/tests/phpt"
    # Drop what an earlier run-tests left beside the tests in the working tree.
    find "$dir/tests/phpt" -type f -name '*.phpt' | while read -r e; do
        e=${e%.phpt}
        rm -f "$e.php" "$e.out" "$e.exp" "$e.diff" "$e.log" "$e.mem" "$e.sh"
    done
    echo "$dir/tests/phpt"
}

# run_phpt LABEL SKIP_IS_FAILURE DIR ARGS... : run-tests.php over DIR and count.
run_phpt() {
    local label=$1 skip_fails=$2 dir=$3 out rc n
    shift 3
    if [ -z "$(find "$dir" -name '*.phpt' | head -1)" ]; then
        fail "$label: no .phpt files in tests/phpt"
        return
    fi
    # Each run gets its own temporary folder: tests that clean up after
    # themselves by pattern must not meet another run's files.
    local tmp=${dir%/tests/phpt}/tmp
    rm -rf "$tmp"
    mkdir -p "$tmp"
    out=$(cd "$dir" && TMPDIR=$tmp TEST_PHP_EXECUTABLE=$PHPBIN NO_INTERACTION=1 \
        "$PHPBIN" "$RUN_TESTS" -p "$PHPBIN" -q --show-diff --no-color --no-progress "$@" "$dir" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -v -E '^(PASS|SKIP) ' | sed -e "s#$dir/##g"
    count() { printf '%s\n' "$out" | sed -n -E "s/^Tests $1 *: *([0-9]+).*/\1/p" | tail -1; }
    local passed failed leaked borked warned skipped
    passed=$(count passed)
    failed=$(count failed)
    leaked=$(count leaked)
    borked=$(count borked)
    warned=$(count warned)
    skipped=$(count skipped)
    if [ -z "$passed" ] || [ -z "$failed" ]; then
        fail "$label: run-tests.php printed no summary (exit $rc)"
        return
    fi
    PASS=$((PASS + passed))
    FAIL=$((FAIL + failed + ${leaked:-0} + ${borked:-0} + ${warned:-0}))
    [ "${leaked:-0}" != 0 ] && echo "FAIL: $label: ${leaked} tests leaked or had valgrind errors"
    [ "${borked:-0}" != 0 ] && echo "FAIL: $label: ${borked} tests borked"
    [ "${warned:-0}" != 0 ] && echo "FAIL: $label: ${warned} tests warned"
    if [ "${skipped:-0}" != 0 ]; then
        printf '%s\n' "$out" | grep -E '^SKIP ' | sed -e "s#$dir/##g"
        if [ "$skip_fails" = 1 ]; then
            FAIL=$((FAIL + skipped))
            echo "FAIL: $label: $skipped tests skipped (no test may be skipped here)"
        else
            echo "note: $label: $skipped tests skipped"
        fi
    fi
    if [ "$rc" != 0 ] && [ "$failed" = 0 ] && [ "${leaked:-0}" = 0 ] && [ "${borked:-0}" = 0 ]; then
        fail "$label: run-tests.php exit status $rc"
    fi
    echo "$label: $passed passed, $((failed + ${leaked:-0} + ${borked:-0} + ${warned:-0})) failed, ${skipped:-0} skipped"
}

suite_phpt() {
    build_ext
    local dir
    dir=$(phpt_tree ext)
    run_phpt "phpt [extension]" 1 "$dir" -j"${JOBS:-2}" -d "extension=$EXT"
}

suite_twin() {
    local dir f tmp
    if [ ! -f "$TWIN" ]; then
        fail "php/fallback/load.php does not exist"
        return
    fi
    # The twin run must not see the extension: check the very settings the run uses.
    # (auto_prepend_file does not apply to php -r: a script file it is.)
    mkdir -p "$WORK/phpt"
    echo '<?php exit(extension_loaded("dangjian") ? 1 : (class_exists("Dangjian\\Dataset", false) ? 0 : 2));' \
        >"$WORK/phpt/twin-check.php"
    if ! "$PHPBIN" -d "auto_prepend_file=$TWIN" "$WORK/phpt/twin-check.php"; then
        fail "twin: the extension is loaded, or load.php defines no Dangjian\\Dataset"
        return
    fi
    dir=$(phpt_tree twin)
    # The same files, minus "dangjian" in --EXTENSIONS-- (run-tests would skip them).
    find "$dir" -name '*.phpt' | while read -r f; do
        tmp=$f.tmp
        awk '
            /^--[A-Z_]+--$/ { in_ext = ($0 == "--EXTENSIONS--") }
            in_ext && $0 == "--EXTENSIONS--" { hdr = $0; next }
            in_ext && /^[ \t]*dangjian[ \t]*$/ { next }
            in_ext && hdr != "" { print hdr; hdr = "" }
            { print }
        ' "$f" >"$tmp" && mv "$tmp" "$f"
    done
    # One more test, inside the run itself: the twin is what answers.
    cat >"$dir/zz_twin_only.phpt" <<'PHPT'
--TEST--
infra: this run uses the pure-PHP twin, not the extension
--FILE--
<?php
var_dump(extension_loaded('dangjian'));
var_dump((new ReflectionClass('Dangjian\Dataset'))->isInternal());
?>
--EXPECT--
bool(false)
bool(false)
PHPT
    run_phpt "phpt [twin]" 0 "$dir" -j"${JOBS:-2}" -d "auto_prepend_file=$TWIN"
}

suite_valgrind() {
    build_ext
    local dir
    dir=$(phpt_tree valgrind)
    # run-tests -m sets USE_ZEND_ALLOC=0 and ZEND_DONT_UNLOAD_MODULES=1 itself and
    # wraps php in "valgrind -q ... --log-file=X"; any output in X (an error or a
    # leak) marks the test LEAKED. VALGRIND_OPTS adds the leak check and our
    # suppressions of PHP's known false positives.
    VALGRIND_OPTS="--suppressions=$SUPP --leak-check=full --show-leak-kinds=definite,indirect \
--errors-for-leak-kinds=definite,indirect --num-callers=30" \
        run_phpt "phpt [valgrind]" 1 "$dir" -j"${JOBS:-2}" -m -n -d "extension=$EXT"
}

# -------------------------------------------------------------------- embed

suite_embed() {
    if ! $MAKE -s --no-print-directory embed; then
        fail "the embed harness does not build"
        return
    fi
    local bin=$WORK/embed/dj-embed log=$WORK/embed/valgrind.log out rc
    mkdir -p "$WORK/embed/tmp"
    # The harness itself, without valgrind: it runs the script with its arguments,
    # the extension compiled in, and passes the script's exit status on.
    out=$(cd "$WORK/embed/tmp" && "$bin" -n "$ROOT/tests/embed/smoke.php" a b 2>&1)
    rc=$?
    if [ "$rc" = 3 ] && [[ "$out" =~ ^dangjian\ [0-9][0-9.a-z-]*\ a,b\ embed$ ]]; then
        pass 1
        echo "embed smoke: ok ($out)"
    else
        fail "embed smoke: exit $rc, output: $out"
    fi
    echo "--- leak check under valgrind (tests/embed/leak.php)"
    rm -f "$log"
    counted "embed leak script" env USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 DJ_TMP="$WORK/embed/tmp" \
        valgrind -q --log-file="$log" --suppressions="$SUPP" \
        --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
        --num-callers=30 --error-exitcode=1 "$bin" -n "$ROOT/tests/embed/leak.php" "${EMBED_ROUNDS:-3}"
    if [ -s "$log" ]; then
        head -c 20000 "$log"
        fail "embed: valgrind reported errors or leaks (log: $log)"
    else
        pass 1
        echo "embed: valgrind clean (0 errors, 0 bytes definitely or indirectly lost)"
    fi
}

# ----------------------------------------------------------- twin's own tests

suite_php() {
    local runner
    for runner in tests/php/run.php tests/php/run-tests.php tests/php/runner.php; do
        if [ -f "$runner" ]; then
            counted "tests/php" "$PHPBIN" "$runner"
            return
        fi
    done
    fail "no runner in tests/php (run.php)"
}

# ------------------------------------------------------------- differential

suite_diff() {
    build_ext
    if [ ! -f "$TWIN" ]; then
        fail "php/fallback/load.php does not exist"
        return
    fi
    counted "diff" "$PHPBIN" tests/diff/run.php --seeds="${SEEDS:-1000}" --work="$WORK/diff" \
        --ext="$EXT" --twin="$TWIN"
}

# --------------------------------------------------------------------- fuzz

suite_fuzz() {
    local secs=${FUZZ_SMOKE_SECONDS:-30} t src corpus bin sbin work f n bad
    local found=0
    mkdir -p "$WORK/fuzz"
    for t in json snapshot; do
        src=tests/fuzz/fuzz_$t.c
        [ -f "$src" ] || continue
        found=1
        corpus=$(fuzz_corpus "$t")
        bin=$WORK/fuzz/fuzz_$t
        sbin=$WORK/fuzz/replay_$t
        echo "--- fuzz_$t (corpus: ${corpus:-none})"
        if ! fuzz_build "$bin" -fsanitize=fuzzer,address,undefined "$src"; then
            fail "fuzz_$t: libFuzzer build failed"
        else
            work=$WORK/fuzz/corpus_$t
            mkdir -p "$work"
            if (cd "$WORK/fuzz" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$bin" \
                -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
                -artifact_prefix="$WORK/fuzz/crash_${t}_" "$work" ${corpus:+"$corpus"} \
                >"$WORK/fuzz/fuzz_$t.log" 2>&1); then
                pass 1
                grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' \
                    "$WORK/fuzz/fuzz_$t.log" | sed "s/^/fuzz_$t: /"
            else
                tail -n 60 "$WORK/fuzz/fuzz_$t.log"
                fail "fuzz_$t: the fuzzer found a crash (see $WORK/fuzz/crash_${t}_*)"
            fi
        fi
        # The standalone build replays every file of the corpus as a plain program.
        if ! fuzz_build "$sbin" "-DDJ_FUZZ_STANDALONE -fsanitize=address,undefined" "$src"; then
            fail "fuzz_$t: standalone build failed"
            continue
        fi
        n=0
        bad=0
        if [ -n "$corpus" ]; then
            for f in "$corpus"/*; do
                [ -f "$f" ] || continue
                n=$((n + 1))
                if ! UBSAN_OPTIONS=halt_on_error=1 "$sbin" "$f" >"$WORK/fuzz/replay.log" 2>&1; then
                    bad=$((bad + 1))
                    tail -n 30 "$WORK/fuzz/replay.log"
                    fail "fuzz_$t: replay of $f"
                fi
            done
        fi
        if [ "$n" = 0 ]; then
            fail "fuzz_$t: no corpus files to replay"
        else
            pass $((n - bad))
            echo "replay_$t: $((n - bad)) passed, $bad failed (seed corpus, one test per file)"
        fi
        # And the inputs the fuzzer added (kept in .work between runs), in one go.
        work=$WORK/fuzz/corpus_$t
        n=$(find "$work" -type f 2>/dev/null | wc -l)
        if [ "$n" -gt 0 ]; then
            if find "$work" -type f -print0 | UBSAN_OPTIONS=halt_on_error=1 xargs -0 "$sbin" \
                >"$WORK/fuzz/replay.log" 2>&1; then
                pass 1
                echo "replay_$t: the $n inputs the fuzzer kept replay cleanly"
            else
                tail -n 30 "$WORK/fuzz/replay.log"
                fail "fuzz_$t: replay of the fuzzer's own corpus ($work)"
            fi
        fi
    done
    [ "$found" = 1 ] || fail "no tests/fuzz/fuzz_*.c"
}

fuzz_corpus() { # the seed corpus folder of target $1, if any
    local d
    for d in tests/fuzz/corpus/$1 tests/fuzz/corpus_$1 tests/fuzz/$1_corpus tests/fuzz/corpus/fuzz_$1; do
        if [ -d "$d" ]; then
            echo "$ROOT/$d"
            return
        fi
    done
}

fuzz_build() { # fuzz_build OUT "FLAGS" SRC (skipped when OUT is newer than every source)
    local out=$1 flags=$2 src=$3 f
    if [ -x "$out" ] && [ "$out.flags" -nt "$src" ] && [ "$(cat "$out.flags")" = "$flags" ]; then
        for f in src/core/*.c src/core/*.h; do
            [ "$f" -nt "$out" ] && break
            f=""
        done
        [ -z "$f" ] && return 0
    fi
    rm -f "$out.flags"
    # shellcheck disable=SC2086
    ${CLANG:-clang} -g -O1 -std=c99 -fno-omit-frame-pointer $flags -I src/core \
        $(pkg-config --cflags jansson) -o "$out" "$src" src/core/*.c $(pkg-config --libs jansson) -lm &&
        echo "$flags" >"$out.flags"
}

# The plugin on a real WordPress + MariaDB on loopback (tests/wp/run.sh installs
# the packages it needs and starts and stops its own servers).
suite_wp() {
    build_ext
    e2e_deps
    counted wp bash tests/wp/run.sh
}

# Chromium and playwright-core: the browser suite's, and test_user_dashboard's look at the people
# list at 1280 px (the wp suites run before e2e in `make test`).
e2e_deps() {
    if ! bash scripts/e2e-deps.sh >"$WORK/logs/e2e-deps.log" 2>&1; then
        tail -5 "$WORK/logs/e2e-deps.log"
        fail "scripts/e2e-deps.sh failed (Chromium, playwright-core)"
    fi
}

# The browser suite: headless Debian Chromium driven by playwright-core.
suite_e2e() {
    build_ext
    counted e2e bash tests/e2e/run.sh
}

# Datasets kept across the requests of one PHP worker.
suite_keep() {
    build_ext
    counted keep bash tests/keep/run.sh
}

# The benchmark on a small dataset, so that it cannot rot: no timing is
# asserted; it fails when the extension, the twin and the C floor disagree.
suite_bench() {
    build_ext
    if bash bench/run.sh --small; then
        pass 1
    else
        fail "bench/run.sh --small: the implementations disagree or the benchmark broke"
    fi
}

# The same two suites on WordPress 6.5.5 (Debian ships 6.1.9): scripts/wp-builds.sh brings the
# tree from npm, scripts/wp-env.sh copies it (DJ_WP_SRC) into a site of its own.
wp_src_65() {
    local src
    if ! src=$(bash scripts/wp-builds.sh 6.5); then
        fail "WordPress 6.5.5: scripts/wp-builds.sh 6.5 failed"
        finish
    fi
    echo "$src"
}

suite_wp65() {
    build_ext
    local src
    src=$(wp_src_65)
    e2e_deps
    counted "wp [WordPress 6.5.5]" env DJ_WP_SRC="$src" DJ_TEST_WP_DIR="$WORK/test-wp-6.5" \
        DJ_TEST_DB_PORT=3318 DJ_TEST_WEB_PORT=8092 bash tests/wp/run.sh
}

suite_e2e65() {
    build_ext
    local src
    src=$(wp_src_65)
    counted "e2e [WordPress 6.5.5]" env DJ_WP_SRC="$src" DJ_E2E_DIR="$WORK/test-e2e-6.5" \
        DJ_E2E_DB_PORT=3362 DJ_E2E_WEB_PORT=8162 bash tests/e2e/run.sh
}

# The C sources follow .clang-format (scripts/check-format.sh; `make format` rewrites them).
suite_format() {
    counted format sh scripts/check-format.sh
}

# The city view: a real multisite network of 50 branches (tests/network/run.sh starts its own).
suite_network() {
    build_ext
    counted network bash tests/network/run.sh
}

# Both engines against an independent reading of STATS.md v2 (tests/oracle/README.md).
suite_oracle() {
    build_ext
    counted oracle "$PHPBIN" tests/oracle/run.php
}

# The extension packaged for PIE: built from the package's source archive as PIE builds it.
suite_package() {
    counted package bash scripts/check-package.sh
}

SUITE=${1:?usage: suite.sh c|chaos|phpt|twin|valgrind|embed|php|diff|fuzz|wp|e2e|keep|bench|package|wp65|e2e65|oracle|network|format}
case "$SUITE" in
c | chaos | phpt | twin | valgrind | embed | php | diff | fuzz | wp | e2e | keep | bench | package | wp65 | e2e65 | oracle | network | format) "suite_$SUITE" ;;
*)
    echo "suite.sh: unknown suite $SUITE" >&2
    exit 2
    ;;
esac
finish
