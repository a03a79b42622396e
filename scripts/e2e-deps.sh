#!/bin/bash
# e2e-deps.sh - what the browser tests (tests/e2e/) need, installed when missing:
#   - Debian's chromium and a CJK font (fonts-wqy-microhei; without it Chinese renders as boxes),
#     through apt-get (root);
#   - playwright-core from npm into tests/e2e/node_modules, at the version of tests/e2e/package-lock.json
#     (1.64.x, the release that drives Chromium 156, Debian 12's chromium). No browser is downloaded:
#     the tests launch /usr/bin/chromium (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1; playwright-core never
#     downloads one anyway).
# Run it again: it does nothing when everything is there.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
E2E=$ROOT/tests/e2e
PACKAGES="chromium fonts-wqy-microhei nodejs npm"

say() { echo "e2e-deps: $*"; }
die() {
    echo "e2e-deps: $*" >&2
    exit 1
}

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed'; then
        # node and npm may come from elsewhere than Debian: only their commands matter.
        case "$p" in
        nodejs) command -v node >/dev/null && continue ;;
        npm) command -v npm >/dev/null && continue ;;
        esac
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] || die "missing Debian packages:$missing (run as root, or apt-get install them)"
    say "installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
[ -x /usr/bin/chromium ] || die "no /usr/bin/chromium after installing the chromium package"

want=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' "$E2E/package.json" | head -1)
have=""
if [ -f "$E2E/node_modules/playwright-core/package.json" ]; then
    have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$E2E/node_modules/playwright-core/package.json" | head -1)
fi
if [ -z "$have" ] || [ "$have" != "$want" ]; then
    say "installing playwright-core $want from npm into tests/e2e/node_modules"
    (cd "$E2E" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
        die "npm ci failed in $E2E"
fi
exit 0
