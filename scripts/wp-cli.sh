#!/bin/bash
# wp-cli.sh - a project-local WP-CLI for the plugin's commands and their tests.
#
#   scripts/wp-cli.sh install     install WP-CLI with Composer into .work/wp-cli (once; reused after)
#   scripts/wp-cli.sh path        print the path of its `wp` launcher (installing it first when missing)
#   scripts/wp-cli.sh run ARGS... run it: scripts/wp-cli.sh run --path=DIR dangjian stats
#
# Debian has no wp-cli package and wp-cli/wp-cli-bundle is not on every Packagist mirror, so this
# installs wp-cli/wp-cli alone (no core commands; plugin commands work with --path=). Its dependency
# mustache/mustache is pinned to 2.13.0 (announced as 2.14.1, which wp-cli asks for) because that is
# the version the mirrors carry; its one PHP 8.2 deprecation is patched (patch_mustache). Exit status: 0 done; 3 Composer is missing; 4 the install failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${DJ_WP_CLI_DIR:-$ROOT/.work/wp-cli}
WP=$DIR/vendor/bin/wp

say() { echo "wp-cli: $*" >&2; }

# mustache/mustache 2.13.0 (the only version the mirrors carry) calls trim(null) in its Tokenizer
# when WP-CLI renders a template without delimiters, which PHP 8.1+ reports as a deprecation on every
# command's stderr. Rather than lowering error_reporting (which would hide other notices too), the one
# call gets a (string) cast here after each install (idempotent): mustache then runs clean on PHP 8.2.
# Drop this once the mirrors carry a mustache release that is clean on PHP 8.1+.
patch_mustache() {
    local f=$DIR/vendor/mustache/mustache/src/Mustache/Tokenizer.php
    [ -f "$f" ] || return 0
    if grep -q 'if (\$delimiters = trim(\$delimiters))' "$f"; then
        sed -i 's/if (\$delimiters = trim(\$delimiters))/if ($delimiters = trim((string) $delimiters))/' "$f"
    fi
}

install() {
    if [ -x "$WP" ] && [ -f "$DIR/vendor/wp-cli/wp-cli/php/boot-fs.php" ]; then
        patch_mustache
        return 0
    fi
    if ! command -v composer >/dev/null 2>&1; then
        say "Composer is missing (apt-get install composer): WP-CLI cannot be installed"
        exit 3
    fi
    mkdir -p "$DIR"
    [ -f "$DIR/composer.json" ] || echo '{"name":"dangjian/wp-cli-local","description":"WP-CLI for the tests","require":{}}' >"$DIR/composer.json"
    say "installing WP-CLI with Composer into $DIR"
    if ! (cd "$DIR" && COMPOSER_ALLOW_SUPERUSER=1 composer require --no-interaction --no-progress \
        'mustache/mustache:2.13.0 as 2.14.1' 'wp-cli/wp-cli:^2.11' >"$DIR/install.log" 2>&1); then
        tail -20 "$DIR/install.log" >&2
        say "the install failed; see $DIR/install.log"
        exit 4
    fi
    [ -x "$WP" ] || {
        say "Composer finished but $WP is missing; see $DIR/install.log"
        exit 4
    }
    patch_mustache
}

case "${1:-}" in
install) install ;;
path)
    install
    echo "$WP"
    ;;
run)
    shift
    install
    exec "$WP" "$@"
    ;;
*)
    echo "usage: wp-cli.sh install | path | run ARGS..." >&2
    exit 2
    ;;
esac
