#!/bin/sh
# check-format.sh - the C sources follow .clang-format: clang-format --dry-run
# --Werror over every .c and .h file under src/ and tests/ (the generated
# src/dangjian_arginfo.h aside). Prints each file that differs and a summary
# line "check-format: N passed, M failed" (the form scripts/suite.sh counts);
# exits non-zero when any file differs. `make format` rewrites them.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}

if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
    echo "check-format: $CLANG_FORMAT is not installed (apt-get install clang-format)" >&2
    echo "check-format: 0 passed, 1 failed"
    exit 1
fi

pass=0
fail=0
for f in $(find src tests -name '*.c' -o -name '*.h' | grep -v '_arginfo\.h$' | sort); do
    if "$CLANG_FORMAT" --dry-run --Werror --style=file "$f" >/dev/null 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "check-format: $f is not formatted (make format, or: $CLANG_FORMAT -i $f)"
    fi
done
echo "check-format: $pass passed, $fail failed"
[ "$fail" = 0 ]
