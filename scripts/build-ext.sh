#!/bin/sh
# build-ext.sh - build the extension out of tree and expose modules/dangjian.so.
#
# phpize cannot run in the repository root (its generated Makefile would clash
# with ours), so config.m4 and src/ are mirrored into .work/build/ (a file is
# copied only when its bytes changed, so make rebuilds only what changed), then
# phpize + ./configure run there when config.m4 changed, then make.
#
# The committed src/dangjian_arginfo.h must be the one gen_stub.php makes from
# src/dangjian.stub.php: its "Stub hash" line is the SHA-1 of the stub, and a
# stale file stops the build. `sh scripts/build-ext.sh --arginfo` regenerates
# it with PHP's own build/gen_stub.php (from php-dev), offline: the PHP-Parser
# it wants is taken from the Debian package php-nikic-php-parser
# (/usr/share/php/PhpParser) instead of a download.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${DJ_BUILD_DIR:-$ROOT/.work/build}
JOBS=${JOBS:-2}
PHPIZE=${PHPIZE:-phpize}
PHP_CONFIG=${PHP_CONFIG:-php-config}

mkdir -p "$BUILD"
cd "$ROOT"

if [ ! -f config.m4 ] || [ ! -d src ]; then
    echo "build-ext: config.m4 or src/ is missing" >&2
    exit 1
fi

STUB=src/dangjian.stub.php
ARGINFO=src/dangjian_arginfo.h

# Regenerates the arginfo from the stub (see above).
gen_arginfo() {
    # Debian's php-dev keeps it beside the extension folder: /usr/lib/php/<api>/build
    gen=${GEN_STUB:-$("$PHP_CONFIG" --extension-dir)/build/gen_stub.php}
    if [ ! -f "$gen" ]; then
        echo "build-ext: gen_stub.php not found (install php-dev, or set GEN_STUB)" >&2
        exit 1
    fi
    parser=${PHP_PARSER_DIR:-/usr/share/php/PhpParser}
    if [ ! -f "$parser/Parser.php" ]; then
        echo "build-ext: PHP-Parser not found in $parser (apt-get install php-nikic-php-parser, or set PHP_PARSER_DIR)" >&2
        exit 1
    fi
    tool=$ROOT/.work/gen_stub
    version=$(sed -n 's/.*\$version = "\([0-9.]*\)".*/\1/p' "$gen" | head -1)
    rm -rf "$tool"
    mkdir -p "$tool/PHP-Parser-$version/lib" "$tool/stub"
    cp "$gen" "$tool/gen_stub.php"
    ln -s "$parser" "$tool/PHP-Parser-$version/lib/PhpParser"
    cp "$STUB" "$tool/stub/dangjian.stub.php"
    "${PHP:-php}" "$tool/gen_stub.php" "$tool/stub/dangjian.stub.php" >/dev/null
    cp "$tool/stub/dangjian_arginfo.h" "$ARGINFO"
    echo "build-ext: $ARGINFO regenerated from $STUB"
}

if [ "${1:-}" = "--arginfo" ]; then
    gen_arginfo
    exit 0
fi

# A stale arginfo stops the build: the hash gen_stub.php wrote is the stub's SHA-1.
want=$(sha1sum "$STUB" | cut -d' ' -f1)
have=$(sed -n 's/.*Stub hash: \([0-9a-f]*\).*/\1/p' "$ARGINFO" | head -1)
if [ "$want" != "$have" ]; then
    echo "build-ext: $ARGINFO is stale: it was made from a stub with hash ${have:-(none)}, $STUB has $want" >&2
    echo "build-ext: regenerate it with: sh scripts/build-ext.sh --arginfo" >&2
    exit 1
fi

changed_m4=0
changed_hdr=0

# Mirror one file: copy (with a fresh mtime) only when the bytes differ.
sync_file() {
    if ! cmp -s "$1" "$BUILD/$1"; then
        mkdir -p "$BUILD/$(dirname "$1")"
        cp "$1" "$BUILD/$1"
        case "$1" in
        config.m4) changed_m4=1 ;;
        *.h) changed_hdr=1 ;;
        esac
    fi
}

sync_file config.m4
for f in $(find src -type f \( -name '*.c' -o -name '*.h' \) | sort); do
    sync_file "$f"
done
# Drop mirrored sources that no longer exist in the tree.
if [ -d "$BUILD/src" ]; then
    for f in $(cd "$BUILD" && find src -type f \( -name '*.c' -o -name '*.h' \)); do
        if [ ! -f "$f" ]; then
            rm -f "$BUILD/$f"
            changed_hdr=1
        fi
    done
fi

cd "$BUILD"
if [ "$changed_m4" = 1 ] || [ ! -f Makefile ]; then
    echo "build-ext: phpize && ./configure in $BUILD"
    "$PHPIZE" --clean >/dev/null 2>&1 || true
    "$PHPIZE" >phpize.out 2>&1 || {
        cat phpize.out >&2
        echo "build-ext: phpize failed" >&2
        exit 1
    }
    ./configure --with-php-config="$(command -v "$PHP_CONFIG")" --enable-dangjian >configure.out 2>&1 || {
        tail -30 configure.out >&2
        echo "build-ext: ./configure failed (full log: $BUILD/configure.out)" >&2
        exit 1
    }
elif [ "$changed_hdr" = 1 ]; then
    # PHP's generated Makefile does not track header dependencies.
    make clean >/dev/null
fi

make -j"$JOBS" >make.out 2>&1 || {
    cat make.out >&2
    echo "build-ext: make failed in $BUILD" >&2
    exit 1
}
grep -E 'warning:' make.out >&2 || true

# A shared module links even with undefined symbols: check that PHP loads it, every symbol bound at
# once (LD_BIND_NOW: PHP binds lazily, so a missing function would fail only when first called).
PHP=${PHP:-php}
if ! out=$(LD_BIND_NOW=1 "$PHP" -n -d "extension=$BUILD/modules/dangjian.so" -r 'exit(extension_loaded("dangjian") ? 0 : 1);' 2>&1); then
    echo "$out" >&2
    echo "build-ext: the built module does not load (is every source file listed in config.m4?)" >&2
    exit 1
fi

mkdir -p "$ROOT/modules"
if ! cmp -s modules/dangjian.so "$ROOT/modules/dangjian.so"; then
    cp modules/dangjian.so "$ROOT/modules/dangjian.so.tmp"
    mv "$ROOT/modules/dangjian.so.tmp" "$ROOT/modules/dangjian.so"
fi
echo "build-ext: modules/dangjian.so is up to date"
