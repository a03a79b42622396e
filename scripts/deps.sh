#!/bin/sh
# deps.sh - install the Debian packages the build and the tests need, once.
#
# Does nothing when every package is installed. As root, runs `apt-get update`
# once and installs what is missing; otherwise names the missing packages and
# fails. Extra packages may be given as arguments.
set -eu

PACKAGES="make gcc libc6-dev php8.2-dev libphp8.2-embed libjansson-dev pkg-config php8.2-cli php8.2-mbstring php8.2-xml
php8.2-intl valgrind clang libclang-rt-14-dev $*"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run as root (or: sudo apt-get install$missing) and try again" >&2
    exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $missing
