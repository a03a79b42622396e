#!/bin/sh
# build-ext.sh - build the extension out of tree and expose modules/dangjian.so.
#
# phpize cannot run in the repository root (its generated Makefile would clash
# with ours), so config.m4 and src/ are mirrored into .work/build/ (a file is
# copied only when its bytes changed, so make rebuilds only what changed), then
# phpize + ./configure run there when config.m4 changed, then make.
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

# A shared module links even with undefined symbols: check that PHP loads it.
PHP=${PHP:-php}
if ! out=$("$PHP" -n -d "extension=$BUILD/modules/dangjian.so" -r 'exit(extension_loaded("dangjian") ? 0 : 1);' 2>&1); then
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
